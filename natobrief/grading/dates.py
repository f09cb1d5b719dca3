"""Dates and months as learners write them, read into one form.

"May 2024", "May of 2024", "05/2024", "2024-05" and "Feb 2022" are months;
"July 10, 2024", "10 July 2024", "July 10th, 2024", "2024-07-10" and
"12/31/1999", "10.07.2024" (day first, as dots mean) and "10th of July 2024"
are days. Each becomes one word (``@2024-05``, ``@2024-07-10``)
in the words an answer is compared in, so any of these forms names the same
date. A month name alone ("May") stays a word: it is also a verb.
"""

from __future__ import annotations

import re

_MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
MONTHS: dict[str, int] = {name: number for number, name in enumerate(_MONTHS, 1)}
MONTHS.update({name[:3]: number for name, number in list(MONTHS.items())})
MONTHS["sept"] = 9
_YEAR = re.compile(r"^(1[5-9]|20)\d\d$")
_DAY = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
_NUMERIC = re.compile(
    r"^(?:(?P<y1>\d{4})-(?P<m1>\d{1,2})(?:-(?P<d1>\d{1,2}))?"
    r"|(?P<m2>\d{1,2})/(?P<y2>\d{4})"
    r"|(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y3>\d{4})"
    r"|(?P<d4>\d{1,2})\.(?P<m4>\d{1,2})\.(?P<y4>\d{4}))$"
)


def _month(year: int, month: int, day: int | None = None) -> str | None:
    if not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    return f"@{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")


def _numeric(word: str) -> str | None:
    """ "2024-05", "05/2024", "12/31/1999" (month first unless that cannot be) as a date word."""
    match = _NUMERIC.match(word)
    if not match:
        return None
    if match["y1"]:
        day = int(match["d1"]) if match["d1"] else None
        return _month(int(match["y1"]), int(match["m1"]), day)
    if match["y2"]:
        return _month(int(match["y2"]), int(match["m2"]))
    if match["y4"]:  # 10.07.2024: with dots, the day comes first
        return _month(int(match["y4"]), int(match["m4"]), int(match["d4"]))
    first, second = int(match["a"]), int(match["b"])
    month, day = (first, second) if first <= 12 else (second, first)
    return _month(int(match["y3"]), month, day)


def _day(word: str) -> int | None:
    match = _DAY.match(word)
    return int(match.group(1)) if match else None


def date_words(words: list[str]) -> list[str]:
    """``words`` with every date or month in them as one date word (see the module doc)."""
    out: list[str] = []
    at = 0
    while at < len(words):
        found = _date_at(words, at)
        if found is None:
            out.append(words[at])
            at += 1
        else:
            out.append(found[0])
            at += found[1]
    return out


def _date_at(words: list[str], at: int) -> tuple[str, int] | None:
    """The date that starts at ``words[at]`` and how many words it takes."""
    numeric = _numeric(words[at])
    if numeric is not None:
        return numeric, 1
    ahead = [word for word in words[at : at + 5]]
    skip = [word for word in ahead if word != ","]  # "July 10, 2024": the comma is no word

    def used(count: int) -> int:  # words taken, commas between them included
        taken = seen = 0
        for word in ahead:
            taken += 1
            if word != ",":
                seen += 1
            if seen == count:
                return taken
        return taken

    if len(skip) >= 3 and skip[0] in MONTHS and _day(skip[1]) and _YEAR.match(skip[2]):
        date = _month(int(skip[2]), MONTHS[skip[0]], _day(skip[1]))  # July 10, 2024
        return (date, used(3)) if date else None
    if len(skip) >= 3 and _day(skip[0]) and skip[1] in MONTHS and _YEAR.match(skip[2]):
        date = _month(int(skip[2]), MONTHS[skip[1]], _day(skip[0]))  # 10 July 2024
        return (date, used(3)) if date else None
    of_month = len(skip) >= 4 and skip[1] == "of" and skip[2] in MONTHS
    if of_month and _day(skip[0]) and _YEAR.match(skip[3]):
        date = _month(int(skip[3]), MONTHS[skip[2]], _day(skip[0]))  # 10th of July 2024
        return (date, used(4)) if date else None
    if len(skip) >= 3 and skip[0] in MONTHS and skip[1] == "of" and _YEAR.match(skip[2]):
        date = _month(int(skip[2]), MONTHS[skip[0]])  # May of 2024
        return (date, used(3)) if date else None
    if len(skip) >= 2 and skip[0] in MONTHS and _YEAR.match(skip[1]):
        date = _month(int(skip[1]), MONTHS[skip[0]])  # May 2024
        return (date, used(2)) if date else None
    return None
