"""The database work of a session start: light schedule rows, and an index for every query.

A session over 100,000 cards reads every card's schedule once; these tests pin
that the light read agrees with the full card states and that no query a
session makes scans a whole table (checked with EXPLAIN QUERY PLAN, never timed).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from natobrief.deck.loader import load_deck
from natobrief.scheduler import Rating, Scheduler
from natobrief.session import Session
from natobrief.store import open_store
from natobrief.store.progress import Progress
from natobrief.store.records import ReviewRecord
from tests.answers import canonical_answer, wrong_answer
from tests.conftest import DATA

T0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def _reviewed(progress: Progress, card: str, rating: Rating) -> None:
    scheduler = Scheduler(fuzz=False)
    after = scheduler.review(scheduler.new_state("d", card, T0), rating, T0)
    progress.record(
        ReviewRecord(
            "review", "d", card, T0.isoformat(), answer="x", rating=int(rating),
            state_after=after.data,
        )
    )  # fmt: skip


def test_card_schedules_agree_with_card_states(tmp_path: Path) -> None:
    progress = open_store(tmp_path / "p.db")
    _reviewed(progress, "good", Rating.GOOD)
    _reviewed(progress, "again", Rating.AGAIN)
    progress.record(
        ReviewRecord("bury", "d", "buried", T0.isoformat(), until="2026-01-02T04:00:00+00:00")
    )
    progress.record(ReviewRecord("suspend", "d", "good", T0.isoformat()))
    states = progress.card_states(["d"])
    schedules = progress.card_schedules(["d"])
    assert schedules.keys() == states.keys()
    for moment in (T0, T0 + timedelta(days=1), T0 + timedelta(days=30)):
        for key, state in states.items():
            assert schedules[key].due_at() == state.due_at()
            assert schedules[key].available(moment) == state.available(moment)
    assert progress.card_schedules([]) == {}
    progress.close()


def test_every_query_of_a_session_uses_an_index(tmp_path: Path) -> None:
    progress = open_store(tmp_path / "p.db")
    since = T0.isoformat()
    queries = [
        ("SELECT deck_id, card_id, due, buried_until, suspended FROM card_state "
         "WHERE deck_id IN (?)", ("d",)),
        ("SELECT COUNT(*) FROM review_log WHERE reviewed_at >= ? AND kind = 'review' "
         "AND undone = 0 AND rating IS NOT NULL AND state_before IS NULL", (since,)),
        ("SELECT COUNT(*) FROM review_log WHERE reviewed_at >= ? AND kind = 'review' "
         "AND undone = 0 AND rating IS NOT NULL AND state_before IS NOT NULL", (since,)),
        ("SELECT memory FROM card_state WHERE deck_id = ? AND card_id = ?", ("d", "c")),
        ("SELECT deck_id, card_id FROM review_log WHERE id = ?", (1,)),
        ("SELECT id FROM review_log WHERE deck_id = ? AND card_id = ? ORDER BY id", ("d", "c")),
    ]  # fmt: skip
    for sql, args in queries:
        plan = progress.connection.execute(f"EXPLAIN QUERY PLAN {sql}", args).fetchall()
        details = [row[3] for row in plan]
        assert not any(detail.startswith("SCAN") for detail in details), (sql, details)
    progress.close()


def _first_seen_count(progress: Progress, since: datetime) -> int:
    row = progress.connection.execute(
        "SELECT COUNT(*) FROM card_state WHERE first_seen >= ?", (since.isoformat(),)
    ).fetchone()
    return int(row[0])


def test_new_cards_since_counts_what_card_states_record_as_first_seen(tmp_path: Path) -> None:
    deck = load_deck(DATA / "good" / "deck.yaml")
    progress = open_store(tmp_path / "p.db")
    clock = [T0]

    def study(**options: object) -> Session:
        return Session(
            [deck], progress, Scheduler(seed=1), clock=lambda: clock[0], seed=1, **options
        )  # type: ignore[arg-type]

    day_one = study()
    for index in range(5):  # right and wrong answers, a re-rating, an undo, a bury
        question = day_one.next_question()
        assert question is not None
        day_one.answer(
            canonical_answer(question.card) if index % 2 else wrong_answer(question.card)
        )
        if index == 1:
            day_one.override(Rating.EASY)
        if index == 3:
            day_one.undo()
            day_one.skip()
    day_one.bury()
    exam = study(mode="exam")  # an exam that leaves the schedule alone is not a first review
    question = exam.next_question()
    assert question is not None
    exam.answer(canonical_answer(question.card))
    clock[0] = T0 + timedelta(days=1)
    day_two = study()
    for _ in range(3):
        question = day_two.next_question()
        assert question is not None
        day_two.answer(canonical_answer(question.card))
    for since in (T0 - timedelta(hours=1), T0 + timedelta(hours=12), T0 + timedelta(days=2)):
        assert progress.new_cards_since(since) == _first_seen_count(progress, since)
    assert progress.new_cards_since(T0 - timedelta(hours=1)) > 0
    progress.rebuild()
    assert progress.new_cards_since(T0 - timedelta(hours=1)) == _first_seen_count(
        progress, T0 - timedelta(hours=1)
    )
    progress.close()
