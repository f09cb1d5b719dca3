"""The card browser through Pilot: opened from home with c, searched, and acted on."""

from __future__ import annotations

import contextlib
import stat
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Static

from natobrief.deck.loader import load_deck
from natobrief.store import open_store
from natobrief.tui.screens.cards import CardBrowserScreen
from natobrief.tui.screens.home import HomeScreen
from tests.answers import canonical_answer
from tests.tui.helpers import GOOD_DECK, NOW, build, settle, wait_for_screen


def study_all(db: Path) -> None:
    from natobrief.scheduler import Scheduler
    from natobrief.session import Session

    progress = open_store(db)
    session = Session([load_deck(GOOD_DECK)], progress, Scheduler(seed=1), clock=lambda: NOW)
    while (question := session.next_question()) is not None:
        session.answer(canonical_answer(question.card))
    progress.close()


def states_in_db(db: Path) -> dict[str, tuple[bool, bool]]:
    """Card id -> (suspended, new) as the database holds it."""
    progress = open_store(db)
    try:
        found = progress.card_states([load_deck(GOOD_DECK).id])
    finally:
        progress.close()
    return {card: (state.suspended, state.memory is None) for (_d, card), state in found.items()}


async def open_browser(pilot: object) -> CardBrowserScreen:
    await wait_for_screen(pilot, HomeScreen)  # type: ignore[arg-type]
    await pilot.press("c")  # type: ignore[attr-defined]
    screen = await wait_for_screen(pilot, CardBrowserScreen)  # type: ignore[arg-type]
    for _ in range(5):
        await settle(pilot)  # type: ignore[arg-type]
    assert isinstance(screen, CardBrowserScreen)
    return screen


async def test_search_suspend_and_reset_from_the_browser(tmp_path: Path) -> None:
    db = tmp_path / "progress.sqlite3"
    study_all(db)
    card = load_deck(GOOD_DECK).cards[1]
    app = build(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_browser(pilot)
        table = screen.query_one("#card-table", DataTable)
        assert table.row_count == len(load_deck(GOOD_DECK).cards)
        await pilot.press("slash", *card.id, "enter")
        await settle(pilot)
        assert table.row_count >= 1 and screen.shown[0].card.id == card.id
        detail = str(screen.query_one("#card-detail", Static).render())
        assert "History (newest first):" in detail and "rated" in detail
        assert f"deck.yaml:{card.line}" in detail
        await pilot.press("s")
        await settle(pilot)
        for _ in range(5):
            await settle(pilot)
        assert states_in_db(db)[card.id] == (True, False)
        assert "suspended" in screen.shown[0].states
        await pilot.press("s")  # again: unsuspended
        for _ in range(5):
            await settle(pilot)
        assert states_in_db(db)[card.id] == (False, False)
        await pilot.press("r")  # once: only asks
        await settle(pilot)
        assert states_in_db(db)[card.id] == (False, False)
        await pilot.press("r")
        for _ in range(5):
            await settle(pilot)
        assert states_in_db(db)[card.id] == (False, True)
        assert screen.shown[0].states == ("new",)


async def test_a_search_no_card_matches_and_an_unknown_state(tmp_path: Path) -> None:
    app = build(tmp_path)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await open_browser(pilot)
        search = screen.query_one("#card-search", Input)
        search.value = "zzqx-nothing"
        await settle(pilot)
        assert "No card matches the search." in str(screen.query_one("#card-detail").render())
        assert "0 cards of" in str(screen.query_one("#card-count", Static).render())
        search.value = "is:sleeping"
        await settle(pilot)
        assert "'sleeping' is no card state" in str(screen.query_one("#card-count").render())
        await pilot.press("escape")
        await wait_for_screen(pilot, HomeScreen)


async def test_edit_opens_the_editor_at_the_cards_line_and_reads_the_deck_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "deck"
    (folder / "sources").mkdir(parents=True)
    for source in (GOOD_DECK.parent / "sources").iterdir():
        (folder / "sources" / source.name).write_bytes(source.read_bytes())
    deck_file = folder / "deck.yaml"
    deck_file.write_text(GOOD_DECK.read_text(encoding="utf-8"), encoding="utf-8")
    card = load_deck(deck_file).cards[0]
    called = tmp_path / "called.txt"
    editor = tmp_path / "vi"  # named as an editor that takes +LINE
    editor.write_text(
        "#!/bin/sh\n"
        f'echo "$@" > "{called}"\n'
        f"sed -i 's/^\\(    prompt: \\)\\(.*\\)$/\\1\\2 (edited)/' \"$2\"\n",
        encoding="utf-8",
    )
    editor.chmod(editor.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("EDITOR", str(editor))
    monkeypatch.delenv("VISUAL", raising=False)
    app = build(tmp_path, deck=deck_file)
    # Pilot's headless driver cannot hand the terminal over; the editor itself runs for real.
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    async with app.run_test(size=(120, 36)) as pilot:
        screen = await open_browser(pilot)
        await pilot.press("o")
        for _ in range(10):
            await settle(pilot)
        assert called.read_text(encoding="utf-8").split() == [f"+{card.line}", str(deck_file)]
        first = screen.shown[0]
        assert first.card.prompt.endswith("(edited)")
        assert app.decks[0].cards[0].prompt.endswith("(edited)")  # home sees it too
