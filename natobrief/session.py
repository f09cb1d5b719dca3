"""The study engine: one session of questions, used by both the TUI and the headless mode.

A session picks the cards (due reviews first, most overdue first, then new
cards up to the daily limit; or a fixed shuffled set for an exam), shows each
with a reproducible shuffle, grades the answer, tells fsrs, and commits the
result before the next question is asked. Neither face grades, schedules or
writes the database itself.
"""

from __future__ import annotations

import heapq
import os
import random
from collections import deque
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime, timedelta
from functools import partial

from natobrief.cardtypes.base import Layout
from natobrief.cardtypes.registry import kind_of
from natobrief.deck.model import AnyCard, Deck
from natobrief.gc_pause import gc_paused
from natobrief.grading.known import known_for
from natobrief.grading.matching import Answer
from natobrief.grading.verdict import Verdict, grade
from natobrief.scheduler import CardStage, MemoryState, Rating, Scheduler
from natobrief.session_appeals import SessionAppeals
from natobrief.session_types import (
    Clock,
    Limits,
    Mode,
    Question,
    Result,
    SheetAnswer,
    Summary,
    TagScore,
    real_clock,
)
from natobrief.settings import EXAM_QUESTIONS
from natobrief.spacing import Screens, exam_set, in_order, paragraph_of, siblings_later
from natobrief.store.appeals import Appeal
from natobrief.store.progress import Progress
from natobrief.store.records import CardProgress, ReviewKind, ReviewRecord

LEARN_AHEAD = timedelta(minutes=20)
# A seeded session's id (every run with that seed shares it; the class report knows).
SEEDED_SESSION_PREFIX = "seed-"
# A card answered wrong comes back within the session, but at most this many times
# in all: a script giving the same wrong answer (or a fixed --now) must still end.
MAX_ASKS_PER_SESSION = 3


def make_layout(card: AnyCard, rng: random.Random) -> Layout:
    """The shuffle a card is shown in (its type decides what is shuffled)."""
    return kind_of(card).layout(card, rng)


