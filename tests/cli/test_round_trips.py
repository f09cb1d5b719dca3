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
