"""A deck's own ``aliases:``: names no library holds, used by the grader; refused when malformed."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import yaml

from natobrief.deck.loader import read_deck
from natobrief.grading.known import known_for
from natobrief.grading.verdict import grade
from natobrief.tools.schema import deck_schema
from tests.conftest import DATA

GOOD = (DATA / "good" / "deck.yaml").read_text(encoding="utf-8")


def _deck_with(tmp_path: Path, aliases: str) -> Path:
    (tmp_path / "sources").mkdir(exist_ok=True)
    (tmp_path / "sources" / "article.txt").write_bytes(
        (DATA / "good" / "sources" / "article.txt").read_bytes()
    )
    path = tmp_path / "deck.yaml"
    path.write_text(GOOD.replace("sources:\n", aliases + "sources:\n", 1), encoding="utf-8")
    return path


def test_a_deck_alias_is_another_name_of_the_answer(tmp_path: Path) -> None:
    path = _deck_with(tmp_path, "aliases:\n  France: [la Douce, Hexagon]\n  Beijing: Peking\n")
    result = read_deck(path)
    assert result.deck is not None, [p.format() for p in result.problems]
    deck = result.deck
    assert dict(deck.aliases) == {"France": ("la Douce", "Hexagon"), "Beijing": ("Peking",)}
    card = deck.card("tokyo-blocked")
    verdict = grade(card, "the Hexagon", known=known_for(deck))
    assert verdict.correct and verdict.accepted_by == "alias"
    assert verdict.reason == "Accepted: 'the Hexagon' is 'France'."
    assert not grade(card, "the Hexagon").correct  # without the deck's names: wrong
    aliases_schema = deck_schema()["properties"]["aliases"]
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8"))["aliases"], aliases_schema)
    jsonschema.validate(None, aliases_schema)  # "aliases:" alone is no aliases
    try:
        jsonschema.validate(["France"], aliases_schema)
    except jsonschema.ValidationError:
        pass
    else:
        raise AssertionError("the schema took a list for aliases")


def test_malformed_aliases_are_refused_at_their_line(tmp_path: Path) -> None:
    path = _deck_with(tmp_path, "aliases:\n  - France\n")
    errors = read_deck(path).errors
    assert [(e.line, e.message) for e in errors] == [(8, "'aliases' must be a mapping, not a list")]
    assert "indented under 'aliases:'" in errors[0].hint
    nested = _deck_with(tmp_path, "aliases:\n  France: {a: b}\n")
    errors = read_deck(nested).errors
    assert [e.line for e in errors] == [8]
    assert "the other names of 'France' must be a list of texts" in errors[0].message


ORDER_CARDS = """\
  - id: quad-rivals
    prompt: Which two Quad members are named?
    answer: Japan and India
    ordered: {ordered}
    source:
      doc: article
      quote: It was blocked by France and other European members
  - id: both-sides
    type: cloze
    text: "{{{{Europe}}}} and {{{{North America}}}} stand together."
    gaps: {gaps}
    source:
      doc: article
      quote: It was blocked by France and other European members
"""


def _with_cards(tmp_path: Path, ordered: str, gaps: str) -> Path:
    path = _deck_with(tmp_path, "")
    text = path.read_text(encoding="utf-8")
    path.write_text(text + ORDER_CARDS.format(ordered=ordered, gaps=gaps), encoding="utf-8")
    return path


def test_a_list_is_a_set_unless_the_card_says_ordered(tmp_path: Path) -> None:
    deck = read_deck(_with_cards(tmp_path, "false", "any-order")).deck
    assert deck is not None
    assert grade(deck.card("quad-rivals"), "India & Japan").accepted_by == "list"
    assert grade(deck.card("both-sides"), "North America; Europe").correct
    assert not grade(deck.card("both-sides"), "North America; Asia").correct
    strict = read_deck(_with_cards(tmp_path, "true", "in-order")).deck
    assert strict is not None
    assert not grade(strict.card("quad-rivals"), "India & Japan").correct
    assert grade(strict.card("quad-rivals"), "Japan & India").correct  # other separators
    assert not grade(strict.card("both-sides"), "North America; Europe").correct


def test_ordered_and_gaps_are_checked_at_their_line(tmp_path: Path) -> None:
    errors = read_deck(_with_cards(tmp_path, "maybe", "sometimes")).errors
    messages = {error.message for error in errors}
    assert "'ordered' must be true or false" in messages
    assert "'gaps' must be in-order or any-order, not 'sometimes'" in messages
    assert all(error.line > 0 for error in errors)


def test_ordered_and_gaps_survive_a_csv_round_trip(tmp_path: Path) -> None:
    from natobrief.tools.csv.cards import card_row, row_card

    for ordered, gaps in (("true", "any-order"), ("false", "in-order")):
        deck = read_deck(_with_cards(tmp_path, ordered, gaps)).deck
        assert deck is not None
        short, cloze = deck.card("quad-rivals"), deck.card("both-sides")
        short_row, cloze_row = card_row(deck, short), card_row(deck, cloze)
        assert short_row["ordered"] == ("true" if ordered == "true" else "")
        assert cloze_row["gaps"] == ("any-order" if gaps == "any-order" else "")
        short_card, problems = row_card(short_row, "cards.csv", 2, "quad-rivals")
        cloze_card, more = row_card(cloze_row, "cards.csv", 3, "both-sides")
        assert problems == more == []
        assert short_card.get("ordered", False) is (ordered == "true")
        assert cloze_card.get("gaps", "in-order") == gaps
    row = card_row(deck, short) | {"ordered": "sometimes", "gaps": "shuffled"}
    _, problems = row_card(row, "cards.csv", 4, "quad-rivals")
    assert [p.message for p in problems] == [
        "'ordered' must be true or false, not 'sometimes'",
        "'gaps' must be any-order or in-order, not 'shuffled'",
    ]
    assert all(p.line == 4 for p in problems)


def test_a_csv_export_says_the_decks_aliases_stay_in_its_file(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from natobrief.cli import cli

    path = _deck_with(tmp_path, "aliases:\n  France: [la Douce]\n")
    out = tmp_path / "cards.csv"
    result = CliRunner().invoke(cli, ["export", str(path), "--to", "csv", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Deck test-deck's aliases: are not in the CSV" in " ".join(result.output.split())
