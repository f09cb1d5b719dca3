"""``natobrief export --to anki``: every card as an Anki note in an .apkg package.

One Anki deck per natobrief deck and one note type per card type, so each type
shows the way it is studied here: lettered options for a choice, the items
shuffled on the front and in order on the back for an order card, Anki's own
cloze for a cloze card. The back holds the answer, the accepted alternatives,
the note, and the source quote with the document title and date, in a field of
its own.

Re-exporting updates what Anki already has instead of duplicating it: note
GUIDs come from (deck id, card id), deck ids from the deck id and note type ids
from fixed strings. Deck text is data: every field is HTML-escaped and stripped
of control characters, and the only markup is the one written here. genanki
stamps notes with the export time (Anki updates a note when the package's copy
is newer); everything else is the same on every export.
"""

from __future__ import annotations

import html
import io
import itertools
import random
import sqlite3
import tempfile
import time
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import singledispatch
from pathlib import Path
from typing import TYPE_CHECKING, cast

from natobrief.cardtypes.base import LETTERS
from natobrief.deck.model import (
    GAP,
    AnyCard,
    Card,
    CardType,
    ChoiceCard,
    ClozeCard,
    Deck,
    MatchCard,
    NumberCard,
    OrderCard,
    ShortCard,
    Source,
    TrueFalseCard,
)
from natobrief.deck.passage import passage_for
from natobrief.errors import UsageError
from natobrief.files import write_atomically
from natobrief.grading.numbers import format_number
from natobrief.grading.verdict import expected_answer
from natobrief.text import collapse_whitespace, counted, strip_control
from natobrief.tools.anki.models import (
    CARD_ID_FIELD,
    MODEL_FIELDS,
    SOURCE_FIELD,
    TAG_PREFIX,
    build_model,
    stable_id,
)
from natobrief.tools.exports import ExportDone, ExportRequest

if TYPE_CHECKING:  # genanki is imported only when an export runs
    import genanki


def deck_id(natobrief_deck_id: str) -> int:
    """The Anki deck id of a natobrief deck."""
    return stable_id(f"natobrief deck: {natobrief_deck_id}")


def text_html(text: str) -> str:
    """Deck text as HTML: control characters removed, escaped, line breaks kept."""
    return html.escape(strip_control(text).strip()).replace("\n", "<br>")


def line_html(text: str) -> str:
    """A list item as HTML: one line, escaped."""
    return html.escape(collapse_whitespace(strip_control(text)))


def lines_html(items: Iterable[str]) -> str:
    """Items one per line (``natobrief import`` reads them back line by line)."""
    return "<br>".join(line_html(item) for item in items)


def list_html(items: Iterable[str], kind: str) -> str:
    """Items as an HTML list: ``kind`` is "A" (lettered), "1" (numbered) or "ul"."""
    opening = "<ul>" if kind == "ul" else f'<ol type="{kind}">'
    closing = "</ul>" if kind == "ul" else "</ol>"
    return opening + "".join(f"<li>{line_html(item)}</li>" for item in items) + closing


def seeded_order(items: Sequence[str], seed: str) -> list[str]:
    """``items`` shuffled the same way on every export (natobrief shuffles at study time;
    Anki shows a note as written, and authors tend to put the right option first)."""
    order = list(items)
    random.Random(seed).shuffle(order)
    return order


def shuffled(items: Sequence[str], seed: str) -> list[str]:
    """``items`` in an order that is never the right one and the same on every export."""
    order = seeded_order(items, seed)
    if order == list(items) and len(order) > 1:
        order = order[1:] + order[:1]
    return order


def cloze_html(text: str) -> str:
    """A natobrief cloze text as an Anki cloze: gap i becomes ``{{ci::first answer}}``.

    Colons and braces inside a gap are written as character references, so that
    Anki does not read them as a cloze hint or the end of the gap.
    """

    def between(segment: str) -> str:  # the text around gaps keeps its spaces
        return html.escape(segment).replace("\n", "<br>")

    parts: list[str] = []
    at = 0
    clean = strip_control(text).strip()
    for number, match in enumerate(GAP.finditer(clean), start=1):
        parts.append(between(clean[at : match.start()]))
        first = next((a.strip() for a in match.group(1).split("|") if a.strip()), "")
        escaped = html.escape(first).replace(":", "&#58;").replace("{", "&#123;")
        parts.append(f"{{{{c{number}::{escaped.replace('}', '&#125;')}}}}}")
        at = match.end()
    parts.append(between(clean[at:]))
    return "".join(parts)


