"""Adding a card type is adding one module: a type defined only here studies, grades,
exports to every format and shows in the app, with no change anywhere else.

The test type, "acronym", asks what an acronym stands for; its deck entry has
``acronym:`` and ``expansion:``. It is answered in a text field and graded by the
shared text matching (so a typo in a long expansion is forgiven).
"""

from __future__ import annotations

import csv
import io
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from natobrief.cardtypes import registry
from natobrief.cardtypes.base import CardKind, Common, Layout
from natobrief.deck.fields import Fields
from natobrief.deck.loader import read_deck
from natobrief.deck.model import Card, CardType, Deck
from natobrief.grading.matching import Answer, Problem, Reading, lookup, wrong
from natobrief.grading.verdict import answer_in_words, answer_line, expected_answer, grade
from natobrief.headless.options import HeadlessOptions
from natobrief.headless.run import run
from natobrief.settings import Settings
from natobrief.tools.exports import EXPORTERS, ExportRequest, exporter
from natobrief.tools.handout import write_handout
from tests.conftest import DATA


@dataclass(frozen=True, slots=True, kw_only=True)
class AcronymCard(Card):
    """What an acronym stands for."""

    acronym: str
    expansion: str

    @property
    def type(self) -> CardType:
        return "acronym"  # type: ignore[return-value]  # not one of the format's names


class AcronymKind(CardKind[AcronymCard]):
    name = "acronym"
    card_class = AcronymCard
    title = "Acronym"
    instruction = "Say what it stands for."
    keys = frozenset({"acronym", "expansion"})
    prompt_required = False

    def read(self, fields: Fields, common: Common) -> AcronymCard | None:
        acronym = fields.text("acronym", required=True, hint="add 'acronym: IP4'")
        expansion = fields.text("expansion", required=True, hint="add 'expansion: ...'")
        if acronym is None or expansion is None:
            return None
        if not common["prompt"]:
            common = {**common, "prompt": f"What does {acronym} stand for?"}
        return AcronymCard(acronym=acronym, expansion=expansion, **common)  # type: ignore[arg-type]

    def expected(self, card: AcronymCard) -> str:
        return card.expansion

    def grade(
        self, card: AcronymCard, answer: Answer, given: str, layout: Layout, reading: Reading
    ) -> Problem | None:
        if lookup(given, (card.expansion,), reading) is None:
            return wrong(f"Wrong: {card.acronym} stands for '{card.expansion}'.")
        return None


DECK_TEXT = """\
natobrief: 1
id: acronyms
title: Acronyms
sources:
  article:
    title: NATO Watch
    file: {source}
cards:
  - id: ip4
    type: acronym
    acronym: IP4
    expansion: Indo-Pacific Four
    source:
      doc: article
      quote: The alliance met in Washington.
  - id: capital
    prompt: Where did the alliance meet?
    answer: Washington
    source:
      doc: article
      quote: The alliance met in Washington.
"""


@pytest.fixture
def acronym_deck(tmp_path: Path) -> Iterator[Path]:
    """A deck with one acronym card (and one short card), the type registered meanwhile."""
    registry.register(AcronymKind())
    path = tmp_path / "acronyms.yaml"
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "article.txt").write_bytes(
        (DATA / "good" / "sources" / "article.txt").read_bytes()
    )
    path.write_text(DECK_TEXT.format(source="sources/article.txt"), encoding="utf-8")
    try:
        yield path
    finally:
        registry.unregister("acronym")


def loaded(path: Path) -> Deck:
    result = read_deck(path)
    assert result.deck is not None, [p.format() for p in result.problems]
    return result.deck


def test_the_reader_knows_the_type_only_while_it_is_registered(acronym_deck: Path) -> None:
    deck = loaded(acronym_deck)
    card = deck.card("ip4")
    assert isinstance(card, AcronymCard)
    assert card.prompt == "What does IP4 stand for?"
    registry.unregister("acronym")
    refused = read_deck(acronym_deck)
    assert refused.deck is None
    assert "unknown card type 'acronym'" in refused.errors[0].message


def test_a_missing_key_of_the_new_type_is_an_error_with_its_line(acronym_deck: Path) -> None:
    acronym_deck.write_text(
        acronym_deck.read_text(encoding="utf-8").replace("    expansion: Indo-Pacific Four\n", ""),
        encoding="utf-8",
    )
    errors = read_deck(acronym_deck).errors
    assert [(e.card, e.line) for e in errors] == [("ip4", 9)]
    assert "expansion" in errors[0].message


def test_it_grades_with_the_shared_text_rules(acronym_deck: Path) -> None:
    card = loaded(acronym_deck).card("ip4")
    assert grade(card, "indo pacific four").correct
    typo = grade(card, "Indo-Pacific Fuor")
    assert (typo.correct, typo.typo) == (True, True)
    refused = grade(card, "Indian Ocean Four")
    assert not refused.correct
    assert refused.reason == "Wrong: IP4 stands for 'Indo-Pacific Four'."
    assert expected_answer(card) == "Indo-Pacific Four"
    assert answer_line(card, refused) == "Indo-Pacific Four"
    assert answer_in_words(card, Layout(), " indo pacific four ") == "indo pacific four"


