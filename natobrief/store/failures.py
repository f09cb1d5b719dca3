"""What to tell a user when SQLite refuses: busy, read-only, full, damaged."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from natobrief.errors import StoreError


def corrupt_error(path: Path, error: sqlite3.DatabaseError) -> StoreError:
    """A damaged database: say so, and how to rescue it."""
    return StoreError(
        f"the database {path} is damaged ({error}); it was left untouched. "
        f"Run 'sqlite3 {path} .recover' to rescue what it holds, or move it aside "
        "to start afresh"
    )


def operational_error(path: Path, error: sqlite3.OperationalError) -> StoreError:
    """A database that cannot be used right now: busy, read-only, or its disk full."""
    text = str(error)
    if "locked" in text or "busy" in text:
        return StoreError(
            f"the database {path} is busy (another natobrief is writing to it); "
            "try again in a moment"
        )
    if "readonly" in text or "read-only" in text or "WAL" in text or "unable to open" in text:
        return StoreError(
            f"the database {path} cannot be written ({text}); check the folder's "
            "permissions, or choose another place with --db"
        )
    if "disk" in text and "full" in text:
        return StoreError(f"the disk holding {path} is full; free some space and try again")
    return StoreError(f"the database {path} cannot be used ({text}); see 'natobrief locate'")
