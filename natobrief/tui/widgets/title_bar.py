"""The top line of every screen: the app's name and what the screen shows.

Textual's Header is four widgets (icon, title, clock space and the bar) with
their own styles, laid out and restyled with each screen; before the first card
that was a fifth of the study screen's own start-up work. This is one line.
The command palette it opened on a click is on ctrl+p, as everywhere.

A title too long for the line loses the least useful part first: the app's
name, then the end of the longest " · " part (the deck's title), so a tag or
an exam's time left stays whole; what is cut ends with "…".
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from textual.content import Content
from textual.widget import Widget

from natobrief.tui.text import plain

SEPARATOR = " · "  # between the parts of a screen's subtitle: deck title, tag, time left
MIN_SHORTENED = 8  # cells left to a shortened part ("…" included); below, the line is cut instead


def ellipsized(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells, ending with "…" when cut (wide characters count 2)."""
    if cell_len(text) <= width:
        return text
    if width <= 1:
        return "…"[:width]
    # set_cell_size pads with a space where a wide character would be split: not kept.
    return set_cell_size(text, width - 1).rstrip() + "…"


def cut_in_the_middle(text: str, width: int) -> str:
    """``text`` in at most ``width`` cells, cut in the middle when it must be: a deck title's
    end ("... 2024 summit", "(2021)") tells decks apart as much as its start."""
    if cell_len(text) <= width:
        return text
    if width < 12:
        return ellipsized(text, width)
    tail = (width - 1) // 3  # a third for the end, the rest for the start
    end = text[-tail:]
    while cell_len(end) > tail:  # wide characters count 2
        end = end[1:]
    if " " in end and not text[-len(end) - 1].isspace():  # from a word's start: "2024 summit"
        end = end[end.index(" ") + 1 :]
    return ellipsized(text, width - cell_len(end)).rstrip("…").rstrip() + "…" + end.lstrip()


def fitted_title(title: str, sub_title: str, width: int) -> str:
    """The title bar's text in ``width`` cells, with the most useful part kept.

    The whole "natobrief — <subtitle>" when it fits; else the subtitle alone;
    else the subtitle with its longest part shortened, the others whole; else
    the subtitle cut at the end. Anything cut ends with "…".
    """
    whole = f"{title} — {sub_title}" if sub_title else title
    if cell_len(whole) <= width or not sub_title:
        return ellipsized(whole, width)
    if cell_len(sub_title) <= width:
        return sub_title
    parts = sub_title.split(SEPARATOR)
    longest = max(range(len(parts)), key=lambda index: cell_len(parts[index]))
    room = width - (cell_len(sub_title) - cell_len(parts[longest]))
    if len(parts) > 1 and room >= MIN_SHORTENED:
        parts[longest] = ellipsized(parts[longest], room)
        return SEPARATOR.join(parts)
    return ellipsized(sub_title, width)


class TitleBar(Widget):
    """'natobrief — <screen subtitle>', centred, in the theme's panel colours."""

    DEFAULT_CSS = """
    TitleBar { dock: top; height: 1; background: $panel; color: $foreground; text-align: center; }
    """

    def on_mount(self) -> None:
        self.watch(self.screen, "sub_title", self._retitle, init=False)

    def _retitle(self, _sub_title: str) -> None:
        self.refresh()  # one line, docked: a repaint, never a layout

    @property
    def text(self) -> str:
        """The title as shown at the bar's width."""
        return fitted_title(self.app.title, self.screen.sub_title or "", self.content_size.width)

    def render(self) -> Content:
        return plain(self.text)
