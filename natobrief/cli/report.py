"""``natobrief report``: a class report from the students' exam reports."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import click

from natobrief.cli.group import cli, console
from natobrief.errors import ExitCode, UsageError
from natobrief.text import json_text


@cli.command()
@click.argument("reports", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--json", "as_json", is_flag=True, help="Print the class report as JSON (docs/class-report.md)."
)
def report(reports: tuple[Path, ...], as_json: bool) -> None:
    """A class report from exam reports: REPORTS are report files or folders of *.json.

    Each student's report is the JSON written by 'natobrief exam --headless
    --report FILE' or saved with w on the exam results screen. Students are
    named by the report's 'student' field, else by the file name.

    Shows the number of students; mean, median, standard deviation, lowest and
    highest score; a histogram of scores; and per card: the question, how many
    saw it, the share who got it right, and the discrimination D (share right
    among the top 27% by score minus among the bottom 27%; needs at least 4
    students). Cards with a negative D are flagged: likely a bad key or a
    misleading question.

    A file that is not a usable report, a study session's report, or a report
    handed in twice (same content, or same session) is skipped with a warning
    on standard error. Exit status: 0 done, 2 bad usage or no usable report.
    """
    from natobrief.tools.class_report.files import installed_prompts, load_reports
    from natobrief.tools.class_report.report import analyse, class_report_json

    loaded = load_reports(reports)
    for path, problem in loaded.skipped:
        click.echo(f"natobrief: skipped {path}: {problem}", err=True)
    if not loaded.reports:
        raise UsageError(
            "no usable exam report among the files given; name the JSON files written by "
            "'natobrief exam --report FILE' (or saved with w on the results screen)"
        )
    result = analyse(loaded.reports)
    missing = {item.deck for item in result.items if item.prompt is None}
    if missing:  # reports written before they carried prompts: look them up in the decks
        prompts = installed_prompts(missing)
        result = replace(
            result,
            items=tuple(
                replace(item, prompt=item.prompt or prompts.get((item.deck, item.card)))
                for item in result.items
            ),
        )
    if as_json:
        click.echo(json_text(class_report_json(result, loaded.skipped), indent=2))
    else:
        # Deferred with Rich itself: the view imports Rich tables only when a person reads it.
        from natobrief.tools.class_report.view import print_class_report

        print_class_report(result, console(), skipped=len(loaded.skipped))
    sys.exit(ExitCode.OK)
