"""Pausing Python's cyclic garbage collector around bulk work that makes no cycles.

Loading a deck, unpickling one from the cache and building a session's queue
each create up to millions of small objects and no reference cycles; left on,
the collector would run dozens of times and walk every tracked object each time.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Disable the collector for the block; re-enable it after, if it was on."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
