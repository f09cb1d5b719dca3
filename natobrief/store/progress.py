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
from datetime import datetime
from pathlib import Path

from natobrief.store.appeals import AppealQueries
from natobrief.store.counts import CountQueries
from natobrief.store.locking import locked as _locked
from natobrief.store.records import (
    LOG_COLUMNS,
    STATE_COLUMNS,
    CardProgress,
    ReviewRecord,
    apply,
    readable,
    record_values,
    state_from_row,
)
from natobrief.store.renames import RenameQueries
from natobrief.store.schedules import CardSchedule


class Progress(CountQueries, AppealQueries, RenameQueries):
    """Reads and writes progress; every write is one committed transaction.

    The counts that the deck list and the statistics read are in
    :mod:`natobrief.store.counts`; the learner's appeals in :mod:`natobrief.store.appeals`;
    following renamed cards in :mod:`natobrief.store.renames`.
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
            f"SELECT {STATE_COLUMNS} FROM card_state WHERE deck_id IN ({marks})", ids
        )
        return {(row[0], row[1]): state_from_row(row) for row in rows}

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
            f"SELECT {STATE_COLUMNS} FROM card_state WHERE deck_id = ? AND card_id = ?",
            (deck_id, card_id),
        ).fetchone()
        return state_from_row(row) if row else None

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
            f"SELECT {LOG_COLUMNS} FROM review_log {clause} ORDER BY id", args
        )
        return readable(rows)

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
            f"SELECT {LOG_COLUMNS} FROM review_log WHERE kind = 'review' AND undone = 0 "
            f"AND rating IS NOT NULL AND deck_id IN ({marks}) ORDER BY id",
            ids,
        )
        return readable(rows)

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
    def cards_reviewed_since(self, since: datetime) -> set[tuple[str, str]]:
        """The (deck id, card id) of every card answered at or after ``since`` (undone aside)."""
        rows = self.connection.execute(
            "SELECT DISTINCT deck_id, card_id FROM review_log WHERE reviewed_at >= ? "
            "AND kind = 'review' AND undone = 0",
            (since.isoformat(),),
        )
        return {(str(deck), str(card)) for deck, card in rows}

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
                f"INSERT INTO review_log ({LOG_COLUMNS.removesuffix(', id')}) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                record_values(entry),
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
            rows = self.connection.execute(f"SELECT {LOG_COLUMNS} FROM review_log ORDER BY id")
            for entry in readable(rows.fetchall()):
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
            f"INSERT OR REPLACE INTO card_state ({STATE_COLUMNS}) "
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
