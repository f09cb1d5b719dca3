"""``natobrief cards``: list, search, filter and act, through the real command and database."""

from __future__ import annotations

import json
from pathlib import Path

from natobrief.deck.loader import load_deck
from tests.cli.test_headless import GOOD_DECK, answers_file, natobrief

NOW = "2026-03-02T09:00:00+00:00"


def studied(tmp_path: Path) -> Path:
    """A database where every card of the test deck was answered once, right."""
    db = tmp_path / "p.db"
    done = natobrief(
        "study", str(GOOD_DECK), "--headless", "--answers", str(answers_file(tmp_path)),
        "--db", str(db), "--now", NOW,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return db


def cards(*args: str, db: Path | None = None, stdin: str = "") -> tuple[int, str, str]:
    extra = ["--db", str(db)] if db else []
    done = natobrief("cards", str(GOOD_DECK), *args, *extra, "--now", NOW, stdin=stdin)
    assert "Traceback" not in done.stderr
    return done.returncode, done.stdout, done.stderr


def test_lists_every_card_with_its_state_without_a_database() -> None:
    code, out, _ = cards()
    deck = load_deck(GOOD_DECK)
    assert code == 0
    assert f"{len(deck.cards)} cards." in out
    assert all(f"{deck.id}/{card.id}" in out for card in deck.cards)
    assert " new " in out


def test_json_lines_hold_each_cards_state_and_place(tmp_path: Path) -> None:
    db = studied(tmp_path)
    code, out, _ = cards("--json", db=db)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == len(load_deck(GOOD_DECK).cards)
    first = rows[0]
    assert set(first) >= {"deck", "card", "type", "label", "tags", "states", "due", "stability"}
    assert first["file"].endswith("deck.yaml") and first["line"] > 0
    assert all(row["states"][0] in ("learning", "review") for row in rows)


def test_search_and_suspend_then_find_and_unsuspend(tmp_path: Path) -> None:
    db = studied(tmp_path)
    card = load_deck(GOOD_DECK).cards[0]
    code, out, err = cards("--search", card.id, "--suspend", db=db)
    assert code == 0, err
    assert "Suspend: 1 card changed." in err
    code, out, _ = cards("--suspended", db=db)
    assert f"/{card.id} " in out and "1 card." in out
    code, out, _ = cards("--search", "is:suspended", "--unsuspend", db=db)
    assert code == 0
    assert cards("--suspended", db=db)[1].strip() == "No card matches."


def test_acting_on_several_cards_without_a_terminal_wants_yes(tmp_path: Path) -> None:
    db = studied(tmp_path)
    count = len(load_deck(GOOD_DECK).cards)
    code, _, err = cards("--reset", db=db)
    assert code == 2
    assert f"reset would change {count} cards; add --yes to do it" in err
    code, _, err = cards("--reset", "--yes", db=db)
    assert code == 0 and f"Reset: {count} cards changed." in err
    rows = [json.loads(line) for line in cards("--json", db=db)[1].splitlines()]
    assert {tuple(row["states"]) for row in rows} == {("new",)}


def test_a_state_and_a_tag_filter(tmp_path: Path) -> None:
    db = studied(tmp_path)
    assert cards("--state", "new", db=db)[1].strip() == "No card matches."
    code, _, err = cards("--state", "sleeping")
    assert code == 2 and "'sleeping' is no card state; use one of new" in err
    tagged = next(card for card in load_deck(GOOD_DECK).cards if card.tags)
    out = cards("--tag", tagged.tags[0])[1]
    assert f"/{tagged.id} " in out
