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
from typing import TYPE_CHECKING, Protocol, TextIO

from natobrief.deck.discover import resolve_decks
from natobrief.deck.model import GAP, ChoiceCard, ClozeCard, Deck, MatchCard, OrderCard
from natobrief.deck.passage import passage_for
from natobrief.errors import DeckError, DeckProblem, UsageError
from natobrief.files import FileWriteError, os_error_message, write_atomically
from natobrief.scheduler import Scheduler
from natobrief.session import Limits, Mode, Question, Result, Session, Summary, real_clock
from natobrief.settings import Settings
from natobrief.store import open_store
from natobrief.text import strip_control

if TYPE_CHECKING:
    from natobrief.answers import AnswerBook

EXIT_OK, EXIT_BELOW_PASS_MARK, EXIT_USAGE = 0, 1, 2
LETTERS = "abcdefgh"


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


def load_decks(names: tuple[str, ...]) -> list[Deck]:
    """Load the named decks (all installed ones by default); DeckError lists every problem."""
    from natobrief.deck.cache import read_deck_cached
    from natobrief.paths import cache_dir

    cache_folder = cache_dir() / "decks"
    decks: list[Deck] = []
    problems: list[DeckProblem] = []
    for file in resolve_decks(names):
        result = read_deck_cached(file, cache_folder)
        problems.extend(result.errors)
        if result.deck is not None:
            decks.append(result.deck)
    if problems:
        raise DeckError(problems)
    if not decks:
        raise UsageError("no decks to study: name a deck file or folder")
    return decks


def question_fields(question: Question) -> dict[str, object]:
    """The question as the JSON-lines ``question`` event shows it."""
    card = question.card
    event: dict[str, object] = {
        "event": "question",
        "n": question.n,
        "deck": question.deck.id,
        "card": card.id,
        "type": card.type,
        "prompt": card.prompt,
    }
    layout = question.layout
    if isinstance(card, ChoiceCard):
        event["options"] = [
            f"{LETTERS[i]}) {card.options[k]}" for i, k in enumerate(layout.options)
        ]
    elif isinstance(card, OrderCard):
        event["items"] = [f"{LETTERS[i]}) {card.items[k]}" for i, k in enumerate(layout.items)]
    elif isinstance(card, MatchCard):
        event["left"] = [f"{LETTERS[i]}) {card.pairs[k][0]}" for i, k in enumerate(layout.left)]
        event["right"] = [f"{i + 1}) {card.pairs[k][1]}" for i, k in enumerate(layout.right)]
    elif isinstance(card, ClozeCard):
        event["text"] = cloze_with_numbers(card)
    return event


def cloze_with_numbers(card: ClozeCard) -> str:
    """The cloze text with its gaps shown as [1], [2], ..."""
    counter = iter(range(1, len(card.gaps) + 1))
    return GAP.sub(lambda _match: f"[{next(counter)}]", card.text)


def result_fields(result: Result) -> dict[str, object]:
    """The result as the JSON-lines ``result`` event shows it."""
    question = result.question
    passage = passage_for(question.deck, question.card)
    verdict = result.verdict
    return {
        "event": "result",
        "n": question.n,
        "deck": question.deck.id,
        "card": question.card.id,
        "given": verdict.given,
        "correct": verdict.correct,
        "typo": verdict.typo,
        "expected": verdict.expected,
        "reason": verdict.reason,
        "rating": result.rating.label if result.rating else None,
        "due": result.due.isoformat() if result.due else None,
        "source": {
            "doc": passage.doc,
            "title": passage.title,
            "date": passage.date,
            "quote": passage.quote,
            "passage": passage.text,
        },
    }


def summary_fields(summary: Summary) -> dict[str, object]:
    """The session's figures as the JSON-lines ``summary`` event shows them."""
    return {
        "event": "summary",
        "mode": summary.mode,
        "asked": summary.asked,
        "answered": summary.answered,
        "correct": summary.correct,
        "score": summary.score,
        "by_tag": {
            tag: {"asked": score.asked, "correct": score.correct}
            for tag, score in summary.by_tag.items()
        },
    }


class Writer(Protocol):
    """Where the session's events go."""

    def start(self, options: HeadlessOptions, interactive: bool) -> None: ...
    def question(self, question: Question) -> None: ...
    def result(self, result: Result) -> None: ...
    def skipped(self, question: Question) -> None: ...
    def summary(self, summary: Summary, passed: bool | None) -> None: ...


