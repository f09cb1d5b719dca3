"""What a card type is: the one object each type module registers (see registry.py).

Everything that differs between card types lives on its :class:`CardKind`: how
it is read from a deck, graded, shown, shuffled and described. The engine, both
faces, the deck reader and the lint look the kind up instead of asking what
class a card is, so adding a card type is adding one module. Exports keep
their own writer per type (functools.singledispatch), with a fallback that
writes any other type as a short-answer question.
"""

from __future__ import annotations

import random
import string
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Generic, TypeVar

from natobrief.deck.model import Card
from natobrief.grading.matching import Answer, Problem, Reading
from natobrief.grading.normalise import normalise_answer

if TYPE_CHECKING:
    from natobrief.deck.fields import Fields

# How options, items and left sides are lettered (decks have at most 8; a
# letter past the card's count is read as a letter with no option).
LETTERS = string.ascii_lowercase

Common = dict[str, object]  # the fields every card has, read before the type's own
C = TypeVar("C", bound=Card)


@dataclass(frozen=True, slots=True)
class Layout:
    """How a card was shown: the shuffled order of options/items/right-hand sides.

    Each tuple holds indices into the card's own list. Empty tuple = the card's own order.
    """

    options: tuple[int, ...] = ()  # choice: letter a is card.options[options[0]]
    items: tuple[int, ...] = ()  # order: shown order of card.items
    left: tuple[int, ...] = ()  # match: shown order of the left sides (lettered a, b, ...)
    right: tuple[int, ...] = ()  # match: shown order of the right sides (numbered 1, 2, ...)


def shown(order: tuple[int, ...], count: int) -> tuple[int, ...]:
    """The shown order; the card's own when the layout is empty or not a permutation."""
    if len(order) == count and sorted(order) == list(range(count)):
        return order
    return tuple(range(count))


def shuffled(count: int, rng: random.Random) -> tuple[int, ...]:
    """0 .. count-1 in the order ``rng`` gives."""
    order = list(range(count))
    rng.shuffle(order)
    return tuple(order)


def lettered(texts: Iterable[str]) -> list[str]:
    """Texts as shown with their letters: "a) Japan", "b) India"."""
    return [f"{LETTERS[i]}) {text}" for i, text in enumerate(texts)]


class CardKind(Generic[C]):
    """One card type. Subclasses set the names and override what their type does.

    The defaults fit a type answered by typing text, shown in the card's own order.
    """

    name: str  # as written after 'type:' in a deck
    card_class: type[C]
    title: str  # what the type is called on screen ("Short answer")
    instruction: str  # how to answer, one sentence (the headless face, after the question)
    keys: frozenset[str] = frozenset()  # the type's own keys in a deck, besides the common ones
    widget: str = "TextAnswer"  # the class name of its answer widget in natobrief.tui
    prompt_required: bool = True  # False where the type's own text is the question (cloze)

    # Reading

    def read(self, fields: Fields, common: Common) -> C | None:
        """The card from its deck entry (its common fields already read), None on an error.

        Every problem is recorded through ``fields``.
        """
        raise NotImplementedError

    # Grading

    def expected(self, card: C) -> str:
        """The canonical answer as a learner sees it (the feedback's "Answer")."""
        raise NotImplementedError

    def grade(
        self, card: C, answer: Answer, given: str, layout: Layout, reading: Reading
    ) -> Problem | None:
        """None when ``answer`` is right (what was accepted noted in ``reading``), else why not.

        ``given`` is the answer as one display string. May raise on an answer of
        a shape no rule reads: the caller then says how to answer.
        """
        raise NotImplementedError

    def how_to_answer(self, card: C) -> str:
        """How answers to this card are written, for "Not understood" verdicts."""
        return "type the answer."

    def answer_line(self, card: C) -> str:
        """The right answer as the feedback's answer line shows it (a tolerance added)."""
        return self.expected(card)

    # Showing

    def layout(self, card: C, rng: random.Random) -> Layout:
        """The shuffle the card is shown in."""
        return Layout()

    def shown_text(self, card: C) -> str | None:
        """A text shown under the prompt (a cloze's text, its gaps numbered), None for none."""
        return None

    def label(self, card: C) -> str:
        """The card in one line, as lists show it (the card browser, exam results, the class
        report): its prompt, and the text it shows under the prompt when it has one (a
        cloze's sentence, its gaps numbered), in place of a prompt that says only how to
        answer."""
        shown = self.shown_text(card)
        if shown is None:
            return card.prompt
        shown = " ".join(shown.split())
        return shown if self.generic_prompt(card) else f"{card.prompt} {shown}"

    def generic_prompt(self, card: C) -> bool:
        """True when the card's prompt is the type's default, which names no fact."""
        return False

    def question_fields(self, card: C, layout: Layout) -> dict[str, object]:
        """The type's own fields of a question event (options, items, text ...)."""
        return {}

    def answer_in_words(self, card: C, layout: Layout, text: str) -> str:
        """An answer (stripped, not empty) as the texts it named; letters refer to ``layout``."""
        return text

    def expected_as_shown(self, card: C, layout: Layout) -> str | None:
        """The right answer in the notation the question was answered in, when it is not the
        words (a match's "a3 b1 c2"); None when the words are that notation."""
        return None

    def expected_in_words(self, card: C) -> str:
        """The right answer written as :meth:`answer_in_words` writes answers."""
        return self.expected(card)

    # What the deck lint reads

    def asked_text(self, card: C) -> str:
        """Everything the learner reads as the question (a cloze's gaps blanked)."""
        return card.prompt

    def question_key(self, card: C) -> str:
        """The question in normalised form: two cards with one key ask the same thing."""
        return normalise_answer(card.prompt)

    def grounded_answers(self, card: C) -> list[str]:
        """The canonical answers that the card's quotes or note should support."""
        return []

    def answers_shown_by(self, card: C) -> list[str]:
        """Texts that, seen on a screen before the card is asked, give its answer away
        (spacing.py keeps the card back while a recent feedback screen holds one)."""
        return self.grounded_answers(card)

    def warnings(self, card: C) -> Iterable[tuple[str, str]]:
        """Type-specific (message, hint) warnings about one card."""
        return ()

    def options_and_answer(self, card: C) -> tuple[tuple[str, ...], str] | None:
        """A card that offers options: all of them and the right one (the item lint reads it)."""
        return None

    def statement_truth(self, card: C) -> bool | None:
        """A true/false card's answer, for the deck's true/false balance; None for others."""
        return None
