"""Writing an imported deck file: the part every ``natobrief import`` format shares.

An importer turns its input (a CSV, an Anki package) into card mappings as a
deck file holds them, each citing the one source document. This module writes
them as a deck beside that document, loads the result with the real loader to
check every quote, and marks each card that needs the author's eye with a
comment above it: a quote not found in the source, or (for the importer that
searched the source itself) a passage worth a second look.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from natobrief.deck.loader import read_deck
from natobrief.errors import DeckProblem, UsageError
from natobrief.files import write_atomically

SOURCE_ID = "source"
UNVERIFIED_COMMENT = "quote not found in the source: copy the passage word for word"


def deck_id_for(target: Path) -> str:
    """A deck id from the deck file's name: lower case, anything else becomes '-'."""
    return "".join(c if c.isalnum() else "-" for c in target.stem.lower()).strip("-") or "deck"


@dataclass(frozen=True)
class WrittenDeck:
    """What the loader said about a written deck: cards whose quote is not found, other errors."""

    unverified: list[str]
    problems: list[DeckProblem]


def write_imported_deck(
    target: Path,
    document: Path,
    title: str,
    cards: list[dict[str, object]],
    comments: Mapping[str, str] | None = None,
) -> WrittenDeck:
    """Write ``cards`` to ``target`` as a deck citing ``document`` and check it with the loader.

    Every card's ``source.doc`` is set to the one source. ``comments`` maps a
    card id to a line written above that card; cards whose quote is not found
    get :data:`UNVERIFIED_COMMENT` instead and are listed (sorted) in the result,
    with every other error the loader found.
    """
    try:
        relative = document.resolve().relative_to(target.parent.resolve())
    except ValueError:
        raise UsageError(
            f"{document} must be in the deck's folder or below it; copy it next to {target}"
        ) from None
    for card in cards:
        source = card.get("source")
        if isinstance(source, dict):
            source["doc"] = SOURCE_ID
    header = {
        "natobrief": 1,
        "id": deck_id_for(target),
        "title": title,
        "sources": {SOURCE_ID: {"title": title, "file": str(relative)}},
    }
    notes = dict(comments or {})
    result = read_deck(target, text=_dump(header, cards, notes))  # checked before it is written
    unverified = sorted({p.card for p in result.errors if p.card and "quote" in p.message})
    notes.update(dict.fromkeys(unverified, UNVERIFIED_COMMENT))
    try:
        write_atomically(target, _dump(header, cards, notes))
    except OSError as error:
        raise UsageError(
            f"cannot write {target}: {error.strerror}; choose another file with -o"
        ) from None
    others = [p for p in result.errors if not (p.card and "quote" in p.message)]
    return WrittenDeck(unverified, others)


def _dump(header: dict[str, object], cards: list[dict[str, object]], notes: dict[str, str]) -> str:
    def block(data: object) -> str:
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)

    parts = [
        "# Imported with 'natobrief import'. Run 'natobrief check' on this file.\n",
        block(header),
        "cards:\n",
    ]
    for card in cards:
        text = block([card])
        comment = notes.get(str(card["id"]))
        if comment:
            parts.append(f"# {comment}\n")
        parts.append("".join("  " + line + "\n" for line in text.splitlines()))
    return "".join(parts)
