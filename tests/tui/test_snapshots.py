"""Snapshots of each screen at a fixed size (Textual is pinned exactly in pyproject)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input

from natobrief.grading.matching import Answer
from natobrief.session_types import Question
from natobrief.tui.screens.brief import BriefScreen
from natobrief.tui.screens.home import HomeScreen
from natobrief.tui.screens.results import ResultsScreen
from natobrief.tui.screens.stats import StatsScreen
from natobrief.tui.screens.study import StudyScreen
from tests.answers import canonical_answer, wrong_answer
from tests.tui.helpers import answer_exam, build, settle, wait_for_screen

SIZE = (100, 34)


def study_for_days(db: Path, days: int) -> None:
    """Some history for the statistics: every card answered each day it is due."""
    from datetime import timedelta

    from natobrief.deck.loader import load_deck
    from natobrief.scheduler import Scheduler
    from natobrief.session import Session
    from natobrief.store import open_store
    from tests.answers import canonical_answer, wrong_answer
    from tests.tui.helpers import GOOD_DECK, NOW

    deck = load_deck(GOOD_DECK)
    progress = open_store(db)
    for day in range(days, 0, -1):
        moment = NOW - timedelta(days=day)
        session = Session([deck], progress, Scheduler(seed=day), clock=lambda m=moment: m, seed=day)
        while (question := session.next_question()) is not None:
            wrong = (day + question.n) % 4 == 0
            session.answer(
                wrong_answer(question.card) if wrong else canonical_answer(question.card)
            )
    progress.close()


def after(kind: type[Screen[object]], *keys: str) -> Callable[[Pilot[object]], Awaitable[None]]:
    async def run_before(pilot: Pilot[object]) -> None:
        await wait_for_screen(pilot, kind)
        for key in keys:
            await pilot.press(key)
            await settle(pilot)
        for field in pilot.app.query(Input):
            field.cursor_blink = False
        await settle(pilot)

    return run_before


def test_home(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    assert snap_compare(build(tmp_path), terminal_size=SIZE, run_before=after(HomeScreen))


def test_question(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    app = build(tmp_path, start="study")
    assert snap_compare(app, terminal_size=SIZE, run_before=after(StudyScreen))


def test_feedback_with_highlighted_passage(
    snap_compare: Callable[..., bool], tmp_path: Path
) -> None:
    app = build(tmp_path, start="study")
    keys = (*"france", "enter")
    assert snap_compare(app, terminal_size=SIZE, run_before=after(StudyScreen, *keys))


def test_feedback_light_theme(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    app = build(tmp_path, start="study", theme="textual-light")
    keys = (*"spain", "enter")
    assert snap_compare(app, terminal_size=SIZE, run_before=after(StudyScreen, *keys))


def test_exam_results(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    app = build(tmp_path, start="exam", exam_count=3)

    async def run_before(pilot: Pilot[object]) -> None:
        first: list[Question] = []

        def answer(question: Question) -> Answer:  # one right answer, then wrong ones
            first.append(question)
            right = len(first) == 1
            return canonical_answer(question.card) if right else wrong_answer(question.card)

        await answer_exam(pilot, answer)
        await wait_for_screen(pilot, ResultsScreen)
        assert isinstance(pilot.app.screen, ResultsScreen)
        assert pilot.app.screen.summary.by_tag, "the snapshot should show the tag table"

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_reader(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    app = build(tmp_path, start="brief")
    keys = ("tab", "down")  # the paragraph with five cards: quotes highlighted, cards listed
    assert snap_compare(app, terminal_size=(120, 34), run_before=after(BriefScreen, *keys))


def test_statistics(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    study_for_days(tmp_path / "progress.sqlite3", days=20)
    app = build(tmp_path, start="stats")
    assert snap_compare(app, terminal_size=(100, 60), run_before=after(StatsScreen))


def test_new_card_form(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    app = build(tmp_path, start="brief")
    keys = ("tab", "down", "n", *"Where did the alliance meet?", "tab", *"Washington")
    assert snap_compare(app, terminal_size=(120, 34), run_before=after(BriefScreen, *keys))
