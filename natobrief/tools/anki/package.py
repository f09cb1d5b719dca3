"""Reading the notes of an Anki package (.apkg) with the standard library alone.

An .apkg is a zip holding the collection as an SQLite database:
``collection.anki21`` (Anki 2.1, and newer Anki with "Support older Anki
versions" ticked) or ``collection.anki2`` (older Anki, genanki). Newer Anki by
default writes ``collection.anki21b``, compressed with zstd, and beside it a
``collection.anki2`` whose one note asks to update Anki; that format is
refused with what to do instead, so natobrief needs no Anki at run time.

Note types come from the ``col.models`` JSON of schema 11 packages, or from
the ``notetypes`` and ``fields`` tables of a schema 18 collection.
"""

from __future__ import annotations

import json
import sqlite3
import tempfile
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from natobrief.errors import UsageError
from natobrief.text import strip_control

MAX_COLLECTION_BYTES = 512 * 1024 * 1024  # a zip bomb stops here, not in the disk
FIELD_SEPARATOR = "\x1f"
# Notetype.Config field 1 (kind) = 1 (cloze), as protobuf encodes it first in the blob.
_CLOZE_KIND_PREFIX = b"\x08\x01"

NEWEST_FORMAT_HINT = (
    "in Anki choose File > Export, 'Anki Deck Package (.apkg)', tick "
    "'Support older Anki versions', and import that file"
)


@dataclass(frozen=True, slots=True)
class NoteType:
    """An Anki note type: its id, name, whether it is a cloze type, and its field names."""

    id: int
    name: str
    is_cloze: bool
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class AnkiNote:
    """One note of a package: its GUID, note type, raw HTML fields and tags."""

    guid: str
    note_type: NoteType
    fields: tuple[str, ...]
    tags: tuple[str, ...]

    def field(self, name: str) -> str:
        """The raw HTML of the field called ``name`` ("" when the note type has none)."""
        try:
            return self.fields[self.note_type.fields.index(name)]
        except (ValueError, IndexError):
            return ""


def read_package(path: Path) -> list[AnkiNote]:
    """Every note of the Anki package at ``path``, in the order they were added."""
    try:
        with zipfile.ZipFile(path) as package:
            member = _collection_member(path, set(package.namelist()))
            if package.getinfo(member).file_size > MAX_COLLECTION_BYTES:
                raise UsageError(
                    f"{path}: the collection inside is larger than 512 MB; "
                    "export only the decks you need from Anki"
                )
            data = package.read(member)
    except (zipfile.BadZipFile, OSError) as error:
        raise UsageError(
            f"{path} is not an Anki package ({error}); in Anki use File > Export, "
            "'Anki Deck Package (.apkg)'"
        ) from None
    with tempfile.TemporaryDirectory(prefix="natobrief-apkg-") as folder:
        database = Path(folder) / "collection.sqlite"
        database.write_bytes(data)
        connection = sqlite3.connect(database)
        try:
            note_types = _note_types(connection)
            rows = connection.execute("SELECT guid, mid, tags, flds FROM notes ORDER BY id")
            notes = [_note(row, note_types) for row in rows]
        except sqlite3.DatabaseError as error:
            raise UsageError(
                f"{path}: the collection inside cannot be read ({error}); export it again "
                "from Anki with 'Support older Anki versions' ticked"
            ) from None
        finally:
            connection.close()
    return notes


def _collection_member(path: Path, names: set[str]) -> str:
    if "collection.anki21" in names:
        return "collection.anki21"
    if "collection.anki21b" in names:
        raise UsageError(
            f"{path} is in the newest Anki package format (collection.anki21b, "
            f"zstd-compressed), which natobrief does not read; {NEWEST_FORMAT_HINT}"
        )
    if "collection.anki2" in names:
        return "collection.anki2"
    raise UsageError(f"{path} holds no Anki collection; {NEWEST_FORMAT_HINT}")


def _note_types(connection: sqlite3.Connection) -> dict[int, NoteType]:
    (models_json,) = connection.execute("SELECT models FROM col").fetchone()
    models = json.loads(models_json) if models_json else {}
    if models:
        return {
            int(model_id): NoteType(
                id=int(model_id),
                name=str(model.get("name", "")),
                is_cloze=model.get("type") == 1,
                fields=tuple(
                    str(field["name"])
                    for field in sorted(model.get("flds", []), key=lambda f: f.get("ord", 0))
                ),
            )
            for model_id, model in models.items()
        }
    # schema 18: one row per note type and per field; the kind is in a protobuf blob
    fields: dict[int, list[str]] = {}
    for note_type_id, name in connection.execute(
        "SELECT ntid, name FROM fields ORDER BY ntid, ord"
    ):
        fields.setdefault(note_type_id, []).append(name)
    return {
        note_type_id: NoteType(
            id=note_type_id,
            name=name,
            is_cloze=bytes(config or b"").startswith(_CLOZE_KIND_PREFIX),
            fields=tuple(fields.get(note_type_id, [])),
        )
        for note_type_id, name, config in connection.execute(
            "SELECT id, name, config FROM notetypes"
        )
    }


def _note(row: tuple[str, int, str, str], note_types: dict[int, NoteType]) -> AnkiNote:
    guid, model_id, tags, fields = row
    values = tuple(fields.split(FIELD_SEPARATOR))
    note_type = note_types.get(model_id) or NoteType(
        model_id, "", False, tuple(f"Field {n}" for n in range(1, len(values) + 1))
    )
    return AnkiNote(str(guid), note_type, values, tuple(tags.split()))


class _TextExtractor(HTMLParser):
    """Collects the text of an HTML field, with block elements and <br> as line breaks."""

    BLOCKS = frozenset(
        {"address", "blockquote", "div", "dd", "dl", "dt", "h1", "h2", "h3", "h4", "h5", "h6",
         "hr", "li", "ol", "p", "pre", "table", "tr", "ul"}
    )  # fmt: skip

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0  # inside <style> or <script>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script"):
            self.hidden += 1
        elif tag == "br" or tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script"):
            self.hidden = max(0, self.hidden - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n")
        elif tag in ("td", "th"):
            self.parts.append("\t")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_lines(field: str) -> list[str]:
    """The non-empty lines of an HTML field as plain text (cells of a row joined by tabs)."""
    extractor = _TextExtractor()
    extractor.feed(field)
    extractor.close()
    text = strip_control("".join(extractor.parts).replace("\xa0", " ").replace("\r", ""))
    lines = (
        "\t".join(" ".join(cell.split()) for cell in line.split("\t")) for line in text.split("\n")
    )
    return [line.strip("\t ") for line in lines if line.strip()]


def html_text(field: str) -> str:
    """An HTML field as plain text, its lines joined by line breaks."""
    return "\n".join(html_lines(field))
