""" "I was right": r after a wrong verdict counts it right, u takes it back, the answer is the
learner's own from then on, and ``natobrief appeals`` shows the instructor what was appealed."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from natobrief.deck.loader import load_deck
from natobrief.grading.verdict import answer_in_words, grade
from natobrief.scheduler import Rating, Scheduler
from natobrief.session import Session
from natobrief.store import open_store
from natobrief.tui.screens.study import StudyScreen
from natobrief.tui.widgets.feedback import FeedbackPanel
from tests.cli.test_headless import natobrief
from tests.tui.helpers import GOOD_DECK, NOW, answer_exam, build, settle, wait_for_screen


def _standing_appeals(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT appeals.card_id, appeals.answer FROM appeals JOIN review_log "
            "ON review_log.id = appeals.log_id AND review_log.undone = 0"
        ).fetchall()


async def test_r_counts_a_wrong_answer_right_and_u_takes_it_back(tmp_path: Path) -> None:
    app = build(tmp_path, start="study")
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await wait_for_screen(pilot, StudyScreen)
        assert isinstance(screen, StudyScreen)
        session = screen.session
        assert session.current is not None and session.current.card.id == "tokyo-blocked"
        await pilot.press(*"Frankreich", "enter")  # the learner's way of saying France
        await settle(pilot)
        assert not session.results[-1].verdict.correct
        assert screen.check_action("appeal", ()) is True
        await pilot.press("r")
        await settle(pilot)
        result = session.results[-1]
        assert result.verdict.correct and result.verdict.accepted_by == "own"
        assert result.rating == Rating.GOOD
        panel = screen.query_one(FeedbackPanel)
        assert panel.text.startswith("Correct\nCounted right at your word: 'Frankreich'")
        assert _standing_appeals(tmp_path / "progress.sqlite3") == [("tokyo-blocked", "Frankreich")]
        await pilot.press("u")  # undo takes the answer and its appeal back
        await settle(pilot)
        assert session.results == []
        assert _standing_appeals(tmp_path / "progress.sqlite3") == []
        await pilot.press(*"Frankreich", "enter")
        await settle(pilot)
        assert not session.results[-1].verdict.correct  # no appeal stands: wrong again
        await pilot.press("r")
        await settle(pilot)


async def test_r_does_nothing_after_a_right_answer(tmp_path: Path) -> None:
    app = build(tmp_path, start="study")
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await wait_for_screen(pilot, StudyScreen)
        assert isinstance(screen, StudyScreen)
        await pilot.press(*"France", "enter")
        await settle(pilot)
        assert screen.check_action("appeal", ()) is False
        await pilot.press("r")
        await settle(pilot)
        assert screen.session.results[-1].verdict.accepted_by == ""


def test_an_appealed_answer_is_the_learners_own_in_later_sessions(tmp_path: Path) -> None:
    deck = load_deck(GOOD_DECK)
    progress = open_store(tmp_path / "p.db")
    try:
        first = Session([deck], progress, Scheduler(seed=1), clock=lambda: NOW, seed=1)
        asked(first, "tokyo-blocked")
        assert first.answer("Paris").verdict.correct is False
        first.appeal()
        assert [a.answer for a in first.appeals] == ["Paris"]
        later = Session([deck], progress, Scheduler(seed=2), clock=lambda: NOW, seed=2)
        own = later._own[("test-deck", "tokyo-blocked")]
        verdict = grade(deck.card("tokyo-blocked"), "paris", own=own)
        assert verdict.correct and verdict.accepted_by == "own"
        assert "you counted 'paris' right before" in verdict.reason
    finally:
        progress.close()


def asked(session: Session, card_id: str) -> None:
    """Skip to ``card_id``'s question."""
    while (question := session.next_question()) is not None:
        if question.card.id == card_id:
            return
        session.skip()
    raise AssertionError(f"{card_id} was not asked")


