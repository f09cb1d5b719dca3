"""Numbers as learners write them: digits, thousands commas, English words, units."""

from __future__ import annotations

import math
import re

from natobrief.grading.normalise import fold, normalise_answer, strip_edges

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


# Reading a number out of a sentence: hedges, years in words, fractions

_HEDGES = (
    "approximately", "approx", "roughly", "around", "about", "nearly", "almost", "some",
    "circa", "ca", "c", "close to", "more or less", "~", "≈", "+/-", "±",
)  # fmt: skip
_HEDGE = re.compile(r"^(?:" + "|".join(re.escape(h) for h in _HEDGES) + r")\.?(?=\s|\d|$)\s*")
_JOINED = re.compile(r"(?<=\w)-(?=\w)")
_FRACTION = re.compile(r"^(?:out of|in|of every|of)\s+(\S+)\s*(.*)$")


def strip_hedge(text: str) -> tuple[str, str]:
    """``text`` without a leading hedge ("about 90%" -> "90%"), and the hedge ("about")."""
    folded = fold(text).strip()
    match = _HEDGE.match(folded)
    if not match:
        return folded, ""
    return folded[match.end() :], match.group().strip()


# Ordinal words, read as the number they count ("third" -> 3, "twenty-first" -> 21).
_ORDINAL_WORDS = (
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth",
    "seventeenth", "eighteenth", "nineteenth", "twentieth",
)  # fmt: skip
ORDINALS = {word: number for number, word in enumerate(_ORDINAL_WORDS, start=1)}
ORDINALS["thirtieth"] = 30


def year_in_words(value: float, used: int, words: list[str]) -> tuple[float, int]:
    """ "twenty eighteen" and "nineteen ninety-four" as years: (year, words used), else as read."""
    if used != 1 or not 11 <= value <= 20 or used >= len(words):
        return value, used
    rest = parse_number(" ".join(words[used:]))
    if rest is None or not 10 <= rest[0] <= 99 or rest[0] != int(rest[0]):
        return value, used
    after = rest[1].split() if rest[1] else []
    return value * 100 + rest[0], len(words) - len(after)


def find_number(text: str) -> tuple[float, list[str], str] | None:
    """The first number in ``text`` (digits or words, a year in words too): its value,
    the words before it, and the text after it (where a unit is). None when there is none.

    "revived in 2017" -> (2017, ["revived", "in"], ""); "11-day" -> (11, [], "day").
    A fraction after it is read as a share: "nine out of ten" -> 0.9 with "out of ten"
    kept in the rest, for the caller to read with the unit.
    """
    words = _JOINED.sub(" ", fold(text)).split()[:60]  # "11-day", "thirty-two"; "-5" stays
    for start in range(len(words)):
        piece = " ".join(words[start:])
        parsed = parse_number(piece)
        if parsed is None:
            continue
        value, rest = parsed
        if piece[:1].isalpha():  # in words: "twenty eighteen" may be a year
            pieces = piece.split()
            used = len(pieces) - (len(rest.split()) if rest else 0)
            value, used = year_in_words(value, used, pieces)
            rest = " ".join(pieces[used:])
        return value, words[:start], strip_edges(rest)
    return None


def fraction_of(rest: str) -> tuple[float, str] | None:
    """ "out of ten ..." after a number: (ten, what follows), None when no fraction follows."""
    match = _FRACTION.match(rest)
    if not match:
        return None
    whole = parse_number(match.group(1))
    if whole is None or whole[1] or not whole[0]:
        return None
    return whole[0], match.group(2)
