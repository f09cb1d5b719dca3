"""The JSON Schema of deck format v1, so editors (yaml-language-server) complete and check decks.

Card keys come from the loader's own tables (natobrief.deck.cards); tests check that the
deck and source keys match the loader's too, that the bundled decks validate, and that
what ``natobrief check`` refuses for its shape (an unknown type, a truefalse answer that
is neither true nor false, ...) the schema refuses as well.
"""

from __future__ import annotations

from typing import Any

from natobrief.cardtypes.reading import MAX_ITEMS, MIN_ITEMS
from natobrief.deck.cards import COMMON_KEYS, TYPE_KEYS
from natobrief.deck.loader import FORMAT_VERSION

Schema = dict[str, Any]

_ID: Schema = {"type": "string", "pattern": "^[a-z0-9][a-z0-9-]*$"}
# Text as the loader reads it: numbers and booleans are taken as written; blank text is refused.
_TEXT: Schema = {"type": ["string", "number", "boolean"], "pattern": "\\S"}
_X_KEYS: Schema = {"^x-": {}}
_NULL: Schema = {"type": "null"}  # an optional key written with nothing after it


def _texts(min_items: int) -> Schema:
    """One text, or a list of at least ``min_items`` texts."""
    return {"oneOf": [_TEXT, {"type": "array", "items": _TEXT, "minItems": min_items}]}


def _optional(schema: Schema) -> Schema:
    """``schema``, or nothing (``note:`` alone on its line), which the loader takes as absent."""
    optional: Schema = {"anyOf": [schema, _NULL]}
    if "description" in schema:  # kept on top, where editors show it
        optional["description"] = schema["description"]
    return optional


def _text_list(min_items: int) -> Schema:
    """A list of ``min_items`` to MAX_ITEMS different texts (choice options, order items)."""
    return {
        "type": "array",
        "items": _TEXT,
        "minItems": min_items,
        "maxItems": MAX_ITEMS,
        "uniqueItems": True,  # the loader also refuses items equal after normalisation
    }


# Card keys that may be left out (or written with nothing after them).
_OPTIONAL_CARD_KEYS = {"type", "note", "tags", "accept", "tolerance", "unit", "ordered", "gaps"}

