"""``natobrief coverage --text``: covered and uncovered sentences told apart without colour."""

from __future__ import annotations

import io
from pathlib import Path

from click.testing import CliRunner
from rich.console import Console

from natobrief.cli import cli
from natobrief.deck.loader import load_deck
from natobrief.tools.coverage import (
    LEGEND_COLOUR,
    LEGEND_PLAIN,
    UNCOVERED_MARK,
    deck_coverage,
    print_coverage,
)

SOURCE = (
    "NATO Watch\n"
    "\n"
    "The alliance met in Washington.\n"
    "The 32 heads of state and government denounced Beijing.\n"
    "\n"
    "Last year, Russia imported 90% of its microelectronics from China.\n"
)

DECK = """\
natobrief: 1
id: coverage-test
title: Coverage test
sources:
  article:
    title: NATO Watch
    file: sources/article.txt
cards:
  - id: heads
    type: number
    prompt: How many heads of state and government?
    answer: 32
    source:
      doc: article
      quote: The 32 heads of state and government
"""


def write_deck(folder: Path) -> Path:
    (folder / "sources").mkdir()
    (folder / "sources" / "article.txt").write_text(SOURCE, encoding="utf-8")
    deck = folder / "deck.yaml"
    deck.write_text(DECK, encoding="utf-8")
    return deck


def test_text_through_a_pipe_marks_uncovered_sentences_and_keeps_paragraphs(
    tmp_path: Path,
) -> None:
    deck = write_deck(tmp_path)
    result = CliRunner().invoke(cli, ["coverage", str(deck), "--text"], env={"COLUMNS": "200"})
    assert result.exit_code == 1, result.output  # two fact-bearing sentences have no card
    lines = result.stdout.splitlines()
    assert lines[0] == LEGEND_PLAIN
    body = result.stdout[result.stdout.index("NATO Watch\n") :]
    paragraphs = body.split("\n\n")
    assert paragraphs[0] == "NATO Watch"  # the title is a paragraph of its own
    assert paragraphs[1] == (
        f"{UNCOVERED_MARK} The alliance met in Washington. "
        "The 32 heads of state and government denounced Beijing."
    )
    assert paragraphs[2] == (
        f"{UNCOVERED_MARK} Last year, Russia imported 90% of its microelectronics from China."
    )
    assert "\x1b[" not in result.stdout


def test_a_colour_terminal_gets_colours_and_no_marks(tmp_path: Path) -> None:
    documents = deck_coverage(load_deck(write_deck(tmp_path)))
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, color_system="standard", width=200)
    print_coverage(documents, console, show_text=True)
    shown = out.getvalue()
    assert LEGEND_COLOUR in shown and UNCOVERED_MARK not in shown
    assert "\x1b[31mThe alliance met in Washington.\x1b[0m" in shown  # red: uncovered
    assert "\x1b[32mThe 32 heads" in shown  # green: quoted by a card
    assert "Beijing.\x1b[0m\n\n" in shown  # paragraphs stay apart in colour too
