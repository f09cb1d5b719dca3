"""Study: one question at a time, then the feedback with its source passage and rating keys."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import OptionList, Static

from natobrief.grading.matching import Answer
from natobrief.grading.verdict import Verdict
from natobrief.scheduler import Rating
from natobrief.session import Session
from natobrief.session_types import Question, Result
from natobrief.tui.app_state import app_state
from natobrief.tui.messages import LeaveSession
from natobrief.tui.screens.asking import QuestionScreen
from natobrief.tui.text import plain
from natobrief.tui.widgets.answer_inputs import AnswerInput, KeyedOptionsAnswer
from natobrief.tui.widgets.feedback import FeedbackPanel

_RATE = Binding.Group("Rate", compact=False)
_FEEDBACK_ACTIONS = {
    "next", "rate", "appeal", "undo", "bury", "suspend", "open_passage", "scroll_feedback",
}  # fmt: skip


class StudyScreen(QuestionScreen):
    """Runs one study Session: each answer is graded, scheduled and explained at once."""

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

    def __init__(self, session: Session, title: str) -> None:
        super().__init__(session, title)
        self.answered_at = 0.0  # when the last answer was given (see action_bury)
        self.feedback: FeedbackPanel | None = None

    @property
    def question(self) -> Question | None:
        return self.session.current

    def first_question(self) -> Question | None:
        return self.session.next_question()

    def compose_below(self) -> Iterable[Widget]:
        self.feedback = FeedbackPanel(id="feedback")
        yield self.feedback

    def on_mount(self) -> None:
        self.sub_title = self.title_text
        if self.session.current is None:
            self.finish()
        else:
            self.show_question()

    def status_text(self, question: Question) -> str:
        fresh, back = self.session.waiting()
        left = f"{fresh} more" + (f", {back} coming back" if back else "")
        return f"Question {question.n} · {left} · {question.deck.title}"

    # Which keys apply now

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

    # Asking

    def ask_next(self) -> None:
        """Show the next question, or the end of the session."""
        question = self.session.next_question()
        if question is None:
            self.finish()
            return
        self.show_question()

    def show_question(self, given: Answer | None = None) -> AnswerInput:
        if self.feedback is not None:
            self.feedback.clear()
            self.question_area.remove_class("answered")
        return super().show_question(given)

    def grade(self, answer: Answer) -> Verdict:
        return self.session.check(answer)

    async def take(self, answer: Answer, verdict: Verdict) -> None:
        widget = self.answer_widget
        assert widget is not None
        # The lock guards against a second answer while this one is saved (and
        # stays after it); disabling the field instead would restyle its subtree.
        # Nothing on screen changes until the feedback: Textual paints at most
        # one frame per tick, so a frame now would hold the feedback back a tick.
        widget.set_locked()
        self.answered_at = time.monotonic()
        response_ms = int((self.answered_at - self.shown_at) * 1000)
        result = await self.database(lambda: self.session.answer(answer, response_ms, verdict))
        if result is not None:
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
        result = await self.database(lambda: self.session.override(Rating[label.upper()]))
        if result is not None:
            self.show_feedback(result)

    async def action_appeal(self) -> None:
        """I was right: count the answer right, and accept it for this card from now on."""
        result = await self.database(self.session.appeal)
        if result is not None:
            self.show_feedback(result)
            self.refresh_bindings()
            self.notify("Counted right. u takes it back.", timeout=3)

    async def action_undo(self) -> None:
        """Take back the last answer and ask it again."""
        question = await self.database(self.session.undo)
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

        if await self.database(flagged):
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
        if not self.session.results:
            self.post_message(LeaveSession(self))
            return
        self.finish()

    # The end

    def finish(self) -> None:
        """Show the session's figures in place of the question."""
        self.phase = "done"
        summary = self.session.summary()
        for selector in (".answer-input", "#feedback", "#prompt", "#cloze-text"):
            self.hide(selector)
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
