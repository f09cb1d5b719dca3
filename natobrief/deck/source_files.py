"""A deck's source files: where they may be, their bytes within the limit, and their text
as the reader for their kind gives it (natobrief/sources), prepared for grounding quotes.
"""

from __future__ import annotations

import datetime as dt
import errno
from dataclasses import dataclass
from pathlib import Path

from natobrief.deck.fields import Fields, Problems
from natobrief.deck.grounding import SourceIndex
from natobrief.deck.model import Source
from natobrief.deck.yaml_nodes import YScalar, YSeq, YValue
from natobrief.files import MIB, NotAFile, TooLarge, file_kind, read_bounded
from natobrief.sources.model import Unreadable, heading_spans
from natobrief.sources.readers import read_source
from natobrief.text import first_control, printable, strip_control

MAX_SOURCE_BYTES = 16 * 1024 * 1024
SOURCE_KEYS = {"title", "file", "date", "url", "skip"}


def read_source_entry(
    fields: Fields, source_id: str, deck_path: Path
) -> tuple[Source, SourceIndex] | None:
    fields.check_keys(SOURCE_KEYS)
    title = fields.text("title", required=True, hint="add 'title:' with the document's title")
    file_text = fields.text(
        "file", required=True, hint="add 'file:' with the path of the text, relative to the deck"
    )
    date = date_text(fields)
    url = fields.text("url")
    if title is None or file_text is None:
        return None
    source_path = safe_source_path(fields, file_text, deck_path)
    if source_path is None:
        return None
    prepared = source_index(source_path, fields)
    if prepared is None:
        return None
    skipped = _skipped(fields, prepared)
    source = Source(
        id=source_id,
        title=title,
        path=source_path,
        text=prepared.index.text,
        date=date,
        url=url,
        places=prepared.places,
        skipped=skipped,
        headings=prepared.headings if prepared.structured else None,
    )
    return source, prepared.index


def _skipped(fields: Fields, prepared: PreparedSource) -> tuple[tuple[int, int], ...]:
    """The spans ``skip:`` leaves out of coverage: each passage where it is found, and for a
    heading of a Markdown, HTML or PDF source, the whole section under it."""
    passages = fields.text_list("skip") or []
    node = fields.node("skip")
    items = node.items if isinstance(node, YSeq) else [node] * len(passages)
    spans: list[tuple[int, int]] = []
    for passage, where in zip(passages, items, strict=False):
        span = prepared.index.find(passage)
        if span is None:
            fields.error(
                where,
                f'skip passage not found in the source: "{passage[:80]}"',
                "copy the passage (or a heading) word for word from the source",
            )
            continue
        spans.append(_section(prepared, span) or span)
    return tuple(sorted(spans))


def _section(prepared: PreparedSource, span: tuple[int, int]) -> tuple[int, int] | None:
    """The section a heading heads: from the heading to the next place outside its path."""
    places = prepared.places
    text = prepared.index.text
    starts = [start for start, _ in places]
    if span[0] not in starts:
        return None
    at = starts.index(span[0])
    path = places[at][1]
    line_end = text.find("\n", span[0])
    if (
        not path
        or text[span[0] : line_end if line_end >= 0 else len(text)] != path.split(" › ")[-1]
    ):
        return None  # not the heading of its own place (a paragraph that starts a place)
    end = len(text)
    for start, place in places[at + 1 :]:
        if not (place == path or place.startswith(path + " › ")):
            end = start
            break
    return span[0], end


def date_text(fields: Fields) -> str | None:
    node = fields.node("date")
    if isinstance(node, YScalar) and isinstance(node.value, (dt.date, dt.datetime)):
        return (
            node.value.isoformat()[:10]
            if not isinstance(node.value, dt.datetime)
            else node.value.isoformat()
        )
    return fields.text("date")


