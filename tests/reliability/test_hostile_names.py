"""File names and the rest of the commands: nothing from a file or a folder reaches the terminal.

A deck whose file name holds ESC[2J and U+202E, found in the user's deck folder,
with the hostile prompt, note and source of ``test_hostile_sources``: every
command that names it or prints its text (``check``, ``doctor``, ``locate``,
``stats``, ``export --to reviews``, ``lint``, ``coverage``, headless study, and
``import`` and ``new`` fed the same payload) writes no control character.
A path is shown with the character written as a visible escape (``\\x1b``), so
that the user can still tell which file it is; removing it would name another.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.cli.test_headless import natobrief
from tests.reliability.test_hostile_sources import HOSTILE_DECK, JSON_RAW, PAYLOAD, RAW, SOURCE

NAME = "hostile\x1b[2J\u202e.yaml"


@pytest.fixture
def home_deck(isolated_home: Path) -> Path:
    """The hostile deck in the user's deck folder, under a hostile file name, with one review."""
    decks = isolated_home / "data" / "decks"
    (decks / "sources").mkdir(parents=True)
    (decks / "sources" / "watch.txt").write_text(SOURCE, encoding="utf-8")
    deck = decks / NAME
    deck.write_text(HOSTILE_DECK, encoding="utf-8")
    done = natobrief("study", "hostile", "--headless", "--seed", "1", stdin=f"Paris {PAYLOAD}\n\n")
    assert done.returncode == 0, done.stderr
    return deck


def clean(done: subprocess.CompletedProcess[str], json_out: bool = False) -> str:
    """What the command wrote, once shown to have no control character in it."""
    assert "Traceback" not in done.stderr
    written = done.stdout + done.stderr
    assert RAW.findall(written) == [], written[:400]
    if json_out:
        assert JSON_RAW.findall(done.stdout) == [], done.stdout[:400]
    return written


@pytest.mark.parametrize(
    "command",
    [
        ["check"],
        ["check", "--json"],
        ["doctor"],
        ["stats"],
        ["stats", "--plain"],
        ["stats", "--json"],
        ["stats", "hostile"],
        ["export", "--to", "reviews", "-o", "-"],
        ["lint"],
        ["lint", "--json"],
        ["coverage"],
        ["coverage", "--text"],
        ["study", "--headless", "--seed", "2"],
        ["study", "--headless", "--jsonl", "--seed", "2"],
        ["exam", "--headless", "--jsonl", "--seed", "2"],
    ],
)
def test_a_hostile_file_name_and_its_text_never_reach_the_terminal(
    home_deck: Path, command: list[str]
) -> None:
    done = natobrief(*command, stdin="France\n\n")
    assert done.returncode in (0, 1), done.stdout + done.stderr
    clean(done, json_out="--json" in command or "--jsonl" in command)


def test_check_shows_the_file_name_with_visible_escapes(home_deck: Path) -> None:
    shown = clean(natobrief("check"))
    assert "hostile\\x1b[2J\\u202e.yaml" in shown  # the user can tell which file it is
    assert "hostile\\x1b[2J\\u202e.yaml:10:13: warning: card 'blocked'" in shown


def test_a_refused_deck_with_a_hostile_name_is_named_clean(home_deck: Path) -> None:
    home_deck.write_text(HOSTILE_DECK.replace("answer: France", "answer: [France"), "utf-8")
    for command in (["check"], ["doctor"], ["study", "hostile", "--headless"]):
        shown = clean(natobrief(*command))
        assert "hostile\\x1b[2J\\u202e.yaml" in shown, (command, shown)


def test_a_path_argument_with_escape_codes_is_echoed_clean(tmp_path: Path) -> None:
    missing = tmp_path / "no\x1b]52;c;ZWNobw==\x07such.yaml"
    for command in (["check", str(missing)], ["study", str(missing), "--headless"]):
        shown = clean(natobrief(*command))
        assert "no\\x1b]52;c;ZWNobw==\\x07such.yaml" in shown, shown


def test_locate_prints_a_hostile_home_clean(tmp_path: Path) -> None:
    home = tmp_path / "home\x1b[31m\u202e"
    for flag, json_out in (([], False), (["--json"], True)):
        shown = clean(natobrief("locate", *flag, env={"NATOBRIEF_HOME": str(home)}), json_out)
        assert "home\\x1b[31m" in shown or "home\\u001b[31m" in shown


