"""Grading: a card and an answer in, a verdict that says why out. Pure functions, no I/O.

The rules are those of the deck format (docs/deck-format.md): free text is compared
after normalisation (case, spacing, end punctuation, a leading article, typographic
quotes and dashes, accents, hyphens); one typo is tolerated in answers of eight or
more letters and reported as such; numbers may carry their unit or be written in
words; choice, order and match answers may use the letters shown or the texts
themselves (answers files cannot know the shuffle). Work is bounded, so a megabyte
of input costs about as much as a short answer, and :func:`grade` never raises:
a learner's odd input is a wrong answer with a reason, not a crash.
"""

from __future__ import annotations

import math
import re
import string
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
from natobrief.grading.matching import match_text
from natobrief.grading.normalise import MAX_RAW, normalise_answer
from natobrief.grading.numbers import NUMBER_WORDS, format_number, parse_number, unit_fits
from natobrief.text import strip_control

Answer = str | int | float | bool | Sequence[str] | Mapping[str, str]
LETTERS = "abcdefgh"  # how options, items and left sides are lettered (decks have at most 8)
_MAX_CODE = 200  # letter answers ("c a b", "a2 b1 c3") are never longer than this
_ABC = string.ascii_lowercase
Typos = list[tuple[str, str]]  # (as written, as meant) for each forgiven typo


@dataclass(frozen=True, slots=True)
class Layout:
    """How a card was shown: the shuffled order of options/items/right-hand sides.

    Each tuple holds indices into the card's own list. Empty tuple = the card's own order.
    """

    options: tuple[int, ...] = ()  # choice: letter a is card.options[options[0]]
    items: tuple[int, ...] = ()  # order: shown order of card.items
    left: tuple[int, ...] = ()  # match: shown order of the left sides (lettered a, b, ...)
    right: tuple[int, ...] = ()  # match: shown order of the right sides (numbered 1, 2, ...)


@dataclass(frozen=True, slots=True)
class Verdict:
    """Right or wrong, and why, in words a learner reads (both faces show ``reason``)."""

    correct: bool
    typo: bool  # correct, but only by the one tolerated typo
    expected: str  # the canonical answer as a learner should see it
    given: str  # the answer as received, as one display string, control characters stripped
    reason: str  # one plain sentence saying why
    typo_detail: str = ""  # when typo: "Stoltenbreg -> Stoltenberg"
    # Set when the answer could not be read as an answer to this card (a word
    # for a number, a letter with no option, pairs missing): what to fix, without
    # giving the answer away. The app then asks again instead of grading it;
    # headless mode grades it wrong, so a script's answers stay one per question.
    retry_hint: str = ""


# Showing answers and verdicts


def display(answer: object) -> str:
    """Any answer as one display string, control characters stripped; never raises."""
    try:
        return strip_control(_show(answer, 0)).strip()
    except Exception:  # an object whose str() fails: there is nothing to show
        return ""


def _show(value: object, depth: int) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):  # str() of a 5000-digit int raises; no answer is that long
        return str(value) if value.bit_length() < 10_000 else "(a number too long to show)"
    if isinstance(value, float):
        return format_number(value)
    if value is None or depth > 3:  # depth: nested or self-containing lists
        return ""
    if isinstance(value, Mapping):
        items = value.items()
        return "; ".join(f"{_show(k, depth + 1)} -> {_show(v, depth + 1)}" for k, v in items)
    if isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
        return "; ".join(_show(item, depth + 1) for item in value)
    return str(value)


def _typo_pair(wrote: str, meant: str) -> tuple[str, str]:
    """The one word that differs ("Stoltenbreg", "Stoltenberg"), else both whole texts."""
    wrote_words, meant_words = wrote.split(), meant.split()
    if len(wrote_words) == len(meant_words):
        pairs = zip(wrote_words, meant_words, strict=True)
        differ = [(w, m) for w, m in pairs if normalise_answer(w) != normalise_answer(m)]
        if len(differ) == 1:
            return differ[0]
    return wrote.strip(), meant


