"""Sixty simulated days of headless study on the bundled decks, checked against fsrs itself."""

from __future__ import annotations

import io
import json
import random
import zlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

import fsrs
import yaml

from natobrief.deck.library import load_decks
from natobrief.headless.options import HeadlessOptions
from natobrief.headless.run import run
from natobrief.scheduler import Rating as OurRating
from natobrief.scheduler import fsrs_card_id, fuzz_seed
from natobrief.settings import Settings
from tests.answers import canonical_answer, wrong_answer

SEED = 11
T0 = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def test_sixty_days_of_study_match_fsrs(tmp_path: Path) -> None:
    decks = load_decks(())
    cards = {(deck.id, card.id): card for deck in decks for card in deck.cards}
    reference = fsrs.Scheduler(desired_retention=0.9, enable_fuzzing=True)
    expected: dict[tuple[str, str], fsrs.Card] = {}
    db = tmp_path / "progress.sqlite3"
    settings = Settings(new_per_day=15)
    asked_total = 0
    for day in range(60):
        now = T0 + timedelta(days=day)
        # Every fifth card, chosen afresh each day, is answered wrong.
        answers = {
            f"{deck_id}/{card_id}": (
                wrong_answer(card)
                if zlib.crc32(f"{deck_id}/{card_id}/{day}".encode()) % 5 == 0
                else canonical_answer(card)
            )
            for (deck_id, card_id), card in cards.items()
        }
        answers_path = tmp_path / "answers.yaml"
        answers_path.write_text(yaml.safe_dump(answers, allow_unicode=True))
        out = io.StringIO()
        code = run(
            HeadlessOptions(mode="study", jsonl=True, answers=answers_path, seed=SEED, now=now),
            settings,
            db,
            stdout=out,
        )
        assert code == 0
        events = [json.loads(line) for line in out.getvalue().splitlines()]
        due_before = {key for key, card in expected.items() if card.due <= now}
        asked_today = set()
        for event in events:
            if event["event"] != "result":
                continue
            key = (str(event["deck"]), str(event["card"]))
            rating = OurRating.GOOD if event["correct"] else OurRating.AGAIN
            assert event["rating"] == rating.label
            card = expected.get(key) or fsrs.Card(card_id=fsrs_card_id(*key), due=now)
            saved = random.getstate()
            random.seed(fuzz_seed(SEED, card.card_id, now, rating))
            card, _ = reference.review_card(card, fsrs.Rating(int(rating)), now)
            random.setstate(saved)
            expected[key] = card
            assert event["due"] == card.due.isoformat(), (day, key)
            asked_today.add(key)
        # Every card that was due this morning was asked today (200 reviews a day is plenty).
        assert due_before <= asked_today, sorted(due_before - asked_today)[:5]
        asked_total += len(asked_today)
    assert len(expected) == min(len(cards), 60 * settings.new_per_day)
    assert asked_total > len(expected)  # reviews happened, not only first sightings
