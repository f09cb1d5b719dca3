"""Grading: an answer and a card in, a verdict that says why out. Pure functions, no I/O.

The rules are those of docs/deck-format.md: free text is compared after
normalisation (case, spacing, end punctuation, a leading article, typographic
quotes and dashes, accents, hyphens); one typo is tolerated in answers of eight
or more letters and reported as such; numbers may carry their unit or be
written in words; choice, order and match answers may use the letters shown
or the texts themselves. Work is bounded: a megabyte of input is graded in
about the time of a short answer.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from natobrief.deck.model import (
    AnyCard,
    ChoiceCard,
    ClozeCard,
    MatchCard,
    NumberCard,
    OrderCard,
    ShortCard,
    TrueFalseCard,
)
from natobrief.text import fold_typography, strip_control

Answer = str | int | float | bool | Sequence[str] | Mapping[str, str]
TYPO_MIN_LETTERS = 8
MAX_COMPARED = 2000  # characters of an answer that can matter; the rest cannot match anything
LETTERS = "abcdefgh"


@dataclass(frozen=True, slots=True)
class Layout:
    """How a card was shown: indices into the card's lists in shown order (empty: as written)."""

    options: tuple[int, ...] = ()
    items: tuple[int, ...] = ()
    left: tuple[int, ...] = ()
    right: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class Verdict:
    """Right or wrong, and why, in words a learner reads."""

    correct: bool
    typo: bool
    expected: str
    given: str
    reason: str
    typo_detail: str = ""


_END_PUNCTUATION = " \t\n.,;:!?\"'()[]{}<>…*_`"
_ARTICLE = re.compile(r"^(?:the|a|an)\s+")
_INNER_DOT = re.compile(r"(?<=\w)\.(?=\w)")
_SPACES = re.compile(r"\s+")


def normalise_answer(text: str) -> str:
    """The form free-text answers are compared in."""
    text = strip_control(text[: MAX_COMPARED * 4])
    text = unicodedata.normalize("NFKD", fold_typography(text))
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    text = _INNER_DOT.sub("", text).replace("-", " ")
    text = _SPACES.sub(" ", text).strip(_END_PUNCTUATION)
    text = _ARTICLE.sub("", text)
    return text.strip(_END_PUNCTUATION)[:MAX_COMPARED]


def one_edit_apart(given: str, expected: str) -> bool:
    """True when one insertion, deletion, substitution or neighbour swap turns one into another."""
    if given == expected or abs(len(given) - len(expected)) > 1:
        return False
    if len(given) == len(expected):
        diffs = [i for i, (a, b) in enumerate(zip(given, expected, strict=True)) if a != b]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and given[diffs[0]] == expected[diffs[1]]
            and given[diffs[1]] == expected[diffs[0]]
        )
    shorter, longer = (given, expected) if len(given) < len(expected) else (expected, given)
    index = 0
    while index < len(shorter) and shorter[index] == longer[index]:
        index += 1
    return shorter[index:] == longer[index + 1 :]


def _letters(text: str) -> int:
    return sum(char.isalpha() for char in text)


def match_text(given: str, candidates: Sequence[str]) -> tuple[int, bool] | None:
    """Which candidate a free-text answer names: (index, typo) or None."""
    wanted = normalise_answer(given)
    normalised = [normalise_answer(candidate) for candidate in candidates]
    for index, candidate in enumerate(normalised):
        if wanted == candidate:
            return index, False
    for index, candidate in enumerate(normalised):
        if _letters(candidate) >= TYPO_MIN_LETTERS and one_edit_apart(wanted, candidate):
            return index, True
    return None


def display(answer: Answer) -> str:
    """An answer of any shape as one line of text."""
    if isinstance(answer, bool):
        return "true" if answer else "false"
    if isinstance(answer, int | float):
        return f"{answer:g}" if isinstance(answer, float) else str(answer)
    if isinstance(answer, str):
        return strip_control(answer).strip()
    if isinstance(answer, Mapping):
        return "; ".join(f"{display(k)} -> {display(v)}" for k, v in answer.items())
    return "; ".join(display(item) for item in answer)


def grade(card: AnyCard, answer: Answer, layout: Layout = Layout()) -> Verdict:
    """Grade one answer to one card, as shown in ``layout``."""
    given = display(answer)
    try:
        if isinstance(card, ShortCard):
            return _short(card, answer, given)
        if isinstance(card, ChoiceCard):
            return _choice(card, answer, given, layout.options or tuple(range(len(card.options))))
        if isinstance(card, TrueFalseCard):
            return _truefalse(card, answer, given)
        if isinstance(card, ClozeCard):
            return _cloze(card, answer, given)
        if isinstance(card, NumberCard):
            return _number(card, answer, given)
        if isinstance(card, OrderCard):
            return _order(card, answer, given, layout.items or tuple(range(len(card.items))))
        return _match(card, answer, given, layout)
    except (TypeError, ValueError, IndexError, KeyError):  # an answer of a shape we cannot read
        return _wrong(_expected(card), given, "Not understood: " + _how_to_answer(card))


