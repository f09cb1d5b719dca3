"""Home shows what study brings in today: the daily new-card limit covers all decks together."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Static

from natobrief.deck.loader import load_deck
from natobrief.scheduler import Scheduler
from natobrief.session_types import Limits
from natobrief.settings import Settings
from natobrief.store import open_store
from natobrief.tui.app import make_app
from natobrief.tui.screens.home import HomeScreen
from natobrief.tui.screens.study import StudyScreen
from tests.answers import canonical_answer
from tests.tui.helpers import GOOD_DECK, NOW, settle, wait_for_screen


def app_with_limit(tmp_path: Path, limit: int) -> object:
    return make_app(
        [str(GOOD_DECK)],
        db_path=tmp_path / "progress.sqlite3",
        settings=Settings(new_per_day=limit),
        settings_path=tmp_path / "settings.toml",
        now=NOW,
        seed=4,
    )


def study_new(db: Path, count: int) -> None:
    from natobrief.session import Session

    progress = open_store(db)
    session = Session(
        [load_deck(GOOD_DECK)], progress, Scheduler(seed=1), clock=lambda: NOW,
        limits=Limits(new_per_day=count), keep_apart=False,  # count new cards, none again
    )  # fmt: skip
    for _ in range(count):
        question = session.next_question()
        assert question is not None
        session.answer(canonical_answer(question.card))
    progress.close()


def new_column(screen: HomeScreen) -> list[str]:
    table = screen.query_one(DataTable)
    return [str(table.get_row_at(index)[2]) for index in range(table.row_count)]


async def test_new_counts_what_is_left_today_and_says_why(tmp_path: Path) -> None:
    study_new(tmp_path / "progress.sqlite3", 3)
    app = app_with_limit(tmp_path, 5)
    async with app.run_test(size=(100, 30)) as pilot:  # type: ignore[attr-defined]
        screen = await wait_for_screen(pilot, HomeScreen)
        for _ in range(5):
            await settle(pilot)
        assert new_column(screen) == ["2", "2"]  # 5 new cards left in the deck, 2 today
        hint = str(screen.query_one("#new-hint", Static).render())
        assert "New: what study brings in today (2 of 5 left; the limit covers all decks" in hint


async def test_a_used_up_limit_says_so_on_home_and_in_study(tmp_path: Path) -> None:
    study_new(tmp_path / "progress.sqlite3", 3)
    app = app_with_limit(tmp_path, 3)
    async with app.run_test(size=(100, 30)) as pilot:  # type: ignore[attr-defined]
        screen = await wait_for_screen(pilot, HomeScreen)
        for _ in range(5):
            await settle(pilot)
        assert new_column(screen) == ["0", "0"]
        hint = str(screen.query_one("#new-hint", Static).render())
        assert "Today's 3 new cards are studied (the limit covers all decks together)" in hint
        await pilot.press("s")
        study = await wait_for_screen(pilot, StudyScreen)
        for _ in range(5):
            await settle(pilot)
        shown = " ".join(str(widget.render()) for widget in study.query(Static))
        assert "today's limit of new cards leaves 5 new cards for later" in shown
        assert "raise it in F2 Settings" in shown