class JsonLinesWriter:
    """One JSON object per line."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def _emit(self, event: dict[str, object]) -> None:
        self.out.write(json.dumps(event, ensure_ascii=False) + "\n")
        self.out.flush()

    def start(self, options: HeadlessOptions, interactive: bool) -> None:
        """Nothing: JSON lines begin with the first question."""

    def question(self, question: Question) -> None:
        self._emit(question_fields(question))

    def result(self, result: Result) -> None:
        self._emit(result_fields(result))

    def skipped(self, question: Question) -> None:
        self._emit(
            {
                "event": "skipped",
                "n": question.n,
                "deck": question.deck.id,
                "card": question.card.id,
                "reason": "no answer in the answers file",
            }
        )

    def summary(self, summary: Summary, passed: bool | None) -> None:
        event = summary_fields(summary)
        if passed is not None:
            event["passed"] = passed
        self._emit(event)


class PlainWriter:
    """Plain sentences that read well aloud and in a pipe: no symbols, no colours."""

    def __init__(self, out: TextIO) -> None:
        self.out = out
        self.exam = False

    def _line(self, text: str = "") -> None:
        self.out.write(text + "\n")
        self.out.flush()

    def start(self, options: HeadlessOptions, interactive: bool) -> None:
        self.exam = options.mode == "exam"
        if self.exam and not interactive:
            self._line("Exam. Results follow the last question.")
            self._line()
        if interactive:
            what = "Exam" if options.mode == "exam" else "Study session"
            self._line(f"{what}. Type each answer and press Enter; an empty line ends the session.")
            self._line()

    def question(self, question: Question) -> None:
        event = question_fields(question)
        self._line(
            f"Question {question.n}. {_TYPE_NAMES[question.card.type]}. Deck {question.deck.id}."
        )
        self._line(question.card.prompt)
        if "text" in event:
            self._line(str(event["text"]))
        for key, label in (
            ("options", "Options"),
            ("items", "Items"),
            ("left", "Left"),
            ("right", "Right"),
        ):
            values = event.get(key)
            if isinstance(values, list):
                self._line(f"{label}:")
                for value in values:
                    self._line(f"  {value}")
        self._line(_HOW_TO_ANSWER[question.card.type])
        if self.exam:
            self._line()  # in a study session the result follows, then a blank line

    def result(self, result: Result) -> None:
        fields = result_fields(result)
        verdict = result.verdict
        if self.exam:  # results come after all the questions: say which one this is
            self._line(f"Result for question {result.question.n}: {result.question.card.prompt}")
        self._line(f"You answered: {verdict.given or '(nothing)'}")
        self._line(verdict.reason)
        if (not verdict.correct or verdict.typo) and verdict.expected not in verdict.reason:
            self._line(f"Expected: {verdict.expected}")
        if result.question.card.note:
            self._line(f"Note: {result.question.card.note}")
        if result.due is not None and result.rating is not None:
            self._line(
                f"Next review: {result.due.strftime('%Y-%m-%d %H:%M')} UTC "
                f"(rated {result.rating.label})."
            )
        source = fields["source"]
        assert isinstance(source, dict)
        date = f", {source['date']}" if source["date"] else ""
        self._line(f"Source: {source['title']}{date}.")
        self._line(f"Quote: {source['quote']}")
        self._line(f"Passage: {source['passage']}")
        self._line()

    def skipped(self, question: Question) -> None:
        self._line(
            f"Skipped: no answer for {question.deck.id}/{question.card.id} in the answers file."
        )
        self._line()

    def summary(self, summary: Summary, passed: bool | None) -> None:
        what = "Exam" if summary.mode == "exam" else "Study session"
        self._line(
            f"{what} over. Asked {summary.asked}, answered {summary.answered}, "
            f"correct {summary.correct}, score {summary.score} percent."
        )
        for tag, score in summary.by_tag.items():
            self._line(f"  {tag}: {score.correct} of {score.asked} correct")
        if passed is not None:
            self._line("Passed." if passed else "Below the pass mark.")


_TYPE_NAMES = {
    "short": "Short answer",
    "choice": "Multiple choice",
    "truefalse": "True or false",
    "cloze": "Fill in the gaps",
    "number": "Number",
    "order": "Put in order",
    "match": "Match the pairs",
}
_HOW_TO_ANSWER = {
    "short": "Answer in a few words.",
    "choice": "Answer with a letter.",
    "truefalse": "Answer true or false.",
    "cloze": "Answer each gap in order, separated by semicolons.",
    "number": "Answer with a number.",
    "order": "Answer with the letters in the right order, for example c a b.",
    "match": "Answer with letter-number pairs, for example a2 b1 c3.",
}


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
    tolerate_encoding_errors(stdin, stdout)
    decks = load_decks(options.decks)
    book: AnswerBook | None = None
    if options.answers:
        from natobrief.answers import read_answers  # deferred: brings the YAML reader (~30 ms)

        book = read_answers(options.answers)
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
                session.skip()
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
        "summary": {k: v for k, v in summary_fields(summary).items() if k != "event"},
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
