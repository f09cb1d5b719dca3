"""``natobrief import`` of Anki packages made elsewhere: by genanki, and by Anki itself.

A Basic note becomes a short card and a Cloze note a cloze card; each is
grounded in the source by a passage the note holds or by the sentence holding
its answer (marked to confirm); the rest are listed and marked. Packages
natobrief cannot read (the newest Anki format, a broken zip, no readable note)
are refused with what to do, never a traceback.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import genanki
import pytest
import yaml
from anki.collection import Collection, ExportAnkiPackageOptions
from click.testing import CliRunner

from natobrief.cli import cli
from natobrief.deck.loader import load_deck
from natobrief.tools.anki.export import write_apkg
from natobrief.tools.anki.models import build_model
from natobrief.tools.anki.package import html_lines, read_package
from tests.conftest import DATA


@pytest.fixture(autouse=True)
def temporary_files_in_tmp_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """genanki's own ``write_to_file`` (used here to build foreign packages) leaves its
    temporary database behind; keep it, and Anki's, inside the test's folder."""
    folder = tmp_path / "tempfiles"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))


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


def test_choice_options_come_back_in_the_decks_order(tmp_path: Path) -> None:
    deck = load_deck(DATA / "good" / "deck.yaml")
    (choice,) = [card for card in deck.cards if card.type == "choice"]
    write_apkg([deck], tmp_path / "good.apkg", timestamp=1)
    (note,) = [note for note in read_package(tmp_path / "good.apkg") if note.field("Options")]
    assert html_lines(note.field("Options")) != list(choice.options)  # shuffled in Anki
    shutil.copy(DATA / "good" / "sources" / "article.txt", tmp_path / "article.txt")
    result = CliRunner().invoke(
        cli,
        ["import", str(tmp_path / "good.apkg"), "-o", str(tmp_path / "deck.yaml"),
         "--source", str(tmp_path / "article.txt")],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (again,) = [card for card in load_deck(tmp_path / "deck.yaml").cards if card.type == "choice"]
    assert again.options == choice.options  # type: ignore[attr-defined]


def test_a_note_the_deck_loader_refuses_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    deck = genanki.Deck(2_059_400_112, "Edited in Anki")
    fields = ["How many heads?", "thirty", "", "", "", "<blockquote>The 32 heads</blockquote>",
              "heads"]  # fmt: skip
    deck.add_note(genanki.Note(build_model("number"), fields))
    genanki.Package(deck).write_to_file(str(tmp_path / "edited.apkg"), timestamp=1)
    (tmp_path / "article.txt").write_text(SOURCE_TEXT, encoding="utf-8")
    process = subprocess.run(
        [sys.executable, "-m", "natobrief", "import", str(tmp_path / "edited.apkg"),
         "-o", str(tmp_path / "deck.yaml"), "--source", str(tmp_path / "article.txt")],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert process.returncode == 2, process.stderr
    assert "edited.apkg, note 1: card 'heads': 'answer' must be a number, not 'thirty'" in (
        process.stderr
    )
    assert "nothing was written" in process.stderr
    assert "Traceback" not in process.stderr
    assert not (tmp_path / "deck.yaml").exists()
