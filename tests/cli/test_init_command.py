"""`natobrief init`: a deck started from one document of the instructor's own, that loads
at once and that `natobrief new` adds to."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from natobrief.deck.loader import read_deck
from tests.conftest import DATA

CASES = DATA / "sources_cases"


def natobrief(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "natobrief", *args],
        capture_output=True, text=True, timeout=120, cwd=cwd, check=False,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("name", "title", "date"),
    [
        ("notes.md", "A Short History of Lua", None),
        ("page.html", "Winter in Ashgrove Valley National Park: A Practical Guide", "2024-01-18"),
        ("report.pdf", "Northwind Seed Cooperative: Annual Report 2023", "2024-03-18"),
    ],
)
def test_a_deck_started_from_a_document_loads_and_takes_new_cards(
    tmp_path: Path, name: str, title: str, date: str | None
) -> None:
    started = natobrief("init", "course.yaml", "--source", str(CASES / name), cwd=tmp_path)
    assert started.returncode == 0, started.stderr
    assert "Wrote course.yaml: 1 card" in started.stdout and "natobrief new" in started.stdout
    assert (tmp_path / "sources" / name).read_bytes() == (CASES / name).read_bytes()
    text = (tmp_path / "course.yaml").read_text(encoding="utf-8")
    assert "NATO" not in text  # its examples are the document's own sentences
    for card_type in ("short", "choice", "truefalse", "number", "order", "match"):
        assert f"# - id: {card_type}-example" in text
    loaded = read_deck(tmp_path / "course.yaml")
    assert loaded.deck is not None and not loaded.problems
    source = next(iter(loaded.deck.sources.values()))
    assert (source.title, source.date) == (title, date)
    assert loaded.deck.title == title and [c.type for c in loaded.deck.cards] == ["cloze"]
    first = loaded.deck.cards[0].source.quotes[0].text
    added = natobrief(
        "new", "course.yaml", "--quote", first, "--prompt", "Which sentence is this?",
        "--answer", "the first", cwd=tmp_path,
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert natobrief("check", "course.yaml", cwd=tmp_path).returncode == 0


def test_a_document_in_the_decks_folder_stays_where_it_is(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    shutil.copy(CASES / "notes.md", tmp_path / "docs" / "notes.md")
    started = natobrief(
        "init", "lua.yaml", "--source", "docs/notes.md", "--id", "lua-101",
        "--title", "Lua, week 1", cwd=tmp_path,
    )  # fmt: skip
    assert started.returncode == 0, started.stderr
    loaded = read_deck(tmp_path / "lua.yaml")
    assert loaded.deck is not None
    assert (loaded.deck.id, loaded.deck.title) == ("lua-101", "Lua, week 1")
    assert not (tmp_path / "sources").exists()
    assert "file: docs/notes.md" in (tmp_path / "lua.yaml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (("--source", str(CASES / "scanned.pdf")), "has no text layer"),
        (("--source", str(CASES / "binary.bin")), "no reader for '.bin' files"),
    ],
)
def test_what_cannot_start_a_deck_is_refused_saying_why(
    tmp_path: Path, args: tuple[str, ...], said: str
) -> None:
    refused = natobrief("init", "course.yaml", *args, cwd=tmp_path)
    assert refused.returncode == 2 and said in refused.stderr
    assert "Traceback" not in refused.stderr and not (tmp_path / "course.yaml").exists()


def test_an_existing_deck_is_never_overwritten(tmp_path: Path) -> None:
    (tmp_path / "course.yaml").write_text("mine\n", encoding="utf-8")
    refused = natobrief("init", "course.yaml", "--source", str(CASES / "notes.md"), cwd=tmp_path)
    assert refused.returncode == 2 and "exists already" in refused.stderr
    assert (tmp_path / "course.yaml").read_text(encoding="utf-8") == "mine\n"
