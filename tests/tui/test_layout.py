"""Layout at narrow and wide terminals: the key bar, the reader's panes, the home table,
the settings dialog and the title bar."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from rich.cells import cell_len
from textual.containers import VerticalScroll
from textual.widgets import Button, DataTable, OptionList, Select, Static

from natobrief.tui.app import make_app
from natobrief.tui.screens.brief import BriefScreen
from natobrief.tui.screens.home import (
    MIN_TITLE_WIDTH,
    TITLE_WIDTH_BEFORE_LAST,
    HomeScreen,
    column_widths,
)
from natobrief.tui.screens.settings import SettingsScreen
from natobrief.tui.screens.study import StudyScreen
from natobrief.tui.widgets.key_bar import KeyBar, KeyEntry, fitting
from natobrief.tui.widgets.title_bar import TitleBar, fitted_title
from tests.tui.helpers import build, settle, wait_for_screen


def shown_bar(screen: object) -> str:
    """The key bar's line as drawn, and a check that no entry on it is cut in half."""
    bar = screen.query_one(KeyBar)  # type: ignore[attr-defined]
    drawn = bar.render_line(0).text.rstrip()
    width = bar.content_size.width
    whole = "  ".join(f"{e.key} {e.description}" for e in fitting(bar.keys, width))
    assert drawn.strip() == whole, (drawn, bar.keys)
    assert len(drawn) <= width
    assert "^q Quit" in drawn and "f1 Help" in drawn  # they stay whatever goes
    return drawn


# The key bar


def test_fitting_drops_whole_entries_from_the_end_keeping_quit_and_help() -> None:
    keys = (
        KeyEntry("s", "Study", True),
        KeyEntry("o", "Open in reader", True),
        KeyEntry("^q", "Quit", True, kept=True),
        KeyEntry("f1", "Help", True, kept=True),
        KeyEntry("f2", "Settings", True),
    )
    assert fitting(keys, 200) == keys
    # " s Study", " o Open in reader", " ^q Quit", " f1 Help": 8 + 17 + 8 + 8, and 3 gaps.
    assert [e.description for e in fitting(keys, 44)] == ["Study", "Open in reader", "Quit", "Help"]
    assert [e.description for e in fitting(keys, 43)] == ["Study", "Quit", "Help"]
    assert [e.description for e in fitting(keys, 25)] == ["Quit", "Help"]
    assert fitting(keys, 3) == ()


async def test_key_bar_keeps_entries_whole_after_an_answer(tmp_path: Path) -> None:
    app = build(tmp_path, start="study")
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, StudyScreen)
        await pilot.press(*"france", "enter")
        await settle(pilot)
        # Every key of the feedback fits in 80 columns (1-4 share one entry).
        assert shown_bar(screen).strip().startswith("⏎ Next  1 2 3 4 Rate  u Undo  b Bury")
        assert "o Reader" in shown_bar(screen) and shown_bar(screen).endswith("f1 Help")
        for width in (60, 100, 140):
            await pilot.resize_terminal(width, 24)
            await settle(pilot)
            drawn = shown_bar(screen)
            assert ("o Reader" in drawn) == (width >= 80) and "f1 Help" in drawn


async def test_key_bar_on_home_in_60_columns_ends_with_help(tmp_path: Path) -> None:
    app = build(tmp_path)
    async with app.run_test(size=(60, 16)) as pilot:
        screen = await wait_for_screen(pilot, HomeScreen)
        assert "s Study" in shown_bar(screen)


# The reader


async def test_reader_gives_the_text_the_room_in_60_columns(tmp_path: Path) -> None:
    app = make_app(db_path=tmp_path / "progress.sqlite3", start="brief")  # the bundled decks
    async with app.run_test(size=(60, 16)) as pilot:
        screen = await wait_for_screen(pilot, BriefScreen)
        assert isinstance(screen, BriefScreen)
        documents = screen.query_one("#documents", OptionList)
        paragraphs = screen.query_one("#paragraphs", OptionList)
        assert not documents.display and not screen.query_one("#citing-pane").display
        assert paragraphs.has_focus and paragraphs.region.width >= 50
        assert "d Documents  c Cards" in shown_bar(screen)  # the hidden panes' keys
        first = screen.current
        await pilot.press("d")  # the list opens over the text, with the list's keys
        await settle(pilot)
        assert documents.has_focus and documents.region.width >= 50
        assert not screen.query_one("#body").display  # the text and the citing cards
        drawn = shown_bar(screen)
        assert "↑↓ Document" in drawn and "Sentence" not in drawn
        assert "⏎ Read  esc Back to text" in drawn  # how to close the list it covers the text with
        await pilot.press("down", "enter")  # another document, and back to its text
        await settle(pilot)
        assert paragraphs.has_focus and not documents.display
        assert screen.current is not None and screen.current != first
        await pilot.press("d", "escape")  # Escape closes the list, it does not leave
        await settle(pilot)
        assert isinstance(app.screen, BriefScreen) and paragraphs.has_focus
        await pilot.press("c")  # the citing cards, on demand, under the text
        await settle(pilot)
        pane = screen.query_one("#citing-pane")
        assert pane.display and pane.region.y > paragraphs.region.y
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)


