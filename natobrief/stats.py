"""Figures on a learner's progress, for ``natobrief stats`` (the app draws them as plots)."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from natobrief.deck.model import Deck
from natobrief.scheduler import CardStage
from natobrief.store.progress import Progress

_STAGE_NAMES = {
    0: "new",
    CardStage.LEARNING: "learning",
    CardStage.REVIEW: "review",
    CardStage.RELEARNING: "relearning",
}


def compute_stats(decks: list[Deck], progress: Progress, now: datetime) -> dict[str, object]:
    """Reviews, cards by state, due now and today, retention over the last 30 days."""
    now_utc = now.astimezone(UTC)
    states = progress.card_states(deck.id for deck in decks)
    by_state: Counter[str] = Counter()
    due_now = due_today = suspended = buried = leeches = 0
    end_of_day = (now.replace(hour=23, minute=59, second=59) if now.tzinfo else now).astimezone(UTC)
    for deck in decks:
        for card in deck.cards:
            state = states.get((deck.id, card.id))
            if state is None or state.is_new:
                by_state["new"] += 1
            else:
                by_state[_STAGE_NAMES.get(state.stage, "review")] += 1
            if state is None:
                continue
            suspended += state.suspended
            leeches += state.leech
            if not state.available(now_utc):
                buried += not state.suspended
                continue
            due_at = state.due_at()
            if due_at is not None:
                due_now += due_at <= now_utc
                due_today += due_at <= end_of_day
    deck_ids = [deck.id for deck in decks]
    marks = ",".join("?" * len(deck_ids))
    month_ago = (now_utc - timedelta(days=30)).isoformat()
    row = progress.connection.execute(
        "SELECT COUNT(*), SUM(correct) FROM review_log WHERE kind = 'review' AND undone = 0 "
        f"AND deck_id IN ({marks})",
        deck_ids,
    ).fetchone()
    recent = progress.connection.execute(
        "SELECT COUNT(*), SUM(correct) FROM review_log WHERE kind = 'review' AND undone = 0 "
        f"AND state_before IS NOT NULL AND reviewed_at >= ? AND deck_id IN ({marks})",
        [month_ago, *deck_ids],
    ).fetchone()
    recent_count, recent_correct = int(recent[0]), int(recent[1] or 0)
    return {
        "decks": deck_ids,
        "cards": sum(len(deck.cards) for deck in decks),
        "total_reviews": int(row[0]),
        "correct_reviews": int(row[1] or 0),
        "cards_by_state": {
            name: by_state[name] for name in ("new", "learning", "review", "relearning")
        },
        "suspended": suspended,
        "buried": buried,
        "leeches": leeches,
        "due_now": due_now,
        "due_today": due_today,
        "retention_30_days": round(100.0 * recent_correct / recent_count, 1)
        if recent_count
        else None,
        "reviews_30_days": recent_count,
        "now": now_utc.isoformat(),
    }


def format_stats(figures: dict[str, object]) -> str:
    """The figures as plain lines."""
    states = figures["cards_by_state"]
    assert isinstance(states, dict)
    retention = figures["retention_30_days"]
    lines = [
        f"Cards: {figures['cards']} in {len(figures['decks'])} decks "  # type: ignore[arg-type]
        f"({', '.join(f'{count} {name}' for name, count in states.items())}).",
        f"Due now: {figures['due_now']}. Due by the end of today: {figures['due_today']}.",
        f"Reviews: {figures['total_reviews']} in all, {figures['correct_reviews']} correct.",
        "Retention over the last 30 days: "
        + (
            f"{retention} percent of {figures['reviews_30_days']} reviews."
            if retention is not None
            else "no reviews of seen cards yet."
        ),
        f"Suspended: {figures['suspended']}. Buried: {figures['buried']}. "
        f"Leeches: {figures['leeches']}.",
    ]
    return "\n".join(lines)


def due_forecast(decks: list[Deck], progress: Progress, now: datetime, days: int = 14) -> list[int]:
    """Cards falling due on each of the next ``days`` days (today first, overdue counted today)."""
    counts = [0] * days
    today = now.astimezone().date()
    states = progress.card_states(deck.id for deck in decks)
    wanted = {(deck.id, card.id) for deck in decks for card in deck.cards}
    for key, state in states.items():
        due_at = state.due_at()
        if key not in wanted or due_at is None or state.suspended:
            continue
        offset = max(0, (due_at.astimezone().date() - today).days)
        if offset < days:
            counts[offset] += 1
    return counts


def daily_reviews(
    decks: list[Deck], progress: Progress, now: datetime, days: int = 84
) -> list[tuple[str, int, int]]:
    """(date, reviews, correct) for each of the last ``days`` days, oldest first."""
    deck_ids = [deck.id for deck in decks]
    marks = ",".join("?" * len(deck_ids))
    start = (now - timedelta(days=days)).astimezone(UTC).isoformat()
    rows = progress.connection.execute(
        "SELECT reviewed_at, correct FROM review_log WHERE kind = 'review' AND undone = 0 "
        f"AND reviewed_at >= ? AND deck_id IN ({marks})",
        [start, *deck_ids],
    ).fetchall()
    per_day: dict[str, list[int]] = {}
    for reviewed_at, correct in rows:
        day = datetime.fromisoformat(reviewed_at).astimezone().date().isoformat()
        entry = per_day.setdefault(day, [0, 0])
        entry[0] += 1
        entry[1] += int(correct or 0)
    today = now.astimezone().date()
    result = []
    for back in range(days - 1, -1, -1):
        day = (today - timedelta(days=back)).isoformat()
        reviews, correct = per_day.get(day, [0, 0])
        result.append((day, reviews, correct))
    return result


def mastery_by_tag(decks: list[Deck], progress: Progress) -> dict[str, tuple[int, int]]:
    """For each tag: (cards in review stage, cards with the tag)."""
    states = progress.card_states(deck.id for deck in decks)
    mastery: dict[str, list[int]] = {}
    for deck in decks:
        for card in deck.cards:
            state = states.get((deck.id, card.id))
            learned = state is not None and state.stage == CardStage.REVIEW
            for tag in card.tags:
                entry = mastery.setdefault(tag, [0, 0])
                entry[0] += int(learned)
                entry[1] += 1
    return {tag: (v[0], v[1]) for tag, v in sorted(mastery.items())}


def leeches(decks: list[Deck], progress: Progress) -> list[tuple[Deck, str, int]]:
    """Cards flagged as leeches: (deck, card prompt, lapses)."""
    states = progress.card_states(deck.id for deck in decks)
    found = []
    for deck in decks:
        for card in deck.cards:
            state = states.get((deck.id, card.id))
            if state is not None and state.leech:
                found.append((deck, card.prompt, state.lapses))
    return found
