"""``natobrief export --to gift``: cards as Moodle GIFT questions, for a Moodle question bank.

One question per card, titled ``::card-id::``, under a ``$CATEGORY:`` line per
deck. Every piece of deck text is written in ``[plain]`` format (Moodle shows it
as typed, never as HTML) with GIFT's special characters escaped the way
Moodle's own exporter does it. The card's note and its source quote go into the
general feedback (``####``), so a student sees the source after answering.

GIFT cannot say everything a deck can, and where it cannot, the export says so
in its notes instead of guessing:

- a cloze card with several gaps becomes one missing-word question per gap
  (``card-id-1``, ``card-id-2`` ...), the other gaps filled in;
- an order card becomes a matching question "position -> item";
- a match card with two pairs, and an order card with two items, become a
  multiple-choice question (Moodle's matching question needs three pairs, and
  two pairs are one choice: which way round), graded the same;
- short answers are matched by Moodle exactly (case aside), without natobrief's
  typo and number-word leniency;
- a card of a type with no writer here (one registered outside the deck
  format) becomes a short-answer question with its expected answer.

Each card type has its own writer (``functools.singledispatch`` on the card's class).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import singledispatch

from natobrief.deck.model import (
    GAP,
    Card,
    ChoiceCard,
    ClozeCard,
    Deck,
    MatchCard,
    NumberCard,
    OrderCard,
    ShortCard,
    TrueFalseCard,
)
from natobrief.files import write_atomically
from natobrief.grading.verdict import expected_answer
from natobrief.text import counted, strip_control
from natobrief.tools.exports import ExportDone, ExportRequest

# What Moodle's GIFT reader treats as syntax, and how its own exporter escapes it.
_ESCAPES = str.maketrans(
    {
        "\\": "\\\\",
        "~": "\\~",
        "=": "\\=",
        "#": "\\#",
        "{": "\\{",
        "}": "\\}",
        ":": "\\:",
        "\n": "\\n",  # a real line break inside a question would end it at a blank line
    }
)
# Question text is written as plain text: Moodle shows it as typed, never as HTML.
TEXT_FORMAT = "[plain]"
# A match item's left side ends at its first "->"; inside deck text that arrow becomes "→".
_ARROW = "->"
# Moodle's matching question needs three pairs: its editor will not save one with fewer.
MIN_MATCH_PAIRS = 3
# The order card's instruction once it is a matching question, on a line of its own.
ORDER_AS_MATCH = "Match each position to its item."


def escape(text: str) -> str:
    """Deck text made safe for any part of a GIFT question: control characters removed,
    line breaks as ``\\n``, and ``~ = # { } :`` and the backslash escaped."""
    return escape_piece(strip_control(text).strip())


def escape_piece(text: str) -> str:
    """Like :func:`escape` but keeping the spaces at either end (text between cloze gaps)."""
    cleaned = strip_control(text).replace("\r\n", "\n").replace("\r", "\n")
    return cleaned.translate(_ESCAPES)


def escape_item(text: str) -> str:
    """Like :func:`escape`, for one side of a matching pair (where ``->`` is syntax)."""
    return escape(text.replace(_ARROW, "→"))


def number(value: float) -> str:
    """A number as GIFT's numeric answers read it: plain digits, never an exponent."""
    if float(value).is_integer():
        return str(int(value))
    return format(Decimal(repr(value)), "f")  # repr: the shortest digits that round-trip


@dataclass
class _Counts:
    """What needs telling after the export: cards GIFT could not say as they are."""

    questions: int = 0
    split_cloze_cards: int = 0
    split_cloze_questions: int = 0
    order_cards: int = 0
    as_choice: list[str] = field(default_factory=list)  # "deck/card" of two-pair cards
    as_short: list[str] = field(default_factory=list)  # "deck/card" of types with no writer here


def feedback(deck: Deck, card: Card) -> str:
    """The general feedback: the card's note, then the source title, date and quotes."""
    source = deck.sources[card.source.doc]
    parts = [card.note] if card.note else []
    parts.append(f"Source: {source.cited_at(card.source.quotes[0].start)}.")
    parts.extend(f"Quote: {quote.text}" for quote in card.source.quotes)
    return "####" + escape("\n".join(parts))


