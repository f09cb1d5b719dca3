"""What to tell a user when SQLite refuses: busy, read-only, full, damaged.

The primary result code (``sqlite_errorcode & 0xff``) decides where there is
one; the message text is the fallback. Every message says what to do next.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from natobrief.errors import StoreError

# SQLite primary result codes (https://sqlite.org/rescode.html).
SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 5, 6, 8
SQLITE_IOERR, SQLITE_FULL, SQLITE_CANTOPEN = 10, 13, 14
ELSEWHERE = "choose another place with --db or NATOBRIEF_DB"


def corrupt_error(path: Path, error: sqlite3.DatabaseError) -> StoreError:
    """A damaged database: say so, and how to rescue it."""
    return StoreError(
        f"the database {path} is damaged ({error}); it was left untouched. "
        f"Run 'sqlite3 {path} .recover' to rescue what it holds, or move it aside "
        "to start afresh"
    )


def full_disk_error(path: Path) -> StoreError:
    """The disk (or the file size limit) left no room for the next write."""
    return StoreError(
        f"the disk holding the database {path} is full, so natobrief cannot save to it "
        f"(answers already confirmed are kept); free some space, or {ELSEWHERE}"
    )


def read_only_error(path: Path, detail: str) -> StoreError:
    """The database, or the folder it lives in (which must hold its -wal file), is read-only."""
    return StoreError(
        f"the database {path} cannot be written ({detail}): natobrief needs to write the file "
        f"and its folder; check their permissions, or {ELSEWHERE}"
    )


def operational_error(path: Path, error: sqlite3.Error) -> StoreError:
    """A database that cannot be used right now: busy, read-only, or its disk full."""
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    text = str(error)
    if code in (SQLITE_BUSY, SQLITE_LOCKED) or "locked" in text or "busy" in text:
        return StoreError(
            f"the database {path} is busy (another natobrief is writing to it); "
            "try again in a moment"
        )
    if code == SQLITE_FULL or ("disk" in text and "full" in text):
        return full_disk_error(path)
    if code == SQLITE_IOERR or "I/O error" in text:
        return StoreError(
            f"the database {path} could not be written ({text}): the disk may be full or "
            f"failing (answers already confirmed are kept); free some space, or {ELSEWHERE}"
        )
    if (
        code in (SQLITE_READONLY, SQLITE_CANTOPEN)
        or "readonly" in text
        or "read-only" in text
        or "WAL" in text
        or "unable to open" in text
    ):
        return read_only_error(path, text)
    return StoreError(f"the database {path} cannot be used ({text}); see 'natobrief doctor'")
