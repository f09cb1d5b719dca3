"""The source passage behind a card, its quote highlighted inside the paragraph."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from natobrief.deck.passage import Passage
from natobrief.tui.text import plain


class PassageView(Vertical):
    """Citation line and paragraph; the quoted spans in the theme's accent colour."""

    DEFAULT_CSS = """
    PassageView { height: auto; padding: 0 1; border-left: thick $accent; }
    PassageView > .citation { color: $text-muted; text-style: italic; }
    PassageView > .paragraph { margin-top: 1; }
    """

    def __init__(self, passage: Passage | None = None, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._passage = passage

    def compose(self) -> ComposeResult:
        yield Static(classes="citation")
        yield Static(classes="paragraph")

    def on_mount(self) -> None:
        if self._passage is not None:
            self.show(self._passage)

    def show(self, passage: Passage) -> None:
        """Show another passage."""
        self._passage = passage
        paragraph = plain(passage.text)
        for start, end in passage.highlights:
            paragraph = paragraph.stylize("bold $text-accent on $accent 20%", start, end)
        self.query_one(".citation", Static).update(plain(f"Source: {passage.citation}"))
        self.query_one(".paragraph", Static).update(paragraph)
