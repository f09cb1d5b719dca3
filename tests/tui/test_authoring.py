"""The reader as an authoring tool: coverage, sentence picking, and cards written with `n`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from textual.widgets import Button, Input, Select, SelectionList, Static

from natobrief.deck.loader import load_deck, read_deck
from natobrief.deck.model import ClozeCard, ShortCard
from natobrief.tui.screens.brief import BriefScreen
from natobrief.tui.screens.new_card import NewCardScreen
from tests.conftest import DATA
from tests.tui.helpers import build, settle, wait_for_screen


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "good", tmp_path / "deck")
    return tmp_path / "deck" / "deck.yaml"


def text_of(screen: BriefScreen | NewCardScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def open_form_on(
    pilot: object, screen: BriefScreen, paragraph: int, sentence: int
) -> NewCardScreen:
    """Pick a sentence with the reader's keys, press n, and wait for the checked form."""
    await pilot.press("tab")  # type: ignore[attr-defined]  # from the document list to the text
    for _ in range(paragraph - screen.paragraph_index):
        await pilot.press("down")  # type: ignore[attr-defined]
        await settle(pilot)  # type: ignore[arg-type]
    assert screen.paragraph_index == paragraph
    for _ in range(sentence):
        await pilot.press("right")  # type: ignore[attr-defined]
    await pilot.press("n")  # type: ignore[attr-defined]
    form = await wait_for_screen(pilot, NewCardScreen)  # type: ignore[arg-type]
    assert isinstance(form, NewCardScreen)
    return form


ONE_CARD_DECK = """\
natobrief: 1
id: thin
title: One card only
sources:
  article: {title: NATO Watch, file: sources/article.txt}
cards:
  - id: met-in-washington
    type: truefalse
    prompt: The alliance met in Brussels.
    answer: false
    source: {doc: article, quote: The alliance met in Washington.}
"""


