"""``natobrief lint`` as text: a line a finding (file:line, card, rule, what to change),
each deck's figures, and a total. Deck text is printed as data, never as markup."""

from __future__ import annotations

from typing import TYPE_CHECKING

from natobrief.check import shown_path
from natobrief.quality.lint import LintReport
from natobrief.text import counted

if TYPE_CHECKING:
    from rich.console import Console


def print_lint(report: LintReport, console: Console) -> None:
    """Findings deck by deck, each deck's figures, then what was found in all."""
    from rich.text import Text

    def say(text: str, style: str = "") -> None:
        console.print(Text(text, style=style), soft_wrap=True, highlight=False)

    for result in report.refused:
        say(f"{shown_path(result.path)}: refused; run 'natobrief check' to see why", "red")
    for finding in report.open_findings:
        say(
            f"{shown_path(finding.path)}:{finding.line}: {finding.card}: "
            f"{finding.rule}: {finding.message}"
        )
    for deck, figures in report.figures.items():
        say(f"{deck}: {figures.sentence()}", "dim")
    accepted = len(report.findings) - len(report.open_findings)
    decks = len(report.figures)
    say(
        f"{counted(len(report.open_findings), 'finding')} in {counted(decks, 'deck')}"
        + (f" ({accepted} more accepted with x-lint-ok)" if accepted else "")
        + (
            "; each line says what to change, and x-lint-ok: [rule] on a card accepts one "
            "on purpose."
            if report.open_findings
            else "."
        ),
        "bold",
    )
