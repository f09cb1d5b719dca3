"""Reading students' exam reports for ``natobrief report``, file by file.

A report is the JSON document ``natobrief.headless.report.write_report`` writes
(docs/headless.md). Reports come from students' machines, so every field is
checked: a file that is not a usable report is skipped with one sentence that
names the file, says what is wrong and what to do, never a traceback.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from natobrief.cardtypes.registry import kind_of
from natobrief.text import strip_control
from natobrief.tools.class_report.duplicates import DuplicateFinder
from natobrief.tools.class_report.report import ItemAnswer, StudentReport

REPORT_VERSION = 1
MAX_REPORT_BYTES = 16 * 1024 * 1024  # an exam of every bundled card is well under 1 MB
_RESAVE = "save it again from natobrief (natobrief exam --report FILE, or w on the results screen)"


class ReportFileProblem(Exception):
    """A file that cannot be used as a report; the message says why and what to do."""


@dataclass(slots=True)
class LoadedReports:
    """The usable reports, and each skipped file with the reason."""

    reports: list[StudentReport] = field(default_factory=list)
    skipped: list[tuple[Path, str]] = field(default_factory=list)


def report_files(paths: Iterable[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The files named, plus every ``*.json`` directly inside the folders named.

    A path that does not exist, or a folder without reports, is returned as a
    problem instead, so that the other files are still read.
    """
    files: list[Path] = []
    problems: list[tuple[Path, str]] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(
                p for p in path.glob("*.json") if p.is_file() and not p.name.startswith(".")
            )
            if not inside:
                problems.append((path, "folder holds no *.json files; name the report files"))
            files.extend(inside)
        elif path.exists():
            files.append(path)
        else:
            problems.append((path, "no such file or folder; check the path"))
    return files, problems  # a file named twice is kept twice: load_reports says so


def load_reports(paths: Iterable[Path]) -> LoadedReports:
    """Read every report named or found in the folders; unusable files are skipped with why.

    Students are named by the report's ``student`` field when it has one, else
    by the file name without ``.json``; when two files give the same name, both
    are named by their path instead. The same file given twice counts once, and
    so does a report handed in twice (see :mod:`.duplicates`): the
    repeat is skipped with a reason naming the file that counts.
    """
    files, problems = report_files(paths)
    loaded = LoadedReports(skipped=problems)
    seen: dict[Path, Path] = {}  # the real file -> the name it was first given by
    repeats = DuplicateFinder()
    for file in files:
        real = file.resolve()
        if real in seen:
            first = seen[real]
            same = "given twice" if first == file else f"the same file as {first}"
            loaded.skipped.append((file, f"{same}; it counts once"))
            continue
        seen[real] = file
        try:
            document = read_document(file)
            report = parse_report(document, file)
        except ReportFileProblem as problem:
            loaded.skipped.append((file, str(problem)))
            continue
        repeat = repeats.repeat_of(document, file)
        if repeat is not None:
            loaded.skipped.append((file, repeat))
            continue
        loaded.reports.append(report)
    loaded.reports = _unique_names(loaded.reports)
    return loaded


def _unique_names(reports: list[StudentReport]) -> list[StudentReport]:
    counts: dict[str, int] = {}
    for report in reports:
        counts[report.student] = counts.get(report.student, 0) + 1
    return [
        report
        if counts[report.student] == 1
        else StudentReport(
            f"{report.student} ({report.file})", report.file, report.score, report.answers
        )
        for report in reports
    ]


def read_report(path: Path) -> StudentReport:
    """One student's report; ReportFileProblem says what is wrong with the file."""
    return parse_report(read_document(path), path)


