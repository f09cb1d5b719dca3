"""Put in order: 2 to 8 items, shown shuffled; answered by letters or by the texts in order."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence

from natobrief.cardtypes.base import LETTERS, CardKind, Common, Layout, lettered, shown, shuffled
from natobrief.cardtypes.reading import item_list
from natobrief.deck.fields import Fields
from natobrief.deck.model import OrderCard
from natobrief.grading.in_words import closest_option
from natobrief.grading.lenient import Accepted
from natobrief.grading.matching import (
    MAX_CODE,
    Answer,
    Problem,
    Reading,
    display,
    lookup,
    unreadable,
    wrong,
)
from natobrief.grading.normalise import MAX_RAW

LETTER_GAPS = re.compile(r"[\s,;>\-.)(]+")  # between the letters of "c, a, b" or "c > a > b"
TEXT_GAPS = re.compile(r"\s*(?:->|→|>|;|,|\n)\s*")  # between item texts
ARROWS = re.compile(r"\s*(?:->|→|>|\n)\s*")  # between item texts that hold commas


def _item(text: str, items: tuple[str, ...], reading: Reading) -> int | None:
    """The item ``text`` names: by its words, else as the one item holding most of them."""
    found = lookup(text, items, reading, closed=True)
    if found is None:
        found = closest_option(text, items, reading.known)
        if found is not None:
            reading.accept(Accepted("words", f"Accepted: '{text}' names '{items[found]}'."))
    return found


def _regrouped(texts: list[str], items: tuple[str, ...], reading: Reading) -> list[str]:
    """Pieces split at commas put back together where an item holds a comma."""
    out: list[str] = []
    for text in texts:
        joined = f"{out[-1]}, {text}" if out else ""
        if out and lookup(joined, items, Reading(reading.known), closed=True) is not None:
            out[-1] = joined
        else:
            out.append(text)
    return out


class OrderKind(CardKind[OrderCard]):
    name = "order"
    card_class = OrderCard
    title = "Put in order"
    instruction = "Answer with the letters in the right order, for example c a b."
    keys = frozenset({"items"})
    widget = "OrderAnswer"

    def read(self, fields: Fields, common: Common) -> OrderCard | None:
        items = item_list(fields, "items", "item")
        if items is None:
            return None
        return OrderCard(items=tuple(items), **common)  # type: ignore[arg-type]

    def expected(self, card: OrderCard) -> str:
        return " -> ".join(card.items)

    def grade(
        self, card: OrderCard, answer: Answer, given: str, layout: Layout, reading: Reading
    ) -> Problem | None:
        """Letters of the shown items in order ("c a b"), or the item texts in order."""
        items, count, expected = card.items, len(card.items), self.expected(card)
        order = shown(layout.items, count)
        code = LETTER_GAPS.sub("", given.casefold()) if len(given) <= MAX_CODE else ""
        if isinstance(answer, str) and code and all(char in LETTERS[:count] for char in code):
            chosen = [order[LETTERS.index(char)] for char in code]
        else:
            texts: list[str] = []
            if isinstance(answer, str) and len(given) <= MAX_RAW:
                texts = TEXT_GAPS.split(given)
                if len(texts) != count:  # an item may hold a comma: split at arrows alone
                    texts = ARROWS.split(given)
            elif isinstance(answer, Sequence) and not isinstance(answer, str):
                texts = [display(text) for text in answer[: count + 1]]
            texts = _regrouped(texts, items, reading) if len(texts) > count else texts
            if len(texts) != count:
                return unreadable(self.how_to_answer(card))
            found = [_item(text, items, reading) for text in texts]
            unknown = [text for text, index in zip(texts, found, strict=True) if index is None]
            if unknown:
                return wrong(f"'{unknown[0]}' is not one of the items; expected {expected}.")
            chosen = [index for index in found if index is not None]
        if sorted(items[i] for i in chosen) != sorted(items):
            each = f"Give all {count} items, each once"
            return unreadable(f"{each}.", f"{each}; expected {expected}.")
        if [items[i] for i in chosen] != list(items):
            return wrong(f"Wrong order: expected {expected}.")
        return None

    def how_to_answer(self, card: OrderCard) -> str:
        return f"give the letters a to {LETTERS[len(card.items) - 1]} in order, e.g. 'c a b'."

    def layout(self, card: OrderCard, rng: random.Random) -> Layout:
        order = shuffled(len(card.items), rng)
        while order == tuple(range(len(card.items))):  # never show the answer itself
            order = shuffled(len(card.items), rng)
        return Layout(items=order)

    def question_fields(self, card: OrderCard, layout: Layout) -> dict[str, object]:
        return {"items": lettered(card.items[k] for k in layout.items)}

    def answer_in_words(self, card: OrderCard, layout: Layout, text: str) -> str:
        order = shown(layout.items, len(card.items))
        letters = LETTER_GAPS.sub("", text.casefold())
        if len(letters) == len(order) and all(char in LETTERS[: len(order)] for char in letters):
            return " → ".join(card.items[order[LETTERS.index(char)]] for char in letters)
        return " → ".join(part for part in TEXT_GAPS.split(text) if part)

    def expected_in_words(self, card: OrderCard) -> str:
        return " → ".join(card.items)


KIND = OrderKind()
