"""The ``natobrief`` command group, shared by every command module.

Command modules (``natobrief.cli.sessions``, ``.decks``, ``.exchange`` ...) attach
their commands to :data:`cli`; ``natobrief.cli`` imports them all and runs it.
Heavy imports (Rich, the deck loader, Textual) happen inside the command that
needs them, so ``natobrief --help`` and the headless path stay fast.
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from natobrief import __version__

if TYPE_CHECKING:
    from rich.console import Console


DB_OPTION = click.option(
    "--db",
    type=click.Path(path_type=Path, dir_okay=False),
    help="The progress database (default: see 'natobrief locate').",
)


class FiniteRange(click.FloatRange):
    """A number in a range, and a real one: "nan" passes click's own range check."""

    name = "finite float range"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = float(super().convert(value, param, ctx))
        if not math.isfinite(number):
            low = "" if self.min is None else f" from {self.min:g}"
            high = "" if self.max is None else f" to {self.max:g}"
            self.fail(f"{value!r} is not a number; give one{low}{high}", param, ctx)
        return number


def output_option(help_text: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The required ``-o/--output FILE`` of the commands that write a file; ``-`` is stdout."""
    return click.option(
        "-o",
        "--output",
        type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
        required=True,
        help=help_text,
    )


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="natobrief")
@click.pass_context
def cli(ctx: click.Context) -> None:
    """natobrief: study decks grounded in their source documents.

    With no command, opens the app on the bundled decks and your own.
    """
    if ctx.invoked_subcommand is None:
        from natobrief.cli.app_start import open_app

        sys.exit(open_app("home", (), None, None, None, None))


def console() -> Console:
    """A Rich console for human-readable output (deferred: Rich costs ~40 ms to import)."""
    from rich.console import Console

    return Console(highlight=False)
