"""``natobrief import FILE.csv``: reading a spreadsheet of cards into a deck file.

The file comes from ``natobrief export --to csv``, from Excel or LibreOffice,
or from a text editor, so this module expects what those write: a UTF-8 byte
order mark, semicolons or tabs between cells where the locale uses them, cells
spanning several lines, header names in any case. What it cannot read (another
encoding, no header, an unknown column, two cards with one id) is refused with
the file, the line and what to do. Rows become cards in
:mod:`natobrief.tools.csv.cards`, and the deck they make is checked by the
deck loader before anything is written (:mod:`natobrief.tools.deck_writer`),
each problem reported at the CSV line its card came from.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path

from natobrief.errors import UsageError
from natobrief.files import read_utf8
from natobrief.sources.readers import read_document
from natobrief.tools.csv.cards import COLUMNS, row_card, unguarded
from natobrief.tools.deck_writer import DeckMeta, ImportProblem, write_imported_deck

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}  # the first is preferred on a tie
REQUIRED_COLUMNS = ("quote",)
ONE_OF_COLUMNS = ("prompt", "text")  # every card needs a question: a prompt or a cloze text
SAVE_AS_UTF8 = (
    "in Excel choose File > Save As > 'CSV UTF-8 (Comma delimited)'; in LibreOffice "
    "tick 'Edit filter settings' and choose 'Unicode (UTF-8)'; then import again"
)
QUOTING_HINT = (
    "a cell holding the delimiter, a line break or a quote mark must be in double quotes, "
    'with each quote mark inside written twice ("")'
)
HEADER_HINT = (
    "start the file with a header line naming the columns, as 'natobrief export --to csv' "
    "writes it: " + ",".join(COLUMNS) + " (quote is required, and prompt or text)"
)


@dataclass(frozen=True)
class CsvRow:
    """One card's row: the CSV line it starts on and its cells by column name."""

    line: int
    cells: dict[str, str]


@dataclass(frozen=True)
class CsvTable:
    """The rows of a cards CSV, the delimiter it uses, and what is wrong in its layout."""

    rows: list[CsvRow]
    delimiter: str
    problems: list[ImportProblem] = field(default_factory=list)


@dataclass(frozen=True)
class CsvImport:
    """The outcome of an import, for the command to report."""

    cards: int
    unverified: list[str]  # card ids whose quote is not in the source, marked in the deck
    delimiter: str
    cleaned: list[str] = field(default_factory=list)  # card ids whose text lost control chars
    updated: list[str] = field(default_factory=list)  # --into: rewritten where they stood
    added: list[str] = field(default_factory=list)  # --into: added at the end


def import_csv(
    source_csv: Path,
    target: Path,
    document: Path,
    title: str | None = None,
    deck_id: str | None = None,
    into: bool = False,
) -> CsvImport:
    """Write a deck file from a CSV of cards, citing ``document``.

    Refuses (raising :class:`UsageError`, writing nothing) a file that cannot
    make a valid deck. Cards whose quote is not found in the document are kept,
    marked with a comment above them, and listed for the author.
    """
    read = read_document(document)  # before any card: a document no reader reads is refused
    table = read_table(source_csv)
    cards: list[dict[str, object]] = []
    origins: dict[str, tuple[str, int]] = {}
    problems = list(table.problems)
    first_line: dict[str, int] = {}
    for row in table.rows:
        card_id = (row.cells.get("id") or "").strip() or f"card-{row.line}"
        if card_id in first_line:
            problems.append(
                ImportProblem(
                    str(source_csv),
                    row.line,
                    card_id,
                    f"duplicate card id (lines {first_line[card_id]} and {row.line})",
                    "give every card its own id; progress is kept by card id",
                )
            )
            continue
        first_line[card_id] = row.line
        card, found = row_card(row.cells, str(source_csv), row.line, card_id)
        problems += found
        if not found:  # a row with problems is reported once, not again by the loader
            cards.append(card)
            origins[card_id] = (str(source_csv), row.line)
    meta = deck_meta(row.cells for row in table.rows).filled(deck_id, title, read, document.stem)
    written = write_imported_deck(
        target,
        document,
        meta,
        cards,
        source=source_csv,
        origins=origins,
        problems=problems,
        into=into,
    )
    return CsvImport(
        len(cards),
        written.unverified,
        table.delimiter,
        written.cleaned,
        written.updated,
        written.added,
    )


