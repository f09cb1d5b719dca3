"""The one place that talks to the ``fsrs`` package.

natobrief does not schedule anything itself: fsrs decides when a card is due.
This wrapper fixes how we call it: time is always passed in (timezone-aware
UTC, never read from the clock here), every fsrs.Card gets an id (fsrs sleeps
1 ms to make one up otherwise), and interval fuzz is reproducible under a seed.
"""

from __future__ import annotations

import hashlib
import json
import random
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import IntEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import fsrs

# fsrs itself is imported where it is first used (the first review, or a new
# card's state), not here: the app shows its first card without it, ~5 ms sooner.


DEFAULT_RETENTION = 0.9


class Rating(IntEnum):
    """How well the learner knew a card; the values are fsrs's own."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4

    @property
    def label(self) -> str:
        """again / hard / good / easy, as shown and logged."""
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Rating:
        """A rating from its name or number ("good", "3"); ValueError otherwise."""
        cleaned = text.strip().lower()
        for rating in cls:
            if cleaned in (rating.label, str(rating.value)):
                return rating
        raise ValueError(f"unknown rating {text!r}: use again, hard, good or easy (1-4)")


class CardStage(IntEnum):
    """fsrs's learning states, with the meaning natobrief shows, and NEW for never reviewed."""

    NEW = 0
    LEARNING = 1
    REVIEW = 2
    RELEARNING = 3


def fsrs_card_id(deck_id: str, card_id: str) -> int:
    """A stable integer id for fsrs from (deck id, card id): 53 bits of a hash."""
    digest = hashlib.blake2b(f"{deck_id}/{card_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") >> 11


def fuzz_seed(seed: int, fsrs_id: int, when: datetime, rating: Rating) -> str:
    """What the global generator is seeded with for one seeded review (see Scheduler.review)."""
    return f"{seed}:{fsrs_id}:{when.isoformat()}:{int(rating)}"


def require_utc(moment: datetime) -> datetime:
    """Check that ``moment`` is timezone-aware and return it in UTC."""
    if moment.tzinfo is None:
        raise ValueError("time must be timezone-aware (UTC)")
    return moment.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class MemoryState:
    """A card's scheduling state: fsrs's card in its own JSON form, plus what we query often."""

    data: str  # json.dumps(fsrs.Card.to_dict())
    due: datetime  # when the card is due next (UTC)
    stage: CardStage

    @classmethod
    def from_json(cls, data: str) -> MemoryState:
        """Read a stored state."""
        fields = json.loads(data)
        return cls(data, datetime.fromisoformat(fields["due"]), CardStage(fields["state"]))

    def to_fsrs(self) -> fsrs.Card:
        """The fsrs.Card this state stands for."""
        import fsrs

        return fsrs.Card.from_dict(json.loads(self.data))

    @classmethod
    def from_fsrs(cls, card: fsrs.Card) -> MemoryState:
        """Wrap an fsrs.Card."""
        data = json.dumps(card.to_dict(), separators=(",", ":"))
        return cls(data, card.due, CardStage(int(card.state)))


class Scheduler:
    """Reviews cards with fsrs at given times."""

    def __init__(
        self,
        desired_retention: float = DEFAULT_RETENTION,
        *,
        fuzz: bool = True,
        seed: int | None = None,
    ) -> None:
        if not 0.5 <= desired_retention < 1.0:
            raise ValueError("desired retention must be at least 0.5 and below 1.0")
        self.desired_retention = desired_retention
        # Unseeded, the fuzz is still drawn from (a salt of this scheduler's, card, time,
        # rating): a rating key's preview (next_states) is then the review it gives.
        self.seed = seed if seed is not None else random.SystemRandom().getrandbits(32)
        self.fuzz = fuzz
        self._scheduler: fsrs.Scheduler | None = None

    @property
    def _fsrs(self) -> fsrs.Scheduler:
        """fsrs's scheduler, built at the first review."""
        if self._scheduler is None:
            import fsrs

            self._scheduler = fsrs.Scheduler(
                desired_retention=self.desired_retention, enable_fuzzing=self.fuzz
            )
        return self._scheduler

    def new_state(self, deck_id: str, card_id: str, now: datetime) -> MemoryState:
        """The state of a card never studied, due ``now``."""
        import fsrs

        card = fsrs.Card(card_id=fsrs_card_id(deck_id, card_id), due=require_utc(now))
        return MemoryState.from_fsrs(card)

    def next_states(
        self,
        before: MemoryState | None,
        deck_id: str,
        card_id: str,
        now: datetime,
        duration_ms: int | None = None,
    ) -> dict[Rating, MemoryState]:
        """What each rating at ``now`` would make of ``before`` (None: a new card): what the
        rating keys preview, the same call as the review they would log."""
        start = before or self.new_state(deck_id, card_id, now)
        return {rating: self.review(start, rating, now, duration_ms) for rating in Rating}

    def review(
        self,
        state: MemoryState,
        rating: Rating,
        now: datetime,
        duration_ms: int | None = None,
    ) -> MemoryState:
        """The state after reviewing with ``rating`` at ``now``.

        fsrs fuzzes review intervals with the global ``random`` generator; it is
        seeded from (seed, card, time, rating) for this one call and then restored,
        so the result depends on nothing else.
        """
        import fsrs

        when = require_utc(now)
        card = state.to_fsrs()
        saved = random.getstate()
        try:
            random.seed(fuzz_seed(self.seed, card.card_id, when, rating))
            reviewed, _log = self._fsrs.review_card(card, fsrs.Rating(rating), when, duration_ms)
        finally:
            random.setstate(saved)
        return MemoryState.from_fsrs(reviewed)
