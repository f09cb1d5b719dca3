"""A class report from many students' exam reports: scores, and how well each question works.

An instructor collects the JSON report of every student's exam (written by
``natobrief exam --headless --report FILE`` or saved with ``w`` on the results
screen; see ``natobrief.headless.report.write_report``) and gets the class's score
figures, a histogram, and a classic item analysis per card:

- facility: the share of the students who saw the card that got it right;
- discrimination ``D = p_upper - p_lower``: the facility among the top 27% of
  the class by score minus the facility among the bottom 27%. A good question
  is answered right more often by strong students (D > 0); a negative D usually
  means a wrong answer key or a misleading question;
- appeals: the answers students said were right ("I was right" on the
  results screen), with how many students appealed each, for the examiner to
  accept into the deck or not.

Reading files is in :mod:`natobrief.tools.class_report.files`; this module is
pure computation, so the figures can be checked against hand-worked numbers.
The Rich view is in :mod:`natobrief.tools.class_report.view`.
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from natobrief.text import counted

# The classic Kelley split: the top and bottom 27% of the class by total score.
GROUP_SHARE = 0.27
# Below this many students the upper and lower groups hold one student or none,
# and D says more about two people than about the question.
MIN_STUDENTS_FOR_DISCRIMINATION = 4
HISTOGRAM_BINS = 10  # 0-10, 10-20, ..., 90-100 percent; 100 falls in the last bin

FLAG_NEGATIVE = "negative-discrimination"
FLAG_ALL_RIGHT = "everyone-right"
FLAG_ALL_WRONG = "everyone-wrong"
FLAG_TEXT = {
    FLAG_NEGATIVE: "likely bad key or misleading question",
    FLAG_ALL_RIGHT: "everyone got it right",
    FLAG_ALL_WRONG: "everyone got it wrong",
}


@dataclass(frozen=True, slots=True)
class ItemAnswer:
    """One student's first answer to one card."""

    deck: str
    card: str
    correct: bool
    prompt: str | None = None  # None in reports written before prompts were recorded
    type: str | None = None
    appealed: str | None = None  # the answer the student appealed ("I was right"), if any


@dataclass(frozen=True, slots=True)
class StudentReport:
    """One usable report: who, their score in percent, and their answers by card."""

    student: str
    file: Path
    score: float
    answers: tuple[ItemAnswer, ...]


@dataclass(frozen=True, slots=True)
class ScoreStats:
    """The class's scores in percent (standard deviation over the class itself)."""

    mean: float
    median: float
    stdev: float
    minimum: float
    maximum: float


@dataclass(frozen=True, slots=True)
class GroupTally:
    """How many of a score group saw a card, and how many of those got it right."""

    seen: int = 0
    correct: int = 0

    @property
    def facility(self) -> float | None:
        """Share right among those who saw it; None when none did."""
        return self.correct / self.seen if self.seen else None


@dataclass(frozen=True, slots=True)
class ItemStats:
    """How one card (deck id + card id) worked across the class."""

    deck: str
    card: str
    prompt: str | None
    type: str | None
    seen: int
    correct: int
    upper: GroupTally
    lower: GroupTally
    discrimination: float | None  # None when it cannot be computed meaningfully
    appeals: tuple[tuple[str, int], ...] = ()  # appealed answers and how many students, most first

    @property
    def facility(self) -> float:
        """Share of the students who saw the card that got it right."""
        return self.correct / self.seen if self.seen else 0.0

    @property
    def flags(self) -> tuple[str, ...]:
        """What an instructor should look at: negative D, everyone right or wrong."""
        found: list[str] = []
        if self.discrimination is not None and self.discrimination < 0:
            found.append(FLAG_NEGATIVE)
        if self.seen and self.correct == self.seen:
            found.append(FLAG_ALL_RIGHT)
        if self.seen and self.correct == 0:
            found.append(FLAG_ALL_WRONG)
        return tuple(found)


@dataclass(frozen=True, slots=True)
class ClassReport:
    """Everything ``natobrief report`` shows."""

    students: tuple[StudentReport, ...]  # best score first
    scores: ScoreStats
    histogram: tuple[int, ...]  # students per 10-point bin, 0-10 first
    group_size: int | None  # students in each of the upper and lower groups
    discrimination_note: str | None  # why D is not given, when it is not
    items: tuple[ItemStats, ...]


def group_size(students: int) -> int | None:
    """Students in each of the upper and lower 27% groups (None below the minimum class)."""
    if students < MIN_STUDENTS_FOR_DISCRIMINATION:
        return None
    return max(1, math.floor(GROUP_SHARE * students + 0.5))


def score_stats(scores: list[float]) -> ScoreStats:
    """Mean, median, population standard deviation, min and max of the scores."""
    return ScoreStats(
        mean=statistics.fmean(scores),
        median=statistics.median(scores),
        stdev=statistics.pstdev(scores),
        minimum=min(scores),
        maximum=max(scores),
    )