async def test_coverage_is_shown_and_u_jumps_to_uncovered_facts(tmp_path: Path) -> None:
    (tmp_path / "deck" / "sources").mkdir(parents=True)
    shutil.copy(DATA / "good" / "sources" / "article.txt", tmp_path / "deck" / "sources")
    path = tmp_path / "deck" / "thin.yaml"
    path.write_text(ONE_CARD_DECK)
    app = build(tmp_path, start="brief", deck=path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_for_screen(pilot, BriefScreen)
        assert isinstance(screen, BriefScreen)
        header = text_of(screen, "#doc-title")
        assert "1 card · coverage 20% of 5 fact sentences (4 uncovered, u: next)" in header
        await pilot.press("u")
        await settle(pilot)
        picked = screen.picked_sentence()
        assert picked is not None and picked.text.startswith("The 32 heads of state")
        assert (screen.paragraph_index, screen.sentence_index) == (1, 1)
        assert "no card yet (number, quotation, name)" in text_of(screen, "#sentence-info")
        # The uncovered sentence is underlined in the warning colour; the quoted one is not.
        paragraph = screen.paragraph_content(1)
        underlined = [
            paragraph.plain[span.start : span.end]  # type: ignore[attr-defined]
            for span in paragraph.spans  # type: ignore[attr-defined]
            if "underline" in str(span.style)
        ]
        assert any(text.startswith("The 32 heads") for text in underlined)
        assert not any("alliance met" in text for text in underlined)
        await pilot.press("u", "u", "u")
        await settle(pilot)
        assert screen.picked_sentence().text.startswith("The Quad")  # type: ignore[union-attr]
        await pilot.press("u")  # wraps around to the first uncovered sentence
        await settle(pilot)
        assert screen.picked_sentence().text.startswith("The 32 heads")  # type: ignore[union-attr]


async def test_short_card_from_a_picked_sentence(deck: Path, tmp_path: Path) -> None:
    before = deck.read_bytes()
    app = build(tmp_path, start="brief", deck=deck)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_for_screen(pilot, BriefScreen)
        assert isinstance(screen, BriefScreen)
        form = await open_form_on(pilot, screen, paragraph=1, sentence=0)
        assert form.query_one("#nc-quote", Input).value == "The alliance met in Washington."
        form.query_one("#nc-prompt", Input).value = "Where did the alliance meet?"
        await settle(pilot)
        # a field not filled in yet is a reminder, not an error about a YAML key
        assert text_of(form, "#new-card-problems") == "To fill in before saving: answer."
        assert form.query_one("#nc-save", Button).disabled
        form.query_one("#nc-answer", Input).value = "Washington"
        form.query_one("#nc-card-id", Input).value = "met-where"
        await settle(pilot)
        assert not form.query_one("#nc-save", Button).disabled
        assert "Ready to save" in text_of(form, "#new-card-problems")
        await pilot.press("ctrl+s")
        await wait_for_screen(pilot, BriefScreen)
        await settle(pilot)
        assert deck.read_bytes().startswith(before)
        card = load_deck(deck).card("met-where")
        assert isinstance(card, ShortCard) and card.answer == "Washington"
        # The reader shows the new deck: the sentence is quoted now.
        assert screen.picked_sentence() is not None
        assert "met-where" in screen.picked_sentence().covered_by  # type: ignore[union-attr]
        assert "met-where" in text_of(screen, "#citing")


async def test_cloze_made_by_marking_words(deck: Path, tmp_path: Path) -> None:
    app = build(tmp_path, start="brief", deck=deck)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_for_screen(pilot, BriefScreen)
        assert isinstance(screen, BriefScreen)
        form = await open_form_on(pilot, screen, paragraph=2, sentence=1)
        quote = form.query_one("#nc-quote", Input).value
        assert quote.startswith("The Quad was created in 2007")
        form.query_one("#nc-type", Select).value = "cloze"
        await settle(pilot)
        gaps = form.query_one("#nc-gaps", SelectionList)
        assert gaps.display and form.query_one("#nc-row-gaps").display
        gaps.focus()
        gaps.highlighted = quote.split().index("2007,")
        await pilot.press("space")
        await settle(pilot)
        assert "{{2007}}," in text_of(form, "#nc-cloze-preview")
        assert not form.query_one("#nc-save", Button).disabled
        await pilot.click("#nc-save")
        await wait_for_screen(pilot, BriefScreen)
        await settle(pilot)
    result = read_deck(deck)
    assert not result.errors
    cloze = result.deck.cards[-1]  # type: ignore[union-attr]
    assert isinstance(cloze, ClozeCard)
    assert cloze.text.startswith("The Quad was created in {{2007}}, revived")
    assert cloze.gaps == (("2007",),)


async def test_invalid_form_shows_the_problem_and_writes_nothing(
    deck: Path, tmp_path: Path
) -> None:
    before = deck.read_bytes()
    app = build(tmp_path, start="brief", deck=deck)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_for_screen(pilot, BriefScreen)
        assert isinstance(screen, BriefScreen)
        form = await open_form_on(pilot, screen, paragraph=1, sentence=0)
        form.query_one("#nc-quote", Input).value = "The alliance met in Brussels."
        form.query_one("#nc-prompt", Input).value = "Where?"
        form.query_one("#nc-answer", Input).value = "Brussels"
        await settle(pilot)
        problems = text_of(form, "#new-card-problems")
        assert "quote not found" in problems and "The alliance met in" in problems
        assert form.query_one("#nc-save", Button).disabled
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, NewCardScreen)
        await pilot.press("escape")
        await wait_for_screen(pilot, BriefScreen)
    assert deck.read_bytes() == before


async def test_bundled_decks_are_refused_with_a_message(tmp_path: Path) -> None:
    from natobrief.paths import bundled_decks_dir

    bundled = next(bundled_decks_dir().glob("*.yaml"))
    before = bundled.read_bytes()
    app = build(tmp_path, start="brief", deck=bundled)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for_screen(pilot, BriefScreen)
        await pilot.press("n")
        await settle(pilot)
        assert not isinstance(app.screen, NewCardScreen)
        assert any("bundled deck" in str(n.message) for n in app._notifications)
    assert bundled.read_bytes() == before


def test_the_new_card_form_reads_tags_at_commas_or_spaces() -> None:
    from natobrief.tui.screens.new_card import form_tags

    assert form_tags("timeline people") == ("timeline", "people")
    assert form_tags("tag one, tag two") == ("tag one", "tag two")
    assert form_tags(" , ") == ()
