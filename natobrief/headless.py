"""The headless face: study and exam sessions as plain text or JSON lines.

For scripts, CI of decks, instructors grading a class, screen readers and
pipes. It drives natobrief.session like the TUI does and imports neither
Textual nor Rich. The contract is docs/headless.md: output fields may be added,
never removed or renamed; the same seed, decks, database and clock give
byte-identical output.
"""

from __future__ import annotations

import io
import json
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from natobrief.deck.library import load_decks
from natobrief.errors import UsageError
from natobrief.files import (
    FileWriteError,
    can_create_in,
    is_standard_output,
    os_error_message,
    write_atomically,
)
from natobrief.headless_output import (
    JsonLinesWriter,
    PlainWriter,
    Writer,
    result_fields,
    summary_fields,
)
from natobrief.scheduler import Scheduler
from natobrief.session import Limits, Mode, Result, Session, Summary, real_clock
from natobrief.settings import Settings
from natobrief.store import open_store
from natobrief.text import strip_control

if TYPE_CHECKING:
    from natobrief.answers import AnswerBook

EXIT_OK, EXIT_BELOW_PASS_MARK, EXIT_USAGE = 0, 1, 2


@dataclass(frozen=True, slots=True)
class HeadlessOptions:
    """Everything a headless session is told on the command line."""

    mode: Mode
    decks: tuple[str, ...] = ()
    jsonl: bool = False
    answers: Path | None = None
    seed: int | None = None
    now: datetime | None = None
    db: Path | None = None
    count: int | None = None
    new: int | None = None
    pass_mark: float | None = None
    schedule: bool = False
    report: Path | None = None


def run(
    options: HeadlessOptions,
    settings: Settings,
    db_path: Path,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
) -> int:
    """Run one headless session; returns the exit status."""
    if options.pass_mark is not None and options.mode != "exam":
        raise UsageError("--pass-mark applies to exams: use 'natobrief exam'")
    if options.report is not None:
        check_report_path(options.report)
    tolerate_encoding_errors(stdin, stdout)
    decks = load_decks(options.decks)
    book: AnswerBook | None = None
    if options.answers:
        from natobrief.answers import read_answers  # deferred: brings the YAML reader (~30 ms)

        book = read_answers(options.answers)
        book.warn_about_unknown_ids(decks)
    fixed_now = options.now
    clock: Callable[[], datetime] = (lambda: fixed_now) if fixed_now is not None else real_clock
    progress = open_store(db_path)
    try:
        session = Session(
            decks,
            progress,
            Scheduler(settings.desired_retention, seed=options.seed),
            mode=options.mode,
            clock=clock,
            seed=options.seed,
            limits=Limits(
                new_per_day=options.new if options.new is not None else settings.new_per_day,
                reviews_per_day=settings.reviews_per_day,
                count=options.count,
                day_starts_hour=settings.day_starts_hour,
            ),
            schedule_exam=options.schedule,
        )
        writer: Writer = JsonLinesWriter(stdout) if options.jsonl else PlainWriter(stdout)
        writer.start(options, interactive=book is None)
        results = _ask_all(session, writer, book, stdin)
        if options.mode == "exam":  # no feedback until the end
            for result in results:
                writer.result(result)
        summary = session.summary()
        passed = None if options.pass_mark is None else summary.score >= options.pass_mark
        writer.summary(summary, passed)
        if options.report is not None:
            try:
                write_report(options.report, session, summary, passed)
            except OSError as error:
                message = os_error_message(
                    error, options.report, "the report", "another file with --report"
                )
                raise FileWriteError(f"{message} (the answers themselves are saved)") from None
    finally:
        progress.close()
    return EXIT_BELOW_PASS_MARK if passed is False else EXIT_OK


def check_report_path(path: Path) -> None:
    """Refuse before the session a report that could not be written after it."""
    if is_standard_output(path):
        raise UsageError("--report needs a file: the session itself is written to standard output")
    folder = path.absolute().parent
    if not folder.is_dir():
        what = "is a file, not a folder" if folder.exists() else "does not exist"
        raise UsageError(
            f"--report {path}: cannot write the report there, {folder} {what}; "
            "choose another file with --report"
        )
    if path.is_dir():
        raise UsageError(f"--report {path} is a folder; give a file name, e.g. {path}/report.json")
    if not can_create_in(folder):  # tried for real: root passes permission checks
        raise UsageError(
            f"--report {path}: cannot write in {folder}; check its permissions or choose "
            "another file"
        )


def tolerate_encoding_errors(*streams: TextIO) -> None:
    """Undecodable input bytes become U+FFFD and characters the output cannot encode
    become '?', instead of a crash halfway through a session (e.g. a Latin-1 terminal).
    """
    for stream in streams:
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")


def _ask_all(
    session: Session, writer: Writer, book: AnswerBook | None, stdin: TextIO
) -> list[Result]:
    """Ask every question; each answer is committed before the next question is shown."""
    results: list[Result] = []
    while (question := session.next_question()) is not None:
        if book is not None:
            answer = book.lookup(question.deck.id, question.card.id)
            if answer is None:
                writer.skipped(question)
                session.skip()
                continue
            writer.question(question)
            result = session.answer(answer)
        else:
            writer.question(question)
            started = time.monotonic()
            line = stdin.readline()
            if not line.strip():  # EOF or an empty line ends the session; all so far is kept
                session.leave()
                break
            elapsed = int((time.monotonic() - started) * 1000)
            result = session.answer(strip_control(line.rstrip("\r\n")), response_ms=elapsed)
        results.append(result)
        if session.mode == "study":
            writer.result(result)
    return results


def write_report(path: Path, session: Session, summary: Summary, passed: bool | None) -> None:
    """The summary and every result as one JSON document (also read by 'natobrief report').

    Written atomically; raises OSError when it cannot be (the app and the CLI say so).
    """
    document: dict[str, object] = {
        "natobrief_report": 1,
        "mode": summary.mode,
        "session": session.session_id,
        "decks": [deck.id for deck in session.decks],
        "summary": {k: v for k, v in summary_fields(summary).items() if k != "event"}
        | ({} if passed is None else {"passed": passed}),
        "results": [
            {k: v for k, v in result_fields(r).items() if k != "event"}
            | {
                "tags": list(r.question.card.tags),
                "type": r.question.card.type,
                "prompt": r.question.card.prompt,
            }
            for r in session.results
        ],
    }
    unanswered = session.unanswered()
    if unanswered:  # an exam's questions without an answer: each counted wrong in the score
        document["unanswered"] = [
            {"deck": deck.id, "card": card.id, "type": card.type, "prompt": card.prompt}
            | {"tags": list(card.tags)}
            for deck, card in unanswered
        ]
    if passed is not None:
        document["passed"] = passed
    write_atomically(path, json.dumps(document, indent=2, ensure_ascii=False) + "\n")


def parse_now(text: str) -> datetime:
    """An ISO-8601 time for --now; a time without an offset is taken as UTC."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(
            f"--now '{text}' is not an ISO-8601 time; write e.g. 2026-11-22T09:00:00+00:00"
        ) from None
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
