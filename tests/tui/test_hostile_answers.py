"""A hostile answer pasted into a study card: nothing of it drives the terminal, the app goes on.

The check is on what the app would send to the terminal: the strips the
compositor renders for the whole screen, before and after the answer is given.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from textual import events
from textual.widgets import Input

from natobrief.tui.screens.study import StudyScreen
from natobrief.tui.widgets.feedback import FeedbackPanel
from tests.tui.helpers import build, settle, wait_for_screen

HOSTILE = (
    "\x1b]52;c;aGVsbG8=\x07"  # OSC 52: write to the clipboard
    "Fr\x1b[2Jan\x9b31m"  # clear the screen; an 8-bit CSI
    "\u202ece\x00\x08"  # right-to-left override, NUL, backspace
    " فرنسا צרפת " + "e\u0301" * 2_000  # Arabic, Hebrew  # combining accents
)
CONTROL = {chr(code) for code in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))}
CONTROL |= {"\u202e"}


def screen_text(app: object) -> str:
    """Every character of the rendered screen, as the driver would write it."""
    strips = app.screen._compositor.render_strips()  # type: ignore[attr-defined]
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


async def test_pasted_escape_sequences_stay_inert(tmp_path: Path) -> None:
    app = build(tmp_path, start="study")
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await wait_for_screen(pilot, StudyScreen)
        assert isinstance(screen, StudyScreen)
        session = screen.session
        assert session.current is not None and session.current.card.id == "tokyo-blocked"
        field = screen.query_one("#answer", Input)
        field.focus()
        field.post_message(events.Paste(HOSTILE))
        await settle(pilot)
        assert field.value.startswith("]52;c;aGVsbG8=Fr[2Jan")  # the paste arrived, inert
        assert not CONTROL & set(screen_text(app)), "control characters reached the screen"

        await pilot.press("enter")
        await settle(pilot)
        assert screen.query_one(FeedbackPanel).text.startswith("Not quite")
        result = session.results[-1]
        assert not result.verdict.correct
        assert not CONTROL & set(result.given)
        assert result.given.startswith("]52;c;aGVsbG8=Fr[2Jan31mce فرنسا צרפת")
        assert not CONTROL & set(screen_text(app)), "control characters reached the screen"

        await pilot.press("enter")  # the app still responds: on to the next question
        await settle(pilot)
        assert session.current is not None and session.current.card.id != "tokyo-blocked"
    connection = sqlite3.connect(tmp_path / "progress.sqlite3")
    try:
        (stored,) = connection.execute("SELECT answer FROM review_log").fetchone()
    finally:
        connection.close()
    assert stored == result.given
