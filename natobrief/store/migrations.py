"""The schema, as numbered migrations applied in order, each in its own transaction.

A ``migrations`` table records what was applied and when. A database written by
a newer natobrief (a version we do not know) is refused and left untouched.
Before migrating a database that already holds data, a copy is saved beside it.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

# Each entry: (version, what it does, SQL). Never edit an entry once released; add one.
MIGRATIONS: list[tuple[int, str, str]] = [
    (
        1,
        "review log, card states",
        """
        CREATE TABLE review_log (
            id INTEGER PRIMARY KEY,
            kind TEXT NOT NULL DEFAULT 'review',   -- review | bury | suspend | unsuspend
            deck_id TEXT NOT NULL,
            card_id TEXT NOT NULL,
            reviewed_at TEXT NOT NULL,             -- ISO 8601, UTC
            mode TEXT NOT NULL DEFAULT 'study',    -- study | exam
            session_id TEXT NOT NULL DEFAULT '',
            answer TEXT NOT NULL DEFAULT '',
            correct INTEGER,
            typo INTEGER,
            rating INTEGER,                        -- 1-4; NULL when the schedule was left alone
            response_ms INTEGER,
            state_before TEXT,                     -- fsrs Card.to_dict() JSON; NULL for a new card
            state_after TEXT,
            until TEXT,                            -- bury: hidden until this time
            undone INTEGER NOT NULL DEFAULT 0
        );
        CREATE INDEX review_log_by_card ON review_log(deck_id, card_id, id);
        CREATE INDEX review_log_by_time ON review_log(reviewed_at);
        CREATE TABLE card_state (
            deck_id TEXT NOT NULL,
            card_id TEXT NOT NULL,
            memory TEXT,                           -- fsrs Card.to_dict() JSON; NULL: never reviewed
            due TEXT,
            stage INTEGER NOT NULL,                -- 0 new, 1 learning, 2 review, 3 relearning
            reps INTEGER NOT NULL DEFAULT 0,
            lapses INTEGER NOT NULL DEFAULT 0,
            first_seen TEXT,
            last_review TEXT,
            buried_until TEXT,
            suspended INTEGER NOT NULL DEFAULT 0,
            leech INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (deck_id, card_id)
        ) WITHOUT ROWID;
        CREATE INDEX card_state_by_due ON card_state(due);
        """,
    ),
    (
        2,
        "appeals: answers the learner counted right",
        """
        CREATE TABLE appeals (
            id INTEGER PRIMARY KEY,
            log_id INTEGER NOT NULL,               -- the review_log entry it turned right
            deck_id TEXT NOT NULL,
            card_id TEXT NOT NULL,
            answer TEXT NOT NULL,                  -- as given (a display string)
            appealed_at TEXT NOT NULL,             -- ISO 8601, UTC
            session_id TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX appeals_by_card ON appeals(deck_id, card_id);
        """,
    ),
]

LATEST = MIGRATIONS[-1][0]


class NewerDatabase(Exception):
    """The database was written by a newer natobrief."""

    def __init__(self, version: int) -> None:
        super().__init__(version)
        self.version = version


def current_version(connection: sqlite3.Connection) -> int:
    """The highest migration applied (0 for a new, empty database)."""
    exists = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'"
    ).fetchone()
    if not exists:
        return 0
    row = connection.execute("SELECT MAX(version) FROM migrations").fetchone()
    return int(row[0] or 0)


def migrate(connection: sqlite3.Connection, path: Path | None) -> list[int]:
    """Apply every pending migration; returns the versions applied.

    Raises NewerDatabase, without writing anything, when the file is newer than
    this code. A database that already has data is copied to
    ``<name>.before-v<N>.bak`` first. The version is read again under the write
    lock (``BEGIN IMMEDIATE``), so two processes opening a new database at once
    cannot both try to create it: the second waits, then finds nothing to do.
    """
    version = current_version(connection)
    if version > LATEST:
        raise NewerDatabase(version)
    if version == LATEST:
        return []
    if version > 0 and path is not None:
        backup_to(connection, path.with_name(f"{path.name}.before-v{version + 1}.bak"))
    applied: list[int] = []
    for number, description, sql in MIGRATIONS:
        if number <= version:
            continue
        with connection:  # one transaction per migration, holding the write lock
            connection.execute("BEGIN IMMEDIATE")
            version = current_version(connection)  # another process may have got here first
            if version > LATEST:
                raise NewerDatabase(version)
            if number <= version:
                continue
            connection.execute(
                "CREATE TABLE IF NOT EXISTS migrations (version INTEGER PRIMARY KEY, "
                "description TEXT NOT NULL, applied_at TEXT NOT NULL)"
            )
            for statement in _statements(sql):
                connection.execute(statement)
            connection.execute(
                "INSERT INTO migrations (version, description, applied_at) VALUES (?, ?, ?)",
                (number, description, datetime.now(UTC).isoformat()),
            )
        applied.append(number)
    return applied


def backup_to(connection: sqlite3.Connection, target: Path) -> None:
    """Copy the whole database to ``target`` with SQLite's online backup."""
    destination = sqlite3.connect(target)
    try:
        connection.backup(destination)
    finally:
        destination.close()


def _statements(sql: str) -> list[str]:
    """Split a migration into statements (no semicolons inside our string literals)."""
    lines = [line.split("--", 1)[0] for line in sql.splitlines()]
    return [part.strip() for part in "\n".join(lines).split(";") if part.strip()]
