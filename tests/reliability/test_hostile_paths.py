"""Devices, named pipes, folders and symbolic link loops where a file is expected: each is
one deck's error (or the command's clear refusal), never a hang, a memory blow-up or a traceback.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from natobrief.files import NotAFile, TooLarge, read_bounded
from tests.cli.test_headless import natobrief
from tests.reliability.test_hostile_sources import DECK

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes (POSIX)")


def _deck(folder: Path) -> Path:
    (folder / "sources").mkdir(exist_ok=True)
    (folder / "sources" / "watch.txt").write_text(
        "Hostile Watch\n\nIt was blocked by France.\n", encoding="utf-8"
    )
    deck = folder / "deck.yaml"
    deck.write_text(DECK, encoding="utf-8")
    return deck


def test_read_bounded_refuses_what_is_not_a_file_and_reads_no_more_than_the_limit(
    tmp_path: Path,
) -> None:
    with pytest.raises(NotAFile) as device:
        read_bounded(Path("/dev/zero"), 1024)
    assert device.value.kind == "a device"
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(NotAFile) as pipe:
        read_bounded(fifo, 1024)  # no writer: opened without waiting for one
    assert pipe.value.kind == "a named pipe (FIFO)"
    with pytest.raises(NotAFile):
        read_bounded(tmp_path, 1024)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 2000)
    with pytest.raises(TooLarge):
        read_bounded(big, 1999)
    assert read_bounded(big, 2000) == b"x" * 2000
    assert read_bounded(big, 10, head=True) == b"x" * 10


@pytest.mark.parametrize("name", ["/dev/zero", "/dev/urandom", "fifo"])
def test_check_and_study_refuse_a_device_or_a_pipe_named_as_a_deck(
    name: str, tmp_path: Path
) -> None:
    if name == "fifo":
        name = str(tmp_path / "deck.yaml")
        os.mkfifo(name)
    for command in (["check", name], ["study", "--headless", name, "--db", str(tmp_path / "p")]):
        done = natobrief(*command)
        assert done.returncode in (1, 2), done.stderr
        assert "Traceback" not in done.stderr
        said = done.stdout + done.stderr
        assert "not a file" in said and ("a device" in said or "a named pipe" in said)


def test_answers_from_a_device_are_refused(tmp_path: Path) -> None:
    deck = _deck(tmp_path)
    done = natobrief(
        "study", "--headless", str(deck), "--answers", "/dev/zero", "--db", str(tmp_path / "p")
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "not a file" in done.stderr


def test_a_source_that_is_a_link_loop_a_pipe_or_a_folder_is_one_decks_error(
    tmp_path: Path,
) -> None:
    good = tmp_path / "good"
    good.mkdir()
    _deck(good)
    bad = tmp_path / "bad"
    bad.mkdir()
    deck = _deck(bad)
    source = bad / "sources" / "watch.txt"
    source.unlink()
    loop = bad / "sources" / "loop"
    loop.symlink_to(loop)
    deck.write_text(DECK.replace("sources/watch.txt", "sources/loop/doc.txt"), encoding="utf-8")
    done = natobrief("check", str(good), str(bad))
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "1 of 2 decks load" in done.stdout
    assert "symbolic link loop" in done.stdout
    os.mkfifo(source)
    deck.write_text(DECK, encoding="utf-8")
    done = natobrief("check", str(bad))
    assert "is a named pipe (FIFO), not a file" in done.stdout
    source.unlink()
    source.mkdir()
    done = natobrief("check", str(bad))
    assert "is a folder, not a file" in done.stdout


@pytest.mark.parametrize("option", [["--pass-mark", "nan"], ["--time-limit", "inf"]])
def test_a_number_option_that_is_no_number_is_refused(option: list[str]) -> None:
    done = natobrief("exam", "--headless", *option)
    assert done.returncode == 2
    assert "is not a number; give one from" in done.stderr


def test_device_db_tagged_answers_and_a_read_only_database(tmp_path: Path) -> None:
    """Smaller findings of #18's item 7, each with the message that says what to do."""
    import os
    import subprocess
    import sys

    from tests.conftest import DATA

    deck = str(DATA / "good" / "deck.yaml")
    answers = tmp_path / "answers.yaml"
    answers.write_text("tokyo-blocked: France\n", encoding="utf-8")

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "natobrief", *args],
            capture_output=True, text=True, timeout=120, check=False,
            env={**os.environ, "NATOBRIEF_HOME": str(tmp_path / "home")},
        )  # fmt: skip

    device = run("study", deck, "--headless", "--answers", str(answers), "--db", "/dev/null")
    assert device.returncode == 2
    assert "/dev/null is a device, not a database file" in device.stderr
    assert not Path("/dev/null-journal").exists()
    tagged = tmp_path / "tagged.yaml"
    tagged.write_text("tokyo-blocked: !!python/object:os.system x\n", encoding="utf-8")
    refused = run("study", deck, "--headless", "--answers", str(tagged))
    assert refused.returncode == 2 and "in a deck" not in refused.stderr
    assert "YAML tag '!!python/object:os.system' is not allowed" in refused.stderr
    db = tmp_path / "progress.sqlite3"
    assert (
        run("study", deck, "--headless", "--answers", str(answers), "--db", str(db)).returncode == 0
    )
    # stats, appeals and export --to reviews only read: they open the file read-only,
    # so a database nobody may write (a read-only disk, another user's file) still reads.
    before = db.read_bytes()
    for args in (
        ("stats", deck, "--db", str(db), "--plain"),
        ("appeals", deck, "--db", str(db)),
        ("export", deck, "--to", "reviews", "--db", str(db), "-o", str(tmp_path / "r.csv")),
    ):
        result = run(*args)
        assert result.returncode == 0, result.stderr
    assert db.read_bytes() == before
    import sqlite3

    from natobrief.store import open_store

    progress = open_store(db, read_only=True)
    try:
        assert progress.appeals() == []
        with pytest.raises(sqlite3.OperationalError, match="readonly"):
            progress.connection.execute("DELETE FROM review_log")
    finally:
        progress.close()