class Session(SessionAppeals):
    """One study or exam session over some decks."""

    def __init__(
        self,
        decks: Sequence[Deck],
        progress: Progress,
        scheduler: Scheduler,
        *,
        mode: Mode = "study",
        clock: Clock = real_clock,
        seed: int | None = None,
        limits: Limits | None = None,
        schedule_exam: bool = False,
        keep_apart: bool = True,
    ) -> None:
        self.decks = list(decks)
        self.progress = progress
        for deck in self.decks:  # renamed cards keep their progress (deck/renamed.py)
            if deck.renamed:
                progress.follow_renames(deck.id, deck.renamed)
        self.scheduler = scheduler
        self.mode: Mode = mode
        self.clock = clock
        self.limits = limits or Limits()
        self.schedule_exam = schedule_exam
        self.session_id = (
            f"{SEEDED_SESSION_PREFIX}{seed}" if seed is not None else os.urandom(16).hex()
        )
        self.rng = random.Random(seed if seed is not None else int.from_bytes(os.urandom(8)))
        self.results: list[Result] = []
        self.asked = 0
        self._left: list[Question] = []  # exam questions stopped at without an answer
        self.current: Question | None = None
        # Learning cards waiting to come back: a heap by due time (the counter keeps ties stable).
        self._learning: list[tuple[datetime, int, Deck, AnyCard]] = []
        self._learning_counter = 0
        self._asks: dict[tuple[str, str], int] = {}  # answers recorded per card this session
        # Answers the learner counted right before ("I was right"): accepted from then on.
        self._own = progress.own_answers(deck.id for deck in self.decks)
        self._appealed: dict[int, Appeal] = {}  # this session's appeals, by the log entry
        self._screens = Screens()  # the last feedback screens (spacing.py)
        self.keep_apart = keep_apart  # hold back cards a recent screen gives away (study)
        self.new_held_back = 0  # new cards the day's limit leaves for later (set by the queue)
        # The loaded decks hold millions of tracked objects; each collection the queue's
        # allocations would trigger walks them all (3x slower at 100,000 cards).
        with gc_paused():
            self._queue: deque[tuple[Deck, AnyCard]] = deque(self._build_queue())

    # The queue

    def _now(self) -> datetime:
        moment = self.clock()
        if moment.tzinfo is None:
            raise ValueError("the session clock must give timezone-aware times")
        return moment

    def day_start(self) -> datetime:
        """When the learner's current study day began, in UTC."""
        local = self._now()
        start = local.replace(hour=self.limits.day_starts_hour, minute=0, second=0, microsecond=0)
        if start > local:
            start -= timedelta(days=1)
        return start.astimezone(UTC)

    def _build_queue(self) -> list[tuple[Deck, AnyCard]]:
        cards = [(deck, card) for deck in self.decks for card in deck.cards]
        if self.mode == "exam":
            count = self.limits.count if self.limits.count is not None else EXAM_QUESTIONS
            return exam_set(self.rng.sample(cards, len(cards)), count)
        states = self.progress.card_schedules(deck.id for deck in self.decks)
        now = self._now().astimezone(UTC)
        due: list[tuple[datetime, Deck, AnyCard]] = []
        new: list[tuple[Deck, AnyCard]] = []
        for deck, card in cards:
            state = states.get((deck.id, card.id))
            if state is not None and not state.available(now):
                continue
            due_at = state.due_at() if state is not None else None
            if due_at is None:
                new.append((deck, card))
            elif due_at <= now:
                due.append((due_at, deck, card))
        due.sort(key=lambda entry: entry[0])  # most overdue first
        day_start = self.day_start()
        reviews_left = max(0, self.limits.reviews_per_day - self.progress.reviews_since(day_start))
        new_left = max(0, self.limits.new_per_day - self.progress.new_cards_since(day_start))
        self.new_held_back = max(0, len(new) - new_left)
        reviews = [(deck, card) for _, deck, card in due]
        if self.keep_apart and (len(reviews) > reviews_left or len(new) > new_left):
            # A day's limit leaves cards for later days: let it leave siblings (spacing.py)
            lookup = {(deck.id, card.id): (deck, card) for deck, card in cards}
            today = self.progress.cards_reviewed_since(day_start)
            studied = {paragraph_of(*lookup[key]) for key in today if key in lookup}
            reviews = in_order(reviews, siblings_later(reviews, studied)[:reviews_left])
            new = in_order(new, siblings_later(new, studied)[:new_left])
        return reviews[:reviews_left] + new[:new_left]

    def waiting(self) -> tuple[int, int]:
        """Cards not yet asked, and cards coming back (a learning step or a wrong answer).

        Shown apart: a card answered right in its first step comes back minutes
        later, so one total would stay the same for a whole round of new cards.
        """
        fresh, back = len(self._queue), len(self._learning)
        if self.limits.count is not None:
            room = max(0, self.limits.count - self.asked)
            fresh = min(fresh, room)
            back = min(back, room - fresh)
        return fresh, back

    def next_question(self) -> Question | None:
        """The next question, or None when the session is over."""
        if self.limits.count is not None and self.asked >= self.limits.count:
            self.current = None
            return None
        picked = self._pick()
        if picked is None:
            self.current = None
            return None
        deck, card = picked
        self.asked += 1
        self.current = Question(self.asked, deck, card, make_layout(card, self.rng))
        return self.current

    def _pick(self) -> tuple[Deck, AnyCard] | None:
        now = self._now()
        if self._learning and self._learning[0][0] <= now:
            _, _, deck, card = heapq.heappop(self._learning)
            return deck, card
        if self._queue:
            if self.mode == "study" and self.keep_apart:  # no card asked while shown
                at = self._screens.first_kept_apart(self._queue)
                if at is None and self._learning and self._learning[0][0] <= now + LEARN_AHEAD:
                    _, _, deck, card = heapq.heappop(self._learning)  # a card coming back
                    return deck, card  # puts a screen between them
                if at:
                    picked = self._queue[at]
                    del self._queue[at]
                    return picked
            return self._queue.popleft()
        if self._learning and self._learning[0][0] <= now + LEARN_AHEAD:
            _, _, deck, card = heapq.heappop(self._learning)
            return deck, card
        return None

    def skip(self) -> None:
        """Pass over the current question as not set (it is not counted, even in an exam)."""
        if self.current is not None:
            self.asked -= 1
            self.current = None

    def leave(self) -> None:
        """Stop at the current question without answering it (an exam counts it unanswered)."""
        if self.current is not None:
            self._left.append(self.current)
        self.skip()

    def draw_exam(self) -> list[Question]:
        """Every question of an exam's set at once, in order (the app lets the learner move
        among them and change answers; :meth:`submit` records them at the end)."""
        if self.mode != "exam":
            raise ValueError("only an exam is drawn whole")
        questions: list[Question] = []
        while (question := self.next_question()) is not None:
            questions.append(question)
        return questions

    def submit(self, questions: Sequence[Question], answers: Mapping[int, SheetAnswer]) -> None:
        """Record a drawn exam's answers, by question number, in the order asked; the
        questions without one count as unanswered (wrong). Submitting again after a failed
        save records only what the first try did not."""
        recorded = {result.question.n for result in self.results}
        self._left = []
        for question in questions:
            if question.n in recorded:
                continue
            given = answers.get(question.n)
            self.current = question
            if given is None:
                self._left.append(question)
                self.current = None
            else:
                self.answer(given.answer, given.response_ms, given.verdict)

    def unanswered(self) -> list[tuple[Deck, AnyCard]]:
        """An exam's questions without an answer: stopped at, on screen, or never reached."""
        if self.mode != "exam":
            return []
        waiting = [(question.deck, question.card) for question in self._left]
        if self.current is not None:
            waiting.append((self.current.deck, self.current.card))
        return waiting + list(self._queue)

    # Answering

    def check(self, given: Answer, question: Question | None = None) -> Verdict:
        """Grade ``given`` for the current question (or ``question``) without recording anything.

        The app asks first, so that an answer it cannot read (``retry_hint``) is
        asked again instead of graded; the verdict then goes to :meth:`answer`.
        """
        return self._grade(question or self._require_current(), given)

    def answer(
        self, given: Answer, response_ms: int | None = None, verdict: Verdict | None = None
    ) -> Result:
        """Grade the current question, schedule it, and commit before returning.

        ``verdict``, when given, is :meth:`check`'s for this same answer.
        """
        question = self._require_current()
        if verdict is None:
            verdict = self._grade(question, given)
        scheduled = self.mode == "study" or self.schedule_exam
        rating = (Rating.GOOD if verdict.correct else Rating.AGAIN) if scheduled else None
        result = self._record(question, verdict, rating, response_ms)
        self.results.append(result)
        self.current = None
        if self.mode == "study":
            self._screens.shown(question.deck, question.card)
        return result

    def override(self, rating: Rating) -> Result:
        """Change the rating of the last answer (after seeing it), replacing its log entry."""
        if not self.results:
            raise ValueError("there is no answer to rate yet")
        last = self.results[-1]
        if last.rating is None:
            raise ValueError("this answer does not move the schedule (an exam)")
        if last.rating == rating:
            return last
        return self._replace_last(last.verdict, rating)

    def rating_previews(self, result: Result) -> dict[Rating, datetime]:
        """When each rating key would bring the answer's card back (empty in an exam)."""
        if result.rating is None or result.reviewed_at is None:
            return {}
        deck_id, card_id = result.question.key
        states = self.scheduler.next_states(
            result.before, deck_id, card_id, result.reviewed_at, result.response_ms
        )
        return {rating: state.due for rating, state in states.items()}

    def undo(self) -> Question | None:
        """Take back the last answer: its card's state is restored and it is asked again."""
        if not self.results:
            return None
        last = self.results.pop()
        self.progress.undo(last.log_id)
        appealed = self._appealed.pop(last.log_id, None)
        if appealed is not None:  # the appeal is void with its log entry
            self._own[last.question.key].remove(appealed.answer)
        self._forget_learning(last.question)
        self._asks[last.question.key] -= 1
        if self.current is not None:  # the question on screen goes back in line
            self._queue.appendleft((self.current.deck, self.current.card))
            self.asked -= 1
        self.current = last.question
        return last.question

    def bury(self) -> None:
        """Hide the last answered (or current) card until the next study day."""
        self._flag("bury", until=(self.day_start() + timedelta(days=1)).isoformat())

    def suspend(self) -> None:
        """Take the last answered (or current) card out of study until unsuspended."""
        self._flag("suspend")

    def summary(self) -> Summary:
        """Figures for the session so far."""
        by_tag: dict[str, TagScore] = {}
        for result in self.results:
            for tag in result.question.card.tags:
                score = by_tag.setdefault(tag, TagScore())
                score.asked += 1
                score.correct += int(result.verdict.correct)
        unanswered = self.unanswered()
        for _deck, card in unanswered:  # an exam's tag scores count them as wrong too
            for tag in card.tags:
                by_tag.setdefault(tag, TagScore()).asked += 1
        answered = len(self.results)
        asked = self.asked - (1 if self.current is not None else 0)
        return Summary(
            mode=self.mode,
            asked=max(asked, answered),
            answered=answered,
            correct=sum(r.verdict.correct for r in self.results),
            by_tag=dict(sorted(by_tag.items())),
            unanswered=len(unanswered),
            new_held_back=self.new_held_back,
        )

    # Internals

    def _replace_last(self, verdict: Verdict, rating: Rating) -> Result:
        """The last answer logged again with ``verdict`` and ``rating``, its old entry undone."""
        last = self.results[-1]
        self.progress.undo(last.log_id)
        self._forget_learning(last.question)
        self._asks[last.question.key] -= 1
        # Logged at the answer's own time: the rating keys' previews are then exactly what a
        # new rating gives (fsrs's fuzz is seeded by the time).
        result = self._record(last.question, verdict, rating, last.response_ms, last.reviewed_at)
        self.results[-1] = result
        return result

    def _grade(self, question: Question, given: Answer) -> Verdict:
        own = self._own.get(question.key, ())
        known = partial(known_for, question.deck)  # built only for an answer not exact
        return grade(question.card, given, question.layout, known, own)

    def _require_current(self) -> Question:
        if self.current is None:
            raise ValueError("no question is waiting for an answer")
        return self.current

    def _record(
        self,
        question: Question,
        verdict: Verdict,
        rating: Rating | None,
        response_ms: int | None,
        at: datetime | None = None,
    ) -> Result:
        now = (at or self._now()).astimezone(UTC)
        deck_id, card_id = question.key
        outcome: list[MemoryState] = []

        previous_memory: list[MemoryState | None] = []

        def entry(previous: CardProgress | None) -> ReviewRecord:
            before = previous.memory if previous else None
            previous_memory.append(before)
            after: MemoryState | None = None
            if rating is not None:
                start = before or self.scheduler.new_state(deck_id, card_id, now)
                after = self.scheduler.review(start, rating, now, response_ms)
                outcome.append(after)
            return ReviewRecord(
                kind="review",
                deck_id=deck_id,
                card_id=card_id,
                reviewed_at=now.isoformat(),
                mode=self.mode,
                session_id=self.session_id,
                answer=verdict.given,
                correct=verdict.correct,
                typo=verdict.typo,
                rating=None if rating is None else int(rating),
                response_ms=response_ms,
                state_before=before.data if before else None,
                state_after=after.data if after else None,
            )

        log_id, _state = self.progress.record_with(deck_id, card_id, entry)
        due = outcome[0].due if outcome else None
        self._asks[question.key] = self._asks.get(question.key, 0) + 1
        if (
            self.mode == "study"  # an exam is a fixed set, even when it moves the schedule
            and outcome
            and outcome[0].stage != CardStage.REVIEW
            and self._asks[question.key] < MAX_ASKS_PER_SESSION
        ):
            self._learning_counter += 1
            heapq.heappush(
                self._learning,
                (outcome[0].due, self._learning_counter, question.deck, question.card),
            )
        before = previous_memory[0] if previous_memory else None
        return Result(
            question, verdict.given, verdict, rating, due, log_id, response_ms, before, now
        )

    def _forget_learning(self, question: Question) -> None:
        self._learning = [
            entry for entry in self._learning if (entry[2].id, entry[3].id) != question.key
        ]
        heapq.heapify(self._learning)

    def _flag(self, kind: ReviewKind, until: str | None = None) -> None:
        target = self.results[-1].question if self.results else self.current
        if target is None:
            raise ValueError("there is no card to act on yet")
        self._forget_learning(target)
        self.progress.record(
            ReviewRecord(
                kind=kind,
                deck_id=target.deck.id,
                card_id=target.card.id,
                reviewed_at=self._now().astimezone(UTC).isoformat(),
                mode=self.mode,
                session_id=self.session_id,
                until=until,
            )
        )
