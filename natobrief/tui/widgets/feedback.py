"""After an answer: the verdict and why, the expected answer, the note and the source passage."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from natobrief.deck.passage import passage_for
from natobrief.session import Result
from natobrief.tui.text import join, plain
from natobrief.tui.widgets.passage import PassageView


class FeedbackPanel(VerticalScroll, can_focus=True):
    """Shows one Result: the verdict, then one block of details, then the passage.

    Three widgets whose content changes, none shown or hidden per answer: after
    every answer Textual lays out and restyles what changed, and fewer widgets
    make that cheaper (this panel held nine before).
    """

    DEFAULT_CSS = """
    FeedbackPanel { height: 1fr; padding: 0 1; }
    FeedbackPanel > .verdict { text-style: bold; }
    FeedbackPanel > .verdict.right { color: $success; }
    FeedbackPanel > .verdict.wrong { color: $error; }
    FeedbackPanel > .verdict.typo { color: $warning; }
    FeedbackPanel > .details { margin-bottom: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(classes="verdict")
        yield Static(classes="details")
        yield PassageView()

    def show(self, result: Result) -> None:
        """Fill the panel with one answer's outcome."""
        verdict = result.verdict
        mark = self.query_one(".verdict", Static)
        if verdict.correct and verdict.typo:
            mark.update("Correct (with a typo)")
            mark.set_classes("verdict typo")
        elif verdict.correct:
            mark.update("Correct")
            mark.set_classes("verdict right")
        else:
            mark.update("Not quite")
            mark.set_classes("verdict wrong")
        self.query_one(".details", Static).update(details(result))
        self.query_one(PassageView).show(passage_for(result.question.deck, result.question.card))
        self.scroll_home(animate=False)


def details(result: Result) -> Content:
    """Why (unless plainly correct), the expected answer, the note and the next review."""
    verdict = result.verdict
    lines: list[Content] = []
    if verdict.reason != "Correct.":
        lines.append(plain(verdict.reason))
    lines.append(join(plain("Answer: ", "bold"), verdict.expected))
    note = result.question.card.note
    if note:
        lines += [plain(""), plain(note, "$foreground-muted")]
    if result.rating is not None and result.due is not None:
        local_due = result.due.astimezone().strftime("%a %d %b %H:%M")
        schedule = (
            f"Rated {result.rating.label}; next review {local_due}. Press 1-4 to change the rating."
        )
        lines.append(plain(schedule, "$foreground-muted"))
    return Content("\n").join(lines)
