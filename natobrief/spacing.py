"""Keeping siblings apart: no card is asked while its answer is still on a recent screen,
and no exam holds two cards where one's question gives the other's answer.

After each answer the feedback shows the source paragraph, the note, the right
answer and the question. A card whose answer stood there, asked next, tests the
screen rather than the learner's memory, so a study session looks past such
cards (further down its queue, in the queue's own order) while the last few
screens show their answer. An exam shows no feedback, but its questions stand
side by side: one whose prompt or options hold another's answer is left out of
the set. The order stays deterministic under a seed.

Over days, new cards that quote one paragraph are spread out like Anki's
buried siblings, but by content: when a day's limit leaves cards for later
days, the cards it leaves are the siblings (cards whose paragraph a card of
today's, or one taken before them, comes from); reviews likewise, within the
day's due cards. The cards taken keep their order.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import deque
from collections.abc import Iterable, Sequence

from natobrief.cardtypes.registry import kind_of
from natobrief.deck.grounding import paragraph_span, paragraph_starts
from natobrief.deck.model import AnyCard, Deck
from natobrief.deck.passage import passage_for
from natobrief.grading.normalise import normalise_answer, normalise_text

SCREENS_REMEMBERED = 3  # a card is kept back while any of the last three screens gives it away
LOOK_AHEAD = 200  # queue entries looked through for a card the screens do not give away


def paragraph_of(deck: Deck, card: AnyCard) -> tuple[str, str, int]:
    """The paragraph that ``card``'s first quote stands in: (deck id, source id, index)."""
    source = deck.sources[card.source.doc]
    starts = paragraph_starts(source.text)
    return deck.id, source.id, bisect_right(starts, card.source.quotes[0].start) - 1


def siblings_later(
    cards: Sequence[tuple[Deck, AnyCard]], studied: set[tuple[str, str, int]]
) -> list[tuple[Deck, AnyCard]]:
    """``cards`` in their order, but each paragraph's first card first: a card whose
    paragraph is ``studied`` today, or comes from a card before it, goes after every
    card whose paragraph is new today (a stable partition, so a seed still fixes it).
    ``studied`` gains the paragraphs of ``cards``."""
    first: list[tuple[Deck, AnyCard]] = []
    later: list[tuple[Deck, AnyCard]] = []
    for deck, card in cards:
        paragraph = paragraph_of(deck, card)
        (later if paragraph in studied else first).append((deck, card))
        studied.add(paragraph)
    return first + later


def in_order(
    cards: Sequence[tuple[Deck, AnyCard]], chosen: Sequence[tuple[Deck, AnyCard]]
) -> list[tuple[Deck, AnyCard]]:
    """The ``chosen`` ones of ``cards``, in the order of ``cards``."""
    keep = {(deck.id, card.id) for deck, card in chosen}
    return [(deck, card) for deck, card in cards if (deck.id, card.id) in keep]


def screen_text(deck: Deck, card: AnyCard, passages: dict[object, str] | None = None) -> str:
    """What the feedback after ``card`` shows, normalised: passage, note, answer, prompt.

    ``passages`` keeps each passage's normalised text: the cards of one paragraph
    share it, and a long paragraph costs more to normalise than the rest together.
    """
    own = bare(normalise_text(" ".join([card.note, kind_of(card).expected(card), card.prompt])))
    quotes = card.source.quotes
    if len(quotes) > 1:  # a passage widened over the paragraphs of several quotes
        return f" {bare(normalise_text(passage_for(deck, card).text))} {own} "
    source = deck.sources[card.source.doc]
    span = paragraph_span(source.text, quotes[0].start, quotes[0].end)
    key = (deck.id, source.id, span)
    cached = passages.get(key) if passages is not None else None
    if cached is None:
        cached = bare(normalise_text(source.text[span[0] : span[1]]))
        if passages is not None:
            passages[key] = cached
    return f" {cached} {own} "


def _needles(card: AnyCard) -> list[str]:
    """The answers of ``card`` a screen could give away (three characters or more)."""
    found = [bare(normalise_answer(answer)) for answer in kind_of(card).answers_shown_by(card)]
    return [f" {needle} " for needle in found if len(needle) >= 3]


_PUNCTUATION = re.compile(r"[^\w\s]+")


def bare(text: str) -> str:
    """Normalised text as words alone: a screen's "global influence." holds the answer
    "global influence" (screens and answers both go through this)."""
    return " ".join(_PUNCTUATION.sub(" ", text).split())


class Screens:
    """The last few feedback screens of a session, and which cards they give away."""

    def __init__(self) -> None:
        self.recent: deque[str] = deque(maxlen=SCREENS_REMEMBERED)
        self._needles: dict[tuple[str, str], list[str]] = {}
        self._screens: dict[tuple[str, str], str] = {}  # a card's screen, built once
        self._passages: dict[object, str] = {}  # a paragraph's normalised text, shared

    def shown(self, deck: Deck, card: AnyCard) -> None:
        """Remember the feedback screen of an answer to ``card``."""
        key = (deck.id, card.id)
        screen = self._screens.get(key)
        if screen is None:
            screen = self._screens[key] = screen_text(deck, card, self._passages)
        self.recent.append(screen)

    def gives_away(self, deck: Deck, card: AnyCard) -> bool:
        """True when a recent screen holds the card's answer."""
        if not self.recent:
            return False
        key = (deck.id, card.id)
        needles = self._needles.get(key)
        if needles is None:
            needles = self._needles[key] = _needles(card)
        return any(needle in screen for needle in needles for screen in self.recent)

    def first_kept_apart(self, waiting: Iterable[tuple[Deck, AnyCard]]) -> int | None:
        """The index of the first waiting card no recent screen gives away; None when every
        card looked at is given away."""
        for index, (deck, card) in enumerate(waiting):
            if index >= LOOK_AHEAD:
                break
            if not self.gives_away(deck, card):
                return index
        return None


def question_text(card: AnyCard) -> str:
    """Everything a question shows, normalised: its prompt (a cloze's text) and its
    options, items or pairs."""
    shown = [kind_of(card).asked_text(card)]
    for name in ("options", "items"):
        shown.extend(getattr(card, name, ()))
    shown.extend(side for pair in getattr(card, "pairs", ()) for side in pair)
    return f" {bare(normalise_text(' '.join(shown)))} "


def exam_set(shuffled: list[tuple[Deck, AnyCard]], count: int) -> list[tuple[Deck, AnyCard]]:
    """``count`` cards of ``shuffled``, in its order, that do not answer one another: a card is
    passed over when its question holds the answer of a card already in, or the other way.

    When the decks hold too few such cards for ``count`` (an exam over every card),
    the cards passed over fill the set, so an exam still asks what was asked for.
    """
    chosen: list[tuple[int, str, list[str]]] = []
    passed_over: list[int] = []
    for index, (_deck, card) in enumerate(shuffled):
        if len(chosen) >= count:
            break
        asked, needles = question_text(card), _needles(card)
        if any(
            any(needle in asked for needle in their_needles)
            or any(needle in their_question for needle in needles)
            for _, their_question, their_needles in chosen
        ):
            passed_over.append(index)
            continue
        chosen.append((index, asked, needles))
    picked = {index for index, _, _ in chosen}
    picked.update(passed_over[: max(0, count - len(picked))])  # only when too few were kept
    return [shuffled[index] for index in sorted(picked)]
