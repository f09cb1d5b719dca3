"""Typed reading of located YAML values, collecting problems instead of stopping.

The loader and the card validator read every field through a :class:`Fields`
reader, so that each wrong value becomes one problem with file:line:col, the
card id and a hint, and reading goes on to find the next problem.
"""

from __future__ import annotations

import re
from difflib import get_close_matches
from pathlib import Path

from natobrief.deck.yaml_nodes import YMap, YScalar, YSeq, YValue
from natobrief.errors import DeckProblem, Severity
from natobrief.text import has_control, strip_control

ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_TYPE_NAMES = {YMap: "a mapping", YSeq: "a list", YScalar: "a single value"}


class Problems:
    """The problems found in one deck file, in the order they were found."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.items: list[DeckProblem] = []

    def add(
        self,
        where: YValue | None,
        message: str,
        hint: str = "",
        *,
        card: str | None = None,
        severity: Severity = "error",
    ) -> None:
        """Record a problem at ``where`` (a located value; None for the whole file)."""
        line = where.line if where is not None else 0
        column = where.column if where is not None else 0
        self.items.append(DeckProblem(self.file, line, column, card, message, hint, severity))

    @property
    def has_errors(self) -> bool:
        """True when at least one problem is an error (not only warnings)."""
        return any(p.severity == "error" for p in self.items)


class Fields:
    """Reads the fields of one mapping (the deck, a source, a card) into Python values."""

    def __init__(
        self, mapping: YMap, problems: Problems, what: str, card: str | None = None
    ) -> None:
        self.mapping = mapping
        self.problems = problems
        self.what = what  # "the deck", "source 'x'", "card"
        self.card = card

    def error(self, where: YValue | None, message: str, hint: str = "") -> None:
        """Record an error about this mapping's field."""
        self.problems.add(where or self.mapping, message, hint, card=self.card)

    def check_keys(self, allowed: set[str], elsewhere: dict[str, str] | None = None) -> None:
        """Refuse unknown keys (with a did-you-mean); keys starting ``x-`` are always allowed."""
        for key, key_node in self.mapping.keys.items():
            if key in allowed or key.startswith("x-"):
                continue
            hint = "remove it, or prefix it with 'x-' to keep private data"
            if elsewhere and key in elsewhere:
                hint = elsewhere[key]
            else:
                close = get_close_matches(key, sorted(allowed), n=1, cutoff=0.6)
                if close:
                    hint = f"did you mean '{close[0]}'?"
            self.error(key_node, f"unknown key '{key}' in {self.what}", hint)

    def extra(self) -> dict[str, object]:
        """The ``x-`` keys, as plain Python values, kept for tools that want them."""
        return {
            key: to_plain(value)
            for key, value in self.mapping.values.items()
            if key.startswith("x-")
        }

    def node(self, key: str) -> YValue | None:
        """The located value of ``key`` (None when absent or written empty)."""
        value = self.mapping.values.get(key)
        if isinstance(value, YScalar) and value.value is None and not value.quoted:
            return None
        return value

    def missing(self, key: str, hint: str) -> None:
        """Record that a required key is absent (or present with nothing after it)."""
        if key in self.mapping.keys:
            self.error(self.mapping.keys[key], f"'{key}' in {self.what} is empty", hint)
        else:
            self.error(self.mapping, f"{self.what} has no '{key}'", hint)

    def text(self, key: str, *, required: bool = False, hint: str = "") -> str | None:
        """A text field. Numbers and booleans are taken as written (``answer: 1988``)."""
        value = self.node(key)
        if value is None:
            if required:
                self.missing(key, hint or f"add '{key}: ...'")
            return None
        return self.text_of(value, f"'{key}'")

    def text_of(self, value: YValue, label: str) -> str | None:
        """The text of one located value, or a problem when it is a list or mapping."""
        if not isinstance(value, YScalar):
            self.error(
                value,
                f"{label} must be text, not {_TYPE_NAMES[type(value)]}",
                "write it on one line after the colon, quoted if it holds ': ' or '#'",
            )
            return None
        if value.value is None and not value.quoted:
            self.error(value, f"{label} is empty", "write a value or remove the key")
            return None
        raw = value.raw
        if has_control(raw):
            self.problems.add(
                value,
                f"{label} holds control or escape characters; they were removed",
                "retype the text; terminal escape codes are never shown",
                card=self.card,
                severity="warning",
            )
            raw = strip_control(raw)
        if not raw.strip():
            self.error(value, f"{label} is empty", "write a value or remove the key")
            return None
        return raw.strip()

    def text_list(
        self, key: str, *, required: bool = False, hint: str = "", allow_single: bool = True
    ) -> list[str] | None:
        """A list of texts; a single text is taken as a list of one when ``allow_single``."""
        value = self.node(key)
        if value is None:
            if required:
                self.missing(key, hint or f"add '{key}: [..., ...]'")
            return None
        if isinstance(value, YScalar) and allow_single:
            single = self.text_of(value, f"'{key}'")
            return None if single is None else [single]
        if not isinstance(value, YSeq):
            self.error(value, f"'{key}' must be a list", f"write {key}: [first, second]")
            return None
        texts: list[str] = []
        ok = True
        for index, item in enumerate(value.items, start=1):
            text = self.text_of(item, f"item {index} of '{key}'")
            if text is None:
                ok = False
            else:
                texts.append(text)
        return texts if ok else None

    def identifier(self, key: str, what: str) -> str | None:
        """A required id in the form [a-z0-9][a-z0-9-]*."""
        text = self.text(key, required=True, hint=f"add '{key}: my-{what}'")
        if text is None:
            return None
        if not ID_PATTERN.match(text):
            suggestion = re.sub(r"[^a-z0-9-]+", "-", text.lower()).strip("-") or "my-id"
            self.error(
                self.node(key),
                f"{what} id '{text}' may use only lower-case letters, digits and '-'",
                f"try '{suggestion}'",
            )
            return None
        return text


def to_plain(value: YValue) -> object:
    """A located value as plain Python data (for ``x-`` keys)."""
    if isinstance(value, YScalar):
        return value.value
    if isinstance(value, YSeq):
        return [to_plain(item) for item in value.items]
    return {key: to_plain(item) for key, item in value.values.items()}


def describe(value: YValue) -> str:
    """'a list', 'a mapping' or 'a single value', for messages."""
    return _TYPE_NAMES[type(value)]
