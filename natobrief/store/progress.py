"""Progress: the append-only review log and the card states derived from it.

The review log is the source of truth. ``card_state`` is a cache of what the
log implies, updated in the same transaction as each log entry, and it can be
rebuilt from the log at any time (:meth:`Progress.rebuild`). Progress is keyed
by (deck id, card id), so editing a card's text keeps its history.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Literal, TypeVar, get_args

from natobrief.scheduler import CardStage, MemoryState, Rating
from natobrief.store.appeals import AppealQueries
from natobrief.store.counts import CountQueries
from natobrief.store.locking import locked as _locked
from natobrief.store.rows import is_memory, is_time
from natobrief.store.schedules import CardSchedule, due_time, is_available, is_due

LEECH_LAPSES = 8
ReviewKind = Literal["review", "bury", "suspend", "unsuspend"]  # what a log entry records
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
    return previous


_LOG_COLUMNS = (
    "kind, deck_id, card_id, reviewed_at, mode, session_id, answer, correct, typo, rating, "
    "response_ms, state_before, state_after, until, undone, id"
)
_STATE_COLUMNS = (
    "deck_id, card_id, memory, due, stage, reps, lapses, first_seen, last_review, "
    "buried_until, suspended, leech"
)


class Progress(CountQueries, AppealQueries):
    """Reads and writes progress; every write is one committed transaction.

    The counts that the deck list and the statistics read are in
    :mod:`natobrief.store.counts`; the learner's appeals in :mod:`natobrief.store.appeals`.
    """

    def __init__(self, connection: sqlite3.Connection, path: Path) -> None:
        self.connection = connection
        self.path = path
        # The app calls in from worker threads; one lock keeps the connection to one at a time.
        self._lock = threading.RLock()

    @_locked
    def close(self) -> None:
        """Close the database (a WAL checkpoint happens here)."""
        self.connection.close()

    # Reading

    @_locked
    def card_states(self, deck_ids: Iterable[str]) -> dict[tuple[str, str], CardProgress]:
        """Every card with progress in the given decks, by (deck id, card id)."""
        ids = list(deck_ids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.connection.execute(
            f"SELECT {_STATE_COLUMNS} FROM card_state WHERE deck_id IN ({marks})", ids
        )
        return {(row[0], row[1]): _state_from_row(row) for row in rows}

    @_locked
    def card_schedules(self, deck_ids: Iterable[str]) -> dict[tuple[str, str], CardSchedule]:
        """Due time, burial and suspension of every card with progress in the given decks."""
        ids = list(deck_ids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.connection.execute(
            "SELECT deck_id, card_id, due, buried_until, suspended FROM card_state "
            f"WHERE deck_id IN ({marks})",
            ids,
        )
        return {
            (deck_id, card_id): CardSchedule(due, buried_until, bool(suspended))
            for deck_id, card_id, due, buried_until, suspended in rows
        }

    @_locked
    def card_state(self, deck_id: str, card_id: str) -> CardProgress | None:
        """One card's progress, or None when it was never studied."""
        row = self.connection.execute(
            f"SELECT {_STATE_COLUMNS} FROM card_state WHERE deck_id = ? AND card_id = ?",
            (deck_id, card_id),
        ).fetchone()
        return _state_from_row(row) if row else None

    @_locked
    def log(self, deck_id: str | None = None, card_id: str | None = None) -> list[ReviewRecord]:
        """Log entries in order, optionally of one deck or one card (undone ones included)."""
        where, args = [], []
        if deck_id is not None:
            where.append("deck_id = ?")
            args.append(deck_id)
        if card_id is not None:
            where.append("card_id = ?")
            args.append(card_id)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self.connection.execute(
            f"SELECT {_LOG_COLUMNS} FROM review_log {clause} ORDER BY id", args
        )
        return _readable(rows)

    @_locked
    def scheduled_reviews(self, deck_ids: Iterable[str]) -> list[ReviewRecord]:
        """The reviews that moved a schedule, of the given decks, in log order.

        Only what the scheduler learned from: kind 'review', not undone, with a
        rating (an exam answer leaves the schedule alone and has none). This is
        the review history an FSRS optimizer trains on.
        """
        ids = list(deck_ids)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self.connection.execute(
            f"SELECT {_LOG_COLUMNS} FROM review_log WHERE kind = 'review' AND undone = 0 "
            f"AND rating IS NOT NULL AND deck_id IN ({marks}) ORDER BY id",
            ids,
        )
        return _readable(rows)

    @_locked
    def new_cards_since(self, since: datetime) -> int:
        """How many cards were studied for the first time at or after ``since``.

        A card's first scheduled review is the one logged without a state before
        it; counting those in the log reads only the time index's entries since
        ``since``, where counting ``card_state.first_seen`` would scan every card.
        """
        row = self.connection.execute(
            "SELECT COUNT(*) FROM review_log WHERE reviewed_at >= ? AND kind = 'review' "
            "AND undone = 0 AND rating IS NOT NULL AND state_before IS NULL",
            (since.isoformat(),),
        ).fetchone()
        return int(row[0])

    @_locked
    def reviews_since(self, since: datetime) -> int:
        """How many scheduled reviews of already-seen cards happened at or after ``since``."""
        row = self.connection.execute(
            "SELECT COUNT(*) FROM review_log WHERE reviewed_at >= ? AND kind = 'review' "
            "AND undone = 0 AND rating IS NOT NULL AND state_before IS NOT NULL",
            (since.isoformat(),),
        ).fetchone()
        return int(row[0])

    # Writing

    def record(self, entry: ReviewRecord) -> tuple[int, CardProgress | None]:
        """Append ``entry`` and update the card's state, in one committed transaction."""
        return self.record_with(entry.deck_id, entry.card_id, lambda _previous: entry)

    @_locked
    def record_with(
        self,
        deck_id: str,
        card_id: str,
        make_entry: Callable[[CardProgress | None], ReviewRecord],
    ) -> tuple[int, CardProgress | None]:
        """Like :meth:`record`, with the entry made from the card's state read in the same
        transaction (so two processes reviewing one card cannot both start from the same state).
        """
        with self.connection:
            self.connection.execute("BEGIN IMMEDIATE")
            previous = self.card_state(deck_id, card_id)
            entry = make_entry(previous)
            cursor = self.connection.execute(
                f"INSERT INTO review_log ({_LOG_COLUMNS.removesuffix(', id')}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                _record_values(entry),
            )
            updated = apply(previous, entry)
            if updated is not None and updated != previous:
                self._write_state(updated)
        log_id = cursor.lastrowid
        assert log_id is not None
        return log_id, updated

    @_locked
    def undo(self, log_id: int) -> CardProgress | None:
        """Mark a log entry undone and rebuild its card's state; returns the restored state."""
        with self.connection:
            self.connection.execute("BEGIN IMMEDIATE")
            row = self.connection.execute(
                "SELECT deck_id, card_id FROM review_log WHERE id = ?", (log_id,)
            ).fetchone()
            if row is None:
                return None
            self.connection.execute("UPDATE review_log SET undone = 1 WHERE id = ?", (log_id,))
            return self._rebuild_card(row[0], row[1])

    @_locked
    def rebuild(self) -> int:
        """Recompute every card state from the log; returns how many cards have one."""
        with self.connection:
            self.connection.execute("BEGIN IMMEDIATE")
            self.connection.execute("DELETE FROM card_state")
            states: dict[tuple[str, str], CardProgress | None] = {}
            rows = self.connection.execute(f"SELECT {_LOG_COLUMNS} FROM review_log ORDER BY id")
            for entry in _readable(rows.fetchall()):
                key = (entry.deck_id, entry.card_id)
                states[key] = apply(states.get(key), entry)
            for state in states.values():
                if state is not None:
                    self._write_state(state)
        return sum(state is not None for state in states.values())

    def _rebuild_card(self, deck_id: str, card_id: str) -> CardProgress | None:
        state: CardProgress | None = None
        for entry in self.log(deck_id, card_id):
            state = apply(state, entry)
        self.connection.execute(
            "DELETE FROM card_state WHERE deck_id = ? AND card_id = ?", (deck_id, card_id)
        )
        if state is not None:
            self._write_state(state)
        return state

    def _write_state(self, state: CardProgress) -> None:
        self.connection.execute(
            f"INSERT OR REPLACE INTO card_state ({_STATE_COLUMNS}) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                state.deck_id,
                state.card_id,
                state.memory.data if state.memory else None,
                state.due,
                state.stage,
                state.reps,
                state.lapses,
                state.first_seen,
                state.last_review,
                state.buried_until,
                int(state.suspended),
                int(state.leech),
            ),
        )


def _record_values(entry: ReviewRecord) -> tuple[object, ...]:
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


def _record_from_row(row: tuple[object, ...]) -> ReviewRecord:
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


def _readable(rows: Iterable[tuple[object, ...]]) -> list[ReviewRecord]:
    """The log entries that can be read; one that cannot (a value natobrief never writes,
    see store/rows.py) is left out, so that it costs its own card, never a command."""
    found: list[ReviewRecord] = []
    for row in rows:
        try:
            entry = _record_from_row(row)
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


def _state_from_row(row: tuple[object, ...]) -> CardProgress:
    (deck_id, card_id, memory, due, stage, reps, lapses, first_seen, last_review,
     buried_until, suspended, leech) = row  # fmt: skip
    return CardProgress(
        deck_id=str(deck_id),
        card_id=str(card_id),
        memory=_memory(memory),
        due=None if due is None else str(due),
        stage=_stage(stage),
        reps=int(str(reps)),
        lapses=int(str(lapses)),
        first_seen=None if first_seen is None else str(first_seen),
        last_review=None if last_review is None else str(last_review),
        buried_until=None if buried_until is None else str(buried_until),
        suspended=bool(suspended),
        leech=bool(leech),
    )
