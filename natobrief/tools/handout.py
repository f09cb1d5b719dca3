"""``natobrief handout``: a briefing sheet per source document, as Markdown or a printable page.

For each document the decks cite: its title, date and address, then every card
written from it as a question with its answer, the quoted passages and the
card's note, in the order the quotes appear in the document, so the sheet reads
like a summary of the document itself. Documents cited by several decks get one
sheet. All deck text is escaped for the target format: it is data, never markup.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import singledispatch
from pathlib import Path

from natobrief.deck.model import (
    GAP,
    Card,
    ChoiceCard,
    ClozeCard,
    Deck,
    MatchCard,
    NumberCard,
    OrderCard,
    ShortCard,
    Source,
    TrueFalseCard,
)
from natobrief.errors import UsageError
from natobrief.files import write_atomically
from natobrief.grading.numbers import format_number
from natobrief.grading.verdict import expected_answer
from natobrief.text import collapse_whitespace, strip_control

FORMATS = {".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}


@dataclass(frozen=True)
class Fact:
    """One card on a sheet: the question, its answer, and where the document says so."""

    position: int  # where its first quote starts in the document
    question: str
    answer: str | None  # one-line answer, or None when ``answer_items`` holds a list
    answer_items: tuple[str, ...]  # order: the items in order; match: "left → right"
    quotes: tuple[str, ...]
    note: str
    deck_id: str
    card_id: str
    places: tuple[str, ...] = ()  # each quote's page or section ("p. 4"), "" for plain text


@dataclass
class Sheet:
    """The briefing sheet of one source document."""

    source: Source
    deck_titles: list[str] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)


def handout_format(target: Path) -> str:
    """'markdown' or 'html' from the file's suffix; UsageError naming the suffixes that work."""
    kind = FORMATS.get(target.suffix.lower())
    if kind is None:
        raise UsageError(
            f"cannot tell the handout format from '{target.name}': name the file "
            "FILE.md (Markdown) or FILE.html (a page to print or open in a browser)"
        )
    return kind


def _clean(text: str) -> str:
    return collapse_whitespace(strip_control(text))


def fact(deck: Deck, card: Card) -> Fact:
    """The sheet entry for one card."""
    question, answer, items = _entry(card)
    quotes = card.source.quotes
    return Fact(
        position=min((quote.start for quote in quotes), default=0),
        question=_clean(question),
        answer=None if answer is None else _clean(answer),
        answer_items=tuple(_clean(item) for item in items),
        quotes=tuple(_clean(quote.text) for quote in sorted(quotes, key=lambda q: q.start)),
        note=_clean(card.note),
        deck_id=deck.id,
        card_id=card.id,
        places=tuple(
            _place(deck, card, quote.start) for quote in sorted(quotes, key=lambda q: q.start)
        ),
    )


def _place(deck: Deck, card: Card, offset: int) -> str:
    source = deck.sources.get(card.source.doc)
    return _clean(source.place_at(offset)) if source is not None else ""


def _placed(entry: Fact) -> list[tuple[str, str]]:
    """Each quote with its page or section ("" when the source has none)."""
    places = entry.places or ("",) * len(entry.quotes)
    return list(zip(entry.quotes, places, strict=False))


Entry = tuple[str, str | None, tuple[str, ...]]  # the question, its answer, or the answer's items


@singledispatch
def _entry(card: Card) -> Entry:
    """A card type with no entry of its own: its prompt and expected answer."""
    return card.prompt, expected_answer(card), ()


@_entry.register
def _short(card: ShortCard) -> Entry:
    return (
        card.prompt,
        card.answer + (f" (also: {'; '.join(card.accept)})" if card.accept else ""),
        (),
    )


@_entry.register
def _choice(card: ChoiceCard) -> Entry:
    return card.prompt, card.answer, ()


@_entry.register
def _truefalse(card: TrueFalseCard) -> Entry:
    return card.prompt, "True" if card.answer else "False", ()


@_entry.register
def _cloze(card: ClozeCard) -> Entry:
    question = f"{_clean(card.prompt)} {GAP.sub('_____', card.text)}"
    return question, "; ".join(gap[0] for gap in card.gaps), ()


@_entry.register
def _number(card: NumberCard) -> Entry:
    unit = card.unit.strip()
    answer = format_number(card.answer) + (f" {unit}" if unit[:1].isalnum() else unit)
    if card.tolerance:
        answer += f" (± {format_number(card.tolerance)})"
    return card.prompt, answer, ()


@_entry.register
def _order(card: OrderCard) -> Entry:
    return card.prompt, None, tuple(card.items)


@_entry.register
def _match(card: MatchCard) -> Entry:
    return card.prompt, None, tuple(f"{left} → {right}" for left, right in card.pairs)


def sheets(decks: list[Deck]) -> list[Sheet]:
    """One sheet per source document, in the order the decks first cite them."""
    by_document: dict[Path, Sheet] = {}
    for deck in decks:
        for card in deck.cards:
            source = deck.sources[card.source.doc]
            sheet = by_document.setdefault(source.path.resolve(), Sheet(source))
            if deck.title not in sheet.deck_titles:
                sheet.deck_titles.append(deck.title)
            sheet.facts.append(fact(deck, card))
    for sheet in by_document.values():
        sheet.facts.sort(key=lambda entry: entry.position)  # stable: ties keep deck order
    return list(by_document.values())


