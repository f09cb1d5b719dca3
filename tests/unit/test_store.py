"""The progress database: migrations, the log as source of truth, clear refusals."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from natobrief.errors import StoreError
from natobrief.scheduler import Rating, Scheduler
from natobrief.store import open_store
from natobrief.store.migrations import LATEST
from natobrief.store.records import LEECH_LAPSES, ReviewRecord

T0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def review(scheduler: Scheduler, store_path: Path, card: str, rating: Rating, now: datetime) -> int:
    progress = open_store(store_path)
    try:
        previous = progress.card_state("d", card)
        before = previous.memory if previous and previous.memory else None
        after = scheduler.review(before or scheduler.new_state("d", card, now), rating, now)
        log_id, _ = progress.record(
            ReviewRecord(
                kind="review",
                deck_id="d",
                card_id=card,
                reviewed_at=now.isoformat(),
                answer="x",
                correct=rating != Rating.AGAIN,
                typo=False,
                rating=int(rating),
                state_before=before.data if before else None,
                state_after=after.data,
            )
        )
        return log_id
    finally:
        progress.close()


def test_new_database_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "progress.sqlite3"
    progress = open_store(path)
    assert progress.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    versions = [row[0] for row in progress.connection.execute("SELECT version FROM migrations")]
    assert versions == list(range(1, LATEST + 1))
    progress.close()


def test_reviews_persist_and_state_rebuilds_from_the_log(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    scheduler = Scheduler(fuzz=False)
    now = T0
    for rating in (Rating.GOOD, Rating.GOOD, Rating.AGAIN):
        review(scheduler, path, "c", rating, now)
        now += timedelta(days=3)
    progress = open_store(path)
    live = progress.card_state("d", "c")
    assert live is not None and live.reps == 3 and live.lapses == 1
    assert progress.rebuild() == 1
    assert progress.card_state("d", "c") == live
    progress.close()


def test_undo_restores_the_previous_state(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    scheduler = Scheduler(fuzz=False)
    review(scheduler, path, "c", Rating.GOOD, T0)
    progress = open_store(path)
    before = progress.card_state("d", "c")
    progress.close()
    log_id = review(scheduler, path, "c", Rating.GOOD, T0 + timedelta(minutes=10))
    progress = open_store(path)
    assert progress.undo(log_id) == before
    assert [entry.undone for entry in progress.log()] == [False, True]
    progress.close()


def test_leech_after_eight_lapses(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    scheduler = Scheduler(fuzz=False)
    now = T0
    lapses = 0
    while lapses < LEECH_LAPSES:
        progress = open_store(path)
        state = progress.card_state("d", "c")
        progress.close()
        rating = Rating.AGAIN if state and state.stage == 2 else Rating.EASY
        lapses += rating == Rating.AGAIN
        review(scheduler, path, "c", rating, now)
        now += timedelta(days=60)
    progress = open_store(path)
    state = progress.card_state("d", "c")
    assert state is not None and state.lapses == LEECH_LAPSES and state.leech
    progress.close()


def test_bury_and_suspend_a_card_never_studied(tmp_path: Path) -> None:
    progress = open_store(tmp_path / "p.db")
    progress.record(
        ReviewRecord("bury", "d", "c", T0.isoformat(), until="2026-01-02T04:00:00+00:00")
    )
    state = progress.card_state("d", "c")
    assert state is not None and state.is_new and not state.available(T0)
    assert state.available(datetime(2026, 1, 2, 5, tzinfo=UTC))
    progress.record(ReviewRecord("suspend", "d", "c", T0.isoformat()))
    assert progress.card_state("d", "c").suspended  # type: ignore[union-attr]
    assert progress.new_cards_since(T0 - timedelta(days=1)) == 0
    progress.close()


def test_not_a_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    path.write_text("these are my notes, not a database\n")
    with pytest.raises(StoreError, match="not a natobrief database"):
        open_store(path)
    assert path.read_text() == "these are my notes, not a database\n"


def test_corrupt_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    open_store(path).close()
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page behind a valid header
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="damaged"):
        open_store(path)
    assert path.read_bytes() == bytes(data)


def test_newer_database_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "p.db"
    open_store(path).close()
    connection = sqlite3.connect(path)
    connection.execute("INSERT INTO migrations VALUES (99, 'future', '2030-01-01')")
    connection.commit()
    connection.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer natobrief"):
        open_store(path)
    assert path.read_bytes() == before


def test_folder_instead_of_file(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a folder"):
        open_store(tmp_path)
