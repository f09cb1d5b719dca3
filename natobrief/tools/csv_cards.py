"""Cards as CSV, one row per card, and back: a spreadsheet round trip for instructors.

Lists and mappings (accept, options, items, pairs, quotes, tags) are written as
JSON inside their cell, so any text survives the trip, commas and pipes included.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from pathlib import Path

from natobrief.deck.model import (
    AnyCard,
    ChoiceCard,
    ClozeCard,
    Deck,
    MatchCard,
    NumberCard,
    OrderCard,
    ShortCard,
    TrueFalseCard,
)
from natobrief.errors import UsageError
from natobrief.files import write_atomically
from natobrief.tools.deck_writer import SOURCE_ID, write_imported_deck
from natobrief.tools.exports import ExportDone, ExportRequest

COLUMNS = [
    "deck", "id", "type", "prompt", "answer", "accept", "options", "text", "tolerance", "unit",
    "items", "pairs", "doc", "quote", "note", "tags", "extra",
]  # fmt: skip


def card_row(deck: Deck, card: AnyCard) -> dict[str, str]:
    """One card as a CSV row."""
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        deck=deck.id,
        id=card.id,
        type=card.type,
        prompt=card.prompt,
        doc=card.source.doc,
        quote=json.dumps([q.text for q in card.source.quotes], ensure_ascii=False),
        note=card.note,
        tags=json.dumps(list(card.tags), ensure_ascii=False),
        extra=json.dumps(dict(card.extra), ensure_ascii=False, default=str) if card.extra else "",
    )
    if isinstance(card, ShortCard):
        row.update(answer=card.answer, accept=json.dumps(list(card.accept), ensure_ascii=False))
    elif isinstance(card, ChoiceCard):
        row.update(answer=card.answer, options=json.dumps(list(card.options), ensure_ascii=False))
    elif isinstance(card, TrueFalseCard):
        row.update(answer="true" if card.answer else "false")
    elif isinstance(card, ClozeCard):
        row.update(text=card.text)
    elif isinstance(card, NumberCard):
        row.update(answer=f"{card.answer:g}", tolerance=f"{card.tolerance:g}", unit=card.unit)
    elif isinstance(card, OrderCard):
        row.update(items=json.dumps(list(card.items), ensure_ascii=False))
    elif isinstance(card, MatchCard):
        row.update(pairs=json.dumps(dict(card.pairs), ensure_ascii=False))
    return row


def write_csv(decks: Iterable[Deck], target: Path) -> int:
    """Write every card of ``decks`` to ``target``; returns the number of rows."""
    rows = [card_row(deck, card) for deck in decks for card in deck.cards]
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    write_atomically(target, text.getvalue())  # a full disk leaves no half-written file
    return len(rows)


def export_csv(request: ExportRequest) -> ExportDone:
    """``natobrief export --to csv``."""
    return ExportDone(write_csv(request.decks, request.output))


def _json_cell(row: dict[str, str], column: str, line: int) -> object:
    text = (row.get(column) or "").strip()
    if not text:
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError:
        raise UsageError(
            f"row {line}: column '{column}' must hold JSON (as 'natobrief export' writes it), "
            f'e.g. ["first", "second"]'
        ) from None


def row_card(row: dict[str, str], line: int, doc: str) -> dict[str, object]:
    """One CSV row as a deck-file card mapping."""
    card_type = (row.get("type") or "short").strip()
    card: dict[str, object] = {"id": row.get("id") or f"card-{line}", "type": card_type}
    if row.get("prompt"):
        card["prompt"] = row["prompt"]
    answer = row.get("answer") or ""
    if card_type in ("short", "choice"):
        card["answer"] = answer
    elif card_type == "truefalse":
        card["answer"] = answer.strip().lower() == "true"
    elif card_type == "number":
        card["answer"] = float(answer) if "." in answer else int(answer or 0)
        if (row.get("tolerance") or "0") not in ("", "0"):
            card["tolerance"] = float(row["tolerance"])
        if row.get("unit"):
            card["unit"] = row["unit"]
    elif card_type == "cloze":
        card["text"] = row.get("text") or ""
    for column in ("accept", "options", "items", "pairs"):
        value = _json_cell(row, column, line)
        if value:
            card[column] = value
    quotes = _json_cell(row, "quote", line) or []
    card["source"] = {
        "doc": row.get("doc") or doc,
        "quote": quotes[0] if isinstance(quotes, list) and len(quotes) == 1 else quotes,
    }
    if row.get("note"):
        card["note"] = row["note"]
    tags = _json_cell(row, "tags", line)
    if tags:
        card["tags"] = tags
    extra = _json_cell(row, "extra", line)
    if isinstance(extra, dict):
        card.update({key: value for key, value in extra.items() if str(key).startswith("x-")})
    return card


def import_csv(source_csv: Path, target: Path, document: Path, title: str) -> list[str]:
    """Write a deck file from a CSV of cards, citing ``document``; returns the unverified card ids.

    Cards whose quote is not found in the document are kept, marked with a
    comment above them, and listed for the author.
    """
    with source_csv.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    cards = [row_card(row, line, SOURCE_ID) for line, row in enumerate(rows, start=2)]
    return write_imported_deck(target, document, title, cards).unverified
