"""Progress: the append-only review log and the card states derived from it.

The review log is the source of truth. ``card_state`` is a cache of what the
log implies, updated in the same transaction as each log entry, and it can be
rebuilt from the log at any time (:meth:`Progress.rebuild`). Progress is keyed
by (deck id, card id), so editing a card's text keeps its history.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from natobrief.scheduler import CardStage, MemoryState, Rating
from natobrief.store.failures import corrupt_error, operational_error
from natobrief.store.schedules import CardSchedule, due_time, is_available

LEECH_LAPSES = 8


@dataclass(frozen=True, slots=True)
class CardProgress:
    """What the log says about one card."""

    deck_id: str
    card_id: str
    memory: MemoryState | None  # None: never reviewed (only buried or suspended)
    due: str | None  # ISO 8601 UTC, copied out of memory for indexing
    stage: int  # 0 new, else CardStage
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


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    """One entry of the review log."""

    kind: str  # review | bury | suspend | unsuspend
    deck_id: str
    card_id: str
    reviewed_at: str  # ISO 8601 UTC
    mode: str = "study"
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
            stage=int(memory.stage),
            reps=(previous.reps if previous else 0) + 1,
            lapses=lapses,
            first_seen=(previous.first_seen if previous else None) or record.reviewed_at,
            last_review=record.reviewed_at,
            buried_until=None,
            suspended=previous.suspended if previous else False,
            leech=(previous.leech if previous else False) or lapses >= LEECH_LAPSES,
        )
    if previous is None:  # bury / suspend of a card never studied
        previous = CardProgress(record.deck_id, record.card_id, None, None, 0, 0, 0, None)
    if record.kind == "bury":
        return replace(previous, buried_until=record.until)
    if record.kind == "suspend":
        return replace(previous, suspended=True)
    if record.kind == "unsuspend":
        return replace(previous, suspended=False)
    return previous


@dataclass(frozen=True, slots=True)
class AnswerCounts:
    """Logged answers of some decks, split by what they did to the schedule.

    A review is an answer that moved its card's schedule: every study answer,
    and an exam's when it was run with ``--schedule``. Exam answers that left
    the schedule alone are counted apart. Undone answers count nowhere.
    """

    reviews: int = 0
    correct: int = 0
    # Reviews of cards already in the review stage (not a first answer, not a
    # learning step), and how many of those were right: retention's terms.
    reviews_in_review: int = 0
    retained: int = 0
    exam_answers: int = 0  # exam answers that left the schedule alone
    exam_correct: int = 0

    @property
    def retention(self) -> float | None:
        """Percent of reviews of cards in the review stage answered right (None: none yet)."""
        if not self.reviews_in_review:
            return None
        return round(100.0 * self.retained / self.reviews_in_review, 1)


@dataclass(frozen=True, slots=True)
class ReviewMoment:
    """One review (an answer that moved a schedule), as the statistics' plots need it."""

    reviewed_at: datetime
    correct: bool
    in_review: bool  # the card was in the review stage before it (counts toward retention)


@dataclass(frozen=True, slots=True)
class StudyCounts:
    """A deck's cards as the home screen lists them."""

    new: int  # never reviewed, not suspended
    due: int  # in review (not learning), due now, neither suspended nor buried
    learning: int  # in a learning or relearning step, not suspended
    last_review: str  # ISO 8601 UTC of the deck's latest review; "" when none


def counts_as_learning(stage: int, suspended: bool) -> bool:
    """In a learning or relearning step and not suspended: the one rule for every count."""
    return stage in (CardStage.LEARNING, CardStage.RELEARNING) and not suspended


# What a logged review's card stage was before it (state_before is fsrs's JSON).
_IN_REVIEW = f"json_extract(state_before, '$.state') = {int(CardStage.REVIEW)}"


P = ParamSpec("P")
R = TypeVar("R")