def _right(expected: str, given: str, typo_pairs: list[tuple[str, str]]) -> Verdict:
    if not typo_pairs:
        return Verdict(True, False, expected, given, "Correct.")
    detail = "; ".join(f"{wrote} -> {meant}" for wrote, meant in typo_pairs)
    wrote, meant = typo_pairs[0]
    return Verdict(
        True,
        True,
        expected,
        given,
        f"Accepted with a typo: you wrote '{wrote}', expected '{meant}'.",
        detail,
    )


def _wrong(expected: str, given: str, reason: str = "") -> Verdict:
    return Verdict(False, False, expected, given, reason or f"Wrong: expected '{expected}'.")


def _short(card: ShortCard, answer: Answer, given: str) -> Verdict:
    candidates = [card.answer, *card.accept]
    found = match_text(display(answer), candidates)
    if found is None:
        return _wrong(card.answer, given)
    index, typo = found
    return _right(card.answer, given, [(given, candidates[index])] if typo else [])


def _choice(card: ChoiceCard, answer: Answer, given: str, shown: tuple[int, ...]) -> Verdict:
    expected = card.answer
    chosen: int | None = None
    typo = False
    text = display(answer).lower().rstrip(").").strip()
    if len(text) == 1 and text in LETTERS:
        position = LETTERS.index(text)
        if position >= len(shown):
            return _wrong(expected, given, "Not understood: " + _how_to_answer(card))
        chosen = shown[position]
    elif text.isdigit():
        position = int(text) - 1
        if not 0 <= position < len(shown):
            return _wrong(expected, given, "Not understood: " + _how_to_answer(card))
        chosen = shown[position]
    else:
        found = match_text(display(answer), card.options)
        if found is None:
            return _wrong(expected, given, f"Not one of the options: expected '{expected}'.")
        chosen, typo = found
    if card.options[chosen] != expected:
        return _wrong(
            expected, given, f"Wrong: you chose '{card.options[chosen]}', expected '{expected}'."
        )
    return _right(expected, given, [(given, expected)] if typo else [])


_TRUE = {"t", "true", "y", "yes"}
_FALSE = {"f", "false", "n", "no"}


def _truefalse(card: TrueFalseCard, answer: Answer, given: str) -> Verdict:
    expected = "true" if card.answer else "false"
    if isinstance(answer, bool):
        said = answer
    else:
        word = normalise_answer(display(answer))
        if word not in _TRUE | _FALSE:
            return _wrong(expected, given, "Not understood: " + _how_to_answer(card))
        said = word in _TRUE
    return _right(expected, given, []) if said == card.answer else _wrong(expected, given)


def _cloze(card: ClozeCard, answer: Answer, given: str) -> Verdict:
    expected = "; ".join(gap[0] for gap in card.gaps)
    if isinstance(answer, str):
        parts = answer.split(";") if len(card.gaps) > 1 else [answer]
    elif isinstance(answer, Sequence):
        parts = [display(part) for part in answer]
    else:
        parts = [display(answer)]
    if len(parts) != len(card.gaps):
        return _wrong(
            expected,
            given,
            f"Expected {len(card.gaps)} answers separated by ';', "
            f"got {len(parts)}: the answer is '{expected}'.",
        )
    typos: list[tuple[str, str]] = []
    for part, gap in zip(parts, card.gaps, strict=True):
        found = match_text(part, gap)
        if found is None:
            return _wrong(
                expected,
                given,
                f"Wrong: '{part.strip()}' should be '{gap[0]}'; the answer is '{expected}'.",
            )
        if found[1]:
            typos.append((part.strip(), gap[found[0]]))
    return _right(expected, given, typos)


_UNITS = {
    "": set(),
    "%": {"%", "percent", "per cent", "pc", "pct"},
}
_SMALL = {
    word: value
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
        ]
    )
}
_TENS = {
    word: 10 * value
    for value, word in enumerate(
        ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    )
    if word != "_"
}
_SCALES = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_DIGITS = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+")


