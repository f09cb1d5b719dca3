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
from natobrief.text import collapse_whitespace, fold_typography, strip_control

Answer = str | int | float | bool | Sequence[str] | Mapping[str, str]
LETTERS = "abcdefgh"  # how options, items and left sides are lettered (decks have at most 8)
TYPO_MIN_LETTERS = 8  # a typo is forgiven only in expected answers this long (in letters)
MAX_COMPARED = 2000  # normalised characters that can matter; no deck answer is longer
_MAX_RAW = 4 * MAX_COMPARED  # raw characters looked at; anything longer matches nothing
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


# Normalisation

_EDGE = frozenset(".,;:!?\"'`()[]{}<>…*_/\\|~¿¡")
_EDGE_CATEGORIES = frozenset({"Ps", "Pe", "Pi", "Pf"})  # brackets and quotes of any script
_ARTICLE = re.compile(r"^(?:the|a|an) ")
_INNER_DOT = re.compile(r"(?<=[^\W\d_])\.(?=[^\W\d_])")  # U.S. -> US, but 3.5 stays 3.5
_INNER_COMMA = re.compile(r",(?!\d)|(?<!\d),")  # a word break, but 1,000 stays 1,000


def _is_edge(char: str) -> bool:
    return char.isspace() or char in _EDGE or unicodedata.category(char) in _EDGE_CATEGORIES


def _strip_edges(text: str) -> str:
    """Drop whitespace and punctuation at both ends (not %, $ or #, which carry meaning)."""
    start, end = 0, len(text)
    while start < end and _is_edge(text[start]):
        start += 1
    while end > start and _is_edge(text[end - 1]):
        end -= 1
    return text[start:end]


def _fold(text: str) -> str:
    """Case, accents, typography, control and invisible characters and spacing folded away.

    Only the first ``_MAX_RAW`` characters are looked at, so the cost is bounded.
    """
    text = collapse_whitespace(strip_control(text[:_MAX_RAW]))
    text = fold_typography(unicodedata.normalize("NFKD", fold_typography(text)))
    text = "".join(
        char
        for char in text
        if not unicodedata.combining(char) and unicodedata.category(char) != "Cf"
    )
    return collapse_whitespace(text.casefold())


def normalise_answer(text: str) -> str:
    """The form free-text answers are compared in ("  The Indo–Pacific FOUR. " -> "indo pacific
    four"). Hyphens and commas count as spaces: "Indo Pacific Four" names "Indo-Pacific Four".
    At most ``MAX_COMPARED`` characters are kept.
    """
    text = _INNER_COMMA.sub(" ", _INNER_DOT.sub("", _fold(text))).replace("-", " ")
    text = _strip_edges(collapse_whitespace(text))
    return _strip_edges(_ARTICLE.sub("", text))[:MAX_COMPARED]


def one_edit_apart(given: str, expected: str) -> bool:
    """True when one typo turns ``given`` into ``expected``; O(n), no edit-distance matrix.

    A typo is one character inserted, deleted or replaced, or two neighbours swapped.
    A changed digit is never a typo: "Resolution 2231" and "2232" are different things.
    """
    if given == expected or abs(len(given) - len(expected)) > 1:
        return False
    at = 0
    while at < min(len(given), len(expected)) and given[at] == expected[at]:
        at += 1
    if len(given) == len(expected):
        if given[at + 1 :] == expected[at + 1 :]:
            changed = given[at] + expected[at]
        elif (
            given[at] == expected[at + 1]
            and given[at + 1] == expected[at]
            and given[at + 2 :] == expected[at + 2 :]
        ):
            changed = given[at : at + 2]
        else:
            return False
    else:
        shorter, longer = sorted((given, expected), key=len)
        if shorter[at:] != longer[at + 1 :]:
            return False
        changed = longer[at]
    return not any(char.isdigit() for char in changed)


def match_text(given: str, candidates: Sequence[str]) -> tuple[int, bool] | None:
    """Which candidate a free-text answer names, as (index, by a typo), or None.

    An exact match after normalisation comes first, then the same number written
    another way ("thirty-two" for "32"), then one typo in a candidate of eight or
    more letters.
    """
    if len(given.strip()) > _MAX_RAW:
        return None  # longer than anything a deck holds
    wanted = normalise_answer(given)
    if not wanted:
        return None
    normalised = [normalise_answer(candidate) for candidate in candidates]
    if wanted in normalised:
        return normalised.index(wanted), False
    number = _comparable_number(given)
    if number is not None:
        for index, candidate in enumerate(candidates):
            if _comparable_number(candidate) == number:
                return index, False
    for index, candidate in enumerate(normalised):
        letters = sum(char.isalpha() for char in candidate)
        if letters >= TYPO_MIN_LETTERS and one_edit_apart(wanted, candidate):
            return index, True
    return None


# Numbers

