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
