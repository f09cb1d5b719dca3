"""SQLite failing at chosen points, through a wrapped connection: a disk I/O error on a
write, SQLITE_BUSY, and SQLITE_CORRUPT on a read. Each becomes one clear message (what
happened and what to do) through the headless face, never a traceback, and nothing
acknowledged before it is lost: the answers committed earlier are all in the log, and
the answer that failed left no half of itself behind.
"""

from __future__ import annotations

import io
import re
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from natobrief.errors import StoreError
from natobrief.headless import run as headless_run
from natobrief.headless.options import HeadlessOptions
from natobrief.settings import Settings
from natobrief.store.progress import Progress
from tests.cli.test_headless import GOOD_DECK

FAULTS = {
    "disk I/O error on a write": (
        r"^\s*(INSERT|UPDATE)",
        sqlite3.OperationalError("disk I/O error"),
        "the disk may be full or failing (answers already confirmed are kept)",
    ),
    "busy (SQLITE_BUSY) on a write": (
        r"^\s*(INSERT|UPDATE)",
        sqlite3.OperationalError("database is locked"),
        "is busy (another natobrief is writing to it); try again in a moment",
    ),
    "corrupt (SQLITE_CORRUPT) on a read": (
        r"^\s*SELECT",
        sqlite3.DatabaseError("database disk image is malformed"),
        "is damaged (database disk image is malformed); it was left untouched",
    ),
}


class FaultyConnection:
    """A real connection that raises ``error`` at the ``after``-th statement matching
    ``pattern`` (and only then), passing everything else through."""

    def __init__(self, real: sqlite3.Connection, pattern: str, error: Exception, after: int):
        self.real, self.pattern, self.error, self.left = (
            real,
            re.compile(pattern, re.I),
            error,
            after,
        )

    def _maybe_fail(self, sql: str) -> None:
        if self.pattern.search(sql):
            self.left -= 1
            if self.left == 0:
                raise self.error

    def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
        self._maybe_fail(sql)
        return self.real.execute(sql, *args)

    def executemany(self, sql: str, *args: Any) -> sqlite3.Cursor:
        self._maybe_fail(sql)
        return self.real.executemany(sql, *args)

    def __enter__(self) -> sqlite3.Connection:
        return self.real.__enter__()

    def __exit__(self, *exc: object) -> bool | None:
        return self.real.__exit__(*exc)  # type: ignore[arg-type]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def _log(db: Path) -> list[tuple[str, int]]:
    with sqlite3.connect(db) as connection:
        return connection.execute("SELECT card_id, undone FROM review_log ORDER BY id").fetchall()


@pytest.fixture
def faulty(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, Any]]:
    """Make the headless face open its store through a FaultyConnection set in ``plan``."""
    plan: dict[str, Any] = {}
    real_open = headless_run.open_store

    def open_faulty(path: Path) -> Progress:
        progress = real_open(path)
        if plan:
            progress.connection = FaultyConnection(progress.connection, **plan)  # type: ignore[assignment]
        return progress

    monkeypatch.setattr(headless_run, "open_store", open_faulty)
    yield plan


@pytest.mark.parametrize("fault", list(FAULTS))
def test_a_failing_database_is_one_clear_message_and_loses_nothing(
    tmp_path: Path, faulty: dict[str, Any], fault: str
) -> None:
    pattern, error, advice = FAULTS[fault]
    db = tmp_path / "p.db"
    options = HeadlessOptions(mode="study", decks=(str(GOOD_DECK),), seed=1, db=db)
    out = io.StringIO()
    first = headless_run.run(
        options, Settings(), db, stdin=io.StringIO("France\nx\n\n"), stdout=out
    )
    assert first == 0
    committed = _log(db)
    assert len(committed) == 2
    # The fault strikes partway into the next session: after its first answer is saved.
    faulty.update(pattern=pattern, error=error, after=4 if "write" in fault else 8)
    with pytest.raises(StoreError) as raised:
        headless_run.run(
            options, Settings(), db, stdin=io.StringIO("France\nx\ny\nz\n\n"), stdout=io.StringIO()
        )
    message = str(raised.value)
    assert advice in message, message
    assert str(db) in message
    faulty.clear()
    after = _log(db)
    assert after[: len(committed)] == committed  # nothing acknowledged is lost
    with sqlite3.connect(db) as connection:  # and no half-written answer: states match the log
        states = connection.execute("SELECT COUNT(*) FROM card_state").fetchone()[0]
        cards = connection.execute(
            "SELECT COUNT(DISTINCT card_id) FROM review_log WHERE undone = 0"
        ).fetchone()[0]
    assert states == cards
    again = headless_run.run(
        options, Settings(), db, stdin=io.StringIO("France\n\n"), stdout=io.StringIO()
    )
    assert again == 0  # the next session works on the same database


def test_the_cli_prints_it_without_a_traceback(tmp_path: Path) -> None:
    """Through the real command: a StoreError reaches the user as one message, exit 2."""
    from tests.cli.test_headless import natobrief

    db = tmp_path / "p.db"
    db.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)  # a header, and nothing that reads
    done = natobrief("study", str(GOOD_DECK), "--headless", "--db", str(db), stdin="France\n\n")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"natobrief: the database {db} is damaged"), done.stderr
    assert "rescue what it holds" in done.stderr
