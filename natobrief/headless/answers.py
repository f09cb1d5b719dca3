"""Reading an answers file for headless sessions: ``card id -> answer`` in YAML or JSON.

Answers that would depend on the shuffle are written by text (the option's text,
the items in order, a mapping left -> right), so a file written without seeing
the session still works. Problems are reported with file:line like deck errors.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from natobrief.deck.yaml_nodes import YamlProblem, YMap, YScalar, YSeq, YValue, parse_yaml
from natobrief.errors import DeckProblem, NatobriefError
from natobrief.files import TooLarge, read_bounded
from natobrief.grading.matching import Answer

if TYPE_CHECKING:
    from natobrief.deck.model import Deck

MAX_ANSWERS_BYTES = 16 * 1024 * 1024
MAX_UNKNOWN_LISTED = 10  # past this, a file written for other decks: a count says enough
_CLOSE_ENOUGH = 0.75  # difflib ratio for "did you mean": one or two letters off in an id


class AnswersFileError(NatobriefError):
    """The answers file cannot be used; the message says where and why."""


@dataclass(frozen=True, slots=True)
class AnswerBook:
    """Answers by ``deck-id/card-id`` or by ``card-id``."""

    answers: dict[str, Answer]
    path: Path | None = None  # the file, to name it in warnings
    key_places: dict[str, tuple[int, int]] = field(default_factory=dict)  # key -> line, column

    def lookup(self, deck_id: str, card_id: str, former: Iterable[str] = ()) -> Answer | None:
        """The answer for a card, preferring the deck-qualified key; an answers file
        written before the card was renamed is read under its ``former`` ids."""
        for name in (card_id, *former):
            for key in (f"{deck_id}/{name}", name):
                if key in self.answers:
                    return self.answers[key]
        return None

    def warn_about_unknown_ids(self, decks: Iterable[Deck]) -> None:
        """Say on standard error which entries match no card of the session's decks.

        Such an entry is never asked for, so a mistyped id would otherwise just
        leave its card unanswered (skipped) without a word. The session still
        runs and its exit status does not change: the file may also hold
        answers for other decks.
        """
        for problem in unknown_id_problems(self, decks):
            print(problem.format(), file=sys.stderr)


def unknown_id_problems(book: AnswerBook, decks: Iterable[Deck]) -> list[DeckProblem]:
    """A warning per entry whose key is neither a card id nor a 'deck-id/card-id' of ``decks``.

    Each names where the key was written and, when a real id is close to it,
    that id. Past MAX_UNKNOWN_LISTED entries one line gives the count of the rest.
    """
    decks = list(decks)
    card_ids = sorted({card.id for deck in decks for card in deck.cards})
    qualified = sorted({f"{deck.id}/{card.id}" for deck in decks for card in deck.cards})
    former = {old for deck in decks for old in deck.renamed}  # read as the renamed card
    former |= {f"{deck.id}/{old}" for deck in decks for old in deck.renamed}
    known = set(card_ids) | set(qualified) | former
    unknown = [key for key in book.answers if key not in known]
    path = book.path or Path("answers file")
    problems: list[DeckProblem] = []
    for key in unknown[:MAX_UNKNOWN_LISTED]:
        candidates = qualified if "/" in key else card_ids
        close = difflib.get_close_matches(key, candidates, n=1, cutoff=_CLOSE_ENOUGH)
        hint = (
            f"did you mean '{close[0]}'? Correct the id in the answers file"
            if close
            else "write a card id of these decks (a card's 'id:' in its deck file), "
            "or 'deck-id/card-id'"
        )
        line, column = book.key_places.get(key, (0, 0))
        message = f"'{key}' matches no card of this session's decks, so it is not used"
        problems.append(DeckProblem(path, line, column, None, message, hint, "warning"))
    if len(unknown) > MAX_UNKNOWN_LISTED:
        more = len(unknown) - MAX_UNKNOWN_LISTED
        problems.append(
            DeckProblem(
                path,
                0,
                0,
                None,
                f"{more} more entries match no card of this session's decks",
                "check that the answers file is for these decks",
                "warning",
            )
        )
    return problems


def read_answers(path: Path) -> AnswerBook:
    """Parse an answers file; AnswersFileError with file:line on any problem."""
    try:
        data = read_bounded(path, MAX_ANSWERS_BYTES)
    except TooLarge:
        raise AnswersFileError(f"{path}: the answers file is larger than 16 MB") from None
    except OSError as error:
        raise AnswersFileError(
            f"{path}: cannot read the answers file: {error.strerror}; name a file"
        ) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AnswersFileError(f"{path}: the answers file is not UTF-8; save it as UTF-8") from None
    try:
        root = parse_yaml(text)  # JSON is YAML too, so one safe reader serves both
    except YamlProblem as problem:
        raise _error(path, problem.line, problem.column, problem.message, problem.hint) from None
    if root is None:
        return AnswerBook({}, path)
    if not isinstance(root, YMap):
        raise _error(
            path,
            root.line,
            root.column,
            "an answers file must be a mapping",
            "write one 'card-id: answer' line per card",
        )
    answers: dict[str, Answer] = {}
    for key in root.order:
        answers[key] = _answer(path, key, root.values[key])
    places = {key: (node.line, node.column) for key, node in root.keys.items()}
    return AnswerBook(answers, path, places)


def _answer(path: Path, key: str, value: YValue) -> Answer:
    if isinstance(value, YScalar):
        return value.raw
    if isinstance(value, YSeq):
        items: list[str] = []
        for item in value.items:
            if not isinstance(item, YScalar):
                raise _error(
                    path,
                    item.line,
                    item.column,
                    f"the answer for '{key}' lists something that is not text",
                    "write a list of plain answers, e.g. [first, second]",
                )
            items.append(item.raw)
        return items
    pairs: dict[str, str] = {}
    for left in value.order:
        right = value.values[left]
        if not isinstance(right, YScalar):
            raise _error(
                path,
                right.line,
                right.column,
                f"the answer for '{key}' maps '{left}' to something that is not text",
                "write 'left: right' pairs",
            )
        pairs[left] = right.raw
    return pairs


def _error(path: Path, line: int, column: int, message: str, hint: str) -> AnswersFileError:
    problem = DeckProblem(path, line, column, None, message, hint)
    return AnswersFileError(problem.format())