async def test_reader_panes_follow_the_width(tmp_path: Path) -> None:
    app = make_app(db_path=tmp_path / "progress.sqlite3", start="brief")
    async with app.run_test(size=(120, 34)) as pilot:
        screen = await wait_for_screen(pilot, BriefScreen)
        documents = screen.query_one("#documents", OptionList)
        paragraphs = screen.query_one("#paragraphs", OptionList)
        pane = screen.query_one("#citing-pane")
        # 120 columns: three side by side.
        assert documents.has_focus
        assert documents.region.right <= paragraphs.region.x < pane.region.x
        # 80x24: the citing cards under the text, the list narrower, the text wide enough.
        await pilot.resize_terminal(80, 24)
        await settle(pilot)
        assert documents.display and pane.display
        assert pane.region.y > paragraphs.region.y and paragraphs.region.width >= 45
        # Below 80 columns the focused list opens over the whole width, and says how to close.
        await pilot.resize_terminal(60, 16)
        await settle(pilot)
        assert documents.has_focus and documents.region.width >= 50
        assert not screen.query_one("#body").display
        assert "⏎ Read  esc Back to text" in shown_bar(screen)
        await pilot.press("enter")
        await settle(pilot)
        assert paragraphs.has_focus and paragraphs.region.width >= 50


async def test_reader_key_bar_follows_the_focus(tmp_path: Path) -> None:
    app = build(tmp_path, start="brief")
    async with app.run_test(size=(140, 34)) as pilot:
        screen = await wait_for_screen(pilot, BriefScreen)
        list_keys = shown_bar(screen)
        assert "↑↓ Document" in list_keys and "⏎ Read" in list_keys
        assert "Sentence" not in list_keys and "Documents" not in list_keys
        await pilot.press("right")  # off with the list focused: no sentence is picked
        await settle(pilot)
        assert screen.sentence_index == 0
        await pilot.press("tab")
        await settle(pilot)
        text_keys = shown_bar(screen)
        assert "←→ Sentence" in text_keys and "d Documents" in text_keys
        assert "Document " not in text_keys.replace("d Documents", "")


# Home


def test_column_widths_give_way_title_first_then_last_studied() -> None:
    counts = (5, 4, 3, 8)  # Cards, New, Due, Learning: 28 cells with padding
    assert column_widths(200, 57, counts, 17) == (57, 17)
    assert column_widths(100, 57, counts, 17) == (100 - 28 - 19 - 2, 17)
    narrow = column_widths(60, 57, counts, 17)
    assert narrow == (60 - 28 - 2, None)  # the title would be under 24: Last studied goes
    assert narrow[0] >= TITLE_WIDTH_BEFORE_LAST
    assert column_widths(30, 57, counts, 17) == (MIN_TITLE_WIDTH, None)
    assert column_widths(60, 9, counts, 17) == (9, 17)  # short titles keep every column


def table_rows(table: DataTable[object]) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


def assert_fits(table: DataTable[object]) -> None:
    widths = [column.get_render_width(table) for column in table.columns.values()]
    assert sum(widths) <= table.size.width, (widths, table.size.width)
    labels = [str(column.label) for column in table.columns.values()]
    assert labels[1:5] == ["Cards", "New", "Due", "Learning"]