def test_import_and_new_take_hostile_text_clean(tmp_path: Path) -> None:
    """A CSV whose prompt and note hold the payload, and ``new`` given it on the command line."""
    (tmp_path / "watch.txt").write_text(SOURCE, encoding="utf-8")
    cards = tmp_path / "cards.csv"
    prompt = f"Who blocked it? {PAYLOAD}".replace('"', "")
    cards.write_text(
        f'id,type,prompt,answer,quote,note\nblocked,short,"{prompt}",France,'
        f'It was blocked by France.,"[bold]n[/bold] {PAYLOAD}"\n',
        encoding="utf-8",
    )
    deck = tmp_path / "imported.yaml"
    imported = natobrief(
        "import", str(cards), "--source", str(tmp_path / "watch.txt"), "-o", str(deck)
    )
    assert imported.returncode == 0, imported.stdout + imported.stderr
    clean(imported)
    assert RAW.findall(deck.read_text(encoding="utf-8")) == []
    added = natobrief(
        "new", str(deck), "--prompt", f"Where did it meet? {PAYLOAD}", "--answer", "Washington",
        "--quote", "The alliance met in Washington.", "--note", PAYLOAD,
    )  # fmt: skip
    assert added.returncode == 0, added.stdout + added.stderr
    clean(added)
    written = deck.read_text(encoding="utf-8")
    assert RAW.findall(written) == [] and "Where did it meet?" in written
    assert not re.search(r"\\x1b|\\e|\\u202e", written)  # nor as YAML escapes
    clean(natobrief("check", str(deck)))


def test_an_anki_package_with_hostile_fields_imports_clean(tmp_path: Path) -> None:
    """The hostile deck exported to .apkg and imported back: a deck and output without controls."""
    (tmp_path / "sources").mkdir()
    (tmp_path / "sources" / "watch.txt").write_text(SOURCE, encoding="utf-8")
    deck = tmp_path / "hostile.yaml"
    deck.write_text(HOSTILE_DECK, encoding="utf-8")
    package = tmp_path / "hostile.apkg"
    assert natobrief("export", str(deck), "--to", "anki", "-o", str(package)).returncode == 0
    back = tmp_path / "back.yaml"
    done = natobrief(
        "import", str(package), "--source", str(tmp_path / "sources" / "watch.txt"),
        "-o", str(back),
    )  # fmt: skip
    clean(done)
    if back.exists():
        assert RAW.findall(back.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("refused", [False, True])
async def test_the_app_names_a_hostile_deck_file_clean(
    home_deck: Path, tmp_path: Path, refused: bool
) -> None:
    """Home lists the deck, or the loading screen says why it was refused, with no control
    character shown."""
    import html

    from natobrief.tui.screens.home import HomeScreen
    from tests.tui.helpers import build, settle, wait_for_screen

    if refused:
        home_deck.write_text(HOSTILE_DECK.replace("answer: France", "answer: [France"), "utf-8")
    app = build(tmp_path, start="home", deck=home_deck)
    async with app.run_test(size=(120, 40)) as pilot:
        if refused:
            for _ in range(50):
                await settle(pilot)
                if "fix the problem" in app.export_screenshot():
                    break
        else:
            await wait_for_screen(pilot, HomeScreen)
        await settle(pilot)
        screen = app.export_screenshot()
    shown = html.unescape(re.sub(r"<[^>]+>", "", screen)).replace("\xa0", " ")
    assert RAW.findall(shown) == []
    assert ("hostile\\x1b[2J\\u202e.yaml" in shown) if refused else ("Hostile" in shown)


@pytest.mark.parametrize("start", ["brief", "stats", "exam"])
async def test_the_reader_stats_and_exam_show_hostile_text_clean(
    home_deck: Path, tmp_path: Path, start: str
) -> None:
    """The reader shows the hostile source and the exam its prompt and
    results: none shows a control character (stats shows no deck text yet, only figures)."""
    import html

    from tests.tui.helpers import build, settle

    app = build(tmp_path, start=start, deck=home_deck)  # type: ignore[arg-type]
    screens = []
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(20):
            await settle(pilot)
        screens.append(app.export_screenshot())
        if start == "exam":
            await pilot.press(*"Paris", "enter")
            for _ in range(20):
                await settle(pilot)
            screens.append(app.export_screenshot())
    for screen in screens:
        shown = html.unescape(re.sub(r"<[^>]+>", "", screen)).replace("\xa0", " ")
        assert RAW.findall(shown) == [], shown[:400]
    first = html.unescape(re.sub(r"<[^>]+>", "", screens[0])).replace("\xa0", " ")
    expected = {"brief": "Second line", "stats": "Reviews per day", "exam": "Who blocked it?"}
    assert expected[start] in first, first[-2000:]


def test_an_answers_file_with_hostile_ids_and_answers_is_echoed_clean(
    home_deck: Path, tmp_path: Path
) -> None:
    import yaml

    answers = tmp_path / "answers.yaml"
    answers.write_text(
        yaml.safe_dump({"blocked": f"Paris {PAYLOAD}", f"ghost{PAYLOAD}": "x"}, allow_unicode=True),
        encoding="utf-8",
    )
    for flag in ([], ["--jsonl"]):
        done = natobrief(
            "study", str(home_deck), "--headless", *flag, "--answers", str(answers),
            "--db", str(tmp_path / f"a{len(flag)}.db"),
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        shown = clean(done, json_out=bool(flag))
        assert "matches no card" in shown and "Paris" in shown
