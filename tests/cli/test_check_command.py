"""``natobrief check`` and ``natobrief locate`` through click's runner and a real process."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from natobrief.cli import cli
from tests.conftest import DATA

GOOD = DATA / "good"


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.output


def test_check_good_deck_prints_summary() -> None:
    code, output = run("check", str(GOOD))
    assert code == 0, output
    assert "✓ test-deck" in output
    assert "8 cards (short 1, choice 1, truefalse 1, cloze 1, number 2, order 1, match 1)" in output
    assert "10 quotes verified" in output
    assert "1 of 1 deck loads, 8 cards; 0 errors, 0 warnings." in output


def test_check_json() -> None:
    code, output = run("check", "--json", str(GOOD / "deck.yaml"))
    assert code == 0
    report = json.loads(output)
    assert report["ok"] is True
    deck = report["decks"][0]
    assert deck["id"] == "test-deck"
    assert deck["cards"] == 8
    assert deck["by_type"]["number"] == 2
    assert deck["quotes_verified"] == 10


def broken_deck(folder: Path) -> Path:
    (folder / "s.txt").write_text("Some source text.\n")
    path = folder / "broken.yaml"
    path.write_text(
        "natobrief: 1\nid: broken\ntitle: Broken\nsources:\n  s: {title: S, file: s.txt}\n"
        "cards:\n  - id: one\n    prompt: What?\n    anwser: text\n"
        "    source: {doc: s, quote: Some source}\n"
    )
    return path


def test_check_broken_deck_exits_1_with_location(tmp_path: Path) -> None:
    code, output = run("check", str(broken_deck(tmp_path)))
    assert code == 1
    assert "broken.yaml:9:5: error: card 'one': unknown key 'anwser' in the card" in output
    assert "hint: did you mean 'answer'?" in output
    assert "✗" in output


def test_check_json_lists_problems(tmp_path: Path) -> None:
    code, output = run("check", "--json", str(broken_deck(tmp_path)))
    assert code == 1
    report = json.loads(output)
    problems = report["decks"][0]["problems"]
    assert {(p["line"], p["column"], p["card"]) for p in problems} >= {(9, 5, "one")}


def test_check_missing_path_is_usage_error(tmp_path: Path) -> None:
    process = subprocess.run(
        [sys.executable, "-m", "natobrief", "check", str(tmp_path / "nope")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert process.returncode == 2
    assert "no such file or folder" in process.stderr
    assert "Traceback" not in process.stderr


def test_bad_option_is_usage_error() -> None:
    process = subprocess.run(
        [sys.executable, "-m", "natobrief", "check", "--nope"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert process.returncode == 2
    assert "No such option '--nope'" in process.stderr
    assert "Usage: natobrief check" in process.stderr


def test_duplicate_deck_ids_across_files(tmp_path: Path) -> None:
    for name in ("a", "b"):
        folder = tmp_path / name
        folder.mkdir()
        broken_deck(folder).write_text(
            "natobrief: 1\nid: same\ntitle: T\nsources:\n  s: {title: S, file: s.txt}\n"
            "cards:\n  - {id: c, prompt: P?, answer: A, source: {doc: s, quote: Some}}\n"
        )
    code, output = run("check", str(tmp_path))
    assert code == 1
    assert "deck id 'same' is also used by" in output


@pytest.mark.parametrize(
    "hostile",
    [
        b"a: " + b"[" * 100_000 + b"]" * 100_000,
        b"\xff\xfe\x00garbage",
        b"!!python/object/apply:os.system ['echo pwned']\n",
    ],
    ids=["deep-nesting", "binary", "python-tag"],
)
def test_hostile_files_never_give_a_traceback(tmp_path: Path, hostile: bytes) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_bytes(hostile)
    process = subprocess.run(
        [sys.executable, "-m", "natobrief", "check", str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert process.returncode == 1, process.stderr
    assert "Traceback" not in process.stdout + process.stderr
    assert "pwned" not in process.stdout
    assert "hostile.yaml" in process.stdout


def test_locate_follows_natobrief_home(isolated_home: Path) -> None:
    code, output = run("locate", "--json")
    assert code == 0
    found = json.loads(output)
    assert found["database"] == str(isolated_home / "data" / "progress.sqlite3")
    assert found["settings"] == str(isolated_home / "config" / "settings.toml")
    assert Path(found["bundled decks"]).is_dir()


def test_locate_database_override(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NATOBRIEF_DB", str(tmp_path / "elsewhere.db"))
    code, output = run("locate")
    assert code == 0
    assert f"database       {tmp_path / 'elsewhere.db'}" in output


def test_check_prints_each_decks_problems_by_line(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text("Some source text.\n")
    path = tmp_path / "order.yaml"
    # Found in reading order, the unknown key (line 9) comes before the missing answer (7).
    path.write_text(
        "natobrief: 1\nid: order\ntitle: Order\nsources:\n  s: {title: S, file: s.txt}\n"
        "cards:\n  - id: one\n    prompt: What?\n    anwser: text\n"
        "    source: {doc: s, quote: Some source}\n"
    )
    code, output = run("check", str(path))
    assert code == 1
    located = [line.split(": error")[0] for line in output.splitlines() if ": error" in line]
    assert [place.rsplit(":", 2)[-2:] for place in located] == [["7", "5"], ["9", "5"]]
