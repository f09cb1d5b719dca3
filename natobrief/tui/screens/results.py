"""The end of an exam: the score by tag and every mistake with its passage; save as JSON."""

from __future__ import annotations

from datetime import datetime

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Static

from natobrief.deck.passage import passage_for
from natobrief.session import Session
from natobrief.tui.text import cell, join, plain
from natobrief.tui.widgets.key_bar import KeyBar
from natobrief.tui.widgets.passage import PassageView
from natobrief.tui.widgets.title_bar import TitleBar


class ResultsScreen(Screen[None]):
    """Exam results."""

    CSS_PATH = "../styles/results.tcss"

    BINDINGS = [
        Binding("w", "save", "Save report", id="results.save"),
        Binding("escape", "leave", "Back", id="results.leave"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.summary = session.summary()

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="results"):
            summary = self.summary
            yield Static(
                plain(
                    f"Score: {summary.score}%  ({summary.correct} of {summary.answered} correct)",
                    "bold",
                ),
                id="score",
            )
            yield DataTable(id="by-tag", cursor_type="none", zebra_stripes=True)
            mistakes = [r for r in self.session.results if not r.verdict.correct]
            yield Static(
                plain(f"Mistakes: {len(mistakes)}" if mistakes else "No mistakes.", "bold"),
                classes="section",
            )
            for result in mistakes:
                question = result.question
                yield Static(plain(question.card.prompt, "bold"), classes="mistake-prompt")
                yield Static(join(plain("You answered: ", "italic"), result.verdict.given or "—"))
                yield Static(join(plain("Answer: ", "italic"), result.verdict.expected))
                yield PassageView(passage_for(question.deck, question.card))
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "Exam results"
        table = self.query_one(DataTable)
        table.add_columns("Tag", "Asked", "Correct", "Score")
        for tag, score in self.summary.by_tag.items():
            percent = round(100 * score.correct / score.asked) if score.asked else 0
            table.add_row(cell(tag), str(score.asked), str(score.correct), f"{percent}%")

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def action_save(self) -> None:
        """Write the report (the same shape as the headless --report) to the data folder.

        In a worker: the file is written off the UI thread.
        """
        from natobrief import paths
        from natobrief.headless import write_report

        folder = paths.data_dir() / "reports"
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = folder / f"exam-{stamp}.json"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            write_report(target, self.session, self.summary, None)
        except OSError as error:
            message = f"Could not save the report: {error.strerror}."
            self.app.call_from_thread(self.notify, message, severity="error")
            return
        self.app.call_from_thread(self.notify, f"Report saved to {target}", timeout=6)

    def action_leave(self) -> None:
        """Back to the deck list."""
        self.dismiss()
