"""The form lenient comparisons read an answer in: its words, each thing named one way.

An answer's words (normalise.words) have their dates read (dates.py), their
numbers in words written in digits ("four" -> "4"), their names replaced by
the token of the thing they name (aliases.py), one spelling where English has
two, ordinals as the numbers they count ("third" and "3rd" as "3"), and a plural
as its singular. Two texts with the same form say the same
thing: "S. Korea" and "South Korea", "05/2024" and "May 2024", "Centre" and
"Center".
"""

from __future__ import annotations

import re

from natobrief.grading.aliases import Aliases
from natobrief.grading.dates import date_words
from natobrief.grading.normalise import spelled
from natobrief.grading.numbers import (
    NUMBER_WORDS,
    ORDINALS,
    format_number,
    parse_number,
    year_in_words,
)

SEPARATORS = frozenset({",", ";", "&", "and"})  # what stands between the items of a list
_ORDINAL_DIGITS = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_KEEP_S = frozenset({"us", "its", "his", "hers", "this", "was", "is", "has", "does", "as"})


def singular(word: str) -> str:
    """A plural as its singular, for comparing ("missiles" -> "missile"); other words as-is."""
    if len(word) < 4 or not word.isalpha() or word in _KEEP_S or word.endswith(("ss", "us")):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s"):
        return word[:-1]
    return word


def _numbers_in_digits(words: list[str]) -> list[str]:
    """Runs of number words as one number in digits: "thirty two" -> "32", "four" -> "4",
    "twenty twenty-four" -> "2024"; ordinals as digits with their ending: "tenth" -> "10th",
    "twenty-first" -> "21st" (so that dates read them; :func:`form` then drops the ending)."""
    out: list[str] = []
    at = 0
    while at < len(words):
        word = words[at]
        if word in ORDINALS:
            out.append(_ordinal(ORDINALS[word]))
            at += 1
            continue
        if word in NUMBER_WORDS and word not in ("hundred", "thousand", "million"):
            end = at
            while end < len(words) and (words[end] in NUMBER_WORDS or words[end] == "and"):
                end += 1
            while end > at + 1 and words[end - 1] == "and":
                end -= 1
            run = words[at:end]
            parsed = parse_number(" ".join(run))
            if parsed is not None:
                used = len(run) - (len(parsed[1].split()) if parsed[1] else 0)
                value, used = year_in_words(parsed[0], used, run)
                if used == len(run):
                    if end < len(words) and words[end] in ORDINALS and value % 10 == 0 < value:
                        out.append(_ordinal(int(value) + ORDINALS[words[end]]))  # twenty-first
                        at = end + 1
                        continue
                    out.append(format_number(value))
                    at = end
                    continue
        out.append(word.replace(",", "") if word[:1].isdigit() else word)
        at += 1
    return out


def _ordinal(number: int) -> str:
    ending = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{ending}"


def _cardinal(word: str) -> str:
    """ "3rd" -> "3": outside dates an ordinal names the same number ("the third" summit)."""
    match = _ORDINAL_DIGITS.match(word)
    return match.group(1) if match else word


def _name_in(word: str, aliases: Aliases) -> str:
    """``word``, or its singular when that (and not the word) is a one-word name."""
    if (word,) in aliases.names:
        return word
    single = singular(word)
    return single if (single,) in aliases.names else word


def form(text_words: list[str], aliases: Aliases) -> list[str]:
    """The comparable form of an answer's words (see the module doc)."""
    read = [_cardinal(spelled(word)) for word in date_words(_numbers_in_digits(text_words))]
    # "Chinas rise": a name written with a plural's s, or a possessive without its apostrophe
    read = [_name_in(word, aliases) for word in read]
    named = aliases.tokens(read)
    return ["and" if word == "&" else singular(word) for word in named]