# Markdown

# Characters that start Markdown syntax anywhere in a line (CommonMark lets any
# ASCII punctuation be backslash-escaped, so escaping is always safe).
_MD_INLINE = re.compile(r"([\\`*_\[\]<>|~&#])")
# Characters that only start syntax at the beginning of a line: lists, headings, quotes.
_MD_LINE_START = re.compile(r"^(\s*)([-+=>]|\d+(?=[.)]))")


def md(text: str) -> str:
    """Deck text as literal Markdown: control characters gone, one line, syntax escaped."""
    escaped = _MD_INLINE.sub(r"\\\1", _clean(text))
    return _MD_LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2), escaped)


def _source_line(source: Source) -> str:
    parts = [source.date or "undated"]
    if source.url:
        parts.append(_clean(source.url))
    return " · ".join(parts)


def to_markdown(all_sheets: list[Sheet]) -> str:
    """The handout as one Markdown document."""
    lines = ["# Briefing handout", ""]
    for sheet in all_sheets:
        source = sheet.source
        lines += [f"## {md(source.title)}", "", md(_source_line(source)), ""]
        lines += [f"Decks: {md(', '.join(sheet.deck_titles))}", ""]
        for number, entry in enumerate(sheet.facts, start=1):
            lines += [f"### {number}. {md(entry.question)}", ""]
            if entry.answer is not None:
                lines += [f"**Answer:** {md(entry.answer)}", ""]
            else:
                lines += ["**Answer:**", ""]
                lines += [f"{n}. {md(item)}" for n, item in enumerate(entry.answer_items, 1)]
                lines.append("")
            for quote, place in _placed(entry):
                lines += [f"> {md(quote)}" + (f" ({md(place)})" if place else ""), ""]
            if entry.note:
                lines += [f"*Note:* {md(entry.note)}", ""]
    return "\n".join(lines).rstrip() + "\n"


# HTML

_STYLE = """
body { font: 11pt/1.45 Georgia, "Times New Roman", serif; color: #111; max-width: 46em;
       margin: 2em auto; padding: 0 1em; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; }
h2 { font-size: 1.3em; border-bottom: 1px solid #999; padding-bottom: 0.2em; margin-top: 2em; }
.meta { color: #444; margin-top: 0; }
.fact { margin: 1em 0; break-inside: avoid; page-break-inside: avoid; }
.fact h3 { font-size: 1em; margin: 0 0 0.3em; }
.answer { margin: 0.2em 0; }
blockquote { margin: 0.4em 0 0.4em 1em; padding-left: 0.8em; border-left: 3px solid #bbb;
             font-style: italic; color: #333; }
.note { color: #333; margin: 0.2em 0; }
@media print {
  body { margin: 0; max-width: none; }
  section + section { break-before: page; page-break-before: always; }
  a { color: inherit; text-decoration: none; }
}
"""


def h(text: str) -> str:
    """Deck text as literal HTML: control characters gone, one line, every special escaped."""
    return html.escape(_clean(text), quote=True)


def _source_html(source: Source) -> str:
    date = h(source.date or "undated")
    url = _clean(source.url or "")
    if url.startswith(("https://", "http://")):  # never a javascript: or data: link
        return f'{date} · <a href="{h(url)}">{h(url)}</a>'
    return f"{date} · {h(url)}" if url else date


def to_html(all_sheets: list[Sheet]) -> str:
    """The handout as a standalone page: inline print stylesheet, no scripts."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>Briefing handout</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<h1>Briefing handout</h1>",
    ]
    for sheet in all_sheets:
        out += [
            "<section>",
            f"<h2>{h(sheet.source.title)}</h2>",
            f'<p class="meta">{_source_html(sheet.source)}<br>'
            f"Decks: {h(', '.join(sheet.deck_titles))}</p>",
        ]
        for number, entry in enumerate(sheet.facts, start=1):
            out.append(f'<div class="fact" id="{h(entry.deck_id)}--{h(entry.card_id)}">')
            out.append(f"<h3>{number}. {h(entry.question)}</h3>")
            if entry.answer is not None:
                out.append(f'<p class="answer"><strong>Answer:</strong> {h(entry.answer)}</p>')
            else:
                out.append('<p class="answer"><strong>Answer:</strong></p>')
                out.append(
                    "<ol>" + "".join(f"<li>{h(i)}</li>" for i in entry.answer_items) + "</ol>"
                )
            out += [
                f"<blockquote>{h(quote)}"
                + (f' <span class="place">({h(place)})</span>' if place else "")
                + "</blockquote>"
                for quote, place in _placed(entry)
            ]
            if entry.note:
                out.append(f'<p class="note"><em>Note:</em> {h(entry.note)}</p>')
            out.append("</div>")
        out.append("</section>")
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def write_handout(decks: list[Deck], target: Path) -> tuple[int, int]:
    """Write the handout in the format the suffix names; returns (documents, cards)."""
    kind = handout_format(target)
    all_sheets = sheets(decks)
    text = to_markdown(all_sheets) if kind == "markdown" else to_html(all_sheets)
    write_atomically(target, text)  # a full disk leaves no half-written file
    return len(all_sheets), sum(len(sheet.facts) for sheet in all_sheets)
