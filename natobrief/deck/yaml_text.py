"""One card as YAML text, written the way a person writes a deck, every string YAML-safe.

Strings are emitted by PyYAML as single scalars (plain when that reads back as
the same text, else double-quoted with escapes), so quotes, colons, ``#``,
leading dashes, ``{{gaps}}`` and any Unicode survive exactly. Lists of simple
words are written ``[a, b]`` as in the bundled decks; anything else as a block.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import yaml

# The order keys are written in; the bundled decks use it. Unknown (x-) keys follow.
KEY_ORDER = (
    "id", "type", "prompt", "text", "options", "answer", "accept", "items", "pairs",
    "tolerance", "unit", "source", "doc", "quote", "note", "tags",
)  # fmt: skip
_FLOW_SAFE = re.compile(r"[^\W_][\w .%/'-]*", re.UNICODE)  # items that read the same in [a, b]
_FLOW_MAX = 90


def render_card(card: Mapping[str, object], dash_column: int = 2, key_offset: int = 2,
                nested_step: int = 2, newline: str = "\n") -> str:  # fmt: skip
    """The card as a block-list entry (``- id: ...``), every string YAML-safe.

    Raises ValueError when the text would not read back as the same card (a value
    type the deck format does not use).
    """
    lines: list[str] = []
    key_column = dash_column + key_offset
    for number, key in enumerate(_ordered(card)):
        for line in yaml_lines(key, card[key], key_column, nested_step):
            lines.append(line)
        if number == 0:
            lines[0] = " " * dash_column + "-" + " " * (key_offset - 1) + lines[0][key_column:]
    block = "\n".join(lines) + "\n"
    if yaml.safe_load(block) != [_plain_data(card)]:
        raise ValueError(f"card {card.get('id')!r} does not survive YAML")
    return block.replace("\n", newline)


def yaml_scalar(value: object) -> str:
    """One scalar as YAML text on one line: plain when that reads back the same, else quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return yaml.safe_dump(value, width=float("inf")).removesuffix("\n...\n").strip()
    if not isinstance(value, str):
        raise ValueError(f"not a scalar: {value!r}")
    dumped = yaml.safe_dump(value, allow_unicode=True, width=float("inf"))
    dumped = dumped.removesuffix("\n...\n").removesuffix("\n")
    if "\n" not in dumped and yaml.safe_load(dumped) == value:
        return dumped
    quoted = yaml.safe_dump(value, default_style='"', allow_unicode=True, width=float("inf"))
    return quoted.rstrip("\n")


def _ordered(card: Mapping[str, object]) -> list[str]:
    known = [key for key in KEY_ORDER if key in card]
    return known + [key for key in card if key not in KEY_ORDER]


def yaml_lines(key: str, value: object, column: int, step: int = 2) -> list[str]:
    """``key: value`` as YAML lines at ``column``; lists and mappings nest by ``step``."""
    pad = " " * column
    name = yaml_scalar(key)
    if isinstance(value, Mapping):
        if not value:
            return [f"{pad}{name}: {{}}"]
        lines = [f"{pad}{name}:"]
        for inner in _ordered(value):
            lines += yaml_lines(str(inner), value[inner], column + step, step)
        return lines
    if isinstance(value, (list, tuple)):
        items = [yaml_scalar(item) for item in value]
        flow = f"{pad}{name}: [{', '.join(items)}]"
        if all(isinstance(i, str) and _FLOW_SAFE.fullmatch(i) for i in value) and len(flow) <= (
            _FLOW_MAX
        ):
            return [flow]
        return [f"{pad}{name}:"] + [f"{pad}{' ' * step}- {item}" for item in items]
    return [f"{pad}{name}: {yaml_scalar(value)}"]


def _plain_data(value: object) -> object:
    if isinstance(value, Mapping):
        return {str(k): _plain_data(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain_data(v) for v in value]
    return value
