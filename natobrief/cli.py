"""The ``natobrief`` command: a thin click shell over the library.

Heavy imports (Rich, the deck loader, and Textual for the app) happen inside
the command that needs them, so ``natobrief --help`` and the headless path stay fast.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from natobrief import __version__
from natobrief.errors import NatobriefError, UsageError

if TYPE_CHECKING:
    from rich.console import Console

EXIT_OK, EXIT_DECK_ERRORS, EXIT_USAGE = 0, 1, 2


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="natobrief")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """natobrief: study decks grounded in their source documents."""
    if ctx.invoked_subcommand is None:
        click.echo(ctx.get_help())


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
    except NatobriefError as error:
        click.echo(f"natobrief: {error}", err=True)
        sys.exit(EXIT_DECK_ERRORS)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(130)
