"""Reading an answers file for headless sessions: ``card id -> answer`` in YAML or JSON.

Answers that would depend on the shuffle are written by text (the option's text,
the items in order, a mapping left -> right), so a file written without seeing
the session still works. Problems are reported with file:line like deck errors.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from natobrief.deck.yaml_nodes import YamlProblem, YMap, YScalar, YSeq, YValue, parse_yaml
from natobrief.errors import DeckProblem, NatobriefError
from natobrief.grading import Answer

MAX_ANSWERS_BYTES = 16 * 1024 * 1024


class AnswersFileError(NatobriefError):
    """The answers file cannot be used; the message says where and why."""


@dataclass(frozen=True, slots=True)
class AnswerBook:
    """Answers by ``deck-id/card-id`` or by ``card-id``."""

    answers: dict[str, Answer]

    def lookup(self, deck_id: str, card_id: str) -> Answer | None:
        """The answer for a card, preferring the deck-qualified key."""
        qualified = self.answers.get(f"{deck_id}/{card_id}")
        return qualified if qualified is not None else self.answers.get(card_id)


def read_answers(path: Path) -> AnswerBook:
    """Parse an answers file; AnswersFileError with file:line on any problem."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise AnswersFileError(f"{path}: cannot read the answers file: {error.strerror}") from None
    if len(data) > MAX_ANSWERS_BYTES:
        raise AnswersFileError(f"{path}: the answers file is larger than 16 MB")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise AnswersFileError(f"{path}: the answers file is not UTF-8; save it as UTF-8") from None
    try:
        root = parse_yaml(text)  # JSON is YAML too, so one safe reader serves both
    except YamlProblem as problem:
        raise _error(path, problem.line, problem.column, problem.message, problem.hint) from None
    if root is None:
        return AnswerBook({})
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
    return AnswerBook(answers)


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