def histogram(scores: list[float]) -> tuple[int, ...]:
    """Students per bin of 10 percentage points; a score of 100 counts in the last bin."""
    counts = [0] * HISTOGRAM_BINS
    for score in scores:
        counts[min(int(score // 10), HISTOGRAM_BINS - 1)] += 1
    return tuple(counts)


def analyse(reports: list[StudentReport]) -> ClassReport:
    """The class report for one or more students' reports.

    Students are ranked by score, best first; ties at the edge of a group are
    broken by student name so that the same files always give the same report.
    """
    if not reports:
        raise ValueError("a class report needs at least one student's report")
    ranked = sorted(reports, key=lambda r: (-r.score, r.student))
    size = group_size(len(ranked))
    upper = range(size) if size else range(0)
    lower = range(len(ranked) - size, len(ranked)) if size else range(0)
    note = (
        None
        if size
        else (
            "Discrimination cannot be computed meaningfully with fewer than "
            f"{MIN_STUDENTS_FOR_DISCRIMINATION} students ({counted(len(ranked), 'student')} "
            "here): "
            "the upper and lower 27% groups would be one student or none."
        )
    )
    items = _item_stats(ranked, upper, lower, computed=size is not None)
    scores = [r.score for r in ranked]
    return ClassReport(
        students=tuple(ranked),
        scores=score_stats(scores),
        histogram=histogram(scores),
        group_size=size,
        discrimination_note=note,
        items=items,
    )


def _item_stats(
    ranked: list[StudentReport], upper: range, lower: range, computed: bool
) -> tuple[ItemStats, ...]:
    """Per card: how many saw it, how many were right, overall and in each group.

    ``upper`` and ``lower`` are positions in ``ranked`` (best first).
    """
    tallies: dict[tuple[str, str], dict[str, list[int]]] = {}
    described: dict[tuple[str, str], tuple[str | None, str | None]] = {}
    appealed: dict[tuple[str, str], Counter[str]] = {}
    for position, report in enumerate(ranked):
        for answer in report.answers:
            key = (answer.deck, answer.card)
            if answer.appealed is not None:
                appealed.setdefault(key, Counter())[answer.appealed] += 1
            tally = tallies.setdefault(key, {"all": [0, 0], "upper": [0, 0], "lower": [0, 0]})
            groups = ["all"]
            groups += ["upper"] if position in upper else []
            groups += ["lower"] if position in lower else []
            for group in groups:
                tally[group][0] += 1
                tally[group][1] += int(answer.correct)
            prompt, card_type = described.get(key, (None, None))
            described[key] = (prompt or answer.prompt, card_type or answer.type)
    items: list[ItemStats] = []
    for key in sorted(tallies):
        tally = tallies[key]
        high = GroupTally(*tally["upper"])
        low = GroupTally(*tally["lower"])
        p_high, p_low = high.facility, low.facility
        discrimination = (
            p_high - p_low if computed and p_high is not None and p_low is not None else None
        )
        items.append(
            ItemStats(
                deck=key[0],
                card=key[1],
                prompt=described[key][0],
                type=described[key][1],
                seen=tally["all"][0],
                correct=tally["all"][1],
                upper=high,
                lower=low,
                discrimination=discrimination,
                appeals=tuple(
                    sorted(appealed.get(key, Counter()).items(), key=lambda a: (-a[1], a[0]))
                ),
            )
        )
    return tuple(items)


def _rounded(value: float | None, places: int) -> float | None:
    return None if value is None else round(value, places)


def class_report_json(report: ClassReport, skipped: list[tuple[Path, str]]) -> dict[str, object]:
    """The report as a JSON-ready mapping; the keys are documented in docs/class-report.md."""
    stats = report.scores
    return {
        "natobrief_class_report": 1,
        "students": len(report.students),
        "scores": {
            "mean": round(stats.mean, 2),
            "median": round(stats.median, 2),
            "stdev": round(stats.stdev, 2),
            "min": stats.minimum,
            "max": stats.maximum,
        },
        "histogram": [
            {"from": 10 * i, "to": 10 * (i + 1), "count": count}
            for i, count in enumerate(report.histogram)
        ],
        "discrimination": {
            "computed": report.group_size is not None,
            "group_size": report.group_size,
            "note": report.discrimination_note,
        },
        "items": [
            {
                "deck": item.deck,
                "card": item.card,
                "prompt": item.prompt,
                "type": item.type,
                "seen": item.seen,
                "correct": item.correct,
                "facility": round(item.facility, 4),
                "upper": {"seen": item.upper.seen, "correct": item.upper.correct},
                "lower": {"seen": item.lower.seen, "correct": item.lower.correct},
                "discrimination": _rounded(item.discrimination, 4),
                "flags": list(item.flags),
                "appeals": [{"answer": answer, "students": n} for answer, n in item.appeals],
            }
            for item in report.items
        ],
        "roster": [
            {
                "student": r.student,
                "file": str(r.file),
                "score": r.score,
                "answered": len(r.answers),
            }
            for r in report.students
        ],
        "skipped": [{"file": str(path), "problem": problem} for path, problem in skipped],
    }
