"""How free-text answers are put in one form before they are compared.

Case, accents, typographic quotes and dashes, control and invisible characters,
spacing, end punctuation, inner dots (U.S.) and a leading article are folded
away. Work is bounded: only the first ``MAX_RAW`` characters are looked at.
"""

from __future__ import annotations

import re
import unicodedata

from natobrief.text import collapse_whitespace, fold_typography, strip_control

MAX_COMPARED = 2000  # normalised characters that can matter; no deck answer is longer
MAX_RAW = 4 * MAX_COMPARED  # raw characters looked at; anything longer matches nothing


_EDGE = frozenset(".,;:!?\"'`()[]{}<>…*_/\\|~¿¡")
_EDGE_CATEGORIES = frozenset({"Ps", "Pe", "Pi", "Pf"})  # brackets and quotes of any script
_ARTICLE = re.compile(r"^(?:the|a|an) ")
INNER_DOT = re.compile(r"(?<=[^\W\d_])\.(?=[^\W\d_])")  # U.S. -> US, but 3.5 stays 3.5
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


def fold(text: str, limit: int | None = MAX_RAW) -> str:
    """Case, accents, typography, control and invisible characters and spacing folded away.

    Only the first ``limit`` characters are looked at (an answer's cost is bounded);
    None for a whole text of the deck's own (a passage).
    """
    text = collapse_whitespace(strip_control(text[:limit]))
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
    return normalise_text(text, MAX_RAW)[:MAX_COMPARED]


def normalise_text(text: str, limit: int | None = None) -> str:
    """:func:`normalise_answer`'s form for a whole text (a passage the feedback shows), so
    that an answer can be looked for in it; ``limit`` as for :func:`fold`."""
    text = _INNER_COMMA.sub(" ", INNER_DOT.sub("", fold(text, limit))).replace("-", " ")
    text = strip_edges(collapse_whitespace(text))
    return strip_edges(_ARTICLE.sub("", text))


# Words: the lenient comparisons read answers as the words that carry meaning

_TOKEN = re.compile(r"\d+(?:[.,:/-]\d+)*(?:st|nd|rd|th)?|[^\W\d_]+(?:'[^\W\d_]+)*|[&%~;,]")
_ARTICLES = frozenset({"the", "a", "an"})
# Spellings that differ between British and American English, made one.
_SPELLINGS = (
    (re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations)$"), r"iz\1"),
    (re.compile(r"(?<=[a-z]{3})yse(s|d)?$"), r"yze\1"),
    (re.compile(r"(?<=[a-z]{3})our(s|ed|ing)?$"), r"or\1"),
    (re.compile(r"(?<=[a-z]{3})tre(s)?$"), r"ter\1"),
    (re.compile(r"^(def|off|lic|pret)ence(s)?$"), r"\1ense\2"),
    (re.compile(r"^programme(s)?$"), r"program\1"),
    (re.compile(r"(?<=[a-z]{3})logue(s)?$"), r"log\1"),
    (re.compile(r"^(travel|model|label|cancel)l(ed|ing)$"), r"\1\2"),
)


def words(text: str) -> list[str]:
    """The words of ``text``, folded: no articles, no possessive 's, "U.S." as "us";
    numbers, and the separators of a list (``,`` ``;`` ``&``), kept as words of their own.

    Only the first ``MAX_RAW`` characters are looked at.
    """
    found = _TOKEN.findall(INNER_DOT.sub("", fold(text)))
    out = []
    for word in found:
        if word.endswith("'s"):
            word = word[:-2]
        elif word.endswith("'"):
            word = word[:-1]
        if word and word not in _ARTICLES:
            out.append(word)
    return out


def spelled(word: str) -> str:
    """One spelling for words English spells two ways ("centre" and "center", "defence")."""
    if len(word) < 5 or not word.isalpha():
        return word
    for pattern, replacement in _SPELLINGS:
        word = pattern.sub(replacement, word)
    return word
