"""A one-line bar of the keys that work now, read from the screen's bindings.

Textual's Footer rebuilds a widget per key whenever the bindings change, which
they do after every answer (keys appear and go); that costs tens of
milliseconds. This bar is one line, drawn through Textual's line API from a
small cache: the study screen switches between the same few sets of keys, so
after the first answer each switch reuses a line already drawn.

When the keys do not all fit, whole entries are left out, never cut in half:
the last ones first (a screen lists its keys most used first, and the app's
own come after them), while Quit and Help stay, since Help lists every key.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from textual.binding import Binding
from textual.content import Content
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

from natobrief.tui.text import join, plain

# Actions whose keys stay on the bar however narrow it is: Help lists all the others, and
# an exam's question list is the one way to hand the exam in.
KEPT_ACTIONS = frozenset({"quit", "help", "command_palette", "questions"})
_KEPT_LINES = 16  # a screen has a handful of states; a theme change adds as many again
GAP = 1  # cells between an entry and the next one's key (the key is padded too: 2 look blank)


class KeyEntry(NamedTuple):
    """One entry of the bar: the key(s) shown, what they do, and whether they work now."""

    key: str
    description: str
    enabled: bool
    kept: bool = False  # stays when the bar is too narrow for every entry


KeyState = tuple[KeyEntry, ...]


def entry_width(entry: KeyEntry) -> int:
    """Cells the entry takes on the bar, without the gap that follows it."""
    return cell_len(f" {entry.key} {entry.description}")


def fitting(keys: KeyState, width: int) -> KeyState:
    """The entries that fit in ``width`` cells, in their order.

    Entries go from the end of the list, the kept ones (quit, help) last of
    all; an entry is shown whole or not at all.
    """
    widths = [entry_width(entry) for entry in keys]

    def needed(shown: list[int]) -> int:
        return sum(widths[i] for i in shown) + GAP * max(0, len(shown) - 1)

    shown = list(range(len(keys)))
    drop_order = [i for i in reversed(shown) if not keys[i].kept]
    drop_order += [i for i in reversed(shown) if keys[i].kept]
    for index in drop_order:
        if needed(shown) <= width:
            break
        shown.remove(index)
    return tuple(keys[i] for i in shown)


class KeyBar(Widget):
    """Key and description of every shown binding, in the theme's footer colours."""

    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $surface; color: $text;
             padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.keys: KeyState = ()
        self._lines: dict[tuple[KeyState, int, str], Strip] = {}

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        keys: list[KeyEntry] = []
        seen: set[str] = set()
        group: Binding.Group | None = None
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            if binding.group is not None and binding.group == group and keys:
                # A group's keys share one entry: "←→ Sentence".
                joiner = "" if binding.group.compact else " "
                last = keys[-1]
                enabled = last.enabled or active.enabled
                keys[-1] = last._replace(key=last.key + joiner + key, enabled=enabled)
                continue
            group = binding.group
            description = group.description if group is not None else binding.description
            kept = binding.action.removeprefix("app.") in KEPT_ACTIONS
            keys.append(KeyEntry(key, description, active.enabled, kept))
        if tuple(keys) != self.keys:
            self.keys = tuple(keys)
            self.refresh()  # one line, docked: its size never changes, so no layout

    @property
    def text(self) -> str:
        """The bar as shown at its width, as plain text (what a screen reader or a test reads)."""
        return self.content(self.content_size.width).plain.rstrip()

    def content(self, width: int | None = None) -> Content:
        """The keys that fit in ``width`` (all if None) in the footer's colours, disabled dimmed."""
        keys = self.keys if width is None else fitting(self.keys, width)
        parts: list[Content | str] = []
        for key, description, enabled, _kept in keys:
            style = "bold $text-primary" if enabled else "dim"  # 4.5:1 on $surface, every theme
            gap = " " * GAP if parts else ""
            parts += [gap, plain(f" {key} ", style), plain(description)]
        return join(*parts) if parts else Content("")

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        cache_key = (self.keys, width, self.app.theme)
        line = self._lines.get(cache_key)
        if line is None:
            strips = Visual.to_strips(self, self.content(width), width, 1, self.visual_style)
            line = strips[0] if strips else Strip.blank(width, self.visual_style.rich_style)
            if len(self._lines) >= _KEPT_LINES:
                self._lines.clear()
            self._lines[cache_key] = line
        return line
