"""The app's own commands in the command palette (ctrl+p), beside Textual's.

Textual's palette lists what ``App.get_system_commands`` yields (its
``SystemCommandsProvider`` is in ``App.COMMANDS``); the app adds Settings and
Help everywhere (tui/app.py), and these:

- on the deck list, Study, Exam, Read the sources, Statistics and Cards, on
  the decks chosen there; on any screen above it but outside a session, Home
  (leaving a session is its own End session command);
- Textual's Keys (F1 Help is natobrief's) and Maximize are left out, and its
  Screenshot saves in natobrief's data folder and says where;
- the keys of the current screen that work now (Undo, Bury, Save report, ...),
  each with its key, read from the same bindings as the key bar and the help.

The palette reads help texts as markup, so deck titles are escaped.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.markup import escape
from textual.screen import Screen

from natobrief.text import strip_control
from natobrief.tui.key_docs import action_doc, is_textual_default

if TYPE_CHECKING:
    from natobrief.tui.screens.home import HomeScreen

# What the deck list's actions do: (title, action, help before the decks' name, key).
_DECK_COMMANDS = (
    ("Study", "study", "Study due and new cards of", "s"),
    ("Exam", "exam", "Take an exam on", "e"),
    ("Read the sources", "brief", "Open the reader on the source documents of", "r"),
    ("Statistics", "stats", "Retention, due forecast, reviews and leeches of", "t"),
    ("Cards", "cards", "Find, suspend, unbury, reset or edit the cards of", "c"),
)


def deck_commands(app: App[Any], screen: Screen[object]) -> Iterator[SystemCommand]:
    """The deck list's commands on the deck list; elsewhere only Home, while it can be
    reached (a screen's own Study, the reader's, must not stand beside the deck list's)."""
    home = reachable_home(app)
    if home is None:
        return
    if screen is not home:
        yield SystemCommand("Home", "Back to the deck list.", partial(_on_home, app, home, None))
        return
    chosen = _chosen_name(home)
    for title, action, about, key in _DECK_COMMANDS:
        yield SystemCommand(
            title,
            f"{about} {chosen} (key {key} on the deck list).",
            partial(_on_home, app, home, action),
        )


def reachable_home(app: App[Any]) -> HomeScreen | None:
    """The deck list, if it is in the app's screens and no session is open above it."""
    from natobrief.tui.screens.asking import QuestionScreen
    from natobrief.tui.screens.home import HomeScreen

    stack = app.screen_stack
    homes = [index for index, screen in enumerate(stack) if isinstance(screen, HomeScreen)]
    if not homes or any(isinstance(screen, QuestionScreen) for screen in stack[homes[-1] :]):
        return None
    home = stack[homes[-1]]
    assert isinstance(home, HomeScreen)
    return home


def screen_commands(app: App[Any], screen: Screen[object]) -> Iterator[SystemCommand]:
    """A command for each of the screen's own keys that works now (the deck list's are above)."""
    from natobrief.tui.screens.home import HomeScreen

    if isinstance(screen, HomeScreen):
        return
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding = active.binding
        if active.node is not screen or not active.enabled or not binding.description:
            continue
        if binding.action in seen or is_textual_default(binding):
            continue
        seen.add(binding.action)
        about = escape(action_doc(screen, binding.action))  # the palette reads markup
        key = f"key {escape(app.get_key_display(binding))}"
        yield SystemCommand(
            binding.description,
            f"{about} ({key})." if about else f"{key[0].upper()}{key[1:]}.",
            partial(screen.run_action, binding.action),
        )


def _chosen_name(home: HomeScreen) -> str:
    """The decks the deck list's actions would take, named for a help line (escaped)."""
    decks = home.chosen_decks()
    if not decks:
        return "the chosen decks"
    if len(decks) == 1:
        return f"'{escape(strip_control(decks[0].title))}'"
    return "all decks" if len(decks) == len(home.decks) else f"{len(decks)} decks"


def _on_home(app: App[Any], home: HomeScreen, action: str | None) -> None:
    """Close the screens above the deck list, then run one of its actions (None: only go back)."""
    while app.screen is not home and len(app.screen_stack) > 1:
        app.pop_screen()
    if action is not None:
        getattr(home, f"action_{action}")()
