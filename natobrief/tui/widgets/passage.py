"""The source passage behind a card, its quote highlighted inside the paragraph."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from natobrief.deck.passage import Passage
from natobrief.tui.text import join, plain

# The theme's contrast text, bold, on a tint of its accent: $text-accent on that tint is
# under 4.5:1 in textual-light (2.98) and catppuccin-latte (4.37).
QUOTE_STYLE = "bold $text on $accent 20%"
# Textual's $text-muted (auto 60%) written out: a variable's alpha is lost in a Content
# style, and $foreground-muted is under 4.5:1 in eleven built-in themes (2.37 in
# solarized-light). tests/tui/test_contrast.py checks these two in every theme.
CITATION_STYLE = "italic auto 60%"


class PassageView(Static):
    """Citation line and paragraph; the quoted spans on a tint of the theme's accent colour.

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
        paragraph = paragraph.stylize(QUOTE_STYLE, start, end)
    citation = plain(f"Source: {passage.citation}", CITATION_STYLE)
    return join(citation, "\n\n", paragraph)
