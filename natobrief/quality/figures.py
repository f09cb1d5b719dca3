"""A deck's figures: how its choice and true/false cards are balanced.

Chance alone makes the right option the longest in about one card of every
number of options; far more says the author writes the right option with more
care than the others. Right answers should be spread over the positions, and a
true/false deck should not be mostly true.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from natobrief.cardtypes.registry import kind_of
from natobrief.deck.model import Deck
from natobrief.quality.options import choices
from natobrief.text import counted


@dataclass(frozen=True, slots=True)
class DeckFigures:
    """The figures of one deck."""

    choice_cards: int
    longest_right: int  # choice cards whose right option is strictly the longest
    right_positions: dict[int, int]  # position of the right option in the deck file (1 first)
    true_cards: int
    false_cards: int

    @property
    def longest_share(self) -> float | None:
        return self.longest_right / self.choice_cards if self.choice_cards else None

    def as_json(self) -> dict[str, object]:
        share = self.longest_share
        return {
            "choice_cards": self.choice_cards,
            "longest_option_right": self.longest_right,
            "longest_option_right_share": None if share is None else round(share, 4),
            "right_positions": {str(k): v for k, v in sorted(self.right_positions.items())},
            "truefalse": {"true": self.true_cards, "false": self.false_cards},
        }

    def sentence(self) -> str:
        """The figures in one line, for the text output."""
        parts = []
        if self.choice_cards:
            share = round(100 * (self.longest_share or 0))
            positions = ", ".join(f"{k}: {v}" for k, v in sorted(self.right_positions.items()))
            parts.append(
                f"{counted(self.choice_cards, 'choice card')}, the right option the longest in "
                f"{self.longest_right} ({share}%), right options by position {positions}"
            )
        if self.true_cards or self.false_cards:
            parts.append(f"true/false {self.true_cards} true, {self.false_cards} false")
        return "; ".join(parts) or "no choice or true/false cards"


def deck_figures(deck: Deck) -> DeckFigures:
    """Count what :class:`DeckFigures` holds."""
    longest = 0
    positions: Counter[int] = Counter()
    for _card, options, right in choices(deck):
        others = [len(option) for option in options if option != right]
        longest += bool(others) and len(right) > max(others)
        positions[options.index(right) + 1] += 1
    truths = [kind_of(card).statement_truth(card) for card in deck.cards]
    return DeckFigures(
        choice_cards=sum(positions.values()),
        longest_right=longest,
        right_positions=dict(positions),
        true_cards=truths.count(True),
        false_cards=truths.count(False),
    )
