"""The JSON Schema of deck format v1, so editors (yaml-language-server) complete and check decks.

Built from the loader's own tables of keys (natobrief.deck.cards, natobrief.deck.loader),
so the two cannot drift apart silently; a test checks the schema against the bundled decks.
"""

from __future__ import annotations

from typing import Any

from natobrief.deck.cards import COMMON_KEYS, MAX_ITEMS, MIN_ITEMS, TYPE_KEYS
from natobrief.deck.loader import DECK_KEYS, FORMAT_VERSION, SOURCE_KEYS

Schema = dict[str, Any]

_ID: Schema = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"}
_TEXT: Schema = {"type": ["string", "number", "boolean"]}
_TEXTS: Schema = {"oneOf": [_TEXT, {"type": "array", "items": _TEXT, "minItems": 1}]}
_X_KEYS: Schema = {"^x-": {}}

_FIELD_SCHEMAS: dict[str, dict[str, Any]] = {
    "id": {
        "type": ["string", "number"],
        "description": "Unique in the deck; progress is kept by it.",
    },
    "type": {"enum": list(TYPE_KEYS), "default": "short"},
    "prompt": {**_TEXT, "description": "The question (for truefalse, the statement)."},
    "note": {**_TEXT, "description": "Shown after answering."},
    "tags": _TEXTS,
    "source": {
        "type": "object",
        "required": ["doc", "quote"],
        "properties": {
            "doc": {**_ID, "description": "A source id of this deck."},
            "quote": {**_TEXTS, "description": "Verbatim passage(s) of the source."},
        },
        "additionalProperties": False,
    },
    "answer": {"description": "short/choice: text; truefalse: true/false; number: a number."},
    "accept": _TEXTS,
    "options": {"type": "array", "items": _TEXT, "minItems": MIN_ITEMS, "maxItems": MAX_ITEMS},
    "text": {**_TEXT, "description": "Cloze text with gaps marked {{like this}} or {{a|b}}."},
    "tolerance": {"type": "number", "minimum": 0},
    "unit": _TEXT,
    "items": {"type": "array", "items": _TEXT, "minItems": MIN_ITEMS, "maxItems": MAX_ITEMS},
    "pairs": {
        "type": "object",
        "minProperties": MIN_ITEMS,
        "maxProperties": MAX_ITEMS,
        "additionalProperties": _TEXT,
    },
}
_ANSWER_BY_TYPE: dict[str, Schema] = {
    "short": _TEXT,
    "choice": _TEXT,
    "truefalse": {"type": ["boolean", "string"]},
    "number": {"type": "number"},
}
_REQUIRED_BY_TYPE = {
    "short": ["answer"],
    "choice": ["options", "answer"],
    "truefalse": ["answer"],
    "cloze": ["text"],
    "number": ["answer"],
    "order": ["items"],
    "match": ["pairs"],
}


def _card_schema(card_type: str) -> dict[str, Any]:
    keys = sorted(COMMON_KEYS | TYPE_KEYS[card_type])
    properties = {key: dict(_FIELD_SCHEMAS[key]) for key in keys}
    if card_type in _ANSWER_BY_TYPE:
        properties["answer"] = {**_ANSWER_BY_TYPE[card_type]}
    required = ["id", "source", *_REQUIRED_BY_TYPE[card_type]]
    if card_type != "cloze":
        required.append("prompt")
    type_rule: dict[str, Any] = {"const": card_type}
    condition: dict[str, Any] = {"properties": {"type": type_rule}, "required": ["type"]}
    if card_type == "short":  # the default type
        condition = {"anyOf": [condition, {"not": {"required": ["type"]}}]}
    return {
        "if": condition,
        "then": {
            "properties": properties,
            "required": required,
            "patternProperties": _X_KEYS,
            "additionalProperties": False,
        },
    }


def deck_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a deck file."""
    source: Schema = {
        "type": "object",
        "required": ["title", "file"],
        "properties": {key: {**_TEXT} for key in sorted(SOURCE_KEYS)},
        "patternProperties": _X_KEYS,
        "additionalProperties": False,
    }
    source["properties"]["date"] = {"type": ["string", "number"]}  # 2024-07-31, "2024-07" or 2021
    top: Schema = {key: {} for key in sorted(DECK_KEYS)}
    top.update(
        {
            "natobrief": {"const": FORMAT_VERSION, "description": "The format version."},
            "id": {**_ID, "description": "Progress is kept by (deck id, card id)."},
            "title": _TEXT,
            "description": _TEXT,
            "sources": {
                "type": "object",
                "minProperties": 1,
                "propertyNames": _ID,
                "additionalProperties": source,
            },
            "cards": {
                "type": "array",
                "minItems": 1,
                "items": {"type": "object", "allOf": [_card_schema(t) for t in TYPE_KEYS]},
            },
        }
    )
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://natobrief.example/deck-format-v1.schema.json",
        "title": "natobrief deck, format version 1",
        "type": "object",
        "required": ["natobrief", "id", "title", "sources", "cards"],
        "properties": top,
        "patternProperties": _X_KEYS,
        "additionalProperties": False,
    }
