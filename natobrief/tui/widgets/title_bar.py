"""The top line of every screen: the app's name and what the screen shows.

Textual's Header is four widgets (icon, title, clock space and the bar) with
their own styles, laid out and restyled with each screen; before the first card
that was a fifth of the study screen's own start-up work. This is one line.
The command palette it opened on a click is on ctrl+p, as everywhere.
"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from natobrief.tui.text import plain


class TitleBar(Widget):
    """'natobrief — <screen subtitle>', centred, in the theme's panel colours."""

    DEFAULT_CSS = """
    TitleBar { dock: top; height: 1; background: $panel; color: $foreground; text-align: center; }
    """

    def on_mount(self) -> None:
        self.watch(self.screen, "sub_title", self._retitle, init=False)

    def _retitle(self, _sub_title: str) -> None:
        self.refresh()  # one line, docked: a repaint, never a layout

    def render(self) -> Content:
        title = self.app.title
        sub_title = self.screen.sub_title
        return plain(f"{title} — {sub_title}" if sub_title else title)
