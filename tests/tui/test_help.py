"""Help (F1): the keys a learner uses on the screen below, grouped, and a list that scrolls."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Static

from natobrief.tui.app import NatobriefApp, StartScreen
from natobrief.tui.screens.asking import QuestionScreen
from natobrief.tui.screens.brief import BriefScreen
from natobrief.tui.screens.help import HelpScreen
from natobrief.tui.screens.home import HomeScreen
from natobrief.tui.screens.stats import StatsScreen
from natobrief.tui.screens.study import StudyScreen
from tests.answers import canonical_answer
from tests.tui.helpers import build, settle, wait_for_screen

Sections = list[tuple[str, list[tuple[str, str]]]]


async def open_help(pilot: Pilot[object]) -> HelpScreen:
    await pilot.press("f1")
    screen = await wait_for_screen(pilot, HelpScreen)
    assert isinstance(screen, HelpScreen)
    return screen


async def study_until(pilot: Pilot[object], app: NatobriefApp, card_type: str) -> QuestionScreen:
    """Answer questions (rightly) until one of ``card_type`` is asked (in study or an exam)."""
    screen = await wait_for_screen(pilot, QuestionScreen)
    assert isinstance(screen, QuestionScreen)
    for _ in range(20):
        question = screen.question
        assert question is not None
        if question.card.type == card_type:
            return screen
        widget = screen.query_one(".answer-input")
        widget.post_message(widget.Submitted(canonical_answer(question.card)))  # type: ignore[attr-defined]
        await settle(pilot)
        if screen.session.mode == "study":
            await pilot.press("enter")
            await settle(pilot)
    raise AssertionError(f"no {card_type} card was asked")


def keys_of(sections: Sections) -> dict[str, dict[str, str]]:
    return {title: dict(rows) for title, rows in sections}


async def test_help_on_a_choice_card_lists_the_keys_to_answer_and_after(tmp_path: Path) -> None:
    app = build(tmp_path, start="study")
    async with app.run_test(size=(100, 30)) as pilot:
        await study_until(pilot, app, "choice")
        help_screen = await open_help(pilot)
        sections = keys_of(help_screen.sections())
        assert list(sections) == [
            "Answer this question (multiple choice)",
            "After an answer",
            "Any time",
            "Everywhere",
        ]
        answering = sections["Answer this question (multiple choice)"]
        assert answering["a–c"].startswith("Choose that option")
        assert "Highlight an option" in answering["↑ ↓  Enter"]
        after = sections["After an answer"]
        assert set(after) == {"Enter", "1 2 3 4", "r", "u", "b", "s", "o", "PageUp ↑ PageDown ↓"}
        assert after["1 2 3 4"].startswith("Again / Hard / Good / Easy: change the rating")
        assert after["PageUp ↑ PageDown ↓"].startswith("Scroll up / Scroll down: page through")
        assert sections["Any time"]["Esc"].startswith("End session")
        everything = " ".join(f"{k} {v}" for rows in sections.values() for k, v in rows.items())
        assert "Page Left" not in everything and "Focus Next" not in everything


async def test_help_in_an_exam_has_no_keys_for_feedback(tmp_path: Path) -> None:
    app = build(tmp_path, start="exam", exam_count=8)
    async with app.run_test(size=(100, 30)) as pilot:
        await study_until(pilot, app, "truefalse")
        sections = keys_of((await open_help(pilot)).sections())
        assert list(sections) == [
            "Answer this question (true or false)", "In the exam", "Everywhere"
        ]  # fmt: skip
        assert sections["Answer this question (true or false)"]["t  y"] == "True"
        moving = sections["In the exam"]["PageUp PageDown"]
        assert moving == "Previous / Next: the previous or next question"
        assert sections["In the exam"]["Esc"].startswith("Questions · submit")


async def test_help_shows_every_key_and_its_closing_line_at_100x30_and_80x24(
    tmp_path: Path,
) -> None:
    for size in ((100, 30), (80, 24)):
        app = build(tmp_path)
        async with app.run_test(size=size) as pilot:
            await wait_for_screen(pilot, HomeScreen)
            help_screen = await open_help(pilot)
            everywhere = keys_of(help_screen.sections())["Everywhere"]
            assert set(everywhere) == {"F1 ?", "F2", "ctrl+p", "ctrl+q"}
            body = help_screen.query_one("#help-body", VerticalScroll)
            hint = help_screen.query_one("#help-hint", Static)
            # The closing line is on screen, below the list, whatever the list's length.
            assert hint.region.bottom <= size[1] and hint.region.y >= body.region.bottom
            assert "Esc closes this window." in str(hint.render())
            assert body.has_focus
            if body.max_scroll_y:  # longer than the window: ↓ and PageDown reach its end
                assert "PageDown: more below" in str(hint.render())
                await pilot.press("down")
                await pilot.wait_for_scheduled_animations()  # scrolling may be animated
                assert body.scroll_y == 1
                for _ in range(10):
                    await pilot.press("pagedown")
                    await pilot.wait_for_scheduled_animations()
                assert body.scroll_y == body.max_scroll_y
            last = help_screen.query_one("#about", Static)
            assert body.region.y <= last.region.bottom - 1 <= body.region.bottom
            await pilot.press("escape")
            await wait_for_screen(pilot, HomeScreen)


async def scroll_help(pilot: Pilot[object], key: str) -> str:
    """Press ``key`` in the help list and return its closing line once the scroll is over."""
    await pilot.press(key)
    await pilot.wait_for_scheduled_animations()  # scrolling may be animated
    await pilot.pause()
    return str(pilot.app.screen.query_one("#help-hint", Static).render())


@pytest.mark.parametrize(
    ("start", "screen_class"), [("brief", BriefScreen), ("study", StudyScreen)]
)
async def test_help_says_more_below_only_while_there_is_more_below(
    tmp_path: Path, start: StartScreen, screen_class: type[Screen[None]]
) -> None:
    app = build(tmp_path, start=start)
    async with app.run_test(size=(60, 16)) as pilot:
        await wait_for_screen(pilot, screen_class)
        help_screen = await open_help(pilot)
        body = help_screen.query_one("#help-body", VerticalScroll)
        assert body.max_scroll_y > 0  # longer than the window at 60x16
        hint = str(help_screen.query_one("#help-hint", Static).render())
        assert hint == "↓ PageDown: more below · Esc closes this window."
        assert await scroll_help(pilot, "end") == "↑ PageUp: more above · Esc closes this window."
        assert body.scroll_y == body.max_scroll_y
        assert "more below" in await scroll_help(pilot, "up")
        assert "more below" in await scroll_help(pilot, "home")


async def test_statistics_help_lists_the_keys_that_scroll_it(tmp_path: Path) -> None:
    app = build(tmp_path, start="stats")
    async with app.run_test(size=(80, 24)) as pilot:
        stats = await wait_for_screen(pilot, StatsScreen)
        scroll = stats.query_one("#stats", VerticalScroll)
        assert scroll.max_scroll_y > 0  # several pages at 80x24
        moving = keys_of((await open_help(pilot)).sections())["Moving around"]
        assert set(moving) == {"↑ ↓", "PageUp PageDown", "Home End"}
        await pilot.press("escape")
        await wait_for_screen(pilot, StatsScreen)
        await pilot.press("pagedown")  # the keys the help lists do scroll the statistics
        await pilot.wait_for_scheduled_animations()
        assert scroll.scroll_y > 0
        await pilot.press("end")
        await pilot.wait_for_scheduled_animations()
        assert scroll.scroll_y == scroll.max_scroll_y
