"""Starting an exam from the deck list: its length and time limit, asked in a small dialog."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from natobrief.tui.screens.exam import ExamScreen
from natobrief.tui.screens.exam_options import ExamOptions, ExamOptionsScreen, read_options
from natobrief.tui.screens.home import HomeScreen
from natobrief.tui.screens.results import ResultsScreen
from tests.tui.helpers import build, settle, submit_exam, wait_for_screen


@pytest.mark.parametrize(
    ("count", "minutes", "read"),
    [
        ("5", "", ExamOptions(5, None)),
        (" 5 ", "0", ExamOptions(5, None)),
        ("50", "15", ExamOptions(8, 15.0)),  # no more questions than cards
        ("3", "2.5", ExamOptions(3, 2.5)),
        ("", "", "Questions: give a whole number from 1 to 8."),
        ("0", "", "Questions: give a whole number from 1 to 8."),
        ("5", "1.2.3", "Time limit: give minutes as a number"),
        ("5", "5000", "Time limit: give minutes from 1 to 1440"),
    ],
)
def test_the_options_typed_are_read_or_explained(
    count: str, minutes: str, read: ExamOptions | str
) -> None:
    got = read_options(count, minutes, available=8)
    assert got == read if isinstance(read, ExamOptions) else str(got).startswith(read)


async def test_e_asks_the_length_and_time_limit_then_starts_the_exam(tmp_path: Path) -> None:
    app = build(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("e")
        dialog = await wait_for_screen(pilot, ExamOptionsScreen)
        assert dialog.query_one("#exam-count", Input).value == "8"  # 20, but 8 cards
        await pilot.press("ctrl+u", "0", "enter")  # refused, with what to change
        await settle(pilot)
        error = str(dialog.query_one("#exam-options-error", Static).render())
        assert "give a whole number from 1 to 8" in error and app.screen is dialog
        await pilot.press("ctrl+u", "3", "tab", *"10", "enter")
        exam = await wait_for_screen(pilot, ExamScreen)
        assert isinstance(exam, ExamScreen) and exam.session.mode == "exam"
        assert len(exam.sheet) == 3 and exam.deadline is not None
        await submit_exam(pilot)  # nothing answered: f asks, then hands in
        await wait_for_screen(pilot, ResultsScreen)


async def test_escape_in_the_dialog_goes_back_to_the_decks(tmp_path: Path) -> None:
    app = build(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        await pilot.press("e")
        await wait_for_screen(pilot, ExamOptionsScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is home
