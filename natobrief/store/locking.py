"""One connection, many threads: the lock every store query holds, and its errors.

The app reads and writes progress from worker threads and the database thread;
each query method runs holding its store's lock, and an SQLite failure comes
out as a StoreError that says what to do (a busy, read-only or corrupt file).
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Concatenate, ParamSpec, Protocol, TypeVar

from natobrief.store.failures import corrupt_error, operational_error


class Guarded(Protocol):
    """A store object: its path (for messages) and the lock of its connection."""

    path: Path
    _lock: threading.RLock


S = TypeVar("S", bound=Guarded)
P = ParamSpec("P")
R = TypeVar("R")


def locked(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
    """Run a store method holding its connection's lock; SQLite failures become StoreError."""

    def wrapper(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with self._lock:
            try:
                return method(self, *args, **kwargs)
            except sqlite3.OperationalError as error:  # busy, read-only, disk full
                raise operational_error(self.path, error) from None
            except sqlite3.DatabaseError as error:
                raise corrupt_error(self.path, error) from None

    wrapper.__doc__ = method.__doc__
    wrapper.__name__ = method.__name__
    return wrapper
