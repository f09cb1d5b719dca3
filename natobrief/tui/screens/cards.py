"""The card browser: find any card by text, tag or state, see its history, and act on it.

Anki's browser is the anchor: a search box (words and ``is:``/``tag:``/``deck:``
filters, as ``natobrief cards --search`` reads them), the cards found in a table,
and the highlighted card's details and reviews below. Keys act on that card:
suspend or unsuspend, unbury, reset (pressed twice), and edit in $EDITOR at its
line, after which the deck is read again.
"""

from __future__ import annotations

import subprocess
from datetime import datetime

from textual import on, work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static

from natobrief import browse
from natobrief.deck.model import Deck
from natobrief.scheduler import Rating
from natobrief.store.records import ReviewRecord
from natobrief.store.schedules import read_time
from natobrief.text import counted
from natobrief.tui.app_state import app_state
from natobrief.tui.db_thread import on_db_thread
from natobrief.tui.text import cell, plain
from natobrief.tui.widgets.key_bar import KeyBar
from natobrief.tui.widgets.title_bar import TitleBar

_CARD_ACTIONS = frozenset({"toggle_suspend", "unbury", "reset", "edit"})  # keys on the table
SHOWN_ROWS = 2_000  # a table of more is slow to fill and no one scrolls it: narrow the search


class RowsRead(Message):
    """The worker read every card with its progress."""

    bubble = False

    def __init__(self, rows: list[browse.CardRow], now: datetime) -> None:
        super().__init__()
        self.rows = rows
        self.now = now


