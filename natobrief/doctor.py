"""``natobrief doctor``: check the database, the decks and the folders, and say what to do."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from natobrief.files import can_create_in

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

    try:
        progress = open_store(path)
    except StoreError as error:
        return [Finding("database", "problem", str(error))]
    try:
        integrity = progress.connection.execute("PRAGMA integrity_check").fetchone()[0]
        reviews = progress.connection.execute("SELECT COUNT(*) FROM review_log").fetchone()[0]
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
    return [Finding("database", "ok", f"{path}: integrity ok, {reviews} log entries")]


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
                    f"{len(result.errors)} error(s), first: {result.errors[0].format()}",
                    f"run 'natobrief check {result.path}' to see them all",
                )
            )
        else:
            status: Status = "warning" if result.warnings else "ok"
            found.append(
                Finding(
                    f"deck {result.deck.id}",
                    status,
                    f"{len(result.deck.cards)} cards, {len(result.warnings)} warnings",
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
