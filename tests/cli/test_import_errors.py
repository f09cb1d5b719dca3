"""``natobrief import FILE.csv`` on the files instructors really have: refused with what to do.

Each test writes a real CSV into tmp_path and runs the command through
``natobrief.cli.main``, the entry point that turns errors into messages and
exit statuses. A refused import names the CSV file and line (and the card),
says what to write instead, and writes no deck; an accepted one writes a deck
the real loader loads.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from natobrief.cli import main
from natobrief.deck.loader import load_deck
from tests.conftest import DATA

HEADER = "id,type,prompt,answer,quote\n"
QUOTE = "The alliance met in Washington."  # a sentence of the test article


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder holding the source document the cards quote."""
    shutil.copy(DATA / "good" / "sources" / "article.txt", tmp_path / "article.txt")
    return tmp_path


def run_import(
    folder: Path,
    content: str | bytes,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[int, str]:
    """Import ``content`` as cards.csv into deck.yaml; (exit status, stdout + stderr)."""
    cards = folder / "cards.csv"
    if isinstance(content, bytes):
        cards.write_bytes(content)
    else:
        cards.write_text(content, encoding="utf-8")
    argv = ["natobrief", "import", str(cards), "-o", str(folder / "deck.yaml")]
    monkeypatch.setattr(sys, "argv", [*argv, "--source", str(folder / "article.txt")])
    with pytest.raises(SystemExit) as exit_status:
        main()
    captured = capsys.readouterr()
    return int(exit_status.value.code or 0), captured.out + captured.err


@pytest.mark.parametrize(
    ("content", "byte"),
    [
        (f"{HEADER}q,short,Caf\xe9?,France,{QUOTE}\n".encode("latin-1"), "0xe9"),
        (f"{HEADER}q,short,Q?,".encode() + b"\xff\n", "0xff"),
    ],
)
def test_a_csv_that_is_not_utf8_is_refused_with_how_to_save_it(
    folder: Path,
    content: bytes,
    byte: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, output = run_import(folder, content, capsys, monkeypatch)
    assert code == 2
    assert output.count("\n") == 1, output  # one line
    assert "cards.csv:2:" in output and "is not UTF-8" in output and byte in output
    assert "'CSV UTF-8 (Comma delimited)'" in output
    assert not (folder / "deck.yaml").exists()


def test_a_utf8_byte_order_mark_is_read_as_excel_writes_it(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    content = "\ufeff" + HEADER + f"café,short,Café?,France,{QUOTE}\n"
    code, output = run_import(folder, content, capsys, monkeypatch)
    assert code == 0, output
    assert [card.id for card in load_deck(folder / "deck.yaml").cards] == ["café"]


def test_a_number_answer_in_words_or_empty_is_refused_at_its_line(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    content = (
        HEADER
        + f"heads,number,How many?,thirty,{QUOTE}\n"
        + f"share,number,What share?,90%,{QUOTE}\n"
        + f"blank,number,How many?,,{QUOTE}\n"
        + f'half,number,How much?,"0,5",{QUOTE}\n'
    )
    code, output = run_import(folder, content, capsys, monkeypatch)
    assert code == 2
    assert "4 problems in" in output
    assert "cards.csv:2: card 'heads': 'answer' must be a number, not 'thirty'" in output
    assert "write the number in digits (30)" in output
    assert "cards.csv:3: card 'share':" in output and "in the 'unit' column" in output
    assert "cards.csv:4: card 'blank': the 'answer' cell is empty" in output
    assert "cards.csv:5: card 'half':" in output and "with a point" in output
    assert "nothing was written" in output
    assert not (folder / "deck.yaml").exists()


def test_number_answers_may_be_decimals_as_the_loader_allows(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    content = (
        "id,type,prompt,answer,tolerance,unit,quote\n"
        f"half,number,How much?,0.5,0.25,%,{QUOTE}\n"
        f"whole,number,How many?, 32 ,,,{QUOTE}\n"
    )
    code, output = run_import(folder, content, capsys, monkeypatch)
    assert code == 0, output
    half, whole = load_deck(folder / "deck.yaml").cards
    assert (half.answer, half.tolerance, half.unit) == (0.5, 0.25, "%")  # type: ignore[union-attr]
    assert whole.answer == 32  # type: ignore[union-attr]


def test_a_semicolon_separated_csv_is_read_by_its_header(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    content = f"id;type;prompt;answer;quote\nq;short;Who met?;the alliance;{QUOTE}\n"
    code, output = run_import(folder, content, capsys, monkeypatch)
    assert code == 0, output
    assert "1 card from cards.csv, read as semicolon-separated" in output
    (card,) = load_deck(folder / "deck.yaml").cards
    assert (card.prompt, card.answer) == ("Who met?", "the alliance")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("", "cards.csv is empty; start the file with a header line naming the columns"),
        ("\n \n", "cards.csv is empty"),
        (HEADER, "cards.csv:1: the header is the only line, so there is no card"),
        ("Question,Answer\nQ?,A\n", "cards.csv:1: the header names no 'quote', nor 'prompt'"),
        ("front|back\nQ?|A\n", "cards.csv:1: the first line names no known column"),
        # malformed, refused at the line
        (HEADER + 'q,short,"Q?,A,The alliance\nmet\n', "cards.csv:2: a cell opened with a double"),
        (
            HEADER + f'a,short,Q?,A,{QUOTE}\nb,short,Q?,A,"met" in,x\n',
            "cards.csv:3: a quote mark is out of place",
        ),
        (
            "id,prompt,answr,quote\n" + f"a,Q?,A,{QUOTE}\n",
            "cards.csv:1: unknown column 'answr'; did you mean 'answer'?",
        ),
        (
            HEADER + f"a,short,Q?,A,{QUOTE},stray\n",
            "cards.csv:2: cell 6 is under no column name",
        ),
    ],
)
def test_a_csv_that_can_make_no_deck_is_refused(
    folder: Path,
    content: str,
    expected: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code, output = run_import(folder, content, capsys, monkeypatch)
    assert code == 2
    assert expected in output
    assert not (folder / "deck.yaml").exists()


def test_the_loaders_problems_are_reported_at_the_csv_line_and_nothing_is_written(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    content = (
        "id,type,prompt,answer,options,items,quote\n"
        f"fine,short,Who met?,the alliance,,,{QUOTE}\n"
        f'pick,choice,Which?,maybe,"[""yes"", ""no""]",,{QUOTE}\n'
        f'one,order,Order?,,,"[""only""]",{QUOTE}\n'
        f"typo,shrot,Q?,A,,,{QUOTE}\n"
    )
    code, output = run_import(folder, content, capsys, monkeypatch)
    assert code == 2
    assert "3 problems in" in output
    assert "cards.csv:3: card 'pick': answer 'maybe' is not one of the options" in output
    assert "cards.csv:4: card 'one': 'items' needs 2 to 8 items, not 1" in output
    assert "cards.csv:5: card 'typo': unknown card type 'shrot'; did you mean 'short'?" in output
    assert "Traceback" not in output
    assert not (folder / "deck.yaml").exists()


def test_duplicate_card_ids_are_reported_with_both_lines(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    content = (
        HEADER
        + f"same,short,First?,A,{QUOTE}\n"
        + f"other,short,Other?,B,{QUOTE}\n"
        + f"same,short,Second?,C,{QUOTE}\n"
    )
    code, output = run_import(folder, content, capsys, monkeypatch)
    assert code == 2
    assert "cards.csv:4: card 'same': duplicate card id (lines 2 and 4)" in output
    assert "give every card its own id" in output
    assert not (folder / "deck.yaml").exists()


def test_a_quote_may_be_plain_text_or_json(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    content = (
        HEADER
        + f"plain,short,Q?,A,{QUOTE}\n"
        + 'listed,short,Q?,A,"[""The alliance met"", ""in Washington""]"\n'
        + 'string,short,Q?,A,"""decisive enabler"""\n'
        + 'marks,short,Q?,A,"""decisive enabler"" in Russia\'s war"\n'
    )
    code, output = run_import(folder, content, capsys, monkeypatch)
    assert code == 0, output
    quotes = {
        card.id: [quote.text for quote in card.source.quotes]
        for card in load_deck(folder / "deck.yaml").cards
    }
    assert quotes == {
        "plain": [QUOTE],
        "listed": ["The alliance met", "in Washington"],
        "string": ["decisive enabler"],
        "marks": ['"decisive enabler" in Russia\'s war'],
    }


def test_a_quote_starting_with_a_bracket_must_be_a_json_list(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    code, output = run_import(
        folder, HEADER + 'broken,short,Q?,A,"[""The alliance met"""\n', capsys, monkeypatch
    )
    assert code == 2
    assert "cards.csv:2: card 'broken': the 'quote' cell starts with '['" in output
    assert "write one passage as plain text" in output


def test_a_card_spanning_lines_is_reported_at_the_line_it_starts_on(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    content = HEADER + f'long,short,"A prompt\nover two lines",A,{QUOTE}\nnext,short,,A,{QUOTE}\n'
    code, output = run_import(folder, content, capsys, monkeypatch)
    assert code == 2
    assert "cards.csv:4: card 'next': the 'prompt' cell is empty" in output


def test_no_traceback_reaches_a_user_of_the_real_command(folder: Path) -> None:
    (folder / "cards.csv").write_bytes(
        f"{HEADER}q,number,Caf\xe9?,thirty,{QUOTE}\n".encode("cp1252")
    )
    process = subprocess.run(
        [sys.executable, "-m", "natobrief", "import", str(folder / "cards.csv"),
         "-o", str(folder / "deck.yaml"), "--source", str(folder / "article.txt")],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    assert process.returncode == 2
    assert "is not UTF-8" in process.stderr
    assert "Traceback" not in process.stderr
    assert not (folder / "deck.yaml").exists()
