"""``natobrief import FILE.apkg``: Anki notes as natobrief cards quoting a source document.

A note written by ``natobrief export --to anki`` (recognised by its note type)
comes back as the card it was, quote included. Any other note becomes a short
card (front -> prompt, back -> answer) or, from a cloze note type, a cloze
card; HTML is reduced to plain text.

Every card needs a passage of the source. A field of the note that holds a
passage of the document is used as the quote; failing that, the document is
searched for the answer and the sentence holding it becomes the quote, marked
for the author to confirm. Cards with neither are written anyway, marked and
listed, as ``natobrief import`` does for a CSV. Any other problem the deck
loader finds (a number answer that is not a number, a choice answer not among
its options) refuses the import, naming the note it came from.

Choice options come back in the order the deck had them: the export writes
them in a shuffle seeded by the deck and card ids (the deck id is in the
note's ``natobrief::deck::`` tag), and the same seed undoes it.
"""

from __future__ import annotations

import html as html_module
import re
from dataclasses import dataclass, field
from pathlib import Path

from natobrief.deck.draft import number as typed_number
from natobrief.deck.grounding import SourceIndex, paragraph_span
from natobrief.deck.model import CARD_TYPES, CardType
from natobrief.errors import UsageError
from natobrief.text import collapse_whitespace, normalise_passage
from natobrief.tools.anki.export import ANY_ORDER, IN_ORDER, seeded_order
from natobrief.tools.anki.models import (
    CARD_ID_FIELD,
    MODEL_NAME_PREFIX,
    SOURCE_FIELD,
    TAG_PREFIX,
    model_id,
)
from natobrief.tools.anki.package import AnkiNote, html_lines, html_text, read_package
from natobrief.tools.deck_writer import SOURCE_ID, DeckMeta, write_imported_deck

GUESSED_COMMENT = "quote found by searching the source for the answer: check it is the passage"
NOTE_FIELDS = ("Note", "Notes", "Extra", "Back Extra")  # fields read as the card's note
MIN_PASSAGE_WORDS = 3  # a shorter field text ("France") is an answer, not a passage
_ANKI_CLOZE = re.compile(r"\{\{c\d+::(.*?)(?:::(?:(?!\}\}).)*)?\}\}", re.DOTALL)
_LETTERED = re.compile(r"[A-H]\. (.+)", re.DOTALL)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*(?=\s|$)")
DECK_TAG = f"{TAG_PREFIX}deck::"  # the export's tag naming the deck a note came from
_NATOBRIEF_MODELS: dict[int, CardType] = {model_id(kind): kind for kind in CARD_TYPES}


@dataclass
class Draft:
    """A card mapping in the making, with what may ground it in the source."""

    card: dict[str, object]
    passages: list[str]  # texts from the note that may be passages of the source
    answers: list[str]  # texts to look for in the source when no passage is found
    every_passage: bool = False  # natobrief's own notes: each passage is one of the quotes


@dataclass(frozen=True)
class AnkiImport:
    """The outcome of an import, for the command to report."""

    cards: int
    unverified: list[str]  # card ids whose quote is not in the source
    guessed: list[str] = field(default_factory=list)  # quote found from the answer: to confirm
    skipped: list[str] = field(default_factory=list)  # notes that made no card, and why
    cleaned: list[str] = field(default_factory=list)  # card ids whose text lost control chars
    updated: list[str] = field(default_factory=list)  # --into: rewritten where they stood
    added: list[str] = field(default_factory=list)  # --into: added at the end


