"""What study and exam screens share: a question on screen, its answer field, and the
intake of an answer (empty, unreadable, or one to grade).

StudyScreen (study.py) adds the feedback after each answer; ExamScreen (exam.py)
holds the answers on a sheet the learner moves about until they submit.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from typing import Literal, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.reactive import var
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from natobrief.cardtypes.registry import kind_of
from natobrief.grading.matching import Answer
from natobrief.grading.verdict import Verdict
from natobrief.session import Session
from natobrief.session_types import Question
from natobrief.tui.db_thread import on_db_thread
from natobrief.tui.text import plain
from natobrief.tui.widgets.answer_inputs import AnswerInput, answer_input_for
from natobrief.tui.widgets.key_bar import KeyBar
from natobrief.tui.widgets.title_bar import TitleBar
from natobrief.tui.worker_errors import ReportsWorkerErrors

Phase = Literal["asking", "feedback", "done"]
T = TypeVar("T")
SHORT_BELOW = 24  # terminal lines under which a question screen is "-short" (app.tcss)


class QuestionScreen(ReportsWorkerErrors, Screen[None]):
    """One question at a time from a Session; subclasses say what an answer does."""

    # Under 24 lines the screen gets the class -short (tighter spacing, app.tcss).
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT_BELOW, "-tall")]

    # var, not reactive: a reactive repaints the whole screen on every change.
    phase: var[Phase] = var("asking")

    def __init__(self, session: Session, title: str) -> None:
        # The size class is set now, as the breakpoints would set it at the first
        # resize: found already there, it restyles nothing before the first card.
        short = self.app.size.height < SHORT_BELOW
        super().__init__(classes=f"{session.mode} {'-short' if short else '-tall'}")
        self.session = session
        self.title_text = title
        self.shown_at = time.monotonic()
        self.warned = False  # a warning about the answer is on screen (cleared by the next answer)
        # Kept, not queried: the answer path runs every few seconds and a query
        # walks the screen's styles.
        self.answer_widget: AnswerInput | None = None

    # What subclasses fill in

    @property
    def question(self) -> Question | None:
        """The question on screen."""
        raise NotImplementedError

    def first_question(self) -> Question | None:
        """The question to compose the screen with (None: there is none)."""
        raise NotImplementedError

    def compose_above(self) -> Iterable[Widget]:
        """Widgets between the status line and the question."""
        return ()

    def compose_below(self) -> Iterable[Widget]:
        """Widgets under the question."""
        return ()

    def status_text(self, question: Question) -> str:
        """The line above the question."""
        raise NotImplementedError

    def grade(self, answer: Answer) -> Verdict:
        """The verdict on ``answer``, recording nothing."""
        raise NotImplementedError

    async def take(self, answer: Answer, verdict: Verdict) -> None:
        """Do what an answer does (it is not empty, and it was understood)."""
        raise NotImplementedError

    # The screen

    def compose(self) -> ComposeResult:
        # Everything the first question needs is composed here, its answer field
        # included: widgets mounted after the first layout would each cost
        # another layout and full repaint before the first card is on screen.
        first = self.first_question()
        yield TitleBar()
        with Vertical(id="study"):
            yield Static(id="status")
            yield from self.compose_above()
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
            yield from self.compose_below()
        yield KeyBar()

    def watch_phase(self) -> None:
        self.refresh_bindings()

    def hide(self, selector: str) -> None:
        """Hide every widget that ``selector`` finds."""
        for widget in self.query(selector):
            widget.display = False

    def worker_failed(self, worker: object) -> None:
        """Work on the database failed (already reported): leave the screen usable.

        An answer that could not be saved unlocks its field, so the learner can
        try again.
        """
        if self.phase == "asking" and self.answer_widget is not None:
            self.answer_widget.set_locked(False)

    async def database(self, work: Callable[[], T]) -> T | None:
        """Run database work (grading and scheduling with it) off the UI thread; None if it failed.

        A failure is reported with what to do next, and ``worker_failed`` puts
        the question back so the learner can try again.
        """
        try:
            return await on_db_thread(work)
        except Exception as error:  # reported on screen; never a traceback
            self.report_failure(error)
            return None

    # Asking

    def show_question(self, given: Answer | None = None) -> AnswerInput:
        """Put the question on screen with the input that fits it (kept if it already fits),
        showing ``given``, an answer given to it before."""
        question = self.question
        assert question is not None
        self.phase = "asking"
        self.query_one("#status", Static).update(plain(self.status_text(question)))
        self.query_one("#prompt", Static).update(plain(question.card.prompt, "bold"))
        cloze = self.query_one("#cloze-text", Static)
        text = kind_of(question.card).shown_text(question.card)
        cloze.display = text is not None
        if text is not None:
            cloze.update(plain(text))
        widget = self.answer_widget
        if widget is None or widget.locked or widget.question is not question:
            if widget is not None:
                widget.remove()
            widget = self.answer_widget = answer_input_for(question, given)
            self.question_area.mount(widget)
        elif given is not None:
            widget.restore(given)
        self.shown_at = time.monotonic()
        return widget

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
        verdict = self.grade(event.answer)
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
        await self.take(event.answer, verdict)


def empty_part(answer: Answer) -> str | None:
    """ "The answer" or "Gap N" when the learner submitted it empty, else None."""
    if isinstance(answer, str):
        return "The answer" if not answer.strip() else None
    if isinstance(answer, list):  # a cloze's gaps
        for number, gap in enumerate(answer, start=1):
            if isinstance(gap, str) and not gap.strip():
                return f"Gap {number}"
    return None
