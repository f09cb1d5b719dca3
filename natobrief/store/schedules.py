"""A card's schedule as a session start reads it: due time, burial, suspension.

Kept apart from the full card state (:class:`natobrief.store.progress.CardProgress`)
so that opening a session over 100,000 cards need not decode 100,000 fsrs
memory states; both share the rules below.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import NamedTuple


class CardSchedule(NamedTuple):
    """What building a queue needs of one card's progress, read without decoding its memory.

    Decoding every fsrs memory state is most of the cost of :meth:`Progress.card_states`
    (about 30 µs a card); a session start over 100,000 cards reads these instead.
    """

    due: str | None  # ISO 8601 UTC; None: never reviewed (only buried or suspended)
    buried_until: str | None
    suspended: bool

    def due_at(self) -> datetime | None:
        """When the card is due, or None for a card never reviewed."""
        return due_time(self.due)

    def available(self, now: datetime) -> bool:
        """Neither suspended nor buried past ``now``."""
        return is_available(self.suspended, self.buried_until, now)

    def due_now(self, now: datetime) -> bool:
        """Reviewed before, due at ``now``, and available."""
        return is_due(self.due, self.suspended, self.buried_until, now)


def due_time(due: str | None) -> datetime | None:
    """An ISO 8601 due time as a datetime; None for a card never reviewed, and for a due
    time that cannot be read (the card then counts as new; ``doctor`` names it)."""
    return read_time(due) if due else None


def read_time(text: str) -> datetime | None:
    """A stored ISO 8601 time with its zone; None when it is not one (a row natobrief did
    not write, see store/rows.py)."""
    try:
        moment = datetime.fromisoformat(text)
    except (ValueError, TypeError):
        return None
    return moment if moment.tzinfo is not None else None


def is_available(suspended: bool, buried_until: str | None, now: datetime) -> bool:
    """Neither suspended nor buried past ``now``: the one rule for every reader of progress.

    A burial whose end cannot be read does not hide the card."""
    if suspended:
        return False
    until = read_time(buried_until) if buried_until else None
    return not (until is not None and until > now)


def is_due(due: str | None, suspended: bool, buried_until: str | None, now: datetime) -> bool:
    """Reviewed before, due at ``now``, neither suspended nor buried: what "due" counts."""
    due_at = due_time(due)
    return due_at is not None and due_at <= now and is_available(suspended, buried_until, now)


def utc_text(moment: datetime) -> str:
    """A time as the log stores it (ISO 8601 in UTC), so that text comparisons order times."""
    if moment.tzinfo is None:
        raise ValueError("time must be timezone-aware")
    return moment.astimezone(UTC).isoformat()
