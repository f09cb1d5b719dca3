"""The export formats ``natobrief export --to`` knows, and where each is written.

Each format is a function ``(request) -> ExportDone`` in its own module, named
here by import path so the CLI imports only the one asked for (genanki, for
instance, is loaded only for ``--to anki``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the CLI imports this module for --help; the deck model is not needed then
    from natobrief.deck.model import Deck


@dataclass(frozen=True)
class ExportRequest:
    """What an exporter gets: the loaded decks, the file to write, the progress database."""

    decks: list[Deck]
    output: Path
    db_path: Path
    raw: bool = False  # CSV: cells as they are, formulas unguarded


@dataclass(frozen=True)
class ExportDone:
    """What an exporter wrote: a count, what it counts, and notes for the user."""

    count: int
    what: str = "card"  # the noun, singular; natobrief.text.counted makes the plural
    notes: list[str] = field(default_factory=list)


# --to name -> ("module", "function", one-line description for --help)
EXPORTERS: dict[str, tuple[str, str, str]] = {
    "csv": (
        "natobrief.tools.csv.cards",
        "export_csv",
        "one row per card; 'natobrief import' reads it back",
    ),
    "gift": ("natobrief.tools.gift", "export_gift", "Moodle GIFT questions, one per card"),
    "reviews": (
        "natobrief.tools.reviews",
        "export_reviews",
        "the review log as FSRS optimizer CSV",
    ),
    "anki": (
        "natobrief.tools.anki.export",
        "export_anki",
        "an Anki package (.apkg), one Anki deck per deck; re-importing updates the notes",
    ),
}


def exporter(kind: str) -> Callable[[ExportRequest], ExportDone]:
    """The export function for ``kind`` (a key of EXPORTERS)."""
    module_name, function_name, _ = EXPORTERS[kind]
    function: Callable[[ExportRequest], ExportDone] = getattr(
        importlib.import_module(module_name), function_name
    )
    return function