def read_table(path: Path) -> CsvTable:
    """The rows of the CSV at ``path``; a file that is no cards CSV raises :class:`UsageError`."""
    text = read_utf8(path, SAVE_AS_UTF8)
    first = next((line for line in text.splitlines() if line.strip()), "")
    if not first:
        raise UsageError(f"{path} is empty; {HEADER_HINT}, then one row per card")
    delimiter = _delimiter(path, first)
    records = _records(path, text, delimiter)
    header_line, header = next(records)
    names = [name.strip().lower() for name in header]
    problems = _header_problems(path, header_line, names)
    rows: list[CsvRow] = []
    for line, cells in records:
        problems += _stray_cells(path, line, names, cells)
        rows.append(CsvRow(line, {n: c for n, c in zip(names, cells, strict=False) if n}))
    if not rows and not problems:
        raise UsageError(
            f"{path}:{header_line}: the header is the only line, so there is no card; "
            "add one row per card below it"
        )
    return CsvTable(rows, delimiter, problems)


def _records(path: Path, text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """Each row that is not blank, with the line it starts on (a cell may span lines).

    The reader is strict: a stray quote mark is reported at its row rather than
    read as the start of a cell that swallows the rest of the file.
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            unclosed = "unexpected end of data" in str(error)
            problem = (
                "a cell opened with a double quote on this line is never closed"
                if unclosed
                else f"a quote mark is out of place ({error})"
            )
            raise UsageError(f"{path}:{start}: {problem}; {QUOTING_HINT}") from None
        line, start = start, reader.line_num + 1
        if any(cell.strip() for cell in cells):
            yield line, [unguarded(cell) for cell in cells]  # the export's formula guard off


def _delimiter(path: Path, first_line: str) -> str:
    """The delimiter that splits the header line into the most known column names.

    Column names hold no comma, semicolon or tab, so the header settles it: a
    spreadsheet saved where ';' is the list separator is read as it was meant.
    """

    def known(delimiter: str) -> int:
        names = [name.strip().strip('"').strip().lower() for name in first_line.split(delimiter)]
        return sum(name in COLUMNS for name in names)

    best = max(DELIMITERS, key=known)
    if not known(best):
        shown = first_line if len(first_line) <= 60 else first_line[:57] + "..."
        raise UsageError(
            f"{path}:1: the first line names no known column ('{shown}'); {HEADER_HINT}"
        )
    return best


def _header_problems(path: Path, line: int, names: list[str]) -> list[ImportProblem]:
    """Missing, unknown and repeated columns. A missing required column is refused at once."""
    missing = [f"'{name}'" for name in REQUIRED_COLUMNS if name not in names]
    if not any(name in names for name in ONE_OF_COLUMNS):
        missing.append(" or ".join(f"'{name}'" for name in ONE_OF_COLUMNS))
    if missing:
        raise UsageError(
            f"{path}:{line}: the header names no {', nor '.join(missing)} column; {HEADER_HINT}"
        )
    problems: list[ImportProblem] = []
    seen: dict[str, int] = {}
    for number, name in enumerate(names, start=1):
        if name in seen:
            problems.append(
                ImportProblem(
                    str(path),
                    line,
                    None,
                    f"column '{name}' appears twice (columns {seen[name]} and {number})",
                    "remove or rename one of them",
                )
            )
        seen.setdefault(name, number)
        if name and name not in COLUMNS and not name.startswith("x-"):
            close = get_close_matches(name, COLUMNS, n=1, cutoff=0.6)
            hint = (
                f"did you mean '{close[0]}'?"
                if close
                else "the columns are "
                + ", ".join(COLUMNS)
                + "; start a column's name with 'x-' to keep your own data in the deck"
            )
            problems.append(ImportProblem(str(path), line, None, f"unknown column '{name}'", hint))
    return problems


def _stray_cells(path: Path, line: int, names: list[str], cells: list[str]) -> list[ImportProblem]:
    """A filled cell under no column name: usually a comma inside an unquoted cell."""
    stray = [
        number
        for number, cell in enumerate(cells, start=1)
        if cell.strip() and (number > len(names) or not names[number - 1])
    ]
    if not stray:
        return []
    return [
        ImportProblem(
            str(path),
            line,
            None,
            f"cell {stray[0]} is under no column name (the header names {len(names)} columns)",
            "put a cell that holds the delimiter in double quotes, or name the column",
        )
    ]


def deck_meta(rows: Iterable[Mapping[str, str]]) -> DeckMeta:
    """The deck's id, title and source as its rows give them (the first row that has each)."""

    def first(column: str) -> str | None:
        return next((v.strip() for row in rows_list if (v := row.get(column) or "").strip()), None)

    rows_list = list(rows)
    return DeckMeta(
        first("deck"),
        first("deck_title"),
        first("deck_description") or "",
        first("source_title"),
        first("source_date"),
        first("source_url"),
    )
