"""'I was right': a session's appeals, kept for the learner and for their teacher.

In study an appeal counts the last wrong answer right (the schedule moves as
for "good") and makes it the learner's own accepted answer for that card; in
an exam it is kept for the examiner and the score stands. Each appeal points
at its review-log entry, so undoing that entry voids the appeal with it
(:meth:`natobrief.session.Session.undo`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from natobrief.grading.verdict import Verdict, answer_in_words
from natobrief.scheduler import Rating
from natobrief.session_types import Result
from natobrief.store.appeals import Appeal

if TYPE_CHECKING:
    from natobrief.store.progress import Progress


class SessionAppeals:
    """Mixed into :class:`natobrief.session.Session`: its appeals."""

    if TYPE_CHECKING:  # what the Session provides
        results: list[Result]
        progress: Progress
        session_id: str
        _own: dict[tuple[str, str], list[str]]
        _appealed: dict[int, Appeal]

        def _now(self) -> datetime: ...
        def _replace_last(self, verdict: Verdict, rating: Rating) -> Result: ...

    def appeal(self) -> Result:
        """I was right: the last answer, graded wrong, counts as right.

        Its schedule moves as for a right answer, the appeal is kept (for the
        learner and for ``natobrief appeals``), and the same answer is right
        for this card from now on. :meth:`undo` takes it back with its appeal.
        An exam that leaves the schedule alone counts its answers as graded.
        """
        if not self.results or self.results[-1].verdict.correct:
            raise ValueError("there is no wrong answer to count right")
        last = self.results[-1]
        if last.rating is None:
            raise ValueError("an exam's answers are appealed to the examiner: appeal_to_examiner")
        said = answer_in_words(last.question.card, last.question.layout, last.verdict.given)
        verdict = replace(
            last.verdict,
            correct=True,
            typo=False,
            reason=f"Counted right at your word: '{said}' is accepted for this card from now on.",
            accepted_by="own",
            retry_hint="",
        )
        result = self._replace_last(verdict, Rating.GOOD)
        self._keep_appeal(result, said)
        return result

    def appeal_to_examiner(self, result: Result) -> Appeal:
        """An exam's "I was right": the appeal is kept for the examiner; the score stands.

        An exam is graded as it was sat, so its verdict and score do not change.
        The appeal goes into the exam's report (``natobrief report`` lists them
        per card) and into ``natobrief appeals``; the answer is the learner's
        own from then on, as after a study appeal. Appealing twice keeps one.
        """
        if result not in self.results or result.verdict.correct:
            raise ValueError("only a wrong answer of this session can be appealed")
        if result.log_id in self._appealed:
            return self._appealed[result.log_id]
        question = result.question
        return self._keep_appeal(
            result, answer_in_words(question.card, question.layout, result.verdict.given)
        )

    def _keep_appeal(self, result: Result, said: str) -> Appeal:
        """Record the appeal of ``result``'s log entry; ``said`` is by text, not letter."""
        deck_id, card_id = result.question.key
        at = self._now().astimezone(UTC).isoformat()
        appeal = Appeal(deck_id, card_id, said, at, self.session_id)
        self.progress.record_appeal(result.log_id, appeal)
        self._appealed[result.log_id] = appeal
        self._own.setdefault(result.question.key, []).append(said)
        return appeal

    @property
    def appeals(self) -> list[Appeal]:
        """This session's appeals that stand, in order (the --report lists them)."""
        return list(self._appealed.values())
