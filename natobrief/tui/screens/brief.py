"""The reader: source documents paragraph by paragraph, every quoted passage highlighted.

Selecting a paragraph lists the cards that cite it; "study this document"
starts a session on the cards of the document shown. For instructors, the
header gives the document's coverage (the share of fact-bearing sentences some
card quotes), uncovered fact-bearing sentences are underlined in the theme's
warning colour, ``u`` jumps to the next one, ←/→ pick a sentence inside the
paragraph, and ``n`` writes a card quoting the picked sentence.

The text gets the room: from 120 columns the document list, the text and the
citing cards stand side by side; below that the citing cards go under the
text and the list narrows; below 80 columns the list opens over the text
with ``d`` (and closes on a choice or Escape), and on a short or narrow
terminal the citing cards wait for ``c``. The key bar shows the keys of the
part that has focus.
"""

from __future__ import annotations

from dataclasses import replace

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from natobrief.deck.model import AnyCard, Deck, Source
from natobrief.text import counted
from natobrief.tools.coverage import DocumentCoverage, Sentence, document_coverage
from natobrief.tools.paragraphs import Paragraph, collapsed_offsets, paragraphs_of
from natobrief.tui.messages import StartSession
from natobrief.tui.text import join, plain
from natobrief.tui.widgets.document_list import DocumentList
from natobrief.tui.widgets.key_bar import KeyBar
from natobrief.tui.widgets.title_bar import TitleBar

QUOTED_STYLE = "bold $text on $accent 15%"
UNCOVERED_STYLE = "underline $text on $warning-muted"
PICKED_STYLE = "reverse"
MARKER_STYLE = "italic $text-muted"


_SENTENCE = Binding.Group("Sentence", compact=True)
# Keys that act on the text: off the key bar (and off) while the document list has focus.
_TEXT_ACTIONS = frozenset({"previous_sentence", "next_sentence", "documents", "toggle_citing"})


