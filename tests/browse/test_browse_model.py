"""The card browser's model over the real store: states, searches, actions as log entries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from natobrief import browse
from natobrief.deck.loader import load_deck
from natobrief.errors import UsageError
from natobrief.scheduler import Scheduler
from natobrief.session import Session
from natobrief.store import open_store
from natobrief.store.progress import Progress
from natobrief.store.records import ReviewRecord
from tests.answers import canonical_answer, wrong_answer
from tests.tui.helpers import GOOD_DECK

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def progress(tmp_path: Path) -> Progress:
    store = open_store(tmp_path / "p.db")
    yield store  # type: ignore[misc]
    store.close()


def answered(progress: Progress, count: int, right: bool = True) -> list[str]:
    """Answer ``count`` cards of the test deck; the ids answered."""
    deck = load_deck(GOOD_DECK)
    session = Session([deck], progress, Scheduler(seed=1), clock=lambda: NOW, seed=1)
    ids = []
    for _ in range(count):
        question = session.next_question()
        assert question is not None
        session.answer((canonical_answer if right else wrong_answer)(question.card))
        ids.append(question.card.id)
    return ids


def rows(progress: Progress, now: datetime = NOW) -> dict[str, browse.CardRow]:
    return {row.card.id: row for row in browse.card_rows([load_deck(GOOD_DECK)], progress, now)}


def test_every_card_is_listed_new_until_studied(progress: Progress) -> None:
    found = rows(progress)
    assert len(found) == len(load_deck(GOOD_DECK).cards)
    assert {row.states for row in found.values()} == {("new",)}
    assert all(row.stability is None for row in found.values())


def test_a_studied_card_shows_its_stage_due_time_and_stability(progress: Progress) -> None:
    [card_id] = answered(progress, 1)
    row = rows(progress)[card_id]
    assert row.states[0] in ("learning", "review")
    assert row.progress is not None and row.progress.reps == 1
    assert row.stability is not None and row.stability > 0
    later = rows(progress, NOW + timedelta(days=400))[card_id]
    assert "due" in later.states


def test_search_words_and_filters(progress: Progress) -> None:
    all_rows = list(rows(progress).values())
    some = all_rows[0]
    word = some.card.prompt.split()[-1].strip("?.").upper()  # case does not matter
    assert some in browse.find(all_rows, browse.Search.parse(word))
    assert browse.find(all_rows, browse.Search.parse("is:suspended")) == []
    assert len(browse.find(all_rows, browse.Search.parse("is:new"))) == len(all_rows)
    tagged = [row for row in all_rows if row.card.tags]
    if tagged:
        tag = tagged[0].card.tags[0]
        found = browse.find(all_rows, browse.Search.parse(f"tag:{tag.upper()}"))
        assert found and all(tag in row.card.tags for row in found)
    deck_id = some.deck.id
    assert len(browse.find(all_rows, browse.Search.parse(f"deck:{deck_id[:3]}"))) == len(all_rows)
    assert browse.find(all_rows, browse.Search.parse("deck:nosuchdeck")) == []
    assert browse.find(all_rows, browse.Search.parse("zzqx-no-such-word")) == []


def test_an_unknown_state_names_the_known_ones() -> None:
    with pytest.raises(UsageError, match="'sleeping' is no card state; use one of new, learning"):
        browse.Search.parse("is:sleeping")


def test_suspend_unsuspend_unbury_and_reset_are_log_entries(progress: Progress) -> None:
    [card_id] = answered(progress, 1)
    row = rows(progress)[card_id]
    assert browse.act(progress, [row], "suspend", NOW) == 1
    row = rows(progress)[card_id]
    assert "suspended" in row.states
    assert browse.act(progress, [row], "suspend", NOW) == 0  # already: nothing logged
    assert browse.act(progress, [row], "unsuspend", NOW) == 1
    row = rows(progress)[card_id]
    assert "suspended" not in row.states
    progress.record(  # buried by a session until tomorrow
        ReviewRecord(
            "bury",
            row.deck.id,
            card_id,
            NOW.isoformat(),
            until=(NOW + timedelta(days=1)).isoformat(),
        )
    )
    row = rows(progress)[card_id]
    assert "buried" in row.states
    assert browse.act(progress, [row], "unbury", NOW) == 1
    row = rows(progress)[card_id]
    assert "buried" not in row.states and row.progress is not None
    assert row.progress.buried_until is None
    assert browse.act(progress, [row], "reset", NOW) == 1
    row = rows(progress)[card_id]
    assert row.states == ("new",) and row.progress is not None and row.progress.memory is None
    kinds = [entry.kind for entry in browse.history(progress, row)]
    assert kinds == ["review", "suspend", "unsuspend", "bury", "unbury", "reset"]
    assert progress.rebuild() == 1  # the log alone gives the same state
    assert rows(progress)[card_id].states == ("new",)


def test_a_reset_card_is_studied_as_new_again(progress: Progress) -> None:
    ids = answered(progress, 1, right=False)
    row = rows(progress)[ids[0]]
    browse.act(progress, [row], "reset", NOW)
    deck = load_deck(GOOD_DECK)
    session = Session([deck], progress, Scheduler(seed=1), clock=lambda: NOW, seed=1)
    asked = set()
    while (question := session.next_question()) is not None:
        asked.add(question.card.id)
        session.answer(canonical_answer(question.card))
    assert ids[0] in asked
    row = rows(progress)[ids[0]]
    assert row.progress is not None and row.progress.lapses == 0 and not row.progress.leech


def test_a_cloze_is_labelled_by_its_sentence() -> None:
    from natobrief.cardtypes.registry import kind_of

    deck = load_deck(Path(__file__).parents[2] / "decks" / "stoltenberg-2021.yaml")
    cloze = next(card for card in deck.cards if kind_of(card).name == "cloze")
    label = kind_of(cloze).label(cloze)
    assert "[1]" in label and "{{" not in label and "\n" not in label
    assert label != "Fill in the gaps."
