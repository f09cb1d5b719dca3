"""Settings: desired retention, new cards per day, reviews per day, the theme, siblings apart.

The dialog fits an 80x24 terminal whole (its title sits in the border, each
label right above its field). On a smaller one it scrolls, and a field that
takes the focus is scrolled into view. Its own key bar shows Save and Cancel.
"""

from __future__ import annotations

from dataclasses import replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from natobrief.settings import Settings
from natobrief.tui.text import plain
from natobrief.tui.widgets.key_bar import KeyBar


class SettingsScreen(ModalScreen[Settings | None]):
    """Edit and save the settings file."""

    CSS_PATH = "../styles/settings.tcss"

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="settings.save"),
        Binding("escape", "cancel", "Cancel", id="settings.cancel"),
    ]

    def __init__(self, settings: Settings) -> None:
        super().__init__()
        self.settings = settings

    def compose(self) -> ComposeResult:
        # Not a focus stop itself: Tab goes from field to field, each scrolled into view.
        with VerticalScroll(id="settings", can_focus=False) as dialog:
            dialog.border_title = "Settings"
            yield Label("Desired retention (0.70 to 0.97): the chance of recall to aim for")
            yield Input(str(self.settings.desired_retention), id="retention", type="number")
            yield Label("New cards per day")
            yield Input(str(self.settings.new_per_day), id="new", type="integer")
            yield Label("Reviews per day")
            yield Input(str(self.settings.reviews_per_day), id="reviews", type="integer")
            yield Label("Theme")
            themes = sorted(self.app.available_themes)
            yield Select(
                [(name, name) for name in themes],
                value=self.app.theme,
                id="theme",
                allow_blank=False,
            )
            yield Checkbox(
                "Keep siblings apart",
                self.settings.keep_apart,
                id="keep-apart",
                compact=True,
            ).with_tooltip(
                "No card is asked just after a screen that showed its answer, and a day's "
                "new cards come from different paragraphs."
            )
            yield Static(id="settings-error")
            with Horizontal(id="settings-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")
        yield KeyBar()

    def _problem(self) -> str | None:
        """What is wrong with the values typed, or None."""
        try:
            retention = float(self.query_one("#retention", Input).value)
            new = int(self.query_one("#new", Input).value)
            reviews = int(self.query_one("#reviews", Input).value)
        except ValueError:
            return "Write plain numbers, e.g. 0.9 and 20."
        if not 0.7 <= retention <= 0.97:
            return "Desired retention must be between 0.70 and 0.97."
        if not (0 <= new <= 9999 and 0 <= reviews <= 99999):
            return "Cards per day: new cards from 0 to 9999, reviews from 0 to 99999."
        return None

    @on(Input.Changed)
    def _changed(self) -> None:
        """A problem said before goes once the values are right again."""
        if self._problem() is None:
            self.query_one("#settings-error", Static).update("")

    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        """Check the values and close with them."""
        problem = self._problem()
        if problem is not None:
            self.query_one("#settings-error", Static).update(plain(problem))
            return
        retention = float(self.query_one("#retention", Input).value)
        new = int(self.query_one("#new", Input).value)
        reviews = int(self.query_one("#reviews", Input).value)
        theme = self.query_one("#theme", Select).value
        self.dismiss(
            replace(
                self.settings,
                desired_retention=retention,
                new_per_day=new,
                reviews_per_day=reviews,
                theme=theme if isinstance(theme, str) else self.settings.theme,
                keep_apart=self.query_one("#keep-apart", Checkbox).value,
            )
        )

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        """Close without changing anything."""
        self.dismiss(None)
