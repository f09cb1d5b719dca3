"""append_card on real deck files: the appended block is the only change, and it loads."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
import yaml

from natobrief.deck.append import CardRejected, append_card, check_card
from natobrief.deck.draft import CardDraft, cloze_text, propose_card_id, quote_words
from natobrief.deck.loader import load_deck
from natobrief.deck.model import ClozeCard, MatchCard, NumberCard, ShortCard
from natobrief.errors import NatobriefError
from tests.conftest import DATA

ARTICLE = DATA / "good" / "sources" / "article.txt"
HEADER = """\
# Hand-written deck: comments and key order must survive.
natobrief: 1
id: hand   # trailing comment
title: "Hand deck"
sources:
  article: {title: NATO Watch, file: sources/article.txt}

"""
INDENTED_CARD = """\
  - id: first   # the first card
    prompt: Who blocked the Tokyo office?
    answer: France
    source: {doc: article, quote: It was blocked by France}
"""


def deck_at(tmp_path: Path, text: str, name: str = "deck.yaml") -> Path:
    (tmp_path / "sources").mkdir(exist_ok=True)
    shutil.copy(ARTICLE, tmp_path / "sources" / "article.txt")
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def short(card_id: str = "new-card", **fields: str) -> dict[str, object]:
    values = {"prompt": "Where did the alliance meet?", "answer": "Washington"} | fields
    draft = CardDraft(
        "short", "article", "The alliance met in Washington.", card_id=card_id, **values
    )
    return draft.mapping()


def added_block(before: bytes, after: bytes, at: int) -> str:
    """The text inserted at ``at``, checking every other byte is unchanged."""
    inserted = len(after) - len(before)
    assert after[:at] == before[:at]
    assert after[at + inserted :] == before[at:]
    return after[at : at + inserted].decode("utf-8")


def test_indented_list_keeps_every_other_byte(tmp_path: Path) -> None:
    trailer = "# cards end here\n\nx-reviewed: 2024-08-01\n"
    path = deck_at(tmp_path, HEADER + "cards:\n" + INDENTED_CARD + trailer)
    before = path.read_bytes()
    done = append_card(path, short())
    after = path.read_bytes()
    block = added_block(before, after, len((HEADER + "cards:\n" + INDENTED_CARD).encode()))
    assert block.startswith("  - id: new-card\n    type: short\n")
    assert done.line == (HEADER + "cards:\n" + INDENTED_CARD).count("\n") + 1
    assert after.decode().splitlines()[done.line - 1] == "  - id: new-card"
    deck = load_deck(path)
    assert [c.id for c in deck.cards] == ["first", "new-card"]


def test_unindented_list_style_is_followed(tmp_path: Path) -> None:
    card = "- id: first\n  prompt: Who?\n  answer: France\n  source:\n    doc: article\n"
    card += "    quote: It was blocked by France\n"
    path = deck_at(tmp_path, HEADER + "cards:\n" + card)
    before = path.read_bytes()
    append_card(path, short(note="Shown after."))
    block = added_block(before, path.read_bytes(), len(before))
    assert block.splitlines()[:2] == ["- id: new-card", "  type: short"]
    assert "  source:\n    doc: article\n" in block
    assert load_deck(path).card("new-card").note == "Shown after."


def test_file_without_final_newline(tmp_path: Path) -> None:
    path = deck_at(tmp_path, HEADER + "cards:\n" + INDENTED_CARD.rstrip("\n"))
    before = path.read_bytes()
    append_card(path, short())
    block = added_block(before, path.read_bytes(), len(before))
    assert block.startswith("\n  - id: new-card\n")
    assert len(load_deck(path).cards) == 2


def test_empty_flow_list_becomes_a_block_list(tmp_path: Path) -> None:
    path = deck_at(tmp_path, HEADER + "cards: []  # none yet\n")
    done = append_card(path, short())
    text = path.read_text()
    assert text.startswith(HEADER + "cards:   # none yet\n  - id: new-card\n")
    assert done.other_errors == 1  # the empty list was the deck's only problem
    assert [c.id for c in load_deck(path).cards] == ["new-card"]


def test_bundled_deck_layout_and_crlf_line_ends(tmp_path: Path) -> None:
    original = (DATA / "good" / "deck.yaml").read_text().replace("\n", "\r\n")
    path = deck_at(tmp_path, original)
    before = path.read_bytes()
    append_card(path, short())
    block = added_block(before, path.read_bytes(), len(before))
    assert block.startswith("  - id: new-card\r\n") and "\n" not in block.replace("\r\n", "")
    assert load_deck(path).card("new-card").prompt == "Where did the alliance meet?"


HOSTILE = [
    'He said: "no" # not a comment',
    "- leading dash",
    "{{braces}} and }} and {{",
    "Ça, “curly” — 90% ünïcødé 北约",
    "true",
    "32",
    "'single' and \"double\"",
    "line one\nline two",
    "  padded  ",
    "key: value, [list], {map}, &anchor *alias !tag |pipe >fold %pct @at `tick`",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_strings_round_trip_exactly(tmp_path: Path, text: str) -> None:
    path = deck_at(tmp_path, HEADER + "cards:\n" + INDENTED_CARD)
    card = CardDraft(
        "short",
        "article",
        "The alliance met in Washington.",
        card_id="hostile",
        prompt=f"Q {text}",
        answer="Washington",
        accept=(text, "other"),
        note=text,
        tags=("x-tag",),
    ).mapping()
    card["x-raw"] = text
    append_card(path, card)
    assert yaml.safe_load(path.read_text())["cards"][-1] == card  # byte-exact values
    loaded = load_deck(path).card("hostile")
    assert isinstance(loaded, ShortCard)
    assert loaded.extra["x-raw"] == text
    assert loaded.prompt == f"Q {text}".strip()


def test_every_card_type(tmp_path: Path) -> None:
    path = deck_at(tmp_path, HEADER + "cards:\n" + INDENTED_CARD)
    quote = "The Quad was created in 2007, revived in 2017"
    words = quote_words(quote)
    gaps = {words.index("2007,"), words.index("2017")}
    drafts = [
        CardDraft("choice", "article", quote, card_id="c", prompt="When?",
                  options=("2007", "2017", "2021"), correct="b"),
        CardDraft("truefalse", "article", quote, card_id="t", prompt="Revived in 2017.",
                  answer="yes"),
        CardDraft("cloze", "article", quote, card_id="z", text=cloze_text(quote, gaps)),
        CardDraft("number", "article", quote, card_id="n", prompt="Created?", value="2007",
                  tolerance="1", unit="AD"),
        CardDraft("order", "article", quote, card_id="o", prompt="Order.",
                  items=("created", "revived")),
        CardDraft("match", "article", quote, card_id="m", prompt="Match.",
                  pairs=(("created: when", "2007"), ("revived", "2017 # no"))),
    ]  # fmt: skip
    for draft in drafts:
        append_card(path, draft.mapping())
    deck = load_deck(path)
    assert [c.type for c in deck.cards[1:]] == [
        "choice", "truefalse", "cloze", "number", "order", "match",
    ]  # fmt: skip
    assert deck.card("c").answer == "2017"  # type: ignore[union-attr]
    assert deck.card("t").answer is True  # type: ignore[union-attr]
    cloze = deck.card("z")
    assert isinstance(cloze, ClozeCard)
    assert cloze.text == "The Quad was created in {{2007}}, revived in {{2017}}"
    number = deck.card("n")
    assert isinstance(number, NumberCard) and (number.answer, number.tolerance) == (2007, 1)
    match = deck.card("m")
    assert isinstance(match, MatchCard)
    assert match.pairs == (("created: when", "2007"), ("revived", "2017 # no"))


def test_invalid_card_leaves_the_file_untouched(tmp_path: Path) -> None:
    path = deck_at(tmp_path, HEADER + "cards:\n" + INDENTED_CARD)
    before = path.read_bytes()
    card = short()
    card["source"] = {"doc": "article", "quote": "The alliance met in Brussels."}
    with pytest.raises(CardRejected) as rejected:
        append_card(path, card)
    (problem,) = rejected.value.problems
    assert problem.card == "new-card" and "quote not found" in problem.message
    assert "The alliance met in Washington." in problem.hint
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck.yaml", "sources"]  # no temp left


def test_a_linked_deck_keeps_its_link_and_its_real_file_gets_the_card(tmp_path: Path) -> None:
    # The link sits beside the sources (the loader looks for them beside the link);
    # the file it points to lives in another folder.
    store = tmp_path / "store"
    store.mkdir()
    real = deck_at(store, HEADER + "cards:\n" + INDENTED_CARD)
    (store / "sources").rename(tmp_path / "sources")
    link = tmp_path / "deck.yaml"
    link.symlink_to(Path("store") / "deck.yaml")
    append_card(link, short())
    assert link.is_symlink() and os.readlink(link) == str(Path("store") / "deck.yaml")
    assert [c.id for c in load_deck(link).cards] == ["first", "new-card"]
    assert "  - id: new-card\n" in real.read_text(encoding="utf-8")
    card = short("other-card")
    card["source"] = {"doc": "article", "quote": "The alliance met in Brussels."}
    with pytest.raises(CardRejected):
        append_card(link, card)
    assert sorted(p.name for p in store.iterdir()) == ["deck.yaml"]  # no temp left beside it


def test_a_link_beside_its_deck_keeps_its_link(tmp_path: Path) -> None:
    real = deck_at(tmp_path, HEADER + "cards:\n" + INDENTED_CARD, name="deck-v2.yaml")
    link = tmp_path / "deck.yaml"
    link.symlink_to("deck-v2.yaml")
    append_card(link, short())
    assert link.is_symlink() and os.readlink(link) == "deck-v2.yaml"
    assert [c.id for c in load_deck(real).cards] == ["first", "new-card"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck-v2.yaml", "deck.yaml", "sources"]


def test_duplicate_id_is_refused(tmp_path: Path) -> None:
    path = deck_at(tmp_path, HEADER + "cards:\n" + INDENTED_CARD)
    before = path.read_bytes()
    with pytest.raises(CardRejected) as rejected:
        append_card(path, short("first"))
    (problem,) = rejected.value.problems
    assert "already in the deck" in problem.message and problem.line == 9
    assert "'first-2'" in problem.hint
    assert path.read_bytes() == before


def test_check_card_writes_nothing_and_reports_missing_fields(tmp_path: Path) -> None:
    path = deck_at(tmp_path, HEADER + "cards:\n" + INDENTED_CARD)
    before = path.read_bytes()
    card = short()
    del card["answer"]
    checked = check_card(path, card)
    assert len(checked.errors) == 1 and "answer" in checked.errors[0].message
    assert path.read_bytes() == before
    assert not check_card(path, short()).errors


def test_bundled_decks_are_not_written(tmp_path: Path) -> None:
    from natobrief.paths import bundled_decks_dir

    bundled = next(bundled_decks_dir().glob("*.yaml"))
    before = bundled.read_bytes()
    with pytest.raises(NatobriefError, match="bundled deck"):
        append_card(bundled, short())
    assert bundled.read_bytes() == before


def test_proposed_ids_are_slugs_unique_in_the_deck() -> None:
    assert propose_card_id("d", [], "What does “IP4” stand for?") == "ip4-stand"
    assert propose_card_id("d", ["ip4-stand"], "What does IP4 stand for") == "ip4-stand-2"
    assert propose_card_id("deck", [], "Which?") == "deck-card"
    assert propose_card_id("d", [], "Ça coûte 90% à l'OTAN") == "ca-coute-90-l-otan"


def test_a_problem_inside_the_new_card_has_no_line_of_a_file_it_is_not_in(tmp_path: Path) -> None:
    path = deck_at(tmp_path, HEADER + "cards:\n" + INDENTED_CARD)
    lines_before = path.read_text(encoding="utf-8").count("\n")
    checked = check_card(path, short(card_id=""))  # an empty id: the loader knows no card yet
    (problem,) = checked.errors
    assert "'id' is empty" in problem.message
    assert (problem.line, problem.column) == (0, 0)  # not line lines_before + 1, not written
    assert lines_before > 0
