"""Validating one card entry of a deck into a typed, grounded card.

Every field is checked and every problem recorded; a card with any error is
left out of the result (and the deck as a whole is then refused by the loader).
"""

from __future__ import annotations

from collections.abc import Mapping
from difflib import get_close_matches
from functools import cache
from types import MappingProxyType
from typing import Any

from natobrief.cardtypes import registry
from natobrief.cardtypes.base import CardKind
from natobrief.deck.fields import Fields, describe
from natobrief.deck.grounding import SourceIndex
from natobrief.deck.model import CARD_TYPES, AnyCard, Quote, SourceRef
from natobrief.deck.yaml_nodes import YMap, YScalar, YSeq
from natobrief.text import normalise_passage

COMMON_KEYS = {"id", "type", "prompt", "source", "note", "tags"}
SOURCE_REF_KEYS = {"doc", "quote"}  # the keys of a card's source


def type_keys() -> dict[str, frozenset[str]]:
    """Each card type's own keys (besides the common ones), by type name."""
    return _type_keys(registry.generation())


@cache
def _type_keys(_generation: int) -> dict[str, frozenset[str]]:
    return {name: kind.keys for name in registry.names() if (kind := registry.kind_named(name))}


# The own keys of deck format v1's types (what the JSON Schema describes).
TYPE_KEYS: dict[str, frozenset[str]] = {name: type_keys()[name] for name in CARD_TYPES}
# Every key a card of some type of the deck format may have.
CARD_KEYS = COMMON_KEYS.union(*TYPE_KEYS.values())


@cache
def _belongs_elsewhere(card_type: str, _generation: int) -> dict[str, str]:
    """Hints for keys that are valid on another card type, not this one."""
    hints: dict[str, str] = {}
    keys_of = type_keys()
    for other, keys in keys_of.items():
        for key in keys - keys_of.get(card_type, frozenset()):
            hints.setdefault(key, f"'{key}' belongs to {other} cards; this card is {card_type}")
    return hints


def _belongs_under_source(fields: Fields) -> dict[str, str]:
    """Hints for keys of the card's source written at card level (indented too little)."""
    hints: dict[str, str] = {}
    source_key = fields.mapping.keys.get("source")
    source = fields.mapping.values.get("source")
    for key in sorted(SOURCE_REF_KEYS & set(fields.mapping.keys)):
        key_node = fields.mapping.keys[key]
        hint = f"'{key}' belongs under 'source:'"
        if isinstance(source, YMap) and source.order:
            first = source.keys[source.order[0]]
            if (first.line, first.column) != (source.line, source.column):  # {doc: ..., ...}
                hint += f"; move it inside the braces after 'source:' on line {source.line}"
            elif first.column > key_node.column:
                shift = first.column - key_node.column
                hint += (
                    f"; indent it {shift} more space{'' if shift == 1 else 's'}, "
                    f"to line up with '{source.order[0]}:' on line {first.line}"
                )
            else:
                hint += f"; indent it to line up with '{source.order[0]}:' on line {first.line}"
        elif source_key is not None:
            hint += f"; indent it under 'source:' on line {source_key.line}"
        else:
            hint += "; add 'source:' to the card and indent 'doc:' and 'quote:' under it"
        hints[key] = hint
    return hints


def _belongs_to_card(fields: Fields, source: YMap) -> dict[str, str]:
    """Hints for card keys written inside the card's source (indented too far)."""
    source_key = fields.mapping.keys["source"]
    hints: dict[str, str] = {}
    for key, key_node in source.keys.items():
        if key in SOURCE_REF_KEYS or key not in CARD_KEYS:
            continue
        shift = key_node.column - source_key.column
        hint = f"'{key}' is a key of the card, not of its source"
        if shift > 0 and source_key.line != source.line:
            hint += (
                f"; indent it {shift} fewer space{'' if shift == 1 else 's'}, "
                f"to line up with 'source:' on line {source_key.line}"
            )
        else:
            hint += f"; move it out of 'source:' (line {source_key.line}) to the card's own keys"
        hints[key] = hint
    return hints


