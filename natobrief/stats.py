"""Figures on a learner's progress, for ``natobrief stats`` (the app draws them as plots).

Every figure here follows the same definitions, so that the summary, the plots
and ``--json`` agree:

- a *review* is an answer that moved its card's schedule (every study answer;
  an exam's only with ``--schedule``). Exam answers that left the schedule alone
  are counted apart, as exam answers;
- *retention* is the share of reviews of cards already in the review stage
  that were answered right: a card's first answer and its learning steps are
  not counted (they test what was just shown, not what was remembered);
- a *day* is a study day, which begins at the settings' ``day_starts_hour``
  (local time), as in sessions: "due today" is due before the next day begins,
  and it is the forecast's first bar;
- a suspended card counts as suspended only: not new, learning, review or due.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from natobrief.deck.model import Deck
from natobrief.scheduler import CardStage
from natobrief.store.progress import Progress
from natobrief.store.records import CardProgress
from natobrief.store.schedules import read_time
from natobrief.text import counted

_STAGE_NAMES = {
    0: "new",
    CardStage.LEARNING: "learning",
    CardStage.REVIEW: "review",
    CardStage.RELEARNING: "relearning",
}
_STATES = ("new", "learning", "review", "relearning", "suspended")
RECENT_DAYS = 30  # the summary's recent window
WEEKS = 12  # the weekly retention plot and the heatmap


# Study days


def study_day(moment: datetime, now: datetime, day_starts_hour: int) -> date:
    """The study day ``moment`` falls on, in ``now``'s time zone (days begin at the hour)."""
    return (moment.astimezone(now.tzinfo) - timedelta(hours=day_starts_hour)).date()


def day_start(day: date, now: datetime, day_starts_hour: int) -> datetime:
    """When study day ``day`` begins, in ``now``'s time zone."""
    return datetime.combine(day, time(day_starts_hour), tzinfo=now.tzinfo)


def _aware(now: datetime) -> datetime:
    return now if now.tzinfo is not None else now.astimezone()


def _askable_day(state: CardProgress, now: datetime, day_starts_hour: int) -> date | None:
    """The study day a reviewed card can next be asked (due, and no longer buried).

    None for a card never reviewed or suspended. A card buried until tomorrow
    counts tomorrow even when it was due today, as a session would ask it.
    """
    due_at = state.due_at()
    if due_at is None or state.suspended:
        return None
    ready = due_at
    until = read_time(state.buried_until) if state.buried_until else None
    if until is not None:
        ready = max(ready, until)
    return study_day(ready, now, day_starts_hour)


# The summary


States = Mapping[tuple[str, str], CardProgress]


def card_states(decks: list[Deck], progress: Progress, states: States | None = None) -> States:
    """The decks' card states: ``states`` when a caller read them already, else read now.

    Decoding each card's memory state is most of a figure's cost, so the
    statistics screen reads them once for all its figures.
    """
    return states if states is not None else progress.card_states(deck.id for deck in decks)


def compute_stats(
    decks: list[Deck],
    progress: Progress,
    now: datetime,
    day_starts_hour: int = 4,
    states: States | None = None,
) -> dict[str, object]:
    """Reviews, cards by state, due now and today, retention over the last 30 days."""
    now = _aware(now)
    now_utc = now.astimezone(UTC)
    today = study_day(now, now, day_starts_hour)
    states = card_states(decks, progress, states)
    by_state: Counter[str] = Counter()
    due_now = due_today = buried = leeches = 0
    for deck in decks:
        for card in deck.cards:
            state = states.get((deck.id, card.id))
            if state is not None and state.suspended:
                by_state["suspended"] += 1
            elif state is None or state.is_new:
                by_state["new"] += 1
            else:
                by_state[_STAGE_NAMES.get(state.stage, "review")] += 1
            if state is None:
                continue
            leeches += state.leech
            if state.suspended:
                continue
            buried += not state.available(now_utc)
            due_now += state.due_now(now_utc)
            askable = _askable_day(state, now, day_starts_hour)
            due_today += askable is not None and askable <= today
    deck_ids = [deck.id for deck in decks]
    every = progress.answer_counts(deck_ids)
    recent = progress.answer_counts(deck_ids, since=now_utc - timedelta(days=RECENT_DAYS))
    return {
        "decks": deck_ids,
        "cards": sum(len(deck.cards) for deck in decks),
        "total_reviews": every.reviews,
        "correct_reviews": every.correct,
        "exam_answers": every.exam_answers,
        "exam_correct": every.exam_correct,
        "cards_by_state": {name: by_state[name] for name in _STATES},
        "suspended": by_state["suspended"],
        "buried": buried,
        "leeches": leeches,
        "due_now": due_now,
        "due_today": due_today,
        # When the study day ends, in the time zone of ``now`` (the hour the learner knows).
        "today_ends": day_start(today + timedelta(days=1), now, day_starts_hour).isoformat(),
        "reviews_30_days": recent.reviews,
        "correct_30_days": recent.correct,
        "retention_30_days": recent.retention,
        "retention_reviews_30_days": recent.reviews_in_review,
        "retained_30_days": recent.retained,
        "now": now_utc.isoformat(),
    }


