"""Values a database can hold that natobrief would not have written, found and mended.

SQLite's integrity check passes a database whose rows hold values of the wrong
form: a due time that is not a time, a memory state that is not JSON, a log
entry of an unknown kind. Readers decode such a value leniently (a card with an
unreadable due time is treated as new; a log entry that cannot be read is left
out), so one bad row never stops a command. ``natobrief doctor`` lists them
here, and ``doctor --repair`` mends them, after a backup: a bad log entry is
set aside (marked undone, kept for inspection) and every card's state is
rebuilt from what the log holds. Anchor: Anki's Check Database.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import NamedTuple

_KINDS = ("review", "bury", "suspend", "unsuspend", "unbury", "reset")
_MODES = ("study", "exam")


class BadValue(NamedTuple):
    """One value of one row that natobrief cannot read."""

    table: str
    row: str  # "deck/card" for card_state, the entry's id for review_log
    column: str
    value: str  # as stored, cut short


def is_time(value: object) -> bool:
    """True for an ISO 8601 time with a time zone, as natobrief stores times."""
    if not isinstance(value, str):
        return False
    try:
        return datetime.fromisoformat(value).tzinfo is not None
    except ValueError:
        return False


def is_memory(value: object) -> bool:
    """True for a stored fsrs memory state: JSON with a due time and a learning state."""
    if not isinstance(value, str):
        return False
    try:
        fields = json.loads(value)
        return is_time(fields["due"]) and int(fields["state"]) in (1, 2, 3)
    except (ValueError, KeyError, TypeError):
        return False


def _shown(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def bad_values(connection: sqlite3.Connection) -> list[BadValue]:
    """Every value in card_state and review_log that natobrief cannot read."""
    found: list[BadValue] = []
    rows = connection.execute(
        "SELECT deck_id, card_id, memory, due, stage, buried_until, reps, lapses, suspended, "
        "leech FROM card_state"
    )
    for deck_id, card_id, memory, due, stage, buried_until, *counts in rows:
        where = f"{deck_id}/{card_id}"
        for name, value in zip(("reps", "lapses", "suspended", "leech"), counts, strict=True):
            whole = isinstance(value, int) and value >= 0
            if not whole or (name in ("suspended", "leech") and value not in (0, 1)):
                found.append(BadValue("card_state", where, name, _shown(value)))
        if memory is not None and not is_memory(memory):
            found.append(BadValue("card_state", where, "memory", _shown(memory)))
        if due is not None and not is_time(due):
            found.append(BadValue("card_state", where, "due", _shown(due)))
        if buried_until is not None and not is_time(buried_until):
            found.append(BadValue("card_state", where, "buried_until", _shown(buried_until)))
        if stage not in (0, 1, 2, 3):
            found.append(BadValue("card_state", where, "stage", _shown(stage)))
    entries = connection.execute(
        "SELECT id, kind, mode, reviewed_at, state_before, state_after, until FROM review_log "
        "WHERE undone = 0"
    )
    for log_id, kind, mode, reviewed_at, state_before, state_after, until in entries:
        where = str(log_id)
        if kind not in _KINDS:
            found.append(BadValue("review_log", where, "kind", _shown(kind)))
        if mode not in _MODES:
            found.append(BadValue("review_log", where, "mode", _shown(mode)))
        if not is_time(reviewed_at):
            found.append(BadValue("review_log", where, "reviewed_at", _shown(reviewed_at)))
        if state_before is not None and not is_memory(state_before):
            found.append(BadValue("review_log", where, "state_before", _shown(state_before)))
        if state_after is not None and not is_memory(state_after):
            found.append(BadValue("review_log", where, "state_after", _shown(state_after)))
        if until is not None and not is_time(until):
            found.append(BadValue("review_log", where, "until", _shown(until)))
    return found


def set_aside(connection: sqlite3.Connection, bad: list[BadValue]) -> int:
    """Mark every log entry with a bad value undone (the rebuild then leaves it out)."""
    ids = sorted({int(value.row) for value in bad if value.table == "review_log"})
    with connection:
        connection.executemany("UPDATE review_log SET undone = 1 WHERE id = ?", [(i,) for i in ids])
    return len(ids)
