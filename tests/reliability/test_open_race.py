"""Regression: several processes opening one brand-new database at the same instant all succeed.

It used to fail with "database is locked" (``PRAGMA journal_mode = WAL`` does not
call the busy handler) or "table review_log already exists" (two processes both
saw an empty database and both migrated). Worker processes import natobrief
once, then wait on standard input; the test releases them together for each
round, so each round is a real race between separate processes on a new file.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from natobrief.store.migrations import LATEST

WORKERS = 4
ROUNDS = 20

WORKER = """
import sys
from pathlib import Path
from natobrief.errors import StoreError
from natobrief.store import open_store

print("ready", flush=True)
for line in sys.stdin:
    path = Path(line.strip())
    try:
        open_store(path).close()
    except StoreError as error:
        print("failed:", error, flush=True)
    else:
        print("ok", flush=True)
"""


def schema(db: Path) -> tuple[list[tuple[str, str]], list[int]]:
    """(the tables and indexes, the migrations recorded) of ``db``."""
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        objects = connection.execute(
            "SELECT type, name FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
        ).fetchall()
        versions = [row[0] for row in connection.execute("SELECT version FROM migrations")]
        return objects, versions
    finally:
        connection.close()


def test_processes_opening_a_new_database_at_once(tmp_path: Path) -> None:
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(WORKERS)
    ]
    failures: list[str] = []
    try:
        for worker in workers:
            assert worker.stdout is not None
            assert worker.stdout.readline() == "ready\n"
        for round_number in range(ROUNDS):
            db = tmp_path / f"round-{round_number}.sqlite3"
            for worker in workers:  # release every worker at once
                assert worker.stdin is not None
                worker.stdin.write(f"{db}\n")
            for worker in workers:
                assert worker.stdin is not None
                worker.stdin.flush()
            for worker in workers:
                assert worker.stdout is not None
                answer = worker.stdout.readline().strip()
                if answer != "ok":
                    failures.append(f"round {round_number}: {answer}")
    finally:
        for worker in workers:
            assert worker.stdin is not None and worker.stdout is not None
            worker.stdin.close()
            worker.wait(timeout=60)
            worker.stdout.close()
    assert failures == [], f"{len(failures)} of {WORKERS * ROUNDS} opens failed"
    expected = schema(tmp_path / "round-0.sqlite3")
    assert expected[1] == list(range(1, LATEST + 1))
    assert {name for _type, name in expected[0]} >= {"review_log", "card_state", "migrations"}
    for round_number in range(1, ROUNDS):
        assert schema(tmp_path / f"round-{round_number}.sqlite3") == expected
