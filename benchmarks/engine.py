"""The study engine's speed: one answer at 100,000 cards, and a whole one-question process.

1. One answer (grade + fsrs + durable commit) with 100,000 cards in the database:
   the median over many answers of ``Session.answer``.
2. A headless session of one question on the bundled decks, from process start
   to exit: the median of several runs of ``natobrief study --headless``.

Run: ``python benchmarks/engine.py [--cards N] [--answers N] [--runs N]``.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.deck_load import write_deck
from natobrief.deck.loader import load_deck
from natobrief.scheduler import Rating, Scheduler
from natobrief.session import Limits, Session
from natobrief.store import open_store

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)


def fill_database(db: Path, deck_id: str, card_ids: list[str]) -> None:
    """Give every card a review-stage state and one log entry, all due now."""
    scheduler = Scheduler(fuzz=False)
    progress = open_store(db)
    sample = scheduler.new_state(deck_id, card_ids[0], T0 - timedelta(days=30))
    sample = scheduler.review(sample, Rating.EASY, T0 - timedelta(days=30))
    memory = json.loads(sample.data)
    memory["due"] = (T0 - timedelta(hours=1)).isoformat()
    data = json.dumps(memory)
    when = (T0 - timedelta(days=30)).isoformat()
    with progress.connection:
        progress.connection.execute("BEGIN")
        progress.connection.executemany(
            "INSERT INTO card_state (deck_id, card_id, memory, due, stage, reps, lapses, "
            "first_seen, last_review) VALUES (?, ?, ?, ?, 2, 1, 0, ?, ?)",
            [(deck_id, card, data, memory["due"], when, when) for card in card_ids],
        )
        progress.connection.executemany(
            "INSERT INTO review_log (deck_id, card_id, reviewed_at, answer, correct, typo, "
            "rating, state_after) VALUES (?, ?, ?, 'x', 1, 0, 4, ?)",
            [(deck_id, card, when, data) for card in card_ids],
        )
    progress.close()


def one_answer(cards: int, answers: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        deck = load_deck(write_deck(Path(folder), cards))
        db = Path(folder) / "progress.sqlite3"
        fill_database(db, deck.id, [card.id for card in deck.cards])
        progress = open_store(db)
        session = Session(
            [deck],
            progress,
            Scheduler(seed=1),
            clock=lambda: T0,
            seed=1,
            limits=Limits(reviews_per_day=cards, new_per_day=0),
        )
        samples = []
        for _ in range(answers):
            question = session.next_question()
            assert question is not None
            start = time.perf_counter()
            session.answer("some answer")
            samples.append(time.perf_counter() - start)
        progress.close()
        return statistics.median(samples)


def headless_process(runs: int) -> float:
    with tempfile.TemporaryDirectory() as folder:
        answers = Path(folder) / "answers.json"
        answers.write_text("{}")
        command = [
            sys.executable,
            "-m",
            "natobrief",
            "study",
            "--headless",
            "--count",
            "1",
            "--db",
            str(Path(folder) / "p.db"),
            "--now",
            "2026-06-01T09:00:00+00:00",
        ]
        samples = []
        for _ in range(runs):
            start = time.perf_counter()
            done = subprocess.run(
                command, input="France\n", capture_output=True, text=True, check=False
            )
            samples.append(time.perf_counter() - start)
            assert done.returncode == 0, done.stderr
        return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--answers", type=int, default=300)
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    answer = one_answer(args.cards, args.answers)
    process = headless_process(args.runs)
    print(f"{'measure':<62} {'median':>10}")
    print(f"{f'one answer, {args.cards:,} cards in the database':<62} {answer * 1000:>7.3f} ms")
    print(f"{'headless one-question session, process start to exit':<62} {process * 1000:>7.0f} ms")


if __name__ == "__main__":
    main()