def _lookup(text: str, names: Sequence[str], typos: Typos) -> int | None:
    """The index of the name ``text`` gives, or None; a typo is noted in ``typos``."""
    found = match_text(text, names)
    if found is not None and found[1]:
        typos.append(_typo_pair(text, names[found[0]]))
    return None if found is None else found[0]


def _shown(order: tuple[int, ...], count: int) -> tuple[int, ...]:
    """The shown order; the card's own when the layout is empty or not a permutation."""
    if len(order) == count and sorted(order) == list(range(count)):
        return order
    return tuple(range(count))


# Grading


class _Unreadable(str):
    """A reason meaning the answer could not be read; ``hint`` says what to fix."""

    hint: str


def _unreadable(hint: str, reason: str | None = None) -> _Unreadable:
    """``reason`` (default "Not understood: " + hint) marked as unreadable, with ``hint``."""
    problem = _Unreadable(reason if reason is not None else f"Not understood: {hint}")
    problem.hint = hint[:1].upper() + hint[1:]
    return problem


def grade(card: AnyCard, answer: Answer, layout: Layout = Layout()) -> Verdict:
    """Grade one answer to one card, as shown in ``layout``. Never raises."""
    given = display(answer)
    try:
        expected, hint = expected_answer(card), _how_to_answer(card)
    except Exception:  # not a card, or a malformed one: nothing can be right
        return Verdict(False, False, "", given, "Cannot grade: this card is malformed.")
    typos: Typos = []
    problem: str | None = f"No answer: expected '{expected}'."
    if given:
        try:
            problem = _check(card, answer, given, layout, typos)
        except Exception:  # an answer of a shape no rule reads is wrong, never a crash
            problem = _unreadable(hint)
    if problem is not None:
        retry = problem.hint if isinstance(problem, _Unreadable) else ""
        return Verdict(False, False, expected, given, str(problem), retry_hint=retry)
    if not typos:
        return Verdict(True, False, expected, given, "Correct.")
    detail = "; ".join(f"{wrote} -> {meant}" for wrote, meant in typos)
    if len(typos) == 1:
        reason = f"Accepted with a typo: you wrote '{typos[0][0]}', expected '{typos[0][1]}'."
    else:
        reason = f"Accepted with {len(typos)} typos: {detail}."
    return Verdict(True, True, expected, given, reason, detail)


def _check(card: AnyCard, answer: Answer, given: str, layout: Layout, typos: Typos) -> str | None:
    """None when ``answer`` is right (forgiven typos noted), else the sentence saying why not."""
    if isinstance(card, ShortCard):
        return _short(card, given, typos)
    if isinstance(card, ChoiceCard):
        return _choice(card, given, layout, typos)
    if isinstance(card, TrueFalseCard):
        return _truefalse(card, answer, given)
    if isinstance(card, ClozeCard):
        return _cloze(card, answer, given, typos)
    if isinstance(card, NumberCard):
        return _number(card, answer, given)
    if isinstance(card, OrderCard):
        return _order(card, answer, given, layout, typos)
    return _match(card, answer, given, layout, typos)


def _short(card: ShortCard, given: str, typos: Typos) -> str | None:
    if _lookup(given, (card.answer, *card.accept), typos) is None:
        return f"Wrong: expected '{card.answer}'."
    return None


def _choice(card: ChoiceCard, given: str, layout: Layout, typos: Typos) -> str | None:
    """A letter or number in the shown order, or the option's text.

    A number that is exactly an option's text names that option ("1949" among years).
    """
    options, expected, count = card.options, card.answer, len(card.options)
    shown = _shown(layout.options, count)
    code = given.casefold().strip("()[]. ") if len(given) <= _MAX_CODE else ""
    chosen: int | None
    if len(code) == 1 and code in _ABC:
        chosen = shown[_ABC.index(code)] if _ABC.index(code) < count else None
    elif re.fullmatch(r"[0-9]{1,3}", code):
        named = [i for i, option in enumerate(options) if normalise_answer(option) == code]
        chosen = named[0] if named else (shown[int(code) - 1] if 0 < int(code) <= count else None)
    else:
        chosen = _lookup(given, options, typos)
        if chosen is None:
            return f"Not one of the options: expected '{expected}'."
    if chosen is None:
        return _unreadable(_how_to_answer(card))
    if normalise_answer(options[chosen]) != normalise_answer(expected):
        return f"Wrong: you chose '{options[chosen]}', expected '{expected}'."
    return None


