"""Home: the decks with their counts; start study, an exam or the reader on a deck or a tag.

The table's columns follow the terminal's width on every resize: the title
column gives way first (cut with an ellipsis), then "Last studied" goes, so
that the counts stay on screen as long as they can. With a tag chosen, every
count is of that tag's cards.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.console import RenderableType
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Select, Static

from natobrief.deck.model import Deck
from natobrief.settings import EXAM_QUESTIONS
from natobrief.stats import day_start, study_day
from natobrief.store.counts import StudyCounts, total
from natobrief.store.progress import Progress
from natobrief.store.schedules import read_time
from natobrief.text import counted
from natobrief.tui.app_state import app_state
from natobrief.tui.messages import StartSession
from natobrief.tui.text import cell, plain
from natobrief.tui.widgets.key_bar import KeyBar
from natobrief.tui.widgets.title_bar import TitleBar, cut_in_the_middle
from natobrief.tui.worker_errors import ReportsWorkerErrors

if TYPE_CHECKING:
    from natobrief.tui.screens.exam_options import ExamOptions


class CountsRead(Message):
    """The counts worker read every deck's counts of the cards tagged ``tag`` (None: all)."""

    bubble = False  # for this screen alone

    def __init__(self, tag: str | None, counts: dict[str, StudyCounts], new_today: int) -> None:
        super().__init__()
        self.tag = tag
        self.counts = counts
        self.new_today = new_today  # new cards studied this study day, in every deck


ALL = "*"
COUNT_LABELS = ("Cards", "New", "Due", "Learning")
LAST_LABEL = "Last studied"
WHEN_FORMAT = "%d %b %Y %H:%M"
MIN_TITLE_WIDTH = 12  # narrower than this, a title says too little; the table scrolls instead
TITLE_WIDTH_BEFORE_LAST = 24  # titles shrink to this before "Last studied" goes
CELL_PADDING = 1  # the DataTable's default, on each side of every cell


def deck_counts(
    decks: list[Deck], progress: Progress, now: datetime, tag: str | None = None
) -> dict[str, StudyCounts]:
    """Counts of each deck (and of all, under ALL), of the cards tagged ``tag`` only if given.

    The store counts (:meth:`Progress.deck_counts`), so home, stats and the
    session agree on what is new, due and learning (a suspended card is none).
    """
    chosen = {
        deck.id: [card.id for card in deck.cards if tag is None or tag in card.tags]
        for deck in decks
    }
    rows = progress.deck_counts(chosen, now)
    rows[ALL] = total(rows.values())
    return rows


def tag_counts(decks: list[Deck]) -> dict[str, int]:
    """How many cards carry each tag, over every deck, by tag name."""
    counts = Counter(tag for deck in decks for card in deck.cards for tag in card.tags)
    return dict(sorted(counts.items()))


def column_widths(
    room: int,
    longest_title: int,
    count_widths: tuple[int, ...],
    last_width: int,
    studied: bool = True,
) -> tuple[int, int | None]:
    """(title width, last-studied width or None to leave it out) for a table ``room`` cells wide.

    The title column gives way first, down to TITLE_WIDTH_BEFORE_LAST; then
    the last-studied column goes, and titles shrink on down to MIN_TITLE_WIDTH;
    the counts stay. Before anything was ``studied`` the empty last-studied
    column gives its room to the titles. Every width is without padding.
    """
    padded = sum(width + 2 * CELL_PADDING for width in count_widths)
    title_padding = 2 * CELL_PADDING
    with_last = room - padded - (last_width + 2 * CELL_PADDING) - title_padding
    if studied and with_last >= min(longest_title, TITLE_WIDTH_BEFORE_LAST):
        return min(longest_title, with_last), last_width
    without_last = room - padded - title_padding
    return max(min(longest_title, without_last), min(longest_title, MIN_TITLE_WIDTH)), None