def source_html(deck: Deck, card: Card) -> str:
    """The paragraph the card quotes, its quotes marked (as the app shows it after an
    answer), any quote outside it in a blockquote of its own, then the source's title,
    date and place. ``natobrief import`` reads the marked and quoted passages back."""
    source = deck.sources.get(card.source.doc)
    if source is None:
        return "".join(f"<blockquote>{line_html(q.text)}</blockquote>" for q in card.source.quotes)
    passage = passage_for(deck, cast("AnyCard", card))
    # Each quote's number among the card's quotes, so that an import reads them back in
    # their order (a mark stands where its quote stands in the paragraph).
    numbers = {collapse_whitespace(q.text): n for n, q in enumerate(card.source.quotes)}
    parts: list[str] = []
    at = 0
    marked: set[int] = set()
    for start, end in passage.highlights:
        text = passage.text[start:end]
        number = numbers.get(collapse_whitespace(text), len(numbers))
        marked.add(number)
        parts.append(html.escape(passage.text[at:start]))
        parts.append(f'<mark data-quote="{number}">{html.escape(text)}</mark>')
        at = end
    parts.append(html.escape(passage.text[at:]))
    extra = "".join(
        f'<blockquote data-quote="{n}">{line_html(q.text)}</blockquote>'
        for n, q in enumerate(card.source.quotes)
        if n not in marked
    )
    citation = source.cited_at(card.source.quotes[0].start)
    return (
        f'<blockquote class="passage">{"".join(parts)}</blockquote>{extra}'
        f'<div class="cite"{_deck_data(deck, source)}>{line_html(citation)}</div>'
    )


def _deck_data(deck: Deck, source: Source) -> str:
    """The deck's and its source's own words as attributes of the citation, so that
    ``natobrief import`` gives back the deck as it was (id, title, description, source)."""
    values = {
        "deck": deck.id,
        "deck-title": deck.title,
        "deck-description": deck.description,
        "source-title": source.title,
        "source-date": source.date or "",
        "source-url": source.url or "",
    }
    return "".join(
        f' data-{name}="{html.escape(strip_control(value), quote=True)}"'
        for name, value in values.items()
        if value
    )


def note_fields(deck: Deck, card: Card) -> list[str]:
    """The card's fields in the order of ``MODEL_FIELDS[note_type(card)]``."""
    common = {
        "Prompt": text_html(card.prompt),
        "Note": text_html(card.note),
        SOURCE_FIELD: source_html(deck, card),
        CARD_ID_FIELD: html.escape(card.id),
    }
    values = {**common, **_fields(card, f"{deck.id}/{card.id}")}
    return [values.get(name, "") for name in MODEL_FIELDS[note_type(card)]]


def note_type(card: Card) -> CardType:
    """The note type a card goes out as: its own, or "short" for a type Anki has none for."""
    return card.type if card.type in MODEL_FIELDS else "short"


# Lines of the Accepted field that say how a list is compared, not an answer (the note
# types stay as they are; the import reads them back as ordered / gaps: any-order).
IN_ORDER = "(the items in this order)"
ANY_ORDER = "(the gaps in any order)"


@singledispatch
def _fields(card: Card, seed: str) -> dict[str, str]:
    """A card type with no note type of its own: a short answer with its expected answer."""
    return {"Answer": text_html(expected_answer(card))}


@_fields.register
def _short(card: ShortCard, seed: str) -> dict[str, str]:
    accepted = [*card.accept, *([IN_ORDER] if card.ordered else [])]
    return {"Answer": text_html(card.answer), "Accepted": lines_html(accepted)}


@_fields.register
def _choice(card: ChoiceCard, seed: str) -> dict[str, str]:
    options = seeded_order(card.options, seed)
    letter = LETTERS[options.index(card.answer)].upper() if card.answer in options else "?"
    return {"Options": list_html(options, "A"), "Answer": f"{letter}. {text_html(card.answer)}"}


@_fields.register
def _truefalse(card: TrueFalseCard, seed: str) -> dict[str, str]:
    return {"Answer": "True" if card.answer else "False"}


@_fields.register
def _cloze(card: ClozeCard, seed: str) -> dict[str, str]:
    accepted = [
        f"{number}: " + " | ".join(gap[1:])
        for number, gap in enumerate(card.gaps, start=1)
        if len(gap) > 1
    ] + ([ANY_ORDER] if card.any_order else [])
    return {"Text": cloze_html(card.text), "Accepted": lines_html(accepted)}


@_fields.register
def _number(card: NumberCard, seed: str) -> dict[str, str]:
    return {
        "Answer": format_number(card.answer),
        "Tolerance": format_number(card.tolerance) if card.tolerance else "",
        "Unit": text_html(card.unit),
    }


