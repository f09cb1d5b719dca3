"""PDF: the text layer, page by page, read with pypdf.

A PDF holds lines, not paragraphs. pypdf's layout mode keeps the vertical gaps
as blank lines, so a paragraph is the lines between gaps; it is also closed after
a short line that ends a sentence, and a line starting with a bullet or a number
starts a list item. A word broken at a line's end by a hyphen is joined again
("inter-" + "national"); a paragraph whose page ends mid-sentence runs on into
the next page; the lines every page repeats at its top or bottom (a running
header, "Page 2 of 9") are dropped. A short line on its own that does not end a
sentence is a heading. A block's place is the page it starts on ("p. 4"). A PDF
without any text (a scan) is refused.
"""

from __future__ import annotations

import io
import logging
import re
import warnings
from collections import Counter
from datetime import datetime

from natobrief.sources.model import Block, BlockKind, Extracted, Unreadable, blocks_of

_EDGE_LINES = 2  # lines at each end of a page where a page number may stand
_PAGE_NUMBER = re.compile(
    r"^(page|p\.|seite)?\s*[-–—]?\s*\d+\s*((of|/|von)\s*\d+)?\s*[-–—]?$", re.I
)
_SENTENCE_END = re.compile(r"[.!?:;\"”’)\]]$")
_FULL_LINE = 0.8  # a line this share of the usual width or more runs on into the next
_ITEM = re.compile(r"^([•▪◦‣\-*–]|\d{1,3}[.)]|[a-z][.)])\s+\S")  # a list item's first line


def read_pdf(data: bytes) -> Extracted:
    """The paragraphs of a PDF's text layer, with their pages."""
    from pypdf.errors import PyPdfError  # imported here: only decks with a PDF source need it

    # pypdf reports what it repairs through logging and warnings, which would reach the
    # user's terminal as bare lines ("EOF marker not found"); a failure is said below.
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return _read(data)
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, OSError) as error:
        raise Unreadable(
            f"is not a PDF that can be read ({type(error).__name__}: {error})",
            "open it in a PDF viewer to check it, or save its text as a .txt file",
        ) from None


def _read(data: bytes) -> Extracted:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data))
    pages = [
        [line.strip() for line in (page.extract_text(extraction_mode="layout") or "").splitlines()]
        for page in reader.pages
    ]
    title, date = _title(reader), _date(reader)
    if not any(line for lines in pages for line in lines):
        raise Unreadable(
            "has no text layer: it looks like a scan (pages of pictures)",
            "add a text layer with an OCR tool such as ocrmypdf, or save the text as a .txt file",
        )
    return Extracted(_blocks(_without_running_lines(pages)), title=title, date=date)


def _without_running_lines(pages: list[list[str]]) -> list[list[str]]:
    """Each page's lines without the header and footer lines most pages repeat, and without
    a page number at its top or bottom."""

    def edges(lines: list[str]) -> list[int]:  # a running header or footer is one line
        filled = [i for i, line in enumerate(lines) if line]
        return sorted(set(filled[:1] + filled[-1:]))

    def near_edges(lines: list[str]) -> list[int]:  # where a page number may stand
        filled = [i for i, line in enumerate(lines) if line]
        return sorted(set(filled[:_EDGE_LINES] + filled[-_EDGE_LINES:]))

    def key(line: str, number: int) -> str:  # the page's own number does not count
        return re.sub(rf"\b{number}\b", "#", line.casefold())

    seen = Counter(
        key(lines[i], number) for number, lines in enumerate(pages, start=1) for i in edges(lines)
    )
    repeated = {k for k, n in seen.items() if n >= max(2, len(pages) * 0.6)}
    cleaned: list[list[str]] = []
    for number, lines in enumerate(pages, start=1):
        drop = {i for i in edges(lines) if key(lines[i], number) in repeated}
        drop |= {i for i in near_edges(lines) if _PAGE_NUMBER.match(lines[i])}
        cleaned.append([line for i, line in enumerate(lines) if i not in drop])
    return cleaned


def _blocks(pages: list[list[str]]) -> tuple[Block, ...]:
    lengths = sorted(len(line) for lines in pages for line in lines if line)
    usual = lengths[int(len(lengths) * 0.9)] if lengths else 0
    pieces = [
        piece
        for number, lines in enumerate(pages, start=1)
        for piece in _page_pieces(lines, number, usual)
    ]
    merged: list[Piece] = []
    for kind, lines, number in pieces:
        if merged and _runs_on(merged[-1], number, kind):
            last_kind, last_lines, last_page = merged[-1]
            merged[-1] = (last_kind, last_lines + lines, last_page)
        else:
            merged.append((kind, lines, number))
    return blocks_of([(kind, _joined(lines), f"p. {number}") for kind, lines, number in merged])


Piece = tuple[BlockKind, list[str], int]  # a block's kind, its lines, its page


def _page_pieces(lines: list[str], number: int, usual: int) -> list[Piece]:
    """One page's lines as blocks: apart at gaps, after a short line ending a sentence,
    and before a list item."""
    pieces: list[Piece] = []
    current: list[str] = []
    kind: BlockKind = "paragraph"
    for line in [*lines, ""]:  # the blank at the end closes the last block
        starts_item = bool(line) and _ITEM.match(line) is not None
        if (not line or starts_item) and current:
            if _is_heading(current, usual) and (kind == "paragraph" or current[0][:1].isdigit()):
                kind = "heading"  # "2.1. Directory layout" is a heading, not a list item
            pieces.append((kind, current, number))
            current, kind = [], "paragraph"
        if not line:
            continue
        if starts_item:
            kind = "item"
        current.append(line)
        if len(line) < usual * _FULL_LINE and _SENTENCE_END.search(line):
            pieces.append((kind, current, number))
            current, kind = [], "paragraph"
    return pieces


def _is_heading(lines: list[str], usual: int) -> bool:
    """One short line that does not end a sentence."""
    return len(lines) == 1 and len(lines[0]) < usual * 0.6 and not _SENTENCE_END.search(lines[0])


def _runs_on(last: Piece, page: int, kind: BlockKind) -> bool:
    """Whether a page's first paragraph goes on with the previous page's last one: that
    one ends mid-sentence on the page before."""
    last_kind, last_lines, last_page = last
    return (
        page == last_page + 1
        and last_kind != "heading"
        and kind == "paragraph"
        and not _SENTENCE_END.search(last_lines[-1])
    )


def _joined(lines: list[str]) -> str:
    """Lines of one paragraph as one text, a word hyphenated at a line's end joined again."""
    text = lines[0]
    for line in lines[1:]:
        if re.search(r"[^\W\d_]-$", text) and line[:1].islower():
            text = text[:-1] + line
        else:
            text += " " + line
    return text


def _title(reader: object) -> str | None:
    metadata = getattr(reader, "metadata", None)
    title = getattr(metadata, "title", None) if metadata is not None else None
    cleaned = " ".join(str(title).split()) if title else ""
    return cleaned or None


def _date(reader: object) -> str | None:
    metadata = getattr(reader, "metadata", None)
    try:
        created = getattr(metadata, "creation_date", None) if metadata is not None else None
    except ValueError:  # a malformed date string
        return None
    return created.date().isoformat() if isinstance(created, datetime) else None
