"""Statistics: retention, due forecast, review heatmap, mastery by tag, leeches."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Static

from natobrief.deck.model import Deck
from natobrief.stats import (
    DayOfReviews,
    card_states,
    compute_stats,
    daily_reviews,
    due_forecast,
    format_stats,
    leeches,
    mastery_by_tag,
    study_day,
    weekly_retention,
)
from natobrief.tui.app_state import app_state
from natobrief.tui.text import plain
from natobrief.tui.widgets.key_bar import KeyBar
from natobrief.tui.widgets.plots import heatmap, horizontal_bars, vertical_bars
from natobrief.tui.widgets.title_bar import TitleBar
from natobrief.tui.worker_errors import ReportsWorkerErrors


class FiguresRead(Message):
    """The statistics worker read every figure and plot's data."""

    bubble = False  # for this screen alone

    def __init__(
        self,
        today: date,
        figures: dict[str, object],
        forecast: list[int],
        days: list[DayOfReviews],
        mastery: dict[str, tuple[int, int]],
        stuck: list[tuple[Deck, str, int]],
    ) -> None:
        super().__init__()
        self.today = today
        self.figures = figures
        self.forecast = forecast
        self.days = days
        self.mastery = mastery
        self.stuck = stuck


class StatsScreen(ReportsWorkerErrors, Screen[None]):
    """Figures and plots of the learner's progress."""

    CSS_PATH = "../styles/stats.tcss"

    BINDINGS = [Binding("escape", "leave", "Back", id="stats.leave")]

    def __init__(self, decks: list[Deck]) -> None:
        super().__init__()
        self.decks = decks

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with VerticalScroll(id="stats"):
            for name, title in (
                ("summary", "Summary"),
                (
                    "retention",
                    "Retention by week (reviews of cards in review: first answers and "
                    "learning steps not counted)",
                ),
                ("forecast", "Due in the next 14 days (the first bar is today, overdue included)"),
                ("heatmap", "Reviews per day, last 12 weeks (exam answers not counted)"),
                ("mastery", "Mastery by tag (cards in review)"),
                ("leeches", "Leeches"),
            ):
                yield Static(plain(title, "bold"), classes="section")
                yield Static("Reading…", id=name, classes="plot")
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "Statistics"
        self.gather()

    @work(thread=True, exclusive=True, group="stats", exit_on_error=False)
    def gather(self) -> None:
        """Read the figures off the UI thread, with the study day the sessions use."""
        state = app_state(self)
        progress = state.progress
        assert progress is not None  # statistics open after the database did
        # The clock as sessions read it: its time zone is the one study days begin in.
        now: datetime = state.clock()
        hour = state.settings.day_starts_hour
        states = card_states(self.decks, progress)  # once, for every figure below
        figures = compute_stats(self.decks, progress, now, hour, states)
        forecast = due_forecast(self.decks, progress, now, day_starts_hour=hour, states=states)
        days = daily_reviews(self.decks, progress, now, day_starts_hour=hour)
        mastery = mastery_by_tag(self.decks, progress, states)
        stuck = leeches(self.decks, progress, states)
        today = study_day(now, now, hour)
        self.post_message(FiguresRead(today, figures, forecast, days, mastery, stuck))

    @on(FiguresRead)
    def show(self, read: FiguresRead) -> None:
        """Fill every section with what the worker read."""
        today, figures, forecast, days = read.today, read.figures, read.forecast, read.days
        mastery, stuck = read.mastery, read.stuck
        self.query_one("#summary", Static).update(plain(format_stats(figures)))
        weeks = [
            (label, share or 0.0, figures_text)
            for label, share, figures_text in weekly_retention(days)
        ]
        self.query_one("#retention", Static).update(horizontal_bars(weeks))
        labels = [f"{today + timedelta(days=offset):%d}" for offset in range(len(forecast))]
        self.query_one("#forecast", Static).update(vertical_bars(forecast, labels))
        per_day = [(day.day.isoformat(), day.reviews, day.correct) for day in days]
        self.query_one("#heatmap", Static).update(heatmap(per_day))
        self.query_one("#mastery", Static).update(
            horizontal_bars(
                [
                    (tag, done / total if total else 0.0, f"{done} of {total}")
                    for tag, (done, total) in mastery.items()
                ]
            )
            if mastery
            else plain("No tags.")
        )
        self.query_one("#leeches", Static).update(
            plain(
                "\n".join(
                    f"{prompt}  ({deck.id}, {lapses} lapses)" for deck, prompt, lapses in stuck
                )
            )
            if stuck
            else plain("None: no card has been forgotten 8 times.")
        )

    def action_leave(self) -> None:
        """Back."""
        self.dismiss()
