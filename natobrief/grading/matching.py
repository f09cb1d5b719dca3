"""Which of a card's texts a free-text answer names: exact, as a number, or by one typo.

Grading decides right or wrong per card type (natobrief.cardtypes); this module
holds the text rule every type shares. The deck linter uses it too.
"""

from __future__ import annotations

from collections.abc import Sequence

from natobrief.grading.normalise import MAX_RAW, normalise_answer
from natobrief.grading.numbers import comparable_number
from natobrief.grading.typos import TYPO_MIN_LETTERS, one_edit_apart


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
