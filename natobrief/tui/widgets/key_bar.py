"""A one-line bar of the keys that work now, read from the screen's bindings.

Textual's Footer rebuilds a widget per key whenever the bindings change, which
they do after every answer (focus moves, keys appear); that costs tens of
milliseconds. This bar redraws one line of text instead.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from natobrief.tui.text import join, plain


class KeyBar(Static):
    """Key and description of every shown binding, in the theme's footer colours."""

    DEFAULT_CSS = """
    KeyBar { dock: bottom; height: 1; background: $footer-background; color: $footer-foreground;
             padding: 0 1; }
    """

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, _screen: object) -> None:
        parts: list[Content | str] = []
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if not binding.show or not binding.description or binding.action in seen:
                continue
            seen.add(binding.action)
            key = self.app.get_key_display(binding)
            style = "bold $footer-key-foreground" if active.enabled else "dim"
            parts += [plain(f" {key} ", style), plain(binding.description + "  ")]
        # One line, docked: its size never changes, so no layout pass (a full repaint).
        self.update(join(*parts) if parts else "", layout=False)