_TRUE = frozenset({"t", "true", "y", "yes"})
_FALSE = frozenset({"f", "false", "n", "no"})


def _truefalse(card: TrueFalseCard, answer: Answer, given: str) -> str | None:
    word = normalise_answer(given) if len(given) <= _MAX_CODE else ""
    if not isinstance(answer, bool) and word not in _TRUE | _FALSE:
        return _unreadable(_how_to_answer(card))
    said = answer if isinstance(answer, bool) else word in _TRUE
    return None if said == card.answer else f"Wrong: the statement is {expected_answer(card)}."


def _cloze(card: ClozeCard, answer: Answer, given: str, typos: Typos) -> str | None:
    """The gaps in order: a list, or one string with ';' between gaps."""
    gaps, count, expected = card.gaps, len(card.gaps), expected_answer(card)
    if isinstance(answer, str) or not isinstance(answer, Sequence):
        text = given.strip(" ;")
        got = text.count(";") + 1 if count > 1 else 1
        parts = text.split(";", count) if count > 1 else [text]
    else:
        got, parts = len(answer), [display(part) for part in answer[: count + 1]]
    if got != count:
        wanted = f"{count} answers separated by ';'" if count > 1 else "one answer"
        return f"Expected {wanted}, got {got}; the answer is '{expected}'."
    wrong = [
        f"gap {number} should be '{gap[0]}', not '{part.strip()}'"
        for number, (part, gap) in enumerate(zip(parts, gaps, strict=True), 1)
        if _lookup(part, gap, typos) is None
    ]
    if wrong:
        return f"Wrong: expected '{expected}'." if count == 1 else f"Wrong: {'; '.join(wrong)}."
    return None


def _number(card: NumberCard, answer: Answer, given: str) -> str | None:
    """Digits or words, with the card's unit or none; a different unit is wrong."""
    unit, expected = card.unit.strip(), expected_answer(card)
    if isinstance(answer, int | float) and not isinstance(answer, bool):
        number, rest = (float(answer) if abs(answer) < 1e300 else math.inf), ""
    else:
        parsed = parse_number(given) if len(given) <= _MAX_CODE else None
        if parsed is None:
            return _unreadable(_how_to_answer(card))
        number, rest = parsed
    if rest and not (unit and unit_fits(rest, unit)):
        if any(char.isdigit() for char in rest) or NUMBER_WORDS & set(rest.split()):
            return _unreadable(
                "give one number.", f"Not understood: give one number; expected {expected}."
            )
        if unit:  # a card without a unit takes any ("75 years"); one with a unit wants it
            return f"Wrong unit: '{rest}' instead of '{unit}'; expected {expected}."
    tolerance = max(card.tolerance, 0.0)
    if abs(number - card.answer) <= tolerance + 1e-9 * max(1.0, abs(card.answer)):
        return None
    within = f" (give or take {format_number(tolerance)})" if tolerance else ""
    return f"Wrong: expected {expected}{within}."


_LETTER_GAPS = re.compile(r"[\s,;>\-.)(]+")
_TEXT_GAPS = re.compile(r"\s*(?:->|→|>|;|,|\n)\s*")