def parse_number(text: str) -> tuple[float, str] | None:
    """A number at the start of ``text`` (digits or English words) and what follows it."""
    text = normalise_answer(text).replace("−", "-")
    match = _DIGITS.match(text)
    if match:
        return float(match.group().replace(",", "")), text[match.end() :].strip()
    words = text.split()
    total = current = 0
    used = 0
    for word in words:
        if word in _SMALL:
            current += _SMALL[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred" and used:
            current *= 100
        elif word in _SCALES and used:
            total += current * _SCALES[word]
            current = 0
        elif word == "and" and used:
            pass
        else:
            break
        used += 1
    if not used or words[used - 1] == "and":
        return None
    return float(total + current), " ".join(words[used:])


def _number(card: NumberCard, answer: Answer, given: str) -> Verdict:
    value = card.answer
    expected = (f"{int(value)}" if value == int(value) else f"{value:g}") + card.unit
    if card.tolerance:
        expected += f" (within {card.tolerance:g})"
    if isinstance(answer, int | float) and not isinstance(answer, bool):
        number, rest = float(answer), ""
    else:
        parsed = parse_number(display(answer))
        if parsed is None:
            return _wrong(expected, given, "Not understood: " + _how_to_answer(card))
        number, rest = parsed
    rest = rest.strip(_END_PUNCTUATION)
    unit = card.unit.strip().lower()
    if rest and unit and rest not in _UNITS.get(unit, {unit}) | {unit}:
        return _wrong(
            expected, given, f"Wrong unit: '{rest}' instead of '{card.unit}'; expected {expected}."
        )
    if abs(number - value) <= card.tolerance:
        return _right(expected, given, [])
    return _wrong(expected, given, f"Wrong: expected {expected}.")


_SEPARATORS = re.compile(r"[\s,;>\-]+")


def _order(card: OrderCard, answer: Answer, given: str, shown: tuple[int, ...]) -> Verdict:
    expected = " -> ".join(card.items)
    if isinstance(answer, str):
        letters = _SEPARATORS.sub("", answer.lower())
        if not letters or any(letter not in LETTERS[: len(shown)] for letter in letters):
            return _wrong(expected, given, "Not understood: " + _how_to_answer(card))
        chosen = [shown[LETTERS.index(letter)] for letter in letters]
    elif isinstance(answer, Sequence):
        chosen = []
        for item in answer:
            found = match_text(display(item), card.items)
            if found is None:
                return _wrong(
                    expected,
                    given,
                    f"'{display(item)}' is not one of the items; the order is {expected}.",
                )
            chosen.append(found[0])
    else:
        return _wrong(expected, given, "Not understood: " + _how_to_answer(card))
    if chosen == list(range(len(card.items))):
        return _right(expected, given, [])
    if sorted(chosen) != list(range(len(card.items))):
        return _wrong(expected, given, f"Give every item once; the order is {expected}.")
    return _wrong(expected, given, f"Wrong order: expected {expected}.")


_PAIR = re.compile(r"([a-h])\s*[-:=)]?\s*([1-8])")


def _match(card: MatchCard, answer: Answer, given: str, layout: Layout) -> Verdict:
    expected = "; ".join(f"{left} -> {right}" for left, right in card.pairs)
    count = len(card.pairs)
    left_shown = layout.left or tuple(range(count))
    right_shown = layout.right or tuple(range(count))
    chosen: dict[int, int] = {}
    if isinstance(answer, Mapping):
        lefts = [left for left, _ in card.pairs]
        rights = [right for _, right in card.pairs]
        for left_text, right_text in answer.items():
            left = match_text(display(left_text), lefts)
            right = match_text(display(right_text), rights)
            if left is None or right is None:
                return _wrong(
                    expected,
                    given,
                    f"Not understood: '{display(left_text)} -> "
                    f"{display(right_text)}' is not a pair of this card.",
                )
            chosen[left[0]] = right[0]
    elif isinstance(answer, str):
        text = answer.lower()
        pairs = _PAIR.findall(text)
        if (
            not pairs
            or _PAIR.sub("", text).strip(" ,;")
            or any(LETTERS.index(a) >= count or int(n) > count for a, n in pairs)
        ):
            return _wrong(expected, given, "Not understood: " + _how_to_answer(card))
        for letter, number in pairs:
            chosen[left_shown[LETTERS.index(letter)]] = right_shown[int(number) - 1]
    else:
        return _wrong(expected, given, "Not understood: " + _how_to_answer(card))
    if len(chosen) < count:
        return _wrong(expected, given, f"Match all {count} pairs; the answer is {expected}.")
    if all(chosen.get(index) == index for index in range(count)):
        return _right(expected, given, [])
    wrong = [card.pairs[i][0] for i in range(count) if chosen.get(i) != i]
    return _wrong(expected, given, f"Wrong for {', '.join(wrong)}: the answer is {expected}.")


def _expected(card: AnyCard) -> str:
    if isinstance(card, ShortCard | ChoiceCard):
        return card.answer
    if isinstance(card, TrueFalseCard):
        return "true" if card.answer else "false"
    if isinstance(card, ClozeCard):
        return "; ".join(gap[0] for gap in card.gaps)
    if isinstance(card, NumberCard):
        return f"{card.answer:g}{card.unit}"
    if isinstance(card, OrderCard):
        return " -> ".join(card.items)
    return "; ".join(f"{left} -> {right}" for left, right in card.pairs)


def _how_to_answer(card: AnyCard) -> str:
    if isinstance(card, ChoiceCard):
        return f"answer with a letter from a to {LETTERS[len(card.options) - 1]}."
    if isinstance(card, TrueFalseCard):
        return "answer true or false (t/f, yes/no)."
    if isinstance(card, NumberCard):
        return "answer with a number, in digits or words."
    if isinstance(card, OrderCard):
        return "give the letters in order, e.g. 'c a b'."
    if isinstance(card, MatchCard):
        return "give letter-number pairs, e.g. 'a2 b1 c3'."
    return "type the answer."
