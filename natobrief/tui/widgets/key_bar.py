"""A one-line bar of the keys that work now, read from the screen's bindings.

Textual's Footer rebuilds a widget per key whenever the bindings change, which
they do after every answer (keys appear and go); that costs tens of
milliseconds. This bar is one line, drawn through Textual's line API from a
small cache: the study screen switches between the same few sets of keys, so
after the first answer each switch reuses a line already drawn.
"""

from __future__ import annotations

from textual.content import Content
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

from natobrief.tui.text import join, plain

# (key shown, description, enabled) for each key on the bar, in order.
KeyState = tuple[tuple[str, str, bool], ...]
_KEPT_LINES = 16  # a screen has a handful of states; a theme change adds as many again


class KeyBar(Widget):
    """Key and description of every shown binding, in the theme's footer colours."""

    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $footer-background; color: $footer-foreground;
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
        keys: list[tuple[str, str, bool]] = []
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            keys.append((self.app.get_key_display(binding), binding.description, active.enabled))
        if tuple(keys) != self.keys:
            self.keys = tuple(keys)
            self.refresh()  # one line, docked: its size never changes, so no layout

    @property
    def text(self) -> str:
        """The bar as plain text (what a screen reader or a test reads)."""
        return self.content().plain

    def content(self) -> Content:
        """The keys in the footer's colours; disabled ones dimmed."""
        parts: list[Content | str] = []
        for key, description, enabled in self.keys:
            style = "bold $footer-key-foreground" if enabled else "dim"
            parts += [plain(f" {key} ", style), plain(description + "  ")]
        return join(*parts) if parts else Content("")

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        cache_key = (self.keys, width, self.app.theme)
        line = self._lines.get(cache_key)
        if line is None:
            strips = Visual.to_strips(self, self.content(), width, 1, self.visual_style)
            line = strips[0] if strips else Strip.blank(width, self.visual_style.rich_style)
            if len(self._lines) >= _KEPT_LINES:
                self._lines.clear()
            self._lines[cache_key] = line
        return line
