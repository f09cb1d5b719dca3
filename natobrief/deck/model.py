"""Deck format v1 as immutable typed objects.

Everything the loader returns is frozen: sessions, exports and the TUI share one
loaded deck without copying it, and nothing downstream can change a card by accident.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from natobrief.errors import DeckProblem

FORMAT_VERSION = 1
"""The deck format version this natobrief reads (the ``natobrief:`` key of a deck)."""

CardType = Literal["short", "choice", "truefalse", "cloze", "number", "order", "match"]
CARD_TYPES: tuple[CardType, ...] = (
    "short",
    "choice",
    "truefalse",
    "cloze",
    "number",
    "order",
    "match",
)

GAP = re.compile(r"\{\{(.*?)\}\}", re.DOTALL)
"""A cloze gap in a card's text: ``{{answer}}`` or ``{{answer|alternative}}``."""

_EMPTY: MappingProxyType[str, object] = MappingProxyType({})


@dataclass(frozen=True, slots=True)
class Source:
    """A source document of a deck, with its full text (what quotes are checked against)."""

    id: str
    title: str
    path: Path
    text: str
    date: str | None = None
    url: str | None = None
    # Where the document's parts start in ``text`` and what they are called ("p. 4",
    # "History › Early years"), for a source read from Markdown, HTML or PDF (sources/).
    places: tuple[tuple[int, str], ...] = ()
    # Spans of ``text`` the deck's ``skip:`` leaves out of coverage (a page's debris).
    skipped: tuple[tuple[int, int], ...] = ()
    # A reader's headings (Markdown, HTML, PDF); None for plain text, whose headings
    # coverage guesses from short lines.
    headings: tuple[tuple[int, int], ...] | None = None

    def is_skipped(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` overlaps a span ``skip:`` leaves out (a sentence part of
        which is skipped is skipped whole)."""
        return any(a < end and start < b for a, b in self.skipped)

    def place_at(self, offset: int) -> str:
        """The page or section of the text at ``offset`` ("" for plain text)."""
        from natobrief.sources.model import place_at

        return place_at(self.places, offset) if self.places else ""

    def cited_at(self, offset: int) -> str:
        """Title, date and place, as exports cite a passage: "Annual report, 2024-03-18, p. 4"."""
        parts = [self.title, self.date or "", self.place_at(offset)]
        return ", ".join(part for part in parts if part)


@dataclass(frozen=True, slots=True)
class Quote:
    """A verbatim passage of a source and where it stands in the source text."""

    text: str
    start: int  # character offset in Source.text
    end: int  # exclusive


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Which source a card comes from and the passages that ground it."""

    doc: str
    quotes: tuple[Quote, ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Card:
    """Fields every card type has. ``line`` is where the card starts in its deck file."""

    id: str
    prompt: str
    source: SourceRef
    note: str = ""
    tags: tuple[str, ...] = ()
    extra: MappingProxyType[str, object] = field(
        default_factory=lambda: _EMPTY
    )  # the x- keys, kept as-is
    line: int = 0

    @property
    def type(self) -> CardType:
        """The card type name as written in a deck."""
        raise NotImplementedError


@dataclass(frozen=True, slots=True, kw_only=True)
class ShortCard(Card):
    """Free-text answer graded after normalisation."""

    answer: str
    accept: tuple[str, ...] = ()
    ordered: bool = False  # a list answer must name its items in this order

    @property
    def type(self) -> CardType:
        return "short"


@dataclass(frozen=True, slots=True, kw_only=True)
class ChoiceCard(Card):
    """Pick one of 2 to 8 options; ``answer`` is the text of the right one."""

    options: tuple[str, ...]
    answer: str

    @property
    def type(self) -> CardType:
        return "choice"


@dataclass(frozen=True, slots=True, kw_only=True)
class TrueFalseCard(Card):
    """The prompt is a statement; the learner says whether it is true."""

    answer: bool

    @property
    def type(self) -> CardType:
        return "truefalse"


@dataclass(frozen=True, slots=True, kw_only=True)
class ClozeCard(Card):
    """A text with gaps. ``gaps[i]`` holds the answers accepted for gap i (first is canonical)."""

    text: str
    gaps: tuple[tuple[str, ...], ...]
    any_order: bool = False  # ``gaps: any-order``: the gaps form a set, answered in any order

    @property
    def type(self) -> CardType:
        return "cloze"


@dataclass(frozen=True, slots=True, kw_only=True)
class NumberCard(Card):
    """A number, right within ``tolerance``; ``unit`` is optional ("%", "days")."""

    answer: float
    tolerance: float = 0.0
    unit: str = ""

    @property
    def type(self) -> CardType:
        return "number"


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderCard(Card):
    """Put 2 to 8 items in order; ``items`` holds the correct order."""

    items: tuple[str, ...]

    @property
    def type(self) -> CardType:
        return "order"


@dataclass(frozen=True, slots=True, kw_only=True)
class MatchCard(Card):
    """Match 2 to 8 left items to right items; ``pairs`` holds the correct (left, right) pairs."""

    pairs: tuple[tuple[str, str], ...]

    @property
    def type(self) -> CardType:
        return "match"


AnyCard = ShortCard | ChoiceCard | TrueFalseCard | ClozeCard | NumberCard | OrderCard | MatchCard


@dataclass(frozen=True, slots=True)
class Deck:
    """A loaded, validated deck: every quote found in its source."""

    id: str
    title: str
    path: Path
    sources: MappingProxyType[str, Source]
    cards: tuple[AnyCard, ...]
    description: str = ""
    format_version: int = 1
    extra: MappingProxyType[str, object] = field(default_factory=lambda: _EMPTY)
    # Other names of things the cards name (a name -> its other names), for the grader.
    aliases: MappingProxyType[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    # Card ids the author changed: old id -> new id (progress follows them).
    renamed: MappingProxyType[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def former_ids(self, card_id: str) -> tuple[str, ...]:
        """The ids ``card_id`` had before it was renamed (the deck's ``renamed:`` map)."""
        return tuple(old for old, new in self.renamed.items() if new == card_id)

    def card(self, card_id: str) -> AnyCard:
        """The card with this id (KeyError when there is none)."""
        for card in self.cards:
            if card.id == card_id:
                return card
        raise KeyError(card_id)


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What reading one deck file gave: the deck (None if refused) and every problem."""

    path: Path
    deck: Deck | None
    problems: tuple[DeckProblem, ...]

    @property
    def errors(self) -> tuple[DeckProblem, ...]:
        """The problems that refuse the deck."""
        return tuple(p for p in self.problems if p.severity == "error")

    @property
    def warnings(self) -> tuple[DeckProblem, ...]:
        """The problems worth a look that do not refuse the deck."""
        return tuple(p for p in self.problems if p.severity == "warning")
