"""An exam taken as a paper: every question drawn at the start, answered in any order,
changed at will, and recorded only when the learner submits (or the time runs out).

Moodle's quiz and Quizlet's test mode work this way: one Escape or a hasty
answer must not be final. The headless exam still answers one question after
another (a script gives each answer once), through the same Session; only the
app holds a sheet.
"""

from __future__ import annotations

from natobrief.grading.matching import Answer
from natobrief.grading.verdict import Verdict
from natobrief.session import Session
from natobrief.session_types import Question, SheetAnswer


class ExamSheet:
    """The questions of one exam, the answers given so far, and where the learner is."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.questions = session.draw_exam()
        self.answers: dict[int, SheetAnswer] = {}  # by question number
        self.position = 0  # the index of the question on screen
        self.submitted = False
        self._spent_ms: dict[int, int] = {}  # time on each question, all visits together

    def __len__(self) -> int:
        return len(self.questions)

    @property
    def current(self) -> Question | None:
        """The question on screen (None for an exam with no questions)."""
        return self.questions[self.position] if self.questions else None

    @property
    def answered(self) -> int:
        """How many questions hold an answer."""
        return len(self.answers)

    def is_answered(self, index: int) -> bool:
        """Whether the question at ``index`` holds an answer."""
        return self.questions[index].n in self.answers

    def given(self, index: int) -> Answer | None:
        """The answer kept for the question at ``index``, if any."""
        kept = self.answers.get(self.questions[index].n)
        return kept.answer if kept is not None else None

    def go(self, index: int) -> Question:
        """Move to the question at ``index`` (kept within the paper)."""
        self.position = max(0, min(index, len(self.questions) - 1))
        return self.questions[self.position]

    def spend(self, milliseconds: int) -> None:
        """Add time the learner spent on the question on screen."""
        question = self.current
        if question is not None:
            self._spent_ms[question.n] = self._spent_ms.get(question.n, 0) + milliseconds

    def check(self, answer: Answer) -> Verdict:
        """Grade an answer to the question on screen, recording nothing (see Session.check)."""
        question = self.current
        if question is None:
            raise ValueError("the exam has no questions")
        return self.session.check(answer, question)

    def keep(self, answer: Answer, verdict: Verdict) -> None:
        """Keep ``answer`` (graded ``verdict``) for the question on screen, replacing any."""
        question = self.current
        if question is None or self.submitted:
            raise ValueError("there is no question to answer")
        self.answers[question.n] = SheetAnswer(answer, verdict)

    def next_unanswered(self) -> int | None:
        """The first question without an answer after the one on screen (round to the start)."""
        count = len(self.questions)
        for step in range(1, count + 1):
            index = (self.position + step) % count
            if not self.is_answered(index):
                return index
        return None

    def submit(self) -> None:
        """Record every answer (the rest count as unanswered); the paper is closed after."""
        if self.submitted:
            return
        answers = {
            n: SheetAnswer(kept.answer, kept.verdict, self._spent_ms.get(n))
            for n, kept in self.answers.items()
        }
        self.session.submit(self.questions, answers)
        self.submitted = True
