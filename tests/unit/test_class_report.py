"""Class report figures against hand-worked numbers, and report files read from disk."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from natobrief.tools.class_report.files import load_reports, read_report
from natobrief.tools.class_report.report import (
    FLAG_ALL_RIGHT,
    FLAG_ALL_WRONG,
    FLAG_NEGATIVE,
    ItemAnswer,
    StudentReport,
    analyse,
    class_report_json,
    group_size,
    histogram,
)
from natobrief.tools.class_report.view import histogram_lines

# Five students, four cards. Scores are the share of their four answers right.
#            q1 q2 q3 q4   score
#   ana       1  1  0  1    75
#   ben       1  1  0  1    75   (ties with ana; ana is first by name)
#   cid       1  0  1  1    75
#   dee       1  0  1  0    50
#   eli       0  0  1  0    25
# group_size(5) = floor(0.27 * 5 + 0.5) = 1: upper = ana, lower = eli.
CLASS = {
    "ana": (1, 1, 0, 1),
    "ben": (1, 1, 0, 1),
    "cid": (1, 0, 1, 1),
    "dee": (1, 0, 1, 0),
    "eli": (0, 0, 1, 0),
}


def student(name: str, marks: tuple[int, ...], deck: str = "d") -> StudentReport:
    answers = tuple(
        ItemAnswer(deck=deck, card=f"q{n}", correct=bool(mark), prompt=f"Question {n}?")
        for n, mark in enumerate(marks, start=1)
    )
    score = round(100 * sum(marks) / len(marks), 1)
    return StudentReport(name, Path(f"{name}.json"), score, answers)


def test_facility_and_discrimination_match_hand_worked_numbers() -> None:
    report = analyse([student(name, marks) for name, marks in CLASS.items()])
    assert [s.student for s in report.students] == ["ana", "ben", "cid", "dee", "eli"]
    assert report.group_size == 1
    items = {item.card: item for item in report.items}
    # q1: 4 of 5 right; upper ana right (1.0), lower eli wrong (0.0): D = +1
    assert (items["q1"].seen, items["q1"].correct) == (5, 4)
    assert items["q1"].facility == pytest.approx(0.8)
    assert items["q1"].discrimination == pytest.approx(1.0)
    # q3: right only for cid, dee, eli: the weakest were right, the strongest wrong: D = -1
    assert items["q3"].facility == pytest.approx(0.6)
    assert items["q3"].discrimination == pytest.approx(-1.0)
    assert FLAG_NEGATIVE in items["q3"].flags
    # q2: ana and ben right: upper 1.0, lower 0.0
    assert items["q2"].facility == pytest.approx(0.4)
    assert items["q2"].discrimination == pytest.approx(1.0)
    # q4: ana, ben, cid right
    assert items["q4"].facility == pytest.approx(0.6)
    assert items["q4"].discrimination == pytest.approx(1.0)
    assert [i.card for i in report.items if i.flags] == ["q3"]


def test_score_figures_and_histogram() -> None:
    report = analyse([student(name, marks) for name, marks in CLASS.items()])
    scores = report.scores
    # 75, 75, 75, 50, 25: mean 60, median 75, deviations 15, 15, 15, -10, -35
    assert scores.mean == pytest.approx(60.0)
    assert scores.median == pytest.approx(75.0)
    assert scores.stdev == pytest.approx(math.sqrt((3 * 15**2 + 10**2 + 35**2) / 5))
    assert (scores.minimum, scores.maximum) == (25.0, 75.0)
    assert report.histogram == (0, 0, 1, 0, 0, 1, 0, 3, 0, 0)


def test_histogram_edges() -> None:
    assert histogram([0.0, 9.9, 10.0, 99.9, 100.0]) == (2, 1, 0, 0, 0, 0, 0, 0, 0, 2)
    lines = histogram_lines((0, 1, 0, 0, 0, 0, 0, 0, 0, 2), width=10)
    assert lines[0] == "   0-10% │           0"
    assert lines[1] == "  10-20% │█████      1"
    assert lines[9] == " 90-100% │██████████ 2"


def test_group_sizes_follow_the_27_percent_rule() -> None:
    assert [group_size(n) for n in (1, 3, 4, 5, 6, 10, 20, 100)] == [
        None,
        None,
        1,
        1,
        2,
        3,
        5,
        27,
    ]


def test_larger_groups_use_proportions() -> None:
    # Ten students, group size 3. Card "x": the top three score 2 of 3 right,
    # the bottom three 1 of 3: D = 2/3 - 1/3.
    marks = {
        "s0": (1, 1, 1, 1, 1),
        "s1": (1, 1, 1, 1, 0),
        "s2": (1, 1, 1, 0, 0),
        "s3": (1, 1, 1, 0, 0),
        "s4": (1, 1, 0, 0, 0),
        "s5": (1, 1, 0, 0, 0),
        "s6": (1, 0, 0, 0, 0),
        "s7": (1, 0, 0, 0, 0),
        "s8": (0, 0, 0, 0, 0),
        "s9": (0, 0, 0, 0, 0),
    }
    reports = [student(name, m) for name, m in marks.items()]
    x_marks = {"s0": 1, "s1": 1, "s2": 0, "s7": 1, "s8": 0, "s9": 0}
    reports = [
        StudentReport(
            r.student,
            r.file,
            r.score,
            (*r.answers, ItemAnswer("d", "x", bool(x_marks[r.student]))),
        )
        if r.student in x_marks
        else r
        for r in reports
    ]
    report = analyse(reports)
    assert report.group_size == 3
    x = next(item for item in report.items if item.card == "x")
    assert (x.upper.seen, x.upper.correct, x.lower.seen, x.lower.correct) == (3, 2, 3, 1)
    assert x.discrimination == pytest.approx(1 / 3)
    assert x.seen == 6 and x.facility == pytest.approx(0.5)


def test_few_students_get_no_discrimination_and_a_reason() -> None:
    report = analyse([student("a", (1, 0)), student("b", (1, 1)), student("c", (1, 0))])
    assert report.group_size is None
    assert all(item.discrimination is None for item in report.items)
    assert report.discrimination_note is not None
    assert "cannot be computed meaningfully" in report.discrimination_note
    flags = {item.card: item.flags for item in report.items}
    assert flags == {"q1": (FLAG_ALL_RIGHT,), "q2": ()}
    document = class_report_json(report, [])
    assert document["discrimination"] == {
        "computed": False,
        "group_size": None,
        "note": report.discrimination_note,
    }


def test_everyone_wrong_is_noted() -> None:
    report = analyse([student(n, (0, 1)) for n in "abcd"])
    first = report.items[0]
    assert first.flags == (FLAG_ALL_WRONG,)
    assert first.discrimination == 0.0


def write(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def good_document(**extra: object) -> dict[str, object]:
    return {
        "natobrief_report": 1,
        "mode": "exam",
        "summary": {"score": 50.0},
        "results": [
            {"deck": "d", "card": "a", "correct": True, "prompt": "A?"},
            {"deck": "d", "card": "b", "correct": False},
            {"deck": "d", "card": "a", "correct": False},  # asked again: the first answer counts
        ],
        **extra,
    }


def test_a_report_file_is_read(tmp_path: Path) -> None:
    report = read_report(write(tmp_path / "zoe.json", good_document()))
    assert report.student == "zoe" and report.score == 50.0
    assert [(a.card, a.correct, a.prompt) for a in report.answers] == [
        ("a", True, "A?"),
        ("b", False, None),
    ]
    named = read_report(write(tmp_path / "x.json", good_document(student="Zoë \x1b[31mK")))
    assert named.student == "Zoë [31mK"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("{not json", "not valid JSON (line 1, column 2"),
        ("[1, 2]", "not a natobrief exam report"),
        ('{"results": []}', "not a natobrief exam report"),
        ('{"natobrief_report": 7, "results": []}', "newer natobrief"),
        ('{"natobrief_report": "x", "results": []}', "not a version"),
        ('{"natobrief_report": 1, "mode": "exam"}', "no 'results' list"),
        ('{"natobrief_report": 1, "mode": "exam", "results": []}', "no question was answered"),
        ('{"natobrief_report": 1, "mode": "exam", "results": [3]}', "result 1 is not an object"),
        (
            '{"natobrief_report": 1, "mode": "exam", "results": [{"deck": "d"}]}',
            "no 'deck' and 'card'",
        ),
        (
            '{"natobrief_report": 1, "mode": "exam",'
            ' "results": [{"deck": "d", "card": "c", "correct": "yes"}]}',
            "no true/false 'correct'",
        ),
        (
            '{"natobrief_report": 1, "mode": "exam", "summary": {"score": 140},'
            ' "results": [{"deck": "d", "card": "c", "correct": true}]}',
            "not a percentage",
        ),
        ('{"natobrief_report": 1, "results": []}', "does not say it is an exam report"),
        (
            '{"natobrief_report": 1, "mode": "study",'
            ' "results": [{"deck": "d", "card": "c", "correct": false}]}',
            "a report of a 'study' session, not of an exam, so it is left out",
        ),
    ],
)
def test_unusable_files_are_skipped_with_the_reason(
    tmp_path: Path, content: str, expected: str
) -> None:
    (tmp_path / "bad.json").write_text(content, encoding="utf-8")
    loaded = load_reports([tmp_path])
    assert loaded.reports == []
    [(path, problem)] = loaded.skipped
    assert path == tmp_path / "bad.json"
    assert expected in problem


def test_folders_missing_paths_duplicates_and_name_clashes(tmp_path: Path) -> None:
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    write(first / "sam.json", good_document())
    write(second / "sam.json", good_document(summary={"score": 25.0}))  # another Sam
    (first / "notes.txt").write_text("not a report")
    loaded = load_reports([first, second, first / "sam.json", tmp_path / "missing.json"])
    assert sorted(r.student for r in loaded.reports) == [
        f"sam ({first / 'sam.json'})",
        f"sam ({second / 'sam.json'})",
    ]
    assert [(p.name, why.split(";")[0]) for p, why in loaded.skipped] == [
        ("missing.json", "no such file or folder"),
        ("sam.json", "given twice"),  # one/sam.json, in its folder and by name: said, once
    ]
    empty = tmp_path / "empty"
    empty.mkdir()
    assert "no *.json files" in load_reports([empty]).skipped[0][1]


def test_a_report_handed_in_twice_counts_once_and_both_files_are_named(tmp_path: Path) -> None:
    session = "6fd17ad2fa00e85bc6e153ba9a22f973"  # drawn at random: one session, one student
    original = write(tmp_path / "ann.json", good_document(session=session))
    copied = tmp_path / "ann-again.json"  # the same document, laid out differently
    copied.write_text(json.dumps(good_document(session=session), indent=4), encoding="utf-8")
    edited = write(
        tmp_path / "ann-edited.json", good_document(session=session, summary={"score": 99.0})
    )
    loaded = load_reports([original, copied, edited])
    assert [(r.student, r.score) for r in loaded.reports] == [("ann", 50.0)]
    [(again, why_again), (changed, why_changed)] = loaded.skipped
    assert again == copied and f"the same report as {original}" in why_again
    assert "remove one of the two files" in why_again
    assert changed == edited
    assert f"the same exam session as {original} (session {session})" in why_changed
    assert "different content" in why_changed


def test_a_shared_seed_does_not_make_different_students_duplicates(tmp_path: Path) -> None:
    # An instructor gives the whole class one seed: every report says session "seed-5".
    ann = write(tmp_path / "ann.json", good_document(session="seed-5"))
    bob = write(tmp_path / "bob.json", good_document(session="seed-5", summary={"score": 75.0}))
    loaded = load_reports([ann, bob])
    assert sorted(r.student for r in loaded.reports) == ["ann", "bob"]
    assert loaded.skipped == []
    # The very same answers under one seed cannot be told from a copy: counted once, and
    # the warning says how to keep both.
    twin = write(tmp_path / "cid.json", good_document(session="seed-5"))
    again = load_reports([ann, twin])
    assert [r.student for r in again.reports] == ["ann"]
    [(path, why)] = again.skipped
    assert path == twin and f"the same report as {ann}" in why
    assert '"student": "NAME"' in why
    named = write(tmp_path / "cid.json", good_document(session="seed-5", student="Cid"))
    assert len(load_reports([ann, named]).reports) == 2


def test_appeals_are_listed_per_card_with_how_many_students(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from rich.console import Console

    def appealed(answer: str, student: str) -> dict[str, object]:
        appeals = [{"deck": "d", "card": "b", "answer": answer}]
        return good_document(appeals=appeals, student=student)

    files = [
        write(tmp_path / "ann.json", appealed("Frankreich", "Ann")),
        write(tmp_path / "bob.json", appealed("frankreich \x1b[2J", "Bob")),
        write(tmp_path / "cat.json", appealed("Frankreich", "Cat")),
        write(tmp_path / "dan.json", good_document(student="Dan")),
    ]
    loaded = load_reports(files)
    assert loaded.skipped == []
    report = analyse(loaded.reports)
    item = next(i for i in report.items if i.card == "b")
    assert item.appeals == (("Frankreich", 2), ("frankreich [2J", 1))
    assert next(i for i in report.items if i.card == "a").appeals == ()
    as_json = class_report_json(report, [])
    assert [i["appeals"] for i in as_json["items"]] == [  # type: ignore[union-attr, index]
        [],
        [{"answer": "Frankreich", "students": 2}, {"answer": "frankreich [2J", "students": 1}],
    ]
    from natobrief.tools.class_report.view import print_class_report

    console = Console(width=100, color_system=None)
    print_class_report(report, console)
    shown = capsys.readouterr().out
    assert "Appealed answers" in shown
    assert "    'Frankreich'  appealed by 2 students" in shown
    assert "\x1b" not in shown


def test_a_malformed_appeals_list_is_named(tmp_path: Path) -> None:
    loaded = load_reports([write(tmp_path / "x.json", good_document(appeals=[{"deck": "d"}]))])
    [(_, problem)] = loaded.skipped
    assert "appeal 1 has no 'deck', 'card' and 'answer' texts" in problem
