"""The headless events as data: each question, result and summary as its fields.

The field names and layouts are the contract of docs/headless.md (fields may be
added, never removed or renamed), shared by both writers and by the
``--report`` document.
"""

from __future__ import annotations

from natobrief.cardtypes.registry import kind_of
from natobrief.deck.passage import passage_for
from natobrief.session_types import Question, Result, Summary


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
    event.update(kind_of(card).question_fields(card, question.layout))
    return event


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
        "accepted_by": verdict.accepted_by or None,
        "rating": result.rating.label if result.rating else None,
        "due": result.due.isoformat() if result.due else None,
        "source": {
            "doc": passage.doc,
            "title": passage.title,
            "date": passage.date,
            "quote": passage.quote,
            "passage": passage.text,
            "place": passage.place or None,  # "p. 4" or "History › Early years"; None: plain text
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
        "unanswered": summary.unanswered,
        "by_tag": {
            tag: {"asked": score.asked, "correct": score.correct}
            for tag, score in summary.by_tag.items()
        },
    }