class CardBrowserScreen(Screen[None]):
    """Every card of the chosen decks, searched as you type."""

    CSS_PATH = "../styles/cards.tcss"

    BINDINGS = [
        Binding("escape", "leave", "Back", id="cards.leave"),
        Binding("slash", "search", "Search", id="cards.search"),
        Binding("s", "toggle_suspend", "Suspend/unsuspend", id="cards.suspend"),
        Binding("b", "unbury", "Unbury", id="cards.unbury"),
        Binding("r", "reset", "Reset", id="cards.reset"),
        Binding("o", "edit", "Edit in $EDITOR", id="cards.edit"),
        # From the search field to the cards (Enter does too); the field takes no ↓ itself.
        Binding("down", "to_cards", "Cards", show=False, id="cards.to-cards"),
    ]

    def __init__(self, decks: list[Deck], search: str = "") -> None:
        super().__init__()
        self.decks = decks
        self.rows: list[browse.CardRow] = []
        self.shown: list[browse.CardRow] = []
        self.now: datetime | None = None
        self._initial_search = search
        self._reset_armed: tuple[str, str] | None = None  # r pressed once on this card

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="browser"):
            yield Input(
                self._initial_search,
                placeholder="Search: words, is:suspended, is:due, tag:china, deck:stoltenberg",
                id="card-search",
            )
            yield Static("Reading cards…", id="card-count")
            yield DataTable(id="card-table", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="card-detail-box"):
                yield Static(id="card-detail")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "Cards"
        self.query_one("#card-table", DataTable).focus()  # s, b, r, o work at once; / searches
        self.read_rows()

    @work(thread=True, exclusive=True, group="cards", exit_on_error=False)
    def read_rows(self) -> None:
        """Every card and its progress, off the UI thread."""
        state = app_state(self)
        assert state.progress is not None  # the browser opens after the database did
        now = state.clock()
        self.post_message(RowsRead(browse.card_rows(self.decks, state.progress, now), now))

    @on(RowsRead)
    def _rows_read(self, read: RowsRead) -> None:
        self.rows, self.now = read.rows, read.now
        self._show(keep=self._highlighted_key())

    def on_resize(self) -> None:
        if self.rows:
            self._show(keep=self._highlighted_key())

    @on(Input.Changed, "#card-search")
    def _search_changed(self) -> None:
        self._show()

    @on(Input.Submitted, "#card-search")
    def _search_submitted(self) -> None:
        self.query_one("#card-table", DataTable).focus()

    def _search(self) -> browse.Search | None:
        text = self.query_one("#card-search", Input).value
        try:
            return browse.Search.parse(text)
        except Exception as error:  # an unknown is: state; said in the count line
            self.query_one("#card-count", Static).update(plain(str(error), "$text-error"))
            return None

    def _show(self, keep: tuple[str, str] | None = None) -> None:
        """Fill the table with the cards the search finds (the first SHOWN_ROWS of them)."""
        search = self._search()
        if search is None or self.now is None:
            return
        found = browse.find(self.rows, search)
        self.shown = found[:SHOWN_ROWS]
        table = self.query_one("#card-table", DataTable)
        table.clear(columns=True)
        cells = [
            (
                row.card.id,  # its deck is in the details below
                ", ".join(row.states),
                row.due_text(self.now),
                row.label,
            )
            for row in self.shown
        ]
        widths = _column_widths(cells, self.size.width)
        for label, width in zip(("Card", "State", "Due", "Question"), widths, strict=True):
            table.add_column(label, width=width)
        for row, texts in zip(self.shown, cells, strict=True):
            table.add_row(*(cell(text) for text in texts), key=f"{row.deck.id}/{row.card.id}")
        more = (
            f" (the first {SHOWN_ROWS:,} shown: narrow the search)"
            if len(found) > SHOWN_ROWS
            else ""
        )
        self.query_one("#card-count", Static).update(
            plain(f"{counted(len(found), 'card')} of {len(self.rows):,}{more}", "$text-muted")
        )
        keys = [row.key for row in self.shown]
        if keep in keys:
            table.move_cursor(row=keys.index(keep))
        self._show_detail()

    def _highlighted(self) -> browse.CardRow | None:
        table = self.query_one("#card-table", DataTable)
        if not self.shown or not 0 <= table.cursor_row < len(self.shown):
            return None
        return self.shown[table.cursor_row]

    def _highlighted_key(self) -> tuple[str, str] | None:
        row = self._highlighted() if self.is_mounted else None
        return row.key if row else None

    @on(DataTable.RowHighlighted, "#card-table")
    def _row_highlighted(self) -> None:
        self._reset_armed = None
        self._show_detail()

    @work(exclusive=True, group="card-detail", exit_on_error=False)
    async def _show_detail(self) -> None:
        """The highlighted card's fields, state and reviews (the log read on the db thread)."""
        detail = self.query_one("#card-detail", Static)
        row = self._highlighted()
        if row is None:
            detail.update(plain("No card matches the search."))
            return
        state = app_state(self)
        assert state.progress is not None
        progress = state.progress
        entries = await on_db_thread(lambda: browse.history(progress, row))
        detail.update(plain(card_details(row, entries, self.now or state.clock())))

    # Actions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the search field has focus, s, b, r and o are letters of the search (and
        off the key bar); ↓ goes to the cards."""
        searching = self.focused is not None and self.focused.id == "card-search"
        if action in _CARD_ACTIONS:
            return not searching
        if action == "to_cards":
            return searching
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_to_cards(self) -> None:
        """From the search to the cards found."""
        self.query_one("#card-table", DataTable).focus()

    def action_leave(self) -> None:
        """Back."""
        self.dismiss()

    def action_search(self) -> None:
        """Search: type words and filters."""
        self.query_one("#card-search", Input).focus()

    async def action_toggle_suspend(self) -> None:
        """Suspend the card, or unsuspend it if it is suspended."""
        row = self._highlighted()
        if row is not None:
            action: browse.Action = "unsuspend" if "suspended" in row.states else "suspend"
            await self._act(row, action)

    async def action_unbury(self) -> None:
        """Unbury the card: it can be studied today."""
        row = self._highlighted()
        if row is None:
            return
        if not browse.applies("unbury", row):
            self.notify("This card is not buried.", timeout=3)
            return
        await self._act(row, "unbury")

    async def action_reset(self) -> None:
        """Make the card new again (press twice); its reviews stay in the log."""
        row = self._highlighted()
        if row is None:
            return
        if not browse.applies("reset", row):
            self.notify("This card is new already.", timeout=3)
            return
        if self._reset_armed != row.key:
            self._reset_armed = row.key
            self.notify("Press r again to make this card new (its reviews stay logged).")
            return
        self._reset_armed = None
        await self._act(row, "reset")

    async def _act(self, row: browse.CardRow, action: browse.Action) -> None:
        state = app_state(self)
        assert state.progress is not None
        progress, now = state.progress, state.clock()
        await on_db_thread(lambda: browse.act(progress, [row], action, now))
        past = {"suspend": "Suspended", "unsuspend": "Unsuspended", "unbury": "Unburied"}
        self.notify(f"{past.get(action, 'Reset')}: {row.card.id}.", timeout=3)
        self.read_rows()

    def action_edit(self) -> None:
        """Open the card's deck file in $EDITOR at the card's line, then read the deck again."""
        from natobrief.deck.loader import read_deck
        from natobrief.editor import NoEditor, editor_command

        row = self._highlighted()
        if row is None:
            return
        try:
            command = editor_command(row.deck.path, row.card.line)
        except NoEditor as error:
            self.notify(str(error), title="No editor", severity="warning", timeout=10)
            return
        try:
            with self.app.suspend():
                subprocess.run(command, check=False)
        except SuspendNotSupported:  # a web terminal (textual serve) cannot hand over the screen
            self.notify(
                f"An editor cannot open here: edit {row.deck.path} at line {row.card.line}.",
                severity="warning",
                timeout=15,
            )
            return
        except OSError as error:
            self.notify(f"The editor did not start: {error.strerror}.", severity="error")
            return
        result = read_deck(row.deck.path)
        if result.deck is None:
            first = result.errors[0].format() if result.errors else "it does not load"
            self.notify(
                f"The deck was not read again: {first}. Run 'natobrief check' on it.",
                title="Deck has errors",
                severity="error",
                timeout=15,
            )
            return
        for index, deck in enumerate(self.decks):
            if deck is row.deck:
                self.decks[index] = result.deck
        app = app_state(self)
        app.decks[:] = [result.deck if deck is row.deck else deck for deck in app.decks]
        self.read_rows()


def _column_widths(cells: list[tuple[str, str, str, str]], room: int) -> tuple[int, ...]:
    """Widths for card, state and due that fit their texts (within limits); the question the
    rest (at least 20 cells)."""
    card = min(max((len(c[0]) for c in cells), default=4), 40, max(room // 3, 12))
    state = min(max((len(c[1]) for c in cells), default=5), 24)
    due = min(max((len(c[2]) for c in cells), default=3), 22)
    question = max(room - card - state - due - 12, 20)  # cell padding, scroll bar, borders
    return max(card, 4), max(state, 5), max(due, 3), question


def card_details(row: browse.CardRow, entries: list[ReviewRecord], now: datetime) -> str:
    """The card's text, where it is, its state and schedule, then its reviews, newest first."""
    from natobrief.cardtypes.registry import kind_of

    kind = kind_of(row.card)
    progress = row.progress
    lines = [
        row.label,
        f"Answer: {kind.answer_line(row.card)}",
        f"{kind.title} · {row.deck.title} · {row.deck.path.name}:{row.card.line}",
    ]
    if row.card.tags:
        lines.append("Tags: " + ", ".join(row.card.tags))
    state = ", ".join(row.states)
    if progress is None or progress.memory is None:
        lines.append(f"State: {state}; never reviewed" if progress is None else f"State: {state}")
    else:
        stability = row.stability
        lines.append(
            f"State: {state} · due {row.due_text(now)} · "
            f"stability {stability:.1f} days · {counted(progress.reps, 'review')}, "
            f"{counted(progress.lapses, 'lapse')}"
            if stability is not None
            else f"State: {state}"
        )
    reviews = entries
    if reviews:
        lines += ["", "History (newest first):"]
        for entry in reversed(reviews[-20:]):
            lines.append("  " + history_line(entry))
    return "\n".join(lines)


def history_line(entry: ReviewRecord) -> str:
    """One log entry as the history lists it: when, what, and the answer given."""
    moment = read_time(entry.reviewed_at)
    when = moment.astimezone().strftime("%Y-%m-%d %H:%M") if moment else entry.reviewed_at
    if entry.kind != "review":
        return f"{when}  {entry.kind}"
    verdict = "right" if entry.correct else "wrong"
    rated = f", rated {Rating(entry.rating).label}" if entry.rating else " (exam)"
    answer = entry.answer if len(entry.answer) <= 60 else entry.answer[:59] + "…"
    return f"{when}  {verdict}{rated}: '{answer}'"
