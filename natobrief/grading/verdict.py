"""The verdict: a card and an answer in, right or wrong and why out. Pure functions, no I/O.

The rules are those of the deck format (docs/deck-format.md, "Normalisation"):
free text is compared after normalisation, then read leniently (other names,
lists, context, hedged numbers and dates, typos scaled to a word's length;
grading/lenient.py), and every form accepted that way says why; choice, order
and match answers may use the letters shown or the texts themselves (answers
files cannot know the shuffle). Each card type's own rule is its kind's
``grade`` (natobrief.cardtypes). Work is bounded, so a megabyte of input
costs about as much as a short answer, and :func:`grade` never raises: a learner's
odd input is a wrong answer with a reason, not a crash.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from natobrief.cardtypes.base import Layout
from natobrief.cardtypes.registry import kind_of
from natobrief.deck.model import Card
from natobrief.grading.known import Known
from natobrief.grading.matching import Answer, Problem, Reading, display, unreadable
from natobrief.grading.normalise import normalise_answer


@dataclass(frozen=True, slots=True)
class Verdict:
    """Right or wrong, and why, in words a learner reads (both faces show ``reason``)."""

    correct: bool
    typo: bool  # correct, but only by forgiven typos
    expected: str  # the canonical answer as a learner should see it
    given: str  # the answer as received, as one display string, control characters stripped
    reason: str  # one plain sentence saying why
    typo_detail: str = ""  # when typo: "Stoltenbreg -> Stoltenberg"
    # Set when the answer could not be read as an answer to this card (a word
    # for a number, a letter with no option, pairs missing): what to fix, without
    # giving the answer away. The app then asks again instead of grading it;
    # headless mode grades it wrong, so a script's answers stay one per question.
    retry_hint: str = ""
    # How a right answer not written as the card has it was accepted: "alias",
    # "list", "context", "typo", "number", "words" (comma-joined); "" when as written.
    accepted_by: str = ""
    # The learner answered "?": they do not know it. Wrong (the card comes back soon), and
    # shown as not known rather than as a wrong answer.
    dont_know: bool = False


_OWN_ORDER = Layout()  # every list in the card's own order
DONT_KNOW = "?"  # what a learner types for "I don't know" (the study screen says so)


def grade(
    card: Card,
    answer: Answer,
    layout: Layout = _OWN_ORDER,
    known: Known | Callable[[], Known] | None = None,
    own: Sequence[str] = (),
) -> Verdict:
    """Grade one answer to one card, as shown in ``layout``. Never raises.

    ``known``: what is known around the card (its deck's names and words, see
    grading/known.py), so that a typo is told from another word the deck uses;
    a function that returns it is called only when an answer is not exact.
    ``own``: answers to this card the learner counted right before ("I was right").
    """
    given = display(answer)
    try:
        kind = kind_of(card)
        expected, hint = kind.expected(card), kind.how_to_answer(card)
    except Exception:  # not a card, or a malformed one: nothing can be right
        return Verdict(False, False, "", given, "Cannot grade: this card is malformed.")
    if isinstance(answer, str) and answer.strip() == DONT_KNOW:
        reason = "You answered ? (not known): the card comes back soon."
        return Verdict(False, False, expected, given, reason, dont_know=True)
    if own and given and isinstance(answer, str):
        said = kind.answer_in_words(card, layout, given.strip())  # a letter as its option
        if any(normalise_answer(mine) == normalise_answer(said) for mine in own):
            reason = f"Accepted: you counted '{said}' right before; it is your own answer."
            return Verdict(True, False, expected, given, reason, accepted_by="own")
    reading = Reading(known, kind.asked_text(card))
    problem: Problem | None = Problem(f"No answer: expected '{expected}'.")
    if given:
        try:
            problem = kind.grade(card, answer, given, layout, reading)
        except Exception:  # an answer of a shape no rule reads is wrong, never a crash
            problem = unreadable(hint)
    if problem is not None:
        return Verdict(False, False, expected, given, problem.reason, retry_hint=problem.retry_hint)
    typos = reading.typos
    others = [why for why in reading.accepted if why.by != "typo"]
    accepted_by = ", ".join(dict.fromkeys(why.by for why in reading.accepted))
    reasons = list(dict.fromkeys(why.reason for why in others))
    if not typos:
        reason = " ".join(reasons) if reasons else "Correct."
        return Verdict(True, False, expected, given, reason, accepted_by=accepted_by)
    detail = "; ".join(f"{wrote} -> {meant}" for wrote, meant in typos)
    if len(typos) == 1:
        reason = f"Accepted with a typo: you wrote '{typos[0][0]}', expected '{typos[0][1]}'."
    else:
        reason = f"Accepted with {len(typos)} typos: {detail}."
    reason = " ".join([reason, *reasons])
    return Verdict(True, True, expected, given, reason, detail, accepted_by=accepted_by)


def expected_answer(card: Card) -> str:
    """The canonical answer of a card as a learner sees it (the feedback's "Answer")."""
    return kind_of(card).expected(card)


def answer_line(card: Card, verdict: Verdict) -> str | None:
    """The right answer to show after ``verdict``, None when its reason already says it.

    A number card's tolerance is part of the answer (31 was right for 32 give
    or take 1). Both faces show it this way, after the reason.
    """
    expected = verdict.expected
    said = (f"expected {expected}", f"expected '{expected}'", f"statement is {expected}")
    if any(phrase in verdict.reason for phrase in said):
        return None
    return kind_of(card).answer_line(card)


def answer_in_words(card: Card, layout: Layout, given: str) -> str:
    """An answer as the texts it named, read as the grader reads it: true/false, the chosen
    option, the items in the order given, the pairs as "left → right"; else as typed.

    Letters and numbers refer to the shuffled ``layout``, which is gone by the
    time an exam's results are read.
    """
    text = given.strip()
    if not text:
        return "—"
    return kind_of(card).answer_in_words(card, layout, text)


def expected_in_words(card: Card) -> str:
    """The right answer written as :func:`answer_in_words` writes answers."""
    return kind_of(card).expected_in_words(card)
