"""A database value that passes SQLite's integrity check but is no value natobrief writes:
one card's problem (it counts as new), never a traceback; doctor names it and --repair mends it.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tests.cli.test_headless import GOOD_DECK, natobrief

NOW = "2026-03-02T09:00:00+00:00"
LATER = "2026-06-02T09:00:00+00:00"


@pytest.fixture
def studied(tmp_path: Path) -> Path:
    """A database with every card of the test deck answered once."""
    db = tmp_path / "p.db"
    done = natobrief(
        "study", str(GOOD_DECK), "--headless", "--seed", "1", "--now", NOW, "--db", str(db),
        stdin="x\n" * 8 + "\n",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return db


BREAKAGES = [
    "UPDATE card_state SET due = 'garbage'",
    "UPDATE card_state SET memory = 'not json'",
    "UPDATE card_state SET buried_until = 'soon'",
    "UPDATE review_log SET reviewed_at = 'yesterday' WHERE id = 1",
    "UPDATE review_log SET kind = 'explode' WHERE id = 2",
    "UPDATE review_log SET state_after = '{' WHERE id = 3",
]


@pytest.mark.parametrize("breakage", BREAKAGES)
def test_every_command_goes_on_and_doctor_repair_mends_it(studied: Path, breakage: str) -> None:
    with sqlite3.connect(studied) as connection:
        connection.execute(breakage)
    for command in (
        ["study", str(GOOD_DECK), "--headless", "--now", LATER, "--count", "2"],
        ["stats", str(GOOD_DECK), "--plain", "--now", LATER],
        ["export", str(GOOD_DECK), "--to", "reviews", "-o", str(studied.parent / "r.csv")],
    ):
        done = natobrief(*command, "--db", str(studied), stdin="x\n\n")
        assert done.returncode == 0, f"{command[0]}: {done.stderr}"
        assert "Traceback" not in done.stderr
    before = natobrief("doctor", "--db", str(studied))
    assert before.returncode == 1
    assert "natobrief cannot read" in before.stdout and "--repair" in before.stdout
    with sqlite3.connect(studied) as connection:
        answers = connection.execute("SELECT COUNT(*) FROM review_log").fetchone()[0]
    mended = natobrief("doctor", "--db", str(studied), "--repair")
    assert "mended" in mended.stdout and "backup in" in mended.stdout, mended.stdout
    assert "natobrief cannot read" not in mended.stdout
    assert list(studied.parent.glob("p.db.before-repair-*.bak"))
    with sqlite3.connect(studied) as connection:  # nothing acknowledged is lost
        assert connection.execute("SELECT COUNT(*) FROM review_log").fetchone()[0] == answers
    again = natobrief("doctor", "--db", str(studied), "--repair")
    assert "nothing to mend" in again.stdout
