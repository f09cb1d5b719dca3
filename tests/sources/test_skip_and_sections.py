"""A source's ``skip:`` leaves debris (or a whole section) out of coverage, and
``natobrief coverage --section`` looks at one section or page."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from natobrief.deck.loader import read_deck
from natobrief.tools.coverage import deck_coverage
from tests.conftest import DATA
from tests.sources.test_source_decks import DECK, formats_deck

CASES = DATA / "sources_cases"
SKIP = """    skip:
      - Further reading
      - These are seminar notes on the Lua programming language
"""


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    return formats_deck(tmp_path, DECK.replace("sources/notes.md\n", "sources/notes.md\n" + SKIP))


def test_skipped_passages_and_sections_are_not_counted(deck: Path) -> None:
    loaded = read_deck(deck)
    assert loaded.deck is not None, loaded.problems
    lua = next(d for d in deck_coverage(loaded.deck) if d.source.id == "lua")
    facts = [s.text for s in lua.fact_sentences]
    assert not any(text.startswith("These are seminar notes") for text in facts)
    assert not any("Programming in Lua" in text for text in facts)  # Further reading's
    assert any(text.startswith("In 1993 Roberto Ierusalimschy") for text in facts)
    plain = read_deck(deck.parent / "plain.yaml", text=DECK)  # the same deck without skip
    assert plain.deck is not None
    before = next(d for d in deck_coverage(plain.deck) if d.source.id == "lua")
    assert len(before.fact_sentences) > len(facts)


def test_a_skip_passage_not_in_the_source_is_an_error_at_its_line(deck: Path) -> None:
    deck.write_text(deck.read_text().replace("- Further reading", "- Further raeding"))
    loaded = read_deck(deck)
    assert loaded.deck is None
    problem = next(p for p in loaded.problems if "skip passage not found" in p.message)
    assert problem.line == 9 and "word for word" in problem.hint


def _coverage(deck: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "natobrief", "coverage", str(deck), *args],
        capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_coverage_of_one_section_or_page(deck: Path) -> None:
    origins = _coverage(deck, "--section", "Origins", "--json")
    assert origins.returncode in (0, 1), origins.stderr
    assert "In 1993 Roberto" in origins.stdout and "Winter" not in origins.stdout
    assert "Version history" not in origins.stdout
    page = _coverage(deck, "--section", "p. 2", "--json")
    assert "We tested 1,936 seed lots" in page.stdout and "Twenty-three years" not in page.stdout
    unknown = _coverage(deck, "--section", "Nowhere")
    assert unknown.returncode == 2 and "no source has that section" in unknown.stderr
    assert "Origins" in unknown.stderr  # the sections it has, to choose from