def format_stats(figures: dict[str, object]) -> str:
    """The figures as plain lines, each saying what it counts."""
    states = figures["cards_by_state"]
    decks = figures["decks"]
    assert isinstance(states, dict) and isinstance(decks, list)
    ends = datetime.fromisoformat(str(figures["today_ends"]))
    retention = figures["retention_30_days"]
    lines = [
        f"Cards: {figures['cards']} in {counted(len(decks), 'deck')}: "
        f"{', '.join(f'{count} {name}' for name, count in states.items())}.",
        f"Due now: {figures['due_now']}. Due today (the study day ends at {ends:%H:%M}): "
        f"{figures['due_today']}. Buried: {figures['buried']}.",
        f"Reviews (answers that moved the schedule): {figures['total_reviews']}, "
        f"{figures['correct_reviews']} correct; in the last {RECENT_DAYS} days "
        f"{figures['reviews_30_days']}, {figures['correct_30_days']} correct.",
        f"Exam answers that left the schedule alone (not reviews): {figures['exam_answers']}, "
        f"{figures['exam_correct']} correct.",
        f"Retention over the last {RECENT_DAYS} days: "
        + (
            f"{retention}%, {figures['retained_30_days']} of "
            f"{figures['retention_reviews_30_days']} reviews of cards in review."
            if retention is not None
            else "no review of a card in review yet."
        ),
        "  (Only cards in the review stage count: first answers and learning steps do not.)",
        f"Leeches: {figures['leeches']}.",
    ]
    return "\n".join(lines)


# The plots


def due_forecast(
    decks: list[Deck],
    progress: Progress,
    now: datetime,
    days: int = 14,
    day_starts_hour: int = 4,
    states: States | None = None,
) -> list[int]:
    """Cards due on each of the next ``days`` study days (today first, overdue counted today).

    The first figure is the summary's "due today".
    """
    now = _aware(now)
    counts = [0] * days
    today = study_day(now, now, day_starts_hour)
    states = card_states(decks, progress, states)
    for deck in decks:
        for card in deck.cards:
            state = states.get((deck.id, card.id))
            askable = None if state is None else _askable_day(state, now, day_starts_hour)
            if askable is None:
                continue
            offset = max(0, (askable - today).days)
            if offset < days:
                counts[offset] += 1
    return counts


@dataclass(frozen=True, slots=True)
class DayOfReviews:
    """One study day's reviews: how many, how many right, and retention's terms."""

    day: date
    reviews: int = 0
    correct: int = 0
    reviews_in_review: int = 0
    retained: int = 0


def daily_reviews(
    decks: list[Deck],
    progress: Progress,
    now: datetime,
    days: int = 7 * WEEKS,
    day_starts_hour: int = 4,
) -> list[DayOfReviews]:
    """Each of the last ``days`` study days (today last) with its reviews; exam answers that
    left the schedule alone are not reviews."""
    now = _aware(now)
    today = study_day(now, now, day_starts_hour)
    first = today - timedelta(days=days - 1)
    start = day_start(first, now, day_starts_hour)
    end = day_start(today + timedelta(days=1), now, day_starts_hour)
    tally: dict[date, list[int]] = {}
    for review in progress.reviews_between((deck.id for deck in decks), start, end):
        entry = tally.setdefault(study_day(review.reviewed_at, now, day_starts_hour), [0] * 4)
        entry[0] += 1
        entry[1] += review.correct
        entry[2] += review.in_review
        entry[3] += review.correct and review.in_review
    return [
        DayOfReviews(first + timedelta(days=back), *tally.get(first + timedelta(days=back), []))
        for back in range(days)
    ]


def weekly_retention(days: list[DayOfReviews]) -> list[tuple[str, float | None, str]]:
    """Retention of each week of ``days`` (oldest first), as (label, share or None, figures)."""
    weeks: list[tuple[str, float | None, str]] = []
    for start in range(0, len(days), 7):
        chunk = days[start : start + 7]
        asked = sum(day.reviews_in_review for day in chunk)
        kept = sum(day.retained for day in chunk)
        label = f"week of {chunk[0].day:%d %b}"
        if asked:
            weeks.append((label, kept / asked, f"{round(100 * kept / asked)}%, {kept} of {asked}"))
        else:
            weeks.append((label, None, "—"))
    return weeks


def mastery_by_tag(
    decks: list[Deck], progress: Progress, states: States | None = None
) -> dict[str, tuple[int, int]]:
    """For each tag: (cards in review stage, cards with the tag)."""
    states = card_states(decks, progress, states)
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


def leeches(
    decks: list[Deck], progress: Progress, states: States | None = None
) -> list[tuple[Deck, str, int]]:
    """Cards flagged as leeches: (deck, card prompt, lapses)."""
    states = card_states(decks, progress, states)
    found = []
    for deck in decks:
        for card in deck.cards:
            state = states.get((deck.id, card.id))
            if state is not None and state.leech:
                found.append((deck, card.prompt, state.lapses))
    return found
