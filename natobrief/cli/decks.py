"""Commands about decks and the installation: check, locate, coverage, schema, doctor."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from natobrief.cli.group import DB_OPTION, cli, console
from natobrief.errors import ExitCode
from natobrief.text import counted, json_text, printable


@cli.command()
@click.argument("decks", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def check(decks: tuple[str, ...], as_json: bool) -> None:
    """Check deck files or folders, or installed decks by id (default: the bundled decks and
    your decks folder).

    Verifies the format, every card and every quote against its source.
    Exit status: 0 clean, 1 deck errors, 2 bad usage.
    """
    from natobrief.check import check_paths, print_report, report_json
    from natobrief.deck.discover import default_deck_paths, resolve_decks

    # A path is checked as given (a folder: every deck below it); an id names an installed deck.
    paths = [Path(name) if Path(name).exists() else resolve_decks([name])[0] for name in decks]
    report = check_paths(paths or default_deck_paths())
    if as_json:
        click.echo(json_text(report_json(report), indent=2))
    else:
        print_report(report, console())
    sys.exit(ExitCode.CHECK_FAILED if report.error_count else ExitCode.OK)


@cli.command()
@click.option("--json", "as_json", is_flag=True, help="Print the locations as JSON.")
def locate(as_json: bool) -> None:
    """Print where decks, the database and settings live.

    Set NATOBRIEF_HOME to keep everything under one folder, or NATOBRIEF_DB to
    move only the progress database.
    """
    from natobrief.paths import locations

    found = locations()
    if as_json:
        click.echo(json_text({name: str(path) for name, path in found.items()}, indent=2))
        return
    width = max(len(name) for name in found)
    for name, path in found.items():
        click.echo(f"{name:<{width}}  {printable(str(path))}")


@cli.command()
@click.argument("decks", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--text",
    "show_text",
    is_flag=True,
    help="Print each source, paragraph by paragraph, its sentences marked by coverage "
    "(colours in a terminal, '[not covered]' before uncovered ones otherwise).",
)
@click.option(
    "--section",
    metavar="HEADING",
    help="Only the section under this heading (Markdown, web page) or this page ('p. 4', PDF).",
)
def coverage(decks: tuple[str, ...], as_json: bool, show_text: bool, section: str | None) -> None:
    """Which sentences of each source the cards quote, and which fact-bearing ones none does.

    Exit status: 0 when every fact-bearing sentence is covered, 1 otherwise.
    """
    from natobrief.deck.library import load_decks
    from natobrief.errors import UsageError
    from natobrief.tools.coverage import (
        coverage_json,
        deck_coverage,
        in_section,
        print_coverage,
        section_names,
    )

    documents = [doc for deck in load_decks(decks) for doc in deck_coverage(deck)]
    if section is not None:
        chosen = [found for doc in documents if (found := in_section(doc, section))]
        if not chosen:
            names = section_names(documents)
            raise UsageError(
                f"--section {section!r}: no source has that section"
                + (
                    f"; their sections: {', '.join(names[:12])}"
                    if names
                    else " (plain-text sources have none: sections come from Markdown, "
                    "web pages and PDFs)"
                )
            )
        documents = chosen
    if as_json:
        click.echo(json_text(coverage_json(documents), indent=2))
    else:
        print_coverage(documents, console(), show_text)
    sys.exit(1 if any(doc.uncovered for doc in documents) else 0)


@cli.command()
def schema() -> None:
    """Print the JSON Schema of deck format v1 (for yaml-language-server and other editors)."""
    from natobrief.tools.schema import deck_schema

    click.echo(json.dumps(deck_schema(), indent=2))


@cli.command()
@DB_OPTION
@click.option(
    "--repair",
    is_flag=True,
    help="Mend database rows natobrief cannot read (after a backup), then check again.",
)
def doctor(db: Path | None, repair: bool) -> None:
    """Check the database, the decks and the settings, and say what to do.

    Exit status: 0 when nothing needs fixing, 1 otherwise.
    """
    from natobrief import paths
    from natobrief.deck.discover import default_deck_paths
    from natobrief.doctor import examine
    from natobrief.doctor import repair as mend

    database = db or paths.database_file()
    findings = mend(database) if repair else []
    findings += examine(database, default_deck_paths(), paths.settings_file())
    for finding in findings:
        click.echo(printable(f"{finding.status:<8} {finding.what}: {finding.detail}"))
        if finding.advice:
            click.echo(printable(f"         what to do: {finding.advice}"))
    problems = sum(f.status == "problem" for f in findings)
    click.echo(f"{counted(problems, 'problem')} found." if problems else "Nothing needs fixing.")
    sys.exit(1 if problems else 0)
