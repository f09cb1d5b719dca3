"""Starting straight on a session when the decks are in the deck cache, and leaving it."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

import natobrief.deck.cache
from natobrief.deck.cache import read_deck_cached
from natobrief.deck.library import load_decks
from natobrief.tui.screens.exam import ExamScreen
from natobrief.tui.screens.home import HomeScreen
from natobrief.tui.screens.loading import LoadingScreen
from natobrief.tui.screens.results import ResultsScreen
from natobrief.tui.screens.study import StudyScreen
from tests.answers import wrong_answer
from tests.tui.helpers import GOOD_DECK, answer_exam, build, settle, wait_for_screen


@pytest.fixture
def full_loads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every deck file the loading worker reads (what the quick start did not find cached)."""
    reads: list[Path] = []

    def counted(file: Path, folder: Path) -> object:
        if threading.current_thread() is not threading.main_thread():  # a worker's read
            reads.append(file)
        return read_deck_cached(file, folder)

    monkeypatch.setattr(natobrief.deck.cache, "read_deck_cached", counted)
    return reads


def cached_copy(tmp_path: Path) -> Path:
    """The test deck in a folder of its own, read once so that the deck cache holds it."""
    folder = tmp_path / "decks"
    shutil.copytree(GOOD_DECK.parent, folder)
    deck = folder / GOOD_DECK.name
    load_decks((str(deck),))
    return deck


async def test_cached_decks_open_the_session_as_the_first_screen(
    tmp_path: Path, full_loads: list[Path]
) -> None:
    app = build(tmp_path, start="study", deck=cached_copy(tmp_path))
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await wait_for_screen(pilot, StudyScreen)
        assert full_loads == []  # no worker read the decks
        assert app.screen_stack == [screen]  # the session's screen is the app's first
        assert screen.session.current is not None
        await pilot.press("escape")  # nothing answered: leave at once
        home = await wait_for_screen(pilot, HomeScreen)
        assert app.is_running
        assert app.screen_stack[0] is screen and app.screen_stack[-1] is home
        await pilot.press("s")  # a second session from home, closed again
        second = await wait_for_screen(pilot, StudyScreen)
        assert second is not screen
        await pilot.press("escape")
        assert await wait_for_screen(pilot, HomeScreen) is home


async def test_a_quick_exam_ends_on_results_then_home(
    tmp_path: Path, full_loads: list[Path]
) -> None:
    app = build(tmp_path, start="exam", exam_count=1, deck=cached_copy(tmp_path))
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await wait_for_screen(pilot, ExamScreen)
        assert full_loads == [] and app.screen_stack == [screen]
        await answer_exam(pilot, lambda question: wrong_answer(question.card))
        await wait_for_screen(pilot, ResultsScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)
        assert app.is_running


async def test_a_changed_deck_is_read_behind_the_loading_screen(
    tmp_path: Path, full_loads: list[Path]
) -> None:
    deck = cached_copy(tmp_path)
    deck.write_text(deck.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    app = build(tmp_path, start="study", deck=deck)
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await wait_for_screen(pilot, StudyScreen)
        assert full_loads == [deck]  # the cache missed: the loading worker read it
        assert isinstance(app.screen_stack[0], LoadingScreen)
        assert screen.session.current is not None


async def test_a_database_problem_at_start_is_shown_on_the_loading_screen(
    tmp_path: Path, full_loads: list[Path]
) -> None:
    from textual.widgets import Static

    deck = cached_copy(tmp_path)
    app = build(tmp_path, start="study", deck=deck)
    app.db_path = tmp_path  # a folder: no database can be opened there
    async with app.run_test(size=(110, 40)) as pilot:
        await settle(pilot)
        await settle(pilot)
        assert isinstance(app.screen, LoadingScreen)  # the quick start stepped aside
        text = str(app.screen.query_one("#loading-text", Static).render())
        assert "is a folder, not a database" in text and "ctrl+q" in text
        assert app.progress is None and app.is_running
        assert full_loads == []  # the worker took the decks the quick start had read
