"""``natobrief report`` over real exam reports written by real headless exams."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from natobrief.cardtypes.registry import kind_of
from natobrief.cli import cli
from natobrief.deck.loader import load_deck
from tests.answers import canonical_answer, wrong_answer
from tests.conftest import DATA

GOOD_DECK = DATA / "good" / "deck.yaml"
BUNDLED = Path(__file__).parents[2] / "decks" / "washington-summit-2024.yaml"
NOW = "2026-03-02T09:00:00+00:00"
WIDE = {"COLUMNS": "200"}  # so that no table cell wraps in the middle of a checked phrase

# Six students, the eight cards of the test deck (1 = answered right). "enabler"
# is answered right by the weakest four and wrong by the strongest two.
#        enabler heads met micro quad timeline tokyo who   score
CLASS = {
    "ann": (0, 1, 1, 1, 1, 1, 1, 1),  # 87.5
    "bob": (0, 1, 1, 1, 1, 1, 1, 0),  # 75.0
    "cat": (1, 1, 1, 1, 0, 0, 1, 0),  # 62.5
    "dan": (1, 1, 0, 1, 0, 0, 1, 0),  # 50.0
    "eve": (1, 0, 0, 1, 0, 0, 1, 0),  # 37.5
    "fay": (1, 0, 0, 0, 0, 0, 1, 0),  # 25.0
}
CARDS = (
    "enabler",
    "heads-32",
    "met-in-washington",
    "micro-share",
    "quad-cloze",
    "timeline",
    "tokyo-blocked",
    "who-what",
)


def natobrief(*args: str, home: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "natobrief", *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "NATOBRIEF_HOME": str(home)},
    )


def sit_exam(deck_file: Path, marks: dict[str, int], folder: Path, name: str, home: Path) -> Path:
    """Run a real headless exam with answers right or wrong per card; return its report."""
    deck = load_deck(deck_file)
    answers = {
        card.id: canonical_answer(card) if marks.get(card.id, 0) else wrong_answer(card)
        for card in deck.cards
    }
    answers_file = folder / f"{name}-answers.yaml"
    answers_file.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    report = folder / f"{name}.json"
    done = natobrief(
        "exam",
        str(deck_file),
        "--headless",
        "--seed",
        "5",
        "--now",
        NOW,
        "--db",
        str(folder / f"{name}.db"),
        "--answers",
        str(answers_file),
        "--report",
        str(report),
        home=home,
    )
    assert done.returncode == 0, done.stderr
    return report


@pytest.fixture(scope="module")
def class_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The six students' reports, alone in a folder (the exams run once for the module)."""
    work = tmp_path_factory.mktemp("exams")
    home = tmp_path_factory.mktemp("home")
    reports = tmp_path_factory.mktemp("reports")
    for name, marks in CLASS.items():
        written = sit_exam(GOOD_DECK, dict(zip(CARDS, marks, strict=True)), work, name, home)
        shutil.copy(written, reports / written.name)
    return reports


def report_json(*args: str) -> dict[str, object]:
    result = CliRunner().invoke(cli, ["report", "--json", *args])
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert isinstance(document, dict)
    return document


def test_class_figures_from_real_reports(class_folder: Path) -> None:
    document = report_json(str(class_folder))
    assert document["students"] == 6
    # 87.5, 75, 62.5, 50, 37.5, 25: deviations 31.25, 18.75, 6.25 on each side
    assert document["scores"] == {
        "mean": 56.25,
        "median": 56.25,
        "stdev": round(((2 * (31.25**2 + 18.75**2 + 6.25**2)) / 6) ** 0.5, 2),
        "min": 25.0,
        "max": 87.5,
    }
    counts = [b["count"] for b in document["histogram"]]
    assert counts == [0, 0, 1, 1, 0, 1, 1, 1, 1, 0]
    assert document["discrimination"] == {"computed": True, "group_size": 2, "note": None}
    assert [r["student"] for r in document["roster"]] == list(CLASS)
    assert document["skipped"] == []
    items = {i["card"]: i for i in document["items"]}
    assert list(items) == list(CARDS)
    # upper group: ann, bob; lower group: eve, fay
    expected = {  # card: (correct of 6, D)
        "enabler": (4, -1.0),
        "heads-32": (4, 1.0),
        "met-in-washington": (3, 1.0),
        "micro-share": (5, 0.5),
        "quad-cloze": (2, 1.0),
        "timeline": (2, 1.0),
        "tokyo-blocked": (6, 0.0),
        "who-what": (1, 0.5),
    }
    for card, (correct, discrimination) in expected.items():
        item = items[card]
        assert item["seen"] == 6 and item["correct"] == correct, card
        assert item["facility"] == round(correct / 6, 4), card
        assert item["discrimination"] == discrimination, card
    assert items["enabler"]["upper"] == {"seen": 2, "correct": 0}
    assert items["enabler"]["lower"] == {"seen": 2, "correct": 2}
    assert items["enabler"]["flags"] == ["negative-discrimination"]
    assert items["tokyo-blocked"]["flags"] == ["everyone-right"]
    assert items["enabler"]["prompt"] == "What did the declaration call Beijing?"
    assert items["enabler"]["deck"] == "test-deck" and items["enabler"]["type"] == "choice"


