"""A deck's renamed: map: progress made under a card's old id counts after the rename,
with a database written by a real session before the rename."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

from natobrief.deck.loader import read_deck
from tests.cli.test_headless import natobrief
from tests.conftest import DATA

NOW = "2026-03-02T09:00:00+00:00"
LATER = "2026-03-02T09:30:00+00:00"


def _deck_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "deck"
    shutil.copytree(DATA / "good", folder)
    return folder / "deck.yaml"


def _rows(db: Path, card_id: str) -> tuple[int, int, int]:
    with sqlite3.connect(db) as connection:
        return tuple(  # type: ignore[return-value]
            connection.execute(
                f"SELECT COUNT(*) FROM {table} WHERE card_id = ?", (card_id,)
            ).fetchone()[0]
            for table in ("review_log", "card_state", "appeals")
        )


def test_progress_follows_a_renamed_card(tmp_path: Path) -> None:
    deck = _deck_copy(tmp_path)
    db = tmp_path / "progress.sqlite3"
    answers = tmp_path / "answers.yaml"
    answers.write_text("tokyo-blocked: France\n", encoding="utf-8")
    first = natobrief(
        "study", str(deck), "--headless", "--answers", str(answers), "--db", str(db),
        "--now", NOW, "--seed", "1", "--jsonl",
    )  # fmt: skip
    assert first.returncode == 0, first.stderr
    before, states, _ = _rows(db, "tokyo-blocked")
    assert before >= 1 and states == 1  # a real database, before the rename
    text = deck.read_text(encoding="utf-8")
    text = text.replace("- id: tokyo-blocked", "- id: tokyo-office-blocker")
    text = text.replace(
        "sources:\n", "renamed:\n  tokyo-blocked: tokyo-office-blocker\nsources:\n", 1
    )
    deck.write_text(text, encoding="utf-8")
    answers.write_text("tokyo-office-blocker: France\n", encoding="utf-8")
    later = natobrief(
        "study", str(deck), "--headless", "--answers", str(answers), "--db", str(db),
        "--now", LATER, "--seed", "1", "--jsonl",
    )  # fmt: skip
    assert later.returncode == 0, later.stderr
    assert _rows(db, "tokyo-blocked") == (0, 0, 0)
    log, state, _ = _rows(db, "tokyo-office-blocker")
    asked = [json.loads(line) for line in later.stdout.splitlines()]
    again = sum(e.get("card") == "tokyo-office-blocker" for e in asked if e["event"] == "result")
    assert state == 1 and log == before + again  # its reviews and state came along
    assert again == 0  # learnt before the rename: not new, not due half an hour later
    stats = natobrief("stats", str(deck), "--db", str(db), "--json", "--now", LATER)
    assert stats.returncode == 0, stats.stderr


def test_a_bad_renamed_map_is_refused_at_its_line(tmp_path: Path) -> None:
    deck = _deck_copy(tmp_path)
    text = deck.read_text(encoding="utf-8")
    bad = "renamed:\n  enabler: somewhere\n  old-one: tokyo-blocked\n  gone: [x]\nsources:\n"
    deck.write_text(text.replace("sources:\n", bad, 1), encoding="utf-8")
    errors = read_deck(deck).errors
    messages = {(error.line, error.message) for error in errors}
    assert (8, "'enabler' is renamed, but a card still has that id") in messages
    assert any("'gone' to a list, not a card id" in m for _, m in messages), messages
    assert len(errors) == 2  # old-one: tokyo-blocked is a good line


def test_an_answers_file_written_before_the_rename_still_answers_the_card(
    tmp_path: Path,
) -> None:
    deck = _deck_copy(tmp_path)
    text = deck.read_text(encoding="utf-8").replace("- id: tokyo-blocked", "- id: office-blocker")
    deck.write_text(
        text.replace("sources:\n", "renamed:\n  tokyo-blocked: office-blocker\nsources:\n", 1),
        encoding="utf-8",
    )
    answers = tmp_path / "answers.yaml"
    answers.write_text("tokyo-blocked: France\n", encoding="utf-8")  # the old id
    done = natobrief(
        "study", str(deck), "--headless", "--answers", str(answers), "--jsonl",
        "--db", str(tmp_path / "p.db"), "--now", NOW,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "matches no card" not in done.stderr
    results = [json.loads(line) for line in done.stdout.splitlines()]
    answered = [r for r in results if r["event"] == "result" and r["card"] == "office-blocker"]
    assert answered and answered[0]["correct"] is True
