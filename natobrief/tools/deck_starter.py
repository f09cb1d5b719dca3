"""``natobrief init``: a new deck started from one document of the instructor's own.

The deck file gets its source entry (title and date from the document where it
states them), one real card (a cloze on the first sentence that bears a fact,
so that the deck loads and ``natobrief new`` and the reader's ``n`` work on it
at once) and, commented out, an example of every other card type, each quoting
a sentence of the document itself. The document is copied under ``sources/``
beside the deck unless it is already in the deck's folder. The deck is checked
with the real loader before it is written.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import yaml

from natobrief.deck.loader import read_deck
from natobrief.deck.source_files import MAX_SOURCE_BYTES
from natobrief.errors import UsageError
from natobrief.files import os_error_message, write_atomically
from natobrief.sources.model import Extracted
from natobrief.sources.readers import read_document
from natobrief.text import strip_control
from natobrief.tools.coverage import fact_reasons, split_sentences
from natobrief.tools.deck_writer import deck_id_for

_QUOTE_CHARS = (30, 220)  # a starter sentence's length: a passage a card can quote
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_NAME = re.compile(r"(?<=\s)[A-Z][\w'’-]{2,}")
_EXAMPLES = ("short", "choice", "truefalse", "number", "order", "match")


@dataclass(frozen=True)
class StartedDeck:
    """What ``init`` wrote: the deck, where its source went, and the first card's passage."""

    deck: Path
    source: Path
    copied: bool
    first_quote: str
    examples: int


def start_deck(
    target: Path, document: Path, deck_id: str | None = None, title: str | None = None
) -> StartedDeck:
    """Write a new deck ``target`` citing ``document``; UsageError says what to change."""
    if target.exists():
        raise UsageError(
            f"{target} exists already; choose another name, or add cards to it with "
            f"natobrief new {target}"
        )
    read = read_document(document, MAX_SOURCE_BYTES)
    text = read if isinstance(read, str) else read.text
    stated_date = None if isinstance(read, str) else read.date
    named = _title_of(read, document.suffix.lower()) or document.stem.replace("_", " ").replace(
        "-", " "
    )
    sentences = _quotable(strip_control(text))
    if not sentences:
        raise UsageError(
            f"{document} holds no sentence a card could quote (none of 30 to 220 characters "
            "with a number, a name or a date); check that it is the document you meant"
        )
    source_path, copied = _place_source(document, target)
    source_id = deck_id_for(document)
    header: dict[str, object] = {
        "natobrief": 1,
        "id": deck_id or deck_id_for(target),
        "title": title or named,
        "sources": {
            source_id: {
                "title": named,
                "file": source_path.relative_to(target.parent.resolve()).as_posix(),
                **({"date": stated_date} if stated_date else {}),
            }
        },
    }
    first = sentences[0]
    card: dict[str, object] = {
        "id": "first-fact",
        "type": "cloze",
        "text": _with_gap(first),
        "source": {"doc": source_id, "quote": first},
    }
    content = _deck_text(header, card, source_id, sentences[1:])
    result = read_deck(target, text=content)
    if result.deck is None:  # a starter deck that does not load is natobrief's fault
        shown = "; ".join(problem.message for problem in result.errors[:3])
        raise UsageError(f"the new deck would not load ({shown}); please report this")
    try:
        write_atomically(target, content)
    except OSError as error:
        raise UsageError(os_error_message(error, target, "the deck", "another name")) from None
    examples = min(len(_EXAMPLES), max(0, len(sentences) - 1))
    return StartedDeck(target, source_path, copied, first, examples)


def _quotable(text: str) -> list[str]:
    """Sentences a card could quote: of a readable length, bearing a fact, on one line."""
    found: list[str] = []
    for start, end in split_sentences(text):
        sentence = " ".join(text[start:end].split())
        readable = _QUOTE_CHARS[0] <= len(sentence) <= _QUOTE_CHARS[1]
        whole = sentence.endswith((".", "!", "?")) and len(sentence.split()) >= 6  # not a line
        if readable and whole and fact_reasons(sentence) and sentence not in found:
            found.append(sentence)
    return found


