"""The ``natobrief`` command: a thin click shell over the library.

Heavy imports (Rich, the deck loader, and Textual for the app) happen inside
the command that needs them, so ``natobrief --help`` and the headless path stay fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from natobrief import __version__
from natobrief.errors import DeckError, NatobriefError, UsageError

if TYPE_CHECKING:
    from rich.console import Console

EXIT_OK, EXIT_DECK_ERRORS, EXIT_USAGE = 0, 1, 2


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="natobrief")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """natobrief: study decks grounded in their source documents.

    With no command, opens the app on the bundled decks and your own.
    """
    if ctx.invoked_subcommand is None:
        sys.exit(_open_app("home", (), None, None, None, None))


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def check(paths: tuple[Path, ...], as_json: bool) -> None:
    """Check deck files or folders (default: the bundled decks).

    Verifies the format, every card and every quote against its source.
    Exit status: 0 clean, 1 deck errors, 2 bad usage.
    """
    from natobrief.check import check_paths, print_report, report_json
    from natobrief.deck.discover import default_deck_paths

    report = check_paths(list(paths) or default_deck_paths())
    if as_json:
        click.echo(json.dumps(report_json(report), indent=2, ensure_ascii=False))
    else:
        print_report(report, _console())
    sys.exit(EXIT_DECK_ERRORS if report.error_count else EXIT_OK)


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
        click.echo(json.dumps({name: str(path) for name, path in found.items()}, indent=2))
        return
    width = max(len(name) for name in found)
    for name, path in found.items():
        click.echo(f"{name:<{width}}  {path}")


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
            click.option(
                "--db",
                type=click.Path(path_type=Path, dir_okay=False),
                help="The progress database (default: see 'natobrief locate').",
            ),
            click.option(
                "--count",
                type=click.IntRange(min=1),
                help="At most N questions" + (" (default 20)." if exam else "."),
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
                    type=click.FloatRange(min=0.5),
                    metavar="MINUTES",
                    help="In the app: end the exam after this many minutes.",
                ),
                click.option(
                    "--pass-mark",
                    type=click.FloatRange(0, 100),
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
    from natobrief.headless import HeadlessOptions, parse_now, run
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
        return _open_app(
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


def _open_app(
    start: str,
    decks: tuple[str, ...],
    db: Path | None,
    now: datetime | None,
    seed: int | None,
    count: int | None,
    time_limit: float | None = None,
) -> int:
    """Start the Textual app on a screen. The TUI is imported here and nowhere else."""
    from natobrief import paths
    from natobrief.settings import load_settings
    from natobrief.tui.app import make_app  # deferred: Textual costs ~150 ms to import

    if not sys.stdout.isatty() or not sys.stdin.isatty():
        raise UsageError("the app needs a terminal; use --headless for plain text or JSON lines")
    app = make_app(
        decks,
        db_path=db,
        settings=load_settings(paths.settings_file()),
        settings_path=paths.settings_file(),
        start=start,  # type: ignore[arg-type]
        now=now,
        seed=seed,
        exam_count=count,
        time_limit_minutes=time_limit,
    )
    app.run()
    return app.return_code or 0


@cli.command()
@click.argument("decks", nargs=-1)
def brief(decks: tuple[str, ...]) -> None:
    """Read the source documents with every quoted passage highlighted."""
    sys.exit(_open_app("brief", decks, None, None, None, None))


@cli.command()
@click.argument("decks", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@click.option(
    "--db",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The progress database (default: see 'natobrief locate').",
)
@click.option("--now", "now_text", metavar="ISO-8601", help="The clock to count 'due' against.")
def stats(decks: tuple[str, ...], as_json: bool, db: Path | None, now_text: str | None) -> None:
    """Figures on your progress: reviews, cards by state, due, retention."""
    from natobrief import paths
    from natobrief.headless import load_decks, parse_now
    from natobrief.stats import compute_stats, format_stats
    from natobrief.store import open_store

    now = parse_now(now_text) if now_text else datetime.now().astimezone()
    loaded = load_decks(decks)
    progress = open_store(db or paths.database_file())
    try:
        figures = compute_stats(loaded, progress, now)
    finally:
        progress.close()
    if as_json:
        click.echo(json.dumps(figures, indent=2, ensure_ascii=False))
    else:
        click.echo(format_stats(figures))


@cli.command()
@click.argument("decks", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--text",
    "show_text",
    is_flag=True,
    help="Print each source with covered sentences highlighted.",
)
def coverage(decks: tuple[str, ...], as_json: bool, show_text: bool) -> None:
    """Which sentences of each source the cards quote, and which fact-bearing ones none does.

    Exit status: 0 when every fact-bearing sentence is covered, 1 otherwise.
    """
    from natobrief.headless import load_decks
    from natobrief.tools.coverage import coverage_json, deck_coverage, print_coverage

    documents = [doc for deck in load_decks(decks) for doc in deck_coverage(deck)]
    if as_json:
        click.echo(json.dumps(coverage_json(documents), indent=2, ensure_ascii=False))
    else:
        print_coverage(documents, _console(), show_text)
    sys.exit(1 if any(doc.uncovered for doc in documents) else 0)


@cli.command()
@click.argument("decks", nargs=-1)
@click.option(
    "--to",
    "kind",
    type=click.Choice(["csv"]),
    default="csv",
    show_default=True,
    help="The format (Anki, Moodle GIFT and the review log are still to come).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The file to write.",
)
def export(decks: tuple[str, ...], kind: str, output: Path) -> None:
    """Export the cards of the given decks (default: all) to another format."""
    from natobrief.headless import load_decks
    from natobrief.tools.csv_cards import write_csv

    count = write_csv(load_decks(decks), output)
    click.echo(f"{count} cards written to {output} ({kind}).")


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


@cli.command()
def schema() -> None:
    """Print the JSON Schema of deck format v1 (for yaml-language-server and other editors)."""
    from natobrief.tools.schema import deck_schema

    click.echo(json.dumps(deck_schema(), indent=2))


@cli.command()
@click.option(
    "--db",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The progress database (default: see 'natobrief locate').",
)
def doctor(db: Path | None) -> None:
    """Check the database, the decks and the settings, and say what to do.

    Exit status: 0 when nothing needs fixing, 1 otherwise.
    """
    from natobrief import paths
    from natobrief.deck.discover import default_deck_paths
    from natobrief.doctor import examine

    findings = examine(db or paths.database_file(), default_deck_paths(), paths.settings_file())
    for finding in findings:
        click.echo(f"{finding.status:<8} {finding.what}: {finding.detail}")
        if finding.advice:
            click.echo(f"         what to do: {finding.advice}")
    problems = sum(f.status == "problem" for f in findings)
    click.echo(f"{problems} problem(s) found." if problems else "Nothing needs fixing.")
    sys.exit(1 if problems else 0)


def _console() -> Console:
    from rich.console import Console  # deferred: Rich costs ~40 ms, JSON output needs none

    return Console(highlight=False)


def main() -> None:
    """Console-script entry point: run the CLI and turn known errors into messages."""
    try:
        cli.main(prog_name="natobrief", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(130)
    except click.ClickException as error:
        error.show()
        sys.exit(EXIT_USAGE if error.exit_code == 2 else error.exit_code)
    except UsageError as error:
        click.echo(f"natobrief: {error}", err=True)
        sys.exit(EXIT_USAGE)
    except DeckError as error:
        for problem in error.problems:
            click.echo(problem.format(), err=True)
        click.echo(
            "natobrief: the decks above did not load; fix them and run 'natobrief check'", err=True
        )
        sys.exit(EXIT_USAGE)
    except NatobriefError as error:  # a store, settings or answers-file problem
        click.echo(f"natobrief: {error}", err=True)
        sys.exit(EXIT_USAGE)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
