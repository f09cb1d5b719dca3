"""How free-text answers are compared: normalisation, one typo, numbers in digits or words.

Grading (natobrief.grading) decides right or wrong per card type; this module
holds the text rules every type shares. The deck linter uses them too, to find
duplicate prompts and answers that a card's quotes do not support. Work is
bounded: only the first ``MAX_RAW`` characters of an answer are looked at.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence

from natobrief.text import collapse_whitespace, fold_typography, strip_control

TYPO_MIN_LETTERS = 8  # a typo is forgiven only in expected answers this long (in letters)
MAX_COMPARED = 2000  # normalised characters that can matter; no deck answer is longer
MAX_RAW = 4 * MAX_COMPARED  # raw characters looked at; anything longer matches nothing

# Normalisation

_EDGE = frozenset(".,;:!?\"'`()[]{}<>…*_/\\|~¿¡")
_EDGE_CATEGORIES = frozenset({"Ps", "Pe", "Pi", "Pf"})  # brackets and quotes of any script
_ARTICLE = re.compile(r"^(?:the|a|an) ")
_INNER_DOT = re.compile(r"(?<=[^\W\d_])\.(?=[^\W\d_])")  # U.S. -> US, but 3.5 stays 3.5
_INNER_COMMA = re.compile(r",(?!\d)|(?<!\d),")  # a word break, but 1,000 stays 1,000


def _is_edge(char: str) -> bool:
    return char.isspace() or char in _EDGE or unicodedata.category(char) in _EDGE_CATEGORIES


def strip_edges(text: str) -> str:
    """Drop whitespace and punctuation at both ends (not %, $ or #, which carry meaning)."""
    start, end = 0, len(text)
    while start < end and _is_edge(text[start]):
        start += 1
    while end > start and _is_edge(text[end - 1]):
        end -= 1
    return text[start:end]


def fold(text: str) -> str:
    """Case, accents, typography, control and invisible characters and spacing folded away.

    Only the first ``MAX_RAW`` characters are looked at, so the cost is bounded.
    """
    text = collapse_whitespace(strip_control(text[:MAX_RAW]))
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
    text = _INNER_COMMA.sub(" ", _INNER_DOT.sub("", fold(text))).replace("-", " ")
    text = strip_edges(collapse_whitespace(text))
    return strip_edges(_ARTICLE.sub("", text))[:MAX_COMPARED]


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
    if len(given.strip()) > MAX_RAW:
        return None  # longer than anything a deck holds
    wanted = normalise_answer(given)
    if not wanted:
        return None
    normalised = [normalise_answer(candidate) for candidate in candidates]
    if wanted in normalised:
        return normalised.index(wanted), False
    number = comparable_number(given)
    if number is not None:
        for index, candidate in enumerate(candidates):
            if comparable_number(candidate) == number:
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
NUMBER_WORDS = frozenset({*_SMALL, *_TENS, *_BIG})
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
    text = fold(text).lstrip("\"'([{<")
    match = _DIGITS.match(text)
    if match:
        return float(match.group().replace(",", "")), strip_edges(text[match.end() :])
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
    return float(total + current), strip_edges(" ".join(words[used:]))


def comparable_number(text: str) -> tuple[float, str] | None:
    parsed = parse_number(text)
    return None if parsed is None else (parsed[0], normalise_answer(parsed[1]))


def format_number(value: float) -> str:
    if not math.isfinite(value):
        return str(value)
    if value == int(value) and abs(value) < 1e15:
        return str(int(value))
    return repr(float(value))


def unit_fits(rest: str, unit: str) -> bool:
    """Whether what follows the number names the card's unit (plural or not)."""
    unit = fold(unit).strip(" .")
    if unit == "%":
        return rest in _PERCENT
    return rest.rstrip(".") in {unit, unit.removesuffix("s"), unit + "s"}
