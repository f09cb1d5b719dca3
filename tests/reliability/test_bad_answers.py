"""Hostile answers are graded, stored and shown safely, through the engine and the headless face.

What is stored (docs/headless.md, "Answers as stored"): the answer as given, as
one display string, with control characters and bidirectional overrides
removed, undecodable bytes shown as U+FFFD and the ends trimmed; nothing else
is changed or cut, so a 1 MB answer is stored whole. Nothing shown on standard
output can drive a terminal, JSON lines stay valid, and so do the exam report
and ``natobrief stats --json`` over such a database.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from natobrief.deck.loader import load_deck
from natobrief.scheduler import Scheduler
from natobrief.session import Session
from natobrief.store import open_store
from tests.conftest import DATA

GOOD_DECK = DATA / "good" / "deck.yaml"
NOW = "2026-03-02T09:00:00+00:00"

# Each category of hostile input, as text (the answers file and the engine take text).
BAD_ANSWERS: dict[str, str] = {
    "whitespace only": " \t  ",
    "1 MB": "France " * 149_796,
    "OSC 52 clipboard write": "\x1b]52;c;aGVsbG8=\x07France",
    "screen clear": "\x1b[2J\x1b[HFrance",
    "8-bit CSI": "\x9b31mFrance",
    "BEL, backspace, CR, DEL": "Fr\x07\x08an\rce\x7f",
    "Arabic": "فرنسا",
    "Hebrew": "צרפת",
    "right-to-left override": "\u202eecnarF",
    "combining accents x 10,000": "e\u0301" * 10_000,
    "NUL": "Fra\x00nce",
    "zero-width and BOM": "\ufeffFr\u200dance",
}
# Characters that must never reach a terminal or the database.
CONTROL = {chr(c) for c in (*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0))}
CONTROL |= {"\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068"}
CONTROL |= {"\u2069"}


def stored_answers(db: Path) -> list[str]:
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        return [row[0] for row in connection.execute("SELECT answer FROM review_log ORDER BY id")]
    finally:
        connection.close()


def assert_inert(text: str) -> None:
    found = sorted(CONTROL & set(text.replace("\n", "")))
    assert not found, f"control characters in the output: {found!r}"


def natobrief(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    done = subprocess.run(
        [sys.executable, "-m", "natobrief", *args],
        input=stdin,
        capture_output=True,
        check=False,
        timeout=120,
    )
    assert b"Traceback" not in done.stderr, done.stderr.decode(errors="replace")
    return done


def test_engine_grades_and_stores_each_bad_answer(tmp_path: Path) -> None:
    deck = load_deck(GOOD_DECK)
    progress = open_store(tmp_path / "progress.sqlite3")
    try:
        clock = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
        session = Session([deck], progress, Scheduler(seed=1), clock=lambda: clock, seed=1)
        # Every category against every card type, plus an undecodable byte as stdin gives it.
        answers = [*BAD_ANSWERS.values(), "Fr\udcffance", ""]
        for answer in answers:
            question = session.next_question()
            assert question is not None
            result = session.answer(answer)
            assert not CONTROL & set(result.given)
            assert result.given == result.given.strip()
        log = progress.log()
    finally:
        progress.close()
    assert [entry.answer for entry in log] == [r.given for r in session.results]
    by_input = dict(zip(answers, (entry.answer for entry in log), strict=True))
    assert by_input[BAD_ANSWERS["1 MB"]] == BAD_ANSWERS["1 MB"].strip()  # stored whole
    assert by_input[BAD_ANSWERS["OSC 52 clipboard write"]] == "]52;c;aGVsbG8=France"
    assert by_input[BAD_ANSWERS["right-to-left override"]] == "ecnarF"
    assert by_input[BAD_ANSWERS["combining accents x 10,000"]] == "e\u0301" * 10_000
    assert by_input[BAD_ANSWERS["NUL"]] == "France"
    assert by_input["Fr\udcffance"] == "Fr\ufffdance"
    assert by_input[BAD_ANSWERS["whitespace only"]] == by_input[""] == ""


@pytest.mark.parametrize("jsonl", [False, True], ids=["plain", "jsonl"])
def test_bad_answers_on_standard_input(tmp_path: Path, jsonl: bool) -> None:
    db = tmp_path / "progress.sqlite3"
    lines = [a.encode() for name, a in BAD_ANSWERS.items() if name != "whitespace only"]
    lines.append(b"Fr\xff\xfeance")  # not UTF-8
    stdin = b"\n".join(line.replace(b"\r", b"") for line in lines) + b"\n\n"
    args = ["study", str(GOOD_DECK), "--headless", "--db", str(db), "--now", NOW, "--seed", "2"]
    done = natobrief(*args, *(["--jsonl"] if jsonl else []), stdin=stdin)
    assert done.returncode == 0, done.stderr
    output = done.stdout.decode("utf-8")
    assert_inert(output)
    stored = stored_answers(db)
    assert len(stored) == len(lines)
    for answer in stored:
        assert_inert(answer)
    assert stored[-1] == "Fr\ufffd\ufffdance"
    if jsonl:
        events = [json.loads(line) for line in output.splitlines()]
        given = [event["given"] for event in events if event["event"] == "result"]
        assert given == stored
    else:
        assert output.count("You answered: ") == len(lines)
        assert "You answered: ]52;c;aGVsbG8=France\n" in output


@pytest.mark.parametrize("jsonl", [False, True], ids=["plain", "jsonl"])
def test_bad_answers_from_an_answers_file(tmp_path: Path, jsonl: bool) -> None:
    """Each card gets one hostile answer; two runs cover every category (the deck has 8 cards)."""
    cards = [card.id for card in load_deck(GOOD_DECK).cards]
    names = list(BAD_ANSWERS)
    for run, chunk in enumerate((names[:8], names[8:])):
        db = tmp_path / f"progress-{run}.sqlite3"
        answers = tmp_path / f"answers-{run}.json"
        answers.write_text(
            json.dumps({card: BAD_ANSWERS[name] for card, name in zip(cards, chunk, strict=False)}),
            encoding="utf-8",
        )
        report = tmp_path / f"report-{run}.json"
        args = ["exam", str(GOOD_DECK), "--headless", "--db", str(db), "--now", NOW]
        args += ["--answers", str(answers), "--report", str(report), "--seed", "3"]
        done = natobrief(*args, *(["--jsonl"] if jsonl else []))
        assert done.returncode == 0, done.stderr
        output = done.stdout.decode("utf-8")
        assert_inert(output)
        if jsonl:
            for line in output.splitlines():
                json.loads(line)
        stored = stored_answers(db)
        assert len(stored) == len(chunk)
        for answer in stored:
            assert_inert(answer)
        document = json.loads(report.read_text(encoding="utf-8"))
        assert sorted(r["given"] for r in document["results"]) == sorted(stored)
        stats = natobrief("stats", str(GOOD_DECK), "--json", "--db", str(db), "--now", NOW)
        assert stats.returncode == 0, stats.stderr
        assert json.loads(stats.stdout)["exam_answers"] == len(chunk)  # not reviews


def test_an_answers_file_with_a_lone_surrogate_is_refused_clearly(tmp_path: Path) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text('{"tokyo-blocked": "Fr\\ud800ance"}', encoding="utf-8")
    db = tmp_path / "progress.sqlite3"
    done = natobrief(
        "study", str(GOOD_DECK), "--headless", "--db", str(db), "--answers", str(answers)
    )
    assert done.returncode == 2
    assert done.stderr.decode().startswith(f"natobrief: {answers}:1:")
    assert not db.exists() or stored_answers(db) == []
