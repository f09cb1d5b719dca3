"""A deck's raw lines read for what a YAML parser cannot tell: the card and the indentation.

When PyYAML stops on a syntax error there are no located values yet, so two
things are read from the text itself, line by line:

* which ``- id: ...`` entry of the top-level ``cards:`` list holds a line, so
  that the error names the card;
* how a line is indented against the levels still open above it, so that an
  over- or under-indented key gets a hint saying so instead of a hint about quoting.

This is a reading of the layout, not a second parser: what it does not
recognise (flow collections, quoted text over several lines) gives no answer
rather than a wrong one where it can, and never an exception.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import takewhile
from typing import NamedTuple

from natobrief.text import counted

# '- ' starting a list entry, then the rest of the line.
_ENTRY = re.compile(r"(?P<indent>[ \t]*)(?P<dash>-(?: +|\Z))?(?P<rest>.*)\Z")
# A key: plain text up to the first ':' followed by a space (or ending the line), or a
# quoted key. No ':' inside a plain key, so that matching stays linear on hostile lines.
_KEY = re.compile(
    r"""(?P<key>"[^"]*"|'[^']*'|[^\s#'"\[\]{},&*!|>%@`?:-][^#:]*|-[^\s#:][^#:]*):(?:\s|\Z)"""
)
_BLOCK_SCALAR = re.compile(r"[|>][-+0-9]*\s*(?:#.*)?\Z")
_WORD_KEY = re.compile(r"[\w-]+\Z")
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # as YAML counts lines


def raw_lines(text: str) -> list[str]:
    """The text's lines, split where YAML counts a new line (unlike str.splitlines)."""
    return _LINE_BREAK.split(text)


class _Line(NamedTuple):
    """One line that gives the document its shape: a key, a list entry, or both."""

    number: int  # 1-based
    indent: int  # spaces before the first character
    dash: bool  # starts a list entry ('- ')
    key: str | None  # the key written on the line, if any
    key_column: int  # 0-based column of the key, or of the entry's text after '- '
    value: str  # what follows 'key:' (or '- '), stripped


def _parse(number: int, raw: str) -> _Line:
    match = _ENTRY.match(raw)
    assert match is not None  # the pattern matches every line
    dash = match["dash"] or ""
    indent = len(match["indent"])
    rest = match["rest"]
    key_match = _KEY.match(rest)
    if key_match is None:
        return _Line(number, indent, bool(dash), None, indent + len(dash), rest.strip())
    key = _unquote(key_match["key"].strip())
    return _Line(
        number, indent, bool(dash), key, indent + len(dash), rest[key_match.end() :].strip()
    )


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
        return text[1:-1]
    return text


def _scalar_text(value: str) -> str | None:
    """A one-line scalar as written after 'key:', without quotes or a trailing comment."""
    if value[:1] in ("'", '"'):
        end = value.find(value[0], 1)
        return value[1:end] if end > 0 else None
    text = re.split(r"\s#", value, maxsplit=1)[0].strip()
    return text if text and text[0] not in "[{&*!|>#" else None


def _structure(text: str) -> Iterator[_Line]:
    """The lines that give the document its shape, skipping blanks, comments and block text."""
    block_parent: int | None = None  # the indentation a block scalar's text must exceed
    for number, raw in enumerate(raw_lines(text), start=1):
        stripped = raw.lstrip(" \t")  # a tab is refused, but still indents
        if block_parent is not None:
            if not stripped or len(raw) - len(stripped) > block_parent:
                continue
            block_parent = None
        if not stripped or stripped[0] == "#":
            continue
        line = _parse(number, raw)
        yield line
        if line.value[:1] in ("|", ">") and _BLOCK_SCALAR.match(line.value):
            block_parent = line.key_column if line.key is not None else line.indent


@dataclass(slots=True)
class _Card:
    """The lines of one entry of ``cards:``."""

    start: int
    key_column: int | None  # where its keys are written; None until seen
    card_id: str | None
    end: int = sys.maxsize  # last line that belongs to it; not known until the next begins


def _cards(lines: Iterable[_Line]) -> Iterator[_Card | None]:
    """The entries of the top-level ``cards:`` list, each yielded as its first line is read.

    A card's ``end`` and an id written below its first line are filled in as reading
    goes on; None is yielded where the list ends.
    """
    current: _Card | None = None  # the entry being read; None before the list's first entry
    in_cards = False
    for line in lines:
        if line.indent == 0 and not line.dash:  # a top-level key (or '---') ends the list
            if current is not None:
                current.end = line.number - 1
            if in_cards:
                yield None
            in_cards = line.key == "cards" and (not line.value or line.value.startswith("#"))
            current = None
            continue
        if not in_cards:
            continue
        if line.dash and (current is None or line.indent < _entry_keys(current)):
            if current is not None:
                current.end = line.number - 1
            card_id = _scalar_text(line.value) if line.key == "id" else None
            key_column = line.key_column if line.key or line.value else None
            current = _Card(line.number, key_column, card_id)
            yield current
        elif current is not None and line.key is not None:
            if current.key_column is None:
                current.key_column = line.key_column
            if (
                current.card_id is None
                and line.key == "id"
                and line.key_column == current.key_column
            ):
                current.card_id = _scalar_text(line.value)


def _entry_keys(card: _Card) -> int:
    """The column of an entry's keys: a '- ' further left than them starts the next entry."""
    return card.key_column if card.key_column is not None else sys.maxsize


def card_at(text: str, line: int) -> str | None:
    """The id of the card whose lines hold ``line`` (1-based), when the text shows one.

    Reading stops once past the card, so the cost is that of the lines above it.
    """
    holder: _Card | None = None
    for card in _cards(_structure(text)):
        if card is None:  # the cards list ended
            if holder is not None and holder.end >= line:
                break
            holder = None
        elif card.start > line:
            break
        else:
            holder = card
    if holder is None or not holder.start <= line <= holder.end:
        return None
    return holder.card_id


@dataclass(frozen=True, slots=True)
class _Level:
    """A level of indentation still open: the keys of a mapping, or the '- ' of a list."""

    column: int
    entry: bool  # True for a list's '- ', False for a mapping's keys
    line: _Line  # the nearest line above written at this level


def _open_levels(lines: list[_Line]) -> list[_Level]:
    """The levels still open after ``lines``, innermost first."""
    levels: list[_Level] = []
    limit = sys.maxsize
    for line in reversed(lines):
        if line.key is not None and line.key_column < limit:
            levels.append(_Level(line.key_column, False, line))
            limit = line.key_column
        if line.dash and line.indent < limit:
            levels.append(_Level(line.indent, True, line))
            limit = line.indent
        if limit == 0:
            break
    return levels


def indentation_hint(text: str, number: int) -> str | None:
    """'line N is indented 2 spaces more than ...' when line N lines up with no open level."""
    texts = raw_lines(text)
    if not 0 < number <= len(texts):
        return None
    line = _parse(number, texts[number - 1])
    if line.key is None and not line.dash:
        return None
    lines = list(takewhile(lambda above: above.number < number, _structure(text)))
    levels = _open_levels(lines)
    opens_block = not lines or not lines[-1].value or lines[-1].value[0] in "#|>"
    if line.dash and not opens_block and any(lv.column == line.indent for lv in levels):
        return (
            f"line {number} starts a list entry ('- ') among keys lined up with it; remove "
            "the '- ', or, if it starts a new entry, line the '- ' up with the other entries"
        )
    column = line.indent if line.dash else line.key_column
    candidates = [level for level in levels if level.entry == line.dash]
    if not candidates:
        return None
    # The nearest level; between two equally near, the inner one (the lines just above).
    nearest = min(candidates, key=lambda level: (abs(level.column - column), -level.column))
    if nearest.column == column:
        return None
    shift = column - nearest.column
    spaces = counted(abs(shift), "space")
    amount = f"{spaces} {'more' if shift > 0 else 'less'}"
    outer = levels[levels.index(nearest) + 1 :]
    cards = [card for card in _cards(lines) if card is not None]
    what = _describe(nearest, outer[0] if outer else None, cards, number)
    return f"line {number} is indented {amount} than {what}; line them up"


def _describe(level: _Level, parent: _Level | None, cards: list[_Card], number: int) -> str:
    """What the lines at ``level`` are, as the hint names them."""
    card = next((c for c in cards if c.start <= number <= c.end), None)
    if level.entry:
        if any(c.start == level.line.number for c in cards):
            return "the '- ' that starts each card"
        return f"the '- ' on line {level.line.number}"
    if card is not None and level.column == card.key_column and level.line.number >= card.start:
        return "the card's other keys"
    if level.column == 0:
        return "the top-level keys"
    if parent is not None and not parent.entry and parent.line.key is not None:
        return f"the other keys under '{parent.line.key}:' (line {level.line.number})"
    return f"line {level.line.number} above it"


def colon_hint(text: str, number: int, column: int) -> str | None:
    """A hint for ': ' where YAML allows no mapping value (``mapping values are not allowed``).

    Either the value before it holds ': ' and needs quotes, or the line is a key
    indented out of step with the keys around it (YAML then reads it as more text
    of the value above).
    """
    texts = raw_lines(text)
    if not 0 < number <= len(texts):
        return None
    raw = texts[number - 1]
    before = _parse(number, raw[: max(column - 1, 0)])
    if before.key is not None:  # 'key: some text: more' -- the value holds ': '
        value = _parse(number, raw).value
        hint = f"the value of '{before.key}' holds ': ', so put it in quotes"
        quoted = _quoted(value)
        return hint + (f", e.g. {before.key}: {quoted}" if len(quoted) <= 70 else "")
    if _WORD_KEY.match(before.value):
        return indentation_hint(text, number)
    return (
        f"line {number} continues the text of the key above it and holds ': '; "
        "put that whole value in quotes"
    )


def _quoted(value: str) -> str:
    """``value`` as a quoted YAML scalar, single-quoted when that needs no escapes."""
    if '"' in value and "'" not in value:
        return f"'{value}'"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'
