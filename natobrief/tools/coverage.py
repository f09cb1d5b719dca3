"""Which sentences of each source some card quotes, and which fact-bearing ones none does.

A sentence "bears a fact" when it holds something a card could ask about: a
number, a date, a name or acronym past the first word, or a quotation. The
check is deliberately simple and explainable: each uncovered sentence is listed
with the reason it counts as fact-bearing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from natobrief.deck.grounding import paragraph_spans
from natobrief.deck.model import Deck, Source

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

_SENTENCE_END = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n")
_NUMBER = re.compile(r"\d")
_MONTH = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\b"
)
_ACRONYM = re.compile(r"\b[A-Z]{2,}[0-9]?\b")
_NAME = re.compile(r"(?<=\s)[A-Z][a-z]+")
_QUOTATION = re.compile(r"[“\"][^”\"]{3,}[”\"]")
_HEADLINE_MAX_WORDS = 12


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a source, where it stands, and what coverage says of it."""

    start: int
    end: int
    text: str
    facts: tuple[str, ...]  # why it bears a fact: "number", "name", ...
    covered_by: tuple[str, ...]  # ids of the cards whose quotes overlap it

    @property
    def fact_bearing(self) -> bool:
        """True when it holds something a card could ask about."""
        return bool(self.facts)


@dataclass(frozen=True, slots=True)
class DocumentCoverage:
    """Coverage of one source document by one deck's cards."""

    deck_id: str
    source: Source
    sentences: tuple[Sentence, ...]

    @property
    def fact_sentences(self) -> list[Sentence]:
        """The sentences that bear a fact."""
        return [s for s in self.sentences if s.fact_bearing]

    @property
    def uncovered(self) -> list[Sentence]:
        """Fact-bearing sentences that no card quotes."""
        return [s for s in self.fact_sentences if not s.covered_by]

    @property
    def percent(self) -> float:
        """Share of fact-bearing sentences covered, in percent."""
        facts = self.fact_sentences
        if not facts:
            return 100.0
        return round(100.0 * (len(facts) - len(self.uncovered)) / len(facts), 1)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a text (line breaks inside sentences are fine)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for found in _SENTENCE_END.finditer(text):
        spans.append((start, found.start()))
        start = found.end()
    spans.append((start, len(text)))
    result = []
    for a, b in spans:
        chunk = text[a:b]
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        # A line without end punctuation (a headline or a date line) stands alone.
        for line_start, line in _lines(text, a + lead, a + lead + len(stripped)):
            result.append((line_start, line_start + len(line)))
    return result


def _lines(text: str, start: int, end: int) -> list[tuple[int, str]]:
    chunk = text[start:end]
    parts = chunk.split("\n")
    if (
        all(
            part.rstrip().endswith((".", "!", "?", ":", ",", ";", "”", '"')) or not part.strip()
            for part in parts[:-1]
        )
        and len(parts) > 1
        and not _looks_hard_wrapped(parts)
    ):
        found, offset = [], start
        for part in parts:
            if part.strip():
                found.append((offset + len(part) - len(part.lstrip()), part.strip()))
            offset += len(part) + 1
        return found
    return [(start, chunk)]


def _looks_hard_wrapped(parts: list[str]) -> bool:
    return sum(len(p) > 40 for p in parts) > 1 and any(
        not p.rstrip().endswith((".", "!", "?")) for p in parts[:-1]
    )


def fact_reasons(sentence: str) -> tuple[str, ...]:
    """Why a sentence bears a fact (empty when it does not)."""
    words = sentence.split()
    if len(words) < 3:
        return ()
    reasons = []
    if _NUMBER.search(sentence):
        reasons.append("number")
    if _MONTH.search(sentence):
        reasons.append("date")
    if _ACRONYM.search(sentence):
        reasons.append("acronym")
    if _QUOTATION.search(sentence):
        reasons.append("quotation")
    if _NAME.search(" " + " ".join(words[1:])):
        reasons.append("name")
    return tuple(reasons)


def document_coverage(deck: Deck, source: Source) -> DocumentCoverage:
    """Coverage of ``source`` by the cards of ``deck`` that cite it."""
    quotes = [
        (quote.start, quote.end, card.id)
        for card in deck.cards
        if card.source.doc == source.id
        for quote in card.source.quotes
    ]
    structured = source.headings is not None  # a reader's blocks say what is a heading
    headings = (
        set(source.headings or ())
        if structured
        else {
            (a, b)
            for a, b in paragraph_spans(source.text)
            if len(source.text[a:b].split()) <= _HEADLINE_MAX_WORDS
        }
    )
    sentences = []
    for start, end in split_sentences(source.text):
        text = " ".join(source.text[start:end].split())
        covering = tuple(
            dict.fromkeys(
                card_id for q_start, q_end, card_id in quotes if q_start < end and q_end > start
            )
        )
        facts = fact_reasons(text)
        unpunctuated = not text.endswith((".", "?", "!", '"', "”"))
        if structured:  # a list item or a table row bears facts without a full stop
            if any(a <= start and end <= b for a, b in headings):
                facts = ()
        elif (start, end) in headings or (
            unpunctuated and len(text.split()) <= 2 * _HEADLINE_MAX_WORDS
        ):
            facts = ()  # a headline, a date line or a section title standing alone
        if source.is_skipped(start, end):
            facts = ()  # left out by the deck's skip: (a page's debris, a section)
        sentences.append(Sentence(start, end, text, facts, covering))
    return DocumentCoverage(deck.id, source, tuple(sentences))