def _question(title: str, text: str, answers: list[str], general: str) -> str:
    """One question block: title, text, then the answers and the feedback inside braces."""
    lines = [f"::{escape(title)}::{TEXT_FORMAT}{text} {{"]
    lines.extend(f"\t{answer}" for answer in answers)
    lines.append(f"\t{general}")
    lines.append("}")
    return "\n".join(lines)


def on_own_lines(*texts: str) -> str:
    """Escaped question texts on lines of their own (GIFT's ``\\n``, a line break in Moodle)."""
    return "\\n".join(text for text in texts if text)


def two_way_choice(right: str, wrong: str) -> list[str]:
    """A right and a wrong option in alphabetical order, so the right one is not always first."""
    options = sorted([("=", right), ("~", wrong)], key=lambda option: option[1].casefold())
    return [mark + escape_item(text) for mark, text in options]


def _cloze_questions(card: ClozeCard, general: str) -> list[str]:
    """One missing-word question per gap; with several gaps the others are filled in."""
    pieces = GAP.split(card.text)  # text, gap, text, gap, ..., text
    texts, gap_count = pieces[0::2], len(card.gaps)
    questions = []
    for asked in range(gap_count):
        before = "".join(
            escape_piece(texts[i]) + escape(card.gaps[i][0]) for i in range(asked)
        ) + escape_piece(texts[asked])
        after = escape_piece(texts[asked + 1]) + "".join(
            escape(card.gaps[i][0]) + escape_piece(texts[i + 1])
            for i in range(asked + 1, gap_count)
        )
        answers = " ".join(f"={escape(answer)}" for answer in card.gaps[asked])
        title = card.id if gap_count == 1 else f"{card.id}-{asked + 1}"
        prompt = escape(card.prompt) + "\\n" if card.prompt else ""
        if not after.strip():
            # Moodle shows no blank when the answers end the question; draw it ourselves.
            before, after = before.rstrip() + " _____ ", ""
        questions.append(
            f"::{escape(title)}::{TEXT_FORMAT}{prompt}{before}{{{answers}{general}}}{after}"
        )
    return questions


def card_questions(deck: Deck, card: Card, counts: _Counts) -> list[str]:
    """The GIFT question(s) for one card."""
    return _questions(card, escape(card.prompt), feedback(deck, card), _Where(deck, counts))


@dataclass(frozen=True, slots=True)
class _Where:
    """The deck a card is written from, and the export's counts to add to."""

    deck: Deck
    counts: _Counts

    def noted(self, card: Card, into: list[str]) -> None:
        into.append(f"{self.deck.id}/{card.id}")


@singledispatch
def _questions(card: Card, prompt: str, general: str, where: _Where) -> list[str]:
    """A card type GIFT has no writer for: a short-answer question with its answer."""
    where.noted(card, where.counts.as_short)
    return [_question(card.id, prompt, [f"={escape(expected_answer(card))}"], general)]


@_questions.register
def _short(card: ShortCard, prompt: str, general: str, where: _Where) -> list[str]:
    answers = [f"={escape(answer)}" for answer in (card.answer, *card.accept)]
    return [_question(card.id, prompt, answers, general)]


@_questions.register
def _choice(card: ChoiceCard, prompt: str, general: str, where: _Where) -> list[str]:
    # The model has exactly one right option (answer), so no partial-credit weights.
    options = [("=" if option == card.answer else "~") + escape(option) for option in card.options]
    return [_question(card.id, prompt, options, general)]


@_questions.register
def _truefalse(card: TrueFalseCard, prompt: str, general: str, where: _Where) -> list[str]:
    return [_question(card.id, prompt, ["T" if card.answer else "F"], general)]


@_questions.register
def _number(card: NumberCard, prompt: str, general: str, where: _Where) -> list[str]:
    unit = f" ({escape(card.unit)})" if card.unit.strip() else ""
    answer = f"#{number(card.answer)}:{number(card.tolerance)}"
    return [_question(card.id, prompt + unit, [answer], general)]