class HomeScreen(ReportsWorkerErrors, Screen[None]):
    """The deck list."""

    CSS_PATH = "../styles/home.tcss"
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-tall")]

    BINDINGS = [
        Binding("enter,s", "study", "Study", id="home.study"),
        Binding("e", "exam", "Exam", id="home.exam"),
        Binding("r", "brief", "Read sources", id="home.brief"),
        Binding("t", "stats", "Statistics", id="home.stats"),
        Binding("c", "cards", "Cards", id="home.cards"),
    ]

    def __init__(self, decks: list[Deck]) -> None:
        super().__init__()
        self.decks = decks
        self.counts: dict[str, StudyCounts] | None = None  # None until the worker has read them
        self.new_today: int | None = None  # new cards studied today (all decks), once read
        self.tags = tag_counts(decks)  # cards per tag, shown in the tag list
        self._table_room = 0  # the room the table was last laid out for
        self.exam_defaults: ExamOptions | None = None  # the last exam's options, offered again

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="home"):
            yield Static("Choose a deck (or All decks), then press a key below.", id="home-hint")
            yield DataTable(id="decks", cursor_type="row", zebra_stripes=True)
            yield Static(id="new-hint")
            with Horizontal(id="tag-row"):
                yield Static("Only cards tagged: ", id="tag-label")
                yield Select(self._tag_options(), prompt="any tag", id="tag", allow_blank=True)
        yield KeyBar()

    def _tag_options(self) -> list[tuple[RenderableType, str]]:
        return [(cell(f"{tag} ({count})"), tag) for tag, count in self.tags.items()]

    def on_mount(self) -> None:
        self.sub_title = "Decks"
        self._show_new_limit()
        self.fill_table()
        self.query_one(DataTable).focus()
        self.refresh_counts()

    def on_resize(self, _event: events.Resize) -> None:
        self.call_after_refresh(self._relayout)  # once the table has its new size

    def _relayout(self) -> None:
        if self._room() != self._table_room:
            self.fill_table()

    def on_screen_resume(self) -> None:
        tags = tag_counts(self.decks)  # a card written in the reader may bring a tag
        if tags != self.tags:
            select = self.query_one("#tag", Select)
            chosen = select.value
            self.tags = tags
            select.set_options(self._tag_options())
            if isinstance(chosen, str) and chosen in tags:
                select.value = chosen
        self._show_new_limit()
        self._relayout()  # the terminal may have been resized under another screen
        self.refresh_counts()

    def _new_left(self) -> int | None:
        """New cards study may still bring in today, in all decks together (None: not read)."""
        if self.new_today is None:
            return None
        return max(0, app_state(self).settings.new_per_day - self.new_today)

    def _show_new_limit(self) -> None:
        """Say what the New column counts: the new cards today's limit still lets study bring in."""
        limit = app_state(self).settings.new_per_day
        left = self._new_left()
        if not limit:
            text = "Study brings in no new cards (new cards a day is 0 in F2 Settings)."
        elif left is None:
            text = f"Study brings in at most {counted(limit, 'new card')} a day (F2 Settings)."
        elif left == 0:
            text = (
                f"Today's {counted(limit, 'new card')} are studied (the limit covers all decks "
                "together): New shows 0 until tomorrow. Raise it in F2 Settings to study more."
            )
        else:
            text = (
                f"New: what study brings in today ({left} of {limit} left; the limit covers all "
                "decks together, F2 Settings). Due: reviews due now, learning steps apart."
            )
        self.query_one("#new-hint", Static).update(plain(text))

    def _room(self) -> int:
        """Cells the table's columns may take: its width, less a vertical scrollbar's."""
        table = self.query_one(DataTable)
        width = table.size.width
        if not width:  # before the first layout: the screen less the padding around the table
            width = self.app.size.width - self.query_one("#home").styles.gutter.width
        return max(0, width - table.styles.scrollbar_size_vertical)

    def fill_table(self) -> None:
        """(Re)build the table for its width: titles cut to fit, the counts as last read."""
        table = self.query_one(DataTable)
        room = self._room()
        self._table_room = room
        counts = self.counts or {}
        tag = self.chosen_tag()
        count_width = len(str(sum(len(deck.cards) for deck in self.decks)))
        count_widths = tuple(max(len(label), count_width) for label in COUNT_LABELS)
        when = {key: _when(row.last_review) for key, row in counts.items()}
        last_width = max([len(LAST_LABEL), *(cell_len(text) for text in when.values())])
        longest = max([len("All decks"), *(cell_len(deck.title) for deck in self.decks)])
        studied = any(when.values())
        title_width, last = column_widths(room, longest, count_widths, last_width, studied)
        cursor_row = table.cursor_row
        table.clear(columns=True)
        table.add_column("Deck", width=title_width, key="deck")
        for label, width in zip(COUNT_LABELS, count_widths, strict=True):
            table.add_column(label, width=width, key=label.lower())
        if last is not None:
            table.add_column(LAST_LABEL, width=last, key="last")
        named = [(ALL, "All decks", "bold"), *((deck.id, deck.title, "") for deck in self.decks)]
        left = self._new_left()  # the day's limit: New shows what study brings in today
        for key, name, style in named:
            title = cell(cut_in_the_middle(name, title_width), style)  # keeps the year at the end
            row = counts.get(key)
            new = 0 if row is None else row.new if left is None else min(row.new, left)
            numbers = (
                [str(row.cards), str(new), str(row.due), str(row.learning)]
                if row is not None
                else [str(self._card_count(key, tag)), "…", "…", "…"]
            )
            last_cells = [when.get(key, "")] if last is not None else []
            table.add_row(title, *numbers, *last_cells, key=key)
        table.move_cursor(row=min(cursor_row, table.row_count - 1))

    def _card_count(self, key: str, tag: str | None) -> int:
        """Cards of a deck (or of all), of the tag if one is chosen: known before any count."""
        decks = self.decks if key == ALL else [d for d in self.decks if d.id == key]
        return sum(tag is None or tag in card.tags for deck in decks for card in deck.cards)

    @on(Select.Changed, "#tag")
    def _tag_chosen(self) -> None:
        self.counts = None  # the other tag's counts are wrong now: "…" until these are read
        self.fill_table()
        self.refresh_counts()

    def chosen_tag(self) -> str | None:
        """The tag chosen in the filter, or None for any tag."""
        tag = self.query_one("#tag", Select).value
        return tag if isinstance(tag, str) else None

    def refresh_counts(self) -> None:
        """Count the cards again (of the chosen tag), off the UI thread."""
        self.count_cards(self.chosen_tag())

    @work(thread=True, exclusive=True, group="counts", exit_on_error=False)
    def count_cards(self, tag: str | None) -> None:
        """Read new / due / learning counts per deck, of the cards tagged ``tag`` (None: all)."""
        state = app_state(self)
        assert state.progress is not None  # the home screen comes after the database opened
        now = state.clock().astimezone()
        hour = state.settings.day_starts_hour
        start = day_start(study_day(now, now, hour), now, hour)  # as sessions count the day
        new_today = state.progress.new_cards_since(start)
        counts = deck_counts(self.decks, state.progress, now, tag)
        self.post_message(CountsRead(tag, counts, new_today))

    @on(CountsRead)
    def _show_counts(self, message: CountsRead) -> None:
        if message.tag != self.chosen_tag():
            return  # counted for a tag chosen before the current one; its own count follows
        self.counts = message.counts
        self.new_today = message.new_today
        self._show_new_limit()
        self.fill_table()

    def _row_key(self) -> str | None:
        table = self.query_one(DataTable)
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def chosen_decks(self) -> list[Deck]:
        """The highlighted deck (or all), narrowed to the chosen tag."""
        row_key = self._row_key()
        decks = self.decks if row_key == ALL else [d for d in self.decks if d.id == row_key]
        tag = self.chosen_tag()
        if tag is not None:
            decks = [replace(d, cards=tuple(c for c in d.cards if tag in c.tags)) for d in decks]
            decks = [d for d in decks if d.cards]
        return decks

    def _title(self) -> str:
        decks = self.chosen_decks()
        tag = self.chosen_tag()
        name = decks[0].title if len(decks) == 1 and self._row_key() != ALL else "All decks"
        return name + (f" · tag {tag}" if tag is not None else "")

    @on(DataTable.RowSelected)
    def _row_selected(self) -> None:
        self.action_study()

    def _with_cards(self) -> list[Deck]:
        """The chosen decks, or none (and a message) when the tag leaves them no card."""
        decks = self.chosen_decks()
        if not any(deck.cards for deck in decks):
            tag = self.chosen_tag()
            self.notify(
                f"No card here carries the tag {tag}; choose another deck or tag."
                if tag is not None
                else "This deck has no cards.",
                severity="warning",
                markup=False,
            )
            return []
        return decks

    def action_study(self) -> None:
        """Study the chosen deck(s)."""
        decks = self._with_cards()
        if decks:
            self.post_message(StartSession("study", decks, self._title()))

    def action_exam(self) -> None:
        """Take an exam on the chosen deck(s), after asking its length and time limit."""
        from natobrief.tui.screens.exam_options import ExamOptions, ExamOptionsScreen

        decks = self._with_cards()
        available = sum(len(deck.cards) for deck in decks)
        if not available:
            return
        title = self._title()

        def start(options: ExamOptions | None) -> None:
            if options is not None:  # kept as the next exam's defaults
                self.exam_defaults = options
                self.post_message(StartSession("exam", decks, title, *options))

        if self.exam_defaults is None:  # the command line's, else natobrief's
            state = app_state(self)
            self.exam_defaults = ExamOptions(
                state.exam_count or EXAM_QUESTIONS, state.time_limit_minutes
            )
        count, minutes = self.exam_defaults
        self.app.push_screen(ExamOptionsScreen(title, available, count, minutes), start)

    def action_brief(self) -> None:
        """Read the chosen decks' sources."""
        from natobrief.tui.screens.brief import BriefScreen

        self.app.push_screen(BriefScreen(self.chosen_decks() or self.decks, tag=self.chosen_tag()))

    def action_stats(self) -> None:
        """Show statistics for the chosen decks."""
        from natobrief.tui.screens.stats import StatsScreen

        self.app.push_screen(StatsScreen(self.chosen_decks() or self.decks))

    def action_cards(self) -> None:
        """Browse the cards of the chosen decks: search, suspend, unbury, reset, edit."""
        from natobrief.tui.screens.cards import CardBrowserScreen

        self.app.push_screen(CardBrowserScreen(self.chosen_decks() or self.decks))


def _when(iso: str) -> str:
    moment = read_time(iso) if iso else None
    return moment.astimezone().strftime(WHEN_FORMAT) if moment else ""
