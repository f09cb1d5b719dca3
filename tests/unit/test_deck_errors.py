"""Every way a hand-written deck goes wrong gets file:line, the card id and a hint.

Each case writes a deck beside a small source file and checks that the deck is
refused as a whole, with the problem located where the author has to look.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from natobrief.deck.loader import load_deck, read_deck
from natobrief.errors import DeckError

SOURCE = "NATO met in Washington.\nIt was blocked by France and other European members.\n"
HEAD = "natobrief: 1\nid: d\ntitle: T\nsources:\n  s: {title: S, file: s.txt}\ncards:\n"
CARD = (
    "  - id: c\n    prompt: Who blocked it?\n    answer: France\n"
    "    source: {doc: s, quote: It was blocked by France}\n"
)

BLOCK_CARD = (
    "  - id: c\n    prompt: Who blocked it?\n    answer: France\n"
    "    source:\n      doc: s\n      quote: It was blocked by France\n"
)


@dataclass
class Case:
    deck: str | bytes
    line: int
    card: str | None
    message: str
    hint: str = ""


CASES: dict[str, Case] = {
    "syntax error": Case(
        HEAD + "  - id: c\n    prompt: [unclosed\n",
        9,
        "c",
        "YAML syntax error: did not find expected ',' or ']' (while parsing a flow "
        "sequence that starts on line 8)",
        "close the '[' on line 8 with ']'",
    ),
    "tab indentation": Case(
        HEAD + "  - id: c\n\tprompt: x\n", 8, "c", "tab character", "indent with spaces"
    ),
    "unquoted colon": Case(
        HEAD + "  - id: c\n    prompt: Who said: this?\n",
        8,
        "c",
        "mapping values are not allowed",
        "the value of 'prompt' holds ': ', so put it in quotes, e.g. prompt: \"Who said: this?\"",
    ),
    "unknown key typo": Case(
        HEAD + CARD.replace("answer:", "anwser:"),
        9,
        "c",
        "unknown key 'anwser'",
        "did you mean 'answer'?",
    ),
    "key of another type": Case(
        HEAD + CARD + "    options: [a, b]\n",
        11,
        "c",
        "unknown key 'options'",
        "belongs to choice cards",
    ),
    "prompt is a list": Case(
        HEAD + CARD.replace("prompt: Who blocked it?", "prompt: [a, b]"),
        8,
        "c",
        "'prompt' must be text, not a list",
    ),
    "duplicate card id": Case(
        HEAD + CARD + CARD, 11, "c", "duplicate card id (first used on line 7)"
    ),
    "duplicate key": Case(HEAD + CARD + "    answer: Spain\n", 11, "c", "duplicate key 'answer'"),
    "unknown source": Case(
        HEAD + CARD.replace("doc: s,", "doc: t,"),
        10,
        "c",
        "unknown source 't'",
        "use one of the ids under 'sources:': s",
    ),
    "quote not in source": Case(
        HEAD + CARD.replace("blocked by France", "blocked by Germany"),
        10,
        "c",
        "quote not found in source 's'",
        'closest passage in the source is: "It was blocked by France',
    ),
    "missing answer": Case(
        HEAD + CARD.replace("    answer: France\n", ""), 7, "c", "the card has no 'answer'"
    ),
    "missing source": Case(
        HEAD + CARD.replace("    source: {doc: s, quote: It was blocked by France}\n", ""),
        7,
        "c",
        "the card has no 'source'",
    ),
    "unknown type": Case(
        HEAD + CARD + "    type: shrot\n",
        11,
        "c",
        "unknown card type 'shrot'",
        "did you mean 'short'?",
    ),
    "choice answer not an option": Case(
        HEAD + "  - id: c\n    type: choice\n    prompt: Who?\n    options: [France, Spain]\n"
        "    answer: Frence\n    source: {doc: s, quote: France}\n",
        11,
        "c",
        "answer 'Frence' is not one of the options",
        "did you mean 'France'?",
    ),
    "choice with one option": Case(
        HEAD + "  - id: c\n    type: choice\n    prompt: Who?\n    options: [France]\n"
        "    answer: France\n    source: {doc: s, quote: France}\n",
        10,
        "c",
        "'options' needs 2 to 8 options, not 1",
    ),
    "number written with unit": Case(
        HEAD + "  - id: c\n    type: number\n    prompt: How much?\n    answer: 90%\n"
        "    source: {doc: s, quote: France}\n",
        10,
        "c",
        "'answer' must be a number, not '90%'",
        "put a unit in 'unit:'",
    ),
    "negative tolerance": Case(
        HEAD + "  - id: c\n    type: number\n    prompt: How much?\n    answer: 90\n"
        "    tolerance: -1\n    source: {doc: s, quote: France}\n",
        11,
        "c",
        "tolerance cannot be negative",
    ),
    "truefalse not boolean": Case(
        HEAD + "  - id: c\n    type: truefalse\n    prompt: France blocked it.\n    answer: maybe\n"
        "    source: {doc: s, quote: France}\n",
        10,
        "c",
        "must be true or false",
    ),
    "cloze without gap": Case(
        HEAD + "  - id: c\n    type: cloze\n    text: France blocked it.\n"
        "    source: {doc: s, quote: France}\n",
        9,
        "c",
        "the cloze text has no gap",
        "{{like this}}",
    ),
    "cloze gap not closed": Case(
        HEAD + '  - id: c\n    type: cloze\n    text: "{{France}} blocked {{it."\n'
        "    source: {doc: s, quote: France}\n",
        9,
        "c",
        "a cloze gap is not closed",
    ),
    "order with one item": Case(
        HEAD + "  - id: c\n    type: order\n    prompt: Order.\n    items: [one]\n"
        "    source: {doc: s, quote: France}\n",
        10,
        "c",
        "'items' needs 2 to 8 items, not 1",
    ),
    "order with repeated item": Case(
        HEAD + "  - id: c\n    type: order\n    prompt: Order.\n    items: [one, two, One]\n"
        "    source: {doc: s, quote: France}\n",
        10,
        "c",
        "'items' lists 'one' twice",
    ),
    "match with repeated right side": Case(
        HEAD + "  - id: c\n    type: match\n    prompt: Match.\n    pairs: {a: x, b: x}\n"
        "    source: {doc: s, quote: France}\n",
        10,
        "c",
        "two pairs have the same right side",
    ),
    "match pairs as a list": Case(
        HEAD + "  - id: c\n    type: match\n    prompt: Match.\n    pairs: [a, b]\n"
        "    source: {doc: s, quote: France}\n",
        10,
        "c",
        "'pairs' must be a mapping, not a list",
    ),
    "bad deck id": Case(
        HEAD.replace("id: d", "id: NATO China") + CARD,
        2,
        None,
        "deck id 'NATO China' may use only",
        "try 'nato-china'",
    ),
    "missing format version": Case(
        HEAD.replace("natobrief: 1\n", "") + CARD,
        1,
        None,
        "the deck has no 'natobrief'",
        "natobrief: 1",
    ),
    "newer format version": Case(
        HEAD.replace("natobrief: 1", "natobrief: 2") + CARD,
        1,
        None,
        "format version 2",
        "upgrade natobrief",
    ),
    "top level is a list": Case(
        "- natobrief: 1\n", 1, None, "a deck must be a mapping of keys, not a list"
    ),
    "cards empty": Case(HEAD, 6, None, "'cards' in the deck is empty"),
    "cards not a list": Case(
        HEAD.replace("cards:\n", "cards: many\n"), 6, None, "'cards' must be a list of cards"
    ),
    "card not a mapping": Case(HEAD + "  - just text\n", 7, None, "each card must be a mapping"),
    "card without id": Case(
        HEAD + CARD.replace("  - id: c\n    prompt", "  - prompt"), 7, None, "the card has no 'id'"
    ),
    "unknown top-level key": Case(
        HEAD.replace("title: T", "titel: T") + CARD,
        3,
        None,
        "unknown key 'titel'",
        "did you mean 'title'?",
    ),
    "missing source file": Case(
        HEAD.replace("s.txt", "missing.txt") + CARD,
        5,
        None,
        "source file 'missing.txt' does not exist",
    ),
    "absolute source path": Case(
        HEAD.replace("s.txt", "/etc/passwd") + CARD, 5, None, "is an absolute path"
    ),
    "source path escapes folder": Case(
        HEAD.replace("s.txt", "../outside.txt") + CARD, 5, None, "is outside the deck's folder"
    ),
    "python object tag": Case(
        HEAD + CARD.replace("answer: France", "answer: !!python/object/apply:os.system [ls]"),
        9,
        "c",
        "YAML tag '!!python/object/apply:os.system' is not allowed",
    ),
    "custom tag": Case(
        HEAD + CARD.replace("answer: France", "answer: !secret France"),
        9,
        "c",
        "YAML tag '!secret' is not allowed",
    ),
    "two documents": Case(
        HEAD + CARD + "---\nid: other\n", 11, None, "more than one YAML document"
    ),
    "undefined alias": Case(
        HEAD + CARD.replace("answer: France", "answer: *who"), 9, "c", "alias *who has no anchor"
    ),
    "alias bomb": Case(
        "a: &a ["
        + ",".join(["x"] * 10)
        + "]\n"
        + "".join(
            f"{n}: &{n} [" + ",".join([f"*{p}"] * 10) + "]\n"
            for p, n in zip("abcdefg", "bcdefgh", strict=True)
        ),
        6,
        None,
        "too many values (an alias bomb?)",
    ),
    "deep nesting": Case(
        "a: " + "[" * 200 + "]" * 200 + "\n", 1, None, "nested more than 64 levels"
    ),
    "non-UTF-8 deck": Case(
        HEAD.encode() + b"  - id: c\n    prompt: caf\xe9\n",
        8,
        "c",
        "not UTF-8 (byte 0xe9 at line 8)",
        "save the file as UTF-8",
    ),
    "key indented too far": Case(
        HEAD + CARD.replace("    answer: France", "      answer: France"),
        9,
        "c",
        "mapping values are not allowed",
        "line 9 is indented 2 spaces more than the card's other keys; line them up",
    ),
    "key indented too little": Case(
        HEAD + CARD.replace("    answer: France", "   answer: France"),
        9,
        "c",
        "did not find expected '-' indicator",
        "line 9 is indented 1 space less than the card's other keys; line them up",
    ),
    "source key indented too far": Case(
        HEAD + BLOCK_CARD.replace("      quote:", "       quote:"),
        12,
        "c",
        "mapping values are not allowed",
        "line 12 is indented 1 space more than the other keys under 'source:' (line 11)",
    ),
    "card's dash indented too far": Case(
        HEAD + CARD + CARD.replace("  - id: c", "   - id: c2"),
        11,
        "c2",
        "did not find expected '-' indicator",
        "line 11 is indented 1 space more than the '- ' that starts each card",
    ),
    "key without colon": Case(
        HEAD + CARD.replace("answer: France", "answer France"),
        9,
        "c",
        "could not find expected ':'",
        "line 9 has no ':' after its key",
    ),
    "syntax error before the card's id": Case(
        HEAD + "  - type: short\n    prompt: [unclosed\n    id: late\n",
        9,
        "late",
        "did not find expected ',' or ']'",
    ),
    "syntax error in the second card": Case(
        HEAD + CARD + CARD.replace("id: c", "id: c2").replace("Who blocked", "Who: blocked"),
        12,
        "c2",
        "mapping values are not allowed",
        "the value of 'prompt' holds ': ', so put it in quotes",
    ),
    "syntax error outside the cards": Case(
        HEAD.replace("title: T", "title: T: U") + CARD,
        3,
        None,
        "mapping values are not allowed",
        "the value of 'title' holds ': '",
    ),
    "quote indented as a card key": Case(
        HEAD + BLOCK_CARD.replace("      quote:", "    quote:"),
        12,
        "c",
        "unknown key 'quote' in the card",
        "'quote' belongs under 'source:'; indent it 2 more spaces, to line up with 'doc:' "
        "on line 11",
    ),
    "source without its quote": Case(
        HEAD + BLOCK_CARD.replace("      quote:", "    quote:"),
        11,
        "c",
        "the card's source has no 'quote'",
        "'quote:' on line 12 sits at card level; indent it under 'source:'",
    ),
    "doc beside a source in braces": Case(
        HEAD + CARD.replace("{doc: s, quote:", "{quote:") + "    doc: s\n",
        11,
        "c",
        "unknown key 'doc' in the card",
        "move it inside the braces after 'source:' on line 10",
    ),
    "card key indented into the source": Case(
        HEAD + BLOCK_CARD + "      note: Bergmann said so.\n",
        13,
        "c",
        "unknown key 'note' in the card's source",
        "'note' is a key of the card, not of its source; indent it 2 fewer spaces, "
        "to line up with 'source:' on line 10",
    ),
    "source key at the top level": Case(
        HEAD.replace("  s: {title: S, file: s.txt}\n", "  s: {title: S}\nfile: s.txt\n") + CARD,
        6,
        None,
        "unknown key 'file' in the deck",
        "'file' is a key of a source; indent it under the source's id in 'sources:'",
    ),
    "stray dash before a key": Case(
        HEAD + CARD.replace("    answer: France", "    - answer: France"),
        9,
        "c",
        "did not find expected key",
        "line 9 starts a list entry ('- ') among keys lined up with it; remove the '- '",
    ),
    "raw control character": Case(
        HEAD + CARD.replace("answer: France", "answer: Fr\x1bance"),
        9,
        "c",
        "the file holds character U+001B, which YAML does not allow",
        "delete it",
    ),
    "empty file": Case("", 0, None, "the deck file is empty"),
    "only comments": Case("# nothing yet\n", 0, None, "holds only comments"),
}


def write_deck(folder: Path, deck: str | bytes) -> Path:
    (folder / "s.txt").write_text(SOURCE, encoding="utf-8")
    path = folder / "deck.yaml"
    if isinstance(deck, bytes):
        path.write_bytes(deck)
    else:
        path.write_text(deck, encoding="utf-8")
    return path


@pytest.mark.parametrize("name", list(CASES))
def test_bad_deck_is_refused_with_location_and_hint(name: str, tmp_path: Path) -> None:
    case = CASES[name]
    path = write_deck(tmp_path, case.deck)
    result = read_deck(path)
    assert result.deck is None, "a broken deck must never be half-loaded"
    matching = [p for p in result.errors if case.message in p.message]
    assert matching, f"expected {case.message!r} among {[p.format() for p in result.errors]}"
    problem = matching[0]
    assert problem.file == path
    assert problem.line == case.line, problem.format()
    assert problem.card == case.card, problem.format()
    assert problem.hint, "every problem says what to do next"
    if case.hint:
        assert case.hint in problem.hint, problem.format()
    with pytest.raises(DeckError) as raised:
        load_deck(path)
    assert case.message in str(raised.value)


def test_every_problem_is_listed_at_once(tmp_path: Path) -> None:
    deck = (
        HEAD
        + CARD.replace("answer:", "anwser:")
        + CARD.replace("id: c", "id: c2").replace("France}", "Germany}")
        + "  - id: c3\n    type: number\n    prompt: How many?\n    answer: lots\n"
        "    source: {doc: s, quote: NATO met}\n"
    )
    result = read_deck(write_deck(tmp_path, deck))
    assert result.deck is None
    assert [(p.card, p.line) for p in result.errors] == [
        ("c", 7),
        ("c", 9),
        ("c2", 14),
        ("c3", 18),
    ]


def test_symlink_out_of_the_deck_folder_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text(SOURCE)
    folder = tmp_path / "deck"
    folder.mkdir()
    os.symlink(outside, folder / "link.txt")
    path = write_deck(folder, HEAD.replace("s.txt", "link.txt") + CARD)
    result = read_deck(path)
    assert result.deck is None
    assert "is outside the deck's folder" in result.errors[0].message
    assert result.errors[0].line == 5


def test_source_that_is_not_utf8(tmp_path: Path) -> None:
    path = write_deck(tmp_path, HEAD + CARD)
    (tmp_path / "s.txt").write_bytes(b"It was blocked by Fran\xe7e\n")
    result = read_deck(path)
    assert result.deck is None
    problem = result.errors[0]
    assert problem.message == "the source file (s.txt) is not UTF-8 (byte 0xe7 at line 1)"
    assert problem.line == 5


def test_huge_deck_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(40 * 1024 * 1024)  # sparse: no 40 MB written to disk
    result = read_deck(path)
    assert result.deck is None
    assert "is larger than 32 MB, the limit" in result.errors[0].message  # as the docs say


def test_missing_file_and_folder(tmp_path: Path) -> None:
    assert "no such deck file" in read_deck(tmp_path / "none.yaml").errors[0].message
    assert "is a folder" in read_deck(tmp_path).errors[0].message


BUNDLED = Path(__file__).parents[2] / "decks"
# Where card 'ministers-met-in' keeps its answer and its quote in the bundled deck (0-based)
ANSWER = (
    (BUNDLED / "stoltenberg-2021.yaml")
    .read_text(encoding="utf-8")
    .split("\n")
    .index("    answer: Washington")
)
QUOTE = ANSWER + 4


def bundled_copy(folder: Path, edit: Callable[[list[str]], None]) -> Path:
    """The bundled Stoltenberg deck and its sources in ``folder``, its lines changed by ``edit``."""
    shutil.copytree(BUNDLED / "sources", folder / "sources")
    lines = (BUNDLED / "stoltenberg-2021.yaml").read_text(encoding="utf-8").split("\n")
    assert lines[ANSWER] == "    answer: Washington"  # in card 'ministers-met-in'
    edit(lines)
    path = folder / "deck.yaml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_a_key_indented_too_far_is_named_with_its_card_and_not_blamed_on_quoting(
    tmp_path: Path,
) -> None:
    def indent_answer(lines: list[str]) -> None:
        lines[ANSWER] = "  " + lines[ANSWER]

    result = read_deck(bundled_copy(tmp_path, indent_answer))
    line = ANSWER + 1
    assert [(p.line, p.card) for p in result.errors] == [(line, "ministers-met-in")]
    problem = result.errors[0]
    assert problem.hint == (
        f"line {line} is indented 2 spaces more than the card's other keys; line them up"
    )
    assert "quote" not in problem.hint


def test_a_quote_indented_as_a_card_key_is_sent_back_under_source(tmp_path: Path) -> None:
    def outdent_quote(lines: list[str]) -> None:
        assert lines[QUOTE].startswith("      quote: ")
        lines[QUOTE] = lines[QUOTE][2:]

    result = read_deck(bundled_copy(tmp_path, outdent_quote))
    hints = [p.hint for p in result.errors]
    source, quote = QUOTE, QUOTE + 1  # 1-based: the doc: line above, the quote's line
    assert [(p.line, p.card) for p in result.errors] == [
        (source, "ministers-met-in"),
        (quote, "ministers-met-in"),
    ]
    assert hints == [
        f"'quote:' on line {quote} sits at card level; indent it under 'source:'",
        "'quote' belongs under 'source:'; indent it 2 more spaces, to line up with 'doc:' "
        f"on line {QUOTE}",
    ]
    assert not any("did you mean" in hint for hint in hints)


def test_problems_are_listed_by_line_then_column(tmp_path: Path) -> None:
    # Found in reading order: the deck's unknown key (line 15) first, then card c's
    # unknown key (line 9) before its missing answer (line 7), then c2's quote (line 14).
    deck = (
        HEAD
        + CARD.replace("answer:", "anwser:")
        + CARD.replace("id: c", "id: c2").replace("France}", "Germany}")
        + "titel: T\n"
    )
    result = read_deck(write_deck(tmp_path, deck))
    positions = [(p.line, p.column) for p in result.problems]
    assert positions == sorted(positions)
    assert [p.line for p in result.problems] == [7, 9, 14, 15]
    with pytest.raises(DeckError) as raised:
        load_deck(tmp_path / "deck.yaml")
    assert [p.line for p in raised.value.problems] == [7, 9, 14, 15]
