"""Warnings an author wants: cards that load but probably teach the wrong thing.

These never refuse a deck (``natobrief check`` lists them as warnings):
an answer not supported by its quote or note, an answer given away by its own
prompt, two cards asking the same thing, a choice with two equal options.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from natobrief.deck.cards import DEFAULT_CLOZE_PROMPT
from natobrief.deck.model import GAP, AnyCard, ChoiceCard, ClozeCard, Deck, NumberCard, ShortCard
from natobrief.errors import DeckProblem
from natobrief.grading.normalise import normalise_answer
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
        asked = _asked_text(card)
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


def _asked_text(card: AnyCard) -> str:
    """What the learner is asked, normalised (a cloze's text, since its prompt is generic)."""
    if isinstance(card, ClozeCard) and card.prompt == DEFAULT_CLOZE_PROMPT:
        return "cloze:" + normalise_answer(card.text)
    if isinstance(card, ClozeCard):
        return "cloze:" + normalise_answer(card.prompt + " " + card.text)
    return normalise_answer(card.prompt)


def _card_warnings(deck: Deck, card: AnyCard) -> Iterable[tuple[str, str]]:
    support = normalise_answer(" ".join([*(q.text for q in card.source.quotes), card.note]))
    for answer in _answers(card):
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
        if _gives_away(card, answer):
            yield (
                f"the prompt gives away the answer '{answer}'",
                "reword the prompt so that it does not contain the answer",
            )
    if isinstance(card, ChoiceCard):
        folded: dict[str, str] = {}
        for option in card.options:
            key = normalise_answer(option)
            if key in folded:
                yield (
                    f"options '{folded[key]}' and '{option}' are the same after normalisation",
                    "make every option different; a learner cannot tell them apart",
                )
            folded.setdefault(key, option)


def _answers(card: AnyCard) -> list[str]:
    """The canonical answers that should be grounded in the card's source."""
    if isinstance(card, ShortCard | ChoiceCard):
        return [card.answer]
    if isinstance(card, ClozeCard):
        return [gap[0] for gap in card.gaps]
    if isinstance(card, NumberCard):
        value = card.answer
        return [str(int(value)) if value == int(value) else str(value)]
    return []


def _number_word(word: str) -> str:
    """A number under 100 in words ("32" -> "thirty two"), so "three" supports 3."""
    if not word.isdigit() or int(word) >= 100:
        return "\x00"  # matches nothing
    return number_in_words(int(word))


def _content_words(text: str) -> list[str]:
    words = _WORD.findall(normalise_answer(text))
    return [word for word in words if word not in _STOPWORDS and (len(word) > 2 or word.isdigit())]


def _gives_away(card: AnyCard, answer: str) -> bool:
    """True when the whole answer stands in the prompt (or the cloze text around its gap)."""
    asked = card.prompt
    if isinstance(card, ClozeCard):
        asked = card.prompt + " " + GAP.sub(" ", card.text)
    needle = normalise_answer(answer)
    if len(needle) < 3 and not needle.isdigit():
        return False
    return (
        re.search(rf"(?<![a-z0-9]){re.escape(needle)}(?![a-z0-9])", normalise_answer(asked))
        is not None
    )


def _warning(deck: Deck, card: AnyCard, message: str, hint: str) -> DeckProblem:
    return DeckProblem(deck.path, card.line, 0, card.id, message, hint, "warning")
