"""Commands that move cards between natobrief and other formats: export, import."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from natobrief.cli.group import DB_OPTION, cli
from natobrief.tools.exports import EXPORTERS, ExportRequest, exporter


@cli.command()
@click.argument("decks", nargs=-1)
@click.option(
    "--to",
    "kind",
    type=click.Choice(list(EXPORTERS)),
    default="csv",
    show_default=True,
    help="The format: "
    + "; ".join(f"{name}: {description}" for name, (_, _, description) in EXPORTERS.items())
    + ".",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The file to write.",
)
@DB_OPTION
def export(decks: tuple[str, ...], kind: str, output: Path, db: Path | None) -> None:
    """Export the cards of the given decks (default: all) to another format."""
    from natobrief import paths
    from natobrief.headless import load_decks

    request = ExportRequest(load_decks(decks), output, db or paths.database_file())
    done = exporter(kind)(request)
    click.echo(f"{done.count} {done.what} written to {output} ({kind}).")
    for note in done.notes:
        click.echo(f"  {note}")


@cli.command(name="import")
@click.argument("source_csv", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The deck file to write.",
)
@click.option(
    "--source",
    "document",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    required=True,
    help="The source text the cards quote.",
)
@click.option("--title", default=None, help="The deck's title (default: the source's name).")
def import_cards(source_csv: Path, output: Path, document: Path, title: str | None) -> None:
    """Turn a CSV of cards into a deck file citing DOC; unverified quotes are listed and marked."""
    from natobrief.tools.csv_cards import import_csv

    unverified = import_csv(source_csv, output, document, title or document.stem)
    click.echo(f"Deck written to {output}.")
    for card_id in unverified:
        click.echo(f"  quote not found in {document.name}: card '{card_id}'")
    if unverified:
        click.echo(f"Fix those quotes, then run 'natobrief check {output}'.")
    sys.exit(1 if unverified else 0)
