"""The bundled decks grade their own answers right, and plainly wrong answers wrong."""

from __future__ import annotations

from collections import Counter

import pytest

from natobrief.check import check_paths
from natobrief.deck.discover import default_deck_paths
from natobrief.deck.library import load_decks
from natobrief.deck.model import AnyCard, ChoiceCard, Deck, ShortCard
from natobrief.grading.verdict import grade
from natobrief.tools.coverage import deck_coverage
from tests.answers import canonical_answer, wrong_answer

DECKS = load_decks(())
CARDS = [(deck, card) for deck in DECKS for card in deck.cards]


def card_id(entry: tuple[Deck, AnyCard]) -> str:
    return f"{entry[0].id}/{entry[1].id}"


@pytest.mark.parametrize("entry", CARDS, ids=card_id)
def test_canonical_and_accepted_answers_are_right(entry: tuple[Deck, AnyCard]) -> None:
    _, card = entry
    verdict = grade(card, canonical_answer(card))
    assert verdict.correct and not verdict.typo, verdict.reason
    if isinstance(card, ShortCard):
        for accepted in card.accept:
            assert grade(card, accepted).correct, accepted
    if isinstance(card, ChoiceCard):
        assert grade(card, "a").correct == (card.options[0] == card.answer)


@pytest.mark.parametrize("entry", CARDS, ids=card_id)
def test_plainly_wrong_answers_are_wrong(entry: tuple[Deck, AnyCard]) -> None:
    _, card = entry
    assert not grade(card, wrong_answer(card)).correct


def test_check_passes_without_warnings() -> None:
    report = check_paths(default_deck_paths())
    assert report.error_count == 0
    assert [p.format() for p in report.problems] == []


def test_every_card_type_appears_and_there_are_many_cards() -> None:
    types = Counter(card.type for _, card in CARDS)
    assert set(types) == {"short", "choice", "truefalse", "cloze", "number", "order", "match"}
    assert len(CARDS) > 150


def test_every_fact_bearing_sentence_has_a_card() -> None:
    uncovered = [
        (doc.source.id, sentence.text)
        for deck in DECKS
        for doc in deck_coverage(deck)
        for sentence in doc.uncovered
    ]
    assert uncovered == []


def test_the_three_cards_the_user_asked_for() -> None:
    by_id = {card.id: (deck, card) for deck, card in CARDS}
    assert grade(by_id["tokyo-office-blocked-by"][1], "France").correct
    assert grade(by_id["ip4-meaning"][1], "Indo-Pacific Four").correct
    assert grade(by_id["russia-microelectronics-share"][1], "90%").correct
    assert not grade(by_id["russia-microelectronics-share"][1], "80%").correct


def test_bundled_paths_exist() -> None:
    assert all(path.is_dir() for path in default_deck_paths())