def import_apkg(
    package: Path,
    target: Path,
    document: Path,
    title: str | None = None,
    deck_id: str | None = None,
    into: bool = False,
) -> AnkiImport:
    """Write a deck file from the notes of an Anki package, citing ``document``."""
    from natobrief.sources.readers import read_document

    notes = read_package(package)
    read = read_document(document)
    index = SourceIndex.build(read if isinstance(read, str) else read.text)
    cards: list[dict[str, object]] = []
    comments: dict[str, str] = {}
    guessed: list[str] = []
    skipped: list[str] = []
    ids_used: set[str] = set()
    origins: dict[str, tuple[str, int]] = {}
    for number, note in enumerate(notes, start=1):
        draft = draft_card(note)
        if isinstance(draft, str):
            skipped.append(f"note {number} ({note.guid}): {draft}")
            continue
        card_id = _unique(str(draft.card["id"]) or f"card-{number}", ids_used)
        draft.card["id"] = card_id
        origins[card_id] = (f"{package}, note {number}", 0)
        quotes = [p for p in dict.fromkeys(draft.passages) if p and index.find(p)]
        if not draft.every_passage:  # another note: its first passage long enough to stand
            quotes = [p for p in quotes if len(p.split()) >= MIN_PASSAGE_WORDS][:1]
        if not quotes:
            around = next(filter(None, (sentence_around(index, a) for a in draft.answers)), None)
            if around:
                quotes = [around]
                guessed.append(card_id)
                comments[card_id] = GUESSED_COMMENT
            else:  # kept for the author to fix; the loader reports it as not found
                candidates = [*draft.passages, *draft.answers]
                quotes = [next((text for text in candidates if text), "?")]
        draft.card["source"] = {
            "doc": SOURCE_ID,
            "quote": quotes[0] if len(quotes) == 1 else quotes,
        }
        _move_to_end(draft.card, "note", "tags")
        cards.append(draft.card)
    if not cards:
        first = f" (the first: {skipped[0]})" if skipped else ""
        raise UsageError(
            f"{package} holds no note natobrief can read{first}; natobrief reads Basic and "
            "Cloze notes and its own; export those from Anki"
        )
    meta = _deck_meta(notes).filled(deck_id, title, read, document.stem)
    written = write_imported_deck(
        target, document, meta, cards, comments, source=package, origins=origins, into=into
    )
    return AnkiImport(
        len(cards),
        written.unverified,
        [card_id for card_id in guessed if card_id not in written.unverified],
        skipped,
        written.cleaned,
        written.updated,
        written.added,
    )


def draft_card(note: AnkiNote) -> Draft | str:
    """The card a note makes, or why it makes none."""
    kind = _NATOBRIEF_MODELS.get(note.note_type.id)
    if kind is None and note.note_type.name.startswith(MODEL_NAME_PREFIX):
        name = note.note_type.name.removeprefix(MODEL_NAME_PREFIX)
        kind = next((k for k in CARD_TYPES if k == name), None)
    if kind is not None and CARD_ID_FIELD in note.note_type.fields:
        return _natobrief_card(note, kind)
    if note.note_type.is_cloze or any(_ANKI_CLOZE.search(value) for value in note.fields[:1]):
        return _cloze_card(note)
    return _basic_card(note)


def _common(note: AnkiNote, card_id: str, card_type: CardType, prompt: str) -> dict[str, object]:
    card: dict[str, object] = {"id": card_id, "type": card_type}
    if prompt:
        card["prompt"] = prompt
    note_text = next((html_text(note.field(n)) for n in NOTE_FIELDS if note.field(n)), "")
    if note_text:
        card["note"] = note_text
    tags = [tag for tag in note.tags if not tag.lower().startswith(TAG_PREFIX)]
    if tags:
        card["tags"] = list(dict.fromkeys(tags))
    return card


