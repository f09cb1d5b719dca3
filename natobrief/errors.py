"""Errors a user can see. Each one says where the problem is and what to do next.

Deck problems are collected, not raised one at a time: an instructor fixing a
hand-written deck wants every problem listed at once, each with file:line:col,
the card id and a hint.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum
from pathlib import Path
from typing import Literal

from natobrief.text import printable

Severity = Literal["error", "warning"]


class ExitCode(IntEnum):
    """Every command's exit status (docs/headless.md and the README list them)."""

    OK = 0
    # The command ran and what it checks did not pass: decks with errors (check,
    # new), an exam below its --pass-mark.
    CHECK_FAILED = 1
    # The command could not do what was asked: a bad option, a deck that does not
    # load, a file that cannot be read or written.
    USAGE = 2
    INTERRUPTED = 130  # ctrl+c, as shells report a SIGINT


@dataclass(frozen=True, slots=True)
class DeckProblem:
    """One thing wrong (or worth a look) in a deck file."""

    file: Path
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based; 0 when unknown
    card: str | None
    message: str
    hint: str = ""
    severity: Severity = "error"

    @property
    def location(self) -> str:
        """``file:line:col`` as editors and terminals link it (a control character in
        the file's name written as a visible escape)."""
        file = printable(str(self.file))
        if self.line <= 0:
            return file
        if self.column <= 0:
            return f"{file}:{self.line}"
        return f"{file}:{self.line}:{self.column}"

    def located(self, shown_file: str | None = None) -> str:
        """:attr:`location` with the file's path as ``shown_file`` when given (check shows
        it relative to the working folder)."""
        if shown_file is None:
            return self.location
        return self.location.replace(printable(str(self.file)), printable(shown_file), 1)

    def format(self, shown_file: str | None = None) -> str:
        """The problem as one or two plain-text lines, as ``natobrief check`` prints it.

        ``shown_file`` replaces the file's path as given (check shows it relative
        to the working folder).
        """
        card = f" card '{self.card}':" if self.card else ""
        text = f"{self.located(shown_file)}: {self.severity}:{card} {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return printable(text)

    def to_json(self) -> dict[str, object]:
        """The problem as a JSON-ready mapping (``natobrief check --json``)."""
        return {
            "file": str(self.file),
            "line": self.line,
            "column": self.column,
            "card": self.card,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
        }


def by_position(problems: Iterable[DeckProblem]) -> list[DeckProblem]:
    """Problems in the order an author reads the file: by line, then column.

    Whole-file problems (line 0) come first; the sort is stable, so problems at
    the same place keep the order they were found in.
    """
    return sorted(problems, key=lambda problem: (problem.line, problem.column))


class NatobriefError(Exception):
    """Base of every error natobrief reports to a user instead of a traceback."""


class DeckError(NatobriefError):
    """A deck was refused; ``problems`` lists every reason at once."""

    def __init__(self, problems: list[DeckProblem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__("\n".join(p.format() for p in errors) or "the deck could not be loaded")


class UsageError(NatobriefError):
    """A command was called in a way that cannot work (exit status 2)."""


class StoreError(NatobriefError):
    """The progress database cannot be used as it is; the message says why and what to do."""
