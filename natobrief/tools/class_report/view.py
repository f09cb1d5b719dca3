"""The class report as Rich tables for a terminal (``natobrief report`` without ``--json``).

Everything taken from report files (student names, deck and card ids, prompts)
is deck or file data, so it goes into rich.text.Text and never into markup.
Rich is imported inside the function: this module is imported by the command
only when a human-readable view is asked for.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from natobrief.text import counted
from natobrief.tools.class_report.report import FLAG_NEGATIVE, FLAG_TEXT, ClassReport, ItemStats

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

BAR_WIDTH = 30
BLOCK = "█"


def histogram_lines(counts: tuple[int, ...], width: int = BAR_WIDTH) -> list[str]:
    """One line per 10-point bin: its range, a bar of block characters, the count.

    The longest bar is ``width`` blocks; any bin with a student gets at least one.
    """
    tallest = max(counts, default=0)
    lines: list[str] = []
    for index, count in enumerate(counts):
        low, high = 10 * index, 10 * (index + 1)
        label = f"{low}-{high}%"
        bar = BLOCK * max(1, round(width * count / tallest)) if count else ""
        lines.append(f"{label:>8} │{bar:<{width}} {count}")
    return lines


def _percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def _d(value: float | None) -> str:
    return "-" if value is None else f"{value:+.2f}"


def print_class_report(report: ClassReport, console: Console, skipped: int = 0) -> None:
    """Scores, histogram, a table of every card, and the cards that need a look.

    ``skipped`` is how many files were left out (each was already named on
    standard error); the heading repeats the count so that it is not missed.
    """
    from rich.table import Table
    from rich.text import Text

    stats = report.scores
    count = len(report.students)
    heading = f"Class report: {count} student{'s' if count != 1 else ''}"
    if skipped:
        heading += f" ({skipped} file{'s' if skipped != 1 else ''} skipped, see the warnings)"
    console.print(Text(heading, style="bold"))
    console.print(
        Text(
            f"Scores (percent): mean {stats.mean:.1f}, median {stats.median:.1f}, "
            f"standard deviation {stats.stdev:.1f},\n"
            f"lowest {stats.minimum:.1f}, highest {stats.maximum:.1f}"
        )
    )
    console.print()
    console.print(Text("Score histogram (students per 10 points; 100% is in the last bin)"))
    for bar in histogram_lines(report.histogram):
        console.print(Text(bar))
    console.print()

    roster = Table(title=Text("Students, best first"), title_justify="left")
    roster.add_column("Student")
    roster.add_column("Score", justify="right")
    roster.add_column("Answered", justify="right")
    for student in report.students:
        roster.add_row(Text(student.student), f"{student.score:.1f}%", str(len(student.answers)))
    console.print(roster)
    console.print()

    if report.group_size is None:
        heading = "Questions (Right = share of those who saw it who got it right)"
    else:
        heading = (
            "Questions (Right = share of those who saw it who got it right; "
            f"D = Right among the top {report.group_size} by score minus Right among "
            f"the bottom {report.group_size}, from -1 to +1)"
        )
    table = Table(title=Text(heading), title_justify="left", expand=True)
    decks = {item.deck for item in report.items}
    if len(decks) == 1:  # one deck: name it once and keep the card column narrow
        console.print(Text(f"Deck: {next(iter(decks))}"))
    names = [item.card if len(decks) == 1 else f"{item.deck}/{item.card}" for item in report.items]
    widest = min(24, max((len(name) for name in names), default=4))
    # Ids up to 24 characters stay whole (a folded id cannot be searched for).
    table.add_column("Card", overflow="fold", min_width=widest, max_width=24)
    table.add_column("Question", ratio=3)
    table.add_column("Seen", justify="right")
    table.add_column("Right", justify="right")
    table.add_column("D", justify="right")
    table.add_column("Note", ratio=2)
    for name, item in zip(names, report.items, strict=True):
        prompt = (
            Text(item.prompt)
            if item.prompt
            else Text("(question text not in the report)", style="dim")
        )
        flagged = FLAG_NEGATIVE in item.flags
        table.add_row(
            Text(name),
            prompt,
            str(item.seen),
            _percent(item.facility),
            Text(_d(item.discrimination), style="bold red" if flagged else ""),
            Text("; ".join(FLAG_TEXT[flag] for flag in item.flags)),
        )
    console.print(table)
    if report.discrimination_note:
        console.print(Text(report.discrimination_note, style="yellow"))

    negative = [item for item in report.items if FLAG_NEGATIVE in item.flags]
    if negative:
        console.print()
        console.print(
            Text(
                "Check these: weaker students did better on them than stronger ones "
                "(likely bad key or misleading question).",
                style="bold red",
            )
        )
        for item in negative:
            console.print(_card_line(item, f" (D {_d(item.discrimination)})"))

    appealed = [item for item in report.items if item.appeals]
    if appealed:
        console.print()
        console.print(
            Text(
                "Appealed answers (students said these were right; accept them in the "
                "deck with accept: or aliases:, or leave them wrong):",
                style="bold",
            )
        )
        for item in appealed:
            console.print(_card_line(item))
            for answer, students in item.appeals:
                console.print(Text(f"    '{answer}'  appealed by {counted(students, 'student')}"))


def _card_line(item: ItemStats, after_id: str = "") -> Text:
    """ "  deck/card<after_id>: prompt", as the lists under the table show a card."""
    from rich.text import Text

    line = Text(f"  {item.deck}/{item.card}{after_id}")
    if item.prompt:
        line.append(": ").append(item.prompt)
    return line
