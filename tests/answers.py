"""Answers written the way a careful learner or an answers file would give them."""

from __future__ import annotations

from natobrief.deck.model import (
    AnyCard,
    ChoiceCard,
    ClozeCard,
    MatchCard,
    NumberCard,
    OrderCard,
    ShortCard,
    TrueFalseCard,
)
from natobrief.grading.matching import Answer


def canonical_answer(card: AnyCard) -> Answer:
    """The card's own right answer, by text (independent of any shuffle)."""
    if isinstance(card, ShortCard | ChoiceCard):
        return card.answer
    if isinstance(card, TrueFalseCard):
        return "true" if card.answer else "false"
    if isinstance(card, ClozeCard):
        return [gap[0] for gap in card.gaps]
    if isinstance(card, NumberCard):
        value = card.answer
        number = str(int(value)) if value == int(value) else str(value)
        return number + card.unit
    if isinstance(card, OrderCard):
        return list(card.items)
    if isinstance(card, MatchCard):
        return dict(card.pairs)
    raise TypeError(type(card))


def wrong_answer(card: AnyCard) -> Answer:
    """An answer that is plainly wrong for the card."""
    if isinstance(card, ShortCard):
        return "zzzz qqqq"
    if isinstance(card, ChoiceCard):
        return next(option for option in card.options if option != card.answer)
    if isinstance(card, TrueFalseCard):
        return "false" if card.answer else "true"
    if isinstance(card, ClozeCard):
        return ["zzzz qqqq"] * len(card.gaps)
    if isinstance(card, NumberCard):
        return str(card.answer + card.tolerance + 1000)
    if isinstance(card, OrderCard):
        return list(reversed(card.items))
    if isinstance(card, MatchCard):
        lefts = [left for left, _ in card.pairs]
        rights = [right for _, right in card.pairs]
        return dict(zip(lefts, rights[1:] + rights[:1], strict=True))
    raise TypeError(type(card))
