"""``natobrief appeals``: what learners counted right against the grader, for the author."""

from __future__ import annotations

from pathlib import Path

import click

from natobrief.cli.group import DB_OPTION, cli
from natobrief.errors import UsageError
from natobrief.text import json_text


@cli.command()
@click.argument("decks", nargs=-1)
@DB_OPTION
@click.option("--yaml", "as_yaml", is_flag=True, help="Write accept: suggestions as YAML.")
@click.option("--json", "as_json", is_flag=True, help="Print the appeals as JSON.")
def appeals(decks: tuple[str, ...], db: Path | None, as_yaml: bool, as_json: bool) -> None:
    """Answers learners counted right ("I was right"), per card, with how often.

    DECKS are deck ids or paths (default: all). With --yaml, prints them as
    accept: entries to paste into the deck; nothing is written to any deck.
    """
    from natobrief import paths
    from natobrief.deck.library import load_decks
    from natobrief.store import open_store
    from natobrief.tools import appeals as report

    if as_yaml and as_json:
        raise UsageError("--yaml and --json both choose the output; give one of them")
    database = db or paths.database_file()
    if not database.exists():
        raise UsageError(
            f"--db {database}: there is no database there; check the path, or study first"
        )
    loaded = load_decks(decks)
    progress = open_store(database, read_only=True)
    try:
        found = report.by_card(loaded, progress.appeals(deck.id for deck in loaded))
    finally:
        progress.close()
    if as_json:
        click.echo(json_text(report.as_json(found), indent=2))
    elif as_yaml:
        click.echo(report.as_yaml(found), nl=False)
    else:
        click.echo(report.as_text(found))
