"""Commands that move cards between natobrief and other formats: export, import."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from natobrief.cli.group import DB_OPTION, cli, output_option
from natobrief.files import is_standard_output
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
@output_option("The file to write; - for standard output.")
@DB_OPTION
@click.option(
    "--raw",
    is_flag=True,
    help="CSV: write cells as they are, without the apostrophe that keeps a spreadsheet "
    "from running a cell that begins with = + - @ as a formula.",
)
def export(decks: tuple[str, ...], kind: str, output: Path, db: Path | None, raw: bool) -> None:
    """Export the cards of the given decks (default: all) to another format.

    With -o -, the export goes to standard output and what was written is told
    on standard error.
    """
    from natobrief import paths
    from natobrief.deck.library import load_decks

    to_stdout = is_standard_output(output)
    _check_suffix(kind, output, to_stdout)
    request = ExportRequest(load_decks(decks), output, db or paths.database_file(), raw)
    done = exporter(kind)(request)
    where = "standard output" if to_stdout else output
    click.echo(f"{counted(done.count, done.what)} written to {where} ({kind}).", err=to_stdout)
    for note in done.notes:
        click.echo(f"  {note}", err=to_stdout)


# The file names each format's readers expect; another is refused before any work.
_SUFFIXES = {"anki": (".apkg",), "csv": (".csv", ".txt", ".tsv"), "reviews": (".csv",)}


def _check_suffix(kind: str, output: Path, to_stdout: bool) -> None:
    """Refuse an output name the format's reader would not take (an Anki package as .txt)."""
    from natobrief.errors import UsageError

    wanted = _SUFFIXES.get(kind)
    if wanted is None or output.suffix.lower() in wanted:
        return
    if not to_stdout and output.exists() and not output.is_file():  # a named pipe, a device
        return
    if kind == "anki" and to_stdout:
        raise UsageError("an Anki package is a zip file; write it to a file: -o cards.apkg")
    if to_stdout:
        return
    named = output.with_suffix(wanted[0]).name
    other = " or --to csv for text" if kind == "anki" else ""
    raise UsageError(
        f"--to {kind} writes a {wanted[0]} file, and {output.name} would not open as one; "
        f"name it {named}{other}"
    )


@cli.command(name="import")
@click.argument("cards_file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
    help="The deck file to write; - for standard output.",
)
@click.option(
    "--into",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="A deck to update instead: its cards rewritten by id, new ones added.",
)
@click.option(
    "--source",
    "document",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    required=True,
    help="The document the cards quote (.txt, .md, .html or .pdf).",
)
@click.option(
    "--title",
    default=None,
    help="The deck's title (default: the file's own, else the document's, else its name).",
)
@click.option(
    "--id",
    "deck_id",
    default=None,
    help="The deck id (default: the file's own, else made from the deck file's name).",
)
def import_cards(
    cards_file: Path,
    output: Path | None,
    into: Path | None,
    document: Path,
    title: str | None,
    deck_id: str | None,
) -> None:
    """Turn a CSV of cards or an Anki package (.apkg) into a deck file citing DOC.

    Quotes not found in DOC are listed and marked in the deck (exit status 1).
    From an Anki package, a note without a passage of DOC gets the sentence of
    DOC holding its answer, marked for you to confirm. Anything else that would
    make an invalid deck is listed at its CSV line or Anki note, and nothing is
    written (exit status 2).

    With -o -, the deck goes to standard output (its source file named relative
    to the current folder) and what was written is told on standard error.
    """
    from natobrief.errors import UsageError

    if (output is None) == (into is None):
        raise UsageError("give -o DECK.yaml for a new deck, or --into DECK.yaml to update one")
    if into is not None and (deck_id or title):
        raise UsageError("--id and --title name a new deck; --into keeps the deck's own")
    output = output or into
    assert output is not None
    say = _teller(output)
    if _is_anki_package(cards_file):
        unverified = _import_anki(cards_file, output, document, title, deck_id, into is not None)
    else:
        unverified = _import_csv(cards_file, output, document, title, deck_id, into is not None)
    for card_id in unverified:
        say(f"  quote not found in {document.name}: card '{card_id}'")
    if unverified:
        say(f"Fix those quotes, then run 'natobrief check {_deck_named(output)}'.")
    sys.exit(1 if unverified else 0)


def _teller(output: Path) -> Callable[[str], None]:
    """click.echo to standard output, or to standard error when the file itself goes there."""
    to_stdout = is_standard_output(output)

    def say(message: str) -> None:
        click.echo(message, err=to_stdout)

    return say


def _shown(output: Path) -> str:
    return "standard output" if is_standard_output(output) else str(output)


def _deck_named(output: Path) -> str:
    """How to name the written deck in a command to run next."""
    return "on the deck file" if is_standard_output(output) else str(output)


def _is_anki_package(path: Path) -> bool:
    """An .apkg or .colpkg, or any zip (a CSV is never one)."""
    import zipfile  # deferred: only the import command reads zips

    return path.suffix.lower() in (".apkg", ".colpkg") or zipfile.is_zipfile(path)


def _import_csv(
    cards_file: Path,
    output: Path,
    document: Path,
    title: str | None,
    deck_id: str | None,
    into: bool,
) -> list[str]:
    """Import the rows of a CSV of cards and say how it was read."""
    from natobrief.tools.csv.importer import DELIMITERS, import_csv  # deferred: the deck loader

    done = import_csv(cards_file, output, document, title, deck_id, into)
    read_as = "" if done.delimiter == "," else f", read as {DELIMITERS[done.delimiter]}-separated"
    _teller(output)(
        _written(output, into, done.cards, done.updated, done.added)
        + (f" from {cards_file.name}{read_as}.")
    )
    _say_cleaned(output, done.cleaned)
    return done.unverified


def _written(output: Path, into: bool, cards: int, updated: list[str], added: list[str]) -> str:
    """What the import did, without its "from FILE." ending."""
    if into:
        return (
            f"Deck {output} updated: {counted(len(updated), 'card')} rewritten by id, "
            f"{counted(len(added), 'card')} added"
        )
    return f"Deck written to {_shown(output)}: {counted(cards, 'card')}"


def _say_cleaned(output: Path, cleaned: list[str]) -> None:
    """Name the cards whose text held control or invisible characters (removed)."""
    for card_id in cleaned:
        _teller(output)(f"  control or invisible characters removed: card '{card_id}'")


def _import_anki(
    package: Path,
    output: Path,
    document: Path,
    title: str | None,
    deck_id: str | None,
    into: bool,
) -> list[str]:
    """Import the notes of an Anki package and say what needs the author's eye."""
    from natobrief.tools.anki.importer import import_apkg  # deferred: the HTML and zip readers

    done = import_apkg(package, output, document, title, deck_id, into)
    say = _teller(output)
    say(_written(output, into, done.cards, done.updated, done.added) + f" from {package.name}.")
    for reason in done.skipped:
        say(f"  skipped {reason}")
    for card_id in done.guessed:
        say(f"  quote found by searching {document.name} for the answer: card '{card_id}'")
    if done.guessed:
        say("  Check those quotes are the right passages (marked in the deck).")
    _say_cleaned(output, done.cleaned)
    return done.unverified
