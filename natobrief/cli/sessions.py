"""Commands that run sessions or open the app: study, exam, brief, stats."""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import click

from natobrief.cli.app_start import open_app
from natobrief.cli.group import DB_OPTION, FiniteRange, cli
from natobrief.errors import UsageError
from natobrief.settings import EXAM_QUESTIONS
from natobrief.text import json_text


def _session_options(exam: bool) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The options shared by ``study`` and ``exam`` (docs/headless.md)."""

    def decorate(command: Callable[..., None]) -> Callable[..., None]:
        options = [
            click.argument("decks", nargs=-1),
            click.option(
                "--headless", is_flag=True, help="Plain text or JSON lines instead of the app."
            ),
            click.option("--jsonl", is_flag=True, help="One JSON object per line (headless)."),
            click.option(
                "--answers",
                type=click.Path(path_type=Path, dir_okay=False),
                help="Answers from a YAML/JSON file: card id -> answer.",
            ),
            click.option("--seed", type=int, help="Fix question order and every shuffle."),
            click.option(
                "--now",
                "now_text",
                metavar="ISO-8601",
                help="The clock for scheduling and logging.",
            ),
            DB_OPTION,
            click.option(
                "--count",
                type=click.IntRange(min=1),
                help="At most N questions" + (f" (default {EXAM_QUESTIONS})." if exam else "."),
            ),
            click.option(
                "--report",
                type=click.Path(path_type=Path, dir_okay=False),
                help="Write the summary and every result as one JSON document.",
            ),
        ]
        if exam:
            options += [
                click.option(
                    "--time-limit",
                    type=FiniteRange(min=0.5),
                    metavar="MINUTES",
                    help="In the app: end the exam after this many minutes.",
                ),
                click.option(
                    "--pass-mark",
                    type=FiniteRange(0, 100),
                    help="Exit 1 when the score is below P percent.",
                ),
                click.option(
                    "--schedule", is_flag=True, help="Let the results move the schedule too."
                ),
            ]
        else:
            options.append(
                click.option(
                    "--new",
                    type=click.IntRange(min=0),
                    help="At most N new cards (default from settings).",
                )
            )
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


@cli.command()
@_session_options(exam=False)
def study(decks: tuple[str, ...], **options: Any) -> None:
    """Study due and new cards of the given decks (ids or paths; default: all).

    Opens the app; with --headless, runs in plain text or JSON lines instead.
    """
    sys.exit(_run_session("study", decks, options))


@cli.command()
@_session_options(exam=True)
def exam(decks: tuple[str, ...], **options: Any) -> None:
    """Take an exam: a fixed, shuffled set of cards, results at the end."""
    sys.exit(_run_session("exam", decks, options))


def _run_session(mode: str, decks: tuple[str, ...], options: dict[str, Any]) -> int:
    from natobrief import paths
    from natobrief.headless.options import HeadlessOptions, parse_now
    from natobrief.headless.run import run
    from natobrief.settings import load_settings

    headless = HeadlessOptions(
        mode="exam" if mode == "exam" else "study",
        decks=decks,
        jsonl=options["jsonl"],
        answers=options["answers"],
        seed=options["seed"],
        now=parse_now(options["now_text"]) if options["now_text"] else None,
        db=options["db"],
        count=options["count"],
        new=options.get("new"),
        pass_mark=options.get("pass_mark"),
        schedule=bool(options.get("schedule")),
        report=options["report"],
    )
    if not options["headless"]:
        for name in ("jsonl", "answers", "report", "pass_mark"):
            if options.get(name):
                raise UsageError(f"--{name.replace('_', '-')} needs --headless")
        return open_app(
            headless.mode,
            decks,
            headless.db,
            headless.now,
            headless.seed,
            headless.count,
            options.get("time_limit"),
        )
    settings = load_settings(paths.settings_file())
    return run(headless, settings, headless.db or paths.database_file())


@cli.command()
@click.argument("decks", nargs=-1)
def brief(decks: tuple[str, ...]) -> None:
    """Read the source documents with every quoted passage highlighted."""
    sys.exit(open_app("brief", decks, None, None, None, None))


@cli.command()
@click.argument("decks", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option("--plain", is_flag=True, help="Print the figures as text lines.")
@DB_OPTION
@click.option("--now", "now_text", metavar="ISO-8601", help="The clock to count 'due' against.")
def stats(
    decks: tuple[str, ...], as_json: bool, plain: bool, db: Path | None, now_text: str | None
) -> None:
    """Figures on your progress: reviews, cards by state, due, retention.

    In a terminal, opens the app's statistics screen; with --plain or --json, or
    when the output is not a terminal (a pipe, a script), prints the figures.
    """
    from natobrief import paths
    from natobrief.deck.library import load_decks
    from natobrief.headless.options import parse_now
    from natobrief.settings import load_settings
    from natobrief.stats import compute_stats, format_stats
    from natobrief.store import open_store

    if as_json and plain:
        raise UsageError("--json and --plain both choose the output; give one of them")
    now = parse_now(now_text) if now_text else None
    if not (as_json or plain) and sys.stdout.isatty() and sys.stdin.isatty():
        sys.exit(open_app("stats", decks, db, now, None, None))
    if db is not None and not db.exists():  # a typo must not read as "no progress yet"
        raise UsageError(
            f"--db {db}: there is no database there; check the path, or leave --db out for "
            f"yours ({paths.database_file()})"
        )
    loaded = load_decks(decks)
    day_starts_hour = load_settings(paths.settings_file()).day_starts_hour
    database = db or paths.database_file()
    with tempfile.TemporaryDirectory() as folder:
        if not database.exists():  # nothing studied yet on this machine: the figures are zero
            database = Path(folder) / "empty.sqlite3"
        progress = open_store(database, read_only=database.exists())
        try:
            figures = compute_stats(
                loaded, progress, now or datetime.now().astimezone(), day_starts_hour
            )
        finally:
            progress.close()
    if as_json:
        click.echo(json_text(figures, indent=2))
    else:
        click.echo(format_stats(figures))
