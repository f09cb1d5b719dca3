"""An exam: every question on one sheet, answered in any order and changed at will, then
submitted from the question list (or when the time runs out). No feedback until the results.
"""

from __future__ import annotations

import time
from collections.abc import Iterable

from textual.binding import Binding
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from natobrief.exam_sheet import ExamSheet
from natobrief.grading.matching import Answer
from natobrief.grading.verdict import Verdict
from natobrief.session import Session
from natobrief.session_types import Question
from natobrief.text import counted
from natobrief.tui.messages import LeaveSession, ShowResults
from natobrief.tui.screens.asking import QuestionScreen
from natobrief.tui.text import join, plain
from natobrief.tui.widgets.answer_inputs import AnswerInput

_MOVE = Binding.Group("Previous/next")
ASK_TO_QUIT_SECONDS = 6  # "Press ctrl+q again to quit" holds this long


class ExamScreen(QuestionScreen):
    """Runs one exam Session as a sheet (exam_sheet.py); results wait for the submit."""

    BINDINGS = [
        # The only way to hand the exam in: kept on the key bar at any width (key_bar.py).
        Binding("escape", "questions", "Questions · submit", id="exam.questions"),
        # Priority: a list of options or order items would take PageUp/PageDown for itself.
        Binding("pageup", "move(-1)", "Previous", id="exam.previous", priority=True, group=_MOVE),
        Binding("pagedown", "move(1)", "Next", id="exam.next", priority=True, group=_MOVE),
    ]

    def __init__(
        self, session: Session, title: str, time_limit_minutes: float | None = None
    ) -> None:
        super().__init__(session, title)
        self.sheet = ExamSheet(session)
        self._quit_asked = False  # ctrl+q asked once whether to lose the answers
        self.deadline = time.monotonic() + time_limit_minutes * 60 if time_limit_minutes else None

    @property
    def question(self) -> Question | None:
        return self.sheet.current

    def first_question(self) -> Question | None:
        return self.sheet.current

    def compose_above(self) -> Iterable[Widget]:
        yield Static(id="sheet")

    def on_mount(self) -> None:
        self.sub_title = self.title_text
        if self.deadline is not None:
            self.set_interval(1, self._tick)
        if self.sheet.current is None:
            self.finish()
        else:
            self.show_question()

    def on_screen_resume(self) -> None:
        # Back from the results shown above this (first) screen: on to the decks.
        if self.phase == "done":
            self.post_message(LeaveSession(self))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.phase != "done"

    def status_text(self, question: Question) -> str:
        where = f"Question {self.sheet.position + 1} of {len(self.sheet)}"
        if self.sheet.is_answered(self.sheet.position):
            where += " · answered"
        return f"{where} · {question.deck.title}"

    # The sheet

    def show_question(self, given: Answer | None = None) -> AnswerInput:
        widget = super().show_question(given or self.sheet.given(self.sheet.position))
        self.query_one("#sheet", Static).update(self.sheet_line())
        return widget

    def sheet_line(self) -> Content:
        """Every question's number, ● once answered, ○ while not; the one on screen reversed."""
        marks: list[Content | str] = [f"Answered {self.sheet.answered} of {len(self.sheet)}  "]
        for index in range(len(self.sheet)):
            mark = "●" if self.sheet.is_answered(index) else "○"
            text = f"{index + 1}{mark}"
            marks.append(plain(text, "reverse bold") if index == self.sheet.position else text)
            marks.append(" ")
        return join(*marks)

    def _leave_question(self) -> None:
        """Count the time on the question on screen, and keep what is typed in it."""
        now = time.monotonic()
        self.sheet.spend(int((now - self.shown_at) * 1000))
        self.shown_at = now
        widget = self.answer_widget
        typed = widget.typed() if widget is not None else None
        if typed is None or typed == self.sheet.given(self.sheet.position):
            return
        verdict = self.sheet.check(typed)
        if verdict.retry_hint:
            self.notify(
                f"Question {self.sheet.position + 1}: {verdict.retry_hint} "
                "What was typed is not kept.",
                title="Not understood",
                severity="warning",
                timeout=6,
            )
            return
        self.sheet.keep(typed, verdict)

    def go(self, index: int) -> None:
        """Show the question at ``index``, keeping what was typed in the one left."""
        self._leave_question()
        self.sheet.go(index)
        self.show_question()

    def action_move(self, step: int) -> None:
        """The previous or next question."""
        target = self.sheet.position + step
        if 0 <= target < len(self.sheet):
            self.go(target)
        else:
            self.notify(
                "This is the " + ("first" if step < 0 else "last") + " question. "
                "Escape lists them all and submits.",
                timeout=3,
            )

    def grade(self, answer: Answer) -> Verdict:
        return self.sheet.check(answer)

    async def take(self, answer: Answer, verdict: Verdict) -> None:
        """Keep the answer, then the next question without one (the list once all have one)."""
        self.sheet.keep(answer, verdict)
        following = self.sheet.next_unanswered()
        if following is None:
            self.action_questions()
            return
        self.go(following)

    def action_questions(self) -> None:
        """The list of questions: go to one, or submit the exam."""
        from natobrief.tui.screens.exam_questions import ExamQuestionsScreen

        self._leave_question()
        self.query_one("#sheet", Static).update(self.sheet_line())
        self.app.push_screen(ExamQuestionsScreen(self.sheet, self.title_text), self._chosen)

    def _chosen(self, choice: int | str | None) -> None:
        if self.phase == "done":
            return
        if choice == "submit":
            self.run_worker(self.submit(), exclusive=True, group="submit")
        elif isinstance(choice, int):
            self.sheet.go(choice)
            self.show_question()
        else:
            self.shown_at = time.monotonic()
            if self.answer_widget is not None:
                self.answer_widget.focus_first()

    def ask_before_quitting(self) -> bool:
        """Whether quitting now would lose answers not handed in: if so, say so once (a
        second ctrl+q within a few seconds quits)."""
        if self.phase == "done" or not self.sheet.answered or self._quit_asked:
            return False
        self._quit_asked = True
        self.set_timer(ASK_TO_QUIT_SECONDS, self._forget_quit_asked)
        self.notify(
            f"Quitting now loses this exam's answers ({counted(self.sheet.answered, 'answer')} "
            "given, not handed in). Press ctrl+q again to quit, or Escape then f to hand "
            "the exam in.",
            title="Quit the exam?",
            severity="warning",
            timeout=ASK_TO_QUIT_SECONDS,
        )
        return True

    def _forget_quit_asked(self) -> None:
        self._quit_asked = False

    # The end

    def _tick(self) -> None:
        """Count down the time limit; when it runs out, the answers given are submitted."""
        if self.deadline is None or self.phase == "done":
            return
        left = int(self.deadline - time.monotonic())
        if left <= 0:
            for screen in list(reversed(self.app.screen_stack)):  # the list, help, settings
                if screen is self:  # close what is open above the exam first
                    break
                self.app.pop_screen()
            self._leave_question()
            self.run_worker(self.submit(time_up=True), exclusive=True, group="submit")
            return
        self.sub_title = f"{self.title_text} · {left // 60}:{left % 60:02d} left"

    async def submit(self, time_up: bool = False) -> None:
        """Record the sheet's answers, then the results (a failed save can be tried again)."""
        if self.phase == "done":
            return
        self.phase = "done"
        await self.database(self.sheet.submit)
        if not self.sheet.submitted:
            self.phase = "asking"  # reported; the answers are still on the sheet
            return
        self.finish(time_up)

    def finish(self, time_up: bool = False) -> None:
        """The results, in place of this screen (``time_up``: the time limit ended the exam)."""
        from natobrief.tui.screens.results import ResultsScreen

        self.phase = "done"
        if not self.sheet.submitted:
            self.sheet.submit()  # an exam with no questions: nothing to record
        self.post_message(ShowResults(self, ResultsScreen(self.session, time_up)))
