"""Rules on the question itself: a negative stem, an answer in the prompt, a question twice."""

from __future__ import annotations

import re
from collections.abc import Iterable

from natobrief.cardtypes.registry import kind_of
from natobrief.deck.lint import gives_away
from natobrief.deck.model import AnyCard, Deck
from natobrief.grading.normalise import fold
from natobrief.quality.rules import rule

_NEGATIVE = re.compile(r"\b(not|never|except|cannot|none|neither|nor)\b|n['’]t\b")


@rule("negative-stem", "the question is asked in the negative (not, never, except)")
def negative_stem(deck: Deck) -> Iterable[tuple[AnyCard, str]]:
    for card in deck.cards:
        found = _NEGATIVE.search(fold(kind_of(card).asked_text(card)))
        if found:
            yield (
                card,
                (
                    f"the question says '{found.group()}'; a negative stem is easy to misread and "
                    "tests reading more than knowing: ask it in the positive"
                ),
            )


@rule("answer-in-prompt", "the prompt holds the card's own answer")
def answer_in_prompt(deck: Deck) -> Iterable[tuple[AnyCard, str]]:
    for card in deck.cards:
        for answer in kind_of(card).grounded_answers(card):
            if gives_away(card, answer):
                yield (
                    card,
                    (f"the prompt holds the answer '{answer}'; reword it so that it does not"),
                )


@rule("duplicate-question", "two cards ask the same question")
def duplicate_question(deck: Deck) -> Iterable[tuple[AnyCard, str]]:
    first_asked: dict[str, AnyCard] = {}
    for card in deck.cards:
        first = first_asked.setdefault(kind_of(card).question_key(card), card)
        if first is not card:
            yield (
                card,
                (
                    f"card '{first.id}' (line {first.line}) asks the same question; reword one "
                    "of them or drop the duplicate"
                ),
            )
