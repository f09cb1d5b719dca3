"""A text field that never passes control characters on to the terminal."""

from __future__ import annotations

from textual.widgets import Input

from natobrief.text import strip_control


class PlainInput(Input):
    """An Input that drops control characters from whatever is typed or pasted.

    Input echoes its value to the terminal as it is, so a pasted escape
    sequence (a screen clear, an OSC 52 clipboard write) would otherwise be
    sent to the terminal while the learner or author is still typing. Every
    free-text field of the app is one of these.
    """

    def replace(self, text: str, start: int, end: int) -> None:
        """Every edit of the value passes here (typing, pasting, deleting)."""
        super().replace(strip_control(text), start, end)
