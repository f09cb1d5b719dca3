"""A card being written: the fields an author fills in, turned into a deck-format mapping.

``natobrief new`` fills a draft from its options and the reader's new-card form
from its fields; both then hand :meth:`CardDraft.mapping` to
:func:`natobrief.deck.append.append_card`. The draft does not judge the card
(the loader does, with its usual messages); it only shapes what was typed.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from natobrief.cardtypes.base import LETTERS
from natobrief.deck.model import CARD_TYPES

_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")
_WHOLE = re.compile(r"[+-]?\d+")
_WORD = re.compile(r"\S+")
_EDGE_PUNCTUATION = ".,;:!?\"'“”‘’()[]"

# What each type needs beyond its source before it can be a card.
REQUIRED: dict[str, tuple[str, ...]] = {
    "short": ("prompt", "answer"),
    "choice": ("prompt", "options", "correct"),
    "truefalse": ("prompt", "answer"),
    "cloze": ("text",),
    "number": ("prompt", "value"),
    "order": ("prompt", "items"),
    "match": ("prompt", "pairs"),
}


@dataclass(frozen=True, slots=True)
class CardDraft:
    """What an author typed for a new card; empty fields are left out of the card."""

    card_type: str
    doc: str
    quote: str
    card_id: str = ""
    prompt: str = ""
    answer: str = ""
    accept: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    correct: str = ""  # choice: the right option's text, letter (a, b, ...) or number (1, 2, ...)
    text: str = ""  # cloze: the text with {{gaps}}
    items: tuple[str, ...] = ()
    pairs: tuple[tuple[str, str], ...] = ()
    value: str = ""  # number: the answer as typed
    tolerance: str = ""
    unit: str = ""
    tags: tuple[str, ...] = ()
    note: str = ""

    def missing(self) -> list[str]:
        """The fields this card type needs that are still empty."""
        return [name for name in REQUIRED.get(self.card_type, ()) if not getattr(self, name)]

    def mapping(self) -> dict[str, object]:
        """The card as a deck file holds it, keys in the usual order, empty fields left out."""
        card: dict[str, object] = {"id": self.card_id, "type": self.card_type}
        if self.prompt.strip():
            card["prompt"] = self.prompt.strip()
        kind = self.card_type
        if kind == "short":
            card["answer"] = self.answer.strip()
            if self.accept:
                card["accept"] = list(self.accept)
        elif kind == "choice":
            card["options"] = list(self.options)
            card["answer"] = self.correct_option()
        elif kind == "truefalse":
            card["answer"] = truth(self.answer)
        elif kind == "cloze":
            card["text"] = self.text.strip()
        elif kind == "number":
            card["answer"] = number(self.value)
            if self.tolerance.strip() and number(self.tolerance) != 0:
                card["tolerance"] = number(self.tolerance)
            if self.unit.strip():
                card["unit"] = self.unit.strip()
        elif kind == "order":
            card["items"] = list(self.items)
        elif kind == "match":
            card["pairs"] = dict(self.pairs)
        card["source"] = {"doc": self.doc, "quote": self.quote.strip()}
        if self.note.strip():
            card["note"] = self.note.strip()
        if self.tags:
            card["tags"] = list(self.tags)
        return card

    def correct_option(self) -> str:
        """The text of the right option, given as its text, letter or number."""
        given = self.correct.strip()
        if given in self.options:
            return given
        letters = LETTERS[: len(self.options)]
        if len(given) == 1 and given.lower() in letters:
            return self.options[letters.index(given.lower())]
        if given.isdigit() and 1 <= int(given) <= len(self.options):
            return self.options[int(given) - 1]
        return given  # the loader says it is not one of the options


def truth(text: str) -> bool | str:
    """true/false from what an author typed (t, yes, 1 ...); the text itself when unclear."""
    folded = text.strip().lower()
    if folded in ("true", "t", "yes", "y", "1"):
        return True
    if folded in ("false", "f", "no", "n", "0"):
        return False
    return text.strip()


def parse_number(text: str) -> int | float | None:
    """A number as the deck format allows it (digits, a decimal point, an exponent), or None."""
    text = text.strip()
    if not _NUMBER.fullmatch(text):
        return None
    if _WHOLE.fullmatch(text):
        return int(text)
    value = float(text)
    return value if math.isfinite(value) else None


def number(text: str) -> int | float | str:
    """A number from what an author typed (thousands commas dropped); the text when it is not.

    The CSV import is stricter and calls :func:`parse_number` itself: there a
    comma may be a decimal comma.
    """
    value = parse_number(text.replace(",", ""))
    return text.strip() if value is None else value


def split_pair(text: str) -> tuple[str, str] | None:
    """'left=right' as a pair; None when there is no '=' or a side is empty."""
    left, sep, right = text.partition("=")
    if not sep or not left.strip() or not right.strip():
        return None
    return left.strip(), right.strip()


def quote_words(quote: str) -> list[str]:
    """The words of a quote, as the cloze maker offers them to be hidden."""
    return _WORD.findall(quote)


def cloze_text(quote: str, hidden: set[int]) -> str:
    """The quote with the words at the ``hidden`` indexes made gaps; neighbours join one gap.

    Punctuation at the edges of a hidden word stays outside its gap ("2017," gives
    "{{2017}},"), so the learner is not asked to type it.
    """
    spans = [(m.start(), m.end()) for m in _WORD.finditer(quote)]
    pieces: list[str] = []
    cursor = 0
    index = 0
    while index < len(spans):
        if index not in hidden:
            index += 1
            continue
        last = index
        while last + 1 < len(spans) and last + 1 in hidden:
            last += 1
        start, end = spans[index][0], spans[last][1]
        inner = quote[start:end]
        lead = len(inner) - len(inner.lstrip(_EDGE_PUNCTUATION))
        trail = len(inner) - len(inner.rstrip(_EDGE_PUNCTUATION))
        core = inner[lead : len(inner) - trail] if lead + trail < len(inner) else inner
        if core == inner:
            lead = trail = 0
        pieces.append(quote[cursor : start + lead])
        pieces.append("{{" + core.replace("}}", "} }") + "}}")
        cursor = end - trail
        index = last + 1
    pieces.append(quote[cursor:])
    return "".join(pieces)


def propose_card_id(deck_id: str, taken: Iterable[str], text: str) -> str:
    """A fresh card id: a slug of the first words of ``text``, unique among ``taken``."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    words = [w for w in re.split(r"[^a-z0-9]+", folded) if w and w not in _STOP_WORDS]
    slug = ""
    for word in words:
        if len(slug) + len(word) + 1 > 40:
            break
        slug = f"{slug}-{word}" if slug else word
    slug = slug or f"{deck_id}-card"
    used = set(taken)
    candidate, number = slug, 2
    while candidate in used:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate


_STOP_TEXT = (
    "a an the of to in on at by for and or is was were are be been what which who whom "
    "how did does do that this with as from its it"
)
_STOP_WORDS = frozenset(_STOP_TEXT.split())

__all__ = ["CARD_TYPES", "CardDraft", "cloze_text", "number", "quote_words", "split_pair", "truth"]
