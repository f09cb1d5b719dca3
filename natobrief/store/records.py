"""The review log's entries and the card states as values, and how table rows decode into them.

A row natobrief never wrote (see store/rows.py) decodes leniently: an entry that
cannot be read is left out, a state's unreadable memory makes its card new.
:func:`apply` is the one rule that turns a card's log into its state.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Literal, TypeVar, get_args

from natobrief.scheduler import CardStage, MemoryState, Rating
from natobrief.store.rows import is_memory, is_time
from natobrief.store.schedules import due_time, is_available, is_due

LEECH_LAPSES = 8
# What a log entry records: an answer, or a learner's action on a card (the card browser's
# unbury and reset among them). A reset makes the card new again; its reviews stay logged.
ReviewKind = Literal["review", "bury", "suspend", "unsuspend", "unbury", "reset"]
ReviewMode = Literal["study", "exam"]  # the kind of session that wrote it
_KINDS: tuple[ReviewKind, ...] = get_args(ReviewKind)
_MODES: tuple[ReviewMode, ...] = get_args(ReviewMode)
_Name = TypeVar("_Name", bound=str)


@dataclass(frozen=True, slots=True)
class CardProgress:
    """What the log says about one card."""

    deck_id: str
    card_id: str
    memory: MemoryState | None  # None: never reviewed (only buried or suspended)
    due: str | None  # ISO 8601 UTC, copied out of memory for indexing
    stage: CardStage
    reps: int
    lapses: int
    first_seen: str | None
    last_review: str | None = None
    buried_until: str | None = None
    suspended: bool = False
    leech: bool = False

    @property
    def key(self) -> tuple[str, str]:
        """(deck id, card id)."""
        return self.deck_id, self.card_id

    @property
    def is_new(self) -> bool:
        """True when the card was never reviewed."""
        return self.memory is None

    def due_at(self) -> datetime | None:
        """When the card is due, or None for a new card."""
        return due_time(self.due)

    def available(self, now: datetime) -> bool:
        """Neither suspended nor buried past ``now``."""
        return is_available(self.suspended, self.buried_until, now)

    def due_now(self, now: datetime) -> bool:
        """Reviewed before, due at ``now``, and available."""
        return is_due(self.due, self.suspended, self.buried_until, now)


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    """One entry of the review log."""

    kind: ReviewKind
    deck_id: str
    card_id: str
    reviewed_at: str  # ISO 8601 UTC
    mode: ReviewMode = "study"
    session_id: str = ""
    answer: str = ""
    correct: bool | None = None
    typo: bool | None = None
    rating: int | None = None  # None: the schedule was left alone (an exam)
    response_ms: int | None = None
    state_before: str | None = None
    state_after: str | None = None
    until: str | None = None
    undone: bool = False
    id: int | None = None


def apply(previous: CardProgress | None, record: ReviewRecord) -> CardProgress | None:
    """The card's progress after ``record``: the one rule both live updates and rebuilds use."""
    if record.undone:
        return previous
    if record.kind == "review":
        if record.rating is None or record.state_after is None:
            return previous  # logged (an exam) but left the schedule alone
        memory = MemoryState.from_json(record.state_after)
        lapse = (
            record.rating == Rating.AGAIN
            and previous is not None
            and previous.stage == CardStage.REVIEW
        )
        lapses = (previous.lapses if previous else 0) + int(lapse)
        return CardProgress(
            deck_id=record.deck_id,
            card_id=record.card_id,
            memory=memory,
            due=memory.due.isoformat(),
            stage=CardStage(memory.stage),
            reps=(previous.reps if previous else 0) + 1,
            lapses=lapses,
            first_seen=(previous.first_seen if previous else None) or record.reviewed_at,
            last_review=record.reviewed_at,
            buried_until=None,
            suspended=previous.suspended if previous else False,
            leech=(previous.leech if previous else False) or lapses >= LEECH_LAPSES,
        )
    if previous is None:  # bury / suspend of a card never studied
        previous = CardProgress(
            record.deck_id, record.card_id, None, None, CardStage.NEW, 0, 0, None
        )
    if record.kind == "bury":
        return replace(previous, buried_until=record.until)
    if record.kind == "suspend":
        return replace(previous, suspended=True)
    if record.kind == "unsuspend":
        return replace(previous, suspended=False)
    if record.kind == "unbury":
        return replace(previous, buried_until=None)
    if record.kind == "reset":  # new again; the count of reviews stays, lapses and leech go
        return replace(
            previous, memory=None, due=None, stage=CardStage.NEW, lapses=0, leech=False,
            buried_until=None,
        )  # fmt: skip
    return previous


