"""``natobrief lint``: item-writing flaws in decks (see natobrief.quality)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from natobrief.cli.group import cli, console
from natobrief.errors import ExitCode
from natobrief.text import json_text


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the findings and figures as JSON.")
@click.option("--rules", "list_rules", is_flag=True, help="List the rules and what each finds.")
def lint(paths: tuple[Path, ...], as_json: bool, list_rules: bool) -> None:
    """Find item-writing flaws in decks (default: the bundled decks and your decks folder).

    Cues that let a learner guess without knowing: the right option the
    longest, a card's wording that gives another card's answer, an id that
    names the answer, and more (--rules lists them). Each finding names
    file:line, the card, the rule and what to change; x-lint-ok: [rule, ...]
    on a card accepts a finding on purpose.
    Exit status: 0 nothing found, 1 findings, 2 a deck that does not load.
    """
    from natobrief.deck.discover import default_deck_paths
    from natobrief.quality.lint import all_rules, lint_paths

    if list_rules:
        for rule in all_rules().values():
            click.echo(f"{rule.id}: {rule.summary}")
        return
    report = lint_paths(list(paths) or default_deck_paths())
    if as_json:
        click.echo(json_text(report.as_json(), indent=2))
    else:
        from natobrief.quality.view import print_lint

        print_lint(report, console())
    if report.refused:
        sys.exit(ExitCode.USAGE)
    sys.exit(ExitCode.CHECK_FAILED if report.open_findings else ExitCode.OK)
