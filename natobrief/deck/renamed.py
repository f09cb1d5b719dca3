"""A deck's ``renamed:`` map: old card ids to new ones, so that renaming keeps progress.

A card's id is the key of a learner's progress. An author who renames a card
lists ``old-id: new-id`` under ``renamed:``; the store moves what it holds
under the old id to the new one the next time the deck is studied
(:meth:`natobrief.store.progress.Progress.follow_renames`).
"""

from __future__ import annotations

from natobrief.deck.fields import Fields, describe
from natobrief.deck.model import AnyCard
from natobrief.deck.yaml_nodes import YMap, YScalar

HINT = "write one 'old-id: new-id' line per renamed card, indented under 'renamed:'"


def read_renamed(fields: Fields, cards: list[AnyCard]) -> dict[str, str]:
    """The deck's ``renamed:`` map, checked against its cards (errors at file:line)."""
    node = fields.node("renamed")
    if node is None:
        return {}
    if not isinstance(node, YMap):
        fields.error(node, f"'renamed' must be a mapping, not {describe(node)}", HINT)
        return {}
    ids = {card.id for card in cards}
    found: dict[str, str] = {}
    for old in node.order:
        value = node.values[old]
        new = value.value if isinstance(value, YScalar) else None
        if not isinstance(new, str) or not new.strip():
            fields.error(value, f"'renamed' maps '{old}' to {describe(value)}, not a card id", HINT)
        elif old in ids:
            fields.error(
                node.keys[old],
                f"'{old}' is renamed, but a card still has that id",
                "give the card its new id, or take the line out of 'renamed:'",
            )
        elif new not in ids:
            fields.error(
                value,
                f"'{old}' is renamed to '{new}', but no card has that id",
                "write the card's new id exactly as its 'id:' says",
            )
        else:
            found[str(old)] = new
    return found
