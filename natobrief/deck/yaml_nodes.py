"""Safe YAML reading that keeps line numbers: the first stage of loading a deck.

We read the event stream of libyaml (through PyYAML's ``CSafeLoader``) and build
the values ourselves instead of letting PyYAML construct them. That gives us, in
one pass and without recursion:

* the line and column of every key and value, for errors an author can act on;
* duplicate keys refused (PyYAML silently keeps the last one);
* no tag that constructs objects (``!!python/object`` and friends are refused);
* bounded work on hostile input: nesting depth and alias expansion are counted
  (PyYAML's own C composer recurses and crashes the interpreter on deep nesting).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from natobrief.deck.yaml_layout import colon_hint, indentation_hint, raw_lines

# Limits that no hand-written deck comes near but that stop hostile files.
MAX_DEPTH = 64
MAX_ALIAS_EXPANSION = 1_000_000  # values that aliases may stand for, in all

_SAFE_SCALAR_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}
_MAP_TAG = "tag:yaml.org,2002:map"
_SEQ_TAG = "tag:yaml.org,2002:seq"

try:  # libyaml is bundled with PyYAML wheels; the pure-Python loader is a slow fallback.
    _Loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - only without libyaml
    _Loader = yaml.SafeLoader


@dataclass(slots=True)
class YScalar:
    """A scalar: ``raw`` as written, ``value`` as YAML resolves it (int, bool, date, ...)."""

    raw: str
    value: object
    line: int  # 1-based
    column: int  # 1-based
    quoted: bool = False


@dataclass(slots=True)
class YSeq:
    """A sequence of located values."""

    items: list[YValue]
    line: int
    column: int


@dataclass(slots=True)
class YMap:
    """A mapping with string keys; ``keys`` holds where each key was written."""

    values: dict[str, YValue]
    keys: dict[str, YScalar]
    line: int
    column: int
    order: list[str] = field(default_factory=list)


YValue = YScalar | YSeq | YMap


class YamlProblem(Exception):
    """The text is not YAML a deck can be read from; carries where and a hint."""

    def __init__(self, message: str, line: int, column: int, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.hint = hint


def _syntax_problem(error: yaml.YAMLError, text: str) -> YamlProblem:
    """Turn a PyYAML error into a located message with a hint that fits its cause."""
    if isinstance(error, yaml.reader.ReaderError):
        return _unreadable_character(error, text)
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    line = mark.line + 1 if mark is not None else 0
    column = mark.column + 1 if mark is not None else 0
    problem = getattr(error, "problem", None) or str(error)
    context = getattr(error, "context", None)
    context_mark = getattr(error, "context_mark", None)
    if "could not find expected ':'" in problem and context_mark is not None:
        # PyYAML stops on the line after the one that lacks its ':'; point at that one.
        line, column = context_mark.line + 1, context_mark.column + 1
    if context and context_mark is not None and context_mark.line + 1 != line:
        context = f"{context} that starts on line {context_mark.line + 1}"
    message = f"YAML syntax error: {problem}" + (f" ({context})" if context else "")
    hint = "check the indentation and quoting on this line and the one above it"
    lines = raw_lines(text)
    bad_line = lines[line - 1] if 0 < line <= len(lines) else ""
    indent = bad_line[: len(bad_line) - len(bad_line.lstrip())]
    if "\t" in indent or "\t" in problem or re.search(r"\btabs?\b", problem, re.IGNORECASE):
        message = "YAML syntax error: a tab character is used for indentation"
        hint = "indent with spaces, not tabs (YAML does not allow tabs)"
    elif "mapping values are not allowed" in problem:
        hint = colon_hint(text, line, column) or hint
    elif "could not find expected ':'" in problem:
        hint = (
            f"line {line} has no ':' after its key: write 'key: value', or, if it "
            "continues the text of the key above, indent it further than that key"
        )
    elif context_mark is not None and context and "while parsing a flow" in context:
        opened, closing = ("[", "]") if "sequence" in context else ("{", "}")
        hint = (
            f"close the '{opened}' on line {context_mark.line + 1} with '{closing}', or put "
            f"the value in quotes if the '{opened}' is part of its text"
        )
    elif "found undefined alias" in problem or "undefined alias" in problem:
        hint = "define the anchor (&name) before using the alias (*name)"
    elif "expected a single document" in problem or "but found another document" in str(error):
        message = "YAML syntax error: the file holds more than one YAML document"
        hint = "remove the '---' separator: a deck is one document"
    else:
        hint = indentation_hint(text, line) or hint
    return YamlProblem(message, line, column, hint)


def _unreadable_character(error: yaml.reader.ReaderError, text: str) -> YamlProblem:
    """A character YAML refuses to read (a control character), located by line and column."""
    code = error.character if isinstance(error.character, int) else None
    # The reader stops at the first such character; libyaml counts its position in bytes.
    found = text.find(chr(code)) if code is not None else -1
    above = raw_lines(text[: found if found >= 0 else min(error.position, len(text))])
    shown = f"character U+{code:04X}" if code is not None else "a character"
    return YamlProblem(
        f"YAML syntax error: the file holds {shown}, which YAML does not allow",
        len(above),
        len(above[-1]) + 1,
        "delete it: it is a control character, invisible in most editors; retype that spot",
    )


def parse_yaml(text: str) -> YValue | None:
    """Parse one YAML document into located values; None for an empty document.

    Raises YamlProblem for syntax errors, unsafe tags, duplicate keys, excessive
    nesting and alias bombs.
    """
    loader = _Loader(text)
    try:
        return _build(loader)
    except yaml.YAMLError as error:
        raise _syntax_problem(error, text) from None
    finally:
        loader.dispose()


@dataclass(slots=True)
class _Open:
    """A container still being read, with the key waiting for its value."""

    container: YSeq | YMap
    anchor: str | None
    pending_key: str | None = None
    expanded_size: int = 1  # this node plus everything below it, aliases expanded


def _build(loader: yaml.SafeLoader | yaml.CSafeLoader) -> YValue | None:
    """Build located values from the event stream, iteratively (no recursion)."""
    stack: list[_Open] = []
    anchors: dict[str, tuple[YValue, int]] = {}
    root: YValue | None = None
    documents = 0
    expanded_by_aliases = 0

    def attach(value: YValue, expanded_size: int, anchor: str | None) -> None:
        nonlocal root
        if anchor is not None:
            anchors[anchor] = (value, expanded_size)
        if not stack:
            root = value
            return
        frame = stack[-1]
        frame.expanded_size += expanded_size
        if isinstance(frame.container, YSeq):
            frame.container.items.append(value)
        elif frame.pending_key is None:
            frame.pending_key = _new_key(frame.container, value)
        else:
            frame.container.values[frame.pending_key] = value
            frame.container.order.append(frame.pending_key)
            frame.pending_key = None

    while True:
        event = loader.get_event()
        if event is None:
            break
        mark = event.start_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (0, 0)
        if isinstance(event, yaml.AliasEvent) and event.anchor in anchors:
            # An alias stands for everything below its anchor: count it all, so
            # that nested aliases (a "billion laughs" file) are stopped early.
            expanded_by_aliases += anchors[event.anchor][1]
            if expanded_by_aliases > MAX_ALIAS_EXPANSION:
                raise YamlProblem(
                    "the document expands to too many values (an alias bomb?)",
                    line,
                    column,
                    "use fewer anchors and aliases (&name / *name)",
                )
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise YamlProblem(
                    "the file holds more than one YAML document",
                    line,
                    column,
                    "remove the '---' separator: a deck is one document",
                )
        elif isinstance(event, yaml.ScalarEvent):
            attach(_scalar(loader, event, line, column), 1, event.anchor)
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in anchors:
                raise YamlProblem(
                    f"alias *{event.anchor} has no anchor &{event.anchor} before it",
                    line,
                    column,
                    "define the anchor (&name) before using the alias (*name)",
                )
            value, size = anchors[event.anchor]
            attach(value, size, None)
        elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
            if len(stack) >= MAX_DEPTH:
                raise YamlProblem(
                    f"the document is nested more than {MAX_DEPTH} levels deep",
                    line,
                    column,
                    "a deck needs only a few levels; check for runaway brackets",
                )
            is_map = isinstance(event, yaml.MappingStartEvent)
            if event.tag not in (None, "!", _MAP_TAG if is_map else _SEQ_TAG):
                raise _unsafe_tag(str(event.tag), line, column)
            container: YSeq | YMap = (
                YMap({}, {}, line, column) if is_map else YSeq([], line, column)
            )
            stack.append(_Open(container, event.anchor))
        elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
            done = stack.pop()
            attach(done.container, done.expanded_size, done.anchor)
    return root


def _new_key(mapping: YMap, key: YValue) -> str:
    """Record a mapping key, refusing non-scalar and duplicate keys."""
    if not isinstance(key, YScalar):
        raise YamlProblem(
            "a mapping key must be plain text, not a list or mapping",
            key.line,
            key.column,
            "write keys as plain text, e.g. 'answer:'",
        )
    if key.raw in mapping.keys:
        first = mapping.keys[key.raw]
        raise YamlProblem(
            f"duplicate key '{key.raw}' (first written on line {first.line})",
            key.line,
            key.column,
            "keep one of the two; YAML would silently use only the last",
        )
    mapping.keys[key.raw] = key
    return key.raw


def _unsafe_tag(tag: str, line: int, column: int) -> YamlProblem:
    shown = tag.replace("tag:yaml.org,2002:", "!!")
    return YamlProblem(
        f"YAML tag '{shown}' is not allowed: natobrief reads no tags",
        line,
        column,
        "remove the tag; values are plain text, numbers, true/false, lists and mappings",
    )


def _scalar(
    loader: yaml.SafeLoader | yaml.CSafeLoader,
    event: yaml.ScalarEvent,
    line: int,
    column: int,
) -> YScalar:
    raw = event.value
    plain, _quoted_implicit = event.implicit
    tag = event.tag
    quoted = bool(event.style)
    if tag is None or tag == "!":
        if not plain:  # quoted or a block scalar: always text
            return YScalar(raw, raw, line, column, quoted=True)
        tag = loader.resolve(yaml.ScalarNode, raw, (True, False))  # type: ignore[no-untyped-call]
    if tag not in _SAFE_SCALAR_TAGS:
        raise _unsafe_tag(str(tag), line, column)
    if tag == "tag:yaml.org,2002:str":
        return YScalar(raw, raw, line, column, quoted=quoted)
    node = yaml.ScalarNode(tag, raw)
    try:
        value = loader.construct_object(node)
    except (yaml.YAMLError, ValueError, OverflowError):
        value = raw
    return YScalar(raw, value, line, column, quoted=quoted)
