"""``natobrief export --to reviews``: the review log as the FSRS optimizer's CSV.

A learner studies the bundled decks headless for a week of simulated days (one
in five answers wrong) and sits one exam; the export must hold exactly the
scheduled reviews of the real database, in the optimizer's column layout.
"""

from __future__ import annotations

import csv
import io
import zlib
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml
from click.testing import CliRunner

from natobrief.cli import cli
from natobrief.deck.library import load_decks
from natobrief.headless.options import HeadlessOptions
from natobrief.headless.run import run
from natobrief.scheduler import fsrs_card_id
from natobrief.settings import Settings
from natobrief.store import open_store
from tests.answers import canonical_answer, wrong_answer

T0 = datetime(2026, 3, 2, 8, 30, tzinfo=UTC)
DAYS = 7
HEADER = ["card_id", "review_time", "review_rating", "review_state", "review_duration"]


def _study(tmp_path: Path, db: Path) -> None:
    """A week of daily study sessions and one exam, all through the headless face."""
    cards = {(deck.id, card.id): card for deck in load_decks(()) for card in deck.cards}
    answers_path = tmp_path / "answers.yaml"
    for day in range(DAYS):
        answers = {
            f"{deck_id}/{card_id}": (
                wrong_answer(card)
                if zlib.crc32(f"{deck_id}/{card_id}/{day}".encode()) % 5 == 0
                else canonical_answer(card)
            )
            for (deck_id, card_id), card in cards.items()
        }
        answers_path.write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
        options = HeadlessOptions(
            mode="study", jsonl=True, answers=answers_path, seed=5, now=T0 + timedelta(days=day)
        )
        assert run(options, Settings(new_per_day=12), db, stdout=io.StringIO()) == 0
    exam = HeadlessOptions(
        mode="exam", jsonl=True, answers=answers_path, seed=5, now=T0 + timedelta(days=DAYS)
    )
    run(exam, Settings(), db, stdout=io.StringIO())


def _export(db: Path, target: Path, *decks: str) -> list[dict[str, str]]:
    result = CliRunner().invoke(
        cli, ["export", *decks, "--to", "reviews", "-o", str(target), "--db", str(db)]
    )
    assert result.exit_code == 0, result.output
    with target.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == HEADER
        rows = list(reader)
    assert f"{len(rows)} reviews written to {target}" in result.output
    return rows


def test_the_export_holds_every_scheduled_review_in_optimizer_layout(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    _study(tmp_path, db)
    store = open_store(db)
    log = store.log()
    store.close()
    scheduled = [e for e in log if e.kind == "review" and not e.undone and e.rating is not None]
    exam_answers = [e for e in log if e.kind == "review" and e.rating is None]
    assert exam_answers, "the exam was logged without touching schedules"

    rows = _export(db, tmp_path / "revlog.csv")
    assert len(rows) == len(scheduled) > 221  # reviews happened, not only first sightings
    by_key = {fsrs_card_id(e.deck_id, e.card_id): (e.deck_id, e.card_id) for e in scheduled}
    times: dict[int, list[int]] = defaultdict(list)
    for row, entry in zip(rows, scheduled, strict=True):
        card_id = int(row["card_id"])
        assert by_key[card_id] == (entry.deck_id, entry.card_id)
        assert 0 < card_id < 2**53
        assert int(row["review_rating"]) == entry.rating and 1 <= entry.rating <= 4
        state = int(row["review_state"])
        # a card's first review starts from New (0); later ones from learning, review, relearning
        assert state == 0 if not times[card_id] else state in (1, 2, 3)
        when = int(row["review_time"])
        assert when == int(datetime.fromisoformat(entry.reviewed_at).timestamp() * 1000)
        assert T0.timestamp() * 1000 <= when < (T0 + timedelta(days=DAYS)).timestamp() * 1000
        assert row["review_duration"] == "" or int(row["review_duration"]) >= 0
        times[card_id].append(when)
    assert all(series == sorted(series) for series in times.values())
    ratings = {int(row["review_rating"]) for row in rows}
    assert {1, 3} <= ratings  # wrong answers rated again, right ones good
    assert {int(row["review_state"]) for row in rows} >= {0, 1, 2}


def test_naming_a_deck_exports_only_its_reviews(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    _study(tmp_path, db)
    everything = _export(db, tmp_path / "all.csv")
    deck_of = {
        fsrs_card_id(deck.id, card.id): deck.id for deck in load_decks(()) for card in deck.cards
    }
    studied = sorted({deck_of[int(row["card_id"])] for row in everything})
    assert len(studied) >= 2  # so that leaving one out is a real test
    one = _export(db, tmp_path / "one.csv", studied[-1])
    assert one == [row for row in everything if deck_of[int(row["card_id"])] == studied[-1]]
    assert 0 < len(one) < len(everything)


def test_a_missing_database_is_a_usage_error_not_a_new_file(tmp_path: Path) -> None:
    db = tmp_path / "nothing-here.sqlite3"
    result = CliRunner().invoke(
        cli, ["export", "--to", "reviews", "-o", str(tmp_path / "r.csv"), "--db", str(db)]
    )
    assert result.exit_code != 0
    assert "study first" in str(result.exception)
    assert not db.exists()
