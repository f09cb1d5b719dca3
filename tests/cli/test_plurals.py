"""No output says "1 cards", "1 warnings" or "problem(s)": every count goes through counted()."""

from __future__ import annotations

import re
from pathlib import Path

from tests.cli.test_headless import natobrief

DECK = """\
natobrief: 1
id: one
title: One card
sources:
  watch:
    title: Watch
    file: watch.txt
cards:
  - id: blocked
    prompt: Who blocked it?
    answer: France
    note: "Bergmann said so.\\a"
    source:
      doc: watch
      quote: It was blocked by France.
"""
# A count of one with a plural noun, or a noun with "(s)".
WRONG = re.compile(
    r"\b1 (cards|sources|quotes|decks|warnings|errors|problems|entries|log entries|students|"
    r"reviews|answers|questions|notes|findings|files|reports|items|tags|days)\b|\w\(s\)"
)


def test_counts_of_one_are_singular(tmp_path: Path) -> None:
    (tmp_path / "watch.txt").write_text("The alliance met. It was blocked by France.\n", "utf-8")
    deck = tmp_path / "one.yaml"
    deck.write_text(DECK, encoding="utf-8")
    db = tmp_path / "p.db"
    report = tmp_path / "r.json"
    runs = [
        natobrief("check", str(deck)),
        natobrief("study", str(deck), "--headless", "--db", str(db), stdin="France\n\n"),
        natobrief("exam", str(deck), "--headless", "--report", str(report), stdin="Spain\n"),
        natobrief("stats", str(deck), "--db", str(db)),
        natobrief("doctor", "--db", str(db)),
        natobrief("lint", str(deck)),
        natobrief("coverage", str(deck)),
        natobrief("report", str(report)),
        natobrief("export", str(deck), "--to", "gift", "-o", str(tmp_path / "q.gift")),
        natobrief("export", str(deck), "--to", "csv", "-o", str(tmp_path / "c.csv")),
        natobrief("cards", str(deck), "--db", str(db)),
    ]
    for done in runs:
        assert "Traceback" not in done.stderr
        written = done.stdout + done.stderr
        assert WRONG.findall(written) == [], (done.args, written)
    assert "1 source, 1 quote verified" in runs[0].stdout
    assert "1 of 1 deck loads, 1 card; 0 errors, 1 warning." in runs[0].stdout


def test_a_refused_deck_counts_its_error_in_the_singular(tmp_path: Path) -> None:
    (tmp_path / "watch.txt").write_text("The alliance met.\n", "utf-8")
    deck = tmp_path / "one.yaml"
    deck.write_text(DECK, encoding="utf-8")  # its quote is not in this source: one error
    done = natobrief("check", str(deck))
    assert WRONG.findall(done.stdout + done.stderr) == [], done.stdout
    assert "0 of 1 deck loads" in done.stdout and "1 error," in done.stdout
