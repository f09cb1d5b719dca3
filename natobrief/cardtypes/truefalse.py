"""True or false: the prompt is a statement; the learner says whether it holds."""

from __future__ import annotations

from natobrief.cardtypes.base import CardKind, Common, Layout
from natobrief.deck.fields import Fields
from natobrief.deck.model import TrueFalseCard
from natobrief.deck.yaml_nodes import YScalar
from natobrief.grading.matching import MAX_CODE, Answer, Problem, Typos, unreadable, wrong
from natobrief.grading.normalise import normalise_answer

TRUE_WORDS = frozenset({"t", "true", "y", "yes"})
FALSE_WORDS = frozenset({"f", "false", "n", "no"})


class TrueFalseKind(CardKind[TrueFalseCard]):
    name = "truefalse"
    card_class = TrueFalseCard
    title = "True or false"
    instruction = "Answer true or false."
    keys = frozenset({"answer"})
    widget = "TrueFalseAnswer"

    def read(self, fields: Fields, common: Common) -> TrueFalseCard | None:
        node = fields.node("answer")
        if node is None:
            fields.missing("answer", "add 'answer: true' or 'answer: false'")
            return None
        value = node.value if isinstance(node, YScalar) else None
        if isinstance(value, str) and value.strip().lower() in ("true", "false"):
            value = value.strip().lower() == "true"
        if not isinstance(value, bool):
            fields.error(
                node,
                "a truefalse answer must be true or false",
                "write 'answer: true' or 'answer: false'",
            )
            return None
        return TrueFalseCard(answer=value, **common)  # type: ignore[arg-type]

    def expected(self, card: TrueFalseCard) -> str:
        return "true" if card.answer else "false"

    def grade(
        self, card: TrueFalseCard, answer: Answer, given: str, layout: Layout, typos: Typos
    ) -> Problem | None:
        word = normalise_answer(given) if len(given) <= MAX_CODE else ""
        if not isinstance(answer, bool) and word not in TRUE_WORDS | FALSE_WORDS:
            return unreadable(self.how_to_answer(card))
        said = answer if isinstance(answer, bool) else word in TRUE_WORDS
        if said == card.answer:
            return None
        return wrong(f"Wrong: the statement is {self.expected(card)}.")

    def how_to_answer(self, card: TrueFalseCard) -> str:
        return "answer true or false (t/f, y/n, yes/no)."

    def answer_in_words(self, card: TrueFalseCard, layout: Layout, text: str) -> str:
        code = text.casefold()
        if code in TRUE_WORDS | FALSE_WORDS:
            return "true" if code in TRUE_WORDS else "false"
        return text


KIND = TrueFalseKind()
