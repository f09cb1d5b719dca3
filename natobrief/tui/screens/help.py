"""Help: every key of the screen underneath, read from the same bindings the footer shows."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import DataTable, Static

from natobrief.tui.text import cell, plain

_ABOUT = (
    "natobrief asks questions written from source documents. After each answer it shows "
    "the passage the answer comes from. Ctrl+P opens the command palette (themes, keys, "
    "screenshots)."
)


class HelpScreen(ModalScreen[None]):
    """The keys of the screen it was opened from."""

    CSS_PATH = "../styles/help.tcss"

    BINDINGS = [Binding("escape,f1,question_mark,q", "dismiss", "Close", id="help.close")]

    def __init__(self, target: Screen[object]) -> None:
        super().__init__()
        self.target = target

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(plain("Keys", "bold"))
            yield DataTable(id="keys", cursor_type="none", zebra_stripes=True)
            yield Static(plain(_ABOUT), id="about")
            yield Static(plain("Escape closes this window."), classes="hint")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Key", "Does")
        seen: set[str] = set()
        for key, active in self.target.active_bindings.items():
            binding = active.binding
            if not binding.description or binding.description in seen:
                continue
            seen.add(binding.description)
            shown = self.app.get_key_display(binding)
            state = "" if active.enabled else "  (not now)"
            table.add_row(cell(shown or key), cell(binding.description + state))
