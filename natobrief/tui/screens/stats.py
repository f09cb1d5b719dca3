"""Statistics: retention, due forecast, review heatmap, mastery by tag, leeches."""

from __future__ import annotations

from datetime import date, datetime

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from natobrief.deck.model import Deck
from natobrief.stats import compute_stats, daily_reviews, due_forecast, leeches, mastery_by_tag
from natobrief.tui.text import plain
from natobrief.tui.widgets.key_bar import KeyBar
from natobrief.tui.widgets.plots import heatmap, horizontal_bars, vertical_bars
from natobrief.tui.widgets.title_bar import TitleBar
from natobrief.tui.worker_errors import ReportsWorkerErrors


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
                ("retention", "Retention by week"),
                ("forecast", "Due in the next 14 days"),
                ("heatmap", "Reviews, last 12 weeks"),
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
        """Read the figures off the UI thread."""
        app = self.app
        progress = app.progress  # type: ignore[attr-defined]
        now: datetime = app.clock().astimezone()  # type: ignore[attr-defined]
        figures = compute_stats(self.decks, progress, now)
        forecast = due_forecast(self.decks, progress, now)
        days = daily_reviews(self.decks, progress, now)
        mastery = mastery_by_tag(self.decks, progress)
        stuck = leeches(self.decks, progress)
        app.call_from_thread(self.show, now.date(), figures, forecast, days, mastery, stuck)

    def show(
        self,
        today: date,
        figures: dict[str, object],
        forecast: list[int],
        days: list[tuple[str, int, int]],
        mastery: dict[str, tuple[int, int]],
        stuck: list[tuple[Deck, str, int]],
    ) -> None:
        from natobrief.stats import format_stats

        self.query_one("#summary", Static).update(plain(format_stats(figures)))
        weeks: list[tuple[str, float, str]] = []
        for start in range(0, len(days), 7):
            chunk = days[start : start + 7]
            reviews = sum(count for _, count, _ in chunk)
            correct = sum(right for _, _, right in chunk)
            label = "week of " + date.fromisoformat(chunk[0][0]).strftime("%d %b")
            share = correct / reviews if reviews else 0.0
            weeks.append((label, share, f"{round(100 * share)}% of {reviews}" if reviews else "—"))
        self.query_one("#retention", Static).update(horizontal_bars(weeks))
        labels = [(date.fromordinal(today.toordinal() + i)).strftime("%d") for i in range(14)]
        self.query_one("#forecast", Static).update(vertical_bars(forecast, labels))
        self.query_one("#heatmap", Static).update(heatmap(days))
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
