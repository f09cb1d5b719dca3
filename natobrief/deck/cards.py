"""Validating one card entry of a deck into a typed, grounded card.

Every field is checked and every problem recorded; a card with any error is
left out of the result (and the deck as a whole is then refused by the loader).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from difflib import get_close_matches
from functools import cache
from types import MappingProxyType

from natobrief.deck.fields import Fields, describe
from natobrief.deck.grounding import SourceIndex
from natobrief.deck.model import (
    CARD_TYPES,
    GAP,
    AnyCard,
    ChoiceCard,
    ClozeCard,
    MatchCard,
    NumberCard,
    OrderCard,
    Quote,
    ShortCard,
    SourceRef,
    TrueFalseCard,
)
from natobrief.deck.yaml_nodes import YMap, YScalar, YSeq
from natobrief.text import normalise_passage

COMMON_KEYS = {"id", "type", "prompt", "source", "note", "tags"}
TYPE_KEYS: dict[str, set[str]] = {
    "short": {"answer", "accept"},
    "choice": {"options", "answer"},
    "truefalse": {"answer"},
    "cloze": {"text"},
    "number": {"answer", "tolerance", "unit"},
    "order": {"items"},
    "match": {"pairs"},
}
SOURCE_REF_KEYS = {"doc", "quote"}  # the keys of a card's source
CARD_KEYS = COMMON_KEYS.union(*TYPE_KEYS.values())  # every key a card of some type may have
MIN_ITEMS, MAX_ITEMS = 2, 8
DEFAULT_CLOZE_PROMPT = "Fill in the gaps."


@cache
def _belongs_elsewhere(card_type: str) -> dict[str, str]:
    """Hints for keys that are valid on another card type, not this one."""
    hints: dict[str, str] = {}
    for other, keys in TYPE_KEYS.items():
        for key in keys - TYPE_KEYS.get(card_type, set()):
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
        card_type = self._card_type(fields)
        if card_type is None:
            return None
        fields.check_keys(
            COMMON_KEYS | TYPE_KEYS[card_type],
            {**_belongs_elsewhere(card_type), **_belongs_under_source(fields)},
        )
        prompt_required = card_type != "cloze"
        prompt = fields.text(
            "prompt",
            required=prompt_required,
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
        reader: Callable[[Fields, dict[str, object]], AnyCard | None] = getattr(
            self, f"_read_{card_type}"
        )
        card = reader(fields, common)
        after = len([p for p in fields.problems.items if p.severity == "error"])
        if card is None or source is None or after > before:
            return None
        return card

    def _card_type(self, fields: Fields) -> str | None:
        card_type = fields.text("type") or "short"
        if card_type not in TYPE_KEYS:
            close = get_close_matches(card_type, CARD_TYPES, n=1, cutoff=0.5)
            hint = (
                f"did you mean '{close[0]}'?" if close else "use one of: " + ", ".join(CARD_TYPES)
            )
            fields.error(fields.node("type"), f"unknown card type '{card_type}'", hint)
            return None
        return card_type

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

    # One reader per card type; each returns the card without its source.

    def _read_short(self, fields: Fields, common: dict[str, object]) -> AnyCard | None:
        answer = fields.text("answer", required=True, hint="add 'answer: ...'")
        accept = fields.text_list("accept") or []
        if answer is None:
            return None
        return ShortCard(answer=answer, accept=tuple(accept), **common)  # type: ignore[arg-type]

    def _read_choice(self, fields: Fields, common: dict[str, object]) -> AnyCard | None:
        options = self._item_list(fields, "options", "option")
        answer = fields.text(
            "answer", required=True, hint="add 'answer:' with the text of the right option"
        )
        if options is None or answer is None:
            return None
        if answer not in options:
            close = get_close_matches(answer, options, n=1, cutoff=0.5)
            hint = (
                f"did you mean '{close[0]}'?" if close else "copy the right option's text exactly"
            )
            fields.error(
                fields.node("answer"), f"answer '{answer}' is not one of the options", hint
            )
            return None
        return ChoiceCard(options=tuple(options), answer=answer, **common)  # type: ignore[arg-type]

    def _read_truefalse(self, fields: Fields, common: dict[str, object]) -> AnyCard | None:
        node = fields.node("answer")
        if node is None:
            fields.missing("answer", "add 'answer: true' or 'answer: false'")
            return None
        value = node.value if isinstance(node, YScalar) else None
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            value = value.strip().lower() == "true"
        if not isinstance(value, bool):
            fields.error(
                node,
                "a truefalse answer must be true or false",
                "write 'answer: true' or 'answer: false'",
            )
            return None
        return TrueFalseCard(answer=value, **common)  # type: ignore[arg-type]

    def _read_cloze(self, fields: Fields, common: dict[str, object]) -> AnyCard | None:
        text = fields.text(
            "text", required=True, hint="add 'text:' with the gaps marked like {{this}}"
        )
        if text is None:
            return None
        node = fields.node("text")
        gaps: list[tuple[str, ...]] = []
        for match in GAP.finditer(text):
            alternatives = tuple(a.strip() for a in match.group(1).split("|") if a.strip())
            if not alternatives:
                fields.error(
                    node, "a cloze gap {{}} is empty", "put the hidden words inside {{...}}"
                )
                return None
            gaps.append(alternatives)
        rest = GAP.sub("", text)
        if "{{" in rest or "}}" in rest:
            fields.error(node, "a cloze gap is not closed", "every '{{' needs a matching '}}'")
            return None
        if not gaps:
            fields.error(
                node,
                "the cloze text has no gap",
                "mark the words to hide with double braces: {{like this}}",
            )
            return None
        if not common["prompt"]:
            common = {**common, "prompt": DEFAULT_CLOZE_PROMPT}
        return ClozeCard(text=text, gaps=tuple(gaps), **common)  # type: ignore[arg-type]

    def _read_number(self, fields: Fields, common: dict[str, object]) -> AnyCard | None:
        answer = self._number(fields, "answer", required=True)
        tolerance = self._number(fields, "tolerance", required=False)
        unit = fields.text("unit") or ""
        if answer is None:
            return None
        if tolerance is not None and tolerance < 0:
            fields.error(
                fields.node("tolerance"),
                "tolerance cannot be negative",
                "write how far off an answer may be, e.g. 'tolerance: 1'",
            )
            return None
        return NumberCard(answer=answer, tolerance=tolerance or 0.0, unit=unit, **common)  # type: ignore[arg-type]

    def _read_order(self, fields: Fields, common: dict[str, object]) -> AnyCard | None:
        items = self._item_list(fields, "items", "item")
        if items is None:
            return None
        return OrderCard(items=tuple(items), **common)  # type: ignore[arg-type]

    def _read_match(self, fields: Fields, common: dict[str, object]) -> AnyCard | None:
        node = fields.node("pairs")
        if node is None:
            fields.missing("pairs", "add 'pairs:' with one 'left: right' line per pair")
            return None
        if not isinstance(node, YMap):
            fields.error(
                node,
                f"'pairs' must be a mapping, not {describe(node)}",
                "write one 'left: right' line per pair, indented under 'pairs:'",
            )
            return None
        pairs: list[tuple[str, str]] = []
        for key in node.order:
            right = fields.text_of(node.values[key], f"the right side of '{key}'")
            left = fields.text_of(node.keys[key], "a left side")
            if left is None or right is None:
                return None
            pairs.append((left, right))
        if not MIN_ITEMS <= len(pairs) <= MAX_ITEMS:
            fields.error(
                node,
                f"a match card needs {MIN_ITEMS} to {MAX_ITEMS} pairs, not {len(pairs)}",
                "add or remove pairs",
            )
            return None
        rights = [normalise_passage(right).lower() for _, right in pairs]
        if len(set(rights)) != len(rights):
            fields.error(
                node,
                "two pairs have the same right side",
                "make every right side different, or split the card in two",
            )
            return None
        return MatchCard(pairs=tuple(pairs), **common)  # type: ignore[arg-type]

    @staticmethod
    def _item_list(fields: Fields, key: str, noun: str) -> list[str] | None:
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
            duplicate = next(
                item for item, f in zip(items, folded, strict=True) if folded.count(f) > 1
            )
            fields.error(
                fields.node(key),
                f"'{key}' lists '{duplicate}' twice",
                f"every {noun} must be different",
            )
            return None
        return items

    @staticmethod
    def _number(fields: Fields, key: str, *, required: bool) -> float | None:
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


def _shorten(text: str, limit: int = 80) -> str:
    text = normalise_passage(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


# Placeholder while a card whose source failed is still checked for its other problems.
_NO_SOURCE = SourceRef("", ())