def _natobrief_card(note: AnkiNote, kind: CardType) -> Draft | str:
    """A note natobrief exported: its fields map back one to one."""
    text = {name: html_text(note.field(name)) for name in note.note_type.fields}
    card = _common(note, text[CARD_ID_FIELD], kind, text.get("Prompt", ""))
    answers = [text.get("Answer", "")]
    if kind == "short":
        card["answer"] = text["Answer"]
        accepted = html_lines(note.field("Accepted"))
        if IN_ORDER in accepted:
            card["ordered"] = True
        accepted = [line for line in accepted if line != IN_ORDER]
        if accepted:
            card["accept"] = accepted
    elif kind == "choice":
        card["options"] = options = unshuffled(html_lines(note.field("Options")), note)
        lettered = _LETTERED.fullmatch(text["Answer"])  # "B. the option", as exported
        unlettered = lettered.group(1) if lettered else ""
        chosen = unlettered if text["Answer"] not in options and unlettered in options else None
        card["answer"] = chosen or text["Answer"]
    elif kind == "truefalse":
        card["answer"] = text["Answer"].strip().lower() in ("true", "t", "yes", "1")
    elif kind == "cloze":
        accepted = html_lines(note.field("Accepted"))
        if ANY_ORDER in accepted:
            card["gaps"] = "any-order"
        card["text"], answers = _cloze_text(note.field("Text"), accepted)
    elif kind == "number":
        card["answer"] = typed_number(text["Answer"])
        if text.get("Tolerance"):
            card["tolerance"] = typed_number(text["Tolerance"])
        if text.get("Unit"):
            card["unit"] = text["Unit"]
    elif kind == "order":
        card["items"] = html_lines(note.field("Order"))
    elif kind == "match":
        cells = [line.split("\t") for line in html_lines(note.field("Pairs"))]
        card["pairs"] = {row[0]: row[-1] for row in cells if len(row) > 1}
    source = note.field(SOURCE_FIELD)
    passages = marked_passages(source)
    if not passages:  # an export before the paragraph was shown: the quotes, one a line
        passages = html_lines(source)
        if 'class="cite"' in source and passages:
            passages = passages[:-1]  # the last line names the document, it is not a passage
    return Draft(card, passages, answers, every_passage=True)


def unshuffled(options: list[str], note: AnkiNote) -> list[str]:
    """Choice options in the deck's order, undoing the export's seeded shuffle.

    The shuffle depends only on the number of options and the seed
    "deck id/card id", so shuffling the positions 0..n-1 the same way shows
    where each option came from. A note without the deck tag (not exported by
    natobrief, or its tags edited in Anki) keeps the order it has.
    """
    deck_tags = [tag for tag in note.tags if tag.startswith(DECK_TAG)]
    if len(deck_tags) != 1:
        return options
    seed = f"{deck_tags[0].removeprefix(DECK_TAG)}/{html_text(note.field(CARD_ID_FIELD))}"
    positions = seeded_order([str(at) for at in range(len(options))], seed)
    original = [""] * len(options)
    for option, at in zip(options, positions, strict=True):
        original[int(at)] = option
    return original


def _cloze_card(note: AnkiNote) -> Draft | str:
    """A note of a cloze type: ``{{c1::answer::hint}}`` becomes ``{{answer}}``."""
    names = note.note_type.fields
    text_field = "Text" if "Text" in names else names[0] if names else ""
    html = note.field(text_field) if text_field else (note.fields[0] if note.fields else "")
    text, answers = _cloze_text(html, [])
    if not answers:
        return "a cloze note without a {{c1::...}} gap"
    filled = _ANKI_CLOZE.sub(lambda m: m.group(1), html_text(html))
    card = _common(note, _slug(filled), "cloze", "")
    card["text"] = text
    others = [value for name, value in zip(names, note.fields, strict=False) if name != text_field]
    return Draft(card, [filled, *_lines_of(others)], [filled, *answers])


def _basic_card(note: AnkiNote) -> Draft | str:
    """Any other note: the front is the prompt, the back the answer."""
    names = list(note.note_type.fields)
    front_at = names.index("Front") if "Front" in names else 0
    back_at = names.index("Back") if "Back" in names else 1
    if len(note.fields) <= max(front_at, back_at):
        return "a note with a single field (a short card needs a front and a back)"
    prompt = html_text(note.fields[front_at])
    answer = " ".join(html_lines(note.fields[back_at]))
    if not prompt or not answer:
        return "an empty front or back"
    card = _common(note, _slug(prompt), "short", prompt)
    card["answer"] = answer
    others = [v for at, v in enumerate(note.fields) if at not in (front_at, back_at)]
    return Draft(card, _lines_of(others), [answer])