def _order(card: OrderCard, answer: Answer, given: str, layout: Layout, typos: Typos) -> str | None:
    """Letters of the shown items in order ("c a b"), or the item texts in order."""
    items, count, expected = card.items, len(card.items), expected_answer(card)
    shown = _shown(layout.items, count)
    code = _LETTER_GAPS.sub("", given.casefold()) if len(given) <= _MAX_CODE else ""
    if isinstance(answer, str) and code and all(char in _ABC[:count] for char in code):
        chosen = [shown[_ABC.index(char)] for char in code]
    else:
        texts: list[str] = []
        if isinstance(answer, str) and len(given) <= MAX_RAW:
            texts = _TEXT_GAPS.split(given)
        elif isinstance(answer, Sequence) and not isinstance(answer, str):
            texts = [display(text) for text in answer[: count + 1]]
        if len(texts) != count:
            return _unreadable(_how_to_answer(card))
        found = [_lookup(text, items, typos) for text in texts]
        unknown = [text for text, index in zip(texts, found, strict=True) if index is None]
        if unknown:
            return f"'{unknown[0]}' is not one of the items; expected {expected}."
        chosen = [index for index in found if index is not None]
    if sorted(items[i] for i in chosen) != sorted(items):
        each = f"Give all {count} items, each once"
        return _unreadable(f"{each}.", f"{each}; expected {expected}.")
    if [items[i] for i in chosen] != list(items):
        return f"Wrong order: expected {expected}."
    return None


_PAIR = re.compile(r"([a-z])[\s\-:=)>.]*([0-9]{1,2})")
_PAIR_GAPS = re.compile(r"[\s,;/&]*")


def _match(card: MatchCard, answer: Answer, given: str, layout: Layout, typos: Typos) -> str | None:
    """Letter-number pairs in the shown order ("a2 b1 c3"), or a mapping left -> right."""
    count, expected = len(card.pairs), expected_answer(card)
    lefts, rights = [left for left, _ in card.pairs], [right for _, right in card.pairs]
    chosen: dict[int, int] = {}  # left index -> right index, both in the card's order
    if isinstance(answer, Mapping):
        for key, value in list(answer.items())[: count + 1]:
            key, value = display(key), display(value)
            left, right = _lookup(key, lefts, typos), _lookup(value, rights, typos)
            if left is None:
                return _unreadable(
                    f"'{key}' is not on the left.",
                    f"Not understood: '{key}' is not on the left; expected {expected}.",
                )
            if right is None:
                return _unreadable(
                    f"'{value}' is not on the right.",
                    f"Not understood: '{value}' is not on the right; expected {expected}.",
                )
            if left in chosen:
                return _unreadable(
                    f"'{lefts[left]}' is paired twice.",
                    f"'{lefts[left]}' is paired twice; expected {expected}.",
                )
            chosen[left] = right
    else:
        left_shown, right_shown = _shown(layout.left, count), _shown(layout.right, count)
        code = given.casefold() if isinstance(answer, str) and len(given) <= _MAX_CODE else ""
        found = list(_PAIR.finditer(code))
        if not found or not _PAIR_GAPS.fullmatch(_PAIR.sub(" ", code)):
            return _unreadable(_how_to_answer(card))
        for pair in found:
            letter, number = _ABC.index(pair.group(1)), int(pair.group(2))
            if letter >= count or not 0 < number <= count:
                return _unreadable(_how_to_answer(card))
            if left_shown[letter] in chosen:
                return _unreadable(
                    f"'{pair.group(1)}' is paired twice.",
                    f"'{pair.group(1)}' is paired twice; expected {expected}.",
                )
            chosen[left_shown[letter]] = right_shown[number - 1]
    missing = [lefts[i] for i in range(count) if i not in chosen]
    if missing:
        pairs = f"Match all {count} pairs ({', '.join(missing)} missing)"
        shown = _shown(layout.left, count)  # the hint names them as the learner sees them
        letters = [f"{_ABC[n]} ({lefts[i]})" for n, i in enumerate(shown) if i not in chosen]
        hint = f"Match all {count} pairs: {', '.join(letters)} missing."
        return _unreadable(hint, f"{pairs}; expected {expected}.")
    wrong = [lefts[i] for i in range(count) if rights[chosen[i]] != rights[i]]
    return f"Wrong for {', '.join(wrong)}: expected {expected}." if wrong else None


