"""``natobrief doctor``: check the database, the decks and the folders, and say what to do."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Literal

from natobrief.files import can_create_in
from natobrief.text import counted

Status = Literal["ok", "warning", "problem"]


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing checked, how it went, and what to do about it."""

    what: str
    status: Status
    detail: str
    advice: str = ""


def examine(database: Path, deck_paths: list[Path], settings: Path) -> list[Finding]:
    """Every check, in the order a user would fix things."""
    return [*_database(database), *_decks(deck_paths), *_settings(settings)]


def repair(database: Path) -> list[Finding]:
    """Mend the rows natobrief cannot read, after a backup beside the database.

    A log entry holding such a value is set aside (marked undone, kept), then
    every card's state is rebuilt from the log, which mends a bad state row.
    Nothing an answer committed is removed.
    """
    from natobrief.store import open_store
    from natobrief.store.migrations import backup_to
    from natobrief.store.rows import bad_values, set_aside

    if not database.exists():
        return [Finding("repair", "ok", f"{database} does not exist yet: nothing to mend")]
    progress = open_store(database)
    try:
        bad = bad_values(progress.connection)
        if not bad:
            return [Finding("repair", "ok", "every row can be read: nothing to mend")]
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = database.with_name(f"{database.name}.before-repair-{stamp}.bak")
        backup_to(progress.connection, backup)
        entries = set_aside(progress.connection, bad)
        cards = progress.rebuild()
        left = bad_values(progress.connection)
    finally:
        progress.close()
    detail = (
        f"{counted(len(bad), 'unreadable value')} mended: "
        f"{counted(entries, 'log entry', 'log entries')} set aside, "
        f"{counted(cards, 'card state')} rebuilt from the log; backup in {backup}"
    )
    if left:
        return [
            Finding(
                "repair",
                "problem",
                detail + f"; {len(left)} still unreadable",
                f"copy {database} aside, then run 'sqlite3 {database} .recover'",
            )
        ]
    return [Finding("repair", "ok", detail)]


def _database(path: Path) -> list[Finding]:
    if not path.exists():
        folder = path.parent
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        if can_create_in(folder):
            return [Finding("database", "ok", f"{path} will be created at the first answer")]
        return [
            Finding(
                "database",
                "problem",
                f"{folder} cannot be written",
                "fix the folder's permissions, or choose another place with NATOBRIEF_DB",
            )
        ]
    from natobrief.errors import StoreError
    from natobrief.store import open_store
    from natobrief.store.rows import bad_values

    try:
        progress = open_store(path)
    except StoreError as error:
        return [Finding("database", "problem", str(error))]
    try:
        integrity = progress.connection.execute("PRAGMA integrity_check").fetchone()[0]
        reviews = progress.connection.execute("SELECT COUNT(*) FROM review_log").fetchone()[0]
        bad = bad_values(progress.connection) if integrity == "ok" else []
    except sqlite3.DatabaseError as error:
        return [
            Finding(
                "database",
                "problem",
                f"{path} cannot be read: {error}",
                f"run 'sqlite3 {path} .recover' to rescue what it holds",
            )
        ]
    finally:
        progress.close()
    if integrity != "ok":
        return [
            Finding(
                "database",
                "problem",
                f"integrity check failed: {integrity}",
                f"copy {path} aside, then run 'sqlite3 {path} .recover'",
            )
        ]
    if bad:
        first = bad[0]
        return [
            Finding(
                "database",
                "problem",
                f"{counted(len(bad), 'value')} natobrief cannot read, the first "
                f"{first.table}.{first.column} of {first.row}: {first.value} (those cards "
                "count as new meanwhile)",
                "run 'natobrief doctor --repair': it backs the database up, then mends them "
                "from the review log",
            )
        ]
    entries = counted(reviews, "log entry", "log entries")
    return [Finding("database", "ok", f"{path}: integrity ok, {entries}")]


def _decks(paths: list[Path]) -> list[Finding]:
    from natobrief.check import check_paths

    report = check_paths(paths)
    found = []
    for result in report.results:
        if result.deck is None:
            found.append(
                Finding(
                    f"deck {result.path.name}",
                    "problem",
                    f"{counted(len(result.errors), 'error')}, first: {result.errors[0].format()}",
                    f"run 'natobrief check {result.path}' to see them all",
                )
            )
        else:
            status: Status = "warning" if result.warnings else "ok"
            found.append(
                Finding(
                    f"deck {result.deck.id}",
                    status,
                    f"{counted(len(result.deck.cards), 'card')}, "
                    f"{counted(len(result.warnings), 'warning')}",
                    f"run 'natobrief check {result.path}'" if result.warnings else "",
                )
            )
    return found


def _settings(path: Path) -> list[Finding]:
    from natobrief.settings import SettingsError, load_settings

    try:
        load_settings(path)
    except SettingsError as error:
        return [Finding("settings", "problem", str(error))]
    detail = str(path) if path.exists() else f"{path} (not written yet: defaults in use)"
    return [Finding("settings", "ok", detail)]
