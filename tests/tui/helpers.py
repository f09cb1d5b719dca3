"""Building the app for Pilot and snapshot tests: the real factory, a temporary database."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from textual.pilot import Pilot
from textual.screen import Screen

from natobrief.grading.matching import Answer
from natobrief.session_types import Question
from natobrief.settings import Settings
from natobrief.tui.app import NatobriefApp, StartScreen, make_app
from natobrief.tui.db_thread import on_db_thread
from tests.conftest import DATA

if TYPE_CHECKING:
    from natobrief.tui.screens.exam import ExamScreen

GOOD_DECK = DATA / "good" / "deck.yaml"
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
WORKER_WAIT_SECONDS = 60  # a hang guard, not a speed check: workers here take milliseconds


def build(
    tmp_path: Path,
    start: StartScreen = "home",
    deck: Path = GOOD_DECK,
    theme: str = "textual-dark",
    keep_apart: bool = True,
    **kwargs: object,
) -> NatobriefApp:
    """The app on ``deck``; ``keep_apart=False`` asks the test deck's cards in their
    shuffled order even where a feedback screen shows the next card's answer."""
    return make_app(
        [str(deck)],
        db_path=tmp_path / "progress.sqlite3",
        settings=Settings(theme=theme, keep_apart=keep_apart),
        settings_path=tmp_path / "settings.toml",
        start=start,
        now=NOW,
        seed=4,
        **kwargs,  # type: ignore[arg-type]
    )


async def settle(pilot: Pilot[object]) -> None:
    """Let workers and the database thread finish, and their results be handled.

    A stuck worker fails the test. The database thread runs its work in order,
    so a no-op put on it returns once everything asked before it is done.
    """
    for _ in range(3):
        try:
            await asyncio.wait_for(pilot.app.workers.wait_for_complete(), WORKER_WAIT_SECONDS)
            await asyncio.wait_for(on_db_thread(lambda: None), WORKER_WAIT_SECONDS)
        except TimeoutError:
            running = [worker.name for worker in pilot.app.workers if not worker.is_finished]
            message = f"workers still running after {WORKER_WAIT_SECONDS} s: {running}"
            raise AssertionError(message) from None
        await pilot.pause()


async def wait_for_screen(pilot: Pilot[object], kind: type[Screen[object]]) -> Screen[object]:
    for _ in range(50):
        await settle(pilot)
        if isinstance(pilot.app.screen, kind):
            return pilot.app.screen
    raise AssertionError(f"{kind.__name__} never appeared; screen is {pilot.app.screen!r}")


async def answer_exam(
    pilot: Pilot[object], answer: Callable[[Question], Answer], submit: bool = True
) -> ExamScreen:
    """Answer every question of the exam on screen, in order, as its answer widget would
    post them; then (``submit``) hand it in from the question list."""
    from natobrief.tui.screens.exam import ExamScreen

    screen = await wait_for_screen(pilot, ExamScreen)
    assert isinstance(screen, ExamScreen)
    for _ in range(len(screen.sheet)):
        question, widget = screen.question, screen.answer_widget
        assert question is not None and widget is not None
        widget.post_message(widget.Submitted(answer(question)))
        await settle(pilot)
    if submit:
        await submit_exam(pilot)
    return screen


async def submit_exam(pilot: Pilot[object]) -> None:
    """Hand in the exam from its question list (open after the last answer, or on Escape);
    f twice when questions are left without an answer."""
    from natobrief.tui.screens.exam_questions import ExamQuestionsScreen

    if not isinstance(pilot.app.screen, ExamQuestionsScreen):
        await pilot.press("escape")
        await settle(pilot)
    assert isinstance(pilot.app.screen, ExamQuestionsScreen)
    await pilot.press("f")
    await settle(pilot)
    if isinstance(pilot.app.screen, ExamQuestionsScreen):
        await pilot.press("f")
        await settle(pilot)
