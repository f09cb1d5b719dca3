"""What screens read from the app, typed: one place instead of an ignore at every use.

Screens see ``self.app`` as a plain Textual ``App``; :func:`app_state` gives the
fields natobrief's app holds (tui/app.py checks that it has them all). Screens
read these; they change the app only through messages (tui/messages.py).
"""

from __future__ import annotations

from typing import Protocol, cast

from textual.message_pump import MessagePump

from natobrief.deck.model import Deck
from natobrief.session_types import Clock
from natobrief.settings import Settings
from natobrief.store import Progress


class AppState(Protocol):
    """The app's state that screens read."""

    settings: Settings
    progress: Progress | None  # None until the loading worker has opened the database
    decks: list[Deck]
    clock: Clock
    exam_count: int | None  # the command line's --count, the first exam dialog's default
    time_limit_minutes: float | None  # the command line's --time-limit


def app_state(node: MessagePump) -> AppState:
    """The app of ``node`` (a screen or widget), as natobrief's app."""
    return cast(AppState, node.app)
