"""An exam's question list (Moodle's "summary of attempt"): which questions hold an
answer, a way to any of them, and the one place an exam is submitted.

It comes up on Escape and after the last question is answered, so that neither
a stray key nor the end of the paper hands it in: submitting is its own key,
asked twice while questions are left without an answer.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from natobrief.cardtypes.registry import kind_of
from natobrief.exam_sheet import ExamSheet
from natobrief.text import counted
from natobrief.tui.text import plain
from natobrief.tui.widgets.key_bar import KeyBar

ASK_TO_SUBMIT_SECONDS = 6  # "Press f again to submit" holds this long
DIALOG_WIDTH = 90  # columns, at most (exam_questions.tcss)
ROW_CHROME = 36  # the dialog's and list's borders and padding, and a row's number and mark


class ExamQuestionsScreen(ModalScreen[int | str | None]):
    """The list over the exam: dismissed with a question's index, "submit", or None (back)."""

    CSS_PATH = "../styles/exam_questions.tcss"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-tall")]
    BINDINGS = [
        Binding("f", "submit", "Submit all and finish", id="exam_questions.submit"),
        Binding("escape", "back", "Back to the question", id="exam_questions.back"),
    ]

    def __init__(self, sheet: ExamSheet, title: str) -> None:
        super().__init__()
        self.sheet = sheet
        self.exam_title = title
        self._submit_asked = False

    def compose(self) -> ComposeResult:
        sheet = self.sheet
        left = len(sheet) - sheet.answered
        with Vertical(id="exam-questions"):
            yield Static(plain(self.exam_title, "bold"))
            state = (
                f"All {len(sheet)} questions have an answer."
                if not left
                else f"Answered {sheet.answered} of {len(sheet)}; {left} without an answer."
            )
            yield Static(
                plain(f"{state} Enter goes to the question highlighted; f submits the exam."),
                classes="hint",
            )
            # Above the list: in a short terminal a list of many questions fills the rest.
            warning = Static(id="exam-submit-warning")
            warning.display = False
            yield warning
            rows = [Option(plain(self._row(index)), id=str(index)) for index in range(len(sheet))]
            yield OptionList(*rows, id="exam-question-list")
        yield KeyBar()

    def _row(self, index: int) -> str:
        question = self.sheet.questions[index]
        mark = "● answered    " if self.sheet.is_answered(index) else "○ not answered"
        prompt = " ".join(kind_of(question.card).label(question.card).split())
        room = max(20, min(DIALOG_WIDTH, self.app.size.width) - ROW_CHROME)  # one line a row
        if len(prompt) > room:
            prompt = prompt[: room - 1].rstrip() + "…"
        return f"{index + 1:>2}  {mark}  {prompt}"

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.sheet.position
        options.focus()

    @on(OptionList.OptionSelected)
    def _go(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(int(str(event.option.id)))

    def action_submit(self) -> None:
        """Hand the exam in; while answers are missing, the first press asks."""
        left = len(self.sheet) - self.sheet.answered
        if left and not self._submit_asked:
            self._submit_asked = True
            self.set_timer(ASK_TO_SUBMIT_SECONDS, self._forget_submit_asked)
            warning = self.query_one("#exam-submit-warning", Static)
            warning.display = True
            warning.update(
                plain(
                    f"{counted(left, 'question')} without an answer will count as wrong. "
                    "Press f again to submit, or Enter to go to one."
                )
            )
            return
        self.dismiss("submit")

    def _forget_submit_asked(self) -> None:
        self._submit_asked = False
        if self.is_attached:
            self.query_one("#exam-submit-warning", Static).display = False

    def action_back(self) -> None:
        """Back to the question that was on screen."""
        self.dismiss(None)
