"""Round trips that lose nothing (#17 item 4): every bundled deck, exported to CSV or to
Anki and imported again, comes back as it was: its id, title, description, its source's
title, date and url, and every card (the source id, line and x- keys aside)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from natobrief.cli import cli
from natobrief.deck.loader import load_deck
from natobrief.deck.model import Deck
from tests.cli.test_anki import bundled_decks, bundled_source, comparable


def _deck_facts(deck: Deck) -> tuple[object, ...]:
    (source,) = deck.sources.values()
    return (deck.id, deck.title, deck.description, source.title, source.date, source.url)


@pytest.mark.parametrize("kind", ["csv", "anki"])
def test_every_bundled_deck_comes_back_as_it_was(kind: str, tmp_path: Path) -> None:
    runner = CliRunner()
    suffix = "csv" if kind == "csv" else "apkg"
    for deck in bundled_decks():
        source = bundled_source(deck)
        shutil.copy(source, tmp_path / source.name)
        exported = tmp_path / f"{deck.id}.{suffix}"
        done = runner.invoke(cli, ["export", str(deck.path), "--to", kind, "-o", str(exported)])
        assert done.exit_code == 0, done.output
        target = tmp_path / f"imported-{deck.id}.yaml"  # another name: the id is the file's
        done = runner.invoke(
            cli,
            ["import", str(exported), "-o", str(target), "--source", str(tmp_path / source.name)],
        )
        assert done.exit_code == 0, done.output
        again = load_deck(target)
        assert _deck_facts(again) == _deck_facts(deck), deck.id
        assert [comparable(c) for c in again.cards] == [comparable(c) for c in deck.cards]


def test_id_and_title_given_win_over_the_files(tmp_path: Path) -> None:
    runner = CliRunner()
    deck = bundled_decks()[0]
    source = bundled_source(deck)
    shutil.copy(source, tmp_path / source.name)
    exported = tmp_path / "cards.csv"
    runner.invoke(cli, ["export", str(deck.path), "--to", "csv", "-o", str(exported)])
    target = tmp_path / "mine.yaml"
    done = runner.invoke(
        cli,
        [
            "import", str(exported), "-o", str(target), "--source", str(tmp_path / source.name),
            "--id", "my-copy", "--title", "My copy",
        ],
    )  # fmt: skip
    assert done.exit_code == 0, done.output
    again = load_deck(target)
    assert (again.id, again.title) == ("my-copy", "My copy")


@pytest.mark.parametrize("kind", ["csv", "anki"])
def test_a_deck_on_a_pdf_comes_back_too(kind: str, tmp_path: Path) -> None:
    from tests.conftest import DATA

    runner = CliRunner()
    pdf = tmp_path / "sources" / "report.pdf"
    deck_file = tmp_path / "report.yaml"
    started = runner.invoke(
        cli, ["init", str(deck_file), "--source", str(DATA / "sources_cases" / "report.pdf")]
    )
    assert started.exit_code == 0, started.output
    deck = load_deck(deck_file)
    exported = tmp_path / f"cards.{'csv' if kind == 'csv' else 'apkg'}"
    runner.invoke(cli, ["export", str(deck_file), "--to", kind, "-o", str(exported)])
    target = tmp_path / "again.yaml"
    done = runner.invoke(cli, ["import", str(exported), "-o", str(target), "--source", str(pdf)])
    assert done.exit_code == 0, done.output
    again = load_deck(target)
    assert _deck_facts(again) == _deck_facts(deck)
    assert [comparable(c) for c in again.cards] == [comparable(c) for c in deck.cards]


def test_import_into_a_deck_rewrites_its_cards_by_id_and_keeps_the_rest(tmp_path: Path) -> None:
    import csv
    import io

    from tests.conftest import DATA

    shutil.copytree(DATA / "good", tmp_path / "deck")
    deck_file = tmp_path / "deck" / "deck.yaml"
    original = deck_file.read_text(encoding="utf-8")
    deck_file.write_text(original.replace("cards:\n", "cards:\n  # my own note, kept\n", 1))
    deck = load_deck(deck_file)
    runner = CliRunner()
    exported = tmp_path / "cards.csv"
    runner.invoke(cli, ["export", str(deck_file), "--to", "csv", "-o", str(exported), "--raw"])
    rows = list(csv.DictReader(io.StringIO(exported.read_text(encoding="utf-8"))))
    rows[0]["prompt"] = "Which country blocked the office in Tokyo?"
    extra = dict(rows[0], id="tokyo-again", prompt="Who blocked it, once more?")
    writer_text = io.StringIO()
    writer = csv.DictWriter(writer_text, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows([rows[0], extra])
    edited = tmp_path / "edited.csv"
    edited.write_text(writer_text.getvalue(), encoding="utf-8")
    source = next(iter(deck.sources.values())).path
    done = runner.invoke(
        cli, ["import", str(edited), "--into", str(deck_file), "--source", str(source)]
    )
    assert done.exit_code == 0, done.output
    assert "1 card rewritten by id, 1 card added" in done.output
    text = deck_file.read_text(encoding="utf-8")
    assert "# my own note, kept" in text
    again = load_deck(deck_file)
    assert [c.id for c in again.cards] == [c.id for c in deck.cards] + ["tokyo-again"]
    assert again.cards[0].prompt == "Which country blocked the office in Tokyo?"
    assert [comparable(c) for c in again.cards[1:-1]] == [comparable(c) for c in deck.cards[1:]]
    assert again.id == deck.id and again.title == deck.title


def test_into_needs_the_decks_own_source_and_one_target(tmp_path: Path) -> None:
    from tests.conftest import DATA

    shutil.copytree(DATA / "good", tmp_path / "deck")
    deck_file = tmp_path / "deck" / "deck.yaml"
    runner = CliRunner()
    exported = tmp_path / "cards.csv"
    runner.invoke(cli, ["export", str(deck_file), "--to", "csv", "-o", str(exported)])
    other = tmp_path / "deck" / "other.txt"
    other.write_text("Another text.", encoding="utf-8")
    before = deck_file.read_text(encoding="utf-8")
    done = runner.invoke(
        cli, ["import", str(exported), "--into", str(deck_file), "--source", str(other)]
    )
    assert done.exit_code != 0 and "has no source for" in str(done.exception)
    both = runner.invoke(
        cli,
        ["import", str(exported), "--into", str(deck_file), "-o", "x.yaml", "--source", str(other)],
    )
    assert both.exit_code != 0 and "give -o DECK.yaml for a new deck, or --into" in str(
        both.exception
    )
    assert deck_file.read_text(encoding="utf-8") == before
