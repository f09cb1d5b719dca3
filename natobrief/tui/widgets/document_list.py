"""The reader's list of documents, with the keys it shows while it has focus."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import OptionList

_DOCUMENT = Binding.Group("Document", compact=True)


class DocumentList(OptionList):
    """The reader's list of documents; its keys are shown on the key bar while it has focus.

    Open over the text (below 80 columns), Escape closes it, and the bar says so
    right after Enter; elsewhere that binding is off and Escape leaves the reader.
    """

    BINDINGS = [
        Binding("up", "cursor_up", "Previous document", group=_DOCUMENT),
        Binding("down", "cursor_down", "Next document", group=_DOCUMENT),
        Binding("enter", "select", "Read"),
        Binding("escape", "screen.close_documents", "Back to text"),
    ]