_FIELD_SCHEMAS: dict[str, Schema] = {
    "id": {**_TEXT, "description": "Unique in the deck; progress is kept by it."},
    "type": {"enum": list(TYPE_KEYS), "default": "short"},
    "prompt": {**_TEXT, "description": "The question (for truefalse, the statement)."},
    "note": {**_TEXT, "description": "Shown after answering."},
    "tags": {**_texts(0), "description": "Free text; a tag may hold spaces."},
    "source": {
        "type": "object",
        "required": ["doc", "quote"],
        "properties": {
            "doc": {**_ID, "description": "A source id of this deck."},
            "quote": {**_texts(1), "description": "Verbatim passage(s) of the source."},
        },
        "additionalProperties": False,
    },
    "answer": {"description": "short/choice: text; truefalse: true/false; number: a number."},
    "ordered": {
        "anyOf": [{"type": "boolean"}, {"enum": ["true", "false"]}],
        "description": "short: a list answer must name its items in this order.",
    },
    "gaps": {
        "enum": ["in-order", "any-order"],
        "description": "cloze: any-order when the gaps form a set answered in any order.",
    },
    "accept": _texts(0),
    "options": _text_list(MIN_ITEMS),
    "text": {
        "type": "string",
        "pattern": "\\{\\{[\\s\\S]*?\\}\\}",
        "description": "Cloze text with gaps marked {{like this}} or {{a|b}}.",
    },
    "tolerance": {"type": "number", "minimum": 0},
    "unit": _TEXT,
    "items": _text_list(MIN_ITEMS),
    "pairs": {
        "type": "object",
        "minProperties": MIN_ITEMS,
        "maxProperties": MAX_ITEMS,
        "additionalProperties": _TEXT,
    },
}
# Besides true and false: the same as text ("true", any case), and the words YAML 1.1
# (the loader's YAML) reads as booleans, which an editor reading YAML 1.2 sees as text.
_TRUE_FALSE_TEXT = (
    "^\\s*([Tt][Rr][Uu][Ee]|[Ff][Aa][Ll][Ss][Ee])\\s*$"
    "|^(yes|Yes|YES|no|No|NO|on|On|ON|off|Off|OFF)$"
)
_ANSWER_BY_TYPE: dict[str, Schema] = {
    "short": _TEXT,
    "choice": _TEXT,
    "truefalse": {"anyOf": [{"type": "boolean"}, {"type": "string", "pattern": _TRUE_FALSE_TEXT}]},
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


def _card_schema(card_type: str) -> Schema:
    """``if`` the card is of ``card_type``, ``then`` its keys and their shapes."""
    keys = sorted(COMMON_KEYS | TYPE_KEYS[card_type])
    properties = {key: dict(_FIELD_SCHEMAS[key]) for key in keys}
    if card_type in _ANSWER_BY_TYPE:
        properties["answer"] = {**_ANSWER_BY_TYPE[card_type]}
    required = ["id", "source", *_REQUIRED_BY_TYPE[card_type]]
    optional = set(_OPTIONAL_CARD_KEYS)
    if card_type == "cloze":
        optional.add("prompt")  # "Fill in the gaps." is shown instead
    else:
        required.append("prompt")
    for key in optional & set(properties):
        properties[key] = _optional(properties[key])
    condition: Schema = {"properties": {"type": {"const": card_type}}, "required": ["type"]}
    if card_type == "short":  # the default type, also when 'type:' is left empty
        untyped: Schema = {"properties": {"type": _NULL}, "required": ["type"]}
        condition = {"anyOf": [condition, {"not": {"required": ["type"]}}, untyped]}
    return {
        "if": condition,
        "then": {
            "properties": properties,
            "required": required,
            "patternProperties": _X_KEYS,
            "additionalProperties": False,
        },
    }


def deck_schema() -> Schema:
    """The JSON Schema (draft 2020-12) of a deck file."""
    source: Schema = {
        "type": "object",
        "required": ["title", "file"],
        "properties": {
            "title": _TEXT,
            "file": _TEXT,
            "date": _optional({"type": ["string", "number"]}),  # 2024-07-31, "2024-07" or 2021
            "url": _optional(_TEXT),
            # Passages (or headings, whose whole section goes) left out of coverage.
            "skip": _optional({"oneOf": [_TEXT, {"type": "array", "items": _TEXT}]}),
        },
        "patternProperties": _X_KEYS,
        "additionalProperties": False,
    }
    top: Schema = {
        "natobrief": {"const": FORMAT_VERSION, "description": "The format version."},
        "id": {**_ID, "description": "Progress is kept by (deck id, card id)."},
        "title": _TEXT,
        "description": _optional(_TEXT),
        "aliases": _optional(
            {
                "type": "object",
                "description": "Other names of things the cards name: a name to its other names.",
                "additionalProperties": {"anyOf": [_TEXT, _texts(1)]},
            }
        ),
        "renamed": _optional(
            {
                "type": "object",
                "description": "Renamed cards, old id to new id: learners' progress follows.",
                "propertyNames": _ID,
                "additionalProperties": _ID,
            }
        ),
        "sources": {
            "type": "object",
            "minProperties": 1,
            "propertyNames": _ID,
            "additionalProperties": source,
        },
        "cards": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "required": ["id"],
                # Checked for every card, so that an unknown type is refused, not let through.
                "properties": {"type": _optional(_FIELD_SCHEMAS["type"])},
                "allOf": [_card_schema(card_type) for card_type in TYPE_KEYS],
            },
        },
    }
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
