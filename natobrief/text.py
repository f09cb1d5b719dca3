"""Text helpers shared by quote grounding, grading and every face that shows deck text.

Two jobs: fold typography so that a quote typed with straight quotes matches a
source printed with curly ones, and strip control characters so that deck text
can never drive the terminal (escape sequences, OSC 52 clipboard writes).
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right

# Typographic characters and the plain ones they fold to.
_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark / apostrophe
        "\u201a": "'",  # single low-9 quotation mark
        "\u201b": "'",  # single high-reversed-9 quotation mark
        "\u2032": "'",  # prime
        "\u00b4": "'",  # acute accent used as an apostrophe
        "\u201c": '"',  # left double quotation mark
        "\u201d": '"',  # right double quotation mark
        "\u201e": '"',  # double low-9 quotation mark
        "\u201f": '"',  # double high-reversed-9 quotation mark
        "\u2033": '"',  # double prime
        "\u00ab": '"',  # left guillemet
        "\u00bb": '"',  # right guillemet
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash
        "\u2014": "-",  # em dash
        "\u2015": "-",  # horizontal bar
        "\u2212": "-",  # minus sign
        "\u00a0": " ",  # no-break space
        "\u2009": " ",  # thin space
        "\u202f": " ",  # narrow no-break space
    }
)

# C0 and C1 control characters except tab and newline, plus DEL. Removing ESC
# (\x1b) and the 8-bit CSI/OSC introducers makes any escape sequence inert text.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional overrides and isolates can make text read differently from how it is stored;
# zero-width characters that belong to no script (zero-width space, word joiner, invisible
# operators, a byte-order mark inside the text) hide text. ZWJ and ZWNJ (U+200C, U+200D)
# stay: Persian, Indic scripts and emoji need them.
_BIDI_CONTROL = re.compile(r"[\u202a-\u202e\u2066-\u2069\u200b\u2060-\u2064\ufeff]")
# What JSON lets through raw but a terminal or a reader acts on: C1 controls, line and
# paragraph separators, bidi marks and the invisible characters above. --json and
# --jsonl write them as \uXXXX escapes (text read from files has lost most already).
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")
# Unpaired surrogates: what undecodable input bytes become (surrogateescape). They cannot
# be written as UTF-8, to a terminal or to SQLite, so they are shown as U+FFFD instead.
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_WHITESPACE = re.compile(r"\s+")
# The three classes above as one, for a single pass over a long text.
_ANY_CONTROL = re.compile(
    "|".join(pattern.pattern for pattern in (_CONTROL, _BIDI_CONTROL, _SURROGATE))
)
_ASCII_CONTROLS = "".join(chr(code) for code in (*range(0x09), *range(0x0B, 0x20), 0x7F))


# Every character str.isspace() calls whitespace (a test holds the list to it), as a plain
# space: the offsets walk then needs to look for one character only.
WHITESPACE_CHARACTERS = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_FOLD_AND_SPACE = {**_TYPOGRAPHY, **{ord(char): " " for char in WHITESPACE_CHARACTERS}}


def json_text(value: object, indent: int | None = None) -> str:
    """``value`` as JSON (UTF-8 text, not ASCII escapes), with what a terminal would act on
    escaped: the JSON reads back the same, and nothing in it drives the terminal."""
    import json

    dumped = json.dumps(value, indent=indent, ensure_ascii=False)
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)


def fold_typography(text: str) -> str:
    """Curly quotes to straight, dashes to hyphen-minus, odd spaces to plain spaces."""
    return text.translate(_TYPOGRAPHY)


def strip_control(text: str) -> str:
    """Text safe to display and to store: control characters, bidirectional overrides and
    zero-width characters of no script removed (tab and newline kept), unpaired surrogates
    replaced by U+FFFD.
    """
    return _SURROGATE.sub("\ufffd", _BIDI_CONTROL.sub("", _CONTROL.sub("", text)))


def printable(text: str) -> str:
    """``text`` with every character :func:`strip_control` removes written as a visible
    escape (``\\x1b``, ``\\u202e``), tab and newline kept.

    For names the user must be able to recognise and type back, such as a file's path:
    removing the characters would name another file, printing them would drive the
    terminal.
    """

    def escaped(match: re.Match[str]) -> str:
        code = ord(match.group())
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"

    for pattern in (_CONTROL, _BIDI_CONTROL, _SURROGATE):
        text = pattern.sub(escaped, text)
    return text


def strip_control_in(value: object) -> object:
    """``value`` (text, or mappings and lists of it, as a card is) with every text in it
    passed through :func:`strip_control`; anything else as it is."""
    if isinstance(value, str):
        return strip_control(value)
    if isinstance(value, dict):
        return {key: strip_control_in(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [strip_control_in(item) for item in value]
    return value


def has_control(text: str) -> bool:
    """True when :func:`strip_control` would change ``text``."""
    return first_control(text) is not None


def first_control(text: str) -> tuple[int, int, str] | None:
    """Where the first character :func:`strip_control` removes stands: (line, column,
    its code point as "U+001B"), both 1-based; None when there is none."""
    # A megabyte source is searched on every load: ASCII text is settled by a substring
    # search per control character (memchr), anything else by one pass of one pattern.
    if text.isascii() and not any(char in text for char in _ASCII_CONTROLS):
        return None
    found = _ANY_CONTROL.search(text)
    if found is None:
        return None
    at = found.start()
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return line, column, f"U+{ord(text[at]):04X}"


def collapse_whitespace(text: str) -> str:
    """Every run of whitespace (line breaks included) becomes one space; ends trimmed."""
    return _WHITESPACE.sub(" ", text).strip()


def normalise_passage(text: str) -> str:
    """The form in which quotes and sources are compared: folded and whitespace-collapsed."""
    return collapse_whitespace(fold_typography(text))


def counted(count: int, word: str, plural: str = "") -> str:
    """A count with its noun in the right number: '1 card', '2 cards', '3 categories'."""
    return f"{count} {word if count == 1 else plural or word + 's'}"


def normalise_with_offsets(text: str) -> tuple[str, Offsets]:
    """Normalise like :func:`normalise_passage` and map each output index to its input index.

    ``offsets[i]`` is the position in ``text`` of character ``i`` of the result (a
    collapsed space stands for the last whitespace character of its run); index
    ``len(result)`` marks the end, so a span ``[a, b)`` of the result maps back to
    ``[offsets[a], offsets[b - 1] + 1)`` of the original.
    """
    # Typography folded and every whitespace character made a plain space, one character
    # for one, so positions are unchanged; then only runs of two or more spaces move the
    # text. One (result index, original index) pair per such run maps the whole text: the
    # work is a C string search per run, not a Python step per character.
    folded = text.translate(_FOLD_AND_SPACE)
    end = len(folded.rstrip(" "))
    at = removed = len(folded) - len(folded.lstrip(" "))  # leading whitespace is dropped
    starts, origins = array("q", [0] if at else []), array("q", [at] if at else [])
    pieces: list[str] = []
    run = folded.find("  ", at, end)
    while run >= 0:
        after = run + 2
        while folded[after] == " ":  # stops inside the text: it ends on a non-space
            after += 1
        pieces.append(folded[at:run])
        starts.append(run - removed)  # the one space the run became
        origins.append(after - 1)
        removed += after - run - 1
        at = after
        run = folded.find("  ", at, end)
    pieces.append(folded[at:end])
    normalised = " ".join(pieces)
    return normalised, Offsets(starts, origins, len(normalised), len(text))


class Offsets:
    """Where each character of a normalised text came from in its original, kept as one
    pair of integers per run of whitespace (8 bytes each in an ``array``) instead of one
    Python integer per character: a 1 MB source needs kilobytes, not tens of megabytes."""

    __slots__ = ("_end", "_length", "_origins", "_starts")

    def __init__(self, starts: array[int], origins: array[int], length: int, end: int) -> None:
        self._starts, self._origins, self._length, self._end = starts, origins, length, end

    def __len__(self) -> int:
        return self._length + 1

    def __getitem__(self, index: int) -> int:
        if index < 0:
            index += self._length + 1
        if not 0 <= index <= self._length:
            raise IndexError(index)
        if index == self._length:
            return self._end
        run = bisect_right(self._starts, index) - 1
        if run < 0:
            return index
        return self._origins[run] + index - self._starts[run]

    def _key(self) -> tuple[bytes, bytes, int, int]:
        return self._starts.tobytes(), self._origins.tobytes(), self._length, self._end

    def __eq__(self, other: object) -> bool:  # a SourceIndex (a frozen dataclass) compares
        return self._key() == other._key() if isinstance(other, Offsets) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._key())


def byte_position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (both from 1) of byte ``offset`` in ``data``: where a bad byte sits."""
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column
