"""``natobrief import FILE --into DECK.yaml``: an existing deck updated card by card, by id.

A card whose id the deck has is rewritten where it stands; a new one is added at
the end of the cards list; every other card, comment and key of the file is left
as it was, so an instructor's hand-written deck keeps its layout, and every card
keeps its id (learners' progress is keyed by it). The cards cite the deck's own
source for the imported document. The merged text is loaded before it replaces
the file; a problem leaves the deck as it was.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from natobrief.deck.append import content_end
from natobrief.deck.loader import read_deck
from natobrief.deck.yaml_text import render_card
from natobrief.errors import UsageError
from natobrief.files import os_error_message, write_atomically


@dataclass(frozen=True)
class Merged:
    """What an import into a deck did: cards rewritten in place, and cards added."""

    updated: list[str]
    added: list[str]


def merge_into(deck_path: Path, document: Path, cards: Sequence[Mapping[str, object]]) -> Merged:
    """Rewrite ``deck_path`` with ``cards`` merged in by id; UsageError says what to change."""
    try:
        body = deck_path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise UsageError(f"cannot read {deck_path} ({error}); check the path") from None
    before = read_deck(deck_path, text=body)
    if before.deck is None:
        raise UsageError(
            f"{deck_path} does not load ({before.errors[0].message if before.errors else '?'}); "
            f"fix it first (natobrief check {deck_path}), then import into it"
        )
    doc_id = next(
        (s.id for s in before.deck.sources.values() if s.path == document.resolve()), None
    )
    if doc_id is None:
        raise UsageError(
            f"{deck_path} has no source for {document}; add it under 'sources:' (or import "
            "into a new deck with -o)"
        )
    spans, insert_at, dash, offset = _card_spans(body)
    newline = "\r\n" if "\r\n" in body else "\n"
    replaced: dict[str, str] = {}
    added: list[str] = []
    for card in cards:
        source = card.get("source")
        card = {**card, "source": {**(source if isinstance(source, dict) else {}), "doc": doc_id}}
        block = render_card(card, dash, offset, 2, newline)
        card_id = str(card["id"])
        if card_id in spans:
            replaced[card_id] = block
        else:
            added.append(block)
    text = _merged(body, spans, replaced, added, insert_at, newline)
    first = read_deck(deck_path, text=text)
    if first.deck is not None:  # a card that says what it said keeps its own layout
        was = {card.id: replace(card, line=0) for card in before.deck.cards}
        same = {
            c.id
            for c in first.deck.cards
            if c.id in replaced and was.get(c.id) == replace(c, line=0)
        }
        if same:
            replaced = {i: b for i, b in replaced.items() if i not in same}
            text = _merged(body, spans, replaced, added, insert_at, newline)
            first = read_deck(deck_path, text=text)
    after = first
    if after.errors:  # a quote not in the document too: an update leaves no card unverified
        shown = "\n".join(p.format() for p in after.errors[:5])
        raise UsageError(f"the updated deck would not load; nothing was changed:\n{shown}")
    try:
        write_atomically(deck_path, text)
    except OSError as error:
        raise UsageError(os_error_message(error, deck_path, "the deck", "another file")) from None
    ids = [str(card["id"]) for card in cards]
    return Merged([i for i in ids if i in replaced], [i for i in ids if i not in spans])


def _merged(
    body: str,
    spans: Mapping[str, tuple[int, int]],
    replaced: Mapping[str, str],
    added: Sequence[str],
    insert_at: int,
    newline: str,
) -> str:
    """The deck's text with ``replaced`` cards rewritten where they stand, ``added`` at the end."""
    text = body
    for card_id, (start, end) in sorted(spans.items(), key=lambda item: -item[1][0]):
        if card_id in replaced:  # from the end, so that earlier offsets stay right
            text = text[:start] + replaced[card_id] + text[end:]
    shift = sum(len(replaced[i]) - (e - s) for i, (s, e) in spans.items() if i in replaced)
    at = insert_at + shift
    head = text[:at] if not at or text[:at].endswith("\n") else text[:at] + newline
    return head + "".join(added) + text[at:]


def _card_spans(body: str) -> tuple[dict[str, tuple[int, int]], int, int, int]:
    """Each card's text span by id (from its line's start to the end of its last line; a
    comment above the next card stays the next card's), where a new card goes, and the
    list's dash column and key offset."""
    root = yaml.compose(body, Loader=yaml.CSafeLoader)  # it loaded: a mapping with cards
    assert isinstance(root, yaml.MappingNode)
    cards = next(v for k, v in root.value if k.value == "cards")
    entries = [c for c in cards.value if isinstance(c, yaml.MappingNode)]
    if not isinstance(cards, yaml.SequenceNode) or cards.flow_style or not entries:
        raise UsageError(
            "the deck's cards are not a block list ('- id: ...' lines); write them so, "
            "or import into a new deck with -o"
        )
    spans: dict[str, tuple[int, int]] = {}
    for card in entries:
        start = body.rfind("\n", 0, card.start_mark.index) + 1
        card_id = next((v.value for k, v in card.value if k.value == "id"), None)
        if isinstance(card_id, str) and card_id not in spans:
            spans[card_id] = (start, _line_after(body, content_end(card, body)))
    insert_at = _line_after(body, content_end(entries[-1], body))
    dash = cards.start_mark.column
    offset = entries[0].start_mark.column - dash
    return spans, insert_at, dash, max(offset, 2)


def _line_after(body: str, offset: int) -> int:
    found = body.find("\n", offset)
    return len(body) if found < 0 else found + 1
