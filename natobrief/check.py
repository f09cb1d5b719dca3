"""``natobrief check``: load decks, verify every quote, and report what was found.

The work (:func:`check_paths`) is separate from the two ways of showing it: a
Rich summary for people and JSON for machines.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from natobrief.deck.discover import deck_files
from natobrief.deck.loader import read_deck
from natobrief.deck.model import CARD_TYPES, LoadResult
from natobrief.errors import DeckProblem, by_position
from natobrief.text import counted, printable

if TYPE_CHECKING:
    from rich.console import Console


@dataclass(frozen=True, slots=True)
class CheckReport:
    """The result of checking a set of deck files."""

    results: tuple[LoadResult, ...]
    cross_deck: tuple[DeckProblem, ...]  # problems between decks (the same deck id twice)
    lint_findings: int = 0  # item-writing findings not accepted (natobrief lint lists them)

    @property
    def problems(self) -> list[DeckProblem]:
        """Every problem, deck by deck, then those between decks."""
        return [p for r in self.results for p in r.problems] + list(self.cross_deck)

    @property
    def error_count(self) -> int:
        """How many problems refuse a deck."""
        return sum(p.severity == "error" for p in self.problems)

    @property
    def warning_count(self) -> int:
        """How many problems are only worth a look."""
        return sum(p.severity == "warning" for p in self.problems)


def check_paths(paths: Sequence[Path]) -> CheckReport:
    """Check every deck file named or found below ``paths`` (UsageError if one is missing)."""
    results = tuple(_with_lint(read_deck(file)) for file in deck_files(paths))
    seen: dict[str, Path] = {}
    cross: list[DeckProblem] = []
    for result in results:
        if result.deck is None:
            continue
        first = seen.setdefault(result.deck.id, result.path)
        if first != result.path:
            cross.append(
                DeckProblem(
                    result.path,
                    0,
                    0,
                    None,
                    f"deck id '{result.deck.id}' is also used by {first}",
                    "give each deck its own id; progress is kept by deck id",
                )
            )
    return CheckReport(results, tuple(cross), _lint_findings(results))


def _lint_findings(results: Sequence[LoadResult]) -> int:
    """How many item-writing findings ``natobrief lint`` would list for these decks."""
    from natobrief.quality.lint import lint_deck  # the rules load only for decks that loaded

    return sum(
        not finding.accepted
        for result in results
        if result.deck is not None
        for finding in lint_deck(result.deck)
    )


def _with_lint(result: LoadResult) -> LoadResult:
    """Add the author warnings of natobrief.deck.lint to a deck that loaded."""
    if result.deck is None:
        return result
    from natobrief.deck.lint import lint_deck

    problems = by_position(result.problems + tuple(lint_deck(result.deck)))
    return LoadResult(result.path, result.deck, tuple(problems))


def deck_summary(result: LoadResult) -> dict[str, object]:
    """One deck's figures: cards by type, sources, quotes verified, problems."""
    deck = result.deck
    summary: dict[str, object] = {
        "file": str(result.path),
        "ok": deck is not None,
        "id": deck.id if deck else None,
        "title": deck.title if deck else None,
        "cards": len(deck.cards) if deck else 0,
        "by_type": {},
        "sources": len(deck.sources) if deck else 0,
        "quotes_verified": 0,
        "errors": len(result.errors),
        "warnings": len(result.warnings),
        "problems": [p.to_json() for p in result.problems],
    }
    if deck is not None:
        counts = Counter(card.type for card in deck.cards)
        summary["by_type"] = {t: counts[t] for t in CARD_TYPES if counts[t]}
        summary["quotes_verified"] = sum(len(card.source.quotes) for card in deck.cards)
    return summary


def report_json(report: CheckReport) -> dict[str, object]:
    """The whole report as JSON-ready data (``natobrief check --json``)."""
    return {
        "ok": report.error_count == 0,
        "errors": report.error_count,
        "warnings": report.warning_count,
        "lint_findings": report.lint_findings,
        "decks": [deck_summary(result) for result in report.results],
        "problems": [p.to_json() for p in report.cross_deck],
    }


def print_report(report: CheckReport, console: Console) -> None:
    """Print one line per deck, then every problem with its hint, then a total."""
    from rich.markup import escape

    for result in report.results:
        summary = deck_summary(result)
        by_type = summary["by_type"]
        assert isinstance(by_type, dict)
        if result.deck is None:
            console.print(
                f"[red]✗[/] {escape(shown_path(result.path))}: refused",
                highlight=False,
                soft_wrap=True,
            )
            continue
        types = ", ".join(f"{kind} {count}" for kind, count in by_type.items())
        console.print(
            f"[green]✓[/] [bold]{escape(printable(result.deck.id))}[/] "
            f"({escape(shown_path(result.path))}): "
            f"{counted(int(str(summary['cards'])), 'card')} ({escape(types)}), "
            f"{counted(int(str(summary['sources'])), 'source')}, "
            f"{counted(int(str(summary['quotes_verified'])), 'quote')} verified",
            highlight=False,
            soft_wrap=True,
        )
    for problem in report.problems:
        colour = "red" if problem.severity == "error" else "yellow"
        card = f" card '{escape(printable(problem.card))}':" if problem.card else ""
        location = problem.located(shown_path(problem.file))
        message = escape(printable(problem.message))
        console.print(
            f"[bold]{escape(location)}[/]: [{colour}]{problem.severity}[/]:{card} {message}",
            highlight=False,
            soft_wrap=True,
        )
        if problem.hint:
            hint = escape(printable(problem.hint))
            console.print(f"    [dim]hint:[/] {hint}", highlight=False, soft_wrap=True)
    decks_ok = sum(r.deck is not None for r in report.results)
    cards = sum(len(r.deck.cards) for r in report.results if r.deck)
    console.print(
        f"{decks_ok} of {counted(len(report.results), 'deck')} "
        f"{'loads' if len(report.results) == 1 else 'load'}, {counted(cards, 'card')}; "
        f"{counted(report.error_count, 'error')}, {counted(report.warning_count, 'warning')}.",
        highlight=False,
        soft_wrap=True,
    )
    if report.lint_findings:
        console.print(
            f"{counted(report.lint_findings, 'item-writing finding')} (cues that let a learner "
            "guess): run 'natobrief lint' to see them.",
            highlight=False,
            soft_wrap=True,
        )


def shown_path(path: Path) -> str:
    """A path relative to the working folder when it is below it, else as given; a
    control character in it written as a visible escape (:func:`natobrief.text.printable`)."""
    try:
        return printable(str(path.resolve().relative_to(Path.cwd().resolve())))
    except ValueError:
        return printable(str(path))