def _locked(method: Callable[Concatenate[Progress, P], R]) -> Callable[Concatenate[Progress, P], R]:
    """Run a Progress method holding its connection's lock; SQLite failures become StoreError."""

    def wrapper(self: Progress, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with self._lock:
            try:
                return method(self, *args, **kwargs)
            except sqlite3.OperationalError as error:  # busy, read-only, disk full
                raise operational_error(self.path, error) from None
            except sqlite3.DatabaseError as error:
                raise corrupt_error(self.path, error) from None

    wrapper.__doc__ = method.__doc__
    wrapper.__name__ = method.__name__
    return wrapper


_LOG_COLUMNS = (
    "kind, deck_id, card_id, reviewed_at, mode, session_id, answer, correct, typo, rating, "
    "response_ms, state_before, state_after, until, undone, id"
)
_STATE_COLUMNS = (
    "deck_id, card_id, memory, due, stage, reps, lapses, first_seen, last_review, "
    "buried_until, suspended, leech"
)


class Progress:
    """Reads and writes progress; every write is one committed transaction."""

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
        return [_record_from_row(row) for row in rows]

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
        return [_record_from_row(row) for row in rows]

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

    @_locked
    def answer_counts(self, deck_ids: Iterable[str], since: datetime | None = None) -> AnswerCounts:
        """Reviews and exam answers of the given decks: all, or those at or after ``since``."""
        ids = list(deck_ids)
        if not ids:
            return AnswerCounts()
        marks = ",".join("?" * len(ids))
        when, args = ("AND reviewed_at >= ? ", [_utc_text(since)]) if since else ("", [])
        row = self.connection.execute(
            "SELECT SUM(rating IS NOT NULL), SUM(rating IS NOT NULL AND correct = 1), "
            f"SUM(rating IS NOT NULL AND {_IN_REVIEW}), "
            f"SUM(rating IS NOT NULL AND {_IN_REVIEW} AND correct = 1), "
            "SUM(rating IS NULL), SUM(rating IS NULL AND correct = 1) "
            f"FROM review_log WHERE kind = 'review' AND undone = 0 {when}"
            f"AND deck_id IN ({marks})",
            [*args, *ids],
        ).fetchone()
        return AnswerCounts(*(int(value or 0) for value in row))

    @_locked
    def reviews_between(
        self, deck_ids: Iterable[str], start: datetime, end: datetime
    ) -> list[ReviewMoment]:
        """The reviews (answers that moved a schedule) of the given decks from ``start`` to
        before ``end``, in log order."""
        ids = list(deck_ids)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self.connection.execute(
            f"SELECT reviewed_at, correct, {_IN_REVIEW} FROM review_log "
            "WHERE kind = 'review' AND undone = 0 AND rating IS NOT NULL "
            f"AND reviewed_at >= ? AND reviewed_at < ? AND deck_id IN ({marks}) ORDER BY id",
            [_utc_text(start), _utc_text(end), *ids],
        )
        return [
            ReviewMoment(datetime.fromisoformat(at), bool(correct), bool(in_review))
            for at, correct, in_review in rows
        ]

    @_locked
    def deck_counts(
        self, deck_cards: Mapping[str, Collection[str]], now: datetime
    ) -> dict[str, StudyCounts]:
        """New, due and learning cards and the latest review of each deck, for the deck list.

        ``deck_cards`` maps each deck id to the ids of the cards to count (all
        of the deck's, or those with a tag): progress of other cards, such as
        cards no longer in the deck, is left out. A suspended card counts as
        none of new, due or learning; a buried one is not due. Memory states
        are not decoded, so this costs a fraction of :meth:`card_states`.
        """
        ids = list(deck_cards)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        rows = self.connection.execute(
            "SELECT deck_id, card_id, due, stage, buried_until, suspended, last_review "
            f"FROM card_state WHERE deck_id IN ({marks})",
            ids,
        )
        states = {(row[0], row[1]): row[2:] for row in rows}
        counts: dict[str, StudyCounts] = {}
        for deck_id, card_ids in deck_cards.items():
            new = due = learning = 0
            last = ""
            for card_id in card_ids:
                state = states.get((deck_id, card_id))
                if state is None:
                    new += 1
                    continue
                due_text, stage, buried_until, suspended, last_review = state
                if last_review and last_review > last:
                    last = str(last_review)
                if suspended:
                    continue
                if due_text is None:  # buried, never reviewed
                    new += 1
                    continue
                if counts_as_learning(int(stage), False):
                    learning += 1  # due or not: the columns never count a card twice
                    continue
                schedule = CardSchedule(due_text, buried_until, False)
                due_at = schedule.due_at()
                due += due_at is not None and due_at <= now and schedule.available(now)
            counts[deck_id] = StudyCounts(new, due, learning, last)
        return counts

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
            for row in rows.fetchall():
                entry = _record_from_row(row)
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


def _utc_text(moment: datetime) -> str:
    """A time as the log stores it (ISO 8601 in UTC), so that text comparisons order times."""
    if moment.tzinfo is None:
        raise ValueError("time must be timezone-aware")
    return moment.astimezone(UTC).isoformat()


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
        kind=str(kind),
        deck_id=str(deck_id),
        card_id=str(card_id),
        reviewed_at=str(reviewed_at),
        mode=str(mode),
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


def _state_from_row(row: tuple[object, ...]) -> CardProgress:
    (deck_id, card_id, memory, due, stage, reps, lapses, first_seen, last_review,
     buried_until, suspended, leech) = row  # fmt: skip
    return CardProgress(
        deck_id=str(deck_id),
        card_id=str(card_id),
        memory=None if memory is None else MemoryState.from_json(str(memory)),
        due=None if due is None else str(due),
        stage=int(str(stage)),
        reps=int(str(reps)),
        lapses=int(str(lapses)),
        first_seen=None if first_seen is None else str(first_seen),
        last_review=None if last_review is None else str(last_review),
        buried_until=None if buried_until is None else str(buried_until),
        suspended=bool(suspended),
        leech=bool(leech),
    )
