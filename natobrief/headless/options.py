"""What a headless session is told on the command line, and its exit codes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from natobrief.errors import UsageError
from natobrief.session_types import Mode

# The clock a session may be given: far enough from year 1 and 9999 that a schedule,
# a study day and a forecast computed from it stay within what datetime holds.
EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
LATEST = datetime(9000, 12, 31, tzinfo=UTC)


@dataclass(frozen=True, slots=True)
class HeadlessOptions:
    """Everything a headless session is told on the command line."""

    mode: Mode
    decks: tuple[str, ...] = ()
    jsonl: bool = False
    answers: Path | None = None
    seed: int | None = None
    now: datetime | None = None
    db: Path | None = None
    count: int | None = None
    new: int | None = None
    pass_mark: float | None = None
    schedule: bool = False
    report: Path | None = None


def parse_now(text: str) -> datetime:
    """An ISO-8601 time for --now; a time without an offset is taken as UTC."""
    try:
        moment = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(
            f"--now '{text}' is not an ISO-8601 time; write e.g. 2026-11-22T09:00:00+00:00"
        ) from None
    moment = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    if not EARLIEST <= moment <= LATEST:  # schedules reach years ahead; dates past 9999 overflow
        raise UsageError(
            f"--now '{text}' is out of range; give a time from {EARLIEST:%Y-%m-%d} "
            f"to {LATEST:%Y-%m-%d}"
        )
    return moment