def test_table_view_flags_the_bad_item_and_draws_the_histogram(class_folder: Path) -> None:
    files = sorted(map(str, class_folder.iterdir()))
    result = CliRunner().invoke(cli, ["report", *files], env=WIDE)
    assert result.exit_code == 0, result.output
    text = result.stdout
    assert "Class report: 6 students" in text
    assert "mean 56.2, median 56.2" in text
    assert "  80-90% │" + "█" * 30 + " 1" in text
    assert "likely bad key or misleading question" in text
    assert "everyone got it right" in text
    check_these = text[text.index("Check these") :]
    assert "enabler (D -1.00): What did the declaration call Beijing?" in check_these
    assert "heads-32" not in check_these


def test_broken_and_foreign_files_are_skipped_with_a_message(
    class_folder: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "mixed"
    shutil.copytree(class_folder, folder)
    (folder / "broken.json").write_text('{"natobrief_report": 1, "results": [', encoding="utf-8")
    (folder / "settings.json").write_text('{"theme": "dark"}', encoding="utf-8")
    done = natobrief("report", "--json", str(folder), home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert f"skipped {folder / 'broken.json'}: not valid JSON (line 1" in done.stderr
    assert f"skipped {folder / 'settings.json'}: not a natobrief exam report" in done.stderr
    document = json.loads(done.stdout)
    assert document["students"] == 6
    assert [s["file"] for s in document["skipped"]] == [
        str(folder / "broken.json"),
        str(folder / "settings.json"),
    ]


def test_study_reports_and_reports_handed_in_twice_are_left_out_with_a_warning(
    class_folder: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "handed-in"
    shutil.copytree(class_folder, folder)
    answers = tmp_path / "answers.yaml"
    answers.write_text(yaml.safe_dump({card: "x" for card in CARDS}), encoding="utf-8")
    study = folder / "gus.json"
    done = natobrief(
        "study", str(GOOD_DECK), "--headless", "--now", NOW, "--db", str(tmp_path / "gus.db"),
        "--answers", str(answers), "--report", str(study), home=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    shutil.copy(folder / "ann.json", folder / "zz-ann-again.json")
    done = natobrief("report", "--json", str(folder), home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    # All six exams share the session id "seed-5" (one seed for the class): still six students.
    document = json.loads(done.stdout)
    assert document["students"] == 6
    assert f"skipped {study}: a report of a 'study' session, not of an exam" in done.stderr
    assert (
        f"skipped {folder / 'zz-ann-again.json'}: the same report as {folder / 'ann.json'}"
        in done.stderr
    )
    assert [s["file"] for s in document["skipped"]] == [
        str(study),
        str(folder / "zz-ann-again.json"),
    ]


def test_no_usable_report_exits_2_with_what_to_do(tmp_path: Path) -> None:
    (tmp_path / "broken.json").write_text("{oops", encoding="utf-8")
    done = natobrief("report", str(tmp_path / "broken.json"), str(tmp_path / "gone"), home=tmp_path)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "skipped" in done.stderr and "broken.json: not valid JSON" in done.stderr
    assert "gone: no such file or folder" in done.stderr
    assert "natobrief: no usable exam report among the files given" in done.stderr
    assert done.stdout == ""
    missing_argument = natobrief("report", home=tmp_path)
    assert missing_argument.returncode == 2 and "Traceback" not in missing_argument.stderr


def test_three_students_get_no_discrimination(class_folder: Path) -> None:
    three = [str(class_folder / f"{name}.json") for name in ("ann", "cat", "fay")]
    document = report_json(*three)
    assert document["discrimination"]["computed"] is False
    assert all(i["discrimination"] is None for i in document["items"])
    view = CliRunner().invoke(cli, ["report", *three])
    assert "cannot be computed meaningfully" in " ".join(view.stdout.split())


def test_deck_text_and_names_are_shown_as_text_not_markup(
    class_folder: Path, tmp_path: Path
) -> None:
    document = json.loads((class_folder / "ann.json").read_text(encoding="utf-8"))
    document["student"] = "[bold red]Ann[/] \x1b]52;c;aGk=\x07"
    document["results"][0]["prompt"] = "Is [link=http://x]this[/link] shown?"
    document["results"][0]["label"] = "Is [link=http://x]this[/link] shown?"
    tampered = tmp_path / "ann.json"
    tampered.write_text(json.dumps(document), encoding="utf-8")
    result = CliRunner().invoke(cli, ["report", str(tampered)], env=WIDE)
    assert result.exit_code == 0, result.output
    assert "[bold red]Ann[/]" in result.stdout
    assert "Is [link=http://x]this[/link] shown?" in result.stdout
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout


def test_reports_without_prompts_take_them_from_the_installed_deck(tmp_path: Path) -> None:
    deck = load_deck(BUNDLED)
    report = sit_exam(BUNDLED, {card.id: 1 for card in deck.cards}, tmp_path, "old", tmp_path)
    document = json.loads(report.read_text(encoding="utf-8"))
    for result in document["results"]:  # as reports were before they held a label
        del result["prompt"], result["label"]
    report.write_text(json.dumps(document), encoding="utf-8")
    items = report_json(str(report))["items"]
    # A card is described by its label: the prompt, and a cloze's sentence with it.
    prompts = {card.id: kind_of(card).label(card) for card in deck.cards}
    assert len(items) == 20
    for item in items:
        assert item["prompt"] == prompts[item["card"]]


def test_json_report_imports_neither_rich_nor_textual(class_folder: Path) -> None:
    code = (
        "import sys\n"
        "from natobrief.cli import main\n"
        f"sys.argv = ['natobrief', 'report', '--json', {str(class_folder)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & {'rich', 'textual'})\n"
        "print(','.join(heavy), file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stderr.strip() == ""
    assert json.loads(done.stdout)["students"] == 6
