"""An exam as a paper: answers kept, changed and moved among, recorded only when submitted."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from natobrief.deck.loader import load_deck
from natobrief.exam_sheet import ExamSheet
from natobrief.scheduler import Scheduler
from natobrief.session import Session
from natobrief.store import open_store
from natobrief.store.progress import Progress
from tests.answers import canonical_answer, wrong_answer
from tests.tui.helpers import GOOD_DECK

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _exam(progress: Progress, count: int = 4, seed: int = 5) -> Session:
    from natobrief.session_types import Limits

    return Session(
        [load_deck(GOOD_DECK)],
        progress,
        Scheduler(),
        mode="exam",
        clock=lambda: NOW,
        seed=seed,
        limits=Limits(count=count),
    )


def _logged(progress: Progress) -> list[tuple[str, bool]]:
    return [
        (entry.card_id, bool(entry.correct)) for entry in progress.log() if entry.kind == "review"
    ]


def test_the_paper_holds_the_same_questions_as_one_by_one(tmp_path: Path) -> None:
    one_by_one = _exam(open_store(tmp_path / "a.db"))
    asked = []
    while (question := one_by_one.next_question()) is not None:
        asked.append((question.card.id, question.layout))
        one_by_one.answer(canonical_answer(question.card))
    sheet = ExamSheet(_exam(open_store(tmp_path / "b.db")))
    assert [(q.card.id, q.layout) for q in sheet.questions] == asked
    assert len(sheet) == 4 and sheet.answered == 0


def test_nothing_is_recorded_before_submit_and_a_changed_answer_counts(tmp_path: Path) -> None:
    progress = open_store(tmp_path / "p.db")
    session = _exam(progress)
    sheet = ExamSheet(session)
    first = sheet.current
    assert first is not None
    sheet.keep(wrong_answer(first.card), sheet.check(wrong_answer(first.card)))
    second = sheet.go(1)
    sheet.keep(canonical_answer(second.card), sheet.check(canonical_answer(second.card)))
    assert _logged(progress) == []  # a paper is not recorded until it is handed in
    sheet.go(0)  # back to the first question: the answer given is still there, and changes
    assert sheet.given(0) == wrong_answer(first.card)
    sheet.keep(canonical_answer(first.card), sheet.check(canonical_answer(first.card)))
    assert sheet.answered == 2 and sheet.next_unanswered() == 2
    sheet.spend(1500)
    sheet.submit()
    assert _logged(progress) == [(first.card.id, True), (second.card.id, True)]
    summary = session.summary()
    assert (summary.answered, summary.correct, summary.unanswered) == (2, 2, 2)
    assert summary.score == 50.0  # the two left empty count as wrong
    assert [result.response_ms for result in session.results] == [1500, None]
    assert len(session.unanswered()) == 2


def test_submitting_twice_records_once(tmp_path: Path) -> None:
    progress = open_store(tmp_path / "p.db")
    session = _exam(progress, count=2)
    sheet = ExamSheet(session)
    for index in range(2):
        question = sheet.go(index)
        sheet.keep(canonical_answer(question.card), sheet.check(canonical_answer(question.card)))
    sheet.submit()
    sheet.submit()
    session.submit(sheet.questions, {})  # a second try after a failed save: nothing twice
    assert len(_logged(progress)) == 2 and session.summary().unanswered == 0


def test_the_next_unanswered_question_goes_round_to_the_start(tmp_path: Path) -> None:
    sheet = ExamSheet(_exam(open_store(tmp_path / "p.db")))
    sheet.go(3)
    assert sheet.next_unanswered() == 0
    for index in range(4):
        question = sheet.go(index)
        sheet.keep(canonical_answer(question.card), sheet.check(canonical_answer(question.card)))
    assert sheet.next_unanswered() is None
    assert sheet.go(9) is sheet.questions[3] and sheet.go(-2) is sheet.questions[0]
