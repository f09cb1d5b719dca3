"""The end of an exam: the score by tag and every mistake with its passage; save as JSON."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, DataTable, Static

from natobrief.cardtypes.registry import kind_of
from natobrief.deck.passage import passage_for
from natobrief.grading.verdict import answer_in_words, expected_in_words
from natobrief.session import Session
from natobrief.text import counted
from natobrief.tui.db_thread import on_db_thread
from natobrief.tui.text import cell, join, plain
from natobrief.tui.widgets.key_bar import KeyBar
from natobrief.tui.widgets.passage import PassageView
from natobrief.tui.widgets.title_bar import TitleBar
from natobrief.tui.worker_errors import ReportsWorkerErrors


class ReportWritten(Message):
    """The report worker wrote ``path``, or (``error`` set) could not write in that folder."""

    bubble = False  # for this screen alone

    def __init__(self, path: Path, error: OSError | None = None) -> None:
        super().__init__()
        self.path = path
        self.error = error


class ResultsScreen(ReportsWorkerErrors, Screen[None]):
    """Exam results."""

    CSS_PATH = "../styles/results.tcss"

    BINDINGS = [
        Binding("w", "save", "Save report", id="results.save"),
        Binding("tab", "next_appeal", "Next 'I was right'", id="results.next_appeal"),
        Binding("escape", "leave", "Back", id="results.leave"),
    ]

    def __init__(self, session: Session, time_up: bool = False) -> None:
        super().__init__()
        self.session = session
        self.time_up = time_up  # the exam's time limit ended it
        self.summary = session.summary()
        self.saved_to: Path | None = None  # where w saved the report
        self.saved_appeals = 0  # how many appeals that saved report holds
        self.saving = False
        self._leave_asked = False  # Escape said once that appeals are not saved

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="results"):
            summary = self.summary
            yield Static(
                plain(
                    f"Score: {summary.score}%  ({summary.correct} of "
                    f"{summary.answered + summary.unanswered} correct"
                    + (f"; {summary.unanswered} not answered" if summary.unanswered else "")
                    + ")",
                    "bold",
                ),
                id="score",
            )
            if self.time_up:
                yield Static(
                    plain(
                        "Time ran out: the questions not answered count as wrong.",
                        "$text on $warning-muted",
                    ),
                    id="time-up",
                )
            if summary.by_tag:
                yield DataTable(id="by-tag", cursor_type="none", zebra_stripes=True)
            else:  # a table of headers alone reads as broken
                yield Static(plain("No question of this exam carries a tag."), id="no-tags")
            mistakes = [r for r in self.session.results if not r.verdict.correct]
            yield Static(
                plain(_mistakes_heading(len(mistakes), len(self.session.unanswered())), "bold"),
                classes="section",
            )
            if mistakes:
                yield Static(
                    plain(
                        "If an answer below was right, Tab to its 'I was right' and press "
                        "Enter: the appeal goes into the report for your examiner; the "
                        "score stands."
                    ),
                    id="appeal-help",
                )
            for number, result in enumerate(mistakes):
                question = result.question
                label = kind_of(question.card).label(question.card)  # a cloze: its sentence
                yield Static(plain(label, "bold"), classes="mistake-prompt")
                given = answer_in_words(question.card, question.layout, result.verdict.given)
                yield Static(join(plain("You answered: ", "italic"), given))
                expected = expected_in_words(question.card)
                yield Static(join(plain("Answer: ", "italic"), expected))
                yield Button("I was right", id=f"appeal-{number}", classes="appeal", compact=True)
                yield PassageView(passage_for(question.deck, question.card))
            unanswered = self.session.unanswered()
            if unanswered:
                yield Static(plain(f"Not answered: {len(unanswered)}", "bold"), classes="section")
            for deck, card in unanswered:
                yield Static(plain(kind_of(card).label(card), "bold"), classes="mistake-prompt")
                yield Static(join(plain("Answer: ", "italic"), expected_in_words(card)))
                yield PassageView(passage_for(deck, card))
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "Exam results"
        if not self.summary.by_tag:
            return
        table = self.query_one("#by-tag", DataTable)
        table.can_focus = False  # nothing to pick in it: Tab goes to the mistakes
        table.add_columns("Tag", "Asked", "Correct", "Score")
        for tag, score in self.summary.by_tag.items():
            percent = round(100 * score.correct / score.asked) if score.asked else 0
            table.add_row(cell(tag), str(score.asked), str(score.correct), f"{percent}%")

    @on(Button.Pressed, ".appeal")
    async def _appeal(self, event: Button.Pressed) -> None:
        """Keep the appeal of one mistake for the examiner (the score stands)."""
        mistakes = [r for r in self.session.results if not r.verdict.correct]
        result = mistakes[int((event.button.id or "appeal-0").removeprefix("appeal-"))]
        try:
            await on_db_thread(lambda: self.session.appeal_to_examiner(result))
        except Exception as error:  # reported on screen with what to do; never a traceback
            self.report_failure(error)
            return
        event.button.label = "Appealed"
        event.button.disabled = True
        self.refresh_bindings()  # Tab to the next 'I was right' may have none left
        self.notify(
            "Appeal kept for your examiner: it goes into the report (w saves it)"
            + (", which will be saved again." if self.saved_to is not None else "."),
            timeout=6,
        )

    def action_save(self) -> None:
        """Save the report; again only when an appeal was added since, else say where it is."""
        if self.saved_to is not None and self.saved_appeals == len(self.session.appeals):
            self.notify(
                _where("Already saved", self.saved_to) + "\nNothing new was written.", timeout=6
            )
        elif not self.saving:
            self.saving = True
            self.save_report()

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def save_report(self) -> None:
        """Write the report (the same shape as the headless --report) to the data folder.

        In a worker: the file is written off the UI thread.
        """
        from natobrief import paths
        from natobrief.headless.report import write_report

        folder = paths.data_dir() / "reports"
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target = self.saved_to or folder / f"exam-{stamp}.json"  # an appeal since: same file
        try:
            folder.mkdir(parents=True, exist_ok=True)
            number = 2
            while target != self.saved_to and target.exists():  # another exam, same second
                target = folder / f"exam-{stamp}-{number}.json"
                number += 1
            self.saved_appeals = len(self.session.appeals)
            write_report(target, self.session, self.summary, None)
        except OSError as error:
            self.post_message(ReportWritten(folder, error))
            return
        self.post_message(ReportWritten(target))

    @on(ReportWritten)
    def _written(self, message: ReportWritten) -> None:
        if message.error is not None:
            self._save_failed(message.path, message.error)
        else:
            self._saved(message.path)

    def _saved(self, target: Path) -> None:
        self.saving = False
        self.saved_to = target
        self.notify(_where("Report saved", target), timeout=8)

    def _save_failed(self, folder: Path, error: OSError) -> None:
        self.saving = False
        self.notify(
            f"Could not save the report: {error.strerror or error}.\n"
            f"Check that this folder can be written to and has free space:\n{folder}\n"
            "then press w again.",
            severity="error",
            timeout=10,
        )

    def worker_failed(self, worker: object) -> None:
        self.saving = False  # w can try again

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "next_appeal":  # off (and off the key bar) with no mistake to appeal
            return any(not button.disabled for button in self.query(".appeal").results(Button))
        return True

    def action_next_appeal(self) -> None:
        """Go to the next mistake's 'I was right'."""
        self.focus_next(".appeal")

    def action_leave(self) -> None:
        """Back to the deck list; appeals not in a saved report are said first (asked once)."""
        unsaved = len(self.session.appeals) - (self.saved_appeals if self.saved_to else 0)
        if unsaved > 0 and not self._leave_asked:
            self._leave_asked = True
            self.notify(
                f"{counted(unsaved, 'appeal')} not in a saved report: w saves it for your "
                "examiner (the appeals themselves are kept: natobrief appeals lists them). "
                "Press Escape again to leave without saving.",
                title="Leave without saving?",
                severity="warning",
                timeout=8,
            )
            return
        self.dismiss()


def _where(what: str, target: Path) -> str:
    """A saved file for a toast: its name on the first line, its folder on its own line."""
    return f"{what}: {target.name}\nin the folder:\n{target.parent}"


def _mistakes_heading(mistakes: int, unanswered: int) -> str:
    """The heading of the mistakes: "No mistakes." only when every question was answered."""
    if mistakes:
        return f"Mistakes: {mistakes}"
    if unanswered:
        return "No mistakes among the answers given."
    return "No mistakes."
