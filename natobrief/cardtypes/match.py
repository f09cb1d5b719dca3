"""Match the pairs: lettered left sides, numbered right sides, answered "a2 b1 c3"."""

from __future__ import annotations

import random
import re
from collections.abc import Mapping

from natobrief.cardtypes.base import LETTERS, CardKind, Common, Layout, lettered, shown, shuffled
from natobrief.cardtypes.reading import MAX_ITEMS, MIN_ITEMS
from natobrief.deck.fields import Fields, describe
from natobrief.deck.model import MatchCard
from natobrief.deck.yaml_nodes import YMap
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
from natobrief.text import normalise_passage

PAIR = re.compile(r"([a-z])[\s\-:=)>.]*([0-9]{1,2})")  # "a2", "a-2", "a: 2", "a) 2"
PAIR_GAPS = re.compile(r"[\s,;/&]*")  # what may stand between pairs


class MatchKind(CardKind[MatchCard]):
    name = "match"
    card_class = MatchCard
    title = "Match the pairs"
    instruction = "Answer with letter-number pairs, for example a2 b1 c3."
    keys = frozenset({"pairs"})
    widget = "MatchAnswer"

    def read(self, fields: Fields, common: Common) -> MatchCard | None:
        node = fields.node("pairs")
        if node is None:
            fields.missing("pairs", "add 'pairs:' with one 'left: right' line per pair")
            return None
        if not isinstance(node, YMap):
            fields.error(
                node,
                f"'pairs' must be a mapping, not {describe(node)}",
                "write one 'left: right' line per pair, indented under 'pairs:'",
            )
            return None
        pairs: list[tuple[str, str]] = []
        for key in node.order:
            right = fields.text_of(node.values[key], f"the right side of '{key}'")
            left = fields.text_of(node.keys[key], "a left side")
            if left is None or right is None:
                return None
            pairs.append((left, right))
        if not MIN_ITEMS <= len(pairs) <= MAX_ITEMS:
            fields.error(
                node,
                f"a match card needs {MIN_ITEMS} to {MAX_ITEMS} pairs, not {len(pairs)}",
                "add or remove pairs",
            )
            return None
        rights = [normalise_passage(right).lower() for _, right in pairs]
        if len(set(rights)) != len(rights):
            fields.error(
                node,
                "two pairs have the same right side",
                "make every right side different, or split the card in two",
            )
            return None
        return MatchCard(pairs=tuple(pairs), **common)  # type: ignore[arg-type]

    def expected(self, card: MatchCard) -> str:
        return "; ".join(f"{left} -> {right}" for left, right in card.pairs)

    def grade(
        self, card: MatchCard, answer: Answer, given: str, layout: Layout, reading: Reading
    ) -> Problem | None:
        """Letter-number pairs in the shown order ("a2 b1 c3"), or a mapping left -> right."""
        count, expected = len(card.pairs), self.expected(card)
        lefts, rights = [left for left, _ in card.pairs], [right for _, right in card.pairs]
        chosen: dict[int, int] = {}  # left index -> right index, both in the card's order
        if isinstance(answer, Mapping):
            for key, value in list(answer.items())[: count + 1]:
                key, value = display(key), display(value)
                left, right = lookup(key, lefts, reading), lookup(value, rights, reading)
                if left is None:
                    return unreadable(
                        f"'{key}' is not on the left.",
                        f"Not understood: '{key}' is not on the left; expected {expected}.",
                    )
                if right is None:
                    return unreadable(
                        f"'{value}' is not on the right.",
                        f"Not understood: '{value}' is not on the right; expected {expected}.",
                    )
                if left in chosen:
                    return unreadable(
                        f"'{lefts[left]}' is paired twice.",
                        f"'{lefts[left]}' is paired twice; expected {expected}.",
                    )
                chosen[left] = right
        else:
            left_shown, right_shown = shown(layout.left, count), shown(layout.right, count)
            code = given.casefold() if isinstance(answer, str) and len(given) <= MAX_CODE else ""
            found = list(PAIR.finditer(code))
            if not found or not PAIR_GAPS.fullmatch(PAIR.sub(" ", code)):
                return unreadable(self.how_to_answer(card))
            for pair in found:
                letter, number = LETTERS.index(pair.group(1)), int(pair.group(2))
                if letter >= count or not 0 < number <= count:
                    return unreadable(self.how_to_answer(card))
                if left_shown[letter] in chosen:
                    return unreadable(
                        f"'{pair.group(1)}' is paired twice.",
                        f"'{pair.group(1)}' is paired twice; expected {expected}.",
                    )
                chosen[left_shown[letter]] = right_shown[number - 1]
        missing = [lefts[i] for i in range(count) if i not in chosen]
        if missing:
            pairs = f"Match all {count} pairs ({', '.join(missing)} missing)"
            order = shown(layout.left, count)  # the hint names them as the learner sees them
            letters = [f"{LETTERS[n]} ({lefts[i]})" for n, i in enumerate(order) if i not in chosen]
            hint = f"Match all {count} pairs: {', '.join(letters)} missing."
            return unreadable(hint, f"{pairs}; expected {expected}.")
        mistaken = [lefts[i] for i in range(count) if rights[chosen[i]] != rights[i]]
        return wrong(f"Wrong for {', '.join(mistaken)}: expected {expected}.") if mistaken else None

    def how_to_answer(self, card: MatchCard) -> str:
        last = LETTERS[len(card.pairs) - 1]
        return f"give letter-number pairs from a to {last}, e.g. 'a2 b1 c3'."

    def layout(self, card: MatchCard, rng: random.Random) -> Layout:
        count = len(card.pairs)
        return Layout(left=shuffled(count, rng), right=shuffled(count, rng))

    def question_fields(self, card: MatchCard, layout: Layout) -> dict[str, object]:
        return {
            "left": lettered(card.pairs[k][0] for k in layout.left),
            "right": [f"{i + 1}) {card.pairs[k][1]}" for i, k in enumerate(layout.right)],
        }

    def answer_in_words(self, card: MatchCard, layout: Layout, text: str) -> str:
        count, code = len(card.pairs), text.casefold()
        left, right = shown(layout.left, count), shown(layout.right, count)
        found = list(PAIR.finditer(code))
        if not (found and PAIR_GAPS.fullmatch(PAIR.sub(" ", code))):
            return text
        named = []
        for pair in found:
            index, number = LETTERS.find(pair.group(1)), int(pair.group(2))
            if not (0 <= index < count and 0 < number <= count):
                return text
            named.append(f"{card.pairs[left[index]][0]} → {card.pairs[right[number - 1]][1]}")
        return "; ".join(named)

    def expected_as_shown(self, card: MatchCard, layout: Layout) -> str:
        count = len(card.pairs)
        left, right = shown(layout.left, count), shown(layout.right, count)
        return " ".join(f"{LETTERS[n]}{right.index(pair) + 1}" for n, pair in enumerate(left))

    def expected_in_words(self, card: MatchCard) -> str:
        return "; ".join(f"{left} → {right}" for left, right in card.pairs)

    def answers_shown_by(self, card: MatchCard) -> list[str]:
        # A pair written out ("its military modernization efforts") shows how it matches.
        return [f"{left} {right}" for left, right in card.pairs]


KIND = MatchKind()
