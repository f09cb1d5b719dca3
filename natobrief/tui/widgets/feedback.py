"""After an answer: the verdict and why, the expected answer, the note and the source passage."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from natobrief.deck.passage import passage_for
from natobrief.session import Result
from natobrief.tui.text import join, plain
from natobrief.tui.widgets.passage import PassageView


class FeedbackPanel(VerticalScroll, can_focus=True):
    """Shows one Result; focusable so that the screen's letter keys work while it is shown."""

    DEFAULT_CSS = """
    FeedbackPanel { height: 1fr; padding: 0 1; }
    FeedbackPanel > .verdict { text-style: bold; }
    FeedbackPanel > .verdict.right { color: $success; }
    FeedbackPanel > .verdict.wrong { color: $error; }
    FeedbackPanel > .verdict.typo { color: $warning; }
    FeedbackPanel > .note { color: $text-muted; margin-top: 1; }
    FeedbackPanel > .schedule { color: $text-muted; margin-bottom: 1; }
    FeedbackPanel > PassageView { margin-top: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(classes="verdict")
        yield Static(classes="reason")
        yield Static(classes="expected")
        yield Static(classes="note")
        yield Static(classes="schedule")
        yield PassageView()

    def show(self, result: Result) -> None:
        """Fill the panel with one answer's outcome."""
        verdict = result.verdict
        mark = self.query_one(".verdict", Static)
        mark.remove_class("right", "wrong", "typo")
        if verdict.correct and verdict.typo:
            mark.update("Correct (with a typo)")
            mark.add_class("typo")
        elif verdict.correct:
            mark.update("Correct")
            mark.add_class("right")
        else:
            mark.update("Not quite")
            mark.add_class("wrong")
        reason = self.query_one(".reason", Static)
        reason.update(plain(verdict.reason))
        reason.display = verdict.reason != "Correct."
        expected = self.query_one(".expected", Static)
        expected.update(join(plain("Answer: ", "bold"), verdict.expected))
        note = result.question.card.note
        note_view = self.query_one(".note", Static)
        note_view.update(plain(note))
        note_view.display = bool(note)
        schedule = self.query_one(".schedule", Static)
        if result.rating is not None and result.due is not None:
            local_due = result.due.astimezone().strftime("%a %d %b %H:%M")
            schedule.update(
                plain(
                    f"Rated {result.rating.label}; next review {local_due}. "
                    "Press 1-4 to change the rating."
                )
            )
        else:
            schedule.update("")
        self.query_one(PassageView).show(passage_for(result.question.deck, result.question.card))
        self.scroll_home(animate=False)
