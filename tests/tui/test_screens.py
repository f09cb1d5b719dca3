"""Exam to results, the reader, statistics, help, settings, and deck text kept inert."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from textual.widgets import DataTable, Input, OptionList, Select, Static

from natobrief.settings import load_settings
from natobrief.tui.screens.brief import BriefScreen
from natobrief.tui.screens.help import HelpScreen
from natobrief.tui.screens.home import HomeScreen
from natobrief.tui.screens.results import ResultsScreen
from natobrief.tui.screens.settings import SettingsScreen
from natobrief.tui.screens.stats import StatsScreen
from natobrief.tui.screens.study import StudyScreen
from tests.answers import canonical_answer, wrong_answer
from tests.conftest import DATA
from tests.tui.helpers import answer_exam, build, settle, submit_exam, wait_for_screen


async def test_exam_gives_no_feedback_until_the_results(
    tmp_path: Path, isolated_home: Path
) -> None:
    app = build(tmp_path, start="exam", exam_count=3)
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await answer_exam(pilot, lambda q: canonical_answer(q.card), submit=False)
        assert not screen.query("#feedback")  # no feedback until the results
        assert screen.session.results == []  # nothing recorded before the exam is handed in
        await submit_exam(pilot)
        results = await wait_for_screen(pilot, ResultsScreen)
        assert "Score: 100.0%" in str(results.query_one("#score", Static).render())
        assert results.query_one("#by-tag", DataTable).row_count >= 1
        await pilot.press("w")
        await settle(pilot)
        saved = list((isolated_home / "data" / "reports").glob("exam-*.json"))
        assert len(saved) == 1
        document = json.loads(saved[0].read_text())
        assert document["summary"]["answered"] == 3


async def test_exam_mistakes_show_their_passages(tmp_path: Path) -> None:
    app = build(tmp_path, start="exam", exam_count=2)
    async with app.run_test(size=(110, 40)) as pilot:
        await answer_exam(pilot, lambda q: wrong_answer(q.card))
        results = await wait_for_screen(pilot, ResultsScreen)
        assert len(results.query("PassageView")) == 2
        assert "Mistakes: 2" in str(results.query(".section").first().render())


async def test_reader_highlights_quotes_and_lists_citing_cards(tmp_path: Path) -> None:
    app = build(tmp_path, start="brief")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_for_screen(pilot, BriefScreen)
        assert isinstance(screen, BriefScreen)
        view = screen.query_one("#paragraphs", OptionList)
        assert view.option_count == 3  # title line and two paragraphs
        view.highlighted = 1
        await settle(pilot)
        citing = str(screen.query_one("#citing", Static).render())
        assert "Who blocked the Tokyo office?" in citing
        await pilot.press("s")
        study = await wait_for_screen(pilot, StudyScreen)
        assert study.sub_title == "Study: NATO Watch"


async def test_statistics_screen_draws_its_plots(tmp_path: Path) -> None:
    app = build(tmp_path, start="stats")
    async with app.run_test(size=(110, 50)) as pilot:
        screen = await wait_for_screen(pilot, StatsScreen)
        await settle(pilot)
        summary = str(screen.query_one("#summary", Static).render())
        assert "Cards: 8 in 1 deck: 8 new" in summary
        assert "Mon" in str(screen.query_one("#heatmap", Static).render())
        assert "Reading" not in str(screen.query_one("#forecast", Static).render())


async def test_help_lists_the_keys_of_the_screen(tmp_path: Path) -> None:
    app = build(tmp_path)
    async with app.run_test(size=(110, 40)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("f1")
        help_screen = await wait_for_screen(pilot, HelpScreen)
        assert isinstance(help_screen, HelpScreen)
        described = {about.split(":")[0] for _, rows in help_screen.sections() for _, about in rows}
        assert {"Study the chosen deck(s)", "Exam", "Read sources", "Statistics"} <= described
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)


async def test_settings_are_saved_to_the_settings_file(tmp_path: Path) -> None:
    app = build(tmp_path)
    async with app.run_test(size=(110, 40)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("f2")
        screen = await wait_for_screen(pilot, SettingsScreen)
        field = screen.query_one("#new", Input)
        field.value = "7"
        retention = screen.query_one("#retention", Input)
        retention.value = "0.85"
        screen.query_one("#keep-apart").focus()
        await pilot.press("space")  # on by default: turned off
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, HomeScreen)
    saved = load_settings(tmp_path / "settings.toml")
    assert (saved.new_per_day, saved.desired_retention, saved.keep_apart) == (7, 0.85, False)


async def test_markup_and_escape_sequences_in_deck_text_stay_inert(tmp_path: Path) -> None:
    shutil.copytree(DATA / "good", tmp_path / "deck")
    path = tmp_path / "deck" / "deck.yaml"
    text = path.read_text().replace(
        "prompt: Who blocked the Tokyo office?",
        'prompt: "Who [bold]blocked[/] the [red]office \\e]52;c;ZXZpbA==\\a [/]?"',
    )
    path.write_text(text)
    app = build(tmp_path, start="study", deck=path)
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await wait_for_screen(pilot, StudyScreen)
        prompt = str(screen.query_one("#prompt", Static).render())
        assert "[bold]blocked[/]" in prompt
        assert "]52;c;ZXZpbA==" in prompt and "\x1b" not in prompt
        await pilot.press(*"france", "enter")
        await settle(pilot)
        assert screen.session.results[-1].verdict.correct


async def test_a_session_started_from_the_command_line_returns_to_home(tmp_path: Path) -> None:
    """`natobrief study` opens straight on the card; home is built only when the session closes."""
    app = build(tmp_path, start="study")
    async with app.run_test(size=(110, 40)) as pilot:
        await wait_for_screen(pilot, StudyScreen)
        assert not any(isinstance(screen, HomeScreen) for screen in app.screen_stack)
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)
        assert [type(screen).__name__ for screen in app.screen_stack][-1] == "HomeScreen"


async def test_home_narrows_to_a_tag_that_holds_a_space(tmp_path: Path) -> None:
    shutil.copytree(DATA / "good", tmp_path / "deck")
    path = tmp_path / "deck" / "deck.yaml"
    text = path.read_text().replace("tags: [indo-pacific, people]", "tags: [indo-pacific, tag one]")
    path.write_text(text)
    app = build(tmp_path, deck=path)
    async with app.run_test(size=(110, 40)) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        assert isinstance(home, HomeScreen)
        home.query_one("#tag", Select).value = "tag one"
        await settle(pilot)
        assert [card.id for deck in home.chosen_decks() for card in deck.cards] == ["tokyo-blocked"]
        await pilot.press("s")
        study = await wait_for_screen(pilot, StudyScreen)
        assert isinstance(study, StudyScreen)
        question = study.session.current
        assert question is not None and question.card.id == "tokyo-blocked"
