"""The ``natobrief handout`` command: a briefing sheet per source document, to print or share."""

from __future__ import annotations

from pathlib import Path

import click

from natobrief.cli.group import cli, output_option
from natobrief.text import counted


@cli.command()
@click.argument("decks", nargs=-1)
@output_option("The file to write: FILE.md for Markdown, FILE.html for a page to print.")
def handout(decks: tuple[str, ...], output: Path) -> None:
    """Write a briefing handout of the given decks (default: all).

    One sheet per source document: its title and date, then each card written
    from it as a question with its answer, quotes and note, in document order.
    """
    # Deferred: the deck loader and the handout writer are not needed for --help.
    from natobrief.deck.library import load_decks
    from natobrief.tools.handout import handout_format, write_handout

    kind = handout_format(output)  # refuse a wrong suffix before loading any deck
    documents, cards = write_handout(load_decks(decks), output)
    click.echo(
        f"Handout of {counted(documents, 'document')} and {counted(cards, 'card')} "
        f"written to {output} ({kind})."
    )