_ONES = "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
_TEENS = "fifteen sixteen seventeen eighteen nineteen"
_SMALL = {word: value for value, word in enumerate(f"{_ONES} {_TEENS}".split())}
_TENS_WORDS = "twenty thirty forty fifty sixty seventy eighty ninety"
_TENS = {word: 10 * value for value, word in enumerate(_TENS_WORDS.split(), 2)}
_SCALES = {"thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
_BIG = frozenset({"hundred", *_SCALES})
_NUMBER_WORDS = frozenset({*_SMALL, *_TENS, *_BIG})
_DIGITS = re.compile(r"[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:e[-+]?\d{1,3})?|[-+]?\.\d+")
_PERCENT = frozenset({"%", "percent", "per cent", "pc", "pct"})


def number_in_words(value: int) -> str:
    """A whole number from 0 to 99 in words, as normalised answers write it ("thirty two")."""
    small = {number: word for word, number in _SMALL.items()}
    if value < 20:
        return small[value]
    tens = {number: word for word, number in _TENS.items()}[value - value % 10]
    return tens + (f" {small[value % 10]}" if value % 10 else "")


def parse_number(text: str) -> tuple[float, str] | None:
    """A number at the start of ``text``, in digits ("1,000", "-2.5") or English words
    ("thirty-two", "one hundred and five", "two thousand and ten"), and the rest of the
    text folded (the unit, if any). None when the text does not start with a number.
    """
    text = _fold(text).lstrip("\"'([{<")
    match = _DIGITS.match(text)
    if match:
        return float(match.group().replace(",", "")), _strip_edges(text[match.end() :])
    words = text.replace("-", " ").split(" ", 40)
    total = current = used = 0
    for index, word in enumerate(words[:40]):
        following = words[index + 1] if index + 1 < len(words) else ""
        if word in _TENS and current % 100 == 0:
            current += _TENS[word]
        elif word in _SMALL and current % 10 == 0 and (current % 100 == 0 or _SMALL[word] < 10):
            current += _SMALL[word]
        elif word == "hundred" and current < 100:
            current = (current or 1) * 100
        elif word in _SCALES:
            total, current = total + (current or 1) * _SCALES[word], 0
        elif (word == "and" and used and words[index - 1] in _BIG) or (
            word == "a" and not used and following in _BIG  # "a hundred"
        ):
            pass
        else:
            break
        used += 1
    if used and words[used - 1] == "and":
        used -= 1
    if not used:
        return None
    return float(total + current), _strip_edges(" ".join(words[used:]))


def _comparable_number(text: str) -> tuple[float, str] | None:
    parsed = parse_number(text)
    return None if parsed is None else (parsed[0], normalise_answer(parsed[1]))


def _format_number(value: float) -> str:
    if not math.isfinite(value):
        return str(value)
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def _unit_fits(rest: str, unit: str) -> bool:
    """Whether what follows the number names the card's unit (plural or not)."""
    unit = _fold(unit).strip(" .")
    if unit == "%":
        return rest in _PERCENT
    return rest.rstrip(".") in {unit, unit.removesuffix("s"), unit + "s"}


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
        return _format_number(value)
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


def grade(card: AnyCard, answer: Answer, layout: Layout = Layout()) -> Verdict:
    """Grade one answer to one card, as shown in ``layout``. Never raises."""
    given = display(answer)
    try:
        expected, hint = _expected(card), _how_to_answer(card)
    except Exception:  # not a card, or a malformed one: nothing can be right
        return Verdict(False, False, "", given, "Cannot grade: this card is malformed.")
    typos: Typos = []
    problem: str | None = f"No answer: expected '{expected}'."
    if given:
        try:
            problem = _check(card, answer, given, layout, typos)
        except Exception:  # an answer of a shape no rule reads is wrong, never a crash
            problem = f"Not understood: {hint}"
    if problem is not None:
        return Verdict(False, False, expected, given, problem)
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
        return f"Not understood: {_how_to_answer(card)}"
    if normalise_answer(options[chosen]) != normalise_answer(expected):
        return f"Wrong: you chose '{options[chosen]}', expected '{expected}'."
    return None


_TRUE = frozenset({"t", "true", "y", "yes"})
_FALSE = frozenset({"f", "false", "n", "no"})


def _truefalse(card: TrueFalseCard, answer: Answer, given: str) -> str | None:
    word = normalise_answer(given) if len(given) <= _MAX_CODE else ""
    if not isinstance(answer, bool) and word not in _TRUE | _FALSE:
        return f"Not understood: {_how_to_answer(card)}"
    said = answer if isinstance(answer, bool) else word in _TRUE
    return None if said == card.answer else f"Wrong: the statement is {_expected(card)}."


def _cloze(card: ClozeCard, answer: Answer, given: str, typos: Typos) -> str | None:
    """The gaps in order: a list, or one string with ';' between gaps."""
    gaps, count, expected = card.gaps, len(card.gaps), _expected(card)
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
    unit, expected = card.unit.strip(), _expected(card)
    if isinstance(answer, int | float) and not isinstance(answer, bool):
        number, rest = (float(answer) if abs(answer) < 1e300 else math.inf), ""
    else:
        parsed = parse_number(given) if len(given) <= _MAX_CODE else None
        if parsed is None:
            return f"Not understood: {_how_to_answer(card)}"
        number, rest = parsed
    if rest and not (unit and _unit_fits(rest, unit)):
        if any(char.isdigit() for char in rest) or _NUMBER_WORDS & set(rest.split()):
            return f"Not understood: give one number; expected {expected}."
        if unit:  # a card without a unit takes any ("75 years"); one with a unit wants it
            return f"Wrong unit: '{rest}' instead of '{unit}'; expected {expected}."
    tolerance = max(card.tolerance, 0.0)
    if abs(number - card.answer) <= tolerance + 1e-9 * max(1.0, abs(card.answer)):
        return None
    within = f" (give or take {_format_number(tolerance)})" if tolerance else ""
    return f"Wrong: expected {expected}{within}."


_LETTER_GAPS = re.compile(r"[\s,;>\-.)(]+")
_TEXT_GAPS = re.compile(r"\s*(?:->|→|>|;|,|\n)\s*")


def _order(card: OrderCard, answer: Answer, given: str, layout: Layout, typos: Typos) -> str | None:
    """Letters of the shown items in order ("c a b"), or the item texts in order."""
    items, count, expected = card.items, len(card.items), _expected(card)
    shown = _shown(layout.items, count)
    code = _LETTER_GAPS.sub("", given.casefold()) if len(given) <= _MAX_CODE else ""
    if isinstance(answer, str) and code and all(char in _ABC[:count] for char in code):
        chosen = [shown[_ABC.index(char)] for char in code]
    else:
        texts: list[str] = []
        if isinstance(answer, str) and len(given) <= _MAX_RAW:
            texts = _TEXT_GAPS.split(given)
        elif isinstance(answer, Sequence) and not isinstance(answer, str):
            texts = [display(text) for text in answer[: count + 1]]
        if len(texts) != count:
            return f"Not understood: {_how_to_answer(card)}"
        found = [_lookup(text, items, typos) for text in texts]
        unknown = [text for text, index in zip(texts, found, strict=True) if index is None]
        if unknown:
            return f"'{unknown[0]}' is not one of the items; expected {expected}."
        chosen = [index for index in found if index is not None]
    if sorted(items[i] for i in chosen) != sorted(items):
        return f"Give all {count} items, each once; expected {expected}."
    if [items[i] for i in chosen] != list(items):
        return f"Wrong order: expected {expected}."
    return None


_PAIR = re.compile(r"([a-z])[\s\-:=)>.]*([0-9]{1,2})")
_PAIR_GAPS = re.compile(r"[\s,;/&]*")


def _match(card: MatchCard, answer: Answer, given: str, layout: Layout, typos: Typos) -> str | None:
    """Letter-number pairs in the shown order ("a2 b1 c3"), or a mapping left -> right."""
    count, expected = len(card.pairs), _expected(card)
    lefts, rights = [left for left, _ in card.pairs], [right for _, right in card.pairs]
    chosen: dict[int, int] = {}  # left index -> right index, both in the card's order
    if isinstance(answer, Mapping):
        for key, value in list(answer.items())[: count + 1]:
            key, value = display(key), display(value)
            left, right = _lookup(key, lefts, typos), _lookup(value, rights, typos)
            if left is None:
                return f"Not understood: '{key}' is not on the left; expected {expected}."
            if right is None:
                return f"Not understood: '{value}' is not on the right; expected {expected}."
            if left in chosen:
                return f"'{lefts[left]}' is paired twice; expected {expected}."
            chosen[left] = right
    else:
        left_shown, right_shown = _shown(layout.left, count), _shown(layout.right, count)
        code = given.casefold() if isinstance(answer, str) and len(given) <= _MAX_CODE else ""
        found = list(_PAIR.finditer(code))
        if not found or not _PAIR_GAPS.fullmatch(_PAIR.sub(" ", code)):
            return f"Not understood: {_how_to_answer(card)}"
        for pair in found:
            letter, number = _ABC.index(pair.group(1)), int(pair.group(2))
            if letter >= count or not 0 < number <= count:
                return f"Not understood: {_how_to_answer(card)}"
            if left_shown[letter] in chosen:
                return f"'{pair.group(1)}' is paired twice; expected {expected}."
            chosen[left_shown[letter]] = right_shown[number - 1]
    missing = [lefts[i] for i in range(count) if i not in chosen]
    if missing:
        return f"Match all {count} pairs ({', '.join(missing)} missing); expected {expected}."
    wrong = [lefts[i] for i in range(count) if rights[chosen[i]] != rights[i]]
    return f"Wrong for {', '.join(wrong)}: expected {expected}." if wrong else None


def _expected(card: AnyCard) -> str:
    """The canonical answer of a card as a learner sees it."""
    if isinstance(card, ShortCard | ChoiceCard):
        return card.answer
    if isinstance(card, TrueFalseCard):
        return "true" if card.answer else "false"
    if isinstance(card, ClozeCard):
        return "; ".join(gap[0] if gap else "" for gap in card.gaps)
    if isinstance(card, NumberCard):
        unit = card.unit.strip()
        return _format_number(card.answer) + (f" {unit}" if unit[:1].isalnum() else unit)
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