@_fields.register
def _order(card: OrderCard, seed: str) -> dict[str, str]:
    return {
        "Items": list_html(shuffled(card.items, seed), "ul"),
        "Order": list_html(card.items, "1"),
    }


@_fields.register
def _match(card: MatchCard, seed: str) -> dict[str, str]:
    lefts = [left for left, _ in card.pairs]
    rights = shuffled([right for _, right in card.pairs], seed)
    rows = "".join(
        f"<tr><td>{line_html(left)}</td><td>→</td><td>{line_html(right)}</td></tr>"
        for left, right in card.pairs
    )
    return {
        "Left": list_html(lefts, "A"),
        "Right": list_html(rights, "1"),
        "Pairs": f'<table class="pairs">{rows}</table>',
    }


def anki_tag(tag: str) -> str:
    """A tag as Anki allows it: no spaces (they separate tags), no control characters."""
    return "_".join(strip_control(tag).split())


def note_tags(deck: Deck, card: Card) -> list[str]:
    """The card's own tags, then its deck and type under ``natobrief::``."""
    own = [anki_tag(tag) for tag in card.tags]
    added = [f"{TAG_PREFIX}deck::{anki_tag(deck.id)}", f"{TAG_PREFIX}type::{card.type}"]
    return list(dict.fromkeys(tag for tag in own + added if tag))


@dataclass(frozen=True)
class AnkiExport:
    """What went into a package: notes, and the Anki cards they make (a gap is a card)."""

    notes: int
    cards: int
    decks: int


def write_apkg(decks: Sequence[Deck], target: Path, timestamp: float | None = None) -> AnkiExport:
    """Write ``decks`` to ``target`` as an Anki package.

    ``timestamp`` (seconds since the epoch) stamps the notes; the default is
    now, which lets Anki's "update if newer" import take a re-export.
    """
    import genanki  # deferred: only `export --to anki` needs it

    models = {card_type: build_model(card_type) for card_type in MODEL_FIELDS}
    anki_decks: list[genanki.Deck] = []
    names_used: set[str] = set()
    cards = 0
    for deck in decks:
        # "::" would make Anki nest the deck under another; a title used twice keeps its id.
        name = strip_control(deck.title).replace("::", ":").strip() or deck.id
        if name in names_used:
            name = f"{name} ({deck.id})"
        names_used.add(name)
        anki_deck = genanki.Deck(deck_id(deck.id), name, description=text_html(deck.description))
        for card in deck.cards:
            note = genanki.Note(
                model=models[note_type(card)],
                fields=note_fields(deck, card),
                tags=note_tags(deck, card),
                guid=genanki.guid_for(deck.id, card.id),
            )
            anki_deck.add_note(note)
            cards += len(note.cards)
        anki_decks.append(anki_deck)
    try:
        _write_package(
            genanki.Package(anki_decks), target, time.time() if timestamp is None else timestamp
        )
    except OSError as error:
        raise UsageError(
            f"cannot write {target}: {error.strerror or error}; choose another file with -o"
        ) from None
    notes = sum(len(deck.cards) for deck in decks)
    return AnkiExport(notes=notes, cards=cards, decks=len(anki_decks))


def _write_package(package: genanki.Package, target: Path, timestamp: float) -> None:
    """Write the package the way genanki's ``write_to_file`` does, but atomically and tidily.

    The collection is built in a temporary folder that is removed afterwards
    (genanki's own method leaves its temporary database behind), the zip
    entries carry a fixed date so the same decks and timestamp give the same
    bytes, and the finished file replaces ``target`` in one step, so an
    interrupted export never leaves half a package where Anki would read it.
    """
    with tempfile.TemporaryDirectory(prefix="natobrief-anki-") as folder:
        database = Path(folder) / "collection.anki2"
        connection = sqlite3.connect(database)
        try:
            package.write_to_db(
                connection.cursor(), timestamp, itertools.count(int(timestamp * 1000))
            )
            connection.commit()
        finally:
            connection.close()
        zipped = io.BytesIO()
        with zipfile.ZipFile(zipped, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            for name, data in (("collection.anki2", database.read_bytes()), ("media", b"{}")):
                entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
                entry.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(entry, data)
    write_atomically(target, zipped.getvalue())


def export_anki(request: ExportRequest) -> ExportDone:
    """``natobrief export --to anki``."""
    done = write_apkg(request.decks, request.output)
    return ExportDone(
        done.notes,
        "note",
        [
            f"{counted(done.cards, 'Anki card')} in {counted(done.decks, 'deck')}: "
            "a cloze card makes one per gap.",
            "In Anki: File > Import. Importing a newer export updates these notes in place.",
        ],
    )
