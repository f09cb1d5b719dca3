"""The ``natobrief`` command: a thin click shell over the library.

The group lives in :mod:`natobrief.cli.group`; each module imported below adds
its commands to it. :func:`main` turns every known error into a message and an
exit status, so no traceback reaches a user.
"""

from __future__ import annotations

import io
import sys

import click

# Importing a command module registers its commands on the group.
from natobrief.cli import (  # noqa: F401
    appeals,
    authoring,
    cards,
    decks,
    exchange,
    handout,
    lint,
    report,
    sessions,
)
from natobrief.cli.group import cli
from natobrief.errors import DeckError, ExitCode, NatobriefError, UsageError
from natobrief.text import printable

__all__ = ["cli", "main"]


def main() -> None:
    """Console-script entry point: run the CLI and turn known errors into messages."""
    try:
        cli.main(prog_name="natobrief", standalone_mode=False)
    except click.exceptions.Abort:
        click.echo("Aborted.", err=True)
        sys.exit(ExitCode.INTERRUPTED)
    except click.ClickException as error:  # its message may quote a path as given
        shown = io.StringIO()
        error.show(file=shown)
        click.echo(printable(shown.getvalue()), err=True, nl=False)
        sys.exit(error.exit_code)
    except UsageError as error:
        click.echo(f"natobrief: {printable(str(error))}", err=True)
        sys.exit(ExitCode.USAGE)
    except DeckError as error:
        from natobrief.check import shown_path

        refused = dict.fromkeys(p.file for p in error.problems if p.severity == "error")
        for path in refused:  # then every problem: the same lines as 'natobrief check'
            click.echo(f"✗ {shown_path(path)}: refused", err=True)
        for problem in error.problems:
            click.echo(problem.format(shown_path(problem.file)), err=True)
        click.echo(
            "natobrief: the decks above did not load; fix them and run 'natobrief check'", err=True
        )
        sys.exit(ExitCode.USAGE)
    except NatobriefError as error:  # a store, settings or answers-file problem
        click.echo(f"natobrief: {printable(str(error))}", err=True)
        sys.exit(ExitCode.USAGE)
    except OSError as error:  # a file a command writes (an export, a report): full disk, no access
        from natobrief.files import os_error_message

        message = os_error_message(error, None, "the file", "another place")
        click.echo(f"natobrief: {printable(message)}", err=True)
        sys.exit(ExitCode.USAGE)
    except KeyboardInterrupt:
        click.echo("Interrupted.", err=True)
        sys.exit(ExitCode.INTERRUPTED)
