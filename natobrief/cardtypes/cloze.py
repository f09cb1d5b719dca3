"""Fill in the gaps: a text with ``{{gaps}}``; each gap answered in order."""

from __future__ import annotations

import re
from collections.abc import Sequence

from natobrief.cardtypes.base import CardKind, Common, Layout
from natobrief.deck.fields import Fields
from natobrief.deck.model import GAP, ClozeCard
from natobrief.grading.matching import MAX_CODE, Answer, Problem, Reading, display, lookup, wrong
from natobrief.grading.normalise import normalise_answer

DEFAULT_PROMPT = "Fill in the gaps."
# Gaps answered on one line without semicolons: at commas, else at "and" or "&".
_COMMAS = re.compile(r"\s*,\s*")
_ANDS = re.compile(r"\s+(?:and|&)\s+|\s*&\s*")


def numbered_gaps(card: ClozeCard) -> str:
    """The cloze text with its gaps shown as [1], [2], ..."""
    counter = iter(range(1, len(card.gaps) + 1))
    return GAP.sub(lambda _match: f"[{next(counter)}]", card.text)


def _as_a_set(parts: list[str], gaps: tuple[tuple[str, ...], ...], reading: Reading) -> bool:
    """Each part names a different gap, in any order (``gaps: any-order``)."""
    left = list(range(len(gaps)))
    pairs: list[tuple[str, int]] = []
    for part in parts:
        trial = Reading(reading.known)  # tried on a copy: only the pairing found is noted
        found = next((g for g in left if lookup(part, gaps[g], trial) is not None), None)
        if found is None:
            return False
        left.remove(found)
        pairs.append((part, found))
    for part, gap in pairs:
        lookup(part, gaps[gap], reading)
    return True


class ClozeKind(CardKind[ClozeCard]):
    name = "cloze"
    card_class = ClozeCard
    title = "Fill in the gaps"
    instruction = "Answer each gap in order, separated by semicolons."
    keys = frozenset({"text", "gaps"})
    widget = "ClozeAnswer"
    prompt_required = False  # a cloze's text is its question; the prompt defaults

    def read(self, fields: Fields, common: Common) -> ClozeCard | None:
        text = fields.text(
            "text", required=True, hint="add 'text:' with the gaps marked like {{this}}"
        )
        if text is None:
            return None
        node = fields.node("text")
        gaps: list[tuple[str, ...]] = []
        for match in GAP.finditer(text):
            alternatives = tuple(a.strip() for a in match.group(1).split("|") if a.strip())
            if not alternatives:
                fields.error(
                    node, "a cloze gap {{}} is empty", "put the hidden words inside {{...}}"
                )
                return None
            gaps.append(alternatives)
        rest = GAP.sub("", text)
        if "{{" in rest or "}}" in rest:
            fields.error(node, "a cloze gap is not closed", "every '{{' needs a matching '}}'")
            return None
        if not gaps:
            fields.error(
                node,
                "the cloze text has no gap",
                "mark the words to hide with double braces: {{like this}}",
            )
            return None
        order = fields.text("gaps") or "in-order"
        if order not in ("in-order", "any-order"):
            fields.error(
                fields.node("gaps"),
                f"'gaps' must be in-order or any-order, not '{order}'",
                "write 'gaps: any-order' when the gaps form a set that may come in any order",
            )
            return None
        if not common["prompt"]:
            common = {**common, "prompt": DEFAULT_PROMPT}
        any_order = order == "any-order"
        return ClozeCard(text=text, gaps=tuple(gaps), any_order=any_order, **common)  # type: ignore[arg-type]

    def expected(self, card: ClozeCard) -> str:
        return "; ".join(gap[0] if gap else "" for gap in card.gaps)

    def grade(
        self, card: ClozeCard, answer: Answer, given: str, layout: Layout, reading: Reading
    ) -> Problem | None:
        """The gaps in order: a list, or one string with ';' between gaps."""
        gaps, count, expected = card.gaps, len(card.gaps), self.expected(card)
        if isinstance(answer, str) or not isinstance(answer, Sequence):
            text = given.strip(" ;")
            got = text.count(";") + 1 if count > 1 else 1
            parts = text.split(";", count) if count > 1 else [text]
            if count > 1 and got == 1 and len(text) <= MAX_CODE:  # "cyber and hybrid"
                for separator in (_COMMAS, _ANDS):
                    split = separator.split(text)
                    if len(split) == count:
                        got, parts = count, split
                        break
        else:
            got, parts = len(answer), [display(part) for part in answer[: count + 1]]
        if got != count:
            wanted = f"{count} answers separated by ';'" if count > 1 else "one answer"
            return wrong(f"Expected {wanted}, got {got}; the answer is '{expected}'.")
        if card.any_order and _as_a_set(parts, gaps, reading):
            return None
        mistakes = [
            f"gap {number} should be '{gap[0]}', not '{part.strip()}'"
            for number, (part, gap) in enumerate(zip(parts, gaps, strict=True), 1)
            if lookup(part, gap, reading) is None
        ]
        if mistakes:
            if count == 1:
                return wrong(f"Wrong: expected '{expected}'.")
            return wrong(f"Wrong: {'; '.join(mistakes)}.")
        return None

    def shown_text(self, card: ClozeCard) -> str:
        return numbered_gaps(card)

    def generic_prompt(self, card: ClozeCard) -> bool:
        return card.prompt == DEFAULT_PROMPT

    def question_fields(self, card: ClozeCard, layout: Layout) -> dict[str, object]:
        return {"text": numbered_gaps(card)}

    def asked_text(self, card: ClozeCard) -> str:
        return card.prompt + " " + GAP.sub(" ", card.text)

    def question_key(self, card: ClozeCard) -> str:
        if card.prompt == DEFAULT_PROMPT:
            return "cloze:" + normalise_answer(card.text)
        return "cloze:" + normalise_answer(card.prompt + " " + card.text)

    def grounded_answers(self, card: ClozeCard) -> list[str]:
        return [gap[0] for gap in card.gaps]


KIND = ClozeKind()
