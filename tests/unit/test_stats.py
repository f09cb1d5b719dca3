"""Statistics: every figure counts the same things, on the same study day, in a real database.

Card states are written through the store as the log would hold them (a due
time and an fsrs stage in the state JSON), so each test sets exactly the
situation it checks: a card due just before or after the study day ends, one
buried, one suspended in the middle of its learning steps.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from natobrief.deck.loader import load_deck
from natobrief.deck.model import Deck
from natobrief.scheduler import CardStage, Scheduler
from natobrief.session import Session
from natobrief.stats import (
    compute_stats,
    daily_reviews,
    due_forecast,
    format_stats,
    study_day,
    weekly_retention,
)
from natobrief.store import open_store
from natobrief.store.progress import Progress
from natobrief.store.records import ReviewRecord
from tests.answers import canonical_answer, wrong_answer
from tests.conftest import DATA

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)  # a study day that began at 04:00 and ends tomorrow
DAY_STARTS = 4


def deck() -> Deck:
    return load_deck(DATA / "good" / "deck.yaml")


def state(due: datetime, stage: CardStage) -> str:
    """An fsrs state as the log stores it (only what natobrief reads of it)."""
    return json.dumps({"due": due.isoformat(), "state": int(stage)})


def reviewed(
    progress: Progress,
    card: str,
    at: datetime,
    due: datetime,
    stage: CardStage = CardStage.REVIEW,
    before: CardStage | None = None,
    correct: bool = True,
) -> None:
    progress.record(
        ReviewRecord(
            "review", "test-deck", card, at.isoformat(), answer="x", correct=correct,
            rating=3 if correct else 1,
            state_before=None if before is None else state(at, before),
            state_after=state(due, stage),
        )
    )  # fmt: skip


def test_due_today_ends_where_the_study_day_ends_and_is_the_forecasts_first_bar(
    tmp_path: Path,
) -> None:
    progress = open_store(tmp_path / "p.db")
    tomorrow_start = datetime(2026, 3, 3, DAY_STARTS, 0, tzinfo=UTC)
    reviewed(progress, "tokyo-blocked", NOW - timedelta(days=3), NOW - timedelta(days=1))  # overdue
    reviewed(progress, "enabler", NOW, tomorrow_start - timedelta(minutes=1))  # today, 03:59
    reviewed(progress, "heads-32", NOW, tomorrow_start + timedelta(minutes=1))  # tomorrow
    reviewed(progress, "micro-share", NOW, NOW + timedelta(hours=2))  # today
    until = tomorrow_start.isoformat()  # buried until tomorrow: a session asks it tomorrow
    progress.record(ReviewRecord("bury", "test-deck", "micro-share", NOW.isoformat(), until=until))
    reviewed(progress, "timeline", NOW, NOW + timedelta(hours=1))
    progress.record(ReviewRecord("suspend", "test-deck", "timeline", NOW.isoformat()))

    figures = compute_stats([deck()], progress, NOW, DAY_STARTS)
    forecast = due_forecast([deck()], progress, NOW, day_starts_hour=DAY_STARTS)
    assert figures["due_now"] == 1
    assert figures["due_today"] == 2 == forecast[0]
    assert forecast[1] == 2  # the card due at 04:01 and the buried one
    assert figures["buried"] == 1 and figures["suspended"] == 1
    assert figures["today_ends"] == tomorrow_start.isoformat()
    assert "Due today (the study day ends at 04:00): 2." in format_stats(figures)
    # A day starting at midnight moves the card due at 03:59 to tomorrow, in both.
    midnight = compute_stats([deck()], progress, NOW, 0)
    assert midnight["due_today"] == 1 == due_forecast([deck()], progress, NOW, day_starts_hour=0)[0]
    progress.close()


def test_a_study_day_begins_at_the_settings_hour_in_the_clocks_time_zone() -> None:
    assert str(study_day(datetime(2026, 3, 3, 3, 59, tzinfo=UTC), NOW, 4)) == "2026-03-02"
    assert str(study_day(datetime(2026, 3, 3, 4, 0, tzinfo=UTC), NOW, 4)) == "2026-03-03"
    paris = datetime(2026, 3, 2, 9, 0).astimezone()  # the local zone, whatever it is
    late = paris.replace(hour=2)
    assert study_day(late, paris, 4) == (late - timedelta(days=1)).date()


def test_exam_answers_are_counted_apart_from_reviews(tmp_path: Path) -> None:
    progress = open_store(tmp_path / "p.db")
    the_deck = deck()
    study = Session([the_deck], progress, Scheduler(fuzz=False), clock=lambda: NOW, seed=1)
    for number in range(5):
        question = study.next_question()
        assert question is not None
        answer = wrong_answer if number == 0 else canonical_answer
        study.answer(answer(question.card))
    exam = Session([the_deck], progress, Scheduler(), mode="exam", clock=lambda: NOW, seed=2)
    for number in range(3):
        question = exam.next_question()
        assert question is not None
        exam.answer((wrong_answer if number == 0 else canonical_answer)(question.card))

    figures = compute_stats([the_deck], progress, NOW, DAY_STARTS)
    assert (figures["total_reviews"], figures["correct_reviews"]) == (5, 4)
    assert (figures["exam_answers"], figures["exam_correct"]) == (3, 2)
    # First answers are reviews of the last 30 days too (they were left out: 0).
    assert (figures["reviews_30_days"], figures["correct_30_days"]) == (5, 4)
    # None of them was of a card in the review stage: no retention yet, and it says so.
    assert figures["retention_30_days"] is None and figures["retention_reviews_30_days"] == 0
    text = format_stats(figures)
    assert "Reviews (answers that moved the schedule): 5, 4 correct;" in text
    assert "Exam answers that left the schedule alone (not reviews): 3, 2 correct." in text
    assert "Retention over the last 30 days: no review of a card in review yet." in text
    days = daily_reviews([the_deck], progress, NOW, day_starts_hour=DAY_STARTS)
    assert (days[-1].reviews, days[-1].correct) == (5, 4)  # the heatmap leaves exams out

    exam_scheduled = Session(
        [the_deck],
        progress,
        Scheduler(),
        mode="exam",
        clock=lambda: NOW,
        seed=3,
        schedule_exam=True,
    )
    question = exam_scheduled.next_question()
    assert question is not None
    exam_scheduled.answer(canonical_answer(question.card))
    again = compute_stats([the_deck], progress, NOW, DAY_STARTS)
    assert again["total_reviews"] == 6 and again["exam_answers"] == 3  # it moved the schedule
    progress.close()


def test_retention_counts_reviews_of_cards_in_review_alike_everywhere(tmp_path: Path) -> None:
    progress = open_store(tmp_path / "p.db")
    later = NOW + timedelta(days=5)
    # Two first answers and a learning step: reviews, but not retention's.
    reviewed(progress, "tokyo-blocked", NOW - timedelta(days=2), later, CardStage.LEARNING)
    reviewed(progress, "enabler", NOW - timedelta(days=2), later, CardStage.LEARNING)
    reviewed(
        progress,
        "enabler",
        NOW - timedelta(days=1),
        later,
        before=CardStage.LEARNING,
        correct=False,
    )
    # Three reviews of cards in review, two right.
    for card, correct in (("heads-32", True), ("micro-share", True), ("timeline", False)):
        reviewed(
            progress,
            card,
            NOW - timedelta(hours=1),
            later,
            before=CardStage.REVIEW,
            correct=correct,
        )
    # Forty days ago: outside the 30 days.
    reviewed(progress, "who-what", NOW - timedelta(days=40), later, before=CardStage.REVIEW)

    figures = compute_stats([deck()], progress, NOW, DAY_STARTS)
    assert (figures["total_reviews"], figures["reviews_30_days"]) == (7, 6)
    assert (figures["retained_30_days"], figures["retention_reviews_30_days"]) == (2, 3)
    assert figures["retention_30_days"] == 66.7
    assert "Retention over the last 30 days: 66.7%, 2 of 3 reviews of cards in review." in (
        format_stats(figures)
    )
    weeks = weekly_retention(daily_reviews([deck()], progress, NOW, day_starts_hour=DAY_STARTS))
    assert weeks[-1][1:] == (2 / 3, "67%, 2 of 3")
    counted = [(index, text) for index, (_, share, text) in enumerate(weeks) if share is not None]
    assert counted == [(6, "100%, 1 of 1"), (11, "67%, 2 of 3")]  # 40 days ago: 6 weeks back
    progress.close()


def test_a_suspended_card_counts_as_suspended_only(tmp_path: Path) -> None:
    progress = open_store(tmp_path / "p.db")
    reviewed(progress, "tokyo-blocked", NOW, NOW - timedelta(minutes=1), CardStage.LEARNING)
    reviewed(progress, "enabler", NOW, NOW - timedelta(minutes=1), CardStage.RELEARNING)
    progress.record(ReviewRecord("suspend", "test-deck", "enabler", NOW.isoformat()))
    progress.record(ReviewRecord("suspend", "test-deck", "heads-32", NOW.isoformat()))  # never seen

    figures = compute_stats([deck()], progress, NOW, DAY_STARTS)
    assert figures["cards_by_state"] == {
        "new": 5, "learning": 1, "review": 0, "relearning": 0, "suspended": 2
    }  # fmt: skip
    assert figures["due_now"] == 1 and figures["suspended"] == 2
    the_deck = deck()
    counts = progress.deck_counts({the_deck.id: [card.id for card in the_deck.cards]}, NOW)
    home = counts[the_deck.id]
    assert (home.new, home.due, home.learning) == (5, 0, 1)  # learning, not also due
    assert home.last_review == NOW.isoformat()
    progress.close()


def test_deck_counts_leave_out_cards_no_longer_in_the_deck(tmp_path: Path) -> None:
    progress = open_store(tmp_path / "p.db")
    reviewed(progress, "gone", NOW, NOW - timedelta(days=1), CardStage.LEARNING)
    reviewed(progress, "kept", NOW, NOW + timedelta(days=1), CardStage.REVIEW)
    until = (NOW + timedelta(days=1)).isoformat()
    progress.record(ReviewRecord("bury", "test-deck", "fresh", NOW.isoformat(), until=until))
    counts = progress.deck_counts({"test-deck": ["kept", "fresh", "never"], "other": []}, NOW)
    assert counts["test-deck"].new == 2 and counts["test-deck"].learning == 0
    assert counts["test-deck"].due == 0
    assert counts["other"].last_review == ""
    assert progress.deck_counts({}, NOW) == {}
    progress.close()
