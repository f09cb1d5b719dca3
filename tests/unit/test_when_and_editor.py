"""Times as a learner reads them, and the editor command for a file at a line."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from natobrief.editor import NoEditor, editor_command
from natobrief.when import interval, relative

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC in these tests, and the machine's zone again after them."""
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize(
    ("later", "said"),
    [
        (timedelta(0), "now"),
        (timedelta(seconds=20), "in under a minute"),
        (timedelta(minutes=1), "in 1 minute"),
        (timedelta(minutes=10), "in 10 minutes"),
        (timedelta(hours=6, minutes=18), "today 15:18"),
        (timedelta(days=1), "tomorrow 09:00"),
        (timedelta(days=5), "Sat 07 Mar"),
        (timedelta(days=400), "06 Apr 2027"),
        (timedelta(minutes=-30), "overdue since today 08:30"),
        (timedelta(days=-1), "overdue since yesterday 09:00"),
    ],
)
def test_relative(later: timedelta, said: str) -> None:
    assert relative(NOW + later, NOW) == said


@pytest.mark.parametrize(
    ("span", "shown"),
    [
        (timedelta(seconds=30), "<1m"),
        (timedelta(minutes=1), "1m"),
        (timedelta(minutes=10), "10m"),
        (timedelta(hours=3), "3h"),
        (timedelta(days=4), "4d"),
        (timedelta(days=61), "2mo"),
        (timedelta(days=365 * 3 // 2), "1.5y"),
        (timedelta(days=730), "2y"),
    ],
)
def test_interval(span: timedelta, shown: str) -> None:
    assert interval(span) == shown


def test_editor_commands(tmp_path: Path) -> None:
    path = tmp_path / "deck.yaml"
    for name, expected in (
        ("vi", ["+12", str(path)]),
        ("nano", ["+12", str(path)]),
        ("code --wait", ["--wait", "--goto", f"{path}:12"]),
        ("gedit", [str(path)]),
    ):
        program = tmp_path / name.split()[0]
        program.write_text("#!/bin/sh\n", encoding="utf-8")
        program.chmod(0o755)
        command = editor_command(path, 12, {"EDITOR": str(tmp_path / name), "PATH": ""})
        assert command[1:] == expected, name
    assert editor_command(path, 0, {"EDITOR": str(tmp_path / "vi")})[1:] == [str(path)]
    with pytest.raises(NoEditor, match="is not installed; set EDITOR"):
        editor_command(path, 3, {"EDITOR": "no-such-editor-here"})
