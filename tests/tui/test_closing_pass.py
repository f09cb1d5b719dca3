"""What the closing read-through of #16 found (a helper who had not read the code, at
120x36, 80x24 and 60x16, dark and light), each with the step that showed it."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, OptionList, Static

from natobrief.tui.screens.brief import BriefScreen
from natobrief.tui.screens.cards import CardBrowserScreen
from natobrief.tui.screens.home import HomeScreen
from natobrief.tui.screens.results import ResultsScreen
from natobrief.tui.screens.settings import SettingsScreen
from natobrief.tui.screens.study import StudyScreen
from natobrief.tui.widgets.key_bar import KeyBar
from tests.answers import canonical_answer, wrong_answer
from tests.tui.helpers import answer_exam, build, settle, wait_for_screen
from tests.tui.test_rough_edges import deck_of_type


async def test_at_60x16_an_answered_order_card_gives_its_hint_line_to_the_list(
    tmp_path: Path,
) -> None:
    app = build(tmp_path, start="study", deck=deck_of_type(tmp_path, "order"))
    async with app.run_test(size=(60, 16)) as pilot:
        screen = await wait_for_screen(pilot, StudyScreen)
        hint = screen.query_one(".hint", Static)
        assert hint.display and hint.region.height == 2  # asking: how to move the items
        await pilot.press("down", "enter")
        await settle(pilot)
        assert screen.phase == "feedback" and hint.region.height == 0
        items = screen.query_one("#order", OptionList)
        assert items.region.height >= 2  # at least two items of the answer still in view


async def test_o_after_an_answer_opens_the_reader_on_the_text(tmp_path: Path) -> None:
    app = build(tmp_path, start="study")
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await wait_for_screen(pilot, StudyScreen)
        assert screen.question is not None and screen.answer_widget is not None
        screen.answer_widget.post_message(
            screen.answer_widget.Submitted(wrong_answer(screen.question.card))
        )
        await settle(pilot)
        await pilot.press("o")
        reader = await wait_for_screen(pilot, BriefScreen)
        assert reader.focused is not None and reader.focused.id == "paragraphs"


async def test_results_without_mistakes_offer_no_appeal_key(tmp_path: Path) -> None:
    app = build(tmp_path, start="exam", exam_count=2)
    async with app.run_test(size=(110, 40)) as pilot:
        await answer_exam(pilot, lambda question: canonical_answer(question.card))
        results = await wait_for_screen(pilot, ResultsScreen)
        assert "I was right" not in results.query_one(KeyBar).text


async def test_leaving_results_with_an_unsaved_appeal_asks_once(
    tmp_path: Path, isolated_home: Path
) -> None:
    app = build(tmp_path, start="exam", exam_count=2)
    async with app.run_test(size=(110, 40)) as pilot:
        await answer_exam(pilot, lambda question: wrong_answer(question.card))
        results = await wait_for_screen(pilot, ResultsScreen)
        assert "I was right" in results.query_one(KeyBar).text
        results.query_one("#appeal-0").focus()
        await pilot.press("enter")  # an appeal, not saved yet
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is results
        asked = [n for n in app._notifications if n.title == "Leave without saving?"]
        assert asked and "1 appeal not in a saved report" in asked[0].message
        await pilot.press("escape")  # the second leaves
        await wait_for_screen(pilot, HomeScreen)


async def test_down_from_the_card_search_goes_to_the_cards_and_s_is_a_letter(
    tmp_path: Path,
) -> None:
    app = build(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("c")
        browser = await wait_for_screen(pilot, CardBrowserScreen)
        await pilot.press("slash", *"tokyo")
        await settle(pilot)
        search = browser.query_one("#card-search", Input)
        assert "Suspend" not in browser.query_one(KeyBar).text  # s is a letter here
        await pilot.press("down")
        await settle(pilot)
        assert browser.query_one("#card-table", DataTable).has_focus
        assert search.value == "tokyo"
        assert "Suspend" in browser.query_one(KeyBar).text


async def test_a_settings_problem_goes_once_the_value_is_right(tmp_path: Path) -> None:
    app = build(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("f2")
        screen = await wait_for_screen(pilot, SettingsScreen)
        retention = screen.query_one("#retention", Input)
        retention.value = "0.5"
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = screen.query_one("#settings-error", Static)
        assert "between 0.70 and 0.97" in str(error.render())
        retention.value = "0.85"
        await settle(pilot)
        assert str(error.render()).strip() == ""


async def test_the_reader_names_each_paragraphs_page_or_section(tmp_path: Path) -> None:
    from tests.sources.test_source_decks import formats_deck

    app = build(tmp_path, start="brief", deck=formats_deck(tmp_path))
    async with app.run_test(size=(120, 36)) as pilot:
        reader = await wait_for_screen(pilot, BriefScreen)
        assert isinstance(reader, BriefScreen)
        lines = [reader.paragraph_content(n).plain for n in range(len(reader.paragraphs))]
        assert any("no card · Origins › The first release" in line for line in lines)
