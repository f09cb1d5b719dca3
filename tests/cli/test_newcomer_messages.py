"""A newcomer's first mistakes get advice that works, a did-you-mean, and no silent surprise."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.cli.test_headless import GOOD_DECK, natobrief


@pytest.mark.parametrize(
    ("command", "advice"),
    [
        ([], "'natobrief study --headless'"),
        (["brief"], "'natobrief coverage --text'"),
        (["study"], "add --headless"),
        (["stats", "--db", "/nonexistent/x.db"], None),  # stats prints without a terminal
    ],
)
def test_without_a_terminal_the_advice_names_what_works(
    command: list[str], advice: str | None
) -> None:
    done = natobrief(*command)
    if advice is None:
        assert "needs a terminal" not in done.stderr
        return
    assert done.returncode == 2
    assert "the app needs a terminal" in done.stderr and advice in done.stderr
    assert "use --headless" not in done.stderr  # neither natobrief nor brief takes it


def test_a_dumb_terminal_is_told_what_works(tmp_path: Path) -> None:
    if shutil.which("script") is None:
        pytest.skip("util-linux 'script' gives the app a pseudo-terminal; it is not installed")
    done = subprocess.run(
        ["script", "-qec", "TERM=dumb python -m natobrief", "/dev/null"],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    assert "TERM is 'dumb': this terminal cannot draw the app" in done.stdout
    assert "natobrief study --headless" in done.stdout


def test_check_takes_a_deck_id_and_a_typo_gets_did_you_mean() -> None:
    done = natobrief("check", "stoltenberg-2021")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 of 1 deck loads, 25 cards" in done.stdout
    typo = natobrief("check", "stoltenburg-2021")
    assert typo.returncode == 2
    assert "did you mean 'stoltenberg-2021'?" in typo.stderr
    short = natobrief("study", "stoltenburg", "--headless")
    assert "did you mean 'stoltenberg-2021'?" in short.stderr
    assert "no such file or folder: nope/deck.yaml" in natobrief("check", "nope/deck.yaml").stderr


def test_the_same_report_twice_is_named_as_skipped(tmp_path: Path) -> None:
    report = tmp_path / "ann.json"
    exam = natobrief(
        "exam", str(GOOD_DECK), "--headless", "--report", str(report),
        "--db", str(tmp_path / "p.db"), stdin="France\n",
    )  # fmt: skip
    assert exam.returncode == 0, exam.stderr
    done = natobrief("report", str(report), str(report), "--json")
    assert done.returncode == 0, done.stderr
    assert f"skipped {report}: given twice; it counts once" in done.stderr
    assert json.loads(done.stdout)["students"] == 1


@pytest.mark.parametrize(
    ("kind", "name", "said"),
    [
        ("anki", "cards.txt", "--to anki writes a .apkg file, and cards.txt would not open"),
        ("anki", "-", "an Anki package is a zip file; write it to a file: -o cards.apkg"),
        ("csv", "cards.xlsx", "name it cards.csv"),
    ],
)
def test_an_export_under_a_name_its_reader_would_not_open_is_refused(
    tmp_path: Path, kind: str, name: str, said: str
) -> None:
    output = name if name == "-" else str(tmp_path / name)
    done = natobrief("export", str(GOOD_DECK), "--to", kind, "-o", output)
    assert done.returncode == 2 and said in done.stderr
    assert not (tmp_path / name).exists()


def test_exam_results_and_report_show_a_cloze_by_its_sentence(tmp_path: Path) -> None:
    from natobrief.cardtypes.registry import kind_of
    from natobrief.deck.loader import load_deck

    deck = load_deck(GOOD_DECK)
    cloze = next(card for card in deck.cards if kind_of(card).name == "cloze")
    report = tmp_path / "ann.json"
    done = natobrief(
        "exam", str(GOOD_DECK), "--headless", "--report", str(report), "--count", "8",
        "--db", str(tmp_path / "p.db"), stdin="x\n" * 8,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    results = json.loads(report.read_text(encoding="utf-8"))["results"]
    entry = next(result for result in results if result["card"] == cloze.id)
    assert entry["label"] == kind_of(cloze).label(cloze) and "[1]" in entry["label"]
    shown = natobrief("report", str(report), env={"COLUMNS": "250"}).stdout  # a row a line
    assert kind_of(cloze).label(cloze)[:40] in shown


def test_a_home_below_a_file_says_which_file_is_in_the_way(tmp_path: Path) -> None:
    blocking = tmp_path / "afile"
    blocking.write_text("not a folder", encoding="utf-8")
    done = natobrief(
        "study", "--headless", env={"NATOBRIEF_HOME": str(blocking / "home")}, stdin=""
    )
    assert done.returncode == 2
    assert f"{blocking} is a file, not a folder; move it aside, or set NATOBRIEF_HOME" in (
        done.stderr
    )
    assert "Traceback" not in done.stderr
