"""Rules on what a card gives away of itself or of another: ids, prompts and notes.

A card's id is shown in ``--jsonl`` question events, and its prompt, note and
right option are on screen before other cards are asked: none should hold
the answer of a card still to come.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from natobrief.cardtypes.registry import kind_of
from natobrief.deck.model import AnyCard, Deck
from natobrief.quality.rules import rule
from natobrief.quality.words import content, holds, tokens

LONGEST_PHRASE = 8  # words: longer answers are sentences, not terms another card repeats
# An answer that stands in this share of the deck's cards is the deck's subject
# ("China" in a deck on China), not a cue to one card.
TOPIC_SHARE = 0.2


@rule("answer-in-id", "the card's id names its answer")
def answer_in_id(deck: Deck) -> Iterable[tuple[AnyCard, str]]:
    for card in deck.cards:
        parts = set(card.id.casefold().split("-"))
        named = [answer for answer in _answers(card) if set(content(answer)) <= parts]
        truth = kind_of(card).statement_truth(card)
        if truth is not None and ("true" if truth else "false") in parts:
            named.append("true" if truth else "false")
        if named:
            yield (
                card,
                (
                    f"the id '{card.id}' names the answer '{named[0]}', and ids are shown to "
                    "scripts and screen readers: rename it after the question, keeping learners' "
                    "progress with the deck's renamed: map"
                ),
            )


def _answers(card: AnyCard) -> list[str]:
    """The card's answers worth looking for: those with a word that carries meaning."""
    return [answer for answer in kind_of(card).grounded_answers(card) if content(answer)]


def _telling(answer: str) -> bool:
    """An answer that tells when another card shows it: a name, a number or a phrase.
    One everyday word ("military", "security") stands in many a sentence about
    something else, and shows nothing of the card that asks for it."""
    meaningful = content(answer)
    return len(meaningful) > 1 or any(ch.isupper() or ch.isdigit() for ch in answer)


def _shown(card: AnyCard) -> list[tuple[str, list[str]]]:
    """What a learner reads of ``card`` before and after answering, by place, in words."""
    places = [("prompt", kind_of(card).asked_text(card)), ("note", card.note)]
    offered = kind_of(card).options_and_answer(card)
    if offered is not None:
        places.append(("right option", offered[1]))
    return [(place, tokens(text)) for place, text in places if text]


def _phrases(text_tokens: list[str]) -> Iterable[tuple[str, ...]]:
    for size in range(1, LONGEST_PHRASE + 1):
        for at in range(len(text_tokens) - size + 1):
            yield tuple(text_tokens[at : at + size])


@rule("cross-card-cue", "a card's prompt, note or right option holds another card's answer")
def cross_card_cue(deck: Deck) -> Iterable[tuple[AnyCard, str]]:
    wanted: dict[tuple[str, ...], list[tuple[AnyCard, str]]] = defaultdict(list)
    for card in deck.cards:
        for answer in filter(_telling, _answers(card)):
            phrase = tuple(tokens(answer))
            if len(phrase) <= LONGEST_PHRASE and not (phrase[0].isdigit() and len(phrase[0]) < 2):
                wanted[phrase].append((card, answer))
    if not wanted:
        return
    shown = {card.id: _shown(card) for card in deck.cards}
    own = {card.id: {tuple(tokens(answer)) for answer in _answers(card)} for card in deck.cards}
    holders: dict[tuple[str, ...], set[str]] = defaultdict(set)
    found: list[tuple[AnyCard, str, tuple[str, ...]]] = []
    for card in deck.cards:
        for place, text_tokens in shown[card.id]:
            for phrase in _phrases(text_tokens):
                if phrase in wanted:
                    holders[phrase].add(card.id)
                    found.append((card, place, phrase))
    common = max(3, TOPIC_SHARE * len(deck.cards))
    reported: set[tuple[str, str]] = set()
    for card, place, phrase in found:
        if len(holders[phrase]) >= common:
            continue  # the deck's subject, not one card's answer
        for other, answer in wanted[phrase]:
            if other is card or phrase in own[card.id] or (card.id, other.id) in reported:
                continue
            if any(holds(t, list(phrase)) for at, t in shown[other.id] if at == "prompt"):
                continue  # the other card's own prompt says it: nothing is given away
            reported.add((card.id, other.id))
            yield (
                card,
                (
                    f"its {place} holds '{answer}', the answer of card '{other.id}' (line "
                    f"{other.line}); a learner who reads this card first learns that answer: "
                    "reword it, or accept it with x-lint-ok"
                ),
            )
