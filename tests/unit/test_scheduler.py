"""The fsrs wrapper: time passed in, stable ids, reproducible fuzz."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import fsrs
import pytest

from natobrief.scheduler import CardStage, Rating, Scheduler, fsrs_card_id

T0 = datetime(2026, 1, 1, 9, 0, tzinfo=UTC)


def test_card_ids_are_stable_and_distinct() -> None:
    assert fsrs_card_id("deck", "card") == fsrs_card_id("deck", "card")
    assert fsrs_card_id("deck", "card") != fsrs_card_id("deck", "card2")
    assert fsrs_card_id("deck", "card") < 2**53


def test_review_matches_fsrs_directly() -> None:
    ours = Scheduler(fuzz=False)
    theirs = fsrs.Scheduler(enable_fuzzing=False)
    state = ours.new_state("d", "c", T0)
    card = fsrs.Card(card_id=fsrs_card_id("d", "c"), due=T0)
    now = T0
    for rating in [Rating.GOOD, Rating.GOOD, Rating.AGAIN, Rating.GOOD, Rating.EASY]:
        state = ours.review(state, rating, now)
        card, _ = theirs.review_card(card, fsrs.Rating(rating), now)
        assert state.due == card.due
        assert state.to_fsrs().stability == card.stability
        now = card.due


def test_fuzz_is_reproducible_under_a_seed() -> None:
    def intervals(seed: int) -> list[datetime]:
        scheduler = Scheduler(seed=seed)
        state = scheduler.new_state("d", "c", T0)
        now, dues = T0, []
        for _ in range(6):
            state = scheduler.review(state, Rating.GOOD, now)
            dues.append(state.due)
            now = state.due
        return dues

    assert intervals(7) == intervals(7)
    assert intervals(7) != intervals(8)


def test_time_must_be_aware_and_is_converted_to_utc() -> None:
    scheduler = Scheduler(fuzz=False)
    with pytest.raises(ValueError, match="timezone-aware"):
        scheduler.new_state("d", "c", datetime(2026, 1, 1))
    paris = timezone(timedelta(hours=1))
    state = scheduler.review(scheduler.new_state("d", "c", T0), Rating.GOOD, T0.astimezone(paris))
    assert state.due == T0 + timedelta(minutes=10)
    assert state.stage == CardStage.LEARNING


def test_desired_retention_changes_intervals() -> None:
    def first_review_interval(retention: float) -> timedelta:
        scheduler = Scheduler(retention, fuzz=False)
        state = scheduler.new_state("d", "c", T0)
        state = scheduler.review(state, Rating.GOOD, T0)
        state = scheduler.review(state, Rating.GOOD, state.due)
        return state.due - T0

    assert first_review_interval(0.8) > first_review_interval(0.95)
    with pytest.raises(ValueError):
        Scheduler(1.2)


def test_rating_parse() -> None:
    assert Rating.parse("Good") is Rating.GOOD
    assert Rating.parse("1") is Rating.AGAIN
    with pytest.raises(ValueError, match="again, hard, good or easy"):
        Rating.parse("great")
