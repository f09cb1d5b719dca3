"""Headless study and exam sessions, as scripts and pipes use them (docs/headless.md)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from natobrief.deck.loader import load_deck
from tests.answers import canonical_answer, wrong_answer
from tests.conftest import DATA

GOOD_DECK = DATA / "good" / "deck.yaml"
NOW = "2026-03-02T09:00:00+00:00"


def natobrief(
    *args: str, stdin: str = "", env: dict[str, str] | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "natobrief", *args],
        input=stdin,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, **(env or {})},
        cwd=cwd,
    )


def answers_file(folder: Path, right: bool = True, skip: tuple[str, ...] = ()) -> Path:
    deck = load_deck(GOOD_DECK)
    answers = {
        card.id: canonical_answer(card) if right else wrong_answer(card)
        for card in deck.cards
        if card.id not in skip
    }
    path = folder / "answers.yaml"
    path.write_text(yaml.safe_dump(answers, allow_unicode=True))
    return path


def events(output: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in output.splitlines()]


def test_jsonl_study_session_follows_the_contract(tmp_path: Path) -> None:
    done = natobrief(
        "study",
        str(GOOD_DECK),
        "--headless",
        "--jsonl",
        "--seed",
        "1",
        "--now",
        NOW,
        "--db",
        str(tmp_path / "p.db"),
        "--answers",
        str(answers_file(tmp_path)),
        "--new",
        "3",
    )
    assert done.returncode == 0, done.stderr
    lines = events(done.stdout)
    assert [e["event"] for e in lines[:2]] == ["question", "result"]
    question = lines[0]
    assert question == {
        "event": "question",
        "n": 1,
        "deck": "test-deck",
        "card": "tokyo-blocked",
        "type": "short",
        "prompt": "Who blocked the Tokyo office?",
    }
    result = lines[1]
    assert result["correct"] is True and result["typo"] is False
    assert result["expected"] == "France" and result["rating"] == "good"
    assert result["due"] == "2026-03-02T09:10:00+00:00"
    source = result["source"]
    assert isinstance(source, dict)
    assert source["title"] == "NATO Watch" and source["date"] == "2024-07-31"
    assert "It was blocked by France" in str(source["passage"])
    choice = next(e for e in lines if e.get("type") == "choice")
    assert sorted(str(o)[3:] for o in choice["options"]) == sorted(  # type: ignore[union-attr]
        ["decisive enabler", "silent partner", "neutral party"]
    )
    summary = lines[-1]
    assert summary["event"] == "summary" and summary["mode"] == "study"
    assert summary["correct"] == summary["answered"] == summary["asked"]
    assert summary["score"] == 100.0


def test_same_seed_clock_and_database_give_byte_identical_output(tmp_path: Path) -> None:
    answers = answers_file(tmp_path)
    outputs = []
    for run in ("a", "b"):
        done = natobrief(
            "study",
            str(GOOD_DECK),
            "--headless",
            "--jsonl",
            "--seed",
            "5",
            "--now",
            NOW,
            "--db",
            str(tmp_path / f"{run}.db"),
            "--answers",
            str(answers),
        )
        assert done.returncode == 0, done.stderr
        outputs.append(done.stdout)
    assert outputs[0] == outputs[1]
    plain = [
        natobrief(
            "exam",
            str(GOOD_DECK),
            "--headless",
            "--seed",
            "5",
            "--now",
            NOW,
            "--db",
            str(tmp_path / f"exam-{run}.db"),
            "--answers",
            str(answers),
        ).stdout
        for run in ("a", "b")
    ]
    assert plain[0] == plain[1]


def test_every_card_type_in_a_plain_text_exam(tmp_path: Path) -> None:
    done = natobrief(
        "exam",
        str(GOOD_DECK),
        "--headless",
        "--seed",
        "2",
        "--now",
        NOW,
        "--db",
        str(tmp_path / "p.db"),
        "--answers",
        str(answers_file(tmp_path)),
        "--count",
        "8",
        "--pass-mark",
        "90",
    )
    assert done.returncode == 0, done.stderr
    text = done.stdout
    for phrase in (
        "Short answer.",
        "Multiple choice.",
        "True or false.",
        "Fill in the gaps.",
        "Number.",
        "Put in order.",
        "Match the pairs.",
        "Options:",
        "Items:",
        "The Quad was created in [1], revived in [2].",
        "Exam over. Asked 8, answered 8, correct 8, score 100.0 percent.",
        "Passed.",
    ):
        assert phrase in text
    assert text.index("Question 8.") < text.index("You answered:")  # no feedback until the end
    assert "\x1b" not in text


def test_exam_below_pass_mark_exits_1_and_writes_a_report(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    done = natobrief(
        "exam",
        str(GOOD_DECK),
        "--headless",
        "--jsonl",
        "--seed",
        "2",
        "--now",
        NOW,
        "--db",
        str(tmp_path / "p.db"),
        "--answers",
        str(answers_file(tmp_path, right=False)),
        "--pass-mark",
        "50",
        "--report",
        str(report),
    )
    assert done.returncode == 1
    summary = events(done.stdout)[-1]
    assert summary["passed"] is False and summary["score"] == 0.0
    document = json.loads(report.read_text())
    assert document["summary"]["answered"] == 8
    assert {r["card"] for r in document["results"]} == {c.id for c in load_deck(GOOD_DECK).cards}
    assert all(r["correct"] is False and r["rating"] is None for r in document["results"])


def test_cards_without_an_answer_are_skipped(tmp_path: Path) -> None:
    done = natobrief(
        "study",
        str(GOOD_DECK),
        "--headless",
        "--jsonl",
        "--seed",
        "1",
        "--now",
        NOW,
        "--db",
        str(tmp_path / "p.db"),
        "--new",
        "2",
        "--answers",
        str(answers_file(tmp_path, skip=("tokyo-blocked",))),
    )
    lines = events(done.stdout)
    assert lines[0] == {
        "event": "skipped",
        "n": 1,
        "deck": "test-deck",
        "card": "tokyo-blocked",
        "reason": "no answer in the answers file",
    }
    assert lines[1]["event"] == "question" and lines[1]["n"] == 1


def test_answers_from_standard_input_and_an_empty_line_ends_early(tmp_path: Path) -> None:
    db = tmp_path / "p.db"
    done = natobrief(
        "study",
        str(GOOD_DECK),
        "--headless",
        "--seed",
        "1",
        "--now",
        NOW,
        "--db",
        str(db),
        stdin="France\n\nnever read\n",
    )
    assert done.returncode == 0, done.stderr
    assert "You answered: France" in done.stdout
    assert "Correct." in done.stdout
    assert "Study session over. Asked 1, answered 1, correct 1" in done.stdout
    stats = natobrief("stats", str(GOOD_DECK), "--json", "--db", str(db), "--now", NOW)
    figures = json.loads(stats.stdout)
    assert figures["total_reviews"] == 1 and figures["cards_by_state"]["learning"] == 1


def test_an_exam_ended_early_counts_the_rest_as_unanswered(tmp_path: Path) -> None:
    report = tmp_path / "report.json"
    common = ("--headless", "--seed", "1", "--now", NOW, "--db", str(tmp_path / "p.db"))
    first = natobrief("exam", str(GOOD_DECK), *common, "--jsonl", "--count", "5", stdin="\n")
    question = events(first.stdout)[0]
    card = next(c for c in load_deck(GOOD_DECK).cards if c.id == question["card"])
    right = canonical_answer(card)
    line = right if isinstance(right, str) else "; ".join(map(str, right))
    done = natobrief(
        "exam",
        str(GOOD_DECK),
        *common,
        "--jsonl",
        "--count",
        "5",
        "--pass-mark",
        "50",
        "--report",
        str(report),
        stdin=f"{line}\n\n",
    )
    assert done.returncode == 1, done.stderr  # one right answer of five does not pass
    summary = events(done.stdout)[-1]
    assert (summary["answered"], summary["correct"], summary["unanswered"]) == (1, 1, 4)
    assert summary["score"] == 20.0 and summary["passed"] is False
    document = json.loads(report.read_text())
    assert document["summary"]["passed"] is False
    assert len(document["unanswered"]) == 4 and {"deck", "card", "prompt"} <= set(
        document["unanswered"][0]
    )
    assert question["card"] not in {entry["card"] for entry in document["unanswered"]}


def test_a_study_session_with_nothing_due_says_so(tmp_path: Path) -> None:
    done = natobrief(
        "study", str(GOOD_DECK), "--headless", "--new", "0", "--db", str(tmp_path / "p.db")
    )
    assert done.returncode == 0, done.stderr
    assert "Nothing was due: no card is due now, and today's limit of new cards leaves " in (
        done.stdout
    )
    assert "8 new cards for later (the limit covers all decks together: raise it with --new" in (
        done.stdout
    )
    assert "score" not in done.stdout
    deck_only_done = natobrief(
        "study", str(GOOD_DECK), "--headless", "--db", str(tmp_path / "p.db"),
        "--answers", str(answers_file(tmp_path)), "--new", "20",
    )  # fmt: skip
    assert deck_only_done.returncode == 0
    again = natobrief("study", str(GOOD_DECK), "--headless", "--db", str(tmp_path / "p.db"))
    assert "Nothing was due: no card is due or new now." in again.stdout


def test_a_deck_that_does_not_load_exits_2(tmp_path: Path) -> None:
    shutil.copytree(DATA / "good", tmp_path / "deck")
    path = tmp_path / "deck" / "deck.yaml"
    path.write_text(path.read_text().replace("answer: France", "anwser: France"))
    done = natobrief("study", str(path), "--headless", "--db", str(tmp_path / "p.db"))
    assert done.returncode == 2
    assert "deck.yaml:17:5: error: card 'tokyo-blocked': unknown key 'anwser'" in done.stderr
    assert done.stderr.startswith("✗ ") and "deck.yaml: refused" in done.stderr
    assert "Traceback" not in done.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--headless", "--now", "yesterday"], "--now 'yesterday' is not an ISO-8601 time"),
        (["--headless", "--pass-mark", "50"], "No such option '--pass-mark'"),
        (["--jsonl"], "--jsonl needs --headless"),
        (["--headless", "no-such-deck"], "no deck file or installed deck called 'no-such-deck'"),
        (["--headless", "--report", "-"], "--report needs a file"),
        (["--headless", "--report", "/no/such/folder/r.json"], "/no/such/folder does not exist"),
    ],
)
def test_bad_usage_exits_2(tmp_path: Path, args: list[str], message: str) -> None:
    done = natobrief("study", *args, "--db", str(tmp_path / "p.db"))
    assert done.returncode == 2, done.stdout
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_malformed_answers_file_gives_file_and_line(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yaml"
    answers.write_text("tokyo-blocked: France\nenabler: [unclosed\n")
    done = natobrief(
        "study",
        str(GOOD_DECK),
        "--headless",
        "--db",
        str(tmp_path / "p.db"),
        "--answers",
        str(answers),
    )
    assert done.returncode == 2
    assert f"{answers}:3:1: error: YAML syntax error" in done.stderr


def test_headless_path_never_imports_textual_or_rich(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from natobrief.cli import main\n"
        f"sys.argv = ['natobrief', 'study', {str(GOOD_DECK)!r}, '--headless', '--jsonl',\n"
        f"            '--db', {str(tmp_path / 'p.db')!r}, '--now', {NOW!r}, '--count', '1']\n"
        "sys.stdin = __import__('io').StringIO('France\\n')\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "leaked = sorted({m.split('.')[0] for m in sys.modules} & {'textual', 'rich'})\n"
        "assert not leaked, leaked\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert '"event": "summary"' in done.stdout
