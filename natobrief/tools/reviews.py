"""``natobrief export --to reviews``: the review log as the CSV an FSRS optimizer reads.

The layout is the open-spaced-repetition "review logs" schema, one row per
review: ``card_id`` (an integer), ``review_time`` (milliseconds since the epoch,
UTC), ``review_rating`` (1 again .. 4 easy), ``review_state`` (the card's stage
*before* the review: 0 new, 1 learning, 2 review, 3 relearning) and
``review_duration`` (milliseconds, empty when unknown). With it a learner can fit
FSRS parameters to their own memory (``python -m fsrs_optimizer FILE.csv``).

Only reviews that moved a schedule are written: exam answers, undone reviews,
buries and suspensions are not reviews in this sense.
"""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

from natobrief.errors import UsageError
from natobrief.files import write_atomically
from natobrief.scheduler import MemoryState, fsrs_card_id
from natobrief.store import ReviewRecord, open_store
from natobrief.store.rows import is_memory
from natobrief.text import counted
from natobrief.tools.exports import ExportDone, ExportRequest

COLUMNS = ["card_id", "review_time", "review_rating", "review_state", "review_duration"]
NEW_STATE = 0  # fsrs-optimizer's code for a card never reviewed before


def review_time_ms(reviewed_at: str) -> int:
    """An ISO 8601 log time as milliseconds since the epoch (a time without a zone is UTC)."""
    moment = datetime.fromisoformat(reviewed_at)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return round(moment.timestamp() * 1000)


def review_row(record: ReviewRecord) -> dict[str, int | str]:
    """One review as a row of the optimizer's CSV."""
    before = record.state_before
    state = int(MemoryState.from_json(before).stage) if before and is_memory(before) else NEW_STATE
    duration = "" if record.response_ms is None else max(0, record.response_ms)
    return {
        "card_id": fsrs_card_id(record.deck_id, record.card_id),
        "review_time": review_time_ms(record.reviewed_at),
        "review_rating": int(record.rating or 0),
        "review_state": state,
        "review_duration": duration,
    }


def export_reviews(request: ExportRequest) -> ExportDone:
    """Write the scheduled reviews of the request's decks from its progress database."""
    if not request.db_path.exists():
        raise UsageError(
            f"there is no progress database at {request.db_path}: study first "
            "('natobrief study'), or name the database with --db"
        )
    store = open_store(request.db_path, read_only=True)
    try:
        records = store.scheduled_reviews(deck.id for deck in request.decks)
    finally:
        store.close()
    rows = [review_row(record) for record in records]
    text = io.StringIO()
    writer = csv.DictWriter(text, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    write_atomically(request.output, text.getvalue())  # a full disk leaves no half-written file
    cards = len({row["card_id"] for row in rows})
    notes = [
        f"{counted(cards, 'card')} from {request.db_path}; card_id is "
        "the integer natobrief gives each card in fsrs (a hash of deck id and card id), "
        "review_time is UTC milliseconds.",
        f"Fit FSRS parameters with: python -m fsrs_optimizer {request.output}",
    ]
    if not rows:
        notes = ["No reviews in these decks yet: study first, then export again."]
    return ExportDone(len(rows), "review", notes)
