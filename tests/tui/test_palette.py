"""The command palette (ctrl+p) holds the app's commands, each with help, beside Textual's."""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.command import CommandPalette
from textual.content import Content

from natobrief.tui.app import NatobriefApp
from natobrief.tui.screens.brief import BriefScreen
from natobrief.tui.screens.home import HomeScreen
from natobrief.tui.screens.settings import SettingsScreen
from natobrief.tui.screens.stats import StatsScreen
from natobrief.tui.screens.study import StudyScreen
from tests.conftest import DATA
from tests.tui.helpers import build, settle, wait_for_screen

DECK_COMMANDS = {"Study", "Exam", "Read the sources", "Statistics"}


def commands(app: NatobriefApp) -> dict[str, str]:
    """Title -> help text of every command the palette offers on the current screen."""
    return {command.title: command.help for command in app.get_system_commands(app.screen)}


async def test_typing_settings_in_the_palette_opens_the_settings(tmp_path: Path) -> None:
    app = build(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("ctrl+p")
        await wait_for_screen(pilot, CommandPalette)
        await pilot.press(*"settings")
        await settle(pilot)
        await pilot.press("enter")
        await wait_for_screen(pilot, SettingsScreen)


async def test_the_deck_lists_commands_and_every_screens_own(tmp_path: Path) -> None:
    app = build(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        on_home = commands(app)
        assert DECK_COMMANDS | {"Settings", "Help", "Theme", "Quit"} <= set(on_home)
        assert "Home" not in on_home
        assert on_home["Study"] == (
            "Study due and new cards of 'Test deck: every card type' (key s on the deck list)."
        )
        assert on_home["Settings"].endswith("(F2).")

        await pilot.press("r")
        await wait_for_screen(pilot, BriefScreen)
        in_reader = commands(app)
        assert DECK_COMMANDS | {"Home", "New card"} <= set(in_reader)
        assert in_reader["New card"].endswith("(key n).")
        assert "Focus Previous" not in in_reader  # Textual's keys of every screen are left out
        # From the reader, Statistics goes back to the deck list and opens its statistics.
        await pilot.press("ctrl+p")
        await wait_for_screen(pilot, CommandPalette)
        await pilot.press(*"stats")
        await settle(pilot)
        await pilot.press("enter")
        await wait_for_screen(pilot, StatsScreen)
        assert [type(screen).__name__ for screen in app.screen_stack][-2:] == [
            "HomeScreen",
            "StatsScreen",
        ]
        assert "Back" in commands(app)
        home_command = app.get_system_commands(app.screen)
        next(command for command in home_command if command.title == "Home").callback()
        await wait_for_screen(pilot, HomeScreen)


async def test_in_a_session_the_palette_offers_its_keys_not_other_screens(tmp_path: Path) -> None:
    app = build(tmp_path, start="study")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, StudyScreen)
        asking = commands(app)
        assert not DECK_COMMANDS & set(asking) and "Home" not in asking
        assert "End session" in asking and "Undo" not in asking  # nothing answered yet
        await pilot.press(*"france", "enter")
        await settle(pilot)
        answered = commands(app)
        assert {"Next", "Again", "Easy", "Undo", "Bury", "Suspend", "Reader"} <= set(answered)
        assert answered["Undo"] == "Take back the last answer and ask it again (key u)."


async def test_deck_titles_in_command_help_stay_text(tmp_path: Path) -> None:
    shutil.copytree(DATA / "good", tmp_path / "deck")
    path = tmp_path / "deck" / "deck.yaml"
    text = path.read_text().replace(
        'title: "Test deck: every card type"', 'title: "[bold red]Loud[/] deck"'
    )
    path.write_text(text)
    app = build(tmp_path, deck=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        # The palette reads help as markup; the title must come out as written.
        shown = Content.from_markup(commands(app)["Exam"]).plain
        assert "'[bold red]Loud[/] deck'" in shown
