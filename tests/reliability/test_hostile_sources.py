"""Escape codes in a source file never reach the terminal: the text is cleaned where it is read.

A source that holds ANSI CSI (ESC[2J clears the screen), OSC 52 (writes the
clipboard), an OSC 8 link, BEL, backspace, C1 controls (U+009B CSI, U+009D OSC,
U+009C ST) and U+202E (right-to-left override) around a clean quote: every
command that prints the passage prints it clean, and ``check`` warns at the
file, line and column of the first such character.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.cli.test_headless import natobrief

PAYLOAD = (
    "\x1b[2J\x1b]52;c;ZWNobyBwd25lZA==\x07\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\"
    "\x07\x08\u009b31m\u009d0;title\u009c\u202eevil\u200bhid\ufeffden\u2060 \u2028"
)
SOURCE = (
    "Hostile Watch\n\n"
    f"The alliance met in Washington. {PAYLOAD} It was blocked by France.\n"
    f"Second line {PAYLOAD}\n"
)
DECK = """\
natobrief: 1
id: hostile
title: Hostile
sources:
  watch:
    title: Hostile Watch
    file: sources/watch.txt
cards:
  - id: blocked
    prompt: Who blocked it?
    answer: France
    source:
      doc: watch
      quote: It was blocked by France.
