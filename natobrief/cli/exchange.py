"""Commands that move cards between natobrief and other formats: export, import."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from natobrief.cli.group import DB_OPTION, cli, output_option
from natobrief.text import counted
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
@output_option("The file to write.")
@DB_OPTION
def export(decks: tuple[str, ...], kind: str, output: Path, db: Path | None) -> None:
    """Export the cards of the given decks (default: all) to another format."""
    from natobrief import paths
    from natobrief.deck.library import load_decks

    request = ExportRequest(load_decks(decks), output, db or paths.database_file())
    done = exporter(kind)(request)
    click.echo(f"{counted(done.count, done.what)} written to {output} ({kind}).")
    for note in done.notes:
        click.echo(f"  {note}")


@cli.command(name="import")
@click.argument("cards_file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@output_option("The deck file to write.")
@click.option(
    "--source",
    "document",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    required=True,
    help="The source text the cards quote.",
)
@click.option("--title", default=None, help="The deck's title (default: the source's name).")
def import_cards(cards_file: Path, output: Path, document: Path, title: str | None) -> None:
    """Turn a CSV of cards or an Anki package (.apkg) into a deck file citing DOC.

    Quotes not found in DOC are listed and marked in the deck (exit status 1).
    From an Anki package, a note without a passage of DOC gets the sentence of
    DOC holding its answer, marked for you to confirm.
    """
    if _is_anki_package(cards_file):
        unverified = _import_anki(cards_file, output, document, title or document.stem)
    else:
        from natobrief.tools.csv_cards import import_csv

        unverified = import_csv(cards_file, output, document, title or document.stem)
        click.echo(f"Deck written to {output}.")
    for card_id in unverified:
        click.echo(f"  quote not found in {document.name}: card '{card_id}'")
    if unverified:
        click.echo(f"Fix those quotes, then run 'natobrief check {output}'.")
    sys.exit(1 if unverified else 0)


def _is_anki_package(path: Path) -> bool:
    """An .apkg or .colpkg, or any zip (a CSV is never one)."""
    import zipfile  # deferred: only the import command reads zips

    return path.suffix.lower() in (".apkg", ".colpkg") or zipfile.is_zipfile(path)


def _import_anki(package: Path, output: Path, document: Path, title: str) -> list[str]:
    """Import the notes of an Anki package and say what needs the author's eye."""
    from natobrief.tools.anki_import import import_apkg  # deferred: the HTML and zip readers

    done = import_apkg(package, output, document, title)
    click.echo(f"Deck written to {output}: {done.cards} cards from {package.name}.")
    for reason in done.skipped:
        click.echo(f"  skipped {reason}")
    for card_id in done.guessed:
        click.echo(f"  quote found by searching {document.name} for the answer: card '{card_id}'")
    if done.guessed:
        click.echo("  Check those quotes are the right passages (marked in the deck).")
    for problem in done.problems:
        click.echo(f"  {problem.format()}")
    if done.problems and not done.unverified:
        click.echo(f"Fix those, then run 'natobrief check {output}'.")
        sys.exit(1)
    return done.unverified
