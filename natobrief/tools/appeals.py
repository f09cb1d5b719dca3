"""``natobrief appeals``: the answers learners counted right, card by card, for the author.

Each appeal is a learner's "I was right" after a wrong verdict. An instructor
reads them per card, with how often each answer was appealed, and can paste
the ones they agree with into the deck as ``accept:`` entries (``--yaml``
writes them so, commented with the card's line). Nothing here writes a deck.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from natobrief.deck.model import Deck
from natobrief.store.appeals import Appeal
from natobrief.text import counted, json_text, strip_control


@dataclass(frozen=True, slots=True)
class CardAppeals:
    """One card's appealed answers, most appealed first."""

    deck: Deck
    card_id: str
    line: int
    prompt: str
    answers: tuple[tuple[str, int], ...]  # (answer, times)
    last: str  # when it was last appealed (ISO 8601)
    card_type: str = "short"


def by_card(decks: Iterable[Deck], appeals: Iterable[Appeal]) -> list[CardAppeals]:
    """The appeals of cards of ``decks``, grouped per card, in deck and card order."""
    grouped: dict[tuple[str, str], list[Appeal]] = {}
    for appeal in appeals:
        grouped.setdefault((appeal.deck_id, appeal.card_id), []).append(appeal)
    found: list[CardAppeals] = []
    for deck in decks:
        for card in deck.cards:
            mine = grouped.get((deck.id, card.id))
            if not mine:
                continue
            counts = Counter(strip_control(appeal.answer) for appeal in mine)
            found.append(
                CardAppeals(
                    deck,
                    card.id,
                    card.line,
                    strip_control(card.prompt),
                    tuple(counts.most_common()),
                    max(appeal.appealed_at for appeal in mine),
                    card.type,
                )
            )
    return found


def as_text(cards: list[CardAppeals]) -> str:
    """Plain lines: each card, then its appealed answers with their counts."""
    if not cards:
        return "No appeals: no learner has counted an answer right against the grader yet."
    lines: list[str] = []
    for card in cards:
        lines.append(
            f"{card.deck.id}/{card.card_id} ({card.deck.path.name}:{card.line}): {card.prompt}"
        )
        for answer, times in card.answers:
            lines.append(f"  {answer!r}  appealed {counted(times, 'time')}")
    total = sum(times for card in cards for _, times in card.answers)
    lines.append(f"{counted(total, 'appeal')} on {counted(len(cards), 'card')}.")
    return "\n".join(lines)


def as_yaml(cards: list[CardAppeals]) -> str:
    """``accept:`` suggestions to paste into each card, as YAML with comments."""
    lines = [
        "# Answers learners counted right (natobrief appeals). Paste the ones you agree",
        "# with into each card's accept: list; a wrong one is better answered in the note.",
        "# A card of another type lists them as appealed: reword or rekey it instead.",
    ]
    for card in cards:
        accepted = ", ".join(json_text(answer) for answer, _ in card.answers)
        counts = ", ".join(str(times) for _, times in card.answers)
        total = sum(times for _, times in card.answers)
        # Only a short card has accept:; for another type the author rewords or rekeys the card.
        key = "accept" if card.card_type == "short" else "appealed"
        lines.append(f"- deck: {card.deck.id}  # {card.deck.path.name}:{card.line}")
        lines.append(f"  id: {card.card_id}")
        times = counted(total, "time") if len(card.answers) == 1 else f"{counts} times"
        lines.append(f"  {key}: [{accepted}]  # appealed {times}")
    return "\n".join(lines) + "\n"


def as_json(cards: list[CardAppeals]) -> list[dict[str, object]]:
    """The appeals as data: one object per card."""
    return [
        {
            "deck": card.deck.id,
            "card": card.card_id,
            "line": card.line,
            "prompt": card.prompt,
            "answers": [{"answer": answer, "times": times} for answer, times in card.answers],
            "last": card.last,
        }
        for card in cards
    ]
