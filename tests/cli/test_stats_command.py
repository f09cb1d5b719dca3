"""`natobrief stats`: the app's screen in a terminal, text with --plain or in a pipe, or JSON."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

from click.testing import CliRunner

from natobrief.cli import cli
from tests.conftest import DATA

GOOD_DECK = DATA / "good" / "deck.yaml"
NOW = "2026-03-02T09:00:00+00:00"
NATOBRIEF = (sys.executable, "-m", "natobrief")
HANG_GUARD_SECONDS = 60  # not a speed check: the app is up in well under a second


def study_once(db: Path) -> None:
    options = ("--headless", "--seed", "1", "--now", NOW, "--db", str(db))
    done = subprocess.run(
        [*NATOBRIEF, "study", str(GOOD_DECK), *options],
        input="France\n\n",
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr


def test_plain_prints_the_figures_as_text(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    study_once(db)
    args = ["stats", str(GOOD_DECK), "--db", str(db), "--now", NOW]
    plain = CliRunner().invoke(cli, [*args, "--plain"])
    assert plain.exit_code == 0, plain.output
    lines = plain.output.splitlines()
    assert lines[0] == "Cards: 8 in 1 deck: 7 new, 1 learning, 0 review, 0 relearning, 0 suspended."
    assert "Reviews (answers that moved the schedule): 1, 1 correct;" in plain.output
    # Not a terminal (CliRunner's output is not): the same text as --plain, as scripts had it.
    piped = CliRunner().invoke(cli, args)
    assert piped.exit_code == 0 and piped.output == plain.output
    figures = json.loads(CliRunner().invoke(cli, [*args, "--json"]).output)
    assert figures["total_reviews"] == 1 and figures["reviews_30_days"] == 1
    assert figures["cards_by_state"]["learning"] == 1


def test_json_and_plain_together_are_refused_with_what_to_do(tmp_path: Path) -> None:
    done = subprocess.run(
        [*NATOBRIEF, "stats", str(GOOD_DECK), "--json", "--plain"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == "natobrief: --json and --plain both choose the output; give one of them\n"


def test_in_a_terminal_it_opens_the_statistics_screen(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    study_once(db)
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    app = subprocess.Popen(
        [*NATOBRIEF, "stats", str(GOOD_DECK), "--db", str(db), "--now", NOW],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env={**os.environ, "TERM": "xterm-256color"},
        close_fds=True,
    )
    os.close(secondary)
    shown = b""
    give_up = time.monotonic() + HANG_GUARD_SECONDS
    try:
        while b"Cards: 8 in 1 deck" not in shown and time.monotonic() < give_up:
            ready, _, _ = select.select([primary], [], [], 1)
            if ready:
                shown += os.read(primary, 65536)
        assert b"natobrief" in shown and b"Statistics" in shown
        assert b"Cards: 8 in 1 deck: 7 new, 1 learning" in shown
        os.write(primary, b"\x11")  # ctrl+q
        while app.poll() is None and time.monotonic() < give_up:
            ready, _, _ = select.select([primary], [], [], 1)
            if ready:
                try:
                    os.read(primary, 65536)
                except OSError:  # the app closed the terminal's other end
                    break
        assert app.wait(timeout=HANG_GUARD_SECONDS) == 0
    finally:
        if app.poll() is None:
            app.kill()
        os.close(primary)


def test_a_database_path_that_does_not_exist_is_refused_not_created(tmp_path: Path) -> None:
    missing = tmp_path / "typo.db"
    done = subprocess.run(
        [*NATOBRIEF, "stats", str(GOOD_DECK), "--json", "--db", str(missing)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NATOBRIEF_HOME": str(tmp_path / "home")},
    )
    assert done.returncode == 2
    assert "there is no database there; check the path" in done.stderr
    assert not missing.exists() and "Traceback" not in done.stderr


def test_on_a_fresh_machine_the_figures_are_zero_and_nothing_is_made(tmp_path: Path) -> None:
    home = tmp_path / "home"
    done = subprocess.run(
        [*NATOBRIEF, "stats", "--plain"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "NATOBRIEF_HOME": str(home)},
    )
    assert done.returncode == 0, done.stderr
    assert "Reviews (answers that moved the schedule): 0, 0 correct" in done.stdout
    assert not list(home.rglob("*.sqlite3"))  # no database made by reading figures
