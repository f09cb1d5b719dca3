"""Warnings an author wants: cards that load but probably teach the wrong thing.

These never refuse a deck (``natobrief check`` lists them as warnings):
an answer not supported by its quote or note, an answer given away by its own
prompt, two cards asking the same thing, a choice with two equal options.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from natobrief.cardtypes.registry import kind_of
from natobrief.deck.model import AnyCard, Deck
from natobrief.errors import DeckProblem
from natobrief.grading.normalise import normalise_answer, normalise_text
from natobrief.grading.numbers import number_in_words

_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "their",
        "them",
        "they",
        "this",
        "to",
        "was",
        "were",
        "which",
        "who",
        "will",
        "with",
    ]
)
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")


def lint_deck(deck: Deck) -> list[DeckProblem]:
    """Every warning for the deck's cards, in card order."""
    problems: list[DeckProblem] = []
    seen_prompts: dict[str, AnyCard] = {}
    for card in deck.cards:
        for message, hint in _card_warnings(deck, card):
            problems.append(_warning(deck, card, message, hint))
        asked = kind_of(card).question_key(card)
        first = seen_prompts.setdefault(asked, card)
        if first is not card:
            problems.append(
                _warning(
                    deck,
                    card,
                    f"same question as card '{first.id}' (line {first.line})",
                    "reword one of them, or remove the duplicate",
                )
            )
    return problems


def _card_warnings(deck: Deck, card: AnyCard) -> Iterable[tuple[str, str]]:
    support = normalise_text(" ".join([*(q.text for q in card.source.quotes), card.note]))
    kind = kind_of(card)
    for answer in kind.grounded_answers(card):
        missing = [
            word
            for word in _content_words(answer)
            if word not in support and _number_word(word) not in support
        ]
        if missing:
            yield (
                f"answer '{answer}' is not in the card's quote or note "
                f"(missing: {', '.join(missing)})",
                "quote the passage that says it, or explain it in the note",
            )
        if gives_away(card, answer):
            yield (
                f"the prompt gives away the answer '{answer}'",
                "reword the prompt so that it does not contain the answer",
            )
    yield from kind.warnings(card)


def _number_word(word: str) -> str:
    """A number under 100 in words ("32" -> "thirty two"), so "three" supports 3."""
    if not word.isdigit() or int(word) >= 100:
        return "\x00"  # matches nothing
    return number_in_words(int(word))


def _content_words(text: str) -> list[str]:
    words = _WORD.findall(normalise_answer(text))
    return [word for word in words if word not in _STOPWORDS and (len(word) > 2 or word.isdigit())]


def gives_away(card: AnyCard, answer: str) -> bool:
    """True when the whole answer stands in the prompt (or the cloze text around its gap)."""
    asked = kind_of(card).asked_text(card)
    needle = normalise_answer(answer)
    if len(needle) < 3 and not needle.isdigit():
        return False
    return (
        re.search(rf"(?<![a-z0-9]){re.escape(needle)}(?![a-z0-9])", normalise_answer(asked))
        is not None
    )


def _warning(deck: Deck, card: AnyCard, message: str, hint: str) -> DeckProblem:
    return DeckProblem(deck.path, card.line, 0, card.id, message, hint, "warning")
