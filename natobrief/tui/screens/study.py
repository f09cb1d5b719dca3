"""Study and exam: one question at a time, then (in study) the feedback and its source passage."""

from __future__ import annotations

import time
from typing import Literal

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Vertical
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Header, ProgressBar, Static

from natobrief.headless_output import cloze_with_numbers
from natobrief.scheduler import Rating
from natobrief.session import Result, Session
from natobrief.tui.messages import AnswerRecorded, QuestionRestored
from natobrief.tui.text import plain
from natobrief.tui.widgets.answer_inputs import AnswerInput, answer_input_for
from natobrief.tui.widgets.feedback import FeedbackPanel
from natobrief.tui.widgets.key_bar import KeyBar
from natobrief.tui.worker_errors import ReportsWorkerErrors

Phase = Literal["asking", "feedback", "done"]
_FEEDBACK_ACTIONS = {"next", "rate", "undo", "bury", "suspend", "open_passage", "scroll_feedback"}


class StudyScreen(ReportsWorkerErrors, Screen[None]):
    """Runs one Session; in an exam, results wait for the end."""

    BINDINGS = [
        Binding("enter", "next", "Next", id="study.next", priority=False),
        Binding("1", "rate('again')", "Again", id="study.again"),
        Binding("2", "rate('hard')", "Hard", id="study.hard"),
        Binding("3", "rate('good')", "Good", id="study.good"),
        Binding("4", "rate('easy')", "Easy", id="study.easy"),
        Binding("u", "undo", "Undo", id="study.undo"),
        Binding("b", "bury", "Bury", id="study.bury"),
        Binding("s", "suspend", "Suspend", id="study.suspend"),
        Binding("o", "open_passage", "Open in reader", id="study.open"),
        Binding("escape", "leave", "End session", id="study.leave"),
        Binding("pageup,up", "scroll_feedback(-1)", "Scroll up", show=False, id="study.up"),
        Binding("pagedown,down", "scroll_feedback(1)", "Scroll down", show=False, id="study.down"),
    ]

    # var, not reactive: a reactive repaints the whole screen on every change.
    phase: var[Phase] = var("asking")

    def __init__(
        self, session: Session, title: str, time_limit_minutes: float | None = None
    ) -> None:
        super().__init__()
        self.session = session
        self.title_text = title
        self.deadline = (
            time.monotonic() + time_limit_minutes * 60
            if time_limit_minutes and session.mode == "exam"
            else None
        )
        self.shown_at = time.monotonic()
        self.saving = False  # an answer is being graded and committed in a worker
        self.exam_total = session.remaining() if session.mode == "exam" else 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="study"):
            yield Static(id="status")
            if self.session.mode == "exam":
                yield ProgressBar(id="progress", show_eta=False)
            yield Static(id="prompt")
            yield Static(id="cloze-text")
            yield Container(id="answer-area")
            yield Static(id="done")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = self.title_text
        self.query_one("#done").display = False
        if self.session.mode == "exam":
            self.query_one(ProgressBar).update(total=max(1, self.exam_total), progress=0)
        else:
            # Built after the first card is on screen: its styles and layout would
            # otherwise delay that card, and the learner is reading by then anyway.
            self.call_after_refresh(self._mount_feedback)
        if self.deadline is not None:
            self.set_interval(1, self._tick)
        self.ask_next()

    def _tick(self) -> None:
        """Count down an exam's time limit; when it runs out, the exam ends."""
        if self.deadline is None or self.phase == "done":
            return
        left = int(self.deadline - time.monotonic())
        if left <= 0:
            self.notify("Time is up.", timeout=3)
            self.finish()
            return
        self.sub_title = f"{self.title_text} · {left // 60}:{left % 60:02d} left"

    async def _mount_feedback(self) -> None:
        """Add the (hidden) feedback panel below the answer area, once."""
        if self.query("#feedback"):
            return
        panel = FeedbackPanel(id="feedback")
        panel.display = False
        await self.query_one("#study").mount(panel, after="#answer-area")

    def _hide(self, selector: str) -> None:
        for widget in self.query(selector):
            widget.display = False

    # Which keys apply now

    def worker_failed(self, worker: object) -> None:
        """An answer could not be saved: let the learner try again."""
        self.saving = False
        if self.session.current is not None:
            self.phase = "asking"
            self.query_one("#answer-area").display = True
            self._hide("#feedback")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in _FEEDBACK_ACTIONS:
            if (
                action == "rate"
                and self.session.results
                and self.session.results[-1].rating is None
            ):
                return False
            return self.phase == "feedback"
        return True

    def watch_phase(self) -> None:
        self.refresh_bindings()

    # Asking

    def ask_next(self) -> None:
        """Show the next question, or the end of the session."""
        question = self.session.next_question()
        if question is None:
            self.finish()
            return
        self.show_question()

    def show_question(self) -> None:
        """Put the session's current question on screen with the input that fits it."""
        question = self.session.current
        assert question is not None
        self.phase = "asking"
        left = self.session.remaining()
        status = f"Question {question.n} · {left} more waiting · {question.deck.title}"
        self.query_one("#status", Static).update(plain(status))
        if self.session.mode == "exam":
            self.query_one(ProgressBar).update(progress=question.n - 1)
        self.query_one("#prompt", Static).update(plain(question.card.prompt, "bold"))
        cloze = self.query_one("#cloze-text", Static)
        if question.card.type == "cloze":
            cloze.update(plain(cloze_with_numbers(question.card)))  # type: ignore[arg-type]
            cloze.display = True
        else:
            cloze.display = False
        self._hide("#feedback")
        area = self.query_one("#answer-area", Container)
        area.remove_children()
        widget = answer_input_for(question)
        area.mount(widget)
        area.display = True
        self.shown_at = time.monotonic()

    @on(AnswerInput.Submitted)
    def answer_given(self, event: AnswerInput.Submitted) -> None:
        event.stop()
        if self.phase != "asking" or self.saving:
            return
        # This flag guards against a second submit while the answer is saved; disabling
        # the input instead would restyle its whole subtree twice per answer.
        self.saving = True
        self.phase = "feedback" if self.session.mode == "study" else "asking"
        self.record_answer(event.answer, int((time.monotonic() - self.shown_at) * 1000))

    @work(thread=True, exclusive=True, group="answer", exit_on_error=False)
    def record_answer(self, answer: object, response_ms: int) -> None:
        """Grade, schedule and commit off the UI thread."""
        result = self.session.answer(answer, response_ms)  # type: ignore[arg-type]
        self.post_message(AnswerRecorded(result))

    @on(AnswerRecorded)
    async def answer_recorded(self, message: AnswerRecorded) -> None:
        self.saving = False
        if self.session.mode == "exam":
            self.ask_next()
            return
        await self._mount_feedback()
        self.show_feedback(message.result)

    def show_feedback(self, result: Result) -> None:
        """Swap the input for the feedback panel."""
        self.phase = "feedback"
        self.query_one("#answer-area").display = False
        panel = self.query_one(FeedbackPanel)
        panel.display = True
        panel.show(result)
        # Nothing keeps the focus, so the letter keys reach this screen's bindings
        # instead of the hidden input. Focusing the panel instead would restyle it
        # and scroll to it: a third of the time this swap takes.
        self.set_focus(None)

    # Keys after an answer

    def action_scroll_feedback(self, direction: int) -> None:
        """Scroll the feedback panel (a long passage in a small terminal)."""
        panel = self.query_one(FeedbackPanel)
        if direction < 0:
            panel.scroll_page_up(animate=False)
        else:
            panel.scroll_page_down(animate=False)

    def action_next(self) -> None:
        """Go on to the next question."""
        if self.phase == "feedback":
            self.ask_next()

    @work(thread=True, exclusive=True, group="answer", exit_on_error=False)
    def action_rate(self, label: str) -> None:
        """Change the rating of the answer just given."""
        result = self.session.override(Rating[label.upper()])
        self.post_message(AnswerRecorded(result))

    @work(thread=True, exclusive=True, group="answer", exit_on_error=False)
    def action_undo(self) -> None:
        """Take back the last answer and ask it again."""
        self.post_message(QuestionRestored(self.session.undo()))

    @on(QuestionRestored)
    def question_restored(self, message: QuestionRestored) -> None:
        if message.question is not None:
            self.notify("Answer taken back.", timeout=2)
            self.show_question()

    @work(thread=True, exclusive=True, group="answer", exit_on_error=False)
    def action_bury(self) -> None:
        """Hide this card until tomorrow."""
        self.session.bury()
        self.app.call_from_thread(self._after_flag, "Buried until tomorrow.")

    @work(thread=True, exclusive=True, group="answer", exit_on_error=False)
    def action_suspend(self) -> None:
        """Take this card out of study."""
        self.session.suspend()
        self.app.call_from_thread(self._after_flag, "Suspended.")

    def _after_flag(self, text: str) -> None:
        self.notify(text, timeout=2)
        self.ask_next()

    def action_open_passage(self) -> None:
        """Open the card's source in the reader at its passage."""
        from natobrief.tui.screens.brief import BriefScreen

        if not self.session.results:
            return
        question = self.session.results[-1].question
        self.app.push_screen(BriefScreen([question.deck], focus_card=question.card))

    def action_leave(self) -> None:
        """End the session early; every answer so far is already saved."""
        if self.phase == "done" or not self.session.results:
            self.dismiss()
            return
        self.finish()

    # The end

    def finish(self) -> None:
        """Show the summary (study) or the results screen (exam)."""
        self.phase = "done"
        summary = self.session.summary()
        if self.session.mode == "exam":
            from natobrief.tui.screens.results import ResultsScreen

            self.app.switch_screen(ResultsScreen(self.session))
            return
        for selector in ("#answer-area", "#feedback", "#prompt", "#cloze-text"):
            self._hide(selector)
        done = self.query_one("#done", Static)
        lines = [
            "Session over."
            if summary.asked
            else "Nothing is due now. Come back later, or start an exam to test yourself.",
            f"Answered {summary.answered}, correct {summary.correct} ({summary.score}%).",
            "",
            *(f"  {tag}: {s.correct} of {s.asked}" for tag, s in summary.by_tag.items()),
            "",
            "Press Escape to go back.",
        ]
        done.update(plain("\n".join(lines)))
        done.display = True
        self.query_one("#status", Static).update(plain(self.title_text))
