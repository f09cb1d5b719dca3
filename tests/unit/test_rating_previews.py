"""The rating keys' previews are the scheduler's own next states: a key gives its preview."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from natobrief.deck.loader import load_deck
from natobrief.scheduler import Rating, Scheduler
from natobrief.session import Session
from natobrief.store import open_store
from natobrief.tui.widgets.feedback import schedule_line
from tests.answers import canonical_answer, wrong_answer
from tests.tui.helpers import GOOD_DECK

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def test_each_rating_gives_the_due_time_it_previewed(tmp_path: Path) -> None:
    progress = open_store(tmp_path / "p.db")
    clock = [NOW]
    session = Session(
        [load_deck(GOOD_DECK)], progress, Scheduler(seed=3), clock=lambda: clock[0], seed=3
    )
    checked = 0
    try:
        for answer in (canonical_answer, wrong_answer, canonical_answer):
            question = session.next_question()
            assert question is not None
            result = session.answer(answer(question.card))
            previews = session.rating_previews(result)
            assert set(previews) == set(Rating)
            assert previews[Rating.AGAIN] < previews[Rating.GOOD] <= previews[Rating.EASY]
            clock[0] += timedelta(seconds=40)  # the learner reads the feedback, then re-rates
            for rating in (Rating.EASY, Rating.AGAIN, Rating.HARD, Rating.GOOD):
                again = session.override(rating)
                assert again.due == previews[rating], rating
                assert session.rating_previews(again) == previews  # the same answer, re-rated
                checked += 1
    finally:
        progress.close()
    assert checked == 12


def test_an_exam_answer_previews_nothing(tmp_path: Path) -> None:
    progress = open_store(tmp_path / "p.db")
    try:
        session = Session([load_deck(GOOD_DECK)], progress, Scheduler(), mode="exam", seed=1)
        question = session.next_question()
        assert question is not None
        assert session.rating_previews(session.answer(canonical_answer(question.card))) == {}
    finally:
        progress.close()


def test_the_feedback_line_says_when_and_what_each_key_gives(tmp_path: Path) -> None:
    progress = open_store(tmp_path / "p.db")
    try:
        session = Session(
            [load_deck(GOOD_DECK)], progress, Scheduler(seed=3), clock=lambda: NOW, seed=3
        )
        question = session.next_question()
        assert question is not None
        result = session.answer(canonical_answer(question.card))
        line = schedule_line(result, session.rating_previews(result))
    finally:
        progress.close()
    rated, keys = line.split("\n")
    assert rated.startswith("Rated good; next review in ") and rated.endswith("minutes.")
    assert keys.startswith("Change it: 1 again 1m · 2 hard ") and " · 4 easy " in keys


def test_without_a_seed_each_key_still_gives_its_preview(tmp_path: Path) -> None:
    """The app's scheduler has no seed: its fuzz must still be the preview's (a learner saw
    "4 easy 19d", pressed 4 and got 17 days)."""
    progress = open_store(tmp_path / "p.db")
    clock = [NOW]
    session = Session([load_deck(GOOD_DECK)], progress, Scheduler(), clock=lambda: clock[0])
    try:
        for _ in range(3):  # a card to review: new, then answered right twice a few days apart
            question = session.next_question()
            assert question is not None
            result = session.answer(canonical_answer(question.card))
            previews = session.rating_previews(result)
            for rating in (Rating.EASY, Rating.GOOD, Rating.HARD):
                assert session.override(rating).due == previews[rating], rating
            clock[0] += timedelta(days=3)
    finally:
        progress.close()