def answer_in_words(card: AnyCard, layout: Layout, given: str) -> str:
    """An answer as the texts it named, read as the grader reads it: true/false, the chosen
    option, the items in the order given, the pairs as "left → right"; else as typed.

    Letters and numbers refer to the shuffled ``layout``, which is gone by the
    time an exam's results are read.
    """
    text = given.strip()
    if not text:
        return "—"
    code = text.casefold()
    if isinstance(card, TrueFalseCard) and code in _TRUE | _FALSE:
        return "true" if code in _TRUE else "false"
    if isinstance(card, ChoiceCard):
        shown = _shown(layout.options, len(card.options))
        letter = code.strip("()[]. ")
        if text in card.options:
            return text
        if len(letter) == 1 and letter in LETTERS[: len(shown)]:
            return card.options[shown[LETTERS.index(letter)]]
        if letter.isdigit() and 0 < int(letter) <= len(shown):
            return card.options[shown[int(letter) - 1]]
    elif isinstance(card, OrderCard):
        shown = _shown(layout.items, len(card.items))
        letters = _LETTER_GAPS.sub("", code)
        if len(letters) == len(shown) and all(char in LETTERS[: len(shown)] for char in letters):
            return " → ".join(card.items[shown[LETTERS.index(char)]] for char in letters)
        return " → ".join(part for part in _TEXT_GAPS.split(text) if part)
    elif isinstance(card, MatchCard):
        count = len(card.pairs)
        left, right = _shown(layout.left, count), _shown(layout.right, count)
        found = list(_PAIR.finditer(code))
        if found and _PAIR_GAPS.fullmatch(_PAIR.sub(" ", code)):
            named = []
            for pair in found:
                index, number = LETTERS.find(pair.group(1)), int(pair.group(2))
                if not (0 <= index < count and 0 < number <= count):
                    return text
                named.append(f"{card.pairs[left[index]][0]} → {card.pairs[right[number - 1]][1]}")
            return "; ".join(named)
    return text


def answer_line(card: AnyCard, verdict: Verdict) -> str | None:
    """The right answer to show after ``verdict``, None when its reason already says it.

    A number card's tolerance is part of the answer (31 was right for 32 give
    or take 1). Both faces show it this way, after the reason.
    """
    expected = verdict.expected
    said = (f"expected {expected}", f"expected '{expected}'", f"statement is {expected}")
    if any(phrase in verdict.reason for phrase in said):
        return None
    if isinstance(card, NumberCard) and card.tolerance > 0:
        expected += f" (give or take {format_number(card.tolerance)})"
    return expected


def expected_answer(card: AnyCard) -> str:
    """The canonical answer of a card as a learner sees it (the feedback's "Answer")."""
    if isinstance(card, ShortCard | ChoiceCard):
        return card.answer
    if isinstance(card, TrueFalseCard):
        return "true" if card.answer else "false"
    if isinstance(card, ClozeCard):
        return "; ".join(gap[0] if gap else "" for gap in card.gaps)
    if isinstance(card, NumberCard):
        unit = card.unit.strip()
        return format_number(card.answer) + (f" {unit}" if unit[:1].isalnum() else unit)
    if isinstance(card, OrderCard):
        return " -> ".join(card.items)
    if isinstance(card, MatchCard):
        return "; ".join(f"{left} -> {right}" for left, right in card.pairs)
    raise TypeError(f"not a card: {type(card).__name__}")


def _how_to_answer(card: AnyCard) -> str:
    """How answers to this card are written, for "Not understood" verdicts."""
    if isinstance(card, ChoiceCard):
        count = len(card.options)
        return f"answer with a letter from a to {_ABC[count - 1]} or a number from 1 to {count}."
    if isinstance(card, TrueFalseCard):
        return "answer true or false (t/f, y/n, yes/no)."
    if isinstance(card, NumberCard):
        return "answer with a number, in digits or words (e.g. 90 or ninety)."
    if isinstance(card, OrderCard):
        return f"give the letters a to {_ABC[len(card.items) - 1]} in order, e.g. 'c a b'."
    if isinstance(card, MatchCard):
        return f"give letter-number pairs from a to {_ABC[len(card.pairs) - 1]}, e.g. 'a2 b1 c3'."
    return "type the answer."
