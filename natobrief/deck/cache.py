"""A cache of loaded decks, so that starting a session does not parse and check them again.

An entry is keyed by the deck file's resolved path and exact bytes, the format
version and natobrief's version, and it remembers the size and modification
time of every source file it read: any change to any of them means a fresh
load. The cache lives in the user's cache folder (see ``natobrief locate``);
deleting it is always safe. Only decks that loaded are cached.
"""

from __future__ import annotations

import copyreg
import hashlib
import os
import pickle
from pathlib import Path
from types import MappingProxyType

from natobrief import __version__
from natobrief.deck.model import FORMAT_VERSION, LoadResult

_CACHE_VERSION = 2


def _mapping_proxy(items: dict[str, object]) -> MappingProxyType[str, object]:
    return MappingProxyType(items)


def _reduce_mapping_proxy(proxy: MappingProxyType[str, object]) -> tuple[object, ...]:
    """Pickle the read-only mappings of a Deck as the dicts they wrap."""
    return _mapping_proxy, (dict(proxy),)


copyreg.pickle(MappingProxyType, _reduce_mapping_proxy)  # type: ignore[arg-type]


def read_deck_cached(path: Path, cache_folder: Path) -> LoadResult:
    """Like :func:`read_deck`, served from the cache when nothing it read has changed."""
    try:
        data = path.read_bytes()
    except OSError:
        return _load(path)  # the loader says what is wrong with the file
    key = hashlib.sha256(
        f"{_CACHE_VERSION}|{FORMAT_VERSION}|{__version__}|{path.resolve()}|".encode() + data
    ).hexdigest()
    entry = cache_folder / f"{key}.pickle"
    cached = _read_entry(entry)
    if cached is not None:
        return cached
    result = _load(path)
    if result.deck is not None:
        _write_entry(entry, result)
    return result


def _load(path: Path) -> LoadResult:
    """Read a deck with the loader, imported only on a miss (it brings PyYAML: ~40 ms)."""
    from natobrief.deck.loader import read_deck

    return read_deck(path)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_size, stat.st_mtime_ns


def _read_entry(entry: Path) -> LoadResult | None:
    try:
        with entry.open("rb") as handle:
            stamps, result = pickle.load(handle)  # our own files, in the user's cache
    except (
        OSError,
        EOFError,
        pickle.UnpicklingError,
        AttributeError,
        ImportError,
        ValueError,
        TypeError,
    ):
        return None
    if not isinstance(result, LoadResult) or result.deck is None:
        return None
    for source_path, stamp in stamps:
        if _stamp(Path(source_path)) != stamp:
            return None
    return result


def _write_entry(entry: Path, result: LoadResult) -> None:
    assert result.deck is not None
    stamps = [(str(source.path), _stamp(source.path)) for source in result.deck.sources.values()]
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        partial = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
        with partial.open("wb") as handle:
            pickle.dump((stamps, result), handle, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(entry)
    except (OSError, pickle.PicklingError, TypeError):
        pass  # a cache that cannot be written only costs time
