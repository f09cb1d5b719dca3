"""``natobrief export --to anki`` read by Anki's own library; ``natobrief import`` of .apkg files.

The export is imported with the ``anki`` package (the library inside Anki
itself): every card must arrive once, with its tags and its source quote, and
a re-export must update the notes in place. Importing goes the other way:
natobrief's own packages come back card for card, other notes become short or
cloze cards grounded in the source, and the newest Anki format is refused with
what to do.
"""

from __future__ import annotations

import html
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType

import genanki
import pytest
import yaml
from anki.collection import Collection, ExportAnkiPackageOptions
from anki.import_export_pb2 import ImportAnkiPackageOptions, ImportAnkiPackageRequest
from click.testing import CliRunner

from natobrief.cli import cli
from natobrief.deck.loader import load_deck
from natobrief.deck.model import ChoiceCard, ClozeCard, Deck, SourceRef
from natobrief.tools.anki_export import anki_tag, write_apkg

BUNDLED = Path(__file__).parents[2] / "decks"
EDITED_NOTE = "their leaders attended a third consecutive NATO summit"


@pytest.fixture(autouse=True)
def temporary_files_in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """genanki's own ``write_to_file`` (used here to build foreign packages) leaves its
    temporary database behind; keep it, and Anki's, inside the test's folder."""
    folder = tmp_path / "tempfiles"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))


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
    assert len(cards) == 221
    gaps = sum(len(card.gaps) if isinstance(card, ClozeCard) else 1 for _, card in cards)
    # exported "yesterday": Anki takes a later export of the same notes as an update
    first = write_apkg(decks, tmp_path / "first.apkg", timestamp=1_700_000_000)
    assert (first.notes, first.cards, first.decks) == (221, gaps, 5)

    (tmp_path / "anki").mkdir()
    collection = Collection(str(tmp_path / "anki" / "collection.anki2"))
    try:
        anki_import(collection, tmp_path / "first.apkg")
        assert collection.note_count() == 221
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
        assert len(notes) == 221
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
        assert f"221 notes written to {tmp_path / 'again.apkg'}" in again.output
        assert f"{gaps} Anki cards in 5 deck(s)" in again.output
        anki_import(collection, tmp_path / "again.apkg")
        assert collection.note_count() == 221
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
    assert len(package_rows(tmp_path / "one.apkg", tmp_path / "one")["notes"]) == 221
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


SOURCE_TEXT = """\
NATO Watch

The 32 heads of state and government denounced Beijing
for serving as Moscow's "decisive enabler" in Russia's war.
It was blocked by France and other European members and is unlikely to get off the ground.
"""


