"""What a session is made of and gives back: its limits, a question as asked, the result
of an answer, the session's figures, and the clock it reads.

Plain values, kept apart from the engine (session.py) so that the faces, the
report and the class report can name them without the engine's imports.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from natobrief.cardtypes.base import Layout
from natobrief.deck.model import AnyCard, Deck
from natobrief.grading.matching import Answer
from natobrief.grading.verdict import Verdict
from natobrief.scheduler import MemoryState, Rating
from natobrief.store.records import ReviewMode

Mode = ReviewMode  # a session studies or examines, as its log entries record
Clock = Callable[[], datetime]


@dataclass(frozen=True, slots=True)
class Limits:
    """How much one session (and one day) may hold."""

    new_per_day: int = 20
    reviews_per_day: int = 200
    count: int | None = None  # at most this many questions (exams: EXAM_QUESTIONS)
    day_starts_hour: int = 4  # a study day begins at this local hour


@dataclass(frozen=True, slots=True)
class Question:
    """A card as asked: its number in the session and the shuffle it is shown in."""

    n: int
    deck: Deck
    card: AnyCard
    layout: Layout

    @property
    def key(self) -> tuple[str, str]:
        """(deck id, card id)."""
        return self.deck.id, self.card.id


@dataclass(frozen=True, slots=True)
class Result:
    """What happened to one answer."""

    question: Question
    given: str
    verdict: Verdict
    rating: Rating | None  # None: an exam that left the schedule alone
    due: datetime | None
    log_id: int
    response_ms: int | None = None
    before: MemoryState | None = None  # the card's state before this answer (None: new)
    reviewed_at: datetime | None = None  # when it was logged (UTC)


@dataclass(frozen=True, slots=True)
class SheetAnswer:
    """An exam answer kept before the exam is submitted: what was given, its verdict, and
    the time spent on the question (all visits together)."""

    answer: Answer
    verdict: Verdict
    response_ms: int | None = None


@dataclass(slots=True)
class TagScore:
    """Questions asked and answered correctly under one tag."""

    asked: int = 0
    correct: int = 0


@dataclass(frozen=True, slots=True)
class Summary:
    """The end of a session in figures."""

    mode: Mode
    asked: int
    answered: int
    correct: int
    by_tag: dict[str, TagScore] = field(default_factory=dict)
    # An exam's questions left without an answer (ended early, time up): they
    # count as wrong, so that stopping after one right answer cannot pass.
    unanswered: int = 0
    # New cards the day's limit left for later days (study): why "nothing is due" may be so.
    new_held_back: int = 0

    def why_nothing_due(self, how_to_raise: str) -> str:
        """Why a study session asked nothing: no card due, and new cards left for later by
        the day's limit (``how_to_raise`` says where to change it) or none at all."""
        if not self.new_held_back:
            return "no card is due or new now."
        cards = f"{self.new_held_back} new card{'s' if self.new_held_back != 1 else ''}"
        return (
            f"no card is due now, and today's limit of new cards leaves {cards} for later "
            f"(the limit covers all decks together: raise it {how_to_raise}, or come back "
            "tomorrow)."
        )

    @property
    def score(self) -> float:
        """Percent correct of the questions answered, and in an exam of its whole set."""
        out_of = self.answered + self.unanswered
        return round(100.0 * self.correct / out_of, 1) if out_of else 0.0


def real_clock() -> datetime:
    """The wall clock, timezone-aware in local time (the faces' default clock)."""
    return datetime.now().astimezone()
