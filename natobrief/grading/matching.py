"""Reading an answer: which of a card's texts it names (exact, as a number, or by one
typo), how it is shown, and the problem found in it.

Grading decides right or wrong per card type (natobrief.cardtypes); this module
holds what every type's rule shares. The deck linter uses it too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from natobrief.grading.known import Known, names_only
from natobrief.grading.lenient import Accepted, lenient_match
from natobrief.grading.normalise import MAX_RAW, normalise_answer, words
from natobrief.grading.numbers import comparable_number, format_number
from natobrief.text import strip_control


def match_text(
    given: str,
    candidates: Sequence[str],
    known: Known | None = None,
    *,
    closed: bool = False,
    asked: frozenset[str] = frozenset(),
    ordered: bool = False,
) -> tuple[int, list[Accepted]] | None:
    """Which candidate a free-text answer names, and what was accepted on the way; or None.

    An exact match after normalisation comes first, then the same number written
    another way ("thirty-two" for "32"), then the lenient reading (lenient.py).
    ``closed``: the candidates are every option there is (a choice).
    """
    if len(given.strip()) > MAX_RAW:
        return None  # longer than anything a deck holds
    wanted = normalise_answer(given)
    if not wanted:
        return None
    normalised = [normalise_answer(candidate) for candidate in candidates]
    if wanted in normalised:
        return normalised.index(wanted), []
    number = comparable_number(given)
    if number is not None:
        for index, candidate in enumerate(candidates):
            if comparable_number(candidate) == number:
                return index, []
    return lenient_match(
        given, candidates, known or names_only(), closed=closed, asked=asked, ordered=ordered
    )


# Reading an answer: what every card type's rule shares

Answer = str | int | float | bool | Sequence[str] | Mapping[str, str]
MAX_CODE = 200  # letter answers ("c a b", "a2 b1 c3") are never longer than this


class Reading:
    """One answer being read: what is known around its card, and what was accepted."""

    def __init__(self, known: Known | Callable[[], Known] | None = None, asked: str = "") -> None:
        self._known = known
        self.asked = frozenset(words(asked))  # the question's words
        self.accepted: list[Accepted] = []

    @property
    def known(self) -> Known:
        """What is known around the card; built at the first lenient comparison only."""
        if callable(self._known):
            self._known = self._known()
        return self._known or names_only()

    def accept(self, why: Accepted) -> None:
        """Note one form accepted (a typo, an alias, context ...)."""
        self.accepted.append(why)

    @property
    def typos(self) -> list[tuple[str, str]]:
        """(as written, as meant) of each forgiven typo."""
        return [(a.wrote, a.meant) for a in self.accepted if a.by == "typo"]


@dataclass(frozen=True, slots=True)
class Problem:
    """Why an answer is not right, in one sentence a learner reads.

    ``retry_hint`` is set when the answer could not be read as an answer to the
    card at all (a word for a number, a letter with no option): what to fix,
    without giving the answer away. The app then asks again instead of grading.
    """

    reason: str
    retry_hint: str = ""


def wrong(reason: str) -> Problem:
    """A readable answer that is not right."""
    return Problem(reason)


def unreadable(hint: str, reason: str | None = None) -> Problem:
    """An answer that cannot be read: ``reason`` (default "Not understood: " + hint)."""
    shown = reason if reason is not None else f"Not understood: {hint}"
    return Problem(shown, hint[:1].upper() + hint[1:])


def display(answer: object) -> str:
    """Any answer as one display string, control characters stripped; never raises."""
    try:
        return strip_control(_show(answer, 0)).strip()
    except Exception:  # an object whose str() fails: there is nothing to show
        return ""


def _show(value: object, depth: int) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):  # str() of a 5000-digit int raises; no answer is that long
        return str(value) if value.bit_length() < 10_000 else "(a number too long to show)"
    if isinstance(value, float):
        return format_number(value)
    if value is None or depth > 3:  # depth: nested or self-containing lists
        return ""
    if isinstance(value, Mapping):
        items = value.items()
        return "; ".join(f"{_show(k, depth + 1)} -> {_show(v, depth + 1)}" for k, v in items)
    if isinstance(value, Sequence) and not isinstance(value, bytes | bytearray):
        return "; ".join(_show(item, depth + 1) for item in value)
    return str(value)


def lookup(
    text: str,
    names: Sequence[str],
    reading: Reading,
    *,
    closed: bool = False,
    ordered: bool = False,
) -> int | None:
    """The index of the name ``text`` gives, or None; what was accepted is noted in ``reading``.

    ``ordered``: a list answer must name its items in the order the name does.
    """
    found = match_text(
        text, names, reading.known, closed=closed, asked=reading.asked, ordered=ordered
    )
    if found is None:
        return None
    for why in found[1]:
        reading.accept(why)
    return found[0]
