"""The decks a command works on: found by name or in the default places, read through the cache.

Its own module, light to import, because the app reads the decks before its
first card is on screen; the headless mode and every command use it too.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from natobrief.deck.discover import resolve_decks
from natobrief.deck.model import Deck
from natobrief.errors import DeckError, DeckProblem, UsageError


def _cache_folder() -> Path:
    """Where read decks are kept between runs."""
    from natobrief.paths import cache_dir

    return cache_dir() / "decks"


def load_decks(names: tuple[str, ...], known: Mapping[Path, Deck] | None = None) -> list[Deck]:
    """Load the named decks (all installed ones by default); DeckError lists every problem.

    ``known`` holds decks already read from the cache (by :func:`load_cached_decks`),
    which are not read again.
    """
    from natobrief.deck.cache import read_deck_cached

    cache_folder = _cache_folder()
    decks: list[Deck] = []
    problems: list[DeckProblem] = []
    for file in resolve_decks(names):
        if known is not None and file in known:
            decks.append(known[file])
            continue
        result = read_deck_cached(file, cache_folder)
        problems.extend(result.errors)
        if result.deck is not None:
            decks.append(result.deck)
    if problems:
        raise DeckError(problems)
    if not decks:
        raise UsageError("no decks to study: name a deck file or folder")
    return decks


def load_cached_decks(names: tuple[str, ...]) -> tuple[dict[Path, Deck], bool]:
    """The named decks found in the deck cache loading cleanly, and whether that is all of them.

    When some are missing, the caller hands the ones found to :func:`load_decks`,
    which reads only the rest and reports every problem.
    """
    from natobrief.deck.cache import cached_deck

    cache_folder = _cache_folder()
    found: dict[Path, Deck] = {}
    complete = True
    for file in resolve_decks(names):
        result = cached_deck(file, cache_folder)
        if result is None or result.errors or result.deck is None:
            complete = False
        else:
            found[file] = result.deck
    return found, complete and bool(found)
