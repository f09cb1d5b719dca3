"""Killing a headless session with SIGKILL loses no acknowledged answer."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

from tests.conftest import DATA

GOOD_DECK = DATA / "good" / "deck.yaml"


def test_sigkill_mid_session_keeps_every_acknowledged_answer(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    process = subprocess.Popen(
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
            "3",
            "--now",
            "2026-03-02T09:00:00+00:00",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    assert process.stdin is not None and process.stdout is not None
    acknowledged = []
    try:
        for _ in range(4):
            question = json.loads(process.stdout.readline())
            assert question["event"] == "question"
            process.stdin.write("some answer\n")
            process.stdin.flush()
            result = json.loads(process.stdout.readline())
            assert result["event"] == "result"
            acknowledged.append(result["card"])
        process.stdout.readline()  # the next question is on screen; now kill it
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        process.stdin.close()
        process.stdout.close()
    assert process.returncode == -signal.SIGKILL
    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    logged = [
        row[0]
        for row in connection.execute("SELECT card_id FROM review_log WHERE undone = 0 ORDER BY id")
    ]
    connection.close()
    assert logged == acknowledged
    again = subprocess.run(
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
            "2026-03-02T09:00:00+00:00",
        ],
        input="France\n",
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert again.returncode == 0, again.stderr
    assert "Study session over. Asked 1, answered 1" in again.stdout
