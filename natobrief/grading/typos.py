"""Which typing mistakes are forgiven: one character off, in long enough answers."""

from __future__ import annotations

TYPO_MIN_LETTERS = 8  # a typo is forgiven only in expected answers this long (in letters)


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