async def test_home_table_follows_every_resize(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    studied = subprocess.run(  # one answer, so that the Last studied column has a date
        [sys.executable, "-m", "natobrief", "study", "--headless", "--db", str(db)],
        input="x\n\n",
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NATOBRIEF_HOME": str(tmp_path / "home")},
    )
    assert studied.returncode == 0, studied.stderr
    app = make_app(db_path=db)  # the bundled decks: long titles
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_for_screen(pilot, HomeScreen)
        await settle(pilot)
        table = screen.query_one(DataTable)
        titles = [deck.title for deck in screen.decks]
        longest = max(titles, key=len)
        assert longest not in [row[0] for row in table_rows(table)]  # cut at 100 columns
        assert_fits(table)
        await pilot.resize_terminal(140, 30)
        await settle(pilot)
        assert [row[0] for row in table_rows(table)][1:] == titles  # whole at 140
        assert "Last studied" in [str(c.label) for c in table.columns.values()]
        assert_fits(table)
        await pilot.press("down")  # the highlighted deck stays highlighted through a resize
        await pilot.resize_terminal(100, 30)
        await settle(pilot)
        assert_fits(table)
        assert table.cursor_row == 1
        await pilot.resize_terminal(60, 16)
        await settle(pilot)
        assert_fits(table)  # the counts stay; Last studied went first
        assert "Last studied" not in [str(c.label) for c in table.columns.values()]
        # Cut in the middle, visibly, so that the end (the year) stays.
        assert all("…" in row[0] for row in table_rows(table)[1:] if len(row[0]) > 20)
        assert screen.query_one("#tag").region.bottom <= screen.region.bottom - 1


async def test_home_counts_follow_the_chosen_tag(tmp_path: Path) -> None:
    app = build(tmp_path, start="study")
    async with app.run_test(size=(100, 30)) as pilot:
        study = await wait_for_screen(pilot, StudyScreen)
        assert isinstance(study, StudyScreen)
        assert study.session.current is not None
        assert study.session.current.card.id == "tokyo-blocked"  # tagged indo-pacific, people
        await pilot.press(*"france", "enter")
        await settle(pilot)
        await pilot.press("escape")  # the session's summary
        await settle(pilot)
        await pilot.press("escape")
        home = await wait_for_screen(pilot, HomeScreen)
        assert isinstance(home, HomeScreen)
        await settle(pilot)
        table = home.query_one(DataTable)
        assert table_rows(table)[0][:5] == ["All decks", "8", "7", "0", "1"]
        tag = home.query_one("#tag", Select)
        listed = tag.query_one(OptionList)  # the list that drops down
        labels = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        assert labels[1:] == ["indo-pacific (1)", "people (1)"]
        tag.value = "people"
        await settle(pilot)
        assert table_rows(table)[0][:5] == ["All decks", "1", "0", "0", "1"]
        assert table_rows(table)[1][:5] == ["Test deck: every card type", "1", "0", "0", "1"]
        tag.clear()
        await settle(pilot)
        assert table_rows(table)[0][:5] == ["All decks", "8", "7", "0", "1"]
        hint = str(home.query_one("#new-hint", Static).render())
        assert "New: what study brings in today (19 of 20 left; the limit covers all decks" in hint


async def test_a_suspended_card_is_not_counted_as_learning_on_home(tmp_path: Path) -> None:
    app = build(tmp_path, start="study")
    async with app.run_test(size=(100, 30)) as pilot:
        study = await wait_for_screen(pilot, StudyScreen)
        await pilot.press(*"france", "enter")  # right: the card is in its first learning step
        await settle(pilot)
        await pilot.press("s")  # then suspended
        await settle(pilot)
        assert isinstance(study, StudyScreen)
        state = study.session.progress.card_state("test-deck", "tokyo-blocked")
        assert state is not None and state.suspended and state.stage == 1
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("escape")
        home = await wait_for_screen(pilot, HomeScreen)
        await settle(pilot)
        # Cards, New, Due, Learning: the suspended card is none of new, due or learning
        assert table_rows(home.query_one(DataTable))[0][:5] == ["All decks", "8", "7", "0", "0"]


async def test_a_deck_with_no_card_of_the_chosen_tag_says_so(tmp_path: Path) -> None:
    app = make_app(db_path=tmp_path / "progress.sqlite3", start="home")  # the bundled decks
    async with app.run_test(size=(120, 30)) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        await settle(pilot)
        home.query_one("#tag", Select).value = "aukus-quad"  # not in the explainer deck
        await settle(pilot)
        table = home.query_one(DataTable)
        row = next(i for i, r in enumerate(table_rows(table)) if r[0].startswith("NATO's"))
        table.move_cursor(row=row)
        await pilot.press("s")
        await settle(pilot)
        assert app.screen is home
        assert any(
            "No card here carries the tag aukus-quad" in n.message for n in app._notifications
        )


# Settings


async def test_settings_fit_at_80x24_with_their_own_keys(tmp_path: Path) -> None:
    app = build(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("f2")
        screen = await wait_for_screen(pilot, SettingsScreen)
        dialog = screen.query_one("#settings", VerticalScroll)
        bar = screen.query_one(KeyBar)
        assert dialog.max_scroll_y == 0  # nothing hidden: every field and both buttons
        for widget in (screen.query_one("#theme", Select), *screen.query(Button)):
            assert screen.region.contains_region(widget.region), widget
            assert widget.region.bottom <= bar.region.y
        assert bar.text.strip() == "^s Save  esc Cancel"


async def test_settings_scroll_to_the_focused_field_in_a_small_terminal(tmp_path: Path) -> None:
    app = build(tmp_path)
    async with app.run_test(size=(60, 16)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("f2")
        screen = await wait_for_screen(pilot, SettingsScreen)
        dialog = screen.query_one("#settings", VerticalScroll)
        assert dialog.max_scroll_y > 0 and dialog.show_vertical_scrollbar
        for expected in ("new", "reviews", "theme", "keep-apart", "save", "cancel"):
            await pilot.press("tab")
            await settle(pilot)
            focused = screen.focused
            assert focused is not None and focused.id == expected
            assert dialog.content_region.contains_region(focused.region), expected
        assert "^s Save" in screen.query_one(KeyBar).text


# The title bar

LONG_TITLE = "Study: Why China distrusts NATO (2022) and what it means for the alliance"


def test_a_long_title_keeps_its_tag_and_ends_what_is_cut_with_an_ellipsis() -> None:
    sub_title = "Study: Why China distrusts NATO (2022) · tag china-view"
    assert fitted_title("natobrief", sub_title, 80) == f"natobrief — {sub_title}"
    assert fitted_title("natobrief", sub_title, 60) == sub_title  # the app's name goes first
    assert fitted_title("natobrief", sub_title, 40) == "Study: Why China distr… · tag china-view"
    assert fitted_title("natobrief", sub_title, 12) == "Study: Why…"
    # Cut in cells: a wide character counts two, and is never cut in half.
    wide = fitted_title("natobrief", "Exam: 北大西洋条約機構と中国 · 12:34 left", 25)
    assert wide == "Exam: 北大… · 12:34 left" and cell_len(wide) == 24  # 北大西 would be 26
    assert fitted_title("natobrief", "", 5) == "nato…"


async def test_the_title_bar_ends_a_cut_title_with_an_ellipsis_at_60_columns(
    tmp_path: Path,
) -> None:
    app = build(tmp_path, start="study")
    async with app.run_test(size=(60, 16)) as pilot:
        screen = await wait_for_screen(pilot, StudyScreen)
        bar = screen.query_one(TitleBar)
        screen.sub_title = f"{LONG_TITLE} · tag china-view"
        await pilot.pause()
        drawn = bar.render_line(0).text.strip()
        assert drawn == bar.text and cell_len(drawn) <= 60
        assert drawn.startswith("Study: Why China") and drawn.endswith("… · tag china-view")
        screen.sub_title = LONG_TITLE  # one part: cut at the end
        await pilot.pause()
        drawn = bar.render_line(0).text.strip()
        assert drawn.endswith("…") and cell_len(drawn) == 60


async def test_before_any_study_the_titles_take_the_empty_last_studied_room(
    tmp_path: Path,
) -> None:
    app = make_app(db_path=tmp_path / "progress.sqlite3")  # the bundled decks
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_for_screen(pilot, HomeScreen)
        await settle(pilot)
        table = screen.query_one(DataTable)
        assert "Last studied" not in [str(c.label) for c in table.columns.values()]
        assert [row[0] for row in table_rows(table)][1:] == [d.title for d in screen.decks]


async def test_o_from_a_tag_session_opens_the_reader_on_the_whole_deck(tmp_path: Path) -> None:
    app = build(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        await settle(pilot)
        home.query_one("#tag", Select).value = "people"  # one card of the eight
        await settle(pilot)
        await pilot.press("s")
        study = await wait_for_screen(pilot, StudyScreen)
        assert isinstance(study, StudyScreen)
        assert sum(len(d.cards) for d in study.session.decks) == 1
        await pilot.press(*"france", "enter")
        await settle(pilot)
        await pilot.press("o")
        reader = await wait_for_screen(pilot, BriefScreen)
        assert isinstance(reader, BriefScreen)
        assert [len(d.cards) for d in reader.decks] == [8]  # coverage counts every card
