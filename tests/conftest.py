"""Shared fixtures: every test runs against a temporary NATOBRIEF_HOME, never the user's files."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point NATOBRIEF_HOME at a fresh folder and clear NATOBRIEF_DB for each test."""
    home = tmp_path_factory.mktemp("natobrief-home")
    monkeypatch.setenv("NATOBRIEF_HOME", str(home))
    monkeypatch.delenv("NATOBRIEF_DB", raising=False)
    return home


DATA = Path(__file__).parent / "data"
