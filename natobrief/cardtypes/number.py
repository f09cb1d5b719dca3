"""Number: right within the card's tolerance, in digits or words, with its unit or none."""

from __future__ import annotations

import math

from natobrief.cardtypes.base import CardKind, Common, Layout
from natobrief.cardtypes.reading import number_field
from natobrief.deck.fields import Fields
from natobrief.deck.model import NumberCard
from natobrief.grading.lenient import NEGATIONS, Accepted
from natobrief.grading.matching import MAX_CODE, Answer, Problem, Reading, unreadable, wrong
from natobrief.grading.numbers import (
    NUMBER_WORDS,
    find_number,
    format_number,
    fraction_of,
    strip_hedge,
    unit_fits,
)


class NumberKind(CardKind[NumberCard]):
    name = "number"
    card_class = NumberCard
    title = "Number"
    instruction = "Answer with a number."
    keys = frozenset({"answer", "tolerance", "unit"})
    widget = "NumberAnswer"

    def read(self, fields: Fields, common: Common) -> NumberCard | None:
        answer = number_field(fields, "answer", required=True)
        tolerance = number_field(fields, "tolerance", required=False)
        unit = fields.text("unit") or ""
        if answer is None:
            return None
        if tolerance is not None and tolerance < 0:
            fields.error(
                fields.node("tolerance"),
                "tolerance cannot be negative",
                "write how far off an answer may be, e.g. 'tolerance: 1'",
            )
            return None
        return NumberCard(answer=answer, tolerance=tolerance or 0.0, unit=unit, **common)  # type: ignore[arg-type]

    def expected(self, card: NumberCard) -> str:
        unit = card.unit.strip()
        return format_number(card.answer) + (f" {unit}" if unit[:1].isalnum() else unit)

    def grade(
        self, card: NumberCard, answer: Answer, given: str, layout: Layout, reading: Reading
    ) -> Problem | None:
        """Digits or words, with the card's unit or none; a different unit is wrong.

        A hedge ("about 90%", "~90") and words before the number ("in 2003",
        "revived in 2017") are read around it; the number is still held to the
        card's tolerance. Two numbers ("30 or 32") are not one answer.
        """
        unit, expected = card.unit.strip(), self.expected(card)
        if isinstance(answer, int | float) and not isinstance(answer, bool):
            number, rest = (float(answer) if abs(answer) < 1e300 else math.inf), ""
            hedge, before = "", list[str]()
        else:
            text, hedge = strip_hedge(given) if len(given) <= MAX_CODE else ("", "")
            found = find_number(text) if text else None
            if found is None:
                return unreadable(self.how_to_answer(card))
            number, before, rest = found
            if any(word in NEGATIONS for word in before):
                return wrong(f"Wrong: expected {expected}.")  # "not 2001"
            share = fraction_of(rest) if unit == "%" else None
            if share is not None:  # "nine out of ten" as a percentage
                number, rest = 100 * number / share[0], share[1]
        rest = rest.lstrip("-").strip()
        if rest in ("s", "'s"):  # "the 2010s" is a decade, not the year
            return wrong(f"Wrong: '{given}' is a decade; expected {expected}.")
        if rest and not (unit and unit_fits(rest, unit)):
            if any(char.isdigit() for char in rest) or NUMBER_WORDS & set(rest.split()):
                return unreadable(
                    "give one number.", f"Not understood: give one number; expected {expected}."
                )
            if unit:  # a card without a unit takes any ("75 years"); one with a unit wants it
                return wrong(f"Wrong unit: '{rest}' instead of '{unit}'; expected {expected}.")
        tolerance = max(card.tolerance, 0.0)
        if abs(number - card.answer) <= tolerance + 1e-9 * max(1.0, abs(card.answer)):
            if hedge or before:
                shown = format_number(number)
                reading.accept(Accepted("number", f"Accepted: '{given}' reads as {shown}."))
            return None
        within = f" (give or take {format_number(tolerance)})" if tolerance else ""
        return wrong(f"Wrong: expected {expected}{within}.")

    def how_to_answer(self, card: NumberCard) -> str:
        return "answer with a number, in digits or words (e.g. 90 or ninety)."

    def answer_line(self, card: NumberCard) -> str:
        """A tolerance is part of the answer: 31 was right for 32 give or take 1."""
        if card.tolerance > 0:
            return self.expected(card) + f" (give or take {format_number(card.tolerance)})"
        return self.expected(card)

    def grounded_answers(self, card: NumberCard) -> list[str]:
        value = card.answer
        return [str(int(value)) if value == int(value) else str(value)]


KIND = NumberKind()
