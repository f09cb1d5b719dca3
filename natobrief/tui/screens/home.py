"""Home: the decks with their counts; start study, an exam or the reader on a deck or a tag."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import DataTable, Select, Static

from natobrief.deck.model import Deck
from natobrief.tui.text import cell, plain
from natobrief.tui.widgets.key_bar import KeyBar
from natobrief.tui.widgets.title_bar import TitleBar
from natobrief.tui.worker_errors import ReportsWorkerErrors

ALL = "*"


class HomeScreen(ReportsWorkerErrors, Screen[None]):
    """The deck list."""

    CSS_PATH = "../styles/home.tcss"

    BINDINGS = [
        Binding("enter,s", "study", "Study", id="home.study"),
        Binding("e", "exam", "Exam", id="home.exam"),
        Binding("r", "brief", "Read sources", id="home.brief"),
        Binding("t", "stats", "Statistics", id="home.stats"),
    ]

    def __init__(self, decks: list[Deck]) -> None:
        super().__init__()
        self.decks = decks

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="home"):
            yield Static("Choose a deck (or All decks), then press a key below.", id="home-hint")
            yield DataTable(id="decks", cursor_type="row", zebra_stripes=True)
            with Horizontal(id="tag-row"):
                yield Static("Only cards tagged: ", id="tag-label")
                tags = sorted(
                    {tag for deck in self.decks for card in deck.cards for tag in card.tags}
                )
                yield Select(
                    [(tag, tag) for tag in tags], prompt="any tag", id="tag", allow_blank=True
                )
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "Decks"
        table = self.query_one(DataTable)
        width = self._deck_column_width()
        table.add_column("Deck", width=width)
        table.add_columns("Cards", "New", "Due", "Learning", "Last studied")
        table.add_row(
            plain("All decks", "bold"),
            str(sum(len(d.cards) for d in self.decks)),
            "…",
            "…",
            "…",
            "",
            key=ALL,
        )
        for deck in self.decks:
            title = cell(deck.title)
            title.truncate(width, overflow="ellipsis")  # in cells, so wide characters count twice
            table.add_row(title, str(len(deck.cards)), "…", "…", "…", "", key=deck.id)
        table.focus()
        self.refresh_counts()

    def _deck_column_width(self) -> int:
        """As wide as the longest title, but leaving the counts on screen in 80 columns.

        A longer title is cut with an ellipsis instead.
        """
        others = len("Cards New Due Learning Last studied") + 2 * 6  # labels + cell padding
        room = self.app.size.width - 4 - others  # the screen's own padding
        longest = max([len("All decks"), *(cell_len(deck.title) for deck in self.decks)])
        return max(16, min(longest, room))

    def on_screen_resume(self) -> None:
        self.refresh_counts()

    @work(thread=True, exclusive=True, group="counts", exit_on_error=False)
    def refresh_counts(self) -> None:
        """Read new / due / learning counts per deck off the UI thread."""
        app = self.app
        progress = app.progress  # type: ignore[attr-defined]
        now = app.clock().astimezone()  # type: ignore[attr-defined]
        states = progress.card_states(deck.id for deck in self.decks)
        rows: dict[str, tuple[int, int, int, str]] = {}
        totals = [0, 0, 0]
        for deck in self.decks:
            new = due = learning = 0
            last = ""
            for card in deck.cards:
                state = states.get((deck.id, card.id))
                if state is None or state.is_new:
                    new += 1
                    continue
                if state.stage in (1, 3):
                    learning += 1
                due_at = state.due_at()
                if due_at is not None and due_at <= now and state.available(now):
                    due += 1
                if state.last_review and state.last_review > last:
                    last = state.last_review
            rows[deck.id] = (new, due, learning, _when(last))
            totals = [totals[0] + new, totals[1] + due, totals[2] + learning]
        rows[ALL] = (totals[0], totals[1], totals[2], "")
        app.call_from_thread(self._show_counts, rows)

    def _show_counts(self, rows: dict[str, tuple[int, int, int, str]]) -> None:
        table = self.query_one(DataTable)
        columns = list(table.columns)
        for key, (new, due, learning, last) in rows.items():
            table.update_cell(key, columns[2], str(new))
            table.update_cell(key, columns[3], str(due))
            table.update_cell(key, columns[4], str(learning))
            table.update_cell(key, columns[5], last)

    def _row_key(self) -> str | None:
        table = self.query_one(DataTable)
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def chosen_decks(self) -> list[Deck]:
        """The highlighted deck (or all), narrowed to the chosen tag."""
        row_key = self._row_key()
        decks = self.decks if row_key == ALL else [d for d in self.decks if d.id == row_key]
        tag = self.query_one("#tag", Select).value
        if isinstance(tag, str):
            decks = [replace(d, cards=tuple(c for c in d.cards if tag in c.tags)) for d in decks]
            decks = [d for d in decks if d.cards]
        return decks

    def _title(self) -> str:
        decks = self.chosen_decks()
        tag = self.query_one("#tag", Select).value
        name = decks[0].title if len(decks) == 1 and self._row_key() != ALL else "All decks"
        return name + (f" · tag {tag}" if isinstance(tag, str) else "")

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_study()

    def action_study(self) -> None:
        """Study the chosen deck(s)."""
        decks = self.chosen_decks()
        if decks:
            self.app.start_session("study", decks, self._title())  # type: ignore[attr-defined]

    def action_exam(self) -> None:
        """Take an exam on the chosen deck(s)."""
        decks = self.chosen_decks()
        if decks:
            self.app.start_session("exam", decks, self._title())  # type: ignore[attr-defined]

    def action_brief(self) -> None:
        """Read the chosen decks' sources."""
        from natobrief.tui.screens.brief import BriefScreen

        self.app.push_screen(BriefScreen(self.chosen_decks() or self.decks))

    def action_stats(self) -> None:
        """Show statistics for the chosen decks."""
        from natobrief.tui.screens.stats import StatsScreen

        self.app.push_screen(StatsScreen(self.chosen_decks() or self.decks))


def _when(iso: str) -> str:
    if not iso:
        return ""
    return datetime.fromisoformat(iso).astimezone().strftime("%d %b %Y %H:%M")
