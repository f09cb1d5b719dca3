"""The reader: source documents paragraph by paragraph, every quoted passage highlighted.

Selecting a paragraph lists the cards that cite it; "study this document"
starts a session on the cards of the document shown.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, ListItem, ListView, OptionList, Static
from textual.widgets.option_list import Option

from natobrief.deck.grounding import paragraph_spans
from natobrief.deck.model import AnyCard, Deck, Source
from natobrief.tui.text import plain
from natobrief.tui.widgets.key_bar import KeyBar


@dataclass(frozen=True)
class Paragraph:
    """One paragraph of a source and the cards that quote it."""

    start: int
    end: int
    cards: tuple[AnyCard, ...]


def paragraphs_of(source: Source, cards: list[AnyCard]) -> list[Paragraph]:
    """The source's paragraphs (as the passage view splits them) with the cards citing each."""
    return [
        Paragraph(
            start,
            end,
            tuple(
                card for card in cards if any(start <= q.start < end for q in card.source.quotes)
            ),
        )
        for start, end in paragraph_spans(source.text)
    ]


class BriefScreen(Screen[None]):
    """Read a deck's sources before being quizzed on them."""

    BINDINGS = [
        Binding("s", "study_document", "Study this document", id="brief.study"),
        Binding("tab", "focus_next", "Switch pane", show=False),
        Binding("escape", "leave", "Back", id="brief.leave"),
    ]

    def __init__(self, decks: list[Deck], focus_card: AnyCard | None = None) -> None:
        super().__init__()
        self.decks = decks
        self.focus_card = focus_card
        self.documents: list[tuple[Deck, Source]] = [
            (deck, source) for deck in decks for source in deck.sources.values()
        ]
        self.current: tuple[Deck, Source] | None = None
        self.paragraphs: list[Paragraph] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="brief"):
            yield OptionList(
                *[
                    Option(
                        plain(source.title + (f" ({source.date})" if source.date else "")),
                        id=f"{index}",
                    )
                    for index, (_, source) in enumerate(self.documents)
                ],
                id="documents",
            )
            with Vertical(id="reader"):
                yield Static(id="doc-title")
                yield ListView(id="paragraphs")
            yield Vertical(
                Static("Cards citing this paragraph", classes="pane-title"),
                Static(id="citing"),
                id="citing-pane",
            )
        yield KeyBar()

    def on_mount(self) -> None:
        self.sub_title = "Read the sources"
        start = 0
        if self.focus_card is not None:
            for index, (deck, source) in enumerate(self.documents):
                if source.id == self.focus_card.source.doc and self.focus_card in deck.cards:
                    start = index
        documents = self.query_one("#documents", OptionList)
        documents.highlighted = start
        self.show_document(start)

    @on(OptionList.OptionHighlighted, "#documents")
    def _document_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_document(int(str(event.option.id)))

    def show_document(self, index: int) -> None:
        """Show one source, its quoted passages highlighted."""
        if not self.documents:
            return
        deck, source = self.documents[index]
        if self.current == (deck, source):
            return
        self.current = (deck, source)
        cards = [card for card in deck.cards if card.source.doc == source.id]
        self.paragraphs = paragraphs_of(source, cards)
        date = f" · {source.date}" if source.date else ""
        self.query_one("#doc-title", Static).update(
            plain(f"{source.title}{date} · {len(cards)} cards", "bold")
        )
        view = self.query_one("#paragraphs", ListView)
        view.clear()
        focus_index = 0
        for number, paragraph in enumerate(self.paragraphs):
            content = plain(" ".join(source.text[paragraph.start : paragraph.end].split()))
            raw = source.text[paragraph.start : paragraph.end]
            for card in paragraph.cards:
                for quote in card.source.quotes:
                    if paragraph.start <= quote.start < paragraph.end:
                        a, b = _collapsed_offsets(
                            raw, quote.start - paragraph.start, quote.end - paragraph.start
                        )
                        content = content.stylize("bold $text-accent on $accent 15%", a, b)
            if self.focus_card is not None and self.focus_card in paragraph.cards:
                focus_index = number
            marker = f"{len(paragraph.cards)} card(s)" if paragraph.cards else "no card"
            view.append(ListItem(Static(content), Static(plain(marker), classes="marker")))
        view.index = focus_index
        self.show_citing(focus_index)

    @on(ListView.Highlighted, "#paragraphs")
    def _paragraph_highlighted(self, event: ListView.Highlighted) -> None:
        view = self.query_one("#paragraphs", ListView)
        if view.index is not None:
            self.show_citing(view.index)

    def show_citing(self, index: int) -> None:
        """List the cards that quote paragraph ``index``."""
        citing = self.query_one("#citing", Static)
        if not 0 <= index < len(self.paragraphs):
            citing.update("")
            return
        cards = self.paragraphs[index].cards
        if not cards:
            citing.update(plain("No card quotes this paragraph."))
            return
        lines = [f"• {card.prompt}  ({card.type}, {card.id})" for card in cards]
        citing.update(plain("\n".join(lines)))

    def action_study_document(self) -> None:
        """Study the cards of the document on screen."""
        if self.current is None:
            return
        deck, source = self.current
        cards = tuple(card for card in deck.cards if card.source.doc == source.id)
        if cards:
            self.app.start_session(  # type: ignore[attr-defined]
                "study", [replace(deck, cards=cards)], source.title
            )

    def action_leave(self) -> None:
        """Back."""
        self.dismiss()


def _collapsed_offsets(raw: str, start: int, end: int) -> tuple[int, int]:
    """Offsets in ``" ".join(raw.split())`` of the span [start, end) of ``raw``."""

    def collapsed_length(prefix: str) -> int:
        words = prefix.split()
        length = len(" ".join(words))
        if words and prefix and prefix[-1].isspace():
            length += 1
        return length

    return collapsed_length(raw[:start]), collapsed_length(raw[:end].rstrip())
