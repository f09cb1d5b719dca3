"""What the headless face prints: each event as plain text or as one JSON object a line.

The events' fields are in events.py (the contract of docs/headless.md). No
Textual, no Rich: this is the screen-reader and pipe path.
"""

from __future__ import annotations

from typing import Protocol, TextIO

from natobrief.cardtypes.registry import kind_of
from natobrief.grading.verdict import answer_line
from natobrief.headless.events import question_fields, result_fields, summary_fields
from natobrief.headless.options import HeadlessOptions
from natobrief.session_types import Question, Result, Summary
from natobrief.text import json_text


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
        self.out.write(json_text(event) + "\n")
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
        kind = kind_of(question.card)
        self._line(f"Question {question.n}. {kind.title}. Deck {question.deck.id}.")
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
        self._line(kind.instruction)
        if self.exam:
            self._line()  # in a study session the result follows, then a blank line

    def result(self, result: Result) -> None:
        fields = result_fields(result)
        verdict = result.verdict
        if self.exam:  # results come after all the questions: say which one this is
            self._line(f"Result for question {result.question.n}: {result.question.card.prompt}")
        self._line(f"You answered: {verdict.given or '(nothing)'}")
        self._line(verdict.reason)
        expected = answer_line(result.question.card, verdict)
        if (not verdict.correct or verdict.typo) and expected is not None:
            self._line(f"Expected: {expected}")
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
        place = f", {source['place']}" if source.get("place") else ""
        self._line(f"Source: {source['title']}{date}{place}.")
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
        if summary.mode == "study" and not summary.asked:
            why = summary.why_nothing_due("with --new or in the settings")
            self._line(f"Study session over. Nothing was due: {why}")
            return
        unanswered = f", not answered {summary.unanswered}" if summary.unanswered else ""
        self._line(
            f"{what} over. Asked {summary.asked}, answered {summary.answered}, "
            f"correct {summary.correct}{unanswered}, score {summary.score} percent."
        )
        for tag, score in summary.by_tag.items():
            self._line(f"  {tag}: {score.correct} of {score.asked} correct")
        if passed is not None:
            self._line("Passed." if passed else "Below the pass mark.")
