"""natobrief lint against decks with planted flaws, written from the rule descriptions
before the lint ran (tests/data/lint/README.md): each planted card is found by its rule
and by no other, the clean deck draws nothing, and the JSON has the documented shape."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from natobrief.deck.loader import load_deck
from natobrief.quality.lint import all_rules, lint_deck
from tests.cli.test_headless import natobrief
from tests.conftest import DATA

LINT = DATA / "lint"


def _planted() -> list[tuple[str, str]]:
    cards = yaml.safe_load((LINT / "planted.yaml").read_text(encoding="utf-8"))["cards"]
    return [(card["id"], card["x-planted"]) for card in cards if "x-planted" in card]


def test_every_rule_has_planted_cards() -> None:
    assert {rule for _card, rule in _planted()} == set(all_rules())


@pytest.mark.parametrize(("card_id", "rule"), _planted())
def test_a_planted_flaw_is_found_by_its_rule_alone(card_id: str, rule: str) -> None:
    findings = [f for f in lint_deck(load_deck(LINT / "planted.yaml")) if f.card == card_id]
    assert {f.rule for f in findings} == {rule}, [f.message for f in findings]
    assert all(f.line > 0 and f.message for f in findings)


def test_the_clean_deck_draws_nothing() -> None:
    assert [(f.card, f.rule, f.message) for f in lint_deck(load_deck(LINT / "clean.yaml"))] == []


def test_json_shape_exit_status_and_x_lint_ok(tmp_path: Path) -> None:
    found = natobrief("lint", str(LINT / "planted.yaml"), "--json")
    assert found.returncode == 1, found.stderr
    document = json.loads(found.stdout)
    assert set(document) >= {"findings", "figures"}
    first = document["findings"][0]
    assert set(first) >= {"deck", "card", "rule", "line", "message"}
    assert set(document["figures"]["lint-planted"]) >= {
        "choice_cards", "longest_option_right_share", "right_positions", "truefalse"
    }  # fmt: skip
    clean = natobrief("lint", str(LINT / "clean.yaml"))
    assert clean.returncode == 0, clean.stdout
    assert "0 findings in 1 deck." in clean.stdout
    # Accepting every planted finding on its card leaves nothing open.
    folder = tmp_path / "lint"
    (folder / "sources").mkdir(parents=True)
    for source in (LINT / "sources").iterdir():
        (folder / "sources" / source.name).write_bytes(source.read_bytes())
    text = (LINT / "planted.yaml").read_text(encoding="utf-8")
    accepted = text.replace("x-planted: ", "x-lint-ok: ")
    (folder / "planted.yaml").write_text(accepted, encoding="utf-8")
    quiet = natobrief("lint", str(folder / "planted.yaml"), "--json")
    assert quiet.returncode == 0, quiet.stdout
    assert json.loads(quiet.stdout)["findings"] == []
    broken = tmp_path / "broken.yaml"
    broken.write_text("natobrief: 1\nid: x\n", encoding="utf-8")
    assert natobrief("lint", str(broken)).returncode == 2
