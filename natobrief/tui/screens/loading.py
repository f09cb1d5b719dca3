"""The app's first screen: shown while decks load, and the floor every other screen sits on.

When the app starts straight into a session, the home screen is not built at
all (it would cost a full compose and a deck-table query before the first card);
it appears when that session's screen is closed and this one comes back.
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from natobrief.tui.app_state import app_state
from natobrief.tui.messages import ShowHome


class LoadingScreen(Screen[None]):
    """'Loading…' until the decks are read; then home, whenever it is uncovered.

    One line of text and nothing else: it is on screen for a few tens of
    milliseconds, and a header and key bar here would delay the first card.
    """

    def compose(self) -> ComposeResult:
        yield Static("Loading decks and progress…", id="loading-text")

    def on_screen_resume(self, _event: events.ScreenResume) -> None:
        # Not when a quick start has already put the session's screen on top.
        if self.is_active and app_state(self).decks:
            self.post_message(ShowHome())