def _misplaced(card_keys: Mapping[str, YScalar], key: str) -> str | None:
    """For a source without ``key``: a hint when the card itself has it, a level too far out."""
    if key not in card_keys:
        return None
    return f"'{key}:' on line {card_keys[key].line} sits at card level; indent it under 'source:'"


class CardReader:
    """Reads the cards of one deck, given its sources (id -> prepared text)."""

    def __init__(self, sources: Mapping[str, SourceIndex]) -> None:
        self.sources = sources

    def read(self, fields: Fields, card_id: str) -> AnyCard | None:
        """Validate one card; None when it has any error (each one recorded)."""
        before = len([p for p in fields.problems.items if p.severity == "error"])
        kind = self._card_type(fields)
        if kind is None:
            return None
        fields.check_keys(
            COMMON_KEYS | kind.keys,
            {
                **_belongs_elsewhere(kind.name, registry.generation()),
                **_belongs_under_source(fields),
            },
        )
        prompt = fields.text(
            "prompt",
            required=kind.prompt_required,
            hint="add 'prompt: ...' with the question the learner sees",
        )
        source = self._source(fields)
        note = fields.text("note") or ""
        tags = tuple(fields.text_list("tags") or ())
        common = {
            "id": card_id,
            "prompt": prompt or "",
            "note": note,
            "tags": tags,
            "extra": MappingProxyType(fields.extra()),
            "line": fields.mapping.line,
            "source": source or _NO_SOURCE,
        }
        card: AnyCard | None = kind.read(fields, common)
        after = len([p for p in fields.problems.items if p.severity == "error"])
        if card is None or source is None or after > before:
            return None
        return card

    def _card_type(self, fields: Fields) -> CardKind[Any] | None:
        card_type = fields.text("type") or "short"
        kind = registry.kind_named(card_type)
        if kind is None:
            known = registry.names()
            close = get_close_matches(card_type, known, n=1, cutoff=0.5)
            hint = f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(known)
            fields.error(fields.node("type"), f"unknown card type '{card_type}'", hint)
            return None
        return kind

    def _source(self, fields: Fields) -> SourceRef | None:
        node = fields.node("source")
        if node is None:
            fields.missing("source", "add 'source:' with 'doc:' and the verbatim 'quote:'")
            return None
        if not isinstance(node, YMap):
            fields.error(
                node,
                f"'source' must be a mapping, not {describe(node)}",
                "write source: then, indented below, doc: ... and quote: ...",
            )
            return None
        sub = Fields(node, fields.problems, "the card's source", fields.card)
        sub.check_keys(SOURCE_REF_KEYS, _belongs_to_card(fields, node))
        card_keys = fields.mapping.keys
        doc = sub.text(
            "doc",
            required=True,
            hint=_misplaced(card_keys, "doc") or "add 'doc:' naming one of the deck's sources",
        )
        quotes = sub.text_list(
            "quote",
            required=True,
            hint=_misplaced(card_keys, "quote")
            or "add 'quote:' with the passage copied from the source",
        )
        if doc is None or quotes is None:
            return None
        if doc not in self.sources:
            close = get_close_matches(doc, list(self.sources), n=1, cutoff=0.5)
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else "use one of the ids under 'sources:': " + ", ".join(self.sources)
            )
            sub.error(sub.node("doc"), f"unknown source '{doc}'", hint)
            return None
        index = self.sources[doc]
        found: list[Quote] = []
        quote_node = sub.node("quote")
        for position, quote in enumerate(quotes):
            span = index.find(quote)
            if span is None:
                where = quote_node.items[position] if isinstance(quote_node, YSeq) else quote_node
                closest = index.closest(quote)
                hint = (
                    f'the closest passage in the source is: "{closest}"'
                    if closest
                    else "copy the passage from the source file word for word"
                )
                sub.error(where, f"quote not found in source '{doc}': \"{_shorten(quote)}\"", hint)
                continue
            found.append(Quote(quote, span[0], span[1]))
        if len(found) != len(quotes):
            return None
        return SourceRef(doc, tuple(found))


def _shorten(text: str, limit: int = 80) -> str:
    text = normalise_passage(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


# Placeholder while a card whose source failed is still checked for its other problems.
_NO_SOURCE = SourceRef("", ())
