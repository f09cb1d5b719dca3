"""Property tests with hostile values: any source text and any stored row.

A source file may hold any text; a database row may hold any value SQLite
accepts (it types columns loosely). Neither may crash a command: a source is
cleaned where it is read, and a row natobrief cannot read is one card's
problem that doctor names and doctor --repair mends.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from natobrief.deck.loader import read_deck
from natobrief.deck.passage import passage_for
from natobrief.doctor import examine, repair
from natobrief.scheduler import Scheduler
from natobrief.session import Session
from natobrief.stats import compute_stats
from natobrief.store import open_store
from natobrief.store.rows import bad_values
from tests.cli.test_headless import GOOD_DECK
from tests.reliability.test_hostile_sources import DECK, RAW

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
QUOTE = "It was blocked by France."
# Text as a hostile file holds it: controls, escapes, bidi, zero-width, surrogate-free.
HOSTILE_CHARS = st.one_of(
    st.characters(codec="utf-8"),
    st.sampled_from(["\x1b", "\x1b[2J", "\x9b", "\u202e", "\u200b", "\ufeff", "\r", "\x00"]),
)
HOSTILE_TEXT = st.lists(HOSTILE_CHARS, max_size=200).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(before=HOSTILE_TEXT, after=HOSTILE_TEXT)
def test_any_source_text_loads_clean_or_is_refused_by_name(before: str, after: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "sources").mkdir()
        text = f"{before}\n\n{QUOTE}\n\n{after}"
        (root / "sources" / "watch.txt").write_bytes(text.encode("utf-8", "surrogatepass"))
        (root / "hostile.yaml").write_text(DECK, encoding="utf-8")
        result = read_deck(root / "hostile.yaml")
        if result.deck is None:  # refused: every problem names its file and line
            assert result.errors and all(p.line >= 0 and p.message for p in result.errors)
            return
        source = result.deck.sources["watch"]
        assert RAW.findall(source.text) == []
        passage = passage_for(result.deck, result.deck.cards[0])
        assert QUOTE in passage.text and RAW.findall(passage.text) == []


# Values SQLite takes in any column: text (dates, JSON, garbage), numbers, blobs, NULL.
VALUES = st.one_of(
    st.none(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=True),
    st.binary(max_size=20),
    st.text(max_size=30),
    st.sampled_from(["2026-13-45T99:00:00", "{", "[]", '{"due": 1}', "garbage", "", "nan"]),
)
STATE_COLUMNS = ["memory", "due", "stage", "reps", "lapses", "first_seen", "last_review",
                 "buried_until", "suspended", "leech"]  # fmt: skip
LOG_COLUMNS = ["kind", "reviewed_at", "mode", "answer", "correct", "rating", "state_before",
               "state_after", "until", "undone"]  # fmt: skip


def _studied(folder: Path) -> Path:
    db = folder / "p.db"
    deck = read_deck(GOOD_DECK).deck
    assert deck is not None
    progress = open_store(db)
    try:
        session = Session([deck], progress, Scheduler(seed=1), clock=lambda: NOW, seed=1)
        for _ in range(4):
            if session.next_question() is None:
                break
            session.answer("x")
    finally:
        progress.close()
    return db


_TEMPLATE: dict[str, Path] = {}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    table=st.sampled_from(["card_state", "review_log"]),
    column_index=st.integers(min_value=0, max_value=9),
    value=VALUES,
)
def test_any_stored_value_is_one_cards_problem(
    table: str, column_index: int, value: object
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        if "db" not in _TEMPLATE:  # one real session's database, copied for each example
            keep = Path(tempfile.mkdtemp())
            _TEMPLATE["db"] = _studied(keep)
        db = root / "p.db"
        shutil.copy(_TEMPLATE["db"], db)
        column = (STATE_COLUMNS if table == "card_state" else LOG_COLUMNS)[column_index]
        with sqlite3.connect(db) as connection:
            try:
                connection.execute(f"UPDATE {table} SET {column} = ?", (value,))
            except sqlite3.IntegrityError:
                return  # NOT NULL: SQLite itself keeps such a value out
            logged = connection.execute("SELECT COUNT(*) FROM review_log").fetchone()[0]
        deck = read_deck(GOOD_DECK).deck
        assert deck is not None
        progress = open_store(db)
        try:
            session = Session([deck], progress, Scheduler(seed=2), clock=lambda: NOW, seed=2)
            question = session.next_question()
            if question is not None:
                session.answer("France")
            compute_stats([deck], progress, NOW, 4)
        finally:
            progress.close()
        findings = examine(db, [], root / "settings.toml")
        assert all(f.detail for f in findings)
        repair(db)
        with sqlite3.connect(db) as connection:  # nothing acknowledged is lost
            assert connection.execute("SELECT COUNT(*) FROM review_log").fetchone()[0] >= logged
            assert bad_values(connection) == []  # and --repair mended every bad value
