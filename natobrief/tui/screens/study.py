"""Study and exam: one question at a time, then (in study) the feedback and its source passage."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Literal, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import OptionList, ProgressBar, Static

from natobrief.cardtypes.registry import kind_of
from natobrief.grading.matching import Answer
from natobrief.scheduler import Rating
from natobrief.session import Session
from natobrief.session_types import Result
from natobrief.text import counted
from natobrief.tui.app_state import app_state
from natobrief.tui.db_thread import on_db_thread
from natobrief.tui.messages import LeaveSession, ShowResults
from natobrief.tui.text import plain
from natobrief.tui.widgets.answer_inputs import AnswerInput, KeyedOptionsAnswer, answer_input_for
from natobrief.tui.widgets.feedback import FeedbackPanel
from natobrief.tui.widgets.key_bar import KeyBar
from natobrief.tui.widgets.title_bar import TitleBar
from natobrief.tui.worker_errors import ReportsWorkerErrors

Phase = Literal["asking", "feedback", "done"]
T = TypeVar("T")
_RATE = Binding.Group("Rate", compact=False)
SHORT_BELOW = 24  # terminal lines under which the study screen is "-short" (app.tcss)
ASK_TO_END_SECONDS = 6  # an exam's "Press Escape again to end it" holds this long
_FEEDBACK_ACTIONS = {
    "next", "rate", "appeal", "undo", "bury", "suspend", "open_passage", "scroll_feedback",
}  # fmt: skip


class StudyScreen(ReportsWorkerErrors, Screen[None]):
    """Runs one Session; in an exam, results wait for the end."""

    BINDINGS = [
        Binding("enter", "next", "Next", id="study.next", priority=False),
        # One entry on the key bar ("1 2 3 4 Rate"): the feedback names the ratings.
        Binding("1", "rate('again')", "Again", id="study.again", group=_RATE),
        Binding("2", "rate('hard')", "Hard", id="study.hard", group=_RATE),
        Binding("3", "rate('good')", "Good", id="study.good", group=_RATE),
        Binding("4", "rate('easy')", "Easy", id="study.easy", group=_RATE),
        Binding("r", "appeal", "I was right", id="study.appeal"),
        Binding("u", "undo", "Undo", id="study.undo"),
        Binding("b", "bury", "Bury", id="study.bury"),
        Binding("s", "suspend", "Suspend", id="study.suspend"),
        Binding("o", "open_passage", "Reader", id="study.open"),
        Binding("escape", "leave", "End session", id="study.leave"),
        Binding("escape", "back", "Back", id="study.back"),  # once the session is over
        Binding("pageup,up", "scroll_feedback(-1)", "Scroll up", show=False, id="study.up"),
        Binding("pagedown,down", "scroll_feedback(1)", "Scroll down", show=False, id="study.down"),
    ]

    # Under 24 lines the screen gets the class -short (tighter spacing, app.tcss).
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT_BELOW, "-tall")]

    # var, not reactive: a reactive repaints the whole screen on every change.
    phase: var[Phase] = var("asking")

    def __init__(
        self, session: Session, title: str, time_limit_minutes: float | None = None
    ) -> None:
        # The size class is set now, as the breakpoints would set it at the first
        # resize: found already there, it restyles nothing before the first card.
        short = self.app.size.height < SHORT_BELOW
        super().__init__(classes=f"{session.mode} {'-short' if short else '-tall'}")
        self.session = session
        self.title_text = title
        self._end_asked = False  # an exam's first Escape asked whether to end it
        self.deadline = (
            time.monotonic() + time_limit_minutes * 60
            if time_limit_minutes and session.mode == "exam"
            else None
        )
        self.shown_at = time.monotonic()
        self.warned = False  # a warning about the answer is on screen (cleared by the next answer)
        self.answered_at = 0.0  # when the last answer was given (see action_bury)
        # Kept, not queried: the answer path runs every few seconds and a query
        # walks the screen's styles.
        self.feedback: FeedbackPanel | None = None
        self.answer_widget: AnswerInput | None = None

    def compose(self) -> ComposeResult:
        # Everything the first question needs is composed here, its answer field
        # included: widgets mounted after the first layout would each cost
        # another layout and full repaint before the first card is on screen.
        first = self.session.next_question()
        yield TitleBar()
        with Vertical(id="study"):
            yield Static(id="status")
            if self.session.mode == "exam":
                yield ProgressBar(id="progress", show_eta=False)
            # The question scrolls on its own when it is taller than its share of
            # the screen (a match grid in a small terminal), so that its answer
            # field (scrolled into view when focused) and the feedback below it
            # always have room.
            with VerticalScroll(id="question") as self.question_area:
                yield Static(id="prompt")
                yield Static(id="cloze-text")
                if first is not None:
                    self.answer_widget = answer_input_for(first)
                    yield self.answer_widget
            if self.session.mode == "study":
                self.feedback = FeedbackPanel(id="feedback")
                yield self.feedback
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = self.title_text
        if self.session.mode == "exam":
            total = len(self.session.results) + len(self.session.unanswered())  # the whole set
            self.query_one(ProgressBar).update(total=max(1, total), progress=0)
        if self.deadline is not None:
            self.set_interval(1, self._tick)
        if self.session.current is None:
            self.finish()
        else:
            self.show_question()

    def on_screen_resume(self) -> None:
        # Back from an exam's results shown above this (first) screen: on to the decks.
        if self.phase == "done" and self.session.mode == "exam":
            self.post_message(LeaveSession(self))

    def _tick(self) -> None:
        """Count down an exam's time limit; when it runs out, the exam ends."""
        if self.deadline is None or self.phase == "done":
            return
        left = int(self.deadline - time.monotonic())
        if left <= 0:
            self.finish(time_up=True)
            return
        self.sub_title = f"{self.title_text} · {left // 60}:{left % 60:02d} left"

    def _hide(self, selector: str) -> None:
        for widget in self.query(selector):
            widget.display = False

    # Which keys apply now

    def worker_failed(self, worker: object) -> None:
        """Work on the database failed (already reported): leave the screen usable.

        An answer that could not be saved unlocks its field, so the learner can
        try again. After a saved answer (a re-rating, undo, bury or suspend that
        failed) the feedback stays: that answer is kept as it was.
        """
        if self.phase == "asking" and self.answer_widget is not None:
            self.answer_widget.set_locked(False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("leave", "back"):  # one Escape: End session, then Back once it is over
            return (action == "back") == (self.phase == "done")
        if action in _FEEDBACK_ACTIONS:
            last = self.session.results[-1] if self.session.results else None
            if action in ("rate", "appeal") and last is not None and last.rating is None:
                return False
            if action == "appeal" and (last is None or last.verdict.correct):
                return False  # only a wrong verdict can be appealed
            return self.phase == "feedback"
        return True

    def watch_phase(self) -> None:
        self.refresh_bindings()

    # Asking

    def ask_next(self) -> None:
        """Show the next question, or the end of the session."""
        self._end_asked = False  # an answer given: the next Escape asks again
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
        fresh, back = self.session.waiting()
        left = f"{fresh} more" + (f", {back} coming back" if back else "")
        status = f"Question {question.n} · {left} · {question.deck.title}"
        self.query_one("#status", Static).update(plain(status))
        if self.session.mode == "exam":
            self.query_one(ProgressBar).update(progress=question.n - 1)
        self.query_one("#prompt", Static).update(plain(question.card.prompt, "bold"))
        cloze = self.query_one("#cloze-text", Static)
        text = kind_of(question.card).shown_text(question.card)
        cloze.display = text is not None
        if text is not None:
            cloze.update(plain(text))
        if self.feedback is not None:
            self.feedback.clear()
            self.question_area.remove_class("answered")
        widget = self.answer_widget
        if widget is None or widget.locked or widget.question is not question:
            if widget is not None:
                widget.remove()
            self.answer_widget = answer_input_for(question)
            self.question_area.mount(self.answer_widget)
        self.shown_at = time.monotonic()

    @on(AnswerInput.Submitted)
    async def answer_given(self, event: AnswerInput.Submitted) -> None:
        event.stop()
        widget = self.answer_widget
        if self.phase != "asking" or widget is None or widget.locked:
            return
        empty = empty_part(event.answer)
        if empty is not None:  # an Enter too many must not record "no answer"
            self.warned = True
            self.notify(
                f"{empty} is empty: type your answer, or ? if you don't know it.",
                title="Nothing to grade yet",
                severity="warning",
                timeout=4,
            )
            return
        verdict = self.session.check(event.answer)
        if verdict.retry_hint:  # not an answer to this card yet: nothing is recorded
            self.warned = True
            self.notify(
                f"{verdict.retry_hint} Nothing was recorded; answer again.",
                title="Not understood",
                severity="warning",
                timeout=6,
            )
            return
        if self.warned:  # a warning about an earlier try is out of date now
            self.warned = False
            self.app.clear_notifications()
        # The lock guards against a second answer while this one is saved (and
        # stays after it); disabling the field instead would restyle its subtree.
        # Nothing on screen changes until the feedback: Textual paints at most
        # one frame per tick, so a frame now would hold the feedback back a tick.
        widget.set_locked()
        self.answered_at = time.monotonic()
        response_ms = int((self.answered_at - self.shown_at) * 1000)
        result = await self._database(
            lambda: self.session.answer(event.answer, response_ms, verdict)
        )
        if result is not None:
            self.answer_recorded(result)

    async def _database(self, work: Callable[[], T]) -> T | None:
        """Run database work (grading and scheduling with it) off the UI thread; None if it failed.

        A failure is reported with what to do next, and ``worker_failed`` puts
        the question back so the learner can try again.
        """
        try:
            return await on_db_thread(work)
        except Exception as error:  # reported on screen; never a traceback
            self.report_failure(error)
            return None

    def answer_recorded(self, result: Result) -> None:
        """The answer (or a new rating) is saved: feedback in study, the next question in exams."""
        if self.session.mode == "exam":
            self.ask_next()
            return
        self.show_feedback(result)

    def show_feedback(self, result: Result) -> None:
        """Fill the feedback panel below the (locked) answer.

        Nothing is shown, hidden or focused here: the answer field keeps the
        focus, locked, and passes the keys on to this screen's bindings. A
        change of focus or of which widgets are shown would restyle and lay out
        the screen, several times the cost of repainting the panel.
        """
        self.phase = "feedback"
        assert self.feedback is not None  # composed in study mode
        if self.has_class("-short"):
            # Under 24 lines the question gives up room to the feedback. A layout, so
            # only here: a taller terminal keeps its answer and feedback in one frame.
            self.question_area.add_class("answered")
        self.feedback.show(result, self.session.rating_previews(result))
        if self.answer_widget is not None:
            self.answer_widget.show_answered()
            if isinstance(self.answer_widget, KeyedOptionsAnswer):
                self.answer_widget.mark_answer(result.verdict.correct)
                if self.has_class("-short"):  # the question gave up room: keep ✓ in view
                    self.question_area.call_after_refresh(self._show_right_option)

    def _show_right_option(self) -> None:
        """Scroll the (shrunk) question so that the right option, marked ✓, is on screen."""
        widget = self.answer_widget
        if not isinstance(widget, KeyedOptionsAnswer):
            return
        options, area = widget.query_one(OptionList), self.question_area
        if area.content_region.height < 1:
            return
        # The right option's line, in the question area's scrolled content.
        line = options.content_region.y - area.content_region.y + area.scroll_offset.y
        line += widget.right_index()
        shown = range(area.scroll_offset.y, area.scroll_offset.y + area.content_region.height)
        if line not in shown:
            area.scroll_to(y=max(0, line - area.content_region.height + 1), animate=False)

    # Keys after an answer

    def action_scroll_feedback(self, direction: int) -> None:
        """Page through the feedback (a long passage in a small terminal)."""
        if self.feedback is not None:
            self.feedback.scroll_page(direction)

    def action_next(self) -> None:
        """Go on to the next question."""
        if self.phase == "feedback":
            self.ask_next()

    async def action_rate(self, label: str) -> None:
        """Change the rating of the answer just given."""
        result = await self._database(lambda: self.session.override(Rating[label.upper()]))
        if result is not None:
            self.answer_recorded(result)

    async def action_appeal(self) -> None:
        """I was right: count the answer right, and accept it for this card from now on."""
        result = await self._database(self.session.appeal)
        if result is not None:
            self.answer_recorded(result)
            self.refresh_bindings()
            self.notify("Counted right. u takes it back.", timeout=3)

    async def action_undo(self) -> None:
        """Take back the last answer and ask it again."""
        question = await self._database(self.session.undo)
        if question is not None:
            self.notify("Answer taken back.", timeout=2)
            self.show_question()

    async def action_bury(self) -> None:
        """Hide this card until tomorrow."""
        results = self.session.results
        if results and results[-1].given == "b" and time.monotonic() - self.answered_at < 1:
            # b also answers "b)": a second b pressed at once is a repeat, not a bury.
            self.answered_at = 0.0  # so a b pressed after this one buries
            self.notify("b chose option b. Press b again to bury this card.", timeout=3)
            return
        await self._flag(self.session.bury, "Buried until tomorrow.")

    async def action_suspend(self) -> None:
        """Take this card out of study."""
        await self._flag(self.session.suspend, "Suspended.")

    async def _flag(self, work: Callable[[], None], text: str) -> None:
        def flagged() -> bool:
            work()
            return True

        if await self._database(flagged):
            self.notify(text, timeout=2)
            self.ask_next()

    def action_open_passage(self) -> None:
        """Open the card's source in the reader at its passage."""
        from natobrief.tui.screens.brief import BriefScreen

        if not self.session.results:
            return
        question = self.session.results[-1].question
        # The whole deck, not the session's (a tag narrows that): the reader's
        # coverage and citing cards are about every card of the document.
        whole = [d for d in app_state(self).decks if d.id == question.deck.id]
        self.app.push_screen(BriefScreen(whole or [question.deck], focus_card=question.card))

    def action_back(self) -> None:
        """Back to the decks."""
        self.post_message(LeaveSession(self))

    def action_leave(self) -> None:
        """End the session early; every answer so far is already saved."""
        if self.session.mode == "exam" and self.phase != "done" and not self._end_asked:
            # One Escape too many must not end an exam: the rest would count as wrong.
            left = len(self.session.unanswered())  # the one on screen among them
            self._end_asked = True
            self.set_timer(ASK_TO_END_SECONDS, self._forget_end_asked)
            self.notify(
                f"Press Escape again to end the exam: {counted(left, 'question')} not "
                "answered yet will count as wrong.",
                title="End the exam?",
                severity="warning",
                timeout=ASK_TO_END_SECONDS,
            )
            return
        if self.phase == "done" or not self.session.results:
            self.post_message(LeaveSession(self))
            return
        self.finish()

    def _forget_end_asked(self) -> None:
        self._end_asked = False

    # The end

    def finish(self, time_up: bool = False) -> None:
        """Show the summary (study) or the results (exam; ``time_up``: its time limit ended it)."""
        self.phase = "done"
        summary = self.session.summary()
        if self.session.mode == "exam":
            from natobrief.tui.screens.results import ResultsScreen

            self.post_message(ShowResults(self, ResultsScreen(self.session, time_up)))
            return
        for selector in (".answer-input", "#feedback", "#prompt", "#cloze-text"):
            self._hide(selector)
        lines = [
            "Session over."
            if summary.asked
            else "Nothing is due now: "
            + summary.why_nothing_due("in F2 Settings")
            + " Or start an exam to test yourself.",
            f"Answered {summary.answered}, correct {summary.correct} ({summary.score}%).",
            "",
            *(f"  {tag}: {s.correct} of {s.asked}" for tag, s in summary.by_tag.items()),
            "",
            "Press Escape to go back.",
        ]
        # Built here, not composed: one widget fewer to lay out before the first card.
        self.query_one("#study").mount(Static(plain("\n".join(lines)), id="done"))
        self.query_one("#status", Static).update(plain(self.title_text))


def empty_part(answer: Answer) -> str | None:
    """ "The answer" or "Gap N" when the learner submitted it empty, else None."""
    if isinstance(answer, str):
        return "The answer" if not answer.strip() else None
    if isinstance(answer, list):  # a cloze's gaps
        for number, gap in enumerate(answer, start=1):
            if isinstance(gap, str) and not gap.strip():
                return f"Gap {number}"
    return None
