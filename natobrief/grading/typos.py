"""Which typing mistakes are forgiven: edits scaled to the length of the word meant."""

from __future__ import annotations


def edits_allowed(word: str) -> int:
    """Typos forgiven in a word this long: none under 4 letters, 1 up to 8, 2 from 9."""
    letters = sum(char.isalpha() for char in word)
    return 0 if letters < 4 else 1 if letters < 9 else 2


def distance(given: str, expected: str, limit: int) -> int:
    """Edits (insert, delete, replace, swap two neighbours) from ``given`` to ``expected``,
    or ``limit + 1`` when it is more than ``limit``. Words are short: O(n * m) is cheap.
    """
    if abs(len(given) - len(expected)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(expected) + 1))
    for i, char in enumerate(given, 1):
        row = [i] + [0] * len(expected)
        for j, other in enumerate(expected, 1):
            cost = 0 if char == other else 1
            row[j] = min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and char == expected[j - 2] and given[i - 2] == other:
                row[j] = min(row[j], previous2[j - 2] + 1)
        if min(row) > limit:
            return limit + 1
        previous2, previous = previous, row
    return min(previous[-1], limit + 1)


def is_typo_of(given: str, expected: str, least: int = 0) -> bool:
    """True when ``given`` is ``expected`` mistyped: within the edits its length allows
    (at least ``least``), the first letter right (or swapped with the second), and no
    digit changed.
    """
    if given == expected or not given or not expected:
        return False
    if any(char.isdigit() for char in given + expected):
        return False
    if given[0] != expected[0] and given[:2] != expected[1::-1][:2]:
        return False
    limit = max(edits_allowed(expected), least)
    return limit > 0 and distance(given, expected, limit) <= limit
