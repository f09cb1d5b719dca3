"""Nothing acknowledged is lost: SIGKILL at random moments, two writers, a busy database.

The crash harness runs a few trials in the normal suite and 50 behind the
``slow`` marker (``pytest -m slow``).
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import yaml

from natobrief.deck.loader import load_deck
from tests.answers import canonical_answer
from tests.conftest import DATA

GOOD_DECK = DATA / "good" / "deck.yaml"
NOW = "2026-03-02T09:00:00+00:00"


def study_process(db: Path, seed: int, *extra: str, now: str = NOW) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "natobrief",
            "study",
            str(GOOD_DECK),
            "--headless",
            "--jsonl",
            "--db",
            str(db),
            "--seed",
            str(seed),
            "--now",
            now,
            *extra,
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )


def logged_cards(db: Path) -> list[str]:
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return [
            row[0]
            for row in connection.execute(
                "SELECT card_id FROM review_log WHERE undone = 0 ORDER BY id"
            )
        ]
    finally:
        connection.close()


def crash_trial(db: Path, rng: random.Random, day: int) -> tuple[list[str], list[str]]:
    """Answer a few questions, then SIGKILL at a random moment; returns (acknowledged, logged).

    Each trial is a later day (``day``), so that earlier answers fall due again.
    """
    now = (datetime.fromisoformat(NOW) + timedelta(days=day)).isoformat()
    process = study_process(db, rng.randrange(1000), now=now)
    assert process.stdin is not None and process.stdout is not None
    acknowledged: list[str] = []
    answers = rng.randrange(1, 8)
    try:
        for _ in range(answers):
            line = process.stdout.readline()
            if not line:
                break
            event = json.loads(line)
            if event["event"] != "question":
                break
            process.stdin.write(rng.choice(["France", "b", "32", "t", "zzz"]) + "\n")
            process.stdin.flush()
            if rng.random() < 0.3:
                time.sleep(rng.random() / 100)  # kill while the answer may be half-written
                break
            result = json.loads(process.stdout.readline())
            assert result["event"] == "result"
            acknowledged.append(result["card"])
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        for stream in (process.stdin, process.stdout, process.stderr):
            if stream is not None:
                stream.close()
    return acknowledged, logged_cards(db) if db.exists() else []


def run_trials(tmp_path: Path, trials: int) -> None:
    rng = random.Random(20261122)
    db = tmp_path / "progress.sqlite3"
    total_logged = total_acknowledged = in_flight = 0
    for trial in range(trials):
        before = len(logged_cards(db)) if db.exists() else 0
        acknowledged, logged = crash_trial(db, rng, day=trial * 3)
        new = logged[before:]
        # Every acknowledged answer is in the log, in order; at most one more (the
        # answer in flight when the process died) may have made it too.
        assert new[: len(acknowledged)] == acknowledged, (trial, acknowledged, new)
        assert len(new) - len(acknowledged) in (0, 1), (trial, acknowledged, new)
        total_logged = len(logged)
        total_acknowledged += len(acknowledged)
        in_flight += len(new) - len(acknowledged)
    # The figures for the record (shown with pytest -s): the asserts above are the check.
    print(
        f"crash harness: {trials} trials, {total_acknowledged} answers acknowledged, "
        f"0 lost, {in_flight} in-flight answers landed too"
    )
    # The next session carries on normally.
    later = (datetime.fromisoformat(NOW) + timedelta(days=3 * trials + 30)).isoformat()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "natobrief",
            "study",
            str(GOOD_DECK),
            "--headless",
            "--db",
            str(db),
            "--now",
            later,
            "--count",
            "1",
        ],
        input="France\n",
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert len(logged_cards(db)) in (total_logged, total_logged + 1)


def test_crash_harness_short(tmp_path: Path) -> None:
    run_trials(tmp_path, trials=6)


@pytest.mark.slow
def test_crash_harness_full(tmp_path: Path) -> None:
    run_trials(tmp_path, trials=50)


def test_two_processes_on_one_database(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    deck = load_deck(GOOD_DECK)
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump({c.id: canonical_answer(c) for c in deck.cards}))
    first = study_process(db, 1, "--answers", str(answers))
    second = study_process(db, 2, "--answers", str(answers))
    outputs = [process.communicate(timeout=120) for process in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], [err for _, err in outputs]
    results = sum(
        sum(json.loads(line)["event"] == "result" for line in out.splitlines())
        for out, _ in outputs
    )
    assert len(logged_cards(db)) == results > 0


def test_a_locked_database_gives_a_clear_busy_message(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    subprocess.run(  # creates the database (no answer given)
        [sys.executable, "-m", "natobrief", "study", "--headless", "--db", str(db), str(GOOD_DECK)],
        check=True,
        capture_output=True,
        input=b"",
    )
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "natobrief",
                "study",
                str(GOOD_DECK),
                "--headless",
                "--db",
                str(db),
                "--now",
                NOW,
            ],
            input="France\n",
            capture_output=True,
            text=True,
            check=False,
            timeout=60,
        )
    finally:
        holder.rollback()
        holder.close()
    assert done.returncode == 2
    assert "is busy (another natobrief is writing to it); try again in a moment" in done.stderr
    assert "Traceback" not in done.stderr
