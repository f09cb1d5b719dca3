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
        # The deck list's commands stay on the deck list: the reader offers its own Study.
        assert {"Home", "New card", "Study"} <= set(in_reader)
        assert not {"Exam", "Read the sources", "Statistics"} & set(in_reader)
        assert in_reader["Study"] != on_home["Study"]  # one Study, the reader's
        assert in_reader["New card"].endswith("(key n).")
        assert "Focus Previous" not in in_reader  # Textual's keys of every screen are left out
        assert not {"Keys", "Maximize"} & set(in_reader)  # F1 Help is the keys' list
        home_command = app.get_system_commands(app.screen)
        next(command for command in home_command if command.title == "Home").callback()
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("t")
        await wait_for_screen(pilot, StatsScreen)
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


async def test_the_screenshot_command_saves_in_the_data_folder_and_says_where(
    tmp_path: Path, isolated_home: Path
) -> None:
    app = build(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        command = next(c for c in app.get_system_commands(app.screen) if c.title == "Screenshot")
        command.callback()
        await settle(pilot)
        saved = list((isolated_home / "data" / "screenshots").glob("*.svg"))
        assert len(saved) == 1 and saved[0].read_text(encoding="utf-8").startswith("<svg")
        assert any(str(saved[0]) in n.message for n in app._notifications)
