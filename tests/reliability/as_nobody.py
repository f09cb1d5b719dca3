"""Run ``natobrief ARGS...`` as the unprivileged user nobody (uid/gid 65534) when started as root.

Root ignores file permissions, so a read-only folder only stops natobrief when
natobrief runs as someone else. The interpreter itself may live where nobody
cannot read it (e.g. under /root), so this script first imports what the run
needs while still root: every non-TUI natobrief module, then a rehearsal of the
same command against a scratch database (its output thrown away), which loads
any module a library imports late. Then it drops to nobody and runs the command
for real; the permission checks of that run are the kernel's own.

Started as another user, it simply runs the command. Usage:
``python as_nobody.py SCRATCH_DIR natobrief-args...`` with standard input as the
command's own.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import pkgutil
import sys

import natobrief
from natobrief.cli import main

NOBODY = 65534


def rehearse(scratch: str, args: list[str]) -> None:
    """Run ``args`` once against a scratch database so that late imports happen now.

    The rehearsal reads from /dev/null and writes to /dev/null at the level of
    file descriptors (the headless face holds on to ``sys.stdin`` and
    ``sys.stdout`` themselves), so the real run gets all of standard input.
    """
    swapped = list(args)
    if "--db" in swapped:
        swapped[swapped.index("--db") + 1] = os.path.join(scratch, "rehearsal.sqlite3")
    sys.argv = ["natobrief", *swapped]
    saved = [os.dup(fd) for fd in (0, 1, 2)]
    null = os.open(os.devnull, os.O_RDWR)
    try:
        for fd in (0, 1, 2):
            os.dup2(null, fd)
        with contextlib.suppress(SystemExit):
            main()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        for fd, original in zip((0, 1, 2), saved, strict=True):
            os.dup2(original, fd)
            os.close(original)
        os.close(null)


def main_as_nobody() -> None:
    """Warm the imports, drop to nobody, run the command."""
    scratch, args = sys.argv[1], sys.argv[2:]
    if os.geteuid() == 0:
        for module in pkgutil.walk_packages(natobrief.__path__, "natobrief."):
            if not module.name.startswith("natobrief.tui"):
                importlib.import_module(module.name)
        importlib.import_module("encodings.utf_8_sig")
        rehearse(scratch, args)
        os.setgroups([])
        os.setgid(NOBODY)
        os.setuid(NOBODY)
    sys.argv = ["natobrief", *args]
    main()


if __name__ == "__main__":
    main_as_nobody()