LOG_COLUMNS = (
    "kind, deck_id, card_id, reviewed_at, mode, session_id, answer, correct, typo, rating, "
    "response_ms, state_before, state_after, until, undone, id"
)
STATE_COLUMNS = (
    "deck_id, card_id, memory, due, stage, reps, lapses, first_seen, last_review, "
    "buried_until, suspended, leech"
)


def record_values(entry: ReviewRecord) -> tuple[object, ...]:
    return (
        entry.kind,
        entry.deck_id,
        entry.card_id,
        entry.reviewed_at,
        entry.mode,
        entry.session_id,
        entry.answer,
        None if entry.correct is None else int(entry.correct),
        None if entry.typo is None else int(entry.typo),
        entry.rating,
        entry.response_ms,
        entry.state_before,
        entry.state_after,
        entry.until,
        int(entry.undone),
    )


def record_from_row(row: tuple[object, ...]) -> ReviewRecord:
    (kind, deck_id, card_id, reviewed_at, mode, session_id, answer, correct, typo, rating,
     response_ms, state_before, state_after, until, undone, log_id) = row  # fmt: skip
    return ReviewRecord(
        kind=_one_of(str(kind), _KINDS, "kind"),
        deck_id=str(deck_id),
        card_id=str(card_id),
        reviewed_at=str(reviewed_at),
        mode=_one_of(str(mode), _MODES, "mode"),
        session_id=str(session_id),
        answer=str(answer),
        correct=None if correct is None else bool(correct),
        typo=None if typo is None else bool(typo),
        rating=None if rating is None else int(str(rating)),
        response_ms=None if response_ms is None else int(str(response_ms)),
        state_before=None if state_before is None else str(state_before),
        state_after=None if state_after is None else str(state_after),
        until=None if until is None else str(until),
        undone=bool(undone),
        id=int(str(log_id)),
    )


def _one_of(value: str, allowed: tuple[_Name, ...], column: str) -> _Name:
    """``value`` as one of the values a review_log column may hold (ValueError if not)."""
    for name in allowed:
        if value == name:
            return name
    raise ValueError(f"review_log.{column} is '{value}', not one of {', '.join(allowed)}")


def readable(rows: Iterable[tuple[object, ...]]) -> list[ReviewRecord]:
    """The log entries that can be read; one that cannot (a value natobrief never writes,
    see store/rows.py) is left out, so that it costs its own card, never a command."""
    found: list[ReviewRecord] = []
    for row in rows:
        try:
            entry = record_from_row(row)
        except (ValueError, TypeError):
            continue
        if is_time(entry.reviewed_at) and (
            entry.state_after is None or is_memory(entry.state_after)
        ):
            found.append(entry)
    return found


def _memory(value: object) -> MemoryState | None:
    """A stored memory state, or None when it cannot be read (the card counts as new)."""
    if value is None:
        return None
    try:
        memory = MemoryState.from_json(str(value))
    except (ValueError, KeyError, TypeError):
        return None
    return memory if memory.due.tzinfo is not None else None


def _stage(value: object) -> CardStage:
    try:
        return CardStage(int(str(value)))
    except ValueError:
        return CardStage.NEW


def _count(value: object) -> int:
    """A stored count (reps, lapses), or 0 when it is no whole number."""
    try:
        return max(0, int(str(value)))
    except ValueError:
        return 0


def _flag_value(value: object) -> bool:
    """A stored 0/1 flag; anything else but a plain 1 reads as off."""
    return value in (1, "1", True)


def state_from_row(row: tuple[object, ...]) -> CardProgress:
    (deck_id, card_id, memory, due, stage, reps, lapses, first_seen, last_review,
     buried_until, suspended, leech) = row  # fmt: skip
    return CardProgress(
        deck_id=str(deck_id),
        card_id=str(card_id),
        memory=_memory(memory),
        due=None if due is None else str(due),
        stage=_stage(stage),
        reps=_count(reps),
        lapses=_count(lapses),
        first_seen=None if first_seen is None else str(first_seen),
        last_review=None if last_review is None else str(last_review),
        buried_until=None if buried_until is None else str(buried_until),
        suspended=_flag_value(suspended),
        leech=_flag_value(leech),
    )
