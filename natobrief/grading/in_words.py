"""A choice answered in other words: the option that holds most of the words said.

The closed set of a choice's options (or an order card's items) makes this
safe where it would not be for free text: an answer names the one option whose
words it shares most, and that holds most of its own words said, when no other
option comes close. An option that lists things is named only by all its items.
"""

from __future__ import annotations

from collections.abc import Sequence

from natobrief.grading.forms import SEPARATORS, form
from natobrief.grading.known import Known
from natobrief.grading.lenient import MAX_LENIENT, corrected, items, negated
from natobrief.grading.normalise import words

_STOPWORDS = frozenset({
    "of", "to", "in", "on", "at", "for", "by", "with", "from", "as", "is", "are", "was", "were",
    "be", "been", "it", "its", "this", "that", "these", "those", "their", "there", "they", "them",
    "he", "she", "his", "her", "and", "or", "but", "so", "which", "who", "whom", "what",
})  # fmt: skip


def closest_option(given: str, options: Sequence[str], known: Known) -> int | None:
    """The option a choice answered in other words names: the one holding most of its words
    (and most of its own words said), when no other option comes close. None otherwise.

    An option that lists things ("Hungary and Turkey", "Tokyo or Seoul") is named only
    when every item of it is said and nothing else is.
    """
    if len(given) > MAX_LENIENT:
        return None
    vocabulary = {word for option in options for word in words(option)}
    fixed, _typos = corrected(words(given), vocabulary, known)
    said = {_stem(word) for word in _content(form(fixed, known.aliases))}
    if not said:
        return None
    scores: list[tuple[float, int]] = []
    for index, option in enumerate(options):
        option_form = form(words(option), known.aliases)
        holds = {_stem(word) for word in _content(option_form)}
        if not holds or negated(list(said)) != negated(list(holds)):
            continue
        as_items = [",", *[("," if word == "or" else word) for word in option_form]]
        parts = [{_stem(word) for word in _content(list(item))} for item in items(as_items)]
        listed = "or" in option_form or (len(parts) > 1 and all(len(i) <= 3 for i in parts))
        if listed and (not said <= holds or not all(part & said for part in parts if part)):
            continue  # a list is named by all its items and nothing more
        shared = len(said & holds)
        precision, recall = shared / len(said), shared / len(holds)
        if precision >= 0.6 and recall >= 0.3:
            scores.append((precision + recall, index))
    scores.sort(reverse=True)
    if not scores or (len(scores) > 1 and scores[0][0] - scores[1][0] < 0.3):
        return None
    return scores[0][1]


def _stem(word: str) -> str:
    """A light stem, so that "creating" meets "create" and "supplies" meets "supplier"."""
    if len(word) < 6 or not word.isalpha():
        return word
    for ending in ("ing", "ers", "ies", "ed", "er", "es", "e", "y"):
        if word.endswith(ending) and len(word) - len(ending) >= 4:
            return word[: -len(ending)]
    return word


def _content(tokens: list[str]) -> list[str]:
    return [t for t in tokens if t not in _STOPWORDS and t not in SEPARATORS and t != ","]
