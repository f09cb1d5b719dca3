"""What every source reader gives back: the document as blocks of clean text, each with
its place (a PDF's page, the heading path of a Markdown or HTML section).

The text a deck's quotes are grounded in is the blocks joined by blank lines, so
that each block is one paragraph of the reader and of the passage shown after an
answer (grounding.paragraph_spans splits at blank lines).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["heading", "paragraph", "item", "row"]
PLACE_SEPARATOR = " › "  # between the levels of a heading path: "History › Early years"
BLOCK_SEPARATOR = "\n\n"


class Unreadable(Exception):
    """A file a reader cannot turn into text; the message says why and what to do."""

    def __init__(self, message: str, hint: str) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Block:
    """One heading, paragraph, list item or table row, as clean one-paragraph text."""

    kind: BlockKind
    text: str
    place: str = ""  # "p. 4", "History › Early years", or "" (the document's top)


@dataclass(frozen=True, slots=True)
class Extracted:
    """A document as its reader found it: its blocks, and the title and date it states."""

    blocks: tuple[Block, ...]
    title: str | None = None
    date: str | None = None
    text: str = field(init=False)
    starts: tuple[int, ...] = field(init=False)  # where each block starts in ``text``

    def __post_init__(self) -> None:
        starts: list[int] = []
        at = 0
        for block in self.blocks:
            starts.append(at)
            at += len(block.text) + len(BLOCK_SEPARATOR)
        object.__setattr__(self, "text", BLOCK_SEPARATOR.join(b.text for b in self.blocks))
        object.__setattr__(self, "starts", tuple(starts))

    def places(self) -> tuple[tuple[int, str], ...]:
        """(offset in ``text``, place) where the place changes, for Source.place_at."""
        found: list[tuple[int, str]] = []
        for start, block in zip(self.starts, self.blocks, strict=True):
            if not found or found[-1][1] != block.place:
                found.append((start, block.place))
        return tuple(found) if any(place for _, place in found) else ()


def heading_spans(document: Extracted) -> tuple[tuple[int, int], ...]:
    """Where the document's headings stand in its text (coverage counts no fact in them)."""
    return tuple(
        (start, start + len(block.text))
        for start, block in zip(document.starts, document.blocks, strict=True)
        if block.kind == "heading"
    )


def place_at(places: tuple[tuple[int, str], ...], offset: int) -> str:
    """The place of the text at ``offset`` ("" when the source has no places)."""
    at = bisect_right([start for start, _ in places], offset) - 1
    return places[at][1] if at >= 0 else ""


def clean_line(text: str) -> str:
    """A block's text on one line: every run of whitespace one space."""
    return " ".join(text.split())


def blocks_of(pieces: list[tuple[BlockKind, str, str]]) -> tuple[Block, ...]:
    """Blocks from (kind, text, place), the empty ones left out, the text on one line."""
    return tuple(
        Block(kind, cleaned, place) for kind, text, place in pieces if (cleaned := clean_line(text))
    )
