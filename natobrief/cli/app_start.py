"""Starting the Textual app from a command: the TUI is imported here and nowhere else."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from natobrief.errors import UsageError


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

    if not sys.stdout.isatty() or not sys.stdin.isatty():
        raise UsageError("the app needs a terminal; use --headless for plain text or JSON lines")
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
