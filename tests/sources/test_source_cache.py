"""A document is read once: kept by the hash of its bytes, a damaged entry read again."""

from __future__ import annotations

from pathlib import Path

import pytest

from natobrief.sources import cache, readers
from natobrief.sources.model import Extracted
from tests.conftest import DATA

REPORT = DATA / "sources_cases" / "report.pdf"


def test_a_document_read_once_comes_from_the_cache_after(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    data = REPORT.read_bytes()
    first = readers.read_source(REPORT, data)
    calls: list[bytes] = []
    monkeypatch.setitem(readers.READERS, ".pdf", lambda raw: calls.append(raw) or first)
    again = readers.read_source(REPORT, data)
    assert calls == [] and again == first  # the same blocks, title and date, not read again
    assert isinstance(again, Extracted) and again.places() == first.places()  # type: ignore[union-attr]
    readers.read_source(REPORT, data + b"\n% changed")  # other bytes: read
    assert len(calls) == 1


def test_a_damaged_entry_is_read_again_and_mended(tmp_path: Path) -> None:
    data = REPORT.read_bytes()
    first = readers.read_source(REPORT, data)
    entry = cache.entry_for(data, ".pdf")
    entry.write_text('{"blocks": [["heading", "forged"', encoding="utf-8")
    assert readers.read_source(REPORT, data) == first
    assert cache.load(entry) == first
