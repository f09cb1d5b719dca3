"""Writing an imported deck file: the part every ``natobrief import`` format shares.

An importer turns its input (a CSV, an Anki package) into card mappings as a
deck file holds them, each citing the one source document. This module checks
them as a deck with the real loader before anything is written, so an import
never leaves a deck that ``natobrief check`` refuses. A quote not found in the
source is the one problem an import lets through: the card is written, marked
with a comment above it for the author to fix. Any other problem refuses the
whole import, reported at the place in the input the card came from (a CSV
line, an Anki note), since that is what the author edits. Cards that need a
second look (a passage the importer found by searching) are marked the same way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import cast

import yaml

from natobrief.deck.loader import read_deck
from natobrief.errors import DeckProblem, UsageError
from natobrief.files import is_standard_output, os_error_message, write_atomically
from natobrief.sources.model import Extracted
from natobrief.text import counted, strip_control, strip_control_in

SOURCE_ID = "source"
UNVERIFIED_COMMENT = "quote not found in the source: copy the passage word for word"
_NOT_FOUND = "quote not found in source"  # the loader's message for a quote it cannot find


@dataclass(frozen=True)
class DeckMeta:
    """What an import knows of the deck beside its cards: what the exported file carried
    (natobrief's own CSV and Anki exports carry it all), else what was given or found."""

    deck_id: str | None = None
    title: str | None = None
    description: str = ""
    source_title: str | None = None
    source_date: str | None = None
    source_url: str | None = None

    def filled(
        self, given_id: str | None, given_title: str | None, read: Extracted | str, stem: str
    ) -> DeckMeta:
        """With --id and --title first, then what the file carried, then the document's own
        (``read``, the document as its reader gave it; ``stem``, its file's name)."""
        stated = None if isinstance(read, str) else read
        title = given_title or self.title or (stated.title if stated else None) or stem
        return DeckMeta(
            given_id or self.deck_id,
            title,
            self.description,
            self.source_title or (stated.title if stated else None) or title,
            self.source_date or (stated.date if stated else None),
            self.source_url,
        )


def deck_id_for(target: Path) -> str:
    """A deck id from the deck file's name: lower case, anything else becomes '-'."""
    return "".join(c if c.isalnum() else "-" for c in target.stem.lower()).strip("-") or "deck"


@dataclass(frozen=True)
class ImportProblem:
    """One reason an import is refused, located where the author can fix it."""

    where: str  # the input ("cards.csv", "deck.apkg, note 3"), not the deck to be written
    line: int  # 1-based line of the input; 0 when it has no lines (an Anki package)
    card: str | None
    message: str
    hint: str = ""

    def format(self) -> str:
        """The problem on one line: where, the card, what is wrong, what to do."""
        where = f"{self.where}:{self.line}" if self.line else self.where
        card = f" card '{self.card}':" if self.card else ""
        hint = f"; {self.hint}" if self.hint else ""
        return f"{where}:{card} {self.message}{hint}"


class ImportRefused(UsageError):
    """The input cannot make a valid deck; nothing was written. Lists every problem."""

    def __init__(self, source: Path, target: Path, problems: Sequence[ImportProblem]) -> None:
        problems = sorted(problems, key=lambda problem: problem.line)  # in the input's order
        self.problems = problems
        count = counted(len(problems), "problem")
        shown = "standard output" if is_standard_output(target) else str(target)
        lines = [
            f"{count} in {source}; nothing was written to {shown}:",
            *(f"  {problem.format()}" for problem in problems),
            f"Fix {'them' if len(problems) != 1 else 'it'} in {source.name} and import again.",
        ]
        super().__init__("\n".join(lines))


@dataclass(frozen=True)
class WrittenDeck:
    """What an import wrote: the ids of the cards whose quote is not in the source, and of
    those whose text held control or invisible characters, removed (both sorted)."""

    unverified: list[str]
    cleaned: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)  # --into: cards rewritten where they stood
    added: list[str] = field(default_factory=list)  # --into: cards added at the end


def write_imported_deck(
    target: Path,
    document: Path,
    meta: DeckMeta,
    cards: list[dict[str, object]],
    comments: Mapping[str, str] | None = None,
    *,
    source: Path,
    origins: Mapping[str, tuple[str, int]] | None = None,
    problems: Sequence[ImportProblem] = (),
    into: bool = False,
) -> WrittenDeck:
    """Check ``cards`` as a deck citing ``document`` and, if it loads, write it to ``target``.

    ``source`` is the input file and ``origins`` maps a card id to where in it
    the card came from (a name and a line, 0 if none), for reporting.
    ``problems`` are those the importer found itself; with any of them, or any
    the loader finds other than a quote not found, :class:`ImportRefused` is
    raised and nothing is written.
    ``comments`` maps a card id to a line written above that card; cards whose
    quote is not found get :data:`UNVERIFIED_COMMENT` instead.
    """
    try:
        relative = document.resolve().relative_to(target.parent.resolve())
    except ValueError:
        raise UsageError(
            f"{document} must be in the deck's folder or below it; copy it next to {target}"
        ) from None
    if not cards and not problems:
        raise UsageError(f"{source} holds no card; add at least one and import again")
    clean = [cast("dict[str, object]", strip_control_in(card)) for card in cards]
    cleaned = sorted(
        str(card["id"]) for card, after in zip(cards, clean, strict=True) if card != after
    )
    cards = clean  # the text enters natobrief here: it is cleaned here
    title = strip_control(meta.title or target.stem)
    for card in cards:
        card_source = card.get("source")
        if isinstance(card_source, dict):
            card_source["doc"] = SOURCE_ID
    source_entry: dict[str, object] = {
        "title": strip_control(meta.source_title or title),
        "file": relative.as_posix(),
    }
    if meta.source_date:
        source_entry["date"] = strip_control(meta.source_date)
    if meta.source_url:
        source_entry["url"] = strip_control(meta.source_url)
    header: dict[str, object] = {
        "natobrief": 1,
        "id": meta.deck_id or deck_id_for(target),
        "title": title,
    }
    if meta.description:
        header["description"] = strip_control(meta.description)
    header["sources"] = {SOURCE_ID: source_entry}
    notes = dict(comments or {})
    found = list(problems)
    unverified: list[str] = []
    if cards:  # checked before it is written
        result = read_deck(target, text=_dump(header, cards, notes))
        not_found = [p for p in result.errors if p.card and p.message.startswith(_NOT_FOUND)]
        unverified = sorted({str(p.card) for p in not_found})
        places = dict(origins or {})
        found += [_located(p, places, source, target) for p in result.errors if p not in not_found]
    if found:
        raise ImportRefused(source, target, found)
    notes.update(dict.fromkeys(unverified, UNVERIFIED_COMMENT))
    if into:  # the cards are checked as a deck above; now merged into the one there
        from natobrief.deck.merge import merge_into

        merged = merge_into(target, document, cards)
        return WrittenDeck(unverified, cleaned, merged.updated, merged.added)
    try:
        write_atomically(target, _dump(header, cards, notes))
    except OSError as error:
        raise UsageError(
            os_error_message(error, target, "the deck", "another file with -o")
        ) from None
    return WrittenDeck(unverified, cleaned)


def _located(
    problem: DeckProblem, origins: Mapping[str, tuple[str, int]], source: Path, target: Path
) -> ImportProblem:
    """A loader problem moved from the would-be deck's line to the card's place in the input.

    A problem with no card concerns the deck's header (its title, from --title).
    """
    where, line = origins.get(problem.card, (str(source), 0)) if problem.card else (str(target), 0)
    return ImportProblem(where, line, problem.card, problem.message, problem.hint)


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
