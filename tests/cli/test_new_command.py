"""``natobrief new``: cards from options, and from $EDITOR driven by a real editor script."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from natobrief.cli import cli
from natobrief.deck.loader import load_deck
from natobrief.deck.model import ChoiceCard, MatchCard, ShortCard
from tests.conftest import DATA

# An editor: on its Nth run it keeps what it was shown as seen-N.yaml and writes reply-N.yaml.
EDITOR_SCRIPT = """\
import os, pathlib, sys
folder = pathlib.Path(os.environ["FAKE_EDITOR_DIR"])
count_file = folder / "count"
run = int(count_file.read_text()) + 1 if count_file.exists() else 1
count_file.write_text(str(run))
target = pathlib.Path(sys.argv[1])
(folder / f"seen-{run}.yaml").write_text(target.read_text(encoding="utf-8"), encoding="utf-8")
target.write_text((folder / f"reply-{run}.yaml").read_text(encoding="utf-8"), encoding="utf-8")
stamp = target.stat().st_mtime + 2
os.utime(target, (stamp, stamp))
"""


@pytest.fixture
def deck(tmp_path: Path) -> Path:
    folder = tmp_path / "deck"
    shutil.copytree(DATA / "good", folder)
    return folder / "deck.yaml"


@pytest.fixture
def editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder of replies for the editor script; EDITOR runs it."""
    folder = tmp_path / "editor"
    folder.mkdir()
    script = folder / "editor.py"
    script.write_text(EDITOR_SCRIPT)
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    monkeypatch.setenv("FAKE_EDITOR_DIR", str(folder))
    # The script needs no terminal; natobrief refuses to start an editor without one.
    monkeypatch.setattr("natobrief.cli.authoring.has_terminal", lambda: True)
    return folder


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["new", *args])
    return result.exit_code, result.output


def run_main(*args: str) -> tuple[int, str]:
    """The installed command in a real process: errors become messages and exit statuses."""
    done = subprocess.run(
        [sys.executable, "-m", "natobrief", "new", *args], capture_output=True, text=True
    )
    return done.returncode, done.stdout + done.stderr


def test_short_card_from_options(deck: Path) -> None:
    before = deck.read_bytes()
    code, output = run(
        str(deck),
        "--prompt", "Where did the alliance meet?",
        "--answer", "Washington",
        "--accept", "Washington, D.C.",
        "--quote", "The alliance met in Washington.",
        "--tag", "summit",
        "--note", "July 2024: the 75th anniversary summit.",
    )  # fmt: skip
    assert code == 0, output
    line = before.count(b"\n") + 1
    assert output.strip() == f"Card where-alliance-meet added to {deck} (line {line})."
    assert deck.read_bytes().startswith(before)
    card = load_deck(deck).card("where-alliance-meet")
    assert isinstance(card, ShortCard)
    assert (card.answer, card.accept, card.tags) == (
        "Washington",
        ("Washington, D.C.",),
        ("summit",),
    )


def test_choice_and_match_from_options(deck: Path) -> None:
    code, output = run(
        str(deck), "--type", "choice", "--id", "who-blocked", "--prompt", "Who blocked it?",
        "--option", "Spain", "--option", "France", "--correct", "b",
        "--quote", "It was blocked by France",
    )  # fmt: skip
    assert code == 0, output
    assert "Marked correct: b) France (in the order of --option" in output
    code, output = run(
        str(deck), "--type", "match", "--prompt", "Match.", "--pair", "France=blocked the office",
        "--pair", "Russia=imported 90%", "--quote", "It was blocked by France",
    )  # fmt: skip
    assert code == 0, output
    loaded = load_deck(deck)
    choice = loaded.card("who-blocked")
    assert isinstance(choice, ChoiceCard) and choice.answer == "France"
    match = loaded.cards[-1]
    assert isinstance(match, MatchCard) and match.pairs[1] == ("Russia", "imported 90%")


def test_unknown_doc_lists_the_deck_sources(deck: Path) -> None:
    before = deck.read_bytes()
    code, output = run_main(str(deck), "--doc", "articel", "--prompt", "Q?", "--answer", "A")
    assert code == 2
    assert "no source 'articel'" in output and "article (NATO Watch)" in output
    assert deck.read_bytes() == before


def test_quote_not_found_names_the_closest_sentence(deck: Path) -> None:
    before = deck.read_bytes()
    code, output = run_main(
        str(deck), "--prompt", "Where?", "--answer", "Brussels",
        "--quote", "The alliance met in Brussels",
    )  # fmt: skip
    assert code == 2
    assert 'The closest sentence there is: "The alliance met in Washington."' in output
    assert deck.read_bytes() == before


