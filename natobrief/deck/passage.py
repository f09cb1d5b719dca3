"""The source passage behind a card: its quote(s) highlighted inside the paragraph.

Both faces show this after an answer (the TUI highlights the spans; the headless
mode prints the paragraph), so it is computed once, here, from the quote spans
the loader kept.
"""

from __future__ import annotations

from dataclasses import dataclass

from natobrief.deck.grounding import paragraph_span
from natobrief.deck.model import AnyCard, Deck
from natobrief.text import collapse_whitespace


@dataclass(frozen=True, slots=True)
class Passage:
    """A paragraph of a source, with the quoted parts marked."""

    doc: str
    title: str
    date: str | None
    quote: str  # the card's quote(s), joined with " ... "
    text: str  # the paragraph, whitespace collapsed to single spaces
    highlights: tuple[tuple[int, int], ...]  # spans of ``text`` that the card quotes
    place: str = ""  # its page or section ("p. 4", "History › Early years"), if the source has

    @property
    def citation(self) -> str:
        """Title, date and place, as shown under a passage: "Report (2023), p. 4"."""
        cited = f"{self.title} ({self.date})" if self.date else self.title
        return f"{cited}, {self.place}" if self.place else cited


def passage_for(deck: Deck, card: AnyCard) -> Passage:
    """The paragraph holding the card's first quote, with every quote inside it marked."""
    source = deck.sources[card.source.doc]
    text = source.text
    quotes = card.source.quotes
    first = quotes[0]
    para_start, para_end = paragraph_span(text, first.start, first.end)
    for quote in quotes[1:]:  # widen to take in further quotes of neighbouring paragraphs
        start, end = paragraph_span(text, quote.start, quote.end)
        if start <= para_end + 2 and end >= para_start - 2:
            para_start, para_end = min(para_start, start), max(para_end, end)
    marks = sorted(
        (q.start - para_start, q.end - para_start)
        for q in quotes
        if q.start >= para_start and q.end <= para_end
    )
    paragraph, spans = _collapse_with_spans(text[para_start:para_end], marks)
    return Passage(
        doc=source.id,
        title=source.title,
        date=source.date,
        quote=" ... ".join(collapse_whitespace(q.text) for q in quotes),
        text=paragraph,
        highlights=tuple(spans),
        place=source.place_at(first.start),
    )


def _collapse_with_spans(
    raw: str, spans: list[tuple[int, int]]
) -> tuple[str, list[tuple[int, int]]]:
    """Collapse whitespace runs to one space while moving the span offsets along."""
    out: list[str] = []
    new_index: list[int] = []  # new_index[i] = position in the output of raw[i]
    previous_space = True  # drops leading whitespace
    for char in raw:
        new_index.append(len(out))
        if char.isspace():
            if not previous_space:
                out.append(" ")
            previous_space = True
        else:
            out.append(char)
            previous_space = False
    new_index.append(len(out))
    collapsed = "".join(out)
    trimmed = collapsed.rstrip()
    moved = [(new_index[a], min(new_index[b], len(trimmed))) for a, b in spans]
    return trimmed, [(a, b) for a, b in moved if a < b]
