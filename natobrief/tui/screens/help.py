"""Help: the keys a learner uses on the screen underneath, grouped, each with what it does.

The screen's own keys are read from its bindings (the ones the key bar shows),
with the first line of each action's docstring as the longer description;
keys that share an action (1-4 re-rate) are one row. On a question, the keys
of its card type come first: options and letters are handled by the answer
widgets themselves, not by bindings. The app's keys close the list. The list
scrolls with ↑/↓, PageUp/PageDown, Home/End; while it does not fit, the closing
line says which way the rest of it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.table import Table
from textual import on
from textual.actions import parse
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.dom import DOMNode
from textual.events import Resize
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from natobrief.cardtypes.registry import kind_of
from natobrief.tui.key_docs import action_doc, is_textual_default
from natobrief.tui.text import cell, plain
from natobrief.tui.widgets.answer_inputs import answer_widget_class

if TYPE_CHECKING:
    from natobrief.tui.screens.asking import QuestionScreen

_ABOUT = (
    "natobrief asks questions written from source documents and, after each answer, shows "
    "the passage the answer comes from. Ctrl+P finds any command by name."
)

# How keys are written for a learner (Textual's own names otherwise).
_KEY_NAMES = {
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "pageup": "PageUp",
    "pagedown": "PageDown",
    "home": "Home",
    "end": "End",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "question_mark": "?",
    "f1": "F1",
    "f2": "F2",
}

# The app's keys, described for a learner (Textual's own descriptions are terse).
_APP_KEYS = {
    "help": "Help: this list of keys",
    "settings": "Settings: desired retention, new cards per day, theme",
    "command_palette": "Command palette: every command by name",
    "quit": "Quit (every answer is already saved)",
}

# Keys of the widgets a screen is made of, where they matter to a learner.
_MOVING_AROUND = {
    "HomeScreen": [
        ("↑ ↓", "Choose a deck (the first row is All decks)"),
        ("Tab", "Go to the tag filter (Enter opens it); shift+Tab back"),
    ],
    "BriefScreen": [("↑ ↓", "Move through the paragraphs, or the documents")],
    "StatsScreen": [
        ("↑ ↓", "Scroll a line up or down"),
        ("PageUp PageDown", "Scroll a page up or down"),
        ("Home End", "Go to the top or the end"),
    ],
}


def scroll_hint(body: VerticalScroll) -> str:
    """Which way the rest of a scrolled list is: "more below" only while there is more below."""
    if body.scroll_y < body.max_scroll_y:
        return "↓ PageDown: more below · "
    if body.scroll_y > 0:
        return "↑ PageUp: more above · "
    return ""


def key_name(key: str) -> str:
    """One key as a learner reads it: "ctrl+↑", "PageDown", "?"."""
    *modifiers, name = key.split("+")
    return "+".join([*modifiers, _KEY_NAMES.get(name, name)])


@dataclass
class _Row:
    """One row of the list: every key of one action."""

    keys: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    about: str = ""
    enabled: bool = True


def binding_rows(node: DOMNode) -> dict[str, _Row]:
    """The node's own keys with a description, one row per action name (in binding order)."""
    rows: dict[str, _Row] = {}
    # The node's bindings as Textual uses them (a keymap applied); there is no
    # public accessor, and Textual is pinned exactly.
    for key, bindings in node._bindings.key_to_bindings.items():
        for binding in bindings:
            if not binding.description or binding.system or is_textual_default(binding):
                continue
            _, name, parameters = parse(binding.action)
            row = rows.setdefault(name, _Row(about=action_doc(node, name)))
            shown = binding.key_display or key_name(key)
            if shown not in row.keys:
                row.keys.append(shown)
            if binding.description not in row.descriptions:
                row.descriptions.append(binding.description)
            row.enabled = row.enabled and node.check_action(name, parameters) is True
    return rows


def _described(row: _Row, when: str = "") -> str:
    """ "Undo: take back the last answer and ask it again", from the key's name and docstring."""
    name = " / ".join(row.descriptions)
    about = row.about.rstrip(".")
    if not about:
        text = name
    elif about.casefold().startswith(name.casefold()):
        text = about
    else:
        first = about[0] if about[1:2].isupper() else about[0].lower()
        text = f"{name}: {first}{about[1:]}"
    return text + (f"  ({when})" if when else "")