def test_duplicate_id_is_refused(deck: Path) -> None:
    before = deck.read_bytes()
    code, output = run(
        str(deck), "--id", "enabler", "--prompt", "Q?", "--answer", "A",
        "--quote", "It was blocked by France",
    )  # fmt: skip
    assert code == 1
    assert "already in the deck" in output and "enabler-2" in output
    assert deck.read_bytes() == before


def test_editor_opens_until_the_card_is_valid(deck: Path, editor: Path) -> None:
    before = deck.read_bytes()
    (editor / "reply-1.yaml").write_text(
        "id: blocked\ntype: short\nprompt: Who blocked the office?\n"
        "source: {doc: article, quote: It was blocked by France}\n"
    )  # no answer: refused, the editor opens again
    (editor / "reply-2.yaml").write_text(
        "# my notes\nid: blocked\ntype: short\nprompt: Who blocked the office?\n"
        "answer: France\nsource: {doc: article, quote: It was blocked by France}\nnote: ''\n"
    )
    code, output = run(str(deck), "--quote", "It was blocked by France")
    assert code == 0, output
    assert "Card blocked added" in output
    first = (editor / "seen-1.yaml").read_text()
    assert "quote: It was blocked by France" in first and "# The expected answer" in first
    second = (editor / "seen-2.yaml").read_text()
    assert second.startswith("# ! This card was not added.")
    assert "answer" in second.splitlines()[1]
    assert deck.read_bytes().startswith(before)
    assert load_deck(deck).card("blocked").prompt == "Who blocked the office?"


def test_emptied_editor_buffer_adds_nothing(deck: Path, editor: Path) -> None:
    before = deck.read_bytes()
    (editor / "reply-1.yaml").write_text("# nothing left but a comment\n")
    code, output = run(str(deck), "--type", "cloze", "--quote", "It was blocked by France")
    assert code == 1
    assert "Nothing added" in output
    assert deck.read_bytes() == before
    shown = (editor / "seen-1.yaml").read_text()
    assert "type: cloze" in shown and "{{like this}}" in shown


def test_bundled_decks_are_refused(tmp_path: Path) -> None:
    from natobrief.paths import bundled_decks_dir

    bundled = next(bundled_decks_dir().glob("*.yaml"))
    code, output = run_main(str(bundled), "--prompt", "Q?", "--answer", "A", "--quote", "x")
    assert code == 2
    assert "bundled deck" in output and "your decks folder" in output
    assert output.startswith("natobrief: ") and "Traceback" not in output


def test_a_refused_card_is_named_by_the_id_given_or_said_to_have_none(deck: Path) -> None:
    before = deck.read_bytes()
    statement = (
        "--type", "truefalse", "--prompt", "Is it so?", "--answer", "maybe",
        "--quote", "It was blocked by France",
    )  # fmt: skip
    code, output = run(str(deck), *statement)
    assert code == 1
    assert output.splitlines()[:2] == [
        f"{deck}: the new card (no --id was given): a truefalse answer must be true or false",
        "    hint: write 'answer: true' or 'answer: false'",
    ]
    code, output = run(str(deck), "--id", " my-statement ", *statement)
    assert code == 1
    assert output.startswith(f"{deck}: the new card 'my-statement': a truefalse answer")
    assert deck.read_bytes() == before


def test_ids_are_checked_as_the_loader_checks_them(deck: Path) -> None:
    # The deck format asks card ids to be unique, not of a pattern (deck and source ids
    # have one), and `natobrief check` accepts any: `new` refuses no more than that.
    # Spaces at either end are trimmed, as in the reader's new-card form.
    for given, kept in ((" padded ", "padded"), ("Spaced Id", "Spaced Id")):
        code, output = run(
            str(deck), "--id", given, "--prompt", f"Who blocked it ({kept})?",
            "--answer", "France", "--quote", "It was blocked by France",
        )  # fmt: skip
        assert code == 0, output
        assert output.startswith(f"Card {kept} added to {deck}")
        assert load_deck(deck).card(kept).id == kept


def test_with_no_terminal_the_missing_options_are_named_and_no_editor_starts(deck: Path) -> None:
    before = deck.read_bytes()
    code, output = run_main(str(deck), "--prompt", "Who blocked it?")
    assert code == 2
    assert "a short card needs --answer, --quote; give them as options" in output
    code, output = run_main(str(deck), "--edit", "--prompt", "Q?", "--answer", "A")
    assert code == 2 and "--edit opens $EDITOR, which needs a terminal" in output
    assert deck.read_bytes() == before
