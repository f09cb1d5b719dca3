"""The feedback's text for one result, without an app: what the learner reads."""

from __future__ import annotations

from dataclasses import replace

from natobrief.cardtypes.base import Layout
from natobrief.deck.loader import load_deck
from natobrief.deck.model import NumberCard
from natobrief.grading.verdict import grade
from natobrief.session_types import Question, Result
from natobrief.tui.widgets.feedback import details
from tests.tui.helpers import GOOD_DECK


def test_a_number_card_with_a_tolerance_shows_it_beside_the_answer() -> None:
    deck = load_deck(GOOD_DECK)
    card = next(c for c in deck.cards if c.id == "heads-32")
    assert isinstance(card, NumberCard)
    card = replace(card, tolerance=1.0)
    verdict = grade(card, "31")
    assert verdict.correct  # within the tolerance, so the answer line is shown
    result = Result(Question(1, deck, card, Layout()), "31", verdict, None, None, 0)
    assert "Answer: 32 (give or take 1)" in details(result).plain
