"""The study screen's database work: on one long-lived thread, in the order it was asked for.

Textual's thread workers start a thread for each call and report each change of
state as a message (three per call) to the screen and the app; measured, that
was 1.5 ms of the 10 ms from an answer to its feedback. One executor thread
keeps what they gave (the UI thread never waits on SQLite) at a fraction of
the cost, and commits answers, re-ratings and undos strictly in order.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")

_DATABASE = ThreadPoolExecutor(max_workers=1, thread_name_prefix="natobrief-db")


async def on_db_thread(work: Callable[[], T]) -> T:
    """Run ``work`` on the database thread and wait for it without blocking the UI."""
    return await asyncio.get_running_loop().run_in_executor(_DATABASE, work)