def test_natobrief_appeals_lists_them_per_card_and_writes_yaml(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    deck = load_deck(GOOD_DECK)
    progress = open_store(db)
    try:
        for seed, answer in ((1, "Paris"), (2, "Berlin"), (3, "Frankreich")):
            when = NOW + timedelta(days=400 * seed)  # the card is due again each time
            session = Session(
                [deck], progress, Scheduler(seed=seed), clock=lambda when=when: when, seed=seed
            )
            asked(session, "tokyo-blocked")
            if not session.answer(answer).verdict.correct:
                session.appeal()
    finally:
        progress.close()
    text = natobrief("appeals", str(GOOD_DECK), "--db", str(db))
    assert text.returncode == 0, text.stderr
    lines = text.stdout.splitlines()
    assert lines[0] == "test-deck/tokyo-blocked (deck.yaml:14): Who blocked the Tokyo office?"
    assert lines[1:] == [
        "  'Paris'  appealed 1 time", "  'Berlin'  appealed 1 time",
        "  'Frankreich'  appealed 1 time", "3 appeals on 1 card.",
    ]  # fmt: skip
    as_yaml = natobrief("appeals", str(GOOD_DECK), "--db", str(db), "--yaml")
    assert '  accept: ["Paris", "Berlin", "Frankreich"]  # appealed 1, 1, 1 times' in as_yaml.stdout
    import yaml

    assert yaml.safe_load(as_yaml.stdout)[0] == {
        "deck": "test-deck", "id": "tokyo-blocked", "accept": ["Paris", "Berlin", "Frankreich"]
    }  # fmt: skip
    as_json = json.loads(natobrief("appeals", "--db", str(db), "--json", str(GOOD_DECK)).stdout)
    assert as_json[0]["answers"][0] == {"answer": "Paris", "times": 1}
    missing = natobrief("appeals", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 2 and "there is no database there" in missing.stderr


def test_undoing_an_answer_taken_by_an_earlier_appeal_keeps_that_appeal(tmp_path: Path) -> None:
    deck = load_deck(GOOD_DECK)
    progress = open_store(tmp_path / "p.db")
    try:
        first = Session([deck], progress, Scheduler(seed=1), clock=lambda: NOW, seed=1)
        asked(first, "tokyo-blocked")
        first.answer("Paris")
        first.appeal()
        when = NOW + timedelta(days=400)
        later = Session([deck], progress, Scheduler(seed=2), clock=lambda: when, seed=2)
        asked(later, "tokyo-blocked")
        assert later.answer("Paris").verdict.accepted_by == "own"
        later.undo()  # the answer goes; the appeal made in the first session stands
        assert later._own[("test-deck", "tokyo-blocked")] == ["Paris"]
        assert later.appeals == []
        assert [a.answer for a in progress.appeals()] == ["Paris"]
        assert later.answer("Paris").verdict.accepted_by == "own"
    finally:
        progress.close()


async def test_an_exam_appeal_goes_into_the_report_and_the_score_stands(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from natobrief.tui.screens.results import ResultsScreen
    from tests.tui.test_results import wrong_as_keyed

    monkeypatch.setenv("NATOBRIEF_HOME", str(tmp_path / "home"))
    app = build(tmp_path, start="exam", exam_count=3)
    async with app.run_test(size=(110, 40)) as pilot:
        await answer_exam(pilot, lambda question: wrong_as_keyed(question)[0])
        results = await wait_for_screen(pilot, ResultsScreen)
        assert isinstance(results, ResultsScreen)
        session = results.session
        score = session.summary().score
        first_wrong = next(r for r in session.results if not r.verdict.correct)
        await pilot.press("w")  # saved before the appeal
        await settle(pilot)
        saved = results.saved_to
        assert saved is not None and "appeals" not in json.loads(saved.read_text())
        results.query_one("#appeal-0").focus()
        await pilot.press("enter")
        await settle(pilot)
        button = results.query_one("#appeal-0")
        assert button.disabled and str(button.label) == "Appealed"  # type: ignore[attr-defined]
        assert session.summary().score == score  # an exam is graded as it was sat
        assert not session.results[session.results.index(first_wrong)].verdict.correct
        said = answer_in_words(
            first_wrong.question.card, first_wrong.question.layout, first_wrong.verdict.given
        )
        assert _standing_appeals(tmp_path / "progress.sqlite3") == [
            (first_wrong.question.card.id, said)
        ]
        await pilot.press("w")  # an appeal since: the same file is written again
        await settle(pilot)
        assert results.saved_to == saved
        document = json.loads(saved.read_text())
        assert document["appeals"] == [
            {"deck": "test-deck", "card": first_wrong.question.card.id, "answer": said}
        ]
        assert document["summary"]["score"] == score