def _with_gap(sentence: str) -> str:
    """The sentence with its first number (or else a name) as the gap: "in {{1993}} ...";
    one the sentence holds once (else the rest of it gives the gap away)."""
    once = [
        found
        for pattern in (_NUMBER, _NAME)
        for found in pattern.finditer(sentence)
        if sentence.casefold().count(found.group().casefold()) == 1
    ]
    found = once[0] if once else None
    if found is None:  # a quotation or a date alone: the sentence's last word
        words = sentence.rstrip(".!?").rsplit(" ", 1)
        return f"{words[0]} {{{{{words[-1]}}}}}" + sentence[len(sentence.rstrip(".!?")) :]
    return f"{sentence[: found.start()]}{{{{{found.group()}}}}}{sentence[found.end() :]}"


def _title_of(read: Extracted | str, suffix: str) -> str | None:
    """The title a document states: its metadata's, or the first heading of a Markdown or
    HTML document (a PDF's headings are guessed from short lines: not a title); for plain
    text its first line, when short enough to be one."""
    if isinstance(read, str):
        line = next((line.strip() for line in read.splitlines() if line.strip()), "")
        return line if 0 < len(line) <= 100 else None
    if read.title or suffix == ".pdf":
        return read.title
    return next((block.text for block in read.blocks if block.kind == "heading"), None)


def _place_source(document: Path, target: Path) -> tuple[Path, bool]:
    """The document inside the deck's folder: where it is already, or copied to sources/."""
    folder = target.parent.resolve()
    resolved = document.resolve()
    if resolved.is_relative_to(folder):
        return resolved, False
    copy = folder / "sources" / document.name
    if copy.exists() and copy.read_bytes() != document.read_bytes():
        raise UsageError(
            f"{copy} exists and is another file; rename the document, or move it into "
            f"{folder} and give that path"
        )
    try:
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(document, copy)
    except OSError as error:
        raise UsageError(os_error_message(error, copy, "the copy", "another folder")) from None
    return copy, True


def _deck_text(
    header: dict[str, object], card: dict[str, object], source_id: str, sentences: list[str]
) -> str:
    def block(data: object) -> str:
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)

    parts = [
        "# Started with 'natobrief init'. Add cards with 'natobrief new' (or n on a sentence\n",
        "# in the reader), and run 'natobrief check' on this file after editing it.\n",
        block(header),
        "cards:\n",
        _indented(block([card])),
    ]
    examples = list(zip(_EXAMPLES, sentences, strict=False))
    if examples:
        parts.append(
            "\n  # Examples of the other card types, each quoting a sentence of the document:\n"
            "  # to use one, remove the '# ' before its lines and write its question and\n"
            "  # answer (natobrief check says what is missing or wrong).\n"
        )
    for card_type, sentence in examples:
        example = _example(card_type, sentence, source_id)
        parts.append("".join(f"  # {line}\n" for line in block([example]).splitlines()))
    return "".join(parts)


def _indented(text: str) -> str:
    return "".join(f"  {line}\n" for line in text.splitlines())


def _example(card_type: str, sentence: str, source_id: str) -> dict[str, object]:
    """A commented example of ``card_type`` quoting ``sentence`` (its question left to write)."""
    examples: dict[str, dict[str, object]] = {
        "short": {"prompt": "A question the sentence below answers?", "answer": "its answer"},
        "choice": {
            "prompt": "A question with one right option?",
            "options": ["the right option", "a wrong one", "another wrong one"],
            "answer": "the right option",
        },
        "truefalse": {"prompt": "A statement about the sentence, true or false.", "answer": True},
        "number": {"prompt": "How many ...?", "answer": 0, "tolerance": 0},
        "order": {"prompt": "Put these in order.", "items": ["first", "second", "third"]},
        "match": {
            "prompt": "Match each to its pair.",
            "pairs": {"one": "its pair", "two": "its pair", "three": "its pair"},
        },
    }
    fields = examples[card_type]
    return {
        "id": f"{card_type}-example",
        "type": card_type,
        **fields,
        "source": {"doc": source_id, "quote": sentence},
    }
