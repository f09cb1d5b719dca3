"""Decks quoting Markdown, web-page and PDF sources: they load, their passages are clean
text with their place, and a source that cannot be read is refused at its file: line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from natobrief.deck.loader import load_deck
from natobrief.deck.passage import passage_for
from tests.conftest import DATA

CASES = DATA / "sources_cases"

DECK = """natobrief: 1
id: formats
title: Four formats
sources:
  lua:
    title: Lua notes
    file: sources/notes.md
  park:
    title: Winter guide
    file: sources/page.html
  report:
    title: Annual report
    file: sources/report.pdf
    date: 2024-03-18
cards:
  - id: sol
    type: short
    prompt: What does SOL describe?
    answer: reports and their graphical layout
    source:
      doc: lua
      quote: SOL (Simple Object Language) described reports and their graphical layout.
  - id: tables
    type: number
    prompt: In which year did Lua get an integer subtype?
    answer: 2015
    source:
      doc: lua
      quote: Integer subtype and bitwise operators
  - id: fee
    type: short
    prompt: What does a week pass cost?
    answer: $30 per vehicle
    source:
      doc: park
      quote: Skis & snowshoes travel free in the rack at the back of the bus
  - id: network
    type: short
    prompt: What did the cooperative join?
    answer: an international exchange network
    source:
      doc: report
      quote: join an international exchange network of community seed banks
"""


def formats_deck(folder: Path, text: str = DECK) -> Path:
    """``text`` as a deck file in ``folder``, with the three documents it quotes."""
    (folder / "sources").mkdir()
    for name in ("notes.md", "page.html", "report.pdf"):
        shutil.copy(CASES / name, folder / "sources" / name)
    path = folder / "formats.yaml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    return formats_deck(tmp_path)


def test_a_deck_quoting_each_format_loads_with_clean_passages(deck: Path) -> None:
    loaded = load_deck(deck)
    passages = {card.id: passage_for(loaded, card) for card in loaded.cards}
    assert passages["sol"].citation == "Lua notes, Origins › The predecessors: DEL and SOL"
    assert passages["sol"].text.startswith("SOL (Simple Object Language)")
    assert "**" not in passages["sol"].text
    assert passages["tables"].text == "5.3 · 2015 · Integer subtype and bitwise operators"
    assert passages["fee"].citation == "Winter guide, Getting there › By shuttle"
    assert "&amp;" not in passages["fee"].text and "Skis & snowshoes" in passages["fee"].text
    assert passages["network"].citation == "Annual report (2024-03-18), p. 1"
    assert "international exchange network" in passages["network"].text


def _check(deck: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "natobrief", "check", str(deck)],
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_passes_and_a_study_passage_names_its_page(deck: Path, tmp_path: Path) -> None:
    assert _check(deck).returncode == 0
    study = subprocess.run(
        [sys.executable, "-m", "natobrief", "study", str(deck), "--headless", "--seed", "1",
         "--db", str(tmp_path / "p.db"), "--jsonl"],
        input="x\nx\nx\nx\n",
        capture_output=True,
        text=True,
        timeout=120,
    )  # fmt: skip
    assert study.returncode == 0, study.stderr
    assert '"place": "p. 1"' in study.stdout and '"place": "Version history"' in study.stdout


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("scanned.pdf", "has no text layer: it looks like a scan"),
        ("fake.pdf", "is not a PDF that can be read"),
        ("binary.bin", "natobrief has no reader for '.bin' files"),
        ("notes.docx", "reads .txt, .md, .markdown, .pdf, .html, .htm"),
    ],
)
def test_a_source_that_cannot_be_read_is_refused_at_its_line(
    deck: Path, name: str, said: str
) -> None:
    shutil.copy(CASES / name, deck.parent / "sources" / name)
    deck.write_text(DECK.replace("sources/report.pdf", f"sources/{name}"), encoding="utf-8")
    checked = _check(deck)
    assert checked.returncode != 0 and "Traceback" not in checked.stderr
    shown = checked.stdout + checked.stderr
    assert said in shown, shown
    assert "formats.yaml:13" in shown  # the file: key of the source
    assert "EOF marker" not in shown  # pypdf's own log lines stay out


def test_exports_cite_the_place_and_the_reader_shows_it(deck: Path, tmp_path: Path) -> None:
    from natobrief.tools.gift import feedback

    loaded = load_deck(deck)
    network = next(card for card in loaded.cards if card.id == "network")
    assert "Annual report, 2024-03-18, p. 1." in feedback(loaded, network)  # after "Source\\:"
    from natobrief.tools.anki.export import source_html

    assert "Annual report, 2024-03-18, p. 1" in source_html(loaded, network)


def test_coverage_counts_list_items_and_table_rows_and_no_heading(deck: Path) -> None:
    from natobrief.tools.coverage import deck_coverage

    loaded = load_deck(deck)
    lua = next(d for d in deck_coverage(loaded) if d.source.id == "lua")
    facts = {s.text: s.covered_by for s in lua.fact_sentences}
    item = "SOL (Simple Object Language) described reports and their graphical layout."
    assert facts[item] == ("sol",)  # a list item bears a fact, and the card covers it
    assert facts["5.3 · 2015 · Integer subtype and bitwise operators"] == ("tables",)
    assert "Origins" not in facts and "The predecessors: DEL and SOL" not in facts
    assert not any("**" in text or "|" in text for text in facts)


def test_the_handout_names_each_quotes_page_or_section(deck: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from natobrief.cli import cli

    target = tmp_path / "handout.md"
    done = CliRunner().invoke(cli, ["handout", str(deck), "-o", str(target)])
    assert done.exit_code == 0, done.output
    text = target.read_text(encoding="utf-8")
    assert "> join an international exchange network of community seed banks (p. 1)" in text
    assert "(Origins › The predecessors: DEL and SOL)" in text
