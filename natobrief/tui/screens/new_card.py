"""Writing a card from the reader: a form over it, checked live by the real loader.

The form starts from the sentence picked in the reader (the quote, editable).
Its type decides the fields shown; for a cloze the quote's words are listed and
the ones marked become gaps. Every change is checked against an in-memory copy
of the deck in a worker (the same check ``natobrief new`` and append_card run),
the problems shown under the form and Save disabled until there are none.
Saving appends the card to the deck file in a worker, then returns the reloaded
deck to the reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, SelectionList, Static

from natobrief.deck.draft import CardDraft, cloze_text, propose_card_id, quote_words, split_pair
from natobrief.deck.model import CARD_TYPES, Deck, Source
from natobrief.errors import DeckProblem
from natobrief.tui.text import join, plain
from natobrief.tui.widgets.plain_input import PlainInput
from natobrief.tui.worker_errors import ReportsWorkerErrors

SEPARATOR = "|"  # between the options, items, accepted answers and pairs typed in one field
_TYPE_FIELDS: dict[str, tuple[str, ...]] = {
    "short": ("prompt", "answer", "accept"),
    "choice": ("prompt", "options", "correct"),
    "truefalse": ("prompt", "truth"),
    "cloze": ("prompt", "gaps"),
    "number": ("prompt", "value", "tolerance", "unit"),
    "order": ("prompt", "items"),
    "match": ("prompt", "pairs"),
}
_LABELS = {
    "prompt": ("Prompt", "The question the learner sees"),
    "answer": ("Answer", "The expected answer, in a few words"),
    "accept": ("Also accept", "Further answers, separated by |"),
    "options": ("Options", "2 to 8 options, separated by |"),
    "correct": ("Correct", "The right option: its text, letter (a) or number (1)"),
    "value": ("Number", "The answer, e.g. 90"),
    "tolerance": ("Tolerance", "How far off still counts (default 0)"),
    "unit": ("Unit", "Optional, e.g. %"),
    "items": ("Items", "2 to 8 items in the correct order, separated by |"),
    "pairs": ("Pairs", "left = right | left = right ..."),
    "note": ("Note", "Optional, shown after the answer"),
    "tags": ("Tags", "Optional, separated by spaces, or by commas if a tag holds a space"),
}


@dataclass
class CardSaved(Message):
    """The card is in the deck file; ``deck`` is the deck as reloaded from it."""

    deck: Deck
    card_id: str
    line: int


@dataclass
class DraftChecked(Message):
    """The live check of ``draft`` finished; ``problems`` is empty when it can be saved."""

    draft: CardDraft
    problems: list[str]


@dataclass
class SaveRefused(Message):
    """Saving failed; ``problems`` says why (nothing was written)."""

    problems: list[str]


class DeckTextRead(Message):
    """The deck file was read (its text, for the live checks)."""

    bubble = False  # for this screen alone

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class NewCardScreen(ReportsWorkerErrors, ModalScreen[CardSaved | None]):
    """Author one card quoting a sentence of ``source``, appended to ``deck``'s file."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save card", id="new-card.save"),
        Binding("escape", "cancel", "Cancel", id="new-card.cancel"),
    ]
    CSS_PATH = "../styles/new_card.tcss"

    def __init__(self, deck: Deck, source: Source, quote: str) -> None:
        super().__init__()
        self.deck = deck
        self.source = source
        self.quote = quote
        self.deck_text = ""
        self.checked: CardDraft | None = None  # the draft the shown problems belong to
        self.valid = False

    def compose(self) -> ComposeResult:
        with Vertical(id="new-card"):
            yield Static(
                join(
                    plain("New card", "bold"),
                    f" for {self.deck.title} · quoting {self.source.title}",
                ),
                id="new-card-title",
            )
            with VerticalScroll(id="new-card-form"):
                with Horizontal(classes="field-row"):
                    yield Label("Type", classes="field-label")
                    yield Select(
                        [(name, name) for name in CARD_TYPES],
                        value="short",
                        allow_blank=False,
                        compact=True,
                        id="nc-type",
                    )
                    yield Label("Id", classes="field-label short-label")
                    yield PlainInput(
                        placeholder="made from the prompt", compact=True, id="nc-card-id"
                    )
                yield from self._row("quote", "Quote", "Copied from the source; shorten it freely")
                for name in ("prompt", "answer", "accept", "options", "correct"):
                    yield from self._row(name, *_LABELS[name])
                with Horizontal(classes="field-row", id="nc-row-truth"):
                    yield Label("The statement is", classes="field-label")
                    yield Select(
                        [("true", "true"), ("false", "false")],
                        value="true",
                        allow_blank=False,
                        compact=True,
                        id="nc-truth",
                    )
                with Vertical(id="nc-row-gaps"):
                    yield Label("Mark the words to hide (space marks, ↑/↓ move):")
                    yield SelectionList[int](id="nc-gaps", compact=True)
                    yield Static(id="nc-cloze-preview")
                for name in ("value", "tolerance", "unit", "items", "pairs", "note", "tags"):
                    yield from self._row(name, *_LABELS[name])
            yield Static(id="new-card-problems")
            with Horizontal(id="new-card-buttons"):
                yield Button("Save (ctrl+s)", variant="primary", id="nc-save", disabled=True)
                yield Button("Cancel (esc)", id="nc-cancel")

    @staticmethod
    def _row(name: str, label: str, placeholder: str) -> ComposeResult:
        with Horizontal(classes="field-row", id=f"nc-row-{name}"):
            yield Label(label, classes="field-label")
            yield PlainInput(placeholder=placeholder, compact=True, id=f"nc-{name}")

    def on_mount(self) -> None:
        quote = self.query_one("#nc-quote", Input)
        quote.value = self.quote
        quote.cursor_position = 0  # show the sentence from its start
        self._fill_words()
        self._show_fields("short")
        self.query_one("#nc-prompt", Input).focus()
        self.read_deck_text()

    @work(thread=True, exclusive=True, group="read", exit_on_error=False)
    def read_deck_text(self) -> None:
        """Read the deck file once, off the UI thread; live checks work on this copy."""
        self.post_message(DeckTextRead(self.deck.path.read_text(encoding="utf-8")))

    @on(DeckTextRead)
    def _deck_text_read(self, message: DeckTextRead) -> None:
        self.deck_text = message.text
        self._changed()

    def _show_fields(self, card_type: str) -> None:
        shown = set(_TYPE_FIELDS[card_type])
        for name in ("prompt", "answer", "accept", "options", "correct", "truth", "gaps"):
            self.query_one(f"#nc-row-{name}").display = name in shown
        for name in ("value", "tolerance", "unit", "items", "pairs"):
            self.query_one(f"#nc-row-{name}").display = name in shown
        prompt = self.query_one("#nc-prompt", Input)
        prompt.placeholder = (
            "Optional: 'Fill in the gaps.' when empty"
            if card_type == "cloze"
            else "The statement to judge"
            if card_type == "truefalse"
            else _LABELS["prompt"][1]
        )

    def _fill_words(self) -> None:
        words = quote_words(self.query_one("#nc-quote", Input).value)
        gaps = self.query_one("#nc-gaps", SelectionList)
        gaps.clear_options()
        gaps.add_options([(plain(word), index) for index, word in enumerate(words)])

    @on(Select.Changed, "#nc-type")
    def _type_changed(self, event: Select.Changed) -> None:
        self._show_fields(str(event.value))
        if event.value == "cloze":
            self.query_one("#nc-gaps", SelectionList).focus()  # marking words is the next step
        self._changed()

    @on(Input.Changed, "#nc-quote")
    def _quote_changed(self) -> None:
        self._fill_words()

    @on(Input.Changed)
    @on(Select.Changed, "#nc-truth")
    @on(SelectionList.SelectedChanged)
    def _changed(self) -> None:
        """Check the card as it now stands (in a worker), and show the cloze it makes."""
        draft = self.draft()
        if draft.card_type == "cloze":
            self.query_one("#nc-cloze-preview", Static).update(
                join("Card text: ", plain(draft.text or "(mark at least one word)"))
            )
        self.valid = False
        self.query_one("#nc-save", Button).disabled = True
        if self.deck_text:
            self.check(draft)

    def draft(self) -> CardDraft:
        """The card as the form now describes it."""

        def value(name: str) -> str:
            return self.query_one(f"#nc-{name}", Input).value

        def listed(name: str) -> tuple[str, ...]:
            return tuple(p.strip() for p in value(name).split(SEPARATOR) if p.strip())

        card_type = str(self.query_one("#nc-type", Select).value)
        quote = value("quote")
        hidden = set(self.query_one("#nc-gaps", SelectionList).selected)
        pairs = [split_pair(text) for text in listed("pairs")]
        draft = CardDraft(
            card_type=card_type,
            doc=self.source.id,
            quote=quote,
            prompt=value("prompt"),
            answer=str(self.query_one("#nc-truth", Select).value)
            if card_type == "truefalse"
            else value("answer"),
            accept=listed("accept"),
            options=listed("options"),
            correct=value("correct"),
            text=cloze_text(quote, hidden) if hidden else "",
            items=listed("items"),
            pairs=tuple(pair for pair in pairs if pair is not None),
            value=value("value"),
            tolerance=value("tolerance"),
            unit=value("unit"),
            tags=form_tags(value("tags")),
            note=value("note"),
        )
        card_id = value("card-id").strip() or propose_card_id(
            self.deck.id, [card.id for card in self.deck.cards], draft.prompt or quote
        )
        from dataclasses import replace

        return replace(draft, card_id=card_id)

    @work(thread=True, exclusive=True, group="check", exit_on_error=False)
    def check(self, draft: CardDraft) -> None:
        """The same check as append_card, against the in-memory copy of the deck."""
        from natobrief.deck.append import CardRejected, check_card

        try:
            problems = list(check_card(self.deck.path, draft.mapping(), self.deck_text).errors)
        except CardRejected as rejected:
            problems = list(rejected.problems)
        self.post_message(DraftChecked(draft, [_problem_text(p) for p in problems]))

    @on(DraftChecked)
    def _checked(self, message: DraftChecked) -> None:
        if message.draft != self.draft():
            return  # an older draft; its newer check is on its way
        self.checked = message.draft
        self.valid = not message.problems
        self.query_one("#nc-save", Button).disabled = not self.valid
        self._show_problems(message.problems)

    def _show_problems(self, problems: list[str]) -> None:
        """Problems in red; fields merely not filled in yet as a plain reminder, not an error."""
        shown = self.query_one("#new-card-problems", Static)
        if not problems:
            shown.update(plain("Ready to save.", "$text on $success-muted"))
            return
        to_fill = [m["key"] or m["absent"] for text in problems if (m := _NOT_FILLED.match(text))]
        wrong = [text for text in problems if not _NOT_FILLED.match(text)]
        if wrong:
            shown.update(
                plain("\n".join(f"• {text}" for text in wrong[:4]), "$text on $error-muted")
            )
        else:
            shown.update(plain(f"To fill in before saving: {', '.join(dict.fromkeys(to_fill))}."))

    @on(Button.Pressed, "#nc-save")
    def action_save(self) -> None:
        """Append the card to the deck file (in a worker), when the form is valid."""
        if not self.valid:
            self.notify("The card is not valid yet: see the problems under the form.")
            return
        self.query_one("#nc-save", Button).disabled = True
        self.save(self.draft())

    @work(thread=True, exclusive=True, group="save", exit_on_error=False)
    def save(self, draft: CardDraft) -> None:
        """Write the card, then reload the deck from the file for the reader."""
        from natobrief.deck.append import CardRejected, append_card
        from natobrief.deck.loader import load_deck
        from natobrief.errors import NatobriefError

        try:
            done = append_card(self.deck.path, draft.mapping())
            deck = load_deck(self.deck.path)
        except CardRejected as rejected:
            self.post_message(SaveRefused([_problem_text(p) for p in rejected.problems]))
            return
        except NatobriefError as error:
            self.post_message(SaveRefused([str(error)]))
            return
        self.post_message(CardSaved(deck, done.card_id, done.line))

    @on(SaveRefused)
    def _save_refused(self, message: SaveRefused) -> None:
        self._show_problems(message.problems)
        self.query_one("#nc-save", Button).disabled = False

    @on(CardSaved)
    def _saved(self, message: CardSaved) -> None:
        self.dismiss(message)

    @on(Button.Pressed, "#nc-cancel")
    def action_cancel(self) -> None:
        """Close without writing anything."""
        self.dismiss(None)


# A problem that only says a field has no value yet ("'answer' is empty (...)").
_NOT_FILLED = re.compile(
    r"'(?P<key>[a-z]+)'(?: in [^()]*)? is empty\b|[^()]* has no '(?P<absent>[a-z]+)'"
)


def _problem_text(problem: DeckProblem) -> str:
    return problem.message + (f" ({problem.hint})" if problem.hint else "")


def form_tags(text: str) -> tuple[str, ...]:
    """Tags as typed: split at commas if there are any (a tag may hold a space), else at spaces."""
    parts = text.split(",") if "," in text else text.split()
    return tuple(tag.strip() for tag in parts if tag.strip())
