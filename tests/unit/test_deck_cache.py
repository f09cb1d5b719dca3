"""The deck cache serves unchanged decks and notices every change."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from natobrief.deck import cache as deck_cache
from natobrief.deck.cache import read_deck_cached
from natobrief.deck.loader import read_deck
from tests.conftest import DATA


def copy_deck(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "good", tmp_path / "deck")
    return tmp_path / "deck" / "deck.yaml"


def test_cached_deck_equals_a_fresh_load(tmp_path: Path) -> None:
    path = copy_deck(tmp_path)
    cache = tmp_path / "cache"
    first = read_deck_cached(path, cache)
    assert len(list(cache.glob("*.pickle"))) == 1
    second = read_deck_cached(path, cache)
    assert second == first == read_deck(path)
    assert second.deck is not None and second.deck.sources["article"].url is not None


def test_a_changed_source_or_deck_means_a_fresh_load(tmp_path: Path) -> None:
    path = copy_deck(tmp_path)
    cache = tmp_path / "cache"
    read_deck_cached(path, cache)
    source = path.parent / "sources" / "article.txt"
    source.write_text(source.read_text().replace("France", "Spain"))
    os.utime(source, ns=(1, 1))
    result = read_deck_cached(path, cache)
    assert result.deck is None  # the quote about France is gone from the source
    path.write_text(path.read_text().replace("Test deck", "Changed deck"))
    assert read_deck_cached(path, cache).deck is None


def test_a_damaged_cache_entry_is_ignored(tmp_path: Path) -> None:
    path = copy_deck(tmp_path)
    cache = tmp_path / "cache"
    read_deck_cached(path, cache)
    for entry in cache.glob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    result = read_deck_cached(path, cache)
    assert result.deck is not None and len(result.deck.cards) == 8


def test_broken_decks_are_not_cached(tmp_path: Path) -> None:
    path = copy_deck(tmp_path)
    path.write_text(path.read_text().replace("answer: France", "anwser: France"))
    cache = tmp_path / "cache"
    assert read_deck_cached(path, cache).deck is None
    assert not list(cache.glob("*.pickle"))


def test_an_entry_written_for_other_card_fields_is_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = copy_deck(tmp_path)
    cache = tmp_path / "cache"
    read_deck_cached(path, cache)
    monkeypatch.setattr(deck_cache, "_SCHEMA", (("ShortCard", ("id", "renamed")),))
    monkeypatch.setattr(deck_cache, "_load", lambda _path: pytest.fail("not a miss"))
    with pytest.raises(pytest.fail.Exception):
        read_deck_cached(path, cache)
    monkeypatch.undo()
    result = read_deck_cached(path, cache)
    assert result == read_deck(path)
    assert result.deck is not None
    empty = [card.extra for card in result.deck.cards if not card.extra]
    assert len(empty) > 1 and all(extra is empty[0] for extra in empty)  # one shared mapping
