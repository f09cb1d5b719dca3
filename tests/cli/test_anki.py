"""``natobrief export --to anki`` read by Anki's own library, and the way back.

The export is imported with the ``anki`` package (the library inside Anki
itself): every card must arrive once, with its tags and its source quote, and
a re-export must update the notes in place. natobrief's own packages then come
back through ``natobrief import`` card for card. Packages made elsewhere are
tested in test_anki_import.py.
"""

from __future__ import annotations

import html
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import genanki
from anki.collection import Collection
from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest
from click.testing import CliRunner

from natobrief.cli import cli
from natobrief.deck.loader import load_deck
from natobrief.deck.model import ChoiceCard, ClozeCard, Deck, SourceRef
from natobrief.tools.anki.export import anki_tag, write_apkg

BUNDLED = Path(__file__).parents[2] / "decks"
EDITED_NOTE = "a group of four Asia-Pacific countries that work with NATO"


def bundled_decks() -> list[Deck]:
    return [load_deck(path) for path in sorted(BUNDLED.glob("*.yaml"))]


def anki_import(collection: Collection, package: Path) -> None:
    """Import ``package`` the way Anki's File > Import does, with its default options."""
    request = ImportAnkiPackageRequest(
        package_path=str(package), options=ImportAnkiPackageOptions()
    )
    collection.import_anki_package(request)


def copy_bundled(folder: Path) -> Path:
    """The bundled decks and their sources, copied to ``folder`` so a test may edit them."""
    shutil.copytree(BUNDLED, folder, ignore=shutil.ignore_patterns("README.md"))
    return folder


def test_every_bundled_card_arrives_in_anki_and_a_re_export_updates_it(tmp_path: Path) -> None:
    decks = bundled_decks()
    cards = [(deck, card) for deck in decks for card in deck.cards]
    assert len(cards) == 218
    gaps = sum(len(card.gaps) if isinstance(card, ClozeCard) else 1 for _, card in cards)
    # exported "yesterday": Anki takes a later export of the same notes as an update
    first = write_apkg(decks, tmp_path / "first.apkg", timestamp=1_700_000_000)
    assert (first.notes, first.cards, first.decks) == (218, gaps, 5)

    (tmp_path / "anki").mkdir()
    collection = Collection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        anki_import(collection, tmp_path / "first.apkg")
        assert collection.note_count() == 218
        assert collection.card_count() == gaps
        deck_names = {entry.name for entry in collection.decks.all_names_and_ids()}
        assert {deck.title for deck in decks} <= deck_names

        notes = {}
        for note_id in collection.find_notes(""):
            note = collection.get_note(note_id)
            notes[note.guid] = note
        for deck, card in cards:
            note = notes[genanki.guid_for(deck.id, card.id)]
            assert f"natobrief::deck::{deck.id}" in note.tags
            assert f"natobrief::type::{card.type}" in note.tags
            assert {tag.replace(" ", "_") for tag in card.tags} <= set(note.tags)
            assert note["Card ID"] == card.id
            quote = " ".join(card.source.quotes[0].text.split())
            assert html.escape(quote) in note["Source"]
            assert deck.sources[card.source.doc].title in html.unescape(note["Source"])
        assert len(notes) == 218
        # every bundled choice card lists its answer first; Anki must not show them all as "A"
        letters = {note["Answer"][0] for note in notes.values() if "Options" in note}
        assert len(letters) > 2, letters

        # change one card's note, export again through the command, import again
        folder = copy_bundled(tmp_path / "decks")
        deck_file = folder / "washington-summit-2024.yaml"
        text = deck_file.read_text(encoding="utf-8")
        assert text.count(EDITED_NOTE) == 1
        deck_file.write_text(text.replace(EDITED_NOTE, "they met again"), encoding="utf-8")
        again = CliRunner().invoke(
            cli,
            [
                "export",
                *map(str, sorted(folder.glob("*.yaml"))),
                *("--to", "anki"),
                *("-o", str(tmp_path / "again.apkg")),
            ],
        )
        assert again.exit_code == 0, again.output
        assert f"218 notes written to {tmp_path / 'again.apkg'}" in again.output
        assert f"{gaps} Anki cards in 5 decks" in again.output
        anki_import(collection, tmp_path / "again.apkg")
        assert collection.note_count() == 218
        assert collection.card_count() == gaps
        changed = collection.get_note(
            collection.find_notes('"Card ID:ip4-meaning" "tag:natobrief::type::short"')[0]
        )
        assert "they met again" in changed["Note"]
        assert EDITED_NOTE not in changed["Note"]
    finally:
        collection.close()


def package_rows(package: Path, folder: Path) -> dict[str, list[tuple[object, ...]]]:
    with zipfile.ZipFile(package) as archive:
        archive.extract("collection.anki2", folder)
    connection = sqlite3.connect(folder / "collection.anki2")
    try:
        return {
            table: connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            for table in ("col", "notes", "cards")
        }
    finally:
        connection.close()


