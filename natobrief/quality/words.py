"""The words the lint compares: folded as the grader folds answers, stopwords aside."""

from __future__ import annotations

import re

from natobrief.grading.normalise import normalise_answer

STOPWORDS = frozenset({
    "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "by", "with", "from",
    "as", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these",
    "those", "their", "there", "they", "them", "he", "she", "his", "her", "which", "who",
    "whom", "what", "when", "where", "why", "how", "did", "does", "do", "has", "have", "had",
    "will", "would", "can", "could", "should", "not", "than", "into", "about", "after",
    "before", "over", "under", "between", "said", "say", "says", "according", "article",
})  # fmt: skip
_WORD = re.compile(r"[a-z0-9]+")


def tokens(text: str) -> list[str]:
    """Every word of ``text``, folded ("Indo-Pacific" -> indo, pacific)."""
    return _WORD.findall(normalise_answer(text))


def content(text: str) -> list[str]:
    """The words of ``text`` that carry meaning: no stopwords, none under three letters
    (numbers of two digits or more count)."""
    return [
        word
        for word in tokens(text)
        if word not in STOPWORDS and (len(word) > 2 or (word.isdigit() and len(word) > 1))
    ]


def stem(word: str) -> str:
    """A light stem, so that "technological" meets "technology" and "invaded" "invasion"."""
    for ending in ("ological", "ology", "ations", "ation", "ions", "ion", "ing", "ies", "ied",
                   "ed", "es", "s", "y", "e"):  # fmt: skip
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def holds(text_tokens: list[str], phrase: list[str]) -> bool:
    """True when ``phrase`` stands whole, word for word, in ``text_tokens``."""
    size = len(phrase)
    if not size:
        return False
    return any(text_tokens[at : at + size] == phrase for at in range(len(text_tokens) - size + 1))
