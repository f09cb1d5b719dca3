"""The decks a command works on: found by name or in the default places, read through the cache.

Its own module, light to import, because the app reads the decks before its
first card is on screen; the headless mode and every command use it too.
"""

from __future__ import annotations

from pathlib import Path

from natobrief.deck.discover import resolve_decks
from natobrief.deck.model import Deck
from natobrief.errors import DeckError, DeckProblem, UsageError


def _cache_folder() -> Path:
    """Where read decks are kept between runs."""
    from natobrief.paths import cache_dir

    return cache_dir() / "decks"


def load_decks(names: tuple[str, ...]) -> list[Deck]:
    """Load the named decks (all installed ones by default); DeckError lists every problem."""
    from natobrief.deck.cache import read_deck_cached

    cache_folder = _cache_folder()
    decks: list[Deck] = []
    problems: list[DeckProblem] = []
    for file in resolve_decks(names):
        result = read_deck_cached(file, cache_folder)
        problems.extend(result.errors)
        if result.deck is not None:
            decks.append(result.deck)
    if problems:
        raise DeckError(problems)
    if not decks:
        raise UsageError("no decks to study: name a deck file or folder")
    return decks


def load_cached_decks(names: tuple[str, ...]) -> list[Deck] | None:
    """The named decks if every one is in the deck cache and loads cleanly, else None.

    None sends the caller to :func:`load_decks`, which reads what is missing and
    reports every problem.
    """
    from natobrief.deck.cache import cached_deck

    cache_folder = _cache_folder()
    decks: list[Deck] = []
    for file in resolve_decks(names):
        result = cached_deck(file, cache_folder)
        if result is None or result.errors or result.deck is None:
            return None
        decks.append(result.deck)
    return decks or None
