"""Before an exam from the deck list: how many questions, and an optional time limit.

The command line has ``--count`` and ``--time-limit``; this small dialog gives
the app's learner the same two choices. Enter starts, Escape goes back.
"""

from __future__ import annotations

from typing import NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from natobrief.text import counted
from natobrief.tui.text import plain
from natobrief.tui.widgets.key_bar import KeyBar
from natobrief.tui.widgets.plain_input import PlainInput


class ExamOptions(NamedTuple):
    """What the learner chose: questions, and minutes (None: no limit)."""

    questions: int
    minutes: float | None


def read_options(count_text: str, minutes_text: str, available: int) -> ExamOptions | str:
    """The options typed, or a sentence saying what to change."""
    count_text, minutes_text = count_text.strip(), minutes_text.strip()
    if not count_text.isdigit() or int(count_text) < 1:
        return f"Questions: give a whole number from 1 to {available}."
    count = min(int(count_text), available)
    if not minutes_text or minutes_text == "0":
        return ExamOptions(count, None)
    try:
        minutes = float(minutes_text)
    except ValueError:
        return "Time limit: give minutes as a number (e.g. 15), or leave it empty for none."
    if not 0 < minutes <= 24 * 60:
        return "Time limit: give minutes from 1 to 1440, or leave it empty for none."
    return ExamOptions(count, minutes)


class ExamOptionsScreen(ModalScreen[ExamOptions | None]):
    """Two fields over the deck list; the exam starts with what they hold."""

    CSS_PATH = "../styles/exam_options.tcss"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-tall")]
    BINDINGS = [
        Binding("escape", "dismiss_none", "Cancel", id="exam_options.cancel"),
    ]

    def __init__(self, title: str, available: int, count: int, minutes: float | None) -> None:
        super().__init__()
        self.exam_title = title
        self.available = available
        self.count = min(count, available)
        self.minutes = minutes

    def compose(self) -> ComposeResult:
        with Vertical(id="exam-options"):
            yield Static(plain(f"Exam on {self.exam_title}", "bold"))
            yield Static(
                plain(
                    f"{counted(self.available, 'card')} to draw from; no feedback until the end. "
                    "Enter starts the exam, Escape goes back."
                ),
                classes="hint",
            )
            yield Label("Questions")
            yield PlainInput(str(self.count), id="exam-count", restrict=r"[0-9]*")
            yield Label("Time limit in minutes (empty: none)")
            minutes = "" if self.minutes is None else f"{self.minutes:g}"
            yield PlainInput(minutes, id="exam-minutes", restrict=r"[0-9.]*")
            yield Static(id="exam-options-error")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#exam-count", Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_start()

    def action_start(self) -> None:
        """Start the exam with the options typed, or say what to change."""
        chosen = read_options(
            self.query_one("#exam-count", Input).value,
            self.query_one("#exam-minutes", Input).value,
            self.available,
        )
        if isinstance(chosen, str):
            self.query_one("#exam-options-error", Static).update(plain(chosen))
            return
        self.dismiss(chosen)

    def action_dismiss_none(self) -> None:
        """Back to the deck list; no exam."""
        self.dismiss(None)