def test_the_same_decks_and_time_give_the_same_package(tmp_path: Path) -> None:
    decks = bundled_decks()
    write_apkg(decks, tmp_path / "one.apkg", timestamp=1_700_000_000)
    write_apkg(decks, tmp_path / "two.apkg", timestamp=1_700_000_000)
    assert (tmp_path / "one.apkg").read_bytes() == (tmp_path / "two.apkg").read_bytes()
    assert len(package_rows(tmp_path / "one.apkg", tmp_path / "one")["notes"]) == 218
    assert [path.name for path in tmp_path.iterdir() if path.name.endswith(".partial")] == []


def test_an_export_to_a_missing_folder_says_what_to_do(tmp_path: Path) -> None:
    process = subprocess.run(
        [sys.executable, "-m", "natobrief", "export", str(BUNDLED / "stoltenberg-2021.yaml"),
         "--to", "anki", "-o", str(tmp_path / "missing" / "deck.apkg")],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert process.returncode == 2
    assert "cannot write" in process.stderr and "choose another file with -o" in process.stderr
    assert "Traceback" not in process.stderr


MARKUP_DECK = """\
natobrief: 1
id: markup
title: "Markup <b>deck</b>"
sources:
  article:
    title: NATO <i>Watch</i>
    file: sources/article.txt
cards:
  - id: markup-card
    prompt: "Who <script>alert(1)</script> blocked \\x1b[31mthe office?"
    answer: France & <b>others</b>
    source: {doc: article, quote: It was blocked by France}
    tags: [summit-2024]
"""


def test_deck_text_is_escaped_and_cleaned_not_markup(tmp_path: Path) -> None:
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "article.txt").write_text(
        "It was blocked by France and others.\n", encoding="utf-8"
    )
    (tmp_path / "markup.yaml").write_text(MARKUP_DECK, encoding="utf-8")
    write_apkg([load_deck(tmp_path / "markup.yaml")], tmp_path / "m.apkg", timestamp=1)
    rows = package_rows(tmp_path / "m.apkg", tmp_path / "m")
    (note,) = rows["notes"]
    fields = str(note[6]).split("\x1f")
    assert fields[0] == "Who &lt;script&gt;alert(1)&lt;/script&gt; blocked [31mthe office?"
    assert fields[1] == "France &amp; &lt;b&gt;others&lt;/b&gt;"
    assert "NATO &lt;i&gt;Watch&lt;/i&gt;" in fields[4]
    assert " summit-2024 " in str(note[5])
    assert anki_tag("two words\tand\x1bmore") == "two_words_andmore"


def bundled_source(deck: Deck) -> Path:
    (source,) = deck.sources.values()
    return source.path


def comparable(card: object) -> object:
    """A card without what an import changes by construction: source id, line, x- keys,
    and the order of choice options (shown shuffled in Anki, shuffled again by natobrief)."""
    quotes = tuple(q.text for q in card.source.quotes)  # type: ignore[attr-defined]
    bare = replace(card, source=SourceRef("x", ()), line=0, extra=MappingProxyType({}))  # type: ignore[type-var]
    if isinstance(bare, ChoiceCard):
        bare = replace(bare, options=tuple(sorted(bare.options)))
    return bare, quotes


def test_bundled_decks_come_back_from_anki_card_for_card(tmp_path: Path) -> None:
    runner = CliRunner()
    for deck in bundled_decks():
        source = bundled_source(deck)
        shutil.copy(source, tmp_path / source.name)
        package = tmp_path / f"{deck.id}.apkg"
        exported = runner.invoke(
            cli, ["export", str(deck.path), "--to", "anki", "-o", str(package)]
        )
        assert exported.exit_code == 0, exported.output
        target = tmp_path / f"{deck.id}.yaml"
        imported = runner.invoke(
            cli,
            ["import", str(package), "-o", str(target), "--source", str(tmp_path / source.name)],
        )
        assert imported.exit_code == 0, imported.output
        assert f"{len(deck.cards)} cards from {package.name}" in imported.output
        checked = runner.invoke(cli, ["check", str(target)])
        assert checked.exit_code == 0, checked.output
        again = load_deck(target)
        assert [comparable(c) for c in again.cards] == [comparable(c) for c in deck.cards]


def test_the_back_shows_the_paragraph_with_its_quotes_marked() -> None:
    from natobrief.deck.library import load_decks
    from natobrief.tools.anki.export import source_html
    from natobrief.tools.anki.importer import marked_passages

    deck = next(d for d in load_decks(()) if d.id == "summit-2024-key-points")
    card = next(c for c in deck.cards if c.id == "bergmann-role")
    back = source_html(deck, card)
    assert back.startswith('<blockquote class="passage">Experts stressed that')
    assert back.count("<mark ") >= 1  # quotes in that paragraph marked, one further apart
    assert back.count(" data-quote=") == len(card.source.quotes)
    assert marked_passages(back) == [" ".join(q.text.split()) for q in card.source.quotes]
