"""The study engine against the real store and the real fsrs scheduler."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from natobrief.deck.loader import load_deck
from natobrief.deck.model import Deck
from natobrief.scheduler import Rating, Scheduler
from natobrief.session import Session
from natobrief.session_types import Limits
from natobrief.store import Progress, open_store
from tests.answers import canonical_answer, wrong_answer
from tests.conftest import DATA

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def deck() -> Deck:
    return load_deck(DATA / "good" / "deck.yaml")


@pytest.fixture
def progress(tmp_path: Path) -> Iterator[Progress]:
    store = open_store(tmp_path / "progress.sqlite3")
    yield store
    store.close()


def session(deck: Deck, progress: Progress, now: datetime = T0, **kwargs: object) -> Session:
    limits = kwargs.pop("limits", Limits())
    return Session(
        [deck], progress, Scheduler(seed=1), clock=lambda: now, seed=1, limits=limits, **kwargs
    )  # type: ignore[arg-type]


def test_new_cards_come_in_deck_order_up_to_the_limit(deck: Deck, progress: Progress) -> None:
    study = session(deck, progress, limits=Limits(new_per_day=3), keep_apart=False)
    asked = []
    while (question := study.next_question()) is not None:
        asked.append(question.card.id)
        study.answer(canonical_answer(question.card))
    # each new card answered right comes back once from learning (10-minute step) within the session
    assert asked[:3] == ["tokyo-blocked", "enabler", "heads-32"]
    assert set(asked) == {"tokyo-blocked", "enabler", "heads-32"}


def test_each_answer_is_committed_before_the_next_question(deck: Deck, progress: Progress) -> None:
    study = session(deck, progress)
    question = study.next_question()
    assert question is not None
    result = study.answer(canonical_answer(question.card))
    assert result.verdict.correct and result.rating is Rating.GOOD
    log = progress.log()
    assert [(e.card_id, e.rating, e.correct) for e in log] == [("tokyo-blocked", 3, True)]


def test_wrong_answer_rates_again_and_comes_back(deck: Deck, progress: Progress) -> None:
    study = session(deck, progress, limits=Limits(new_per_day=1))
    question = study.next_question()
    assert question is not None
    result = study.answer(wrong_answer(question.card))
    assert not result.verdict.correct and result.rating is Rating.AGAIN
    again = study.next_question()
    assert again is not None and again.card.id == question.card.id and again.n == 2


def test_due_reviews_come_before_new_cards_most_overdue_first(
    deck: Deck, progress: Progress
) -> None:
    first = session(deck, progress, limits=Limits(new_per_day=2), keep_apart=False)
    while (question := first.next_question()) is not None:
        first.answer(canonical_answer(question.card))
    later = T0 + timedelta(days=40)
    study = session(deck, progress, now=later, limits=Limits(new_per_day=1), keep_apart=False)
    ids = [q.card.id for q in iter(study.next_question, None) if not study.skip()]
    assert ids[:2] == ["tokyo-blocked", "enabler"]
    assert ids[2] == "heads-32"


def test_undo_restores_the_card_and_asks_it_again(deck: Deck, progress: Progress) -> None:
    study = session(deck, progress)
    question = study.next_question()
    assert question is not None
    study.answer(canonical_answer(question.card))
    assert progress.card_state(deck.id, question.card.id) is not None
    again = study.undo()
    assert again is not None and again.card.id == question.card.id
    assert progress.card_state(deck.id, question.card.id) is None
    assert progress.log()[0].undone
    study.answer(wrong_answer(question.card))
    assert study.results[-1].rating is Rating.AGAIN


def test_override_replaces_the_rating(deck: Deck, progress: Progress) -> None:
    study = session(deck, progress)
    question = study.next_question()
    assert question is not None
    study.answer(canonical_answer(question.card))
    result = study.override(Rating.EASY)
    assert result.rating is Rating.EASY
    live = [e for e in progress.log() if not e.undone]
    assert [e.rating for e in live] == [int(Rating.EASY)]


def test_bury_and_suspend_keep_cards_out(deck: Deck, progress: Progress) -> None:
    study = session(deck, progress, limits=Limits(new_per_day=2), keep_apart=False)
    first = study.next_question()
    assert first is not None
    study.answer(canonical_answer(first.card))
    study.bury()
    second = study.next_question()
    assert second is not None and second.card.id == "enabler"
    study.answer(canonical_answer(second.card))
    study.suspend()
    assert study.next_question() is None  # both answered cards left the session
    next_day = session(deck, progress, now=T0 + timedelta(days=1), limits=Limits(new_per_day=0))
    ids = [q.card.id for q in iter(next_day.next_question, None) if not next_day.skip()]
    assert "enabler" not in ids


def test_exam_is_a_fixed_set_that_leaves_the_schedule_alone(deck: Deck, progress: Progress) -> None:
    exam = session(deck, progress, mode="exam", limits=Limits(count=5))
    ids = []
    while (question := exam.next_question()) is not None:
        ids.append(question.card.id)
        exam.answer(canonical_answer(question.card))
    assert len(ids) == 5 == len(set(ids))
    assert all(result.rating is None for result in exam.results)
    assert progress.card_states([deck.id]) == {}
    assert len(progress.log()) == 5
    assert exam.summary().score == 100.0
    again = session(deck, progress, mode="exam", limits=Limits(count=5))
    assert [q.card.id for q in iter(again.next_question, None) if not again.skip()] == ids


def test_exam_with_schedule_moves_it(deck: Deck, progress: Progress) -> None:
    exam = session(deck, progress, mode="exam", limits=Limits(count=2), schedule_exam=True)
    while (question := exam.next_question()) is not None:
        exam.answer(canonical_answer(question.card))
    assert len(progress.card_states([deck.id])) == 2


def test_exam_with_schedule_asks_each_card_once_even_when_missed(
    deck: Deck, progress: Progress
) -> None:
    exam = session(deck, progress, mode="exam", limits=Limits(count=4), schedule_exam=True)
    ids = []
    while (question := exam.next_question()) is not None:
        ids.append(question.card.id)
        exam.answer(wrong_answer(question.card))  # rated again: study would ask it again
    assert len(ids) == 4 == len(set(ids))
    assert len(progress.card_states([deck.id])) == 4


def test_exam_ended_early_counts_the_rest_as_unanswered(deck: Deck, progress: Progress) -> None:
    exam = session(deck, progress, mode="exam", limits=Limits(count=5))
    question = exam.next_question()
    assert question is not None
    exam.answer(canonical_answer(question.card))
    assert exam.next_question() is not None
    exam.leave()  # the learner stops here
    summary = exam.summary()
    assert (summary.asked, summary.answered, summary.correct) == (1, 1, 1)
    assert (summary.unanswered, summary.score) == (4, 20.0)


def test_exam_questions_passed_over_as_not_set_do_not_count(deck: Deck, progress: Progress) -> None:
    exam = session(deck, progress, mode="exam", limits=Limits(count=4))
    turn = 0
    while (question := exam.next_question()) is not None:
        turn += 1
        if turn % 2:
            exam.answer(canonical_answer(question.card))
        else:
            exam.skip()  # no entry in an answers file: not set, not failed
    summary = exam.summary()
    assert (summary.answered, summary.correct, summary.unanswered, summary.score) == (
        2,
        2,
        0,
        100.0,
    )


def test_summary_scores_by_tag(deck: Deck, progress: Progress) -> None:
    study = session(deck, progress, limits=Limits(new_per_day=1, count=1))
    question = study.next_question()
    assert question is not None
    study.answer(wrong_answer(question.card))
    summary = study.summary()
    assert (summary.asked, summary.answered, summary.correct, summary.score) == (1, 1, 0, 0.0)
    assert {t: (s.asked, s.correct) for t, s in summary.by_tag.items()} == {
        "indo-pacific": (1, 0),
        "people": (1, 0),
    }


def test_shuffles_are_reproducible_and_never_show_the_order_itself(
    deck: Deck, progress: Progress
) -> None:
    def layouts(seed: int) -> list[object]:
        study = Session(
            [deck],
            progress,
            Scheduler(seed=seed),
            mode="exam",
            clock=lambda: T0,
            seed=seed,
            limits=Limits(count=8),
        )
        found = [q.layout for q in iter(study.next_question, None) if not study.skip()]
        return found

    assert layouts(3) == layouts(3)
    order = deck.card("timeline")
    for seed in range(20):
        study = Session(
            [deck],
            progress,
            Scheduler(seed=seed),
            mode="exam",
            clock=lambda: T0,
            seed=seed,
            limits=Limits(count=8),
        )
        for question in iter(study.next_question, None):
            if question.card is order:
                assert question.layout.items != tuple(range(len(order.items)))
            study.skip()


def test_a_card_always_answered_wrong_still_lets_the_session_end(
    deck: Deck, progress: Progress
) -> None:
    study = session(deck, progress, limits=Limits(new_per_day=1))
    asked = 0
    while (question := study.next_question()) is not None:
        asked += 1
        study.answer(wrong_answer(question.card))
        assert asked < 10, "the session must end"
    assert asked == 3


def test_a_days_limit_leaves_the_siblings_of_a_paragraph_for_later_days(
    deck: Deck, progress: Progress
) -> None:
    from natobrief.spacing import paragraph_of

    paragraphs = {paragraph_of(deck, card) for card in deck.cards}
    limit = len(paragraphs)
    assert 1 < limit < len(deck.cards)  # the test deck has siblings to spread
    days: list[list[str]] = []
    for day in range(3):
        study = session(
            deck, progress, now=T0 + timedelta(days=day), limits=Limits(new_per_day=limit)
        )
        asked: list[str] = []
        while (question := study.next_question()) is not None:
            if question.card.id not in asked:
                asked.append(question.card.id)
            study.answer(canonical_answer(question.card))
        days.append(asked)
    first_day = {paragraph_of(deck, deck.card(card_id)) for card_id in days[0]}
    assert len(first_day) == len(days[0]) == limit  # one new card from each paragraph
    order = [card.id for card in deck.cards]
    assert days[0] == sorted(days[0], key=order.index)  # taken in deck order
    new_later = [card_id for card_id in days[1] if card_id not in days[0]]
    assert new_later  # the siblings come on the following days