def safe_source_path(fields: Fields, file_text: str, deck_path: Path) -> Path | None:
    """Resolve a source path, refusing any that leaves the deck's folder tree."""
    node = fields.node("file")
    deck_dir = deck_path.parent.resolve()
    relative = Path(file_text)
    if relative.is_absolute() or file_text.startswith(("~", "\\")):
        fields.error(
            node,
            f"source file '{file_text}' is an absolute path",
            "write the path relative to the deck file, e.g. sources/article.txt",
        )
        return None
    try:
        candidate = (deck_dir / relative).resolve()
    except (RuntimeError, OSError):  # Python raises RuntimeError for a symbolic link loop
        fields.error(
            node,
            f"source file '{file_text}' is a symbolic link loop",
            "a link on the way points back at itself; fix or remove it",
        )
        return None
    if not candidate.is_relative_to(deck_dir):
        fields.error(
            node,
            f"source file '{file_text}' is outside the deck's folder",
            "keep source texts in the deck's folder or below it (symlinks are followed)",
        )
        return None
    if candidate.exists() and not candidate.is_file():
        kind = file_kind(candidate.stat().st_mode)
        fields.error(node, f"source file '{file_text}' is {kind}, not a file", "name a text file")
        return None
    if not candidate.is_file():
        nearby = (
            sorted(p.name for p in candidate.parent.glob("*.txt"))
            if candidate.parent.is_dir()
            else []
        )
        from difflib import get_close_matches

        close = get_close_matches(relative.name, nearby, n=1, cutoff=0.5)
        hint = (
            f"did you mean '{relative.parent / close[0]}'?"
            if close
            else "check the path; it is relative to the deck file"
        )
        fields.error(node, f"source file '{file_text}' does not exist", hint)
        return None
    return candidate


# A source's prepared text, its places, and where its first control character stood (None:
# clean), by path, size and modification time.
_INDEX_CACHE: dict[tuple[Path, int, int], tuple[PreparedSource, tuple[int, int, str] | None]] = {}


@dataclass(frozen=True, slots=True)
class PreparedSource:
    """A source file's text ready for grounding, and where its blocks stand (readers.py)."""

    index: SourceIndex
    places: tuple[tuple[int, str], ...] = ()
    headings: tuple[tuple[int, int], ...] = ()  # a reader's headings (None for plain text)
    structured: bool = False  # read by a reader: its blocks say what is a heading


def source_index(path: Path, fields: Fields) -> PreparedSource | None:
    """The prepared text of a source file, read by the reader its suffix names."""
    try:
        stat = path.stat()
    except OSError:
        fields.error(
            fields.node("file"),
            f"cannot read source file '{printable(path.name)}'",
            "check the file's permissions",
        )
        return None
    key = (path, stat.st_size, stat.st_mtime_ns)
    cached = _INDEX_CACHE.get(key)
    if cached is None:
        data = read_limited(path, fields.problems, MAX_SOURCE_BYTES, "source", fields.node("file"))
        if data is None:
            return None
        try:
            document = read_source(path, data)
        except Unreadable as error:
            fields.error(
                fields.node("file"),
                f"the source file ({printable(path.name)}) {error.message}",
                error.hint,
            )
            return None
        text = document if isinstance(document, str) else document.text
        places = () if isinstance(document, str) else document.places()
        headings = () if isinstance(document, str) else heading_spans(document)
        found = first_control(text)
        # Cleaned where it is read: no command prints a source's escape codes to a terminal.
        # (Removing characters would move the places: a reader's text has none to remove.)
        prepared = PreparedSource(
            SourceIndex.build(strip_control(text) if found else text),
            places,
            headings,
            not isinstance(document, str),
        )
        cached = prepared, found
        _INDEX_CACHE[key] = cached
    prepared, found = cached
    if found is not None:
        line, column, name = found
        fields.problems.add(
            fields.node("file"),
            f"source file '{printable(path.name)}' holds control or escape characters, the "
            f"first ({name}) at {printable(path.name)}:{line}:{column}; they were removed",
            "save the text again as plain UTF-8; terminal escape codes are never shown",
            severity="warning",
        )
    return prepared


def read_limited(
    path: Path, problems: Problems, limit: int, what: str, where: YValue | None = None
) -> bytes | None:
    """The bytes of a file of at most ``limit`` bytes, or a problem saying why not."""
    named = f" ({path.name})" if where is not None else ""
    try:
        data = read_bounded(path, limit)
    except TooLarge:
        problems.add(
            where,
            f"the {what} file{named} is larger than {limit / MIB:.0f} MB, the limit",
            f"split the {what} into smaller files",
        )
        return None
    except NotAFile as error:
        problems.add(where, f"the {what} path{named} is {error.kind}, not a file", "name a file")
        return None
    except FileNotFoundError:
        problems.add(where, f"no such {what} file{named}", "check the path")
        return None
    except OSError as error:
        reason = error.strerror or str(error)
        hint = (
            "a symbolic link on the way points back at itself; fix or remove it"
            if error.errno == errno.ELOOP
            else "check the file's permissions"
        )
        problems.add(where, f"cannot read the {what} file{named}: {reason}", hint)
        return None
    return data
