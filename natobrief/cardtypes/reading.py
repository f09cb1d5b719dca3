"""Reading helpers that several card types share: lists of different texts, numbers."""

from __future__ import annotations

from natobrief.deck.fields import Fields, describe
from natobrief.deck.yaml_nodes import YScalar
from natobrief.text import normalise_passage

MIN_ITEMS, MAX_ITEMS = 2, 8  # options, items and pairs a card may have


def item_list(fields: Fields, key: str, noun: str) -> list[str] | None:
    """``key`` as a list of MIN_ITEMS to MAX_ITEMS different texts, None on an error."""
    items = fields.text_list(
        key,
        required=True,
        allow_single=False,
        hint=f"add '{key}:' with {MIN_ITEMS} to {MAX_ITEMS} {noun}s",
    )
    if items is None:
        return None
    if not MIN_ITEMS <= len(items) <= MAX_ITEMS:
        fields.error(
            fields.node(key),
            f"'{key}' needs {MIN_ITEMS} to {MAX_ITEMS} {noun}s, not {len(items)}",
            f"add or remove {noun}s",
        )
        return None
    folded = [normalise_passage(item).lower() for item in items]
    if len(set(folded)) != len(folded):
        duplicate = next(item for item, f in zip(items, folded, strict=True) if folded.count(f) > 1)
        fields.error(
            fields.node(key),
            f"'{key}' lists '{duplicate}' twice",
            f"every {noun} must be different",
        )
        return None
    return items


def number_field(fields: Fields, key: str, *, required: bool) -> float | None:
    """``key`` as a finite number, None when absent or on an error."""
    node = fields.node(key)
    if node is None:
        if required:
            fields.missing(key, f"add '{key}: 90' (a number; put any unit in 'unit:')")
        return None
    value = node.value if isinstance(node, YScalar) else None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        shown = node.raw if isinstance(node, YScalar) else describe(node)
        fields.error(
            node,
            f"'{key}' must be a number, not '{shown}'",
            "write the number alone (90) and put a unit in 'unit:' ('%')",
        )
        return None
    if value != value or value in (float("inf"), float("-inf")):
        fields.error(node, f"'{key}' must be a finite number", "write an ordinary number")
        return None
    return float(value)


def flag(fields: Fields, key: str, hint: str) -> bool | None:
    """``key`` as true or false (absent: false); None on an error."""
    node = fields.node(key)
    if node is None:
        return False
    value = node.value if isinstance(node, YScalar) else None
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        value = value.strip().lower() == "true"
    if not isinstance(value, bool):
        fields.error(node, f"'{key}' must be true or false", hint)
        return None
    return value
