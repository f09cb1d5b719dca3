"""Short answer: free text, right when it names the answer or one of the accepted forms."""

from __future__ import annotations

from natobrief.cardtypes.base import CardKind, Common, Layout
from natobrief.cardtypes.reading import flag
from natobrief.deck.fields import Fields
from natobrief.deck.model import ShortCard
from natobrief.grading.matching import Answer, Problem, Reading, lookup, wrong


class ShortKind(CardKind[ShortCard]):
    name = "short"
    card_class = ShortCard
    title = "Short answer"
    instruction = "Answer in a few words."
    keys = frozenset({"answer", "accept", "ordered"})

    def read(self, fields: Fields, common: Common) -> ShortCard | None:
        answer = fields.text("answer", required=True, hint="add 'answer: ...'")
        accept = fields.text_list("accept") or []
        ordered = flag(fields, "ordered", "write 'ordered: true' when the list's order counts")
        if answer is None or ordered is None:
            return None
        return ShortCard(answer=answer, accept=tuple(accept), ordered=ordered, **common)  # type: ignore[arg-type]

    def expected(self, card: ShortCard) -> str:
        return card.answer

    def grade(
        self, card: ShortCard, answer: Answer, given: str, layout: Layout, reading: Reading
    ) -> Problem | None:
        if lookup(given, (card.answer, *card.accept), reading, ordered=card.ordered) is None:
            return wrong(f"Wrong: expected '{card.answer}'.")
        return None

    def grounded_answers(self, card: ShortCard) -> list[str]:
        return [card.answer]


KIND = ShortKind()
