"""``natobrief schema`` stays in step with the loader: the bundled decks validate, typos do not."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import jsonschema
import pytest
import yaml

from natobrief.deck.cards import COMMON_KEYS, TYPE_KEYS
from natobrief.deck.discover import deck_files, default_deck_paths
from natobrief.deck.loader import DECK_KEYS, SOURCE_KEYS, read_deck
from natobrief.deck.model import CARD_TYPES
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


def test_the_schema_names_the_loaders_keys_and_types() -> None:
    assert set(SCHEMA["properties"]) == DECK_KEYS
    source = SCHEMA["properties"]["sources"]["additionalProperties"]
    assert set(source["properties"]) == SOURCE_KEYS
    card = SCHEMA["properties"]["cards"]["items"]
    assert card["properties"]["type"]["anyOf"][0]["enum"] == list(CARD_TYPES)
    assert [rule["if"] for rule in card["allOf"][1:]] == [
        {"properties": {"type": {"const": card_type}}, "required": ["type"]}
        for card_type in CARD_TYPES[1:]
    ]


SHAPE_SOURCE = "It was blocked by France and other European members.\n"
SHAPE_HEAD = "natobrief: 1\nid: d\ntitle: T\nsources:\n  s: {title: S, file: s.txt}\ncards:\n"
SHAPE_QUOTE = "    source: {doc: s, quote: It was blocked by France}\n"

# A card's lines (beside its id and source) -> whether `natobrief check` accepts it.
CARD_SHAPES: dict[str, tuple[str, bool]] = {
    "short": ("prompt: Who?\nanswer: France", True),
    "unknown type": ("type: essay\nprompt: Why?\nanswer: Because", False),
    "type in capitals": ("type: Short\nprompt: Who?\nanswer: France", False),
    "type left empty": ("type:\nprompt: Who?\nanswer: France", True),
    "truefalse true": ("type: truefalse\nprompt: France did.\nanswer: true", True),
    "truefalse quoted": ('type: truefalse\nprompt: France did.\nanswer: "False"', True),
    "truefalse yes": ("type: truefalse\nprompt: France did.\nanswer: yes", True),
    "truefalse maybe": ("type: truefalse\nprompt: France did.\nanswer: maybe", False),
    "truefalse number": ("type: truefalse\nprompt: France did.\nanswer: 1", False),
    "cloze": ("type: cloze\ntext: It was blocked by {{France}}.", True),
    "cloze without gap": ("type: cloze\ntext: It was blocked by France.", False),
    "number": ("type: number\nprompt: How many?\nanswer: 32\ntolerance: 1", True),
    "number with unit": ("type: number\nprompt: How much?\nanswer: 90%", False),
    "negative tolerance": ("type: number\nprompt: How many?\nanswer: 32\ntolerance: -1", False),
    "choice": ("type: choice\nprompt: Who?\noptions: [France, Spain]\nanswer: France", True),
    "choice with one option": (
        "type: choice\nprompt: Who?\noptions: [France]\nanswer: France",
        False,
    ),
    "choice repeating an option": (
        "type: choice\nprompt: Who?\noptions: [France, France]\nanswer: France",
        False,
    ),
    "order repeating an item": ("type: order\nprompt: Order.\nitems: [a, b, a]", False),
    "match with one pair": ("type: match\nprompt: Match.\npairs: {a: x}", False),
    "empty prompt": ('prompt: ""\nanswer: France', False),
    "blank prompt": ('prompt: "  "\nanswer: France', False),
    "note left empty": ("prompt: Who?\nanswer: France\nnote:", True),
    "no tags": ("prompt: Who?\nanswer: France\ntags: []", True),
    "tag holding a space": ("prompt: Who?\nanswer: France\ntags: [tag one, people]", True),
    "key of another type": ("prompt: Who?\nanswer: France\noptions: [a, b]", False),
}


@pytest.mark.parametrize("name", list(CARD_SHAPES))
def test_the_schema_refuses_the_card_shapes_check_refuses(name: str, tmp_path: Path) -> None:
    lines, accepted = CARD_SHAPES[name]
    card = "  - id: c\n" + "".join(f"    {line}\n" for line in lines.split("\n")) + SHAPE_QUOTE
    (tmp_path / "s.txt").write_text(SHAPE_SOURCE)
    path = tmp_path / "deck.yaml"
    path.write_text(SHAPE_HEAD + card)
    result = read_deck(path)
    assert (result.deck is not None) == accepted, [p.format() for p in result.problems]
    errors = list(VALIDATOR.iter_errors(as_json(path)))
    assert (not errors) == accepted, [error.message for error in errors]


@pytest.mark.parametrize(
    ("answer", "valid"),
    [("yes", True), ("Off", True), (" TRUE ", True), ("maybe", False), ("yes please", False)],
)
def test_a_truefalse_answer_an_editor_reads_as_text(answer: str, valid: bool) -> None:
    """yaml-language-server reads YAML 1.2, where yes/no/on/off are text, not booleans."""
    deck = as_json(DATA / "good" / "deck.yaml")
    assert isinstance(deck, dict)
    card = next(card for card in deck["cards"] if card.get("type") == "truefalse")
    card["answer"] = answer
    assert (not list(VALIDATOR.iter_errors(deck))) == valid
