"""True or false: the prompt is a statement; the learner says whether it holds."""

from __future__ import annotations

from natobrief.cardtypes.base import CardKind, Common, Layout
from natobrief.deck.fields import Fields
from natobrief.deck.model import TrueFalseCard
from natobrief.deck.yaml_nodes import YScalar
from natobrief.grading.lenient import Accepted
from natobrief.grading.matching import MAX_CODE, Answer, Problem, Reading, unreadable, wrong
from natobrief.grading.normalise import normalise_answer, words

TRUE_WORDS = frozenset({"t", "true", "y", "yes"})
FALSE_WORDS = frozenset({"f", "false", "n", "no"})


_SAYS_TRUE = frozenset({"true", "yes", "correct", "right", "yep", "yeah", "agree"})
_SAYS_FALSE = frozenset({"false", "no", "incorrect", "wrong", "untrue", "nope", "disagree"})
_FILLERS = frozenset({"it", "is", "that", "this", "i", "think", "statement", "was", "quite"})


def truth_in_words(text: str) -> bool | None:
    """True or false as said in words: "correct", "not true", "no, it showed ...", "not false".

    The first clause decides (what follows a comma explains it); one word of truth
    or falsehood in it, each "not" turning it round. None when it says neither,
    or both ("true and false").
    """
    clause = words(text.split(",", 1)[0].split(".", 1)[0])
    truths = [word in _SAYS_TRUE for word in clause if word in _SAYS_TRUE | _SAYS_FALSE]
    nots = sum(word in ("not", "isn't", "wasn't", "never") for word in clause)
    others = [word for word in clause if word not in _SAYS_TRUE | _SAYS_FALSE | _FILLERS | {"not"}]
    if not truths or len(set(truths)) > 1 or others:
        return None  # neither, or both ("true and false"), or more than a yes or no
    return truths[0] != (nots % 2 == 1)


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

    def statement_truth(self, card: TrueFalseCard) -> bool:
        return card.answer

    def grade(
        self, card: TrueFalseCard, answer: Answer, given: str, layout: Layout, reading: Reading
    ) -> Problem | None:
        word = normalise_answer(given) if len(given) <= MAX_CODE else ""
        said: bool | None
        if isinstance(answer, bool):
            said = answer
        elif word in TRUE_WORDS | FALSE_WORDS:
            said = word in TRUE_WORDS
        else:
            said = truth_in_words(given) if len(given) <= MAX_CODE else None
            if said is None:
                return unreadable(self.how_to_answer(card))
            shown = "true" if said else "false"
            reading.accept(Accepted("words", f"Accepted: '{given}' reads as {shown}."))
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