class HelpScreen(ModalScreen[None]):
    """The keys of the screen it was opened from."""

    CSS_PATH = "../styles/help.tcss"

    BINDINGS = [Binding("escape,f1,question_mark,q", "dismiss", "Close", id="help.close")]

    def __init__(self, target: Screen[object]) -> None:
        super().__init__()
        self.target = target
        self._hint_text = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="help"):
            yield Static(plain(f"Keys: {self._screen_name()}", "bold"), id="help-title")
            with VerticalScroll(id="help-body"):
                sections = self.sections()
                key_width = max(cell_len(keys) for _, rows in sections for keys, _ in rows)
                for title, rows in sections:
                    yield Static(plain(title, "bold $text-primary"), classes="help-section")
                    yield Static(_table(rows, key_width), classes="help-keys")
                yield Static(plain(_ABOUT), id="about")
            yield Static(id="help-hint")

    def on_mount(self) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        body.focus()
        self.watch(body, "scroll_y", self._scrolled, init=False)
        self.call_after_refresh(self._show_hint)

    @on(Resize)
    def _resized(self) -> None:
        self.call_after_refresh(self._show_hint)

    def _scrolled(self, _scroll_y: float) -> None:
        self._show_hint()

    def _show_hint(self) -> None:
        """The closing line: where the rest of the list is, if it does not fit, and Esc."""
        hint = self.query_one("#help-hint", Static)
        text = f"{scroll_hint(self.query_one('#help-body', VerticalScroll))}Esc closes this window."
        if text != self._hint_text:  # scrolling moves scroll_y a line at a time: repaint on change
            self._hint_text = text
            hint.update(plain(text))

    def _screen_name(self) -> str:
        from natobrief.tui.screens.asking import QuestionScreen

        target = self.target
        if isinstance(target, QuestionScreen):
            return "exam" if target.session.mode == "exam" else "study"
        return target.sub_title or type(target).__name__

    def sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """(title, [(keys, what they do)]) for each group of keys, most used first."""
        from natobrief.tui.screens.asking import QuestionScreen

        target = self.target
        sections: list[tuple[str, list[tuple[str, str]]]] = []
        if isinstance(target, QuestionScreen):
            sections += self._study_sections(target)
        else:
            rows = binding_rows(target)
            if rows:
                sections.append(
                    (
                        "On this screen",
                        [
                            (" ".join(row.keys), _described(row, "" if row.enabled else "not now"))
                            for row in rows.values()
                        ],
                    )
                )
        moving = _MOVING_AROUND.get(type(target).__name__)
        if moving:
            sections.append(("Moving around", moving))
        sections.append(("Everywhere", self._app_rows()))
        return sections

    def _study_sections(self, target: QuestionScreen) -> list[tuple[str, list[tuple[str, str]]]]:
        """A question's answer keys, then (in study) the keys after an answer, then leaving;
        in an exam, its keys for moving about and handing in."""
        sections: list[tuple[str, list[tuple[str, str]]]] = []
        question = target.question
        if target.phase == "asking" and question is not None:
            title = f"Answer this question ({kind_of(question.card).title.lower()})"
            sections.append((title, answer_widget_class(question).help_keys(question)))
        rows = binding_rows(target)
        if target.session.mode == "exam":
            sections.append(
                ("In the exam", [(" ".join(r.keys), _described(r)) for r in rows.values()])
            )
            return sections
        leave = rows.pop("leave", None)
        back = rows.pop("back", None)  # Escape once the session is over
        leave = leave if target.phase != "done" else back or leave
        if target.session.mode == "study":
            sections.append(
                ("After an answer", [(" ".join(r.keys), _described(r)) for r in rows.values()])
            )
        if leave is not None:
            sections.append(("Any time", [(" ".join(leave.keys), _described(leave))]))
        return sections

    def _app_rows(self) -> list[tuple[str, str]]:
        """The app's keys: help, settings, the command palette, quit."""
        found: dict[str, list[str]] = {}
        for key, bindings in self.app._bindings.key_to_bindings.items():
            for binding in bindings:
                name = parse(binding.action)[1]
                if name in _APP_KEYS:
                    shown = binding.key_display or key_name(key)
                    found.setdefault(name, [])
                    if shown not in found[name]:
                        found[name].append(shown)
        return [
            (" ".join(found[name]), about) for name, about in _APP_KEYS.items() if name in found
        ]


def _table(rows: list[tuple[str, str]], key_width: int) -> Table:
    """Keys and what they do, in two columns; long descriptions wrap in their own column."""
    table = Table.grid(padding=(0, 2), expand=True)
    table.add_column(no_wrap=True, width=key_width, style="bold")
    table.add_column(ratio=1)
    for keys, about in rows:
        table.add_row(cell(keys), cell(about))
    return table
