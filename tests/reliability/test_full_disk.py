"""A full disk: a clear message, exit 2, no traceback, nothing acknowledged lost, and recovery.

Two real ways to run out of room: a per-process file size limit
(``RLIMIT_FSIZE``, with SIGXFSZ ignored so a write fails with EFBIG instead of
killing the process), which works for any user, and a small tmpfs filled to
the brim (ENOSPC), which needs root. Each study session answers with long
answers, so the database grows quickly, until a write fails.
"""

from __future__ import annotations

import errno
import json
import os
import resource
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from natobrief.settings import Settings, load_settings, save_settings
from tests.conftest import DATA

GOOD_DECK = DATA / "good" / "deck.yaml"
START = datetime.fromisoformat("2026-03-02T09:00:00+00:00")
LONG_ANSWERS = "\n".join(f"{n} " + "x" * 3000 for n in range(40)) + "\n"
FULL_MESSAGE = "free some space, or choose another place with --db or NATOBRIEF_DB"


def file_size_limit(limit: int) -> Callable[[], None]:
    """A preexec_fn: files this process writes may not grow past ``limit`` bytes."""

    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def study(
    db: Path,
    day: int,
    answers: str,
    *extra: str,
    preexec: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    """One headless JSON-lines study session on ``day`` days after START."""
    now = (START + timedelta(days=day)).isoformat()
    args = [sys.executable, "-m", "natobrief", "study", str(GOOD_DECK), "--headless", "--jsonl"]
    return subprocess.run(
        [*args, "--db", str(db), "--now", now, "--seed", str(day), *extra],
        input=answers,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        preexec_fn=preexec,
    )


def acknowledged(done: subprocess.CompletedProcess[str]) -> list[str]:
    """The answers the session confirmed (a result event is printed after the commit)."""
    events = [json.loads(line) for line in done.stdout.splitlines()]
    return [event["card"] for event in events if event["event"] == "result"]


def logged(db: Path) -> list[str]:
    """Every review in the log, after checking the database is whole."""
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = connection.execute("SELECT card_id FROM review_log WHERE undone = 0 ORDER BY id")
        return [row[0] for row in rows]
    finally:
        connection.close()


def fill_until_the_disk_fails(
    db: Path, preexec: Callable[[], None] | None = None, first_day: int = 1
) -> tuple[subprocess.CompletedProcess[str], int]:
    """Run sessions until one fails; every session's confirmed answers must be in the log.

    Returns the failed session and how many answers were confirmed in all.
    """
    total = len(logged(db))
    for day in range(first_day, first_day + 40):
        done = study(db, day, LONG_ANSWERS, preexec=preexec)
        confirmed = acknowledged(done)
        log = logged(db)
        assert log[total:] == confirmed, (day, confirmed, log[total:], done.stderr)
        total = len(log)
        if done.returncode != 0:
            return done, total
    raise AssertionError("the disk never filled up")


def assert_full_disk_message(done: subprocess.CompletedProcess[str], db: Path) -> None:
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("natobrief: the "), done.stderr
    assert str(db) in done.stderr and FULL_MESSAGE in done.stderr, done.stderr
    assert "answers already confirmed are kept" in done.stderr


def assert_next_session_continues(db: Path, total: int) -> None:
    again = study(db, 90, "France\n", "--count", "1")
    assert again.returncode == 0, again.stderr
    assert len(acknowledged(again)) == 1
    assert len(logged(db)) == total + 1


def test_file_size_limit_mid_session(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    assert study(db, 0, "France\n\n").returncode == 0
    # Room for the database, its 32 KB shared-memory index and a few answers, no more.
    limit = db.stat().st_size + 32_768 + 20_000
    failed, total = fill_until_the_disk_fails(db, preexec=file_size_limit(limit))
    assert acknowledged(failed), "the failing session confirmed nothing before the failure"
    assert_full_disk_message(failed, db)
    assert_next_session_continues(db, total)


# A real full disk: a small tmpfs (root only).


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs mounted for the test; skipped where mounting is not permitted."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m,mode=0777", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if mounted.returncode != 0:
        pytest.skip(
            "mounting a tmpfs needs root with CAP_SYS_ADMIN "
            f"({mounted.stderr.strip()}); test_file_size_limit_mid_session covers the "
            "database without it"
        )
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=True)


def fill(disk: Path, leave: int = 0) -> Path:
    """Fill ``disk`` with one file until the kernel says ENOSPC, then leave ``leave`` bytes free."""
    filler = disk / "filler"
    block = b"\0" * 65_536
    with filler.open("wb", buffering=0) as handle:
        try:
            while True:
                handle.write(block)
        except OSError as error:
            assert error.errno == errno.ENOSPC
    if leave:
        os.truncate(filler, max(filler.stat().st_size - leave, 0))  # tmpfs frees those pages
    return filler


def test_full_tmpfs_mid_session(small_disk: Path) -> None:
    db = small_disk / "progress.sqlite3"
    assert study(db, 0, "France\n\n").returncode == 0
    filler = fill(small_disk, leave=32_768 + 40_960)
    failed, total = fill_until_the_disk_fails(db)
    assert acknowledged(failed), "the failing session confirmed nothing before the failure"
    assert_full_disk_message(failed, db)
    assert "is full" in failed.stderr
    filler.unlink()
    assert_next_session_continues(db, total)


def test_report_on_a_full_disk(small_disk: Path, tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    fill(small_disk)
    report = small_disk / "report.json"
    done = study(db, 0, "France\n\n", "--report", str(report))
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "cannot write the report" in done.stderr
    assert "the disk is full" in done.stderr and "another file with --report" in done.stderr
    assert "(the answers themselves are saved)" in done.stderr
    assert len(acknowledged(done)) == 1
    assert logged(db) == acknowledged(done)
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler"]  # no partial file left


def test_export_on_a_full_disk(small_disk: Path) -> None:
    fill(small_disk)
    target = small_disk / "cards.csv"
    done = subprocess.run(
        [sys.executable, "-m", "natobrief", "export", str(GOOD_DECK), "-o", str(target)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "the disk is full" in done.stderr and "free some space" in done.stderr, done.stderr


def test_settings_save_on_a_full_disk_keeps_the_old_file(small_disk: Path) -> None:
    path = small_disk / "settings.toml"
    save_settings(Settings(new_per_day=7), path)
    before = path.read_bytes()
    fill(small_disk)
    with pytest.raises(OSError) as raised:
        save_settings(Settings(new_per_day=9, theme="x" * 100_000), path)
    assert raised.value.errno == errno.ENOSPC
    assert path.read_bytes() == before
    assert load_settings(path).new_per_day == 7
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "settings.toml"]


def test_report_and_export_to_an_impossible_path(tmp_path: Path) -> None:
    """Any user: a path below a regular file cannot be written (ENOTDIR)."""
    db = tmp_path / "progress.sqlite3"
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file, not a folder\n")
    done = study(db, 0, "France\n\n", "--report", str(blocker / "report.json"))
    assert done.returncode == 2 and "Traceback" not in done.stderr, done.stderr
    # Refused before the session, so no answer is given for a report that cannot be kept.
    assert done.stderr.startswith(f"natobrief: --report {blocker}/report.json: cannot write")
    assert f"{blocker} is a file, not a folder; choose another file" in done.stderr
    assert acknowledged(done) == [] and not db.exists()
    exported = subprocess.run(
        [sys.executable, "-m", "natobrief", "export", str(GOOD_DECK), "-o", str(blocker / "x.csv")],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert exported.returncode == 2 and "Traceback" not in exported.stderr, exported.stderr
    assert exported.stderr.startswith(f"natobrief: cannot write the file {blocker}/x.csv")
