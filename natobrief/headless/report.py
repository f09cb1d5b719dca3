"""The ``--report`` document: a session's summary and every result as one JSON file.

Read by ``natobrief report`` (natobrief.tools.class_report.report); written by both
faces (the app's exam results save it too).
"""

from __future__ import annotations

from pathlib import Path

from natobrief.cardtypes.registry import kind_of
from natobrief.errors import UsageError
from natobrief.files import can_create_in, is_standard_output, write_atomically
from natobrief.headless.events import result_fields, summary_fields
from natobrief.session import Session
from natobrief.session_types import Summary
from natobrief.text import json_text


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
                "label": kind_of(r.question.card).label(r.question.card),
            }
            for r in session.results
        ],
    }
    unanswered = session.unanswered()
    if unanswered:  # an exam's questions without an answer: each counted wrong in the score
        document["unanswered"] = [
            {"deck": deck.id, "card": card.id, "type": card.type, "prompt": card.prompt}
            | {"label": kind_of(card).label(card), "tags": list(card.tags)}
            for deck, card in unanswered
        ]
    if session.appeals:  # answers the learner counted right ("I was right")
        document["appeals"] = [
            {"deck": appeal.deck_id, "card": appeal.card_id, "answer": appeal.answer}
            for appeal in session.appeals
        ]
    if passed is not None:
        document["passed"] = passed
    write_atomically(path, json_text(document, indent=2) + "\n")
