"""Multiple choice: 2 to 8 options, one right; answered by letter, number or the option's text."""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from difflib import get_close_matches

from natobrief.cardtypes.base import LETTERS, CardKind, Common, Layout, lettered, shown, shuffled
from natobrief.cardtypes.reading import item_list
from natobrief.deck.fields import Fields
from natobrief.deck.model import ChoiceCard
from natobrief.grading.in_words import closest_option
from natobrief.grading.lenient import Accepted
from natobrief.grading.matching import (
    MAX_CODE,
    Answer,
    Problem,
    Reading,
    lookup,
    unreadable,
    wrong,
)
from natobrief.grading.normalise import normalise_answer
from natobrief.grading.numbers import parse_number


def _is_number(option: str, number: int) -> bool:
    """True when the option is that number, in digits or words ("1949", "three")."""
    parsed = parse_number(option)
    return parsed is not None and not parsed[1] and parsed[0] == number


class ChoiceKind(CardKind[ChoiceCard]):
    name = "choice"
    card_class = ChoiceCard
    title = "Multiple choice"
    instruction = "Answer with a letter."
    keys = frozenset({"options", "answer"})
    widget = "ChoiceAnswer"

    def read(self, fields: Fields, common: Common) -> ChoiceCard | None:
        options = item_list(fields, "options", "option")
        answer = fields.text(
            "answer", required=True, hint="add 'answer:' with the text of the right option"
        )
        if options is None or answer is None:
            return None
        if answer not in options:
            close = get_close_matches(answer, options, n=1, cutoff=0.5)
            hint = (
                f"did you mean '{close[0]}'?" if close else "copy the right option's text exactly"
            )
            fields.error(
                fields.node("answer"), f"answer '{answer}' is not one of the options", hint
            )
            return None
        return ChoiceCard(options=tuple(options), answer=answer, **common)  # type: ignore[arg-type]

    def expected(self, card: ChoiceCard) -> str:
        return card.answer

    def grade(
        self, card: ChoiceCard, answer: Answer, given: str, layout: Layout, reading: Reading
    ) -> Problem | None:
        """A letter or number in the shown order, or the option's text.

        A number that is exactly an option's text names that option ("1949" among years).
        """
        options, expected, count = card.options, card.answer, len(card.options)
        order = shown(layout.options, count)
        code = given.casefold().strip("()[]. ") if len(given) <= MAX_CODE else ""
        chosen: int | None
        if len(code) == 1 and code in LETTERS:
            chosen = order[LETTERS.index(code)] if LETTERS.index(code) < count else None
        elif re.fullmatch(r"[0-9]{1,3}", code):
            named = [i for i, option in enumerate(options) if _is_number(option, int(code))]
            by_number = order[int(code) - 1] if 0 < int(code) <= count else None
            chosen = named[0] if named else by_number
        else:
            chosen = lookup(given, options, reading, closed=True)
            if chosen is None:
                chosen = closest_option(given, options, reading.known)
                if chosen is None:
                    return wrong(f"Not one of the options: expected '{expected}'.")
                reading.accept(
                    Accepted("words", f"Accepted: '{given}' names the option '{options[chosen]}'.")
                )
        if chosen is None:
            return unreadable(self.how_to_answer(card))
        if normalise_answer(options[chosen]) != normalise_answer(expected):
            return wrong(f"Wrong: you chose '{options[chosen]}', expected '{expected}'.")
        return None

    def how_to_answer(self, card: ChoiceCard) -> str:
        count = len(card.options)
        return f"answer with a letter from a to {LETTERS[count - 1]} or a number from 1 to {count}."

    def layout(self, card: ChoiceCard, rng: random.Random) -> Layout:
        return Layout(options=shuffled(len(card.options), rng))

    def question_fields(self, card: ChoiceCard, layout: Layout) -> dict[str, object]:
        return {"options": lettered(card.options[k] for k in layout.options)}

    def answer_in_words(self, card: ChoiceCard, layout: Layout, text: str) -> str:
        order = shown(layout.options, len(card.options))
        letter = text.casefold().strip("()[]. ")
        if text in card.options:
            return text
        if len(letter) == 1 and letter in LETTERS[: len(order)]:
            return card.options[order[LETTERS.index(letter)]]
        if letter.isdigit() and 0 < int(letter) <= len(order):
            return card.options[order[int(letter) - 1]]
        return text

    def grounded_answers(self, card: ChoiceCard) -> list[str]:
        return [card.answer]

    def options_and_answer(self, card: ChoiceCard) -> tuple[tuple[str, ...], str]:
        return card.options, card.answer

    def warnings(self, card: ChoiceCard) -> Iterable[tuple[str, str]]:
        folded: dict[str, str] = {}
        for option in card.options:
            key = normalise_answer(option)
            if key in folded:
                yield (
                    f"options '{folded[key]}' and '{option}' are the same after normalisation",
                    "make every option different; a learner cannot tell them apart",
                )
            folded.setdefault(key, option)


KIND = ChoiceKind()