class BriefScreen(Screen[None]):
    """Read a deck's sources before being quizzed on them, and see what no card covers yet."""

    CSS_PATH = "../styles/reader.tcss"

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-medium"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (24, "-tall")]
    AUTO_FOCUS = ""  # none: on_mount gives focus to the list, or below 80 columns to the text

    BINDINGS = [
        # Priority: the lists would otherwise take ←/→ to scroll sideways.
        Binding(
            "left",
            "previous_sentence",
            "Previous sentence",
            id="brief.previous-sentence",
            priority=True,
            group=_SENTENCE,
        ),
        Binding(
            "right",
            "next_sentence",
            "Next sentence",
            id="brief.next-sentence",
            priority=True,
            group=_SENTENCE,
        ),
        # A narrow key bar keeps the first entries: the panes' keys (they hide the panes),
        # then the learner's "study this document", then the instructor's keys.
        Binding("d", "documents", "Documents", id="brief.documents"),
        Binding("c", "toggle_citing", "Cards", id="brief.citing"),
        Binding("s", "study_document", "Study", id="brief.study"),
        Binding("u", "next_uncovered", "Uncovered", id="brief.next-uncovered"),
        Binding("n", "new_card", "New card", id="brief.new-card"),
        Binding("tab", "app.focus_next", "Switch pane", show=False),
        Binding("escape", "leave", "Back", id="brief.leave"),
    ]

    def __init__(
        self, decks: list[Deck], focus_card: AnyCard | None = None, tag: str | None = None
    ) -> None:
        super().__init__()
        self.decks = decks
        self.focus_card = focus_card
        self.tag = tag  # the decks hold only the cards with this tag: the header says so
        self.documents: list[tuple[Deck, Source]] = [
            (deck, source) for deck in decks for source in deck.sources.values()
        ]
        self.current: tuple[Deck, Source] | None = None
        self.coverage: DocumentCoverage | None = None
        self.paragraphs: list[Paragraph] = []
        self.paragraph_index = 0
        self.sentence_index = 0
        self._pending_sentence: int | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Horizontal(id="brief"):
            yield DocumentList(
                *[
                    Option(
                        plain(source.title + (f" ({source.date})" if source.date else "")),
                        id=f"{index}",
                    )
                    for index, (_, source) in enumerate(self.documents)
                ],
                id="documents",
            )
            with Container(id="body"):  # side by side when wide, one above the other when not
                with Vertical(id="reader"):
                    yield Static(id="doc-title")
                    # One widget for the whole text (Textual draws it line by line): a
                    # ListView item per paragraph took ~150 widgets for one document, and
                    # styling and laying them out was most of the reader's opening time.
                    yield OptionList(id="paragraphs")
                yield Vertical(
                    Static("Cards citing this paragraph", classes="pane-title"),
                    Static(id="citing"),
                    Static(id="sentence-info"),
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
        narrow = self.app.size.width < self.HORIZONTAL_BREAKPOINTS[1][0]  # the list would hide it
        # Opened at a card's passage (o after an answer): the text, where that passage is.
        to_text = narrow or self.focus_card is not None
        (self.query_one("#paragraphs") if to_text else documents).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys for the text are off (and off the key bar) while the document list has focus.

        Closing the list is on only while it is open over the text.
        """
        if action == "close_documents":
            return self.documents_over_text
        on_list = self.focused is not None and self.focused.id == "documents"
        return not (on_list and action in _TEXT_ACTIONS)

    @property
    def documents_over_text(self) -> bool:
        """Whether the document list is open in place of the text (below 80 columns)."""
        return self.has_class("-narrow") and self.has_class("-documents-open")

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Below 80 columns the document list is shown while it has focus, over the text."""
        self.set_class(event.widget.id == "documents", "-documents-open")

    def on_resize(self) -> None:
        """What Escape does on the list follows the width (the breakpoints are set by now)."""
        self.refresh_bindings()

    def action_documents(self) -> None:
        """Go to the document list (below 80 columns, open it over the text).

        The focus moves first and the list opens on it (on_descendant_focus):
        hiding the text while it still had focus would leave none.
        """
        self.query_one("#documents").focus()

    def action_toggle_citing(self) -> None:
        """Show or hide the cards citing the paragraph (the choice holds across resizes)."""
        shown = self.query_one("#citing-pane").display
        self.set_class(shown, "-citing-off")
        self.set_class(not shown, "-citing-on")

    @on(OptionList.OptionSelected, "#documents")
    def _document_chosen(self) -> None:
        self.query_one("#paragraphs").focus()

    @on(OptionList.OptionHighlighted, "#documents")
    def _document_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self.show_document(int(str(event.option.id)))

    def show_document(self, index: int, keep_place: bool = False) -> None:
        """Show one source, its quoted passages highlighted and its coverage in the header."""
        if not self.documents:
            return
        deck, source = self.documents[index]
        if self.current == (deck, source) and not keep_place:
            return
        self.current = (deck, source)
        cards = [card for card in deck.cards if card.source.doc == source.id]
        self.coverage = document_coverage(deck, source)
        self.paragraphs = paragraphs_of(source, cards, self.coverage)
        self.query_one("#doc-title", Static).update(self._header(source, len(cards)))
        view = self.query_one("#paragraphs", OptionList)
        place = (self.paragraph_index, self.sentence_index)
        focus_index = 0
        if self.focus_card is not None:
            focus_index = next(
                (n for n, p in enumerate(self.paragraphs) if self.focus_card in p.cards), 0
            )
        if keep_place:
            focus_index = min(place[0], len(self.paragraphs) - 1)
            self._pending_sentence = place[1]
        self.paragraph_index, self.sentence_index = focus_index, self._pending_sentence or 0
        view.clear_options()
        view.add_options(
            Option(self.paragraph_content(number), id=str(number))
            for number in range(len(self.paragraphs))
        )
        view.highlighted = focus_index
        self.show_citing(focus_index)

    def _header(self, source: Source, card_count: int) -> Content:
        date = f" · {source.date}" if source.date else ""
        cards = counted(card_count, "card")
        if self.tag is not None:  # coverage and "no card" marks count these cards alone
            cards += f" tagged {self.tag} (coverage of those alone)"
        parts: list[Content | str] = [plain(f"{source.title}{date} · {cards}", "bold")]
        if self.coverage is not None:
            facts = self.coverage.fact_sentences
            uncovered = len(self.coverage.uncovered)
            style = "$text on $success-muted" if not uncovered else "$text on $warning-muted"
            parts += [
                " · coverage ",
                plain(f"{self.coverage.percent:g}%", f"bold {style}"),
                f" of {len(facts)} fact sentences",
            ]
            if uncovered:
                parts += [" (", plain(f"{uncovered} uncovered", UNCOVERED_STYLE), ", u: next)"]
        return join(*parts)

    def paragraph_content(self, number: int) -> Content:
        """A paragraph with quotes highlighted, uncovered facts underlined, the picked sentence
        shown (in the current paragraph), and a line under it naming how many cards cite it."""
        assert self.current is not None
        current = number == self.paragraph_index
        picked = self.sentence_index if current else None
        source = self.current[1]
        paragraph = self.paragraphs[number]
        raw = source.text[paragraph.start : paragraph.end]
        content = plain(" ".join(raw.split()))

        def stylize(start: int, end: int, style: str) -> None:
            nonlocal content
            a, b = collapsed_offsets(raw, start - paragraph.start, end - paragraph.start)
            content = content.stylize(style, a, b)

        for sentence in paragraph.sentences:
            if sentence.fact_bearing and not sentence.covered_by:
                stylize(sentence.start, sentence.end, UNCOVERED_STYLE)
        for card in paragraph.cards:
            for quote in card.source.quotes:
                if paragraph.start <= quote.start < paragraph.end:
                    stylize(quote.start, min(quote.end, paragraph.end), QUOTED_STYLE)
        if picked is not None and 0 <= picked < len(paragraph.sentences):
            sentence = paragraph.sentences[picked]
            stylize(sentence.start, sentence.end, PICKED_STYLE)
        cards = counted(len(paragraph.cards), "card") if paragraph.cards else "no card"
        if not paragraph.cards and source.is_skipped(paragraph.start, paragraph.end):
            cards = "skipped (not counted in coverage)"
        place = source.place_at(paragraph.start)  # "p. 4", "History › 1.2" (not plain text)
        # A sign for the current paragraph beside its tint, so that it reads without colour.
        marker = plain(
            ("▶ " if current else "  ") + cards + (f" · {place}" if place else ""), MARKER_STYLE
        )
        return join(content, "\n", marker, "\n")  # the last line blank: paragraphs apart

    def _repaint(self, number: int) -> None:
        """Redraw paragraph ``number`` (its picked sentence and mark follow the current one)."""
        view = self.query_one("#paragraphs", OptionList)
        if 0 <= number < view.option_count:
            view.replace_option_prompt_at_index(number, self.paragraph_content(number))

    @on(OptionList.OptionHighlighted, "#paragraphs")
    def _paragraph_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        previous, self.paragraph_index = self.paragraph_index, event.option_index
        self.sentence_index = self._pending_sentence or 0
        self._pending_sentence = None
        self._repaint(previous)
        self._repaint(self.paragraph_index)
        self.show_citing(self.paragraph_index)

    def show_citing(self, index: int) -> None:
        """List the cards that quote paragraph ``index``, and what the picked sentence lacks."""
        citing = self.query_one("#citing", Static)
        if not 0 <= index < len(self.paragraphs):
            citing.update("")
            return
        cards = self.paragraphs[index].cards
        if not cards:
            citing.update(plain("No card quotes this paragraph."))
        else:
            lines = [f"• {card.prompt}  ({card.type}, {card.id})" for card in cards]
            citing.update(plain("\n".join(lines)))
        self._show_sentence_info()

    def _show_sentence_info(self) -> None:
        info = self.query_one("#sentence-info", Static)
        sentence = self.picked_sentence()
        if sentence is None:
            info.update("")
            return
        count = len(self.paragraphs[self.paragraph_index].sentences)
        head = f"Sentence {self.sentence_index + 1} of {count} (←/→): "
        if sentence.covered_by:
            status = plain("quoted by " + ", ".join(sentence.covered_by))
        elif sentence.fact_bearing:
            status = plain(f"no card yet ({', '.join(sentence.facts)})", UNCOVERED_STYLE)
        else:
            status = plain("no card")
        info.update(join(head, status, "\nn: write a card quoting it"))

    def picked_sentence(self) -> Sentence | None:
        """The sentence picked in the current paragraph (None when it has none)."""
        if not 0 <= self.paragraph_index < len(self.paragraphs):
            return None
        sentences = self.paragraphs[self.paragraph_index].sentences
        return sentences[self.sentence_index] if 0 <= self.sentence_index < len(sentences) else None

    def _step_sentence(self, step: int) -> None:
        if not self.paragraphs:
            return
        count = len(self.paragraphs[self.paragraph_index].sentences)
        target = self.sentence_index + step
        if 0 <= target < count:
            self.sentence_index = target
            self._repaint(self.paragraph_index)
            self._show_sentence_info()
            return
        paragraph = self.paragraph_index + (1 if step > 0 else -1)
        if 0 <= paragraph < len(self.paragraphs):
            last = len(self.paragraphs[paragraph].sentences) - 1
            self._select(paragraph, 0 if step > 0 else max(last, 0))

    def _select(self, paragraph: int, sentence: int) -> None:
        """Pick a sentence of another paragraph (or of this one) and scroll to it."""
        view = self.query_one("#paragraphs", OptionList)
        if paragraph == self.paragraph_index:
            self.sentence_index = sentence
            self._repaint(paragraph)
            self._show_sentence_info()
            return
        self._pending_sentence = sentence
        view.highlighted = paragraph

    def action_next_sentence(self) -> None:
        """Pick the next sentence (on into the next paragraph)."""
        self._step_sentence(1)

    def action_previous_sentence(self) -> None:
        """Pick the previous sentence (back into the previous paragraph)."""
        self._step_sentence(-1)

    def action_next_uncovered(self) -> None:
        """Jump to the next fact-bearing sentence that no card quotes."""
        places = [
            (p, s)
            for p, paragraph in enumerate(self.paragraphs)
            for s, sentence in enumerate(paragraph.sentences)
            if sentence.fact_bearing and not sentence.covered_by
        ]
        if not places:
            self.notify("Every fact-bearing sentence of this document is quoted by a card.")
            return
        here = (self.paragraph_index, self.sentence_index)
        self._select(*next((place for place in places if place > here), places[0]))
        self.query_one("#paragraphs").focus()  # from the document list too: show the sentence

    def action_new_card(self) -> None:
        """Write a card quoting the picked sentence, in a form over the reader."""
        from natobrief.deck.append import bundled_refusal
        from natobrief.tui.screens.new_card import NewCardScreen

        sentence = self.picked_sentence()
        if self.current is None or sentence is None:
            self.notify("Pick a sentence first (←/→ inside a paragraph).", severity="warning")
            return
        deck, source = self.current
        refusal = bundled_refusal(deck.path)
        if refusal is not None:
            self.notify(refusal, title="Cards are not added here", severity="warning", timeout=12)
            return
        self.app.push_screen(NewCardScreen(deck, source, sentence.text), self._card_added)

    def _card_added(self, saved: object) -> None:
        """Show the deck with its new card: the sentence is now highlighted as quoted."""
        from natobrief.tui.screens.new_card import CardSaved

        if not isinstance(saved, CardSaved) or self.current is None:
            return
        old = self.current[0]
        for index, deck in enumerate(self.decks):
            if deck is old:
                self.decks[index] = saved.deck  # the app's list: home sees the new card too
        self.documents = [
            (saved.deck if deck is old else deck, source) for deck, source in self.documents
        ]
        position = next(
            i for i, (deck, source) in enumerate(self.documents)
            if deck is saved.deck and source.id == self.current[1].id
        )  # fmt: skip
        self.show_document(position, keep_place=True)
        self.notify(f"Card {saved.card_id} added to {saved.deck.path.name} (line {saved.line}).")

    def action_study_document(self) -> None:
        """Study the cards of the document on screen."""
        if self.current is None:
            return
        deck, source = self.current
        cards = tuple(card for card in deck.cards if card.source.doc == source.id)
        if cards:
            self.post_message(StartSession("study", [replace(deck, cards=cards)], source.title))

    def action_close_documents(self) -> None:
        """Close the document list open over the text, and go back to the text."""
        self.query_one("#paragraphs").focus()

    def action_leave(self) -> None:
        """Back: to the text from a document list open over it, else out of the reader."""
        if self.documents_over_text:
            self.action_close_documents()
            return
        self.dismiss()
