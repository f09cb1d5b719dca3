"""A cache of loaded decks, so that starting a session does not parse and check them again.

An entry is keyed by the deck file's resolved path and exact bytes, the format
version and natobrief's version, and it remembers the size and modification
time of every source file it read: any change to any of them means a fresh
load. The cache lives in the user's cache folder (see ``natobrief locate``);
deleting it is always safe. Only decks that loaded are cached.
"""

from __future__ import annotations

import copyreg
import dataclasses
import hashlib
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType
from typing import Any

from natobrief import __version__
from natobrief.deck import model
from natobrief.deck.model import FORMAT_VERSION, LoadResult
from natobrief.gc_pause import gc_paused

_CACHE_VERSION = 7  # 5: Source.places; 6: Source.skipped; 7: Source.headings

_EMPTY_MAPPING: MappingProxyType[str, object] = MappingProxyType({})

# The frozen, slotted classes a cached deck is made of, with their field names and
# the slot setters that fill them (see _rebuild).
_FROZEN: tuple[type[Any], ...] = (
    model.Source, model.Quote, model.SourceRef, model.ShortCard, model.ChoiceCard,
    model.TrueFalseCard, model.ClozeCard, model.NumberCard, model.OrderCard,
    model.MatchCard, model.Deck, LoadResult,
)  # fmt: skip
_FIELDS = {cls: tuple(field.name for field in dataclasses.fields(cls)) for cls in _FROZEN}
_SETTERS: dict[type[Any], tuple[Callable[[object, object], None], ...]] = {
    cls: tuple(getattr(cls, name).__set__ for name in names) for cls, names in _FIELDS.items()
}


def _mapping_proxy(items: dict[str, object]) -> MappingProxyType[str, object]:
    """A read-only mapping again; every empty one is the same object (one per card otherwise)."""
    return MappingProxyType(items) if items else _EMPTY_MAPPING


def _reduce_mapping_proxy(proxy: MappingProxyType[str, object]) -> tuple[object, ...]:
    """Pickle the read-only mappings of a Deck as the dicts they wrap."""
    return _mapping_proxy, (dict(proxy),)


def _rebuild(cls: type[Any], values: tuple[object, ...]) -> object:
    """Make a frozen object straight from its field values, without running Python per field.

    A frozen slotted dataclass otherwise unpickles through ``dataclasses.fields()``
    for every object, which made a warm load of 10,000 cards about twice as slow.
    An entry written for other fields is refused (see ``_SCHEMA``).
    """
    made = object.__new__(cls)
    for set_slot, value in zip(_SETTERS[cls], values, strict=True):
        set_slot(made, value)
    return made


def _reduce_frozen(instance: object) -> tuple[object, ...]:
    cls = type(instance)
    return _rebuild, (cls, tuple(getattr(instance, name) for name in _FIELDS[cls]))


# Written at the head of every entry and compared on reading: an entry made while the
# classes had other fields (natobrief changed without a new version) is a miss.
_SCHEMA = tuple((cls.__qualname__, names) for cls, names in _FIELDS.items())

_DISPATCH: dict[type[Any], Callable[[Any], Any]] = {
    **copyreg.dispatch_table,
    MappingProxyType: _reduce_mapping_proxy,
    **dict.fromkeys(_FROZEN, _reduce_frozen),
}


def read_deck_cached(path: Path, cache_folder: Path) -> LoadResult:
    """Like :func:`read_deck`, served from the cache when nothing it read has changed."""
    entry = _entry_for(path, cache_folder)
    if entry is None:
        return _load(path)  # the loader says what is wrong with the file
    cached = _read_entry(entry)
    if cached is not None:
        return cached
    result = _load(path)
    if result.deck is not None:
        _write_entry(entry, result)
    return result


def cached_deck(path: Path, cache_folder: Path) -> LoadResult | None:
    """The cached result for this deck file, or None when it would have to be read.

    For callers that may only afford the cache (the app's first screen, which
    waits for it): a miss costs hashing the file, never parsing it.
    """
    entry = _entry_for(path, cache_folder)
    return None if entry is None else _read_entry(entry)


def _entry_for(path: Path, cache_folder: Path) -> Path | None:
    """Where the deck's cache entry is: named by a hash of the file's bytes (None: unreadable)."""
    from natobrief.deck.loader import MAX_DECK_BYTES
    from natobrief.files import read_bounded

    try:
        data = read_bounded(path, MAX_DECK_BYTES)
        where = path.resolve()
    except (OSError, RuntimeError):  # the loader says what is wrong with the file
        return None
    from natobrief.sources.cache import READER_VERSION  # a reader's change: sources anew

    key = hashlib.sha256(
        f"{_CACHE_VERSION}|{FORMAT_VERSION}|{__version__}|{READER_VERSION}|{where}|".encode() + data
    ).hexdigest()
    return cache_folder / f"{key}.pickle"


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
        with gc_paused(), entry.open("rb") as handle:
            schema, stamps, result = pickle.load(handle)  # our own files, in the user's cache
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
    if schema != _SCHEMA or not isinstance(result, LoadResult) or result.deck is None:
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
            pickler = pickle.Pickler(handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickler.dispatch_table = _DISPATCH
            pickler.dump((_SCHEMA, stamps, result))
        partial.replace(entry)
    except (OSError, pickle.PicklingError, TypeError):
        pass  # a cache that cannot be written only costs time
