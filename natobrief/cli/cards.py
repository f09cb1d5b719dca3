"""``natobrief cards``: find cards by text, tag and state, and suspend, unsuspend, unbury or reset.

The command-line face of the card browser (:mod:`natobrief.browse`); in the
app, ``c`` on the home screen opens the same browser.
"""

from __future__ import annotations

import shutil
import sys
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from natobrief.cli.group import DB_OPTION, cli
from natobrief.errors import UsageError
from natobrief.text import counted, json_text

if TYPE_CHECKING:
    from natobrief.browse import CardRow
    from natobrief.store.progress import Progress

_STATE_HELP = "new, learning, review, relearning, due, suspended, buried, leech"


@cli.command()
@click.argument("decks", nargs=-1)
@click.option(
    "--search",
    "search_text",
    default="",
    metavar="TEXT",
    help="Words the card must hold (id, prompt, answer, note, tags), and filters "
    "such as is:suspended, tag:china, deck:stoltenberg-2021.",
)
@click.option("--state", "states", multiple=True, metavar="STATE", help=f"One of {_STATE_HELP}.")
@click.option("--tag", "tags", multiple=True, help="Only cards with this tag (repeat for more).")
@click.option("--suspended", is_flag=True, help="Only suspended cards (as --state suspended).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object per card.")
@click.option("--suspend", "action", flag_value="suspend", help="Suspend the cards found.")
@click.option("--unsuspend", "action", flag_value="unsuspend", help="Unsuspend the cards found.")
@click.option("--unbury", "action", flag_value="unbury", help="Unbury the cards found.")
@click.option(
    "--reset", "action", flag_value="reset", help="Make the cards found new again (log kept)."
)
@click.option("--yes", is_flag=True, help="Act on more than one card without asking.")
@DB_OPTION
@click.option("--now", "now_text", metavar="ISO-8601", help="The clock to read states against.")
def cards(
    decks: tuple[str, ...],
    search_text: str,
    states: tuple[str, ...],
    tags: tuple[str, ...],
    suspended: bool,
    as_json: bool,
    action: str | None,
    yes: bool,
    db: Path | None,
    now_text: str | None,
) -> None:
    """List the cards of the given decks (default: all) with their state and due time.

    With --suspend, --unsuspend, --unbury or --reset, act on every card found
    (asking first when there is more than one, unless --yes).
    """
    from natobrief import browse, paths
    from natobrief.deck.library import load_decks
    from natobrief.headless.options import parse_now
    from natobrief.store import open_store

    query = browse.Search.parse(search_text)
    chosen = [browse.state_named(state) for state in states] + ["suspended"] * suspended
    tag_filter = tuple(tag.lower() for tag in tags)
    query = browse.Search(
        query.words, (*query.states, *chosen), (*query.tags, *tag_filter), query.decks
    )
    now = parse_now(now_text) if now_text else datetime.now().astimezone()
    database = db or paths.database_file()
    if db is not None and not db.exists():
        raise UsageError(f"--db {db}: there is no database there; check the path")
    loaded = load_decks(decks)
    if action is None and not database.exists():  # nothing studied yet: every card is new
        _print(browse.find(browse.card_rows(loaded, None, now), query), now, as_json)
        return
    progress = open_store(database, read_only=action is None)
    try:
        found = browse.find(browse.card_rows(loaded, progress, now), query)
        if action is not None:
            _act(progress, found, action, now, yes)
            found = browse.find(browse.card_rows(loaded, progress, now), query)
    finally:
        progress.close()
    _print(found, now, as_json)


def _print(rows: list[CardRow], now: datetime, as_json: bool) -> None:
    if as_json:
        for row in rows:
            click.echo(json_text(row.to_json()))
    else:
        _print_rows(rows, now)


def _act(progress: Progress, rows: list[CardRow], action: str, now: datetime, yes: bool) -> None:
    """Apply ``action`` to the rows it changes, asking first (or wanting --yes) for several."""
    from natobrief import browse

    chosen = next(name for name in browse.ACTIONS if name == action)
    targets = [row for row in rows if browse.applies(chosen, row)]
    if not targets:
        click.echo(f"No card found needs to {chosen}; nothing changed.", err=True)
        return
    if len(targets) > 1 and not yes:
        if not sys.stdin.isatty():
            raise UsageError(
                f"{chosen} would change {counted(len(targets), 'card')}; add --yes to do it, "
                "or narrow the search"
            )
        click.confirm(f"{chosen.capitalize()} {counted(len(targets), 'card')}?", abort=True)
    done = browse.act(progress, targets, chosen, now)
    click.echo(f"{chosen.capitalize()}: {counted(done, 'card')} changed.", err=True)


def _print_rows(rows: list[CardRow], now: datetime) -> None:
    """One line a card: deck/card id, its states, when it is due, and the card in one line."""

    if not rows:
        click.echo("No card matches.")
        return
    # In a terminal a label is cut to the line; in a pipe it is whole, for scripts and grep.
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else 1_000_000
    keys = [f"{row.deck.id}/{row.card.id}" for row in rows]
    key_width = min(max(len(key) for key in keys), 48)
    state_width = max(len(",".join(row.states)) for row in rows)
    for key, row in zip(keys, rows, strict=True):
        when = row.due_text(now)
        states = ",".join(row.states)
        head = f"{key:<{key_width}}  {states:<{state_width}}  {when:<22} "
        room = max(width - len(head) - 1, 20)
        label = row.label if len(row.label) <= room else row.label[: room - 1] + "…"
        click.echo(head + label)
    click.echo(f"{counted(len(rows), 'card')}.")
