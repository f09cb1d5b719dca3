"""The card-type registry: each type's name to its :class:`CardKind`.

The seven types of deck format v1 are registered here, in the format's order;
a new type is one module with a ``KIND`` and one line below (or, for a type
that is not built in, a call to :func:`register`).
"""

from __future__ import annotations

from typing import Any

from natobrief.cardtypes import choice, cloze, match, number, order, short, truefalse
from natobrief.cardtypes.base import CardKind
from natobrief.deck.model import CARD_TYPES, Card

_KINDS: dict[str, CardKind[Any]] = {}
_BY_CLASS: dict[type, CardKind[Any]] = {}
_generation = 0  # grows with every registration, so that caches of the set of types renew


def register(kind: CardKind[Any]) -> CardKind[Any]:
    """Make a card type known by its name and card class (replacing one of the same name)."""
    global _generation
    old = _KINDS.pop(kind.name, None)
    if old is not None:
        _BY_CLASS.pop(old.card_class, None)
    _KINDS[kind.name] = kind
    _BY_CLASS[kind.card_class] = kind
    _generation += 1
    return kind


def unregister(name: str) -> None:
    """Forget a card type (for a type a test registered); the built-in ones stay."""
    global _generation
    if name in CARD_TYPES:
        raise ValueError(f"'{name}' is a card type of the deck format and cannot be removed")
    kind = _KINDS.pop(name, None)
    if kind is not None:
        _BY_CLASS.pop(kind.card_class, None)
        _generation += 1


def kind_of(card: Card) -> CardKind[Any]:
    """The kind of a card (KeyError for a card of a class no type registered)."""
    try:
        return _BY_CLASS[type(card)]
    except KeyError:
        raise KeyError(f"no card type is registered for {type(card).__name__}") from None


def kind_named(name: str) -> CardKind[Any] | None:
    """The kind registered under ``name`` (as written after 'type:'), None when unknown."""
    return _KINDS.get(name)


def names() -> tuple[str, ...]:
    """Every registered type name, the format's own first."""
    return tuple(_KINDS)


def generation() -> int:
    """A number that changes whenever the set of types does (a cache key)."""
    return _generation


for _module in (short, choice, truefalse, cloze, number, order, match):
    register(_module.KIND)
assert names() == CARD_TYPES, "the built-in kinds must be the deck format's types, in its order"