@_questions.register
def _match(card: MatchCard, prompt: str, general: str, where: _Where) -> list[str]:
    if len(card.pairs) < MIN_MATCH_PAIRS:
        where.noted(card, where.counts.as_choice)
        (left, right), (other_left, other_right) = card.pairs
        options = two_way_choice(
            f"{left} → {right}; {other_left} → {other_right}",
            f"{left} → {other_right}; {other_left} → {right}",
        )
        text = on_own_lines(prompt, escape("Which pairing is right?"))
        return [_question(card.id, text, options, general)]
    pairs = [f"={escape_item(left)} -> {escape_item(right)}" for left, right in card.pairs]
    return [_question(card.id, prompt, pairs, general)]


@_questions.register
def _order(card: OrderCard, prompt: str, general: str, where: _Where) -> list[str]:
    if len(card.items) < MIN_MATCH_PAIRS:
        where.noted(card, where.counts.as_choice)
        first, second = card.items
        options = two_way_choice(first, second)
        text = on_own_lines(prompt, escape("Which comes first?"))
        return [_question(card.id, text, options, general)]
    where.counts.order_cards += 1
    text = on_own_lines(prompt, escape(ORDER_AS_MATCH))
    pairs = [
        f"={position} -> {escape_item(item)}" for position, item in enumerate(card.items, start=1)
    ]
    return [_question(card.id, text, pairs, general)]


@_questions.register
def _cloze(card: ClozeCard, prompt: str, general: str, where: _Where) -> list[str]:
    questions = _cloze_questions(card, general)
    if len(questions) > 1:
        where.counts.split_cloze_cards += 1
        where.counts.split_cloze_questions += len(questions)
    return questions


def gift_text(decks: list[Deck]) -> tuple[str, _Counts]:
    """The whole GIFT file for ``decks``, and what had to be changed to fit GIFT."""
    counts = _Counts()
    blocks: list[str] = []
    for deck in decks:
        blocks.append(f"// {escape(deck.title)}\n$CATEGORY: {deck.id}")
        for card in deck.cards:
            questions = card_questions(deck, card, counts)
            counts.questions += len(questions)
            blocks.append(f"// {card.type} card {card.id}")
            blocks[-1] += "\n" + "\n\n".join(questions)
    return "\n\n".join(blocks) + "\n", counts


def export_gift(request: ExportRequest) -> ExportDone:
    """``natobrief export --to gift``: write the GIFT file and say what GIFT could not carry."""
    text, counts = gift_text(request.decks)
    write_atomically(request.output, text)  # a full disk leaves no half-written file
    cards = sum(len(deck.cards) for deck in request.decks)
    notes = [
        f"{counted(cards, 'card')} in {counted(len(request.decks), 'category', 'categories')} "
        "(one per deck); import with Moodle's question bank: Import > GIFT format.",
        "Short answers and cloze gaps are matched by Moodle as written (case aside): "
        "natobrief's typo and number-word leniency does not travel.",
    ]
    if counts.split_cloze_cards:
        notes.append(
            f"{counted(counts.split_cloze_cards, 'cloze card')} with several gaps became "
            f"{counted(counts.split_cloze_questions, 'question')}, one per gap with the other gaps "
            "filled in (GIFT allows one blank per question); ids end in -1, -2, ..."
        )
    if counts.order_cards:
        notes.append(
            f"{counted(counts.order_cards, 'order card')} exported as matching questions "
            "'position -> item' (GIFT has no ordering question)."
        )
    if counts.as_choice:
        notes.append(
            f"{counted(len(counts.as_choice), 'card')} with only two pairs or items exported as "
            "multiple choice (Moodle's matching question needs three pairs; the choice is "
            "graded the same): " + ", ".join(counts.as_choice) + "."
        )
    if counts.as_short:
        notes.append(
            f"{counted(len(counts.as_short), 'card')} of a type GIFT has no question for "
            "exported as short answers with the expected answer: "
            + ", ".join(counts.as_short)
            + "."
        )
    return ExportDone(counts.questions, "question", notes)
