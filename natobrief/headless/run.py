"""Running one headless session: ask every question, print each event, save each answer."""

from __future__ import annotations

import io
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from natobrief.deck.library import load_decks
from natobrief.errors import ExitCode, UsageError
from natobrief.files import FileWriteError, os_error_message
from natobrief.headless.options import HeadlessOptions
from natobrief.headless.report import check_report_path, write_report
from natobrief.headless.writers import JsonLinesWriter, PlainWriter, Writer
from natobrief.scheduler import Scheduler
from natobrief.session import Session
from natobrief.session_types import Limits, Result, real_clock
from natobrief.settings import Settings
from natobrief.store import open_store
from natobrief.text import strip_control

if TYPE_CHECKING:
    from natobrief.headless.answers import AnswerBook


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
        from natobrief.headless.answers import (
            read_answers,  # deferred: brings the YAML reader (~30 ms)
        )

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
            keep_apart=settings.keep_apart,
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
    return ExitCode.CHECK_FAILED if passed is False else ExitCode.OK


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
            answer = book.lookup(
                question.deck.id, question.card.id, question.deck.former_ids(question.card.id)
            )
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