def test_it_studies_headless_with_its_own_instruction(acronym_deck: Path, tmp_path: Path) -> None:
    # The capital card waits while the acronym's passage (which names Washington) is on
    # screen: the acronym card, coming back, comes between them (spacing.py).
    stdin = io.StringIO("Indo-Pacific Four\nIndo-Pacific Four\nWashington\n\n")
    stdout = io.StringIO()
    options = HeadlessOptions(mode="study", decks=(str(acronym_deck),), seed=1)
    assert run(options, Settings(), tmp_path / "p.db", stdin=stdin, stdout=stdout) == 0
    text = stdout.getvalue()
    assert "Question 1. Acronym. Deck acronyms.\nWhat does IP4 stand for?\n" in text
    assert "Say what it stands for.\nYou answered: Indo-Pacific Four\nCorrect." in text
    assert "Asked 3, answered 3, correct 3" in text
    with sqlite3.connect(tmp_path / "p.db") as db:
        reviewed = {row[0] for row in db.execute("SELECT card_id FROM review_log")}
    assert reviewed == {"ip4", "capital"}


@pytest.mark.parametrize("kind", sorted(set(EXPORTERS) - {"reviews"}))
def test_it_exports_to_every_format_as_a_short_answer(
    acronym_deck: Path, tmp_path: Path, kind: str
) -> None:
    deck = loaded(acronym_deck)
    target = tmp_path / f"out.{kind}"
    done = exporter(kind)(ExportRequest([deck], target, tmp_path / "p.db"))
    assert done.count >= 2
    if kind == "gift":
        text = target.read_text(encoding="utf-8")
        assert "::ip4::[plain]What does IP4 stand for? {\n\t=Indo-Pacific Four\n" in text
        assert any("acronyms/ip4" in note for note in done.notes)
    elif kind == "csv":
        rows = {row["id"]: row for row in csv.DictReader(io.StringIO(target.read_text()))}
        assert (rows["ip4"]["type"], rows["ip4"]["answer"]) == ("acronym", "Indo-Pacific Four")
    else:  # Anki's own library reads the package
        from anki.collection import Collection

        from tests.cli.test_anki import anki_import

        (tmp_path / "anki").mkdir()
        collection = Collection(str(tmp_path / "anki" / "collection.anki2"))
        try:
            anki_import(collection, target)
            notes = [collection.get_note(note_id) for note_id in collection.find_notes("")]
            by_id = {note["Card ID"]: note for note in notes}
            assert by_id["ip4"]["Answer"] == "Indo-Pacific Four"
            assert by_id["ip4"].note_type()["name"] == by_id["capital"].note_type()["name"]
        finally:
            collection.close()


def test_it_has_a_handout_entry(acronym_deck: Path, tmp_path: Path) -> None:
    target = tmp_path / "sheet.md"
    write_handout([loaded(acronym_deck)], target)
    sheet = target.read_text(encoding="utf-8")
    assert "What does IP4 stand for?" in sheet and "Indo-Pacific Four" in sheet


async def test_it_shows_and_is_answered_in_the_app(acronym_deck: Path, tmp_path: Path) -> None:
    from natobrief.tui.screens.help import HelpScreen
    from natobrief.tui.screens.study import StudyScreen
    from natobrief.tui.widgets.answer_inputs import TextAnswer
    from natobrief.tui.widgets.feedback import FeedbackPanel
    from tests.tui.helpers import build, settle, wait_for_screen

    app = build(tmp_path, start="study", deck=acronym_deck)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await wait_for_screen(pilot, StudyScreen)
        assert isinstance(screen, StudyScreen)
        assert screen.session.current is not None
        while screen.session.current.card.id != "ip4":  # the seed decides which comes first
            await pilot.press(*"Washington", "enter")
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
        assert isinstance(screen.answer_widget, TextAnswer)
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        sections = dict(app.screen.sections())
        assert sections["Answer this question (acronym)"] == [
            ("Enter", "Answer with what you typed")
        ]
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press(*"indo pacific four", "enter")
        await settle(pilot)
        assert screen.query_one(FeedbackPanel).text.startswith("Correct")


def test_nothing_outside_the_registry_and_the_type_modules_asks_a_card_its_class() -> None:
    found = subprocess.run(
        ["grep", "-rn", r"isinstance(.*Card)", "natobrief/"],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).parents[2],
    ).stdout.splitlines()
    allowed = ("natobrief/cardtypes/",)
    assert [line for line in found if not line.startswith(allowed)] == []
    assert sys.modules["natobrief.cardtypes.registry"] is registry
