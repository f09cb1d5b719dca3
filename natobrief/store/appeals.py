"""Appeals: answers a learner counted right ("I was right"), kept for them and their teacher.

An appeal points at the review-log entry it turned right. Undoing that entry
voids the appeal with it, so every query here joins the log and reads only
appeals whose entry stands. A learner's appealed answers are accepted for
that card from then on (their own accepted answers); ``natobrief appeals``
shows an instructor each card's appealed answers, to fold into the deck.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from natobrief.store.locking import locked

_STANDING = (
    "FROM appeals JOIN review_log ON review_log.id = appeals.log_id AND review_log.undone = 0"
)


class Appeal(NamedTuple):
    """One answer counted right at the learner's word."""

    deck_id: str
    card_id: str
    answer: str
    appealed_at: str
    session_id: str


class AppealQueries:
    """The appeal queries of a progress store (mixed into Progress)."""

    connection: sqlite3.Connection
    path: Path
    _lock: threading.RLock

    @locked
    def record_appeal(self, log_id: int, appeal: Appeal) -> None:
        """Keep one appeal of the answer logged as ``log_id`` (committed)."""
        with self.connection:
            self.connection.execute(
                "INSERT INTO appeals (log_id, deck_id, card_id, answer, appealed_at, session_id) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (log_id, *appeal),
            )

    @locked
    def appeals(self, deck_ids: Iterable[str] | None = None) -> list[Appeal]:
        """Every standing appeal (of the given decks), oldest first."""
        ids = None if deck_ids is None else list(deck_ids)
        where, args = "", []
        if ids is not None:
            if not ids:
                return []
            where, args = f"WHERE appeals.deck_id IN ({','.join('?' * len(ids))}) ", ids
        rows = self.connection.execute(
            "SELECT appeals.deck_id, appeals.card_id, appeals.answer, appeals.appealed_at, "
            f"appeals.session_id {_STANDING} {where}ORDER BY appeals.id",
            args,
        )
        return [Appeal(*(str(value) for value in row)) for row in rows]

    def own_answers(self, deck_ids: Iterable[str]) -> dict[tuple[str, str], list[str]]:
        """The answers the learner counted right, by (deck id, card id)."""
        found: dict[tuple[str, str], list[str]] = {}
        for appeal in self.appeals(deck_ids):
            found.setdefault((appeal.deck_id, appeal.card_id), []).append(appeal.answer)
        return found
