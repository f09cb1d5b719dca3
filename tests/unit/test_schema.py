"""``natobrief schema`` stays in step with the loader: the bundled decks validate, typos do not."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jsonschema
import pytest
import yaml

from natobrief.deck.cards import COMMON_KEYS, TYPE_KEYS
from natobrief.deck.discover import deck_files, default_deck_paths
from natobrief.tools.schema import deck_schema
from tests.conftest import DATA

SCHEMA = deck_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA)


def as_json(path: Path) -> object:
    """A deck as JSON would hold it (YAML dates become text)."""

    def plain(value: object) -> object:
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {str(k): plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value

    return plain(yaml.safe_load(path.read_text()))


def test_the_schema_is_valid() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize(
    "path", [*deck_files(default_deck_paths()), DATA / "good" / "deck.yaml"], ids=lambda p: p.name
)
def test_decks_that_load_validate(path: Path) -> None:
    errors = sorted(VALIDATOR.iter_errors(as_json(path)), key=str)
    assert errors == []


def test_a_typo_in_a_key_is_refused(tmp_path: Path) -> None:
    deck = as_json(DATA / "good" / "deck.yaml")
    assert isinstance(deck, dict)
    deck["cards"][0]["anwser"] = deck["cards"][0].pop("answer")
    assert list(VALIDATOR.iter_errors(deck))


def test_each_card_type_allows_exactly_the_loaders_keys() -> None:
    rules = SCHEMA["properties"]["cards"]["items"]["allOf"]
    for card_type, rule in zip(TYPE_KEYS, rules, strict=True):
        assert set(rule["then"]["properties"]) == COMMON_KEYS | TYPE_KEYS[card_type]
