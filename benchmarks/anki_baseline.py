"""The Anki side of the comparisons: cached collections, one answer in process, a whole process.

Anki (the ``anki`` package, 25.x/26.x API) is the reference spaced-repetition
engine: a Rust backend over SQLite, driven from Python. Its collections are
built once into the benchmark cache with ``Collection`` + ``add_notes`` of
Basic notes, FSRS switched on and the daily limits raised so every card can be
reached, then copied for each run so a run never sees another's answers:

* ``anki-10000-new``: 10,000 new cards, for the whole-process comparison
  (natobrief's side also starts from nothing reviewed);
* ``anki-100000-due``: 100,000 cards made review cards due today with
  ``sched.set_due_date`` (one revlog entry each), for the per-answer comparison.

Durability differs and is stated in the README: Anki runs SQLite with
``synchronous = FULL`` (an fsync per commit), natobrief with ``NORMAL`` in WAL
mode (safe against a killed process, not against power loss).
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from benchmarks.common import cache_root, progress

BATCH = 5_000

# A whole Anki process for one question: start Python, import anki, open the
# collection, fetch the next card, render its question, answer it, close.
ANKI_PROCESS = """
import sys
from anki.collection import Collection
from anki.cards import Card
from anki.scheduler.v3 import CardAnswer

col = Collection(sys.argv[1])
queued = col.sched.get_queued_cards(fetch_limit=1).cards[0]
card = Card(col, backend_card=queued.card)
card.start_timer()
print(card.question())
col.sched.answer_card(
    col.sched.build_answer(card=card, states=queued.states, rating=CardAnswer.GOOD)
)
col.close()
"""


def collection(cards: int, *, due: bool) -> Path:
    """The cached collection of ``cards`` Basic notes (built on first use, with progress)."""
    name = f"anki-{cards}-{'due' if due else 'new'}.anki2"
    path = cache_root() / name
    if not path.exists():
        _build(path, cards, due=due)
    return path


def _build(path: Path, cards: int, *, due: bool) -> None:
    from anki.collection import AddNoteRequest, Collection
    from anki.decks import DeckId

    partial = path.with_name(f"building-{path.name}")
    partial.unlink(missing_ok=True)
    start = time.perf_counter()
    progress(f"building an Anki collection of {cards:,} cards at {path} (once)")
    col = Collection(str(partial))
    col.set_config("fsrs", True)  # schedule with FSRS, as natobrief does
    config = col.decks.config_dict_for_deck_id(DeckId(1))
    config["new"]["perDay"] = 9999
    config["rev"]["perDay"] = 9999
    col.decks.save(config)
    basic = col.models.by_name("Basic")
    assert basic is not None
    deck_id = col.decks.id("Default")
    assert deck_id is not None
    requests = []
    for index in range(cards):
        note = col.new_note(basic)
        note["Front"] = f"Question {index}?"
        note["Back"] = f"Answer {index}"
        requests.append(AddNoteRequest(note=note, deck_id=deck_id))
        if len(requests) == BATCH or index == cards - 1:
            col.add_notes(requests)
            requests = []
            if (index + 1) % (BATCH * 4) == 0 or index == cards - 1:
                progress(f"{index + 1:,} of {cards:,} notes ({time.perf_counter() - start:.0f} s)")
    if due:
        col.sched.set_due_date(col.find_cards(""), "0")
    col.close()
    for leftover in partial.parent.glob(f"{partial.name}-*"):  # -wal / -shm after close
        leftover.unlink()
    partial.replace(path)
    progress(f"built in {time.perf_counter() - start:.0f} s")


def working_copy(source: Path, folder: Path) -> Path:
    """A fresh copy of a cached collection (what one run may change)."""
    target = folder / f"work-{source.name}"
    for leftover in folder.glob(f"{target.name}*"):
        leftover.unlink()
    shutil.copyfile(source, target)
    return target


class AnkiAnswers:
    """An open collection answering its queue one card at a time, timed like natobrief's side."""

    def __init__(self, path: Path) -> None:
        from anki.collection import Collection
        from anki.scheduler.v3 import Scheduler

        self.col = Collection(str(path))
        assert isinstance(self.col.sched, Scheduler)  # the v3 scheduler, as in Anki 23.10+
        self.sched = self.col.sched

    def build_queue(self) -> None:
        """Fetch the first card: Anki builds its queue of the day here."""
        self.sched.get_queued_cards(fetch_limit=1)

    def answer_once(self) -> tuple[float, float]:
        """Fetch the next card, then answer it Again: (fetch seconds, answer seconds).

        The answer is ``build_answer`` + ``answer_card``: Anki computes the next
        states (FSRS) while fetching, and the answer writes the card, the revlog
        entry and commits. Again mirrors natobrief's side, which answers wrong.
        """
        from anki.cards import Card
        from anki.scheduler.v3 import CardAnswer

        start = time.perf_counter()
        queued = self.sched.get_queued_cards(fetch_limit=1).cards[0]
        card = Card(self.col, backend_card=queued.card)
        card.start_timer()
        fetched = time.perf_counter()
        answer = self.sched.build_answer(card=card, states=queued.states, rating=CardAnswer.AGAIN)
        self.sched.answer_card(answer)
        return fetched - start, time.perf_counter() - fetched

    def pragmas(self) -> str:
        """Anki's journal and sync settings, for the README's durability note."""
        db = self.col.db
        assert db is not None
        journal, synchronous = db.scalar("pragma journal_mode"), db.scalar("pragma synchronous")
        return f"journal_mode={journal}, synchronous={synchronous}"

    def close(self) -> None:
        """Close the collection."""
        self.col.close()


@contextmanager
def open_answers(path: Path) -> Iterator[AnkiAnswers]:
    """An :class:`AnkiAnswers` closed on exit."""
    answers = AnkiAnswers(path)
    try:
        yield answers
    finally:
        answers.close()
