"""Cards as CSV, one row per card, and back: a spreadsheet round trip for instructors.

Lists and mappings (accept, options, items, pairs, quotes, tags) are written as
JSON inside their cell, so any text survives the trip, commas and pipes included.
Reading a row back also takes what a person types into a spreadsheet: a single
quote as plain text, TRUE/FALSE as Excel writes it, a card type in any case.
Each row is checked here for what only the CSV can say (a number answer
written in words, a cell that is not JSON) in CSV terms; the deck loader
judges the rest once the rows are a deck (see :mod:`natobrief.tools.csv.importer`).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Mapping
from functools import singledispatch
from pathlib import Path

from natobrief.deck.draft import parse_number
from natobrief.deck.model import (
    Card,
    ChoiceCard,
    ClozeCard,
    Deck,
    MatchCard,
    NumberCard,
    OrderCard,
    ShortCard,
    TrueFalseCard,
)
from natobrief.files import write_atomically
from natobrief.grading.numbers import format_number
from natobrief.grading.verdict import expected_answer
from natobrief.tools.deck_writer import SOURCE_ID, ImportProblem
from natobrief.tools.exports import ExportDone, ExportRequest

# What the deck says of itself, on every row so that a sorted or filtered sheet keeps it.
DECK_COLUMNS = ("deck_title", "deck_description", "source_title", "source_date", "source_url")

COLUMNS = [
    "deck", "id", "type", "prompt", "answer", "accept", "options", "text", "tolerance", "unit",
    "items", "pairs", "doc", "quote", "note", "tags", "extra", "ordered", "gaps",
    *DECK_COLUMNS,
]  # fmt: skip
# ``ordered`` (short: "true" when a list answer must keep its order) and ``gaps``
# (cloze: "any-order" when the gaps form a set) came last, so older files still read;
# the deck's own columns (its title and its source's, on every row) last of all.


def _source_cells(deck: Deck, card: Card) -> dict[str, str]:
    source = deck.sources.get(card.source.doc)
    if source is None:
        return {}
    return {
        "source_title": source.title,
        "source_date": source.date or "",
        "source_url": source.url or "",
    }


def card_row(deck: Deck, card: Card) -> dict[str, str]:
    """One card as a CSV row."""
    row = dict.fromkeys(COLUMNS, "")
    row.update(
        deck=deck.id,
        deck_title=deck.title,
        deck_description=deck.description,
        **_source_cells(deck, card),
        id=card.id,
        type=card.type,
        prompt=card.prompt,
        doc=card.source.doc,
        quote=json.dumps([q.text for q in card.source.quotes], ensure_ascii=False),
        note=card.note,
        tags=json.dumps(list(card.tags), ensure_ascii=False),
        extra=json.dumps(dict(card.extra), ensure_ascii=False, default=str) if card.extra else "",
    )
    row.update(_cells(card))
    return row


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False)


@singledispatch
def _cells(card: Card) -> dict[str, str]:
    """A card type with no columns of its own: written as a short answer, type included."""
    return {"answer": expected_answer(card)}


@_cells.register
def _short(card: ShortCard) -> dict[str, str]:
    return {
        "answer": card.answer,
        "accept": _json(list(card.accept)),
        "ordered": "true" if card.ordered else "",
    }


@_cells.register
def _choice(card: ChoiceCard) -> dict[str, str]:
    return {"answer": card.answer, "options": _json(list(card.options))}


@_cells.register
def _truefalse(card: TrueFalseCard) -> dict[str, str]:
    return {"answer": "true" if card.answer else "false"}


@_cells.register
def _cloze(card: ClozeCard) -> dict[str, str]:
    return {"text": card.text, "gaps": "any-order" if card.any_order else ""}


@_cells.register
def _number(card: NumberCard) -> dict[str, str]:
    return {
        "answer": format_number(card.answer),  # every digit: '{:g}' keeps only six
        "tolerance": format_number(card.tolerance),
        "unit": card.unit,
    }


@_cells.register
def _order(card: OrderCard) -> dict[str, str]:
    return {"items": _json(list(card.items))}


@_cells.register
def _match(card: MatchCard) -> dict[str, str]:
    return {"pairs": _json(dict(card.pairs))}


# A cell a spreadsheet would run as a formula begins with one of these (OWASP's list).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def guarded(cell: str) -> str:
    """``cell`` with an apostrophe before it when a spreadsheet would read it as a formula
    (``=HYPERLINK(...)``, ``+cmd|...``, ``@SUM(...)``); a cell that already begins with an
    apostrophe before such a character gets one more, so :func:`unguarded` restores it."""
    if cell.startswith(_FORMULA_STARTS) or (
        cell[:1] == "'" and cell[1:].startswith(("'", *_FORMULA_STARTS))
    ):
        return "'" + cell
    return cell


def unguarded(cell: str) -> str:
    """A cell as it was before :func:`guarded` (the import reads what the export wrote)."""
    if cell[:1] == "'" and cell[1:].startswith(("'", *_FORMULA_STARTS)):
        return cell[1:]
    return cell


def write_csv(decks: Iterable[Deck], target: Path, raw: bool = False) -> int:
    """Write every card of ``decks`` to ``target``; returns the number of rows.

    Cells a spreadsheet would run as formulas are guarded with an apostrophe
    unless ``raw``.
    """
    rows = [card_row(deck, card) for deck in decks for card in deck.cards]
    if not raw:
        rows = [{column: guarded(value) for column, value in row.items()} for row in rows]
    text = io.StringIO(newline="")
    writer = csv.DictWriter(text, fieldnames=COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    write_atomically(target, text.getvalue())  # a full disk leaves no half-written file
    return len(rows)


def export_csv(request: ExportRequest) -> ExportDone:
    """``natobrief export --to csv``."""
    written = write_csv(request.decks, request.output, raw=request.raw)
    notes = (
        []
        if request.raw
        else [
            "Cells that begin with = + - @ are written after an apostrophe, so that a "
            "spreadsheet shows them instead of running them; 'natobrief import' takes it "
            "off again (--raw writes them as they are)."
        ]
    )
    notes += [
        f"Deck {deck.id}'s aliases: are not in the CSV (it holds cards, one a row); "
        "copy them from its deck file into the deck that 'natobrief import' writes."
        for deck in request.decks
        if deck.aliases
    ]
    return ExportDone(written, notes=notes)


_Report = Callable[[str, str], None]  # (message, hint) -> recorded against the row
_JSON_EXAMPLES = {
    "pairs": '{"France": "blocked the office", "Russia": "bought chips"}',
    "extra": '{"x-difficulty": 2}',
}
_PROMPT_HINTS = {
    "truefalse": "write the statement the learner judges true or false",
    "order": "write the question, e.g. 'Put these events in order.'",
    "match": "write the question, e.g. 'Match each country to what it did.'",
}


def row_card(
    row: Mapping[str, str], csv_file: str, line: int, card_id: str
) -> tuple[dict[str, object], list[ImportProblem]]:
    """One CSV row as a deck-file card mapping, with what is wrong in the row.

    ``csv_file`` and ``line`` say where the row is, for every problem. The
    mapping is only worth writing when the list of problems is empty.
    """
    problems: list[ImportProblem] = []

    def problem(message: str, hint: str) -> None:
        problems.append(ImportProblem(csv_file, line, card_id, message, hint))

    def cell(column: str) -> str:
        return (row.get(column) or "").strip()

    card_type = cell("type").lower() or "short"
    card: dict[str, object] = {"id": card_id, "type": card_type}
    if cell("prompt"):
        card["prompt"] = row["prompt"]
    elif card_type != "cloze":  # a cloze card's prompt is optional
        problem(
            "the 'prompt' cell is empty",
            _PROMPT_HINTS.get(card_type, "write the question the learner sees"),
        )
    _type_cells(row, card, problem)
    for column in ("accept", "options", "items", "pairs"):
        value = _json_cell(row, column, problem)
        if value:
            card[column] = value
    quotes = quote_cell(cell("quote"), problem)
    card["source"] = {"doc": SOURCE_ID, "quote": quotes}  # an import cites its one document
    if row.get("note"):
        card["note"] = row["note"]
    tags = _json_cell(row, "tags", problem)
    if tags:
        card["tags"] = tags
    extra = _json_cell(row, "extra", problem)
    if isinstance(extra, dict):
        card.update({key: value for key, value in extra.items() if str(key).startswith("x-")})
    card.update({key: value for key, value in row.items() if key.startswith("x-") and value})
    return card, problems


def _type_cells(row: Mapping[str, str], card: dict[str, object], problem: _Report) -> None:
    """The cells only some card types have: answer, text, tolerance, unit."""
    card_type = card["type"]
    answer = (row.get("answer") or "").strip()
    if card_type in ("short", "choice"):
        if answer:
            card["answer"] = row["answer"]
        else:
            problem(
                "the 'answer' cell is empty",
                "write the expected answer"
                if card_type == "short"
                else "copy the right option's text from the 'options' cell",
            )
    elif card_type == "truefalse":
        if answer.lower() in ("true", "false"):
            card["answer"] = answer.lower() == "true"
        else:
            problem(
                f"a truefalse answer must be true or false, not '{answer}'"
                if answer
                else "the 'answer' cell is empty",
                "write true or false in the 'answer' cell",
            )
    elif card_type == "number":
        _number_cells(row, card, problem)
    elif card_type == "cloze":
        if (row.get("text") or "").strip():
            card["text"] = row["text"]
        else:
            problem(
                "the 'text' cell is empty",
                "write the passage with each hidden part in double braces: {{like this}}",
            )
    elif answer:  # an unknown type: the loader names the types there are
        card["answer"] = row["answer"]
    _flag_cells(row, card, problem)


def _flag_cells(row: Mapping[str, str], card: dict[str, object], problem: _Report) -> None:
    """``ordered`` (short cards) and ``gaps`` (cloze cards): empty means the default."""
    ordered = (row.get("ordered") or "").strip().lower()
    if ordered in ("true", "yes", "1"):
        card["ordered"] = True
    elif ordered not in ("", "false", "no", "0"):
        problem(
            f"'ordered' must be true or false, not '{ordered}'",
            "write true when a list answer must name its items in order, or leave it empty",
        )
    gaps = (row.get("gaps") or "").strip().lower()
    if gaps == "any-order":
        card["gaps"] = "any-order"
    elif gaps not in ("", "in-order"):
        problem(
            f"'gaps' must be any-order or in-order, not '{gaps}'",
            "write any-order when a cloze card's gaps may be answered in any order",
        )


def quote_cell(text: str, problem: _Report) -> object:
    """The quote cell: plain text (one passage) or JSON (a list of passages, as exported).

    A cell starting with '[' must be a JSON list; one starting with '"' is taken
    as a JSON string when it is exactly one (its quote marks are then dropped,
    which still leaves a passage of the source), else as plain text. Anything
    else is the passage itself, so a hand-written quote needs no JSON.
    """
    if not text:
        problem(
            "the 'quote' cell is empty",
            "copy the passage the card is about from the source, word for word",
        )
        return []
    if text.startswith('"'):
        try:
            decoded = json.loads(text)
        except json.JSONDecodeError:
            return text
        return decoded if isinstance(decoded, str) and decoded.strip() else text
    if not text.startswith("["):
        return text
    try:
        passages = json.loads(text)
    except json.JSONDecodeError as error:
        passages = error
    if isinstance(passages, list) and passages and all(isinstance(p, str) for p in passages):
        return passages[0] if len(passages) == 1 else passages
    problem(
        "the 'quote' cell starts with '[' but is not a JSON list of passages",
        'write one passage as plain text, or several as ["first passage", "second passage"]',
    )
    return []


def _number_cells(row: Mapping[str, str], card: dict[str, object], problem: _Report) -> None:
    """The answer, tolerance and unit of a number card: numbers as the deck loader takes them."""
    answer = (row.get("answer") or "").strip()
    if not answer:
        problem("the 'answer' cell is empty", "write the number, e.g. 32")
    else:
        value = parse_number(answer)
        if value is None:
            problem(f"'answer' must be a number, not '{answer}'", _number_hint(answer))
        card["answer"] = answer if value is None else value
    tolerance = (row.get("tolerance") or "").strip()
    if tolerance:
        allowed = parse_number(tolerance)
        if allowed is None:
            problem(f"'tolerance' must be a number, not '{tolerance}'", _number_hint(tolerance))
        elif allowed:
            card["tolerance"] = allowed
    if row.get("unit"):
        card["unit"] = row["unit"]


def _number_hint(text: str) -> str:
    if re.fullmatch(r"[+-]?[\d.,\s]+", text) and "," in text:
        return "write decimals with a point and no thousands separator: 0.5, 1500"
    if re.match(r"[+-]?[\d.]", text):
        return "write the number alone (90) and put the unit ('%', 'days') in the 'unit' column"
    return "write the number in digits (30); learners may still answer in words"


def _json_cell(row: Mapping[str, str], column: str, problem: _Report) -> object:
    text = (row.get(column) or "").strip()
    if not text:
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        example = _JSON_EXAMPLES.get(column, '["first", "second"]')
        problem(
            f"the '{column}' cell is not JSON ({error.msg} at character {error.pos + 1})",
            f"write it as 'natobrief export' does, e.g. {example}",
        )
        return None
