"""The source passage behind a card, its quote highlighted inside the paragraph."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from natobrief.deck.passage import Passage
from natobrief.tui.text import join, plain


class PassageView(Static):
    """Citation line and paragraph; the quoted spans in the theme's accent colour.

    One widget, not a container of two: it is redrawn after every answer, and
    each widget fewer is less layout and style work on that path.
    """

    DEFAULT_CSS = """
    PassageView { height: auto; padding: 0 1; border-left: thick $accent; }
    """

    def __init__(self, passage: Passage | None = None, **kwargs: object) -> None:
        content = passage_content(passage) if passage is not None else ""
        super().__init__(content, **kwargs)  # type: ignore[arg-type]

    def show(self, passage: Passage) -> None:
        """Show another passage."""
        self.update(passage_content(passage))


def passage_content(passage: Passage) -> Content:
    """'Source: title (date)', a blank line, then the paragraph with its quotes highlighted."""
    paragraph = plain(passage.text)
    for start, end in passage.highlights:
        paragraph = paragraph.stylize("bold $text-accent on $accent 20%", start, end)
    citation = plain(f"Source: {passage.citation}", "italic $foreground-muted")
    return join(citation, "\n\n", paragraph)