def _cloze_text(html: str, accepted: list[str]) -> tuple[str, list[str]]:
    """Anki cloze HTML as natobrief cloze text, with the gap answers in order.

    ``accepted`` holds lines "N: alt | alt" (as the natobrief export writes
    them): gap N's further answers, joined to it with '|'.
    """
    alternatives: dict[int, str] = {}
    for line in accepted:
        number, _, rest = line.partition(":")
        if number.strip().isdigit():
            alternatives[int(number)] = "|".join(a.strip() for a in rest.split("|") if a.strip())
    answers: list[str] = []

    def gap(match: re.Match[str]) -> str:
        answer = collapse_whitespace(match.group(1)).replace("|", "/")
        answers.append(answer)
        more = alternatives.get(len(answers))
        return "{{" + (f"{answer}|{more}" if more else answer) + "}}"

    return _ANKI_CLOZE.sub(gap, html_text(html)), answers


def sentence_around(index: SourceIndex, answer: str) -> str | None:
    """The sentence of the source holding ``answer`` as whole words (any case), or None."""
    needle = normalise_passage(answer)
    haystack = index.normalised
    if len(needle.replace(" ", "")) < 2 or len(haystack.lower()) != len(haystack):
        return None
    found = re.search(rf"(?<!\w){re.escape(needle.lower())}(?!\w)", haystack.lower())
    if found is None:
        return None
    start, end = index.offsets[found.start()], index.offsets[found.end() - 1] + 1
    text = index.text
    para_start, para_end = paragraph_span(text, start, end)
    sentence_start = para_start
    for stop in _SENTENCE_END.finditer(text, para_start, start):
        sentence_start = stop.end()
    stop_after = _SENTENCE_END.search(text, max(end - 1, para_start), para_end)
    sentence_end = stop_after.end() if stop_after else para_end
    sentence = collapse_whitespace(text[sentence_start:sentence_end])
    return sentence if index.find(sentence) else None


def _lines_of(fields: list[str]) -> list[str]:
    return [line for value in fields for line in [html_text(value), *html_lines(value)] if line]


def _slug(text: str, words: int = 6) -> str:
    parts = re.findall(r"[a-z0-9]+", text.lower())
    return "-".join(parts[:words])[:48].strip("-")


def _unique(card_id: str, used: set[str]) -> str:
    candidate, n = card_id, 1
    while candidate in used:
        n += 1
        candidate = f"{card_id}-{n}"
    used.add(candidate)
    return candidate


def _move_to_end(card: dict[str, object], *keys: str) -> None:
    """Put ``keys`` after the source, in the order a deck file lists them."""
    for key in keys:
        if key in card:
            card[key] = card.pop(key)


_QUOTE_PART = re.compile(r'<(mark|blockquote) data-quote="(\d+)">(.*?)</\1>', re.S)


def marked_passages(field: str) -> list[str]:
    """The quotes of a source field natobrief exported, in the card's order: the marked
    parts of its paragraph and the quotes outside it, each numbered."""
    if 'class="passage"' not in field:
        return []
    found = sorted((int(number), html_text(part)) for _, number, part in _QUOTE_PART.findall(field))
    return [text for _, text in found if text]


_DATA = re.compile(r'data-([a-z-]+)="([^"]*)"')


def _deck_meta(notes: list[AnkiNote]) -> DeckMeta:
    """What natobrief's export wrote of the deck on its notes' citations (none elsewhere)."""
    for note in notes:
        cite = next((part for part in note.fields if 'class="cite" data-' in part), None)
        if cite is None:
            continue
        found = {name: html_module.unescape(value) for name, value in _DATA.findall(cite)}
        return DeckMeta(
            found.get("deck"),
            found.get("deck-title"),
            found.get("deck-description", ""),
            found.get("source-title"),
            found.get("source-date"),
            found.get("source-url"),
        )
    return DeckMeta()
