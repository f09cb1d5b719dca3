"""Starting the Textual app from a command: the TUI is imported here and nowhere else."""

from __future__ import annotations

import os
import sys
from datetime import datetime
from pathlib import Path

from natobrief.errors import UsageError

# What works without a terminal, for each screen the app would have opened on.
_WITHOUT_ONE = {
    "home": "without one, 'natobrief study --headless' or 'natobrief exam --headless' ask the "
    "questions as plain text or JSON lines (--jsonl)",
    "study": "without one, add --headless for plain text or JSON lines (--jsonl)",
    "exam": "without one, add --headless for plain text or JSON lines (--jsonl)",
    "brief": "without one, 'natobrief coverage --text' prints the sources with what the cards "
    "quote, and 'natobrief handout -o brief.md' writes them to a file",
    "stats": "without one, add --plain or --json",
}


def open_app(
    start: str,
    decks: tuple[str, ...],
    db: Path | None,
    now: datetime | None,
    seed: int | None,
    count: int | None,
    time_limit: float | None = None,
) -> int:
    """Start the Textual app on a screen. The TUI is imported here and nowhere else."""
    from natobrief import paths
    from natobrief.settings import load_settings
    from natobrief.tui.app import make_app  # deferred: Textual costs ~150 ms to import

    instead = _WITHOUT_ONE.get(start, _WITHOUT_ONE["home"])
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        raise UsageError(f"the app needs a terminal; {instead}")
    if os.environ.get("TERM", "") == "dumb":
        raise UsageError(
            "TERM is 'dumb': this terminal cannot draw the app (it has no cursor movement); "
            f"run it in a full terminal; {instead}"
        )
    app = make_app(
        decks,
        db_path=db,
        settings=load_settings(paths.settings_file()),
        settings_path=paths.settings_file(),
        start=start,  # type: ignore[arg-type]
        now=now,
        seed=seed,
        exam_count=count,
        time_limit_minutes=time_limit,
    )
    app.run()
    return app.return_code or 0
