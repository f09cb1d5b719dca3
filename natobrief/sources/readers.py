"""Which reader reads a source file, chosen by its suffix.

A suffix no reader claims is read as plain UTF-8 text, as every source was
before there were readers (a deck's ``.text`` or ``.rst`` source keeps working);
a file that is not text then is refused with the list of the kinds that are read.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from natobrief.sources import cache
from natobrief.sources.html import read_html
from natobrief.sources.markdown import read_markdown
from natobrief.sources.model import Extracted, Unreadable
from natobrief.sources.pdf import read_pdf
from natobrief.sources.plain import read_plain

Reader = Callable[[bytes], Extracted]

READERS: dict[str, Reader] = {
    ".md": read_markdown,
    ".markdown": read_markdown,
    ".pdf": read_pdf,
    ".html": read_html,
    ".htm": read_html,
}
PLAIN = (".txt",)  # read as they are, with no blocks or places


def known_kinds() -> str:
    """The suffixes read, for messages: ".txt, .md, .markdown, .pdf"."""
    return ", ".join((*PLAIN, *READERS))


def read_source(path: Path, data: bytes, *, cached: bool = True) -> Extracted | str:
    """The document in ``data`` (the bytes of ``path``): its blocks, or for plain text the
    text itself. Raises Unreadable with what to do. A document a reader read before, byte
    for byte, comes from the cache (``cached``: cache.py)."""
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is not None:
        entry = cache.entry_for(data, suffix) if cached else None
        found = cache.load(entry) if entry is not None else None
        if found is None:
            found = reader(data)
            if entry is not None:
                cache.keep(entry, found)
        return found
    try:
        return read_plain(data)
    except Unreadable as error:
        if path.suffix.lower() in PLAIN:
            raise
        raise Unreadable(
            f"is not text, and natobrief has no reader for '{path.suffix or 'no suffix'}' files",
            f"natobrief reads {known_kinds()} (and any UTF-8 text); save the document in one "
            "of these, e.g. as PDF or Markdown from a word processor",
        ) from error


def read_document(path: Path, limit: int = 16 * 1024 * 1024) -> Extracted | str:
    """A document a command was given (``init``, ``import``), read once: UsageError with what
    to do when it cannot be (not there, too large, not a kind natobrief reads)."""
    from natobrief.errors import UsageError
    from natobrief.files import TooLarge, os_error_message, read_bounded

    try:
        return read_source(path, read_bounded(path, limit))
    except Unreadable as error:
        raise UsageError(f"{path} {error.message}; {error.hint}") from None
    except TooLarge:
        raise UsageError(f"{path} is larger than {limit // 2**20} MB; split it") from None
    except OSError as error:
        message = os_error_message(error, path, "the document", "another file")
        raise UsageError(message) from None
