"""A source document as the reader shows it: paragraphs, the cards quoting each, its sentences.

No Textual here: the reader screen draws what these functions work out.
"""

from __future__ import annotations

from dataclasses import dataclass

from natobrief.deck.grounding import paragraph_spans
from natobrief.deck.model import AnyCard, Source
from natobrief.tools.coverage import DocumentCoverage, Sentence


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a source, the cards that quote it, and its sentences."""

    start: int
    end: int
    cards: tuple[AnyCard, ...]
    sentences: tuple[Sentence, ...] = ()


def paragraphs_of(
    source: Source, cards: list[AnyCard], coverage: DocumentCoverage | None = None
) -> list[Paragraph]:
    """The source's paragraphs (as the passage view splits them) with the cards citing each."""
    sentences = coverage.sentences if coverage is not None else ()
    return [
        Paragraph(
            start,
            end,
            tuple(
                card for card in cards if any(start <= q.start < end for q in card.source.quotes)
            ),
            tuple(s for s in sentences if start <= s.start < end),
        )
        for start, end in paragraph_spans(source.text)
    ]


def collapsed_offsets(raw: str, start: int, end: int) -> tuple[int, int]:
    """Offsets in ``" ".join(raw.split())`` of the span [start, end) of ``raw``."""

    def collapsed_length(prefix: str) -> int:
        words = prefix.split()
        length = len(" ".join(words))
        if words and prefix and prefix[-1].isspace():
            length += 1
        return length

    return collapsed_length(raw[:start]), collapsed_length(raw[:end].rstrip())