def in_section(document: DocumentCoverage, heading: str) -> DocumentCoverage | None:
    """The coverage of the section of ``document`` under ``heading`` (a level of its places,
    "History" or "History › Early years", or a page, "p. 4"), None when it has no such."""
    wanted = heading.casefold().strip()

    def under(place: str) -> bool:
        levels = [level.casefold() for level in place.split(" › ")]
        return wanted in levels or place.casefold().startswith(wanted)

    source = document.source
    kept = tuple(s for s in document.sentences if under(source.place_at(s.start)))
    return replace(document, sentences=kept) if kept else None


def section_names(documents: list[DocumentCoverage]) -> list[str]:
    """The top-level sections (or pages) the documents have, for a hint."""
    names = {place.split(" › ")[0] for doc in documents for _, place in doc.source.places}
    return sorted(name for name in names if name)


def deck_coverage(deck: Deck) -> list[DocumentCoverage]:
    """Coverage of each source of a deck."""
    return [document_coverage(deck, source) for source in deck.sources.values()]


def coverage_json(documents: list[DocumentCoverage]) -> dict[str, object]:
    """The coverage report as JSON-ready data."""
    return {
        "documents": [
            {
                "deck": doc.deck_id,
                "source": doc.source.id,
                "title": doc.source.title,
                "sentences": len(doc.sentences),
                "fact_sentences": len(doc.fact_sentences),
                "covered": len(doc.fact_sentences) - len(doc.uncovered),
                "percent": doc.percent,
                "uncovered": [
                    {"text": s.text, "facts": list(s.facts), "start": s.start, "end": s.end}
                    for s in doc.uncovered
                ],
            }
            for doc in documents
        ],
        "uncovered_total": sum(len(doc.uncovered) for doc in documents),
    }


UNCOVERED_MARK = "[not covered]"
LEGEND_PLAIN = f"Legend: {UNCOVERED_MARK} marks a fact-bearing sentence that no card quotes."
LEGEND_COLOUR = "Legend: green = quoted by a card, red = a fact no card quotes, dim = no fact."


def print_coverage(documents: list[DocumentCoverage], console: Console, show_text: bool) -> None:
    """A line per document with its percentage, then the uncovered sentences (or whole texts).

    With ``show_text`` each document follows, paragraph by paragraph. Colour
    alone would leave nothing to tell covered from uncovered sentences in a
    pipe, a file or a terminal without colour, so there each uncovered
    fact-bearing sentence is preceded by a plain-text mark, and a legend says so.
    """
    from rich.markup import escape

    plain = console.no_color or console.color_system is None
    if show_text and documents:
        console.print(LEGEND_PLAIN if plain else LEGEND_COLOUR, highlight=False, markup=False)
        console.print()
    for doc in documents:
        facts = doc.fact_sentences
        covered = len(facts) - len(doc.uncovered)
        colour = "green" if not doc.uncovered else "yellow"
        console.print(
            f"[bold]{escape(doc.source.title)}[/] ({escape(doc.deck_id)}/{escape(doc.source.id)}): "
            f"[{colour}]{doc.percent}%[/] of {len(facts)} fact-bearing sentences covered "
            f"({covered}), {len(doc.sentences)} sentences in all",
            highlight=False,
            soft_wrap=True,
        )
        if show_text:
            console.print(document_text(doc, plain))
            console.print()
            continue
        for sentence in doc.uncovered:
            console.print(
                f"  [red]uncovered[/] ({', '.join(sentence.facts)}): {escape(sentence.text)}",
                highlight=False,
                soft_wrap=True,
            )
    total = sum(len(doc.uncovered) for doc in documents)
    console.print(f"{total} fact-bearing sentences without a card.", highlight=False)


def document_text(doc: DocumentCoverage, plain: bool) -> Text:
    """The source's text with each sentence styled by its coverage, paragraphs kept apart.

    Sentences of one paragraph are joined by a space (their line breaks are
    the source's wrapping, not the reader's); paragraphs, the title among them,
    are separated by a blank line. ``plain`` puts the uncovered mark before
    each uncovered fact-bearing sentence, for output without colour.
    """
    from rich.text import Text

    paragraphs = paragraph_spans(doc.source.text)
    grouped: dict[int, list[Sentence]] = {}
    for sentence in doc.sentences:
        index = next(
            (i for i, (_, end) in enumerate(paragraphs) if sentence.start < end),
            len(paragraphs),
        )
        grouped.setdefault(index, []).append(sentence)
    text = Text()
    for number, index in enumerate(sorted(grouped)):
        if number:
            text.append("\n\n")
        for position, sentence in enumerate(grouped[index]):
            if position:
                text.append(" ")
            uncovered = sentence.fact_bearing and not sentence.covered_by
            if plain and uncovered:
                text.append(UNCOVERED_MARK + " ")
            style = "green" if sentence.covered_by else ("red" if uncovered else "dim")
            text.append(sentence.text, style=style)
    return text
