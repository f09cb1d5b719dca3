"""What the deck list and the statistics count: answers, reviews, and cards by column.

Read-only queries over the review log and the card states, kept apart from
:mod:`natobrief.store.progress` (which writes both); :class:`Progress` inherits
them. Every figure follows one set of rules, so that home, the statistics and
a session agree: a review is an answer that moved its card's schedule, and a
suspended card is counted as nothing but suspended. The records are
NamedTuples: this module loads with the store before the first card, and a
frozen dataclass costs milliseconds to build at import.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Collection, Iterable, Mapping
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

from natobrief.scheduler import CardStage
from natobrief.store.locking import locked
from natobrief.store.schedules import is_due, read_time, utc_text


class AnswerCounts(NamedTuple):
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


class ReviewMoment(NamedTuple):
    """One review (an answer that moved a schedule), as the statistics' plots need it."""

    reviewed_at: datetime
    correct: bool
    in_review: bool  # the card was in the review stage before it (counts toward retention)


class StudyCounts(NamedTuple):
    """A deck's cards as the home screen lists them."""

    cards: int  # the cards counted (all of the deck's, or those with a tag)
    new: int  # never reviewed, not suspended
    due: int  # in review (not learning), due now, neither suspended nor buried
    learning: int  # in a learning or relearning step, not suspended
    last_review: str  # ISO 8601 UTC of the deck's latest review; "" when none


def counts_as_learning(stage: int) -> bool:
    """In a learning or relearning step (a suspended card is counted only as suspended)."""
    return stage in (CardStage.LEARNING, CardStage.RELEARNING)


# What a logged review's card stage was before it (state_before is fsrs's JSON).
# A value that is not JSON (a damaged row) counts as no stage, not as an error.
_IN_REVIEW = (
    "(CASE WHEN json_valid(state_before) THEN json_extract(state_before, '$.state') END) "
    f"= {int(CardStage.REVIEW)}"
)


class CountQueries:
    """The counting queries of a progress store (mixed into Progress)."""

    connection: sqlite3.Connection
    path: Path
    _lock: threading.RLock

    @locked
    def answer_counts(self, deck_ids: Iterable[str], since: datetime | None = None) -> AnswerCounts:
        """Reviews and exam answers of the given decks: all, or those at or after ``since``."""
        ids = list(deck_ids)
        if not ids:
            return AnswerCounts()
        marks = ",".join("?" * len(ids))
        when, args = ("AND reviewed_at >= ? ", [utc_text(since)]) if since else ("", [])
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

    @locked
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
            [utc_text(start), utc_text(end), *ids],
        )
        moments = ((read_time(at), correct, in_review) for at, correct, in_review in rows)
        return [
            ReviewMoment(at, bool(correct), bool(in_review))
            for at, correct, in_review in moments
            if at is not None  # an entry whose time cannot be read is not counted
        ]

    @locked
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
                if counts_as_learning(int(stage)):
                    learning += 1  # due or not: the columns never count a card twice
                    continue
                due += is_due(due_text, False, buried_until, now)
            counts[deck_id] = StudyCounts(len(card_ids), new, due, learning, last)
        return counts


def total(counts: Iterable[StudyCounts]) -> StudyCounts:
    """The sum of several decks' counts (the deck list's "All decks" row)."""
    rows = list(counts)
    return StudyCounts(
        sum(row.cards for row in rows),
        sum(row.new for row in rows),
        sum(row.due for row in rows),
        sum(row.learning for row in rows),
        max((row.last_review for row in rows), default=""),
    )
