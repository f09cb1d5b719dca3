"""A read-only folder or database file: a clear message, exit 2, no traceback, nothing touched.

Root ignores file permissions, so when the suite runs as root the command runs
as the user nobody (tests/reliability/as_nobody.py) in a world-readable folder
under the system temporary directory; as any other user a plain chmod is
enough. Either way the refusal comes from the kernel, not from a stub.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import DATA

GOOD_DECK = DATA / "good" / "deck.yaml"
AS_NOBODY = Path(__file__).with_name("as_nobody.py")
NOW = "2026-03-02T09:00:00+00:00"
REPO = Path(__file__).parents[2]


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A folder that the user nobody can reach (pytest's own tmp_path is private to root)."""
    base = Path(tempfile.mkdtemp(prefix="natobrief-ro-"))
    base.chmod(0o755)
    for name in ("home", "scratch"):
        (base / name).mkdir()
        (base / name).chmod(0o777)
    try:
        yield base
    finally:
        for folder, _dirs, _files in os.walk(base):
            Path(folder).chmod(0o755)
        shutil.rmtree(base)


def run_as_unprivileged(
    base: Path, *args: str, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """``natobrief ARGS`` as a user the folder's permissions apply to."""
    env = dict(os.environ, NATOBRIEF_HOME=str(base / "home"), PYTHONPATH=str(REPO))
    env.pop("NATOBRIEF_DB", None)
    return subprocess.run(
        [sys.executable, str(AS_NOBODY), str(base / "scratch"), *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env=env,
        cwd=base,
    )


def study_args(db: Path) -> list[str]:
    return ["study", str(GOOD_DECK), "--headless", "--db", str(db), "--now", NOW]


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file in ``folder`` by name, with the SHA-256 of its bytes."""
    return {
        path.name: hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.iterdir())
        if path.is_file()
    }


def make_database(db: Path) -> None:
    """A real database with two answers in it, made the ordinary way (as the current user)."""
    done = subprocess.run(
        [sys.executable, "-m", "natobrief", *study_args(db)],
        input="France\nzzz\n\n",
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "answered 2" in done.stdout


def assert_clear_refusal(done: subprocess.CompletedProcess[str], db: Path) -> None:
    assert done.returncode == 2, (done.stdout, done.stderr)
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"natobrief: the database {db} cannot be written"), done.stderr
    assert "check their permissions, or choose another place with --db or NATOBRIEF_DB" in (
        done.stderr
    )
    assert "Question 1" not in done.stdout  # refused before any question is asked


def test_new_database_in_a_read_only_folder(shared_dir: Path) -> None:
    folder = shared_dir / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    db = folder / "progress.sqlite3"
    done = run_as_unprivileged(shared_dir, *study_args(db), stdin="France\n")
    assert_clear_refusal(done, db)
    assert list(folder.iterdir()) == []


def test_existing_database_in_a_read_only_folder_is_left_untouched(shared_dir: Path) -> None:
    folder = shared_dir / "locked"
    folder.mkdir()
    db = folder / "progress.sqlite3"
    make_database(db)
    db.chmod(0o666)  # the file itself may be written; only its folder may not
    folder.chmod(0o555)
    before = fingerprint(folder)
    done = run_as_unprivileged(shared_dir, *study_args(db), stdin="France\n")
    assert_clear_refusal(done, db)
    assert fingerprint(folder) == before
    # stats only reads: it reads the database as it stands and writes nothing
    stats = run_as_unprivileged(shared_dir, "stats", str(GOOD_DECK), "--json", "--db", str(db))
    assert stats.returncode == 0, stats.stderr
    assert '"total_reviews": 2' in stats.stdout
    assert fingerprint(folder) == before


def test_read_only_database_file_is_left_untouched(shared_dir: Path) -> None:
    folder = shared_dir / "open"
    folder.mkdir()
    db = folder / "progress.sqlite3"
    make_database(db)
    folder.chmod(0o777)
    db.chmod(0o444)
    digest = hashlib.sha256(db.read_bytes()).hexdigest()
    done = run_as_unprivileged(shared_dir, *study_args(db), stdin="France\n")
    assert_clear_refusal(done, db)
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
    for args in (
        ["stats", str(GOOD_DECK), "--json", "--db", str(db)],
        ["appeals", str(GOOD_DECK), "--db", str(db)],
    ):
        read = run_as_unprivileged(shared_dir, *args)
        assert read.returncode == 0, read.stderr
    assert hashlib.sha256(db.read_bytes()).hexdigest() == digest