def test_basic_and_cloze_notes_become_cards_and_unverified_ones_are_listed(
    tmp_path: Path,
) -> None:
    deck = genanki.Deck(2_059_400_110, "Made in Anki")
    basic = genanki.BASIC_MODEL
    extra = genanki.Model(
        1_607_392_319,
        "Basic with source",
        fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}],
        templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{Back}}<br>{{Source}}"}],
    )
    deck.add_note(genanki.Note(basic, ["Who blocked the <b>Tokyo</b> office?", "france"]))
    deck.add_note(
        genanki.Note(
            extra,
            ["What did the summit call Beijing?", "A decisive enabler",
             "Moscow&#x27;s &quot;decisive enabler&quot; in Russia&#x27;s war"],
            tags=["summit_2024"],
        )
    )  # fmt: skip
    deck.add_note(genanki.Note(basic, ["Where is the office now?", "In Brussels&nbsp;city"]))
    deck.add_note(genanki.Note(genanki.CLOZE_MODEL, ["It was blocked by {{c1::France}}.", ""]))
    deck.add_note(genanki.Note(basic, ["An empty back", ""]))
    genanki.Package(deck).write_to_file(str(tmp_path / "made.apkg"), timestamp=1)
    (tmp_path / "article.txt").write_text(SOURCE_TEXT, encoding="utf-8")

    target = tmp_path / "made.yaml"
    result = CliRunner().invoke(
        cli, ["import", str(tmp_path / "made.apkg"), "-o", str(target),
              "--source", str(tmp_path / "article.txt")],
    )  # fmt: skip
    assert result.exit_code == 1, result.output
    assert "4 cards from made.apkg" in result.output
    assert "skipped note 5" in result.output and "an empty front or back" in result.output
    guessed = "quote found by searching article.txt for the answer: card '{}'"
    assert guessed.format("who-blocked-the-tokyo-office") in result.output
    assert guessed.format("it-was-blocked-by-france") in result.output
    assert "quote not found in article.txt: card 'where-is-the-office-now'" in result.output
    written = target.read_text(encoding="utf-8")
    assert (
        "# quote not found in the source: copy the passage word for word\n"
        "  - id: where-is-the-office-now" in written
    )
    assert "# quote found by searching the source for the answer" in written

    # with the unverified card removed, the deck loads: the quotes are real passages
    data = yaml.safe_load(written)
    data["cards"] = [card for card in data["cards"] if card["id"] != "where-is-the-office-now"]
    (tmp_path / "fixed.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    fixed = {card.id: card for card in load_deck(tmp_path / "fixed.yaml").cards}
    tokyo = fixed["who-blocked-the-tokyo-office"]
    assert (tokyo.type, tokyo.prompt, tokyo.answer) == (  # type: ignore[union-attr]
        "short", "Who blocked the Tokyo office?", "france"
    )  # fmt: skip
    assert tokyo.source.quotes[0].text.startswith("It was blocked by France and other European")
    enabler = fixed["what-did-the-summit-call-beijing"]
    assert enabler.source.quotes[0].text == "Moscow's \"decisive enabler\" in Russia's war"
    assert enabler.tags == ("summit_2024",)
    assert fixed["it-was-blocked-by-france"].text == "It was blocked by {{France}}."  # type: ignore[union-attr]


def anki_collection_package(folder: Path, *, legacy: bool) -> Path:
    """An .apkg written by Anki itself, holding one Basic and one Cloze note."""
    folder.mkdir()
    collection = Collection(str(folder / "collection.anki2"))
    try:
        deck_id = collection.decks.id("From Anki")
        assert deck_id is not None
        basic = collection.new_note(collection.models.by_name("Basic"))  # type: ignore[arg-type]
        basic["Front"], basic["Back"] = "Who blocked the office?", "France"
        collection.add_note(basic, deck_id)
        cloze = collection.new_note(collection.models.by_name("Cloze"))  # type: ignore[arg-type]
        cloze["Text"] = "heads of {{c1::state::who?}} and {{c2::government}}"
        collection.add_note(cloze, deck_id)
        package = folder / "from-anki.apkg"
        options = ExportAnkiPackageOptions(
            with_scheduling=False, with_deck_configs=False, with_media=False, legacy=legacy
        )
        collection.export_anki_package(out_path=str(package), options=options, limit=None)
    finally:
        collection.close()
    return package


def test_a_package_anki_wrote_for_older_versions_imports(tmp_path: Path) -> None:
    package = anki_collection_package(tmp_path / "anki", legacy=True)
    (tmp_path / "article.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    target = tmp_path / "deck.yaml"
    result = CliRunner().invoke(
        cli, ["import", str(package), "-o", str(target), "--source", str(tmp_path / "article.txt")]
    )
    assert result.exit_code == 0, result.output
    cards = load_deck(target).cards
    assert [(card.type, card.prompt) for card in cards] == [
        ("short", "Who blocked the office?"),
        ("cloze", "Fill in the gaps."),
    ]
    assert cards[1].text == "heads of {{state}} and {{government}}"  # type: ignore[union-attr]
    assert cards[1].source.quotes[0].text == "heads of state and government"


def test_the_newest_anki_format_is_refused_with_what_to_do(tmp_path: Path) -> None:
    package = anki_collection_package(tmp_path / "anki", legacy=False)
    (tmp_path / "article.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    process = subprocess.run(
        [
            sys.executable,
            "-m",
            "natobrief",
            "import",
            str(package),
            "-o",
            str(tmp_path / "deck.yaml"),
            "--source",
            str(tmp_path / "article.txt"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert process.returncode == 2
    assert "collection.anki21b" in process.stderr
    assert "tick 'Support older Anki versions'" in process.stderr
    assert "Traceback" not in process.stderr
    assert not (tmp_path / "deck.yaml").exists()


@pytest.mark.parametrize("content", [b"not a zip at all", b"PK\x03\x04 broken"])
def test_a_broken_package_says_what_to_do(tmp_path: Path, content: bytes) -> None:
    (tmp_path / "bad.apkg").write_bytes(content)
    (tmp_path / "article.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    process = subprocess.run(
        [
            sys.executable,
            "-m",
            "natobrief",
            "import",
            str(tmp_path / "bad.apkg"),
            "-o",
            str(tmp_path / "deck.yaml"),
            "--source",
            str(tmp_path / "article.txt"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert process.returncode == 2
    assert "is not an Anki package" in process.stderr
    assert "File > Export" in process.stderr
    assert "Traceback" not in process.stderr


def test_a_schema_18_collection_reads_its_note_types_from_their_tables(tmp_path: Path) -> None:
    package = anki_collection_package(tmp_path / "anki", legacy=True)
    # Anki's live collection (schema 18: notetypes and fields tables) zipped as a package
    with zipfile.ZipFile(tmp_path / "live.apkg", "w") as archive:
        archive.write(package.parent / "collection.anki2", "collection.anki21")
    (tmp_path / "article.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    result = CliRunner().invoke(
        cli,
        ["import", str(tmp_path / "live.apkg"), "-o", str(tmp_path / "deck.yaml"),
         "--source", str(tmp_path / "article.txt")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    cards = load_deck(tmp_path / "deck.yaml").cards
    assert [card.type for card in cards] == ["short", "cloze"]


def test_a_package_with_no_readable_note_says_so(tmp_path: Path) -> None:
    deck = genanki.Deck(2_059_400_111, "Empty backs")
    deck.add_note(genanki.Note(genanki.BASIC_MODEL, ["A question without an answer", ""]))
    genanki.Package(deck).write_to_file(str(tmp_path / "empty.apkg"), timestamp=1)
    (tmp_path / "article.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    process = subprocess.run(
        [sys.executable, "-m", "natobrief", "import", str(tmp_path / "empty.apkg"),
         "-o", str(tmp_path / "deck.yaml"), "--source", str(tmp_path / "article.txt")],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert process.returncode == 2
    assert "holds no note natobrief can read (the first: note 1" in process.stderr
    assert "an empty front or back" in process.stderr
    assert not (tmp_path / "deck.yaml").exists()
