"""The deck loader on a good deck: typed, immutable, grounded cards."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from natobrief.deck.grounding import paragraph_span
from natobrief.deck.loader import load_deck, read_deck
from natobrief.deck.model import (
    ChoiceCard,
    ClozeCard,
    MatchCard,
    NumberCard,
    OrderCard,
    ShortCard,
    TrueFalseCard,
)
from tests.conftest import DATA

GOOD = DATA / "good" / "deck.yaml"


def test_good_deck_loads_every_type() -> None:
    deck = load_deck(GOOD)
    assert deck.id == "test-deck"
    assert deck.title == "Test deck: every card type"
    assert deck.extra == {"x-owner": "tests"}
    assert [type(card) for card in deck.cards] == [
        ShortCard,
        ChoiceCard,
        NumberCard,
        NumberCard,
        TrueFalseCard,
        ClozeCard,
        OrderCard,
        MatchCard,
    ]
    source = deck.sources["article"]
    assert source.title == "NATO Watch"
    assert source.date == "2024-07-31"
    assert source.url == "https://example.org/nato-watch"


def test_card_fields_are_typed() -> None:
    deck = load_deck(GOOD)
    short = deck.card("tokyo-blocked")
    assert isinstance(short, ShortCard)
    assert short.accept == ("France and other European members",)
    assert short.tags == ("indo-pacific", "people")
    assert short.extra == {"x-difficulty": 2}
    assert short.line == 14
    number = deck.card("micro-share")
    assert isinstance(number, NumberCard)
    assert (number.answer, number.unit, number.tolerance) == (90.0, "%", 0.0)
    truefalse = deck.card("met-in-washington")
    assert isinstance(truefalse, TrueFalseCard) and truefalse.answer is False
    cloze = deck.card("quad-cloze")
    assert isinstance(cloze, ClozeCard)
    assert cloze.gaps == (("2007",), ("2017", "twenty seventeen"))
    assert cloze.prompt == "Fill in the gaps."
    match = deck.card("who-what")
    assert isinstance(match, MatchCard)
    assert match.pairs == (
        ("France", "blocked the office"),
        ("Russia", "imported microelectronics"),
    )


def test_deck_is_immutable() -> None:
    deck = load_deck(GOOD)
    with pytest.raises(dataclasses.FrozenInstanceError):
        deck.cards[0].prompt = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        deck.sources["other"] = deck.sources["article"]  # type: ignore[index]


def test_quote_spans_point_at_the_source_words() -> None:
    deck = load_deck(GOOD)
    text = deck.sources["article"].text
    enabler = deck.card("enabler").source.quotes[0]
    # The quote was typed with straight quotes; the source has curly ones.
    assert (
        text[enabler.start : enabler.end]
        == "denounced Beijing for serving as Moscow’s “decisive enabler”"
    )
    two = deck.card("micro-share").source.quotes
    assert [text[q.start : q.end] for q in two] == [
        "Last year, Russia imported 90% of its microelectronics from China,",
        "used to produce missiles, tanks, and aircraft.",
    ]


def test_paragraph_around_a_quote() -> None:
    text = "First paragraph.\n\nSecond one,\nwrapped here.\n\nThird."
    start = text.index("wrapped")
    assert text[slice(*paragraph_span(text, start, start + 7))] == "Second one,\nwrapped here."


def test_paragraph_in_hard_wrapped_text_without_blank_lines() -> None:
    text = "One sentence\nwrapped.\nNext paragraph\ngoes on here.\nLast."
    start = text.index("goes")
    assert text[slice(*paragraph_span(text, start, start + 4))] == "Next paragraph\ngoes on here."


def test_quote_matches_across_line_breaks_and_dashes(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text(
        "It was fairly\nbenign — it wasn’t going to cause a big deal.\n"
    )
    (tmp_path / "d.yaml").write_text(
        "natobrief: 1\nid: d\ntitle: T\nsources:\n  s: {title: S, file: s.txt}\n"
        "cards:\n  - id: c\n    prompt: P?\n    answer: A\n"
        '    source: {doc: s, quote: "fairly benign - it wasn\'t going"}\n'
    )
    deck = load_deck(tmp_path / "d.yaml")
    quote = deck.cards[0].source.quotes[0]
    assert deck.sources["s"].text[quote.start : quote.end] == "fairly\nbenign — it wasn’t going"


def test_control_characters_are_removed_with_a_warning(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text("Plain source text.\n")
    (tmp_path / "d.yaml").write_text(
        "natobrief: 1\nid: d\ntitle: T\nsources:\n  s: {title: S, file: s.txt}\n"
        'cards:\n  - id: c\n    prompt: "Bold [bold]x[/] \\e]52;c;ZXZpbA==\\a here?"\n'
        "    answer: A\n    source: {doc: s, quote: Plain source}\n"
    )
    result = read_deck(tmp_path / "d.yaml")
    assert result.deck is not None
    assert result.deck.cards[0].prompt == "Bold [bold]x[/] ]52;c;ZXZpbA== here?"
    assert [w.message for w in result.warnings] == [
        "'prompt' holds control or escape characters; they were removed"
    ]
    assert result.warnings[0].card == "c"


def test_byte_order_mark_and_windows_line_endings_load(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_bytes(b"Plain source text.\r\nSecond line.\r\n")
    deck_text = (
        "natobrief: 1\nid: d\ntitle: T\nsources:\n  s: {title: S, file: s.txt}\n"
        "cards:\n  - id: c\n    prompt: P?\n    answer: A\n"
        "    source: {doc: s, quote: Plain source text. Second line.}\n"
    )
    (tmp_path / "d.yaml").write_bytes(b"\xef\xbb\xbf" + deck_text.replace("\n", "\r\n").encode())
    deck = load_deck(tmp_path / "d.yaml")
    assert deck.cards[0].source.quotes[0].start == 0


def test_numbers_and_booleans_in_text_fields_are_taken_as_written(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text("It happened in 1988 and yes it did.\n")
    (tmp_path / "d.yaml").write_text(
        "natobrief: 1\nid: d\ntitle: T\nsources:\n  s: {title: S, file: s.txt}\n"
        "cards:\n  - id: 12\n    prompt: When?\n    answer: 1988\n    accept: [yes, 01988]\n"
        "    source: {doc: s, quote: It happened in 1988}\n"
    )
    card = load_deck(tmp_path / "d.yaml").cards[0]
    assert isinstance(card, ShortCard)
    assert (card.id, card.answer, card.accept) == ("12", "1988", ("yes", "01988"))


def test_bundled_decks_all_load() -> None:
    from natobrief.deck.discover import deck_files, default_deck_paths

    files = deck_files(default_deck_paths())
    assert len(files) == 5
    for file in files:
        result = read_deck(file)
        assert result.deck is not None, [p.format() for p in result.errors]


def test_a_tag_may_hold_spaces(tmp_path: Path) -> None:
    """The format puts no limit on tag text; Anki export, which needs no spaces, joins with '_'."""
    from natobrief.check import check_paths
    from natobrief.tools.anki.export import note_tags

    shutil.copytree(GOOD.parent, tmp_path / "deck")
    path = tmp_path / "deck" / "deck.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("tags: [indo-pacific, people]", "tags: [indo-pacific, tag one]"))
    report = check_paths([path])
    assert (report.error_count, report.warning_count) == (0, 0), report.problems
    deck = report.results[0].deck
    assert deck is not None
    card = deck.card("tokyo-blocked")
    assert card.tags == ("indo-pacific", "tag one")
    assert note_tags(deck, card)[:2] == ["indo-pacific", "tag_one"]
