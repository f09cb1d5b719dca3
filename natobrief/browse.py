"""The card browser's model: every card of the decks with its progress, found by a search.

Both faces read it: ``natobrief cards`` and the app's card browser. A search is
words, each found in the card's text (its id, prompt, shown text, answer, note
and tags), with filters written as Anki's browser writes them: ``is:suspended``,
``is:new``, ``tag:china``, ``deck:stoltenberg-2021``. The actions (suspend,
unsuspend, unbury, reset) are log entries like any answer, so undo, rebuild
and ``doctor`` treat them as they treat answers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal, get_args

from natobrief.cardtypes.registry import kind_of
from natobrief.deck.model import AnyCard, Deck
from natobrief.errors import UsageError
from natobrief.scheduler import CardStage
from natobrief.store.progress import Progress
from natobrief.store.records import CardProgress, ReviewKind, ReviewRecord
from natobrief.when import relative

State = Literal["new", "learning", "review", "relearning", "due", "suspended", "buried", "leech"]
STATES: tuple[State, ...] = get_args(State)
Action = Literal["suspend", "unsuspend", "unbury", "reset"]
ACTIONS: tuple[Action, ...] = get_args(Action)
_STAGES: dict[CardStage, State] = {
    CardStage.NEW: "new",
    CardStage.LEARNING: "learning",
    CardStage.REVIEW: "review",
    CardStage.RELEARNING: "relearning",
}


@dataclass(frozen=True, slots=True)
class CardRow:
    """One card, its progress (None: never studied nor acted on) and the states it is in."""

    deck: Deck
    card: AnyCard
    progress: CardProgress | None
    states: tuple[State, ...]
    # What a search word is looked for in, casefolded: made once, searched at every keystroke.
    searched: str = ""

    @property
    def key(self) -> tuple[str, str]:
        """(deck id, card id)."""
        return self.deck.id, self.card.id

    @property
    def label(self) -> str:
        """The card in one line (a cloze shows its sentence)."""
        return kind_of(self.card).label(self.card)

    def due_text(self, now: datetime) -> str:
        """When the card is due, as near times are said ("in 10 minutes"); "-" for a new one."""
        due = self.progress.due_at() if self.progress else None
        return relative(due, now) if due is not None else "-"

    @property
    def stability(self) -> float | None:
        """FSRS's stability in days (how long the memory lasts), None for a new card."""
        if self.progress is None or self.progress.memory is None:
            return None
        value = json.loads(self.progress.memory.data).get("stability")
        return float(value) if isinstance(value, int | float) else None

    def to_json(self) -> dict[str, object]:
        """The row as ``natobrief cards --json`` prints it."""
        progress = self.progress
        return {
            "deck": self.deck.id,
            "card": self.card.id,
            "type": kind_of(self.card).name,
            "label": self.label,
            "tags": list(self.card.tags),
            "states": list(self.states),
            "due": progress.due if progress else None,
            "stability": self.stability,
            "reps": progress.reps if progress else 0,
            "lapses": progress.lapses if progress else 0,
            "buried_until": progress.buried_until if progress else None,
            "file": str(self.deck.path),
            "line": self.card.line,
        }


def states_of(progress: CardProgress | None, now: datetime) -> tuple[State, ...]:
    """The browser states a card is in: its stage, and due, suspended, buried, leech."""
    if progress is None:
        return ("new",)
    found: list[State] = [_STAGES.get(progress.stage, "review")]
    if progress.due_now(now):
        found.append("due")
    if progress.suspended:
        found.append("suspended")
    if progress.buried_until is not None and not progress.available(now) and not progress.suspended:
        found.append("buried")
    if progress.leech:
        found.append("leech")
    return tuple(found)


def card_rows(decks: Sequence[Deck], progress: Progress | None, now: datetime) -> list[CardRow]:
    """Every card of ``decks``, in deck and file order, with its progress (None: no database
    yet, so every card is new)."""
    states = progress.card_states(deck.id for deck in decks) if progress else {}
    rows = []
    for deck in decks:
        for card in deck.cards:
            state = states.get((deck.id, card.id))
            rows.append(CardRow(deck, card, state, states_of(state, now), searched_text(card)))
    return rows


@dataclass(frozen=True, slots=True)
class Search:
    """A parsed search: words every card must hold, and the filters it must pass."""

    words: tuple[str, ...] = ()
    states: tuple[State, ...] = ()
    tags: tuple[str, ...] = ()
    decks: tuple[str, ...] = ()

    @classmethod
    def parse(cls, text: str) -> Search:
        """Read ``text``: words, ``is:STATE``, ``tag:NAME``, ``deck:ID`` (UsageError on an
        unknown state, naming the known ones)."""
        words: list[str] = []
        states: list[State] = []
        tags: list[str] = []
        decks: list[str] = []
        for part in text.split():
            name, _, value = part.partition(":")
            lowered = name.lower()
            if value and lowered == "is":
                states.append(state_named(value))
            elif value and lowered == "tag":
                tags.append(value.lower())
            elif value and lowered == "deck":
                decks.append(value.lower())
            else:
                words.append(part.casefold())
        return cls(tuple(words), tuple(states), tuple(tags), tuple(decks))

    def matches(self, row: CardRow) -> bool:
        """True when ``row`` holds every word and passes every filter."""
        if any(state not in row.states for state in self.states):
            return False
        card_tags = [tag.lower() for tag in row.card.tags]
        if any(tag not in card_tags for tag in self.tags):
            return False
        if self.decks and not any(row.deck.id.lower().startswith(d) for d in self.decks):
            return False
        return all(word in row.searched for word in self.words)


def state_named(value: str) -> State:
    """The state ``value`` names (``is:`` filters, ``--state``); UsageError if none."""
    for state in STATES:
        if value.lower() == state:
            return state
    raise UsageError(f"'{value}' is no card state; use one of {', '.join(STATES)}")


def searched_text(card: AnyCard) -> str:
    """What a search word is looked for in, casefolded: id, prompt, shown text, answer, note,
    tags."""
    kind = kind_of(card)
    parts = [card.id, kind.label(card), kind.expected(card), card.note, *card.tags]
    return "\n".join(parts).casefold()


def find(rows: Iterable[CardRow], search: Search) -> list[CardRow]:
    """The rows the search matches, in their order."""
    return [row for row in rows if search.matches(row)]


def history(progress: Progress, row: CardRow) -> list[ReviewRecord]:
    """The card's log, oldest first, without entries that were undone."""
    return [entry for entry in progress.log(*row.key) if not entry.undone]


def applies(action: Action, row: CardRow) -> bool:
    """True when ``action`` would change ``row`` (unsuspending a card not suspended does not)."""
    states = row.states
    if action == "suspend":
        return "suspended" not in states
    if action == "unsuspend":
        return "suspended" in states
    if action == "unbury":
        return row.progress is not None and row.progress.buried_until is not None
    return row.progress is not None and row.progress.memory is not None  # reset


def act(progress: Progress, rows: Iterable[CardRow], action: Action, now: datetime) -> int:
    """Apply ``action`` to each row it would change, as one log entry each; how many."""
    kind: ReviewKind = action
    done = 0
    for row in rows:
        if not applies(action, row):
            continue
        deck_id, card_id = row.key
        progress.record(
            ReviewRecord(kind, deck_id, card_id, now.astimezone(UTC).isoformat(), "study")
        )
        done += 1
    return done
