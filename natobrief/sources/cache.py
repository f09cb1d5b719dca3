"""Extracted documents kept by the hash of their bytes, so that a PDF or a web page is read
once: a deck edited beside an unchanged 100-page PDF does not read the PDF again.

An entry is a small JSON file in the user's cache folder (``natobrief locate``),
named by the SHA-256 of the file's bytes and the reader's version; a damaged or
foreign entry is read again from the document, never trusted. Deleting the
folder is always safe.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from natobrief import __version__
from natobrief.sources.model import Block, Extracted

READER_VERSION = 4  # raise when a reader's output changes, so old entries are not used


def entry_for(data: bytes, suffix: str) -> Path:
    """Where the extraction of ``data`` (read as a ``suffix`` file) is kept."""
    from natobrief.paths import cache_dir

    key = hashlib.sha256(f"{READER_VERSION}|{__version__}|{suffix}|".encode() + data)
    return cache_dir() / "sources" / f"{key.hexdigest()}.json"


def load(entry: Path) -> Extracted | None:
    """The document kept in ``entry``, or None (no entry, or one that does not read)."""
    try:
        kept = json.loads(entry.read_text(encoding="utf-8"))
        text, places = kept["text"], kept["places"]
        blocks: list[Block] = []
        at = 0
        for kind, length, place in kept["blocks"]:
            blocks.append(Block(kind, text[at : at + length], places[place]))
            at += length
        if at != len(text):
            return None
        return Extracted(tuple(blocks), title=kept["title"], date=kept["date"])
    except (OSError, ValueError, KeyError, TypeError, IndexError):
        return None


def keep(entry: Path, document: Extracted) -> None:
    """Write ``document`` to ``entry`` (whole, or not at all: a cache that cannot be
    written only costs time)."""
    # The blocks' text as one string and each block as (kind, length, place number): one
    # long string decodes several times faster than thousands of short ones.
    places = list(dict.fromkeys(block.place for block in document.blocks))
    number = {place: n for n, place in enumerate(places)}
    kept = {
        "text": "".join(block.text for block in document.blocks),
        "blocks": [[b.kind, len(b.text), number[b.place]] for b in document.blocks],
        "places": places,
        "title": document.title,
        "date": document.date,
    }
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        partial = entry.with_name(f"{entry.name}.{os.getpid()}.tmp")
        partial.write_text(json.dumps(kept, ensure_ascii=False), encoding="utf-8")
        partial.replace(entry)
    except OSError:
        pass