"""
# What a terminal interprets: C0 controls but tab and newline, DEL, C1, bidi controls.
# Zero-width characters of no script, and what JSON allows raw: line/paragraph separators.
RAW = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b\u2060-\u2064\ufeff]"
)
JSON_RAW = re.compile(r"[\u2028\u2029]")


@pytest.fixture
def hostile_deck(tmp_path: Path) -> Path:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "watch.txt").write_text(SOURCE, encoding="utf-8")
    deck = tmp_path / "hostile.yaml"
    deck.write_text(DECK, encoding="utf-8")
    return deck


def test_the_source_text_is_clean_in_headless_study(hostile_deck: Path, tmp_path: Path) -> None:
    for flag in ([], ["--jsonl"]):
        done = natobrief(
            "study", str(hostile_deck), "--headless", *flag, "--seed", "1",
            "--db", str(tmp_path / f"p{len(flag)}.db"), stdin="France\n\n",
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert RAW.findall(done.stdout) == []
        assert "It was blocked by France." in done.stdout
    result = next(json.loads(line) for line in done.stdout.splitlines() if '"result"' in line)
    assert "\x1b" not in result["source"]["passage"] and "\u202e" not in result["source"]["passage"]


def test_check_warns_where_the_first_escape_code_is(hostile_deck: Path) -> None:
    done = natobrief("check", str(hostile_deck))
    assert done.returncode == 0, done.stdout + done.stderr
    assert RAW.findall(done.stdout + done.stderr) == []
    assert "watch.txt:3:" in done.stdout
    assert "control or escape characters" in done.stdout
    assert "1 warning" in done.stdout


def test_coverage_text_prints_the_source_clean(hostile_deck: Path) -> None:
    done = natobrief("coverage", str(hostile_deck), "--text")
    assert done.returncode == 0, done.stderr
    assert RAW.findall(done.stdout) == []
    assert "Second line" in done.stdout


def test_a_quote_that_does_not_match_names_the_closest_passage_clean(
    hostile_deck: Path,
) -> None:
    hostile_deck.write_text(
        DECK.replace("quote: It was blocked by France.", "quote: It was blocked by Frence."),
        encoding="utf-8",
    )
    done = natobrief("check", str(hostile_deck))
    assert done.returncode == 1
    assert "closest passage" in done.stdout
    assert RAW.findall(done.stdout + done.stderr) == []


HOSTILE_DECK = DECK.replace(
    "    prompt: Who blocked it?\n",
    f'    prompt: "Who blocked it? {PAYLOAD.encode("unicode_escape").decode()}"\n'
    f'    note: "[bold]markup[/bold] {PAYLOAD.encode("unicode_escape").decode()}"\n',
)


@pytest.mark.parametrize(
    "command",
    [
        ["check", "--json"],
        ["coverage", "--json"],
        ["export", "--to", "csv", "-o", "-"],
        ["export", "--to", "gift", "-o", "-"],
        ["handout", "-o", "{tmp}/sheet.md"],
        ["handout", "-o", "{tmp}/sheet.html"],
        ["study", "--headless", "--jsonl", "--seed", "1", "--report", "{tmp}/report.json"],
        ["exam", "--headless", "--jsonl", "--seed", "1", "--report", "{tmp}/report.json"],
        ["lint"],
        ["lint", "--json"],
        ["export", "--to", "anki", "-o", "{tmp}/deck.apkg"],
    ],
)
def test_no_command_writes_a_control_character_from_deck_or_source_text(
    hostile_deck: Path, tmp_path: Path, command: list[str]
) -> None:
    hostile_deck.write_text(HOSTILE_DECK, encoding="utf-8")
    args = [part.replace("{tmp}", str(tmp_path)) for part in command]
    session = args[0] in ("study", "exam")
    db = ["--db", str(tmp_path / "p.db")] if session else []
    done = natobrief(args[0], str(hostile_deck), *args[1:], *db, stdin="France\n\n")
    assert done.returncode in (0, 1), done.stderr
    assert "Traceback" not in done.stderr
    written = [done.stdout, done.stderr]
    written += [
        path.read_text(encoding="utf-8")
        for path in tmp_path.glob("*.*")
        if path.suffix in (".md", ".html", ".json")
    ]
    written += [_anki_fields(path) for path in tmp_path.glob("*.apkg")]
    for text in written:
        assert RAW.findall(text) == [], text[:200]
    for text in written[:1] if "--json" in args or "--jsonl" in args else []:
        assert JSON_RAW.findall(text) == [], text[:200]  # escaped as \u2028 in JSON


def _anki_fields(package: Path) -> str:
    """Every note field and deck name of an exported Anki package, as one text."""
    import sqlite3
    import zipfile

    with zipfile.ZipFile(package) as archive:
        name = next(n for n in archive.namelist() if n.startswith("collection.anki2"))
        (package.parent / "collection.db").write_bytes(archive.read(name))
    with sqlite3.connect(package.parent / "collection.db") as connection:
        # Anki's own field separator is U+001F: split on it, the fields are what came from us
        fields = [
            row[0].replace("\x1f", "\n") for row in connection.execute("SELECT flds FROM notes")
        ]
    assert fields, "the package holds no notes"
    return "\n".join(fields)


def test_class_report_and_appeals_print_deck_text_clean(hostile_deck: Path, tmp_path: Path) -> None:
    """The instructor's commands read text that came from decks and learners: clean too."""
    from natobrief.deck.loader import load_deck
    from natobrief.scheduler import Scheduler
    from natobrief.session import Session
    from natobrief.store import open_store

    hostile_deck.write_text(HOSTILE_DECK, encoding="utf-8")
    report = tmp_path / "ann.json"
    exam = natobrief(
        "exam", str(hostile_deck), "--headless", "--report", str(report),
        "--db", str(tmp_path / "exam.db"), stdin=f"Paris {PAYLOAD}\n",
    )  # fmt: skip
    assert exam.returncode == 0, exam.stderr
    db = tmp_path / "p.db"
    progress = open_store(db)
    try:
        session = Session([load_deck(hostile_deck)], progress, Scheduler(seed=1), seed=1)
        assert session.next_question() is not None
        session.answer(f"Paris {PAYLOAD}")
        session.appeal()
    finally:
        progress.close()
    outputs = [
        natobrief("report", str(report)),
        natobrief("report", str(report), "--json"),
        natobrief("appeals", str(hostile_deck), "--db", str(db)),
        natobrief("appeals", str(hostile_deck), "--db", str(db), "--yaml"),
        natobrief("appeals", str(hostile_deck), "--db", str(db), "--json"),
    ]
    for done in outputs:
        assert done.returncode == 0, done.stderr
        assert "Traceback" not in done.stderr
        assert RAW.findall(done.stdout + done.stderr) == [], done.stdout[:300]
    assert "Paris" in outputs[2].stdout


async def test_the_app_shows_deck_and_source_text_clean(hostile_deck: Path, tmp_path: Path) -> None:
    """The study screen, its feedback and passage, through Pilot: what the app renders."""
    from natobrief.tui.screens.study import StudyScreen
    from tests.tui.helpers import build, settle, wait_for_screen

    hostile_deck.write_text(HOSTILE_DECK, encoding="utf-8")
    app = build(tmp_path, start="study", deck=hostile_deck)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_screen(pilot, StudyScreen)
        await pilot.press(*"Paris", "enter")
        await settle(pilot)
        screen = app.export_screenshot()
    import html

    shown = html.unescape(re.sub(r"<[^>]+>", "", screen)).replace("\xa0", " ")
    assert "Who blocked it?" in shown and "Hostile Watch" in shown
    assert RAW.findall(shown) == []
    assert "[bold]markup[/bold]" in shown  # markup in a note is text, not style
