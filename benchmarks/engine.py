"""The study engine's speed, side by side with Anki: one answer at 100,000 cards, whole processes.

1. One answer with 100,000 cards in the database: natobrief's ``Session.answer``
   (grade + fsrs + committed transaction) against Anki's ``build_answer`` +
   ``answer_card`` on a 100,000-card collection, both in this process, in
   alternating batches; also natobrief with ``synchronous = FULL`` (Anki's
   durability), the fetch + answer cycle, and opening a session on 100,000
   states.
2. A one-question session as a whole process: ``natobrief study --headless
   --count 1`` on the bundled decks (answer on stdin, a fresh database each run,
   the deck cache warm) against a process that imports ``anki``, opens a
   10,000-card collection, fetches the next card and answers it.

Run alone: ``python benchmarks/engine.py [--quick]`` (the same rows as in
``python -m benchmarks``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import anki_baseline
from benchmarks.common import ROOT, cache_root, generated_deck, progress
from natobrief.deck.model import Deck
from natobrief.scheduler import Rating, Scheduler
from natobrief.session import Session
from natobrief.session_types import Limits
from natobrief.store import open_store

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
NOW_FLAG = "2026-06-01T09:00:00+00:00"
DECK_ID = "generated"  # the id benchmarks.deck_load.write_deck gives its deck


def fill_database(db: Path, deck_id: str, card_ids: list[str]) -> None:
    """Give every card a review-stage state and one log entry, all due an hour before T0."""
    scheduler = Scheduler(fuzz=False)
    store = open_store(db)
    sample = scheduler.new_state(deck_id, card_ids[0], T0 - timedelta(days=30))
    sample = scheduler.review(sample, Rating.EASY, T0 - timedelta(days=30))
    memory = json.loads(sample.data)
    memory["due"] = (T0 - timedelta(hours=1)).isoformat()
    data = json.dumps(memory)
    when = (T0 - timedelta(days=30)).isoformat()
    with store.connection:
        store.connection.execute("BEGIN")
        store.connection.executemany(
            "INSERT INTO card_state (deck_id, card_id, memory, due, stage, reps, lapses, "
            "first_seen, last_review) VALUES (?, ?, ?, ?, 2, 1, 0, ?, ?)",
            [(deck_id, card, data, memory["due"], when, when) for card in card_ids],
        )
        store.connection.executemany(
            "INSERT INTO review_log (deck_id, card_id, reviewed_at, answer, correct, typo, "
            "rating, state_after) VALUES (?, ?, ?, 'x', 1, 0, 4, ?)",
            [(deck_id, card, when, data) for card in card_ids],
        )
    store.close()


def filled_database(cards: int) -> Path:
    """A cached progress database with ``cards`` due review states (built once)."""
    from natobrief.store.migrations import LATEST

    path = cache_root() / f"progress-{cards}-due-v{LATEST}.sqlite3"
    if not path.exists():
        progress(f"filling a progress database with {cards:,} card states (once)")
        partial = path.with_name(f"building-{path.name}")
        for leftover in path.parent.glob(f"{partial.name}*"):
            leftover.unlink()
        fill_database(partial, DECK_ID, [f"card-{index}" for index in range(cards)])
        partial.replace(path)
    return path


def copy_database(source: Path, folder: Path, name: str) -> Path:
    """A fresh copy of a cached database for one run."""
    target = folder / name
    for leftover in folder.glob(f"{name}*"):
        leftover.unlink()
    shutil.copyfile(source, target)
    return target


def load_generated(cards: int) -> Deck:
    """The generated deck of ``cards`` cards, through a deck cache kept in the benchmark cache."""
    from natobrief.deck.cache import read_deck_cached

    path = generated_deck(cards)
    result = read_deck_cached(path, cache_root() / "deck-cache")
    assert result.deck is not None, result.errors[:3]
    return result.deck


def open_session(deck: Deck, db: Path, cards: int, synchronous: str | None = None) -> Session:
    """A study session over ``deck`` that may review every card today."""
    store = open_store(db)
    if synchronous is not None:
        store.connection.execute(f"PRAGMA synchronous = {synchronous}")
    return Session(
        [deck],
        store,
        Scheduler(seed=1),
        clock=lambda: T0,
        seed=1,
        limits=Limits(reviews_per_day=cards, new_per_day=0),
    )


def natobrief_answer_once(session: Session) -> tuple[float, float]:
    """Ask the next question, then answer it (wrong, so rated Again): (ask s, answer s)."""
    start = time.perf_counter()
    question = session.next_question()
    assert question is not None
    asked = time.perf_counter()
    session.answer("some answer")
    return asked - start, time.perf_counter() - asked


def answer_samples(cards: int, answers: int, rounds: int) -> dict[str, list[float]]:
    """Per-answer seconds for natobrief (NORMAL and FULL sync) and Anki, alternating batches.

    Keys: ``<side>`` for the answer alone, ``<side>/cycle`` for fetch + answer,
    ``<side>/open`` for opening a session on every card (one sample per round).
    """
    deck = load_generated(cards)
    source_db = filled_database(cards)
    source_collection = anki_baseline.collection(cards, due=True)
    samples: dict[str, list[float]] = {}
    batch = max(1, answers // rounds)
    with tempfile.TemporaryDirectory(dir=cache_root()) as folder:
        work = Path(folder)
        for _ in range(rounds):
            opened: dict[str, float] = {}
            normal_db = copy_database(source_db, work, "normal.db")
            full_db = copy_database(source_db, work, "full.db")
            collection = anki_baseline.working_copy(source_collection, work)
            start = time.perf_counter()
            normal = open_session(deck, normal_db, cards)
            opened["natobrief"] = time.perf_counter() - start
            full = open_session(deck, full_db, cards, "FULL")
            start = time.perf_counter()
            anki = anki_baseline.AnkiAnswers(collection)
            anki.build_queue()
            opened["anki"] = time.perf_counter() - start
            sides: dict[str, Callable[[], tuple[float, float]]] = {
                "natobrief": partial(natobrief_answer_once, normal),
                "natobrief-full": partial(natobrief_answer_once, full),
                "anki": anki.answer_once,
            }
            for name, side in sides.items():  # one batch per side, in turn
                for _ in range(batch):
                    fetch, answer = side()
                    samples.setdefault(name, []).append(answer)
                    samples.setdefault(f"{name}/cycle", []).append(fetch + answer)
            for name, seconds in opened.items():
                samples.setdefault(f"{name}/open", []).append(seconds)
            anki_pragmas = anki.pragmas()
            normal.progress.close()
            full.progress.close()
            anki.close()
    progress(f"Anki collection: {anki_pragmas}")
    return samples


def process_samples(runs: int) -> dict[str, list[float]]:
    """Whole-process seconds: natobrief headless one question vs Anki one card, alternating.

    natobrief runs with ``NATOBRIEF_HOME`` in the benchmark cache, warmed by one
    untimed run, so its deck cache is warm; each run gets a fresh database. Each
    Anki run gets a fresh copy of the 10,000-card collection (copied untimed).
    """
    source_collection = anki_baseline.collection(10_000, due=False)
    environment = dict(os.environ, NATOBRIEF_HOME=str(cache_root() / "home"))
    with tempfile.TemporaryDirectory(dir=cache_root()) as folder:
        work = Path(folder)
        counter = iter(range(10**9))

        def natobrief_side() -> float:
            db = work / f"p{next(counter)}.db"
            command = [sys.executable, "-m", "natobrief", "study", "--headless", "--count", "1"]
            command += ["--db", str(db), "--now", NOW_FLAG]
            start = time.perf_counter()
            done = subprocess.run(
                command,
                input="France\n",
                capture_output=True,
                text=True,
                env=environment,
                cwd=ROOT,
                check=False,
            )
            seconds = time.perf_counter() - start
            assert done.returncode == 0, done.stderr
            return seconds

        def anki_side() -> float:
            path = anki_baseline.working_copy(source_collection, work)
            command = [sys.executable, "-c", anki_baseline.ANKI_PROCESS, str(path)]
            start = time.perf_counter()
            done = subprocess.run(command, capture_output=True, text=True, check=False)
            seconds = time.perf_counter() - start
            assert done.returncode == 0, done.stderr
            return seconds

        natobrief_side()  # untimed: fills the deck cache and the OS file cache
        anki_side()
        samples: dict[str, list[float]] = {"natobrief": [], "anki": []}
        for _ in range(runs):
            samples["natobrief"].append(natobrief_side())
            samples["anki"].append(anki_side())
    return samples


if __name__ == "__main__":
    from benchmarks.run_all import main

    main([*sys.argv[1:], "--only", "engine"])