def read_document(path: Path) -> object:
    """The decoded JSON of a report file; ReportFileProblem when it is not JSON at all."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ReportFileProblem(
            f"cannot read it ({error.strerror}); check the file's permissions"
        ) from None
    if len(data) > MAX_REPORT_BYTES:
        raise ReportFileProblem("larger than 16 MB, so not an exam report; name report files only")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReportFileProblem("not UTF-8 text, so not a natobrief report; " + _RESAVE) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ReportFileProblem(
            f"not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}); " + _RESAVE
        ) from None
    except RecursionError:
        raise ReportFileProblem("JSON nested too deeply to be a report; " + _RESAVE) from None
    return document


def parse_report(document: object, path: Path) -> StudentReport:
    """Check a decoded report document and keep what the class report needs."""
    if not isinstance(document, dict) or "natobrief_report" not in document:
        raise ReportFileProblem(
            "not a natobrief exam report (no 'natobrief_report' key); "
            "name the files written by 'natobrief exam --report FILE' or saved with w"
        )
    version = document["natobrief_report"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ReportFileProblem(f"'natobrief_report' is {version!r}, not a version; " + _RESAVE)
    if version > REPORT_VERSION:
        raise ReportFileProblem(
            f"written by a newer natobrief (report version {version}); update natobrief to read it"
        )
    _check_exam_mode(document.get("mode"))
    results = document.get("results")
    if not isinstance(results, list):
        raise ReportFileProblem("has no 'results' list; " + _RESAVE)
    answers = _first_answers(results, _appealed(document.get("appeals")))
    if not answers:
        raise ReportFileProblem(
            "no question was answered in this exam, so there is nothing to count; "
            "leave it out or have the student sit the exam again"
        )
    return StudentReport(
        student=_student_name(document, path),
        file=path,
        score=_score(document, answers),
        answers=answers,
    )


def _check_exam_mode(mode: object) -> None:
    """Refuse a report of anything but an exam.

    A study session asks due cards, and asks a missed card again until it is
    right: its score is no test result, and counting it would put a student in
    the class figures with a mark they never sat for.
    """
    if mode == "exam":
        return
    if isinstance(mode, str) and mode.strip():
        raise ReportFileProblem(
            f"a report of a {strip_control(mode).strip()!r} session, not of an exam, so it is "
            "left out (only exams are comparable); have the student sit the exam with "
            "'natobrief exam ... --report FILE'"
        )
    raise ReportFileProblem('does not say it is an exam report (no "mode": "exam"); ' + _RESAVE)


def _appealed(appeals: object) -> dict[tuple[str, str], str]:
    """The report's appeals by (deck, card): the answer the student said was right."""
    if appeals is None:
        return {}
    if not isinstance(appeals, list):
        raise ReportFileProblem("its 'appeals' is not a list; " + _RESAVE)
    found: dict[tuple[str, str], str] = {}
    for number, appeal in enumerate(appeals, start=1):
        fields = appeal if isinstance(appeal, dict) else {}
        deck, card, answer = fields.get("deck"), fields.get("card"), fields.get("answer")
        if not all(isinstance(value, str) and value for value in (deck, card, answer)):
            raise ReportFileProblem(
                f"appeal {number} has no 'deck', 'card' and 'answer' texts; " + _RESAVE
            )
        found.setdefault(
            (strip_control(str(deck)), strip_control(str(card))), strip_control(str(answer))
        )
    return found


def _first_answers(
    results: list[object], appealed: dict[tuple[str, str], str]
) -> tuple[ItemAnswer, ...]:
    """Each card's first answer, should a report list a card twice (every student is
    counted once per card, as in an exam, which asks each card once), with its appeal."""
    answers: dict[tuple[str, str], ItemAnswer] = {}
    for number, result in enumerate(results, start=1):
        if not isinstance(result, dict):
            raise ReportFileProblem(f"result {number} is not an object; " + _RESAVE)
        deck, card, correct = result.get("deck"), result.get("card"), result.get("correct")
        if not isinstance(deck, str) or not deck or not isinstance(card, str) or not card:
            raise ReportFileProblem(f"result {number} has no 'deck' and 'card' ids; " + _RESAVE)
        if not isinstance(correct, bool):
            raise ReportFileProblem(f"result {number} has no true/false 'correct'; " + _RESAVE)
        # "label" (a cloze's sentence) since reports carry it; "prompt" in older ones.
        prompt, card_type = result.get("label") or result.get("prompt"), result.get("type")
        key = (strip_control(deck), strip_control(card))
        answers.setdefault(
            key,
            ItemAnswer(
                deck=key[0],
                card=key[1],
                correct=correct,
                prompt=strip_control(prompt) if isinstance(prompt, str) else None,
                type=strip_control(card_type) if isinstance(card_type, str) else None,
                appealed=appealed.get(key),
            ),
        )
    return tuple(answers.values())


def _student_name(document: dict[str, object], path: Path) -> str:
    """The report's ``student`` field when it has a usable one, else the file name."""
    named = document.get("student")
    if isinstance(named, str) and strip_control(named).strip():
        return strip_control(named).strip()
    return strip_control(path.stem) or path.name


def _score(document: dict[str, object], answers: tuple[ItemAnswer, ...]) -> float:
    """The score the student was shown (summary.score), or one worked out from the results."""
    summary = document.get("summary")
    score = summary.get("score") if isinstance(summary, dict) else None
    if score is None:
        return round(100.0 * sum(a.correct for a in answers) / len(answers), 1)
    if isinstance(score, bool) or not isinstance(score, int | float) or not 0 <= score <= 100:
        raise ReportFileProblem(
            f"its summary score is {score!r}, not a percentage from 0 to 100; " + _RESAVE
        )
    return float(score)


def installed_prompts(deck_ids: Iterable[str]) -> dict[tuple[str, str], str]:
    """Prompts by (deck id, card id) from the installed decks with those ids.

    For reports written before reports carried each card's prompt. Only decks
    found among the installed ones are read (an id from a file is never used as
    a path), and a deck that does not load just leaves its prompts unknown.
    """
    from natobrief.deck.cache import read_deck_cached
    from natobrief.deck.discover import deck_files, deck_id_of, default_deck_paths
    from natobrief.errors import NatobriefError
    from natobrief.paths import cache_dir

    wanted = set(deck_ids)
    prompts: dict[tuple[str, str], str] = {}
    if not wanted:
        return prompts
    try:
        files = [f for f in deck_files(default_deck_paths()) if deck_id_of(f) in wanted]
        for file in files:
            deck = read_deck_cached(file, cache_dir() / "decks").deck
            if deck is not None and deck.id in wanted:
                for card in deck.cards:
                    prompts.setdefault((deck.id, card.id), kind_of(card).label(card))
    except (NatobriefError, OSError):
        pass  # prompts are a help for reading the report, not needed for its figures
    return prompts
