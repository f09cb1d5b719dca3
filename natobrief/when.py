"""Times as a learner reads them: "in 10 minutes", "today 15:18", and intervals as "4d".

Anki writes a next review near at hand relative to now and an interval in its
largest unit; the feedback, the rating keys and the card browser do the same,
in the learner's local time zone.
"""

from __future__ import annotations

from datetime import datetime, timedelta

_MINUTE = 60
_HOUR = 60 * _MINUTE
_DAY = 24 * _HOUR


def relative(moment: datetime, now: datetime) -> str:
    """``moment`` as near times are said: "now", "in under a minute", "in 10 minutes",
    "today 15:18", "tomorrow 09:00", "Sat 12 Dec", then a date with its year; "overdue
    since ..." when it has passed by more than a minute."""
    seconds = (moment - now).total_seconds()
    local, today = moment.astimezone(), now.astimezone()
    if seconds < -_MINUTE:
        return f"overdue since {_day(local, today)}"
    if seconds <= 0:
        return "now"
    if seconds < _MINUTE:
        return "in under a minute"
    if seconds < _HOUR:
        minutes = round(seconds / _MINUTE)
        return f"in {minutes} minute{'s' if minutes != 1 else ''}"
    return _day(local, today)


def _day(local: datetime, today: datetime) -> str:
    """The day and time of ``local`` as near days are said, seen from ``today``."""
    days = (local.date() - today.date()).days
    clock = local.strftime("%H:%M")
    if days == 0:
        return f"today {clock}"
    if days == 1:
        return f"tomorrow {clock}"
    if days == -1:
        return f"yesterday {clock}"
    if abs(days) < 180:
        return local.strftime("%a %d %b")
    return local.strftime("%d %b %Y")


def interval(span: timedelta) -> str:
    """A time span in its largest unit, as Anki's rating buttons show it: "1m", "6m", "10m",
    "3h", "4d", "2mo", "1.5y" (under a minute: "<1m")."""
    seconds = span.total_seconds()
    if seconds < _MINUTE:
        return "<1m"
    if seconds < _HOUR:
        return f"{round(seconds / _MINUTE)}m"
    if seconds < _DAY:
        return f"{round(seconds / _HOUR)}h"
    days = seconds / _DAY
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{round(days / 30.4)}mo"
    years = days / 365.25
    return f"{years:.1f}y".replace(".0y", "y")
