"""Grading against the deck-format contract: every answer form per card type, the near
misses that must be rejected, typo acceptance and reporting, shuffled layouts, and
input that is huge, odd or of the wrong type (always a verdict, never an exception).
"""

from __future__ import annotations

from dataclasses import replace
from types import MappingProxyType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from natobrief.cardtypes.base import Layout
from natobrief.cardtypes.reading import MAX_ITEMS
from natobrief.cardtypes.registry import kind_of
from natobrief.deck.model import (
    AnyCard,
    ChoiceCard,
    ClozeCard,
    MatchCard,
    NumberCard,
    OrderCard,
    ShortCard,
    SourceRef,
    TrueFalseCard,
)
from natobrief.grading.matching import Answer, Reading, display
from natobrief.grading.normalise import MAX_COMPARED, MAX_RAW, normalise_answer
from natobrief.grading.numbers import parse_number
from natobrief.grading.typos import is_typo_of
from natobrief.grading.verdict import Verdict, grade

SRC = SourceRef(doc="d", quotes=())


def short(answer: str, *accept: str) -> ShortCard:
    return ShortCard(id="s", prompt="?", source=SRC, answer=answer, accept=accept)


def choice(*options: str, answer: str) -> ChoiceCard:
    return ChoiceCard(id="c", prompt="?", source=SRC, options=options, answer=answer)


def truefalse(answer: bool) -> TrueFalseCard:
    return TrueFalseCard(id="t", prompt="A statement.", source=SRC, answer=answer)


def cloze(*gaps: tuple[str, ...]) -> ClozeCard:
    text = " and ".join("{{" + "|".join(gap) + "}}" for gap in gaps)
    return ClozeCard(id="z", prompt="", source=SRC, text=text, gaps=gaps)


def number(answer: float, unit: str = "", tolerance: float = 0.0) -> NumberCard:
    return NumberCard(id="n", prompt="?", source=SRC, answer=answer, unit=unit, tolerance=tolerance)


def order(*items: str) -> OrderCard:
    return OrderCard(id="o", prompt="?", source=SRC, items=items)


def match(*pairs: tuple[str, str]) -> MatchCard:
    return MatchCard(id="m", prompt="?", source=SRC, pairs=pairs)


FRANCE = choice("France", "Turkey", "Hungary", answer="France")
SHUFFLED = Layout(options=(2, 0, 1))  # a) Hungary  b) France  c) Turkey
EVENTS = order("Quad created", "Quad revived", "AUKUS signed")
EVENTS_SHOWN = Layout(items=(2, 0, 1))  # a) AUKUS signed  b) Quad created  c) Quad revived
EXPERTS = match(("Sacks", "CFR"), ("Bergmann", "CSIS"), ("Bachulska", "ECFR"))
EXPERTS_SHOWN = Layout(left=(1, 0, 2), right=(2, 1, 0))
# a) Bergmann  b) Sacks  c) Bachulska    1) ECFR  2) CSIS  3) CFR  ->  right: a2 b3 c1


# Normalisation


@pytest.mark.parametrize(
    ("raw", "normal"),
    [
        ("Indo-Pacific Four", "indo pacific four"),  # case; hyphen as space
        ("  indo   pacific\tfour\n", "indo pacific four"),  # surrounding and repeated spacing
        ('"Indo-Pacific Four."', "indo pacific four"),  # punctuation at either end
        ("(Indo-Pacific Four),", "indo pacific four"),
        ("¿Qué?", "que"),
        ("The Indo-Pacific Four", "indo pacific four"),  # leading articles
        ("a decisive enabler", "decisive enabler"),
        ("An ally", "ally"),
        ("An ally,", "ally"),  # an article and end punctuation together
        ("  the   Indo-Pacific FOUR. ", "indo pacific four"),  # spacing before the article
        ("the", "the"),  # an article alone is the answer, not a prefix
        ("Theory", "theory"),  # only a whole word is an article
        ("“Decisive enabler”", "decisive enabler"),  # typographic quotes
        ("‘Quad’", "quad"),
        ("Indo–Pacific Four", "indo pacific four"),  # en dash
        ("Indo—Pacific Four", "indo pacific four"),  # em dash
        ("Élysée Treaty", "elysee treaty"),  # accents
        ("Zoë Ångström", "zoe angstrom"),
        ("e\u0301te\u0301", "ete"),  # combining marks
        ("U.S.", "us"),  # dots inside abbreviations
        ("Australia, Japan,New Zealand", "australia japan new zealand"),  # commas inside
        ("1,000", "1,000"),  # but not inside numbers
        ("3.5", "3.5"),  # but not inside numbers
        ("90%", "90%"),  # meaning-bearing symbols stay
        ("Stolten\u200bberg", "stoltenberg"),  # zero-width characters
        ("Stolten\x1b[31mberg", "stolten[31mberg"),  # an escape introducer is removed
        ("\u202eStoltenberg", "stoltenberg"),  # bidi override
        ("", ""),
        ("...", ""),
    ],
)
def test_normalise_answer(raw: str, normal: str) -> None:
    assert normalise_answer(raw) == normal


def test_normalise_answer_is_bounded() -> None:
    assert len(normalise_answer("x" * 1_000_000)) <= 2000


# Short answers


def test_short_matches_the_answer_after_normalisation() -> None:
    card = short("Indo-Pacific Four")
    for answer in (
        "Indo-Pacific Four",
        "indo pacific four",
        "Indo Pacific Four",
        "  the INDO–PACIFIC four. ",
        "“Indo-Pacific Four”",
    ):
        verdict = grade(card, answer)
        assert verdict == Verdict(True, False, "Indo-Pacific Four", answer.strip(), "Correct.")


def test_short_matches_any_accept_entry_but_expects_the_answer() -> None:
    card = short("Indo-Pacific Four", "IP4", "Australia, Japan, New Zealand and South Korea")
    assert grade(card, "ip4").correct
    assert grade(card, "australia japan new zealand and south korea").correct
    verdict = grade(card, "IP5")
    assert not verdict.correct
    assert verdict.expected == "Indo-Pacific Four"
    assert verdict.reason == "Wrong: expected 'Indo-Pacific Four'."


def test_short_accents_do_not_matter_either_way() -> None:
    assert grade(short("Élysée Treaty"), "elysee treaty").correct
    assert grade(short("Elysee Treaty"), "Élysée Treaty").correct


def test_short_wrong_answer_says_what_was_expected() -> None:
    verdict = grade(short("Mao Ning"), "Wang Yi")
    assert verdict == Verdict(False, False, "Mao Ning", "Wang Yi", "Wrong: expected 'Mao Ning'.")


def test_short_number_written_in_words_matches_digits() -> None:
    assert grade(short("32"), "thirty-two").correct
    assert grade(short("thirty-two"), "32").correct
    assert grade(short("32 nations"), "thirty two nations").correct
    assert not grade(short("32 nations"), "32").correct
    assert not grade(short("32"), "thirty-three").correct


def test_short_empty_answer_is_no_answer() -> None:
    for empty in ("", "   ", "\x00\x1b"):
        verdict = grade(short("Mao Ning"), empty)
        assert not verdict.correct
        assert verdict.given == ""
        assert verdict.reason == "No answer: expected 'Mao Ning'."


def test_short_answers_from_a_file_may_be_numbers_or_booleans() -> None:
    assert grade(short("2019"), 2019).correct
    assert grade(short("2.5"), 2.5).correct
    verdict = grade(short("true"), True)
    assert verdict.correct and verdict.given == "true"


# The one tolerated typo


def test_typo_in_a_long_answer_is_accepted_and_reported() -> None:
    verdict = grade(short("Stoltenberg"), "Stoltenbreg")
    assert verdict.correct and verdict.typo
    assert verdict.expected == "Stoltenberg"
    assert verdict.typo_detail == "Stoltenbreg -> Stoltenberg"
    assert verdict.reason == (
        "Accepted with a typo: you wrote 'Stoltenbreg', expected 'Stoltenberg'."
    )


@pytest.mark.parametrize(
    ("typed", "kind"),
    [
        ("Stoltenberrg", "inserted"),
        ("Stoltnberg", "deleted"),
        ("Stoltenbarg", "replaced"),
        ("Sotltenberg", "swapped"),
        ("tStoltenberg", "inserted at the start"),
        ("Stoltenber", "deleted at the end"),
        ("Stoltenbergg", "inserted at the end"),
        ("Stoltenbers", "replaced at the end"),
        ("Stoltenbegr", "swapped at the end"),
    ],
)
def test_each_kind_of_typo_is_accepted(typed: str, kind: str) -> None:
    verdict = grade(short("Stoltenberg"), typed)
    assert verdict.correct and verdict.typo, kind
    assert verdict.typo_detail == f"{typed} -> Stoltenberg"


@pytest.mark.parametrize("typed", ["Stoltnbreg", "Stoltenbergxx", "Sotltenbreg", "Stoltenbrega"])
def test_two_typos_in_a_long_word_are_forgiven(typed: str) -> None:
    """From nine letters a word may carry two typos (Quizlet and WaniKani scale it so)."""
    verdict = grade(short("Stoltenberg"), typed)
    assert verdict.correct and verdict.typo


@pytest.mark.parametrize("typed", ["Stltnbreg", "Stoltenbergxxx", "Toltenberg", "Ztoltenberg"])
def test_three_typos_or_a_wrong_first_letter_are_wrong(typed: str) -> None:
    verdict = grade(short("Stoltenberg"), typed)
    assert not verdict.correct and not verdict.typo
    assert verdict.reason == "Wrong: expected 'Stoltenberg'."


def test_one_typo_is_forgiven_from_four_letters() -> None:
    assert grade(short("Mao Ning"), "Mao Nign").typo  # four letters: a swap is a typo
    assert grade(short("France"), "Frence").typo
    assert not grade(short("Mao Ning"), "Mao Ming").correct  # the first letter is never a typo
    assert not grade(short("Lin Jian"), "Lin Jia").correct  # three letters left: "Jia" is short
    assert grade(short("Mao Ning"), "mao ning").correct


def test_typo_threshold_counts_letters_not_spaces_or_punctuation() -> None:
    assert not grade(short("Ab-Cd Efg"), "Ab-Cd Efh").correct  # 7 letters, 9 characters
    verdict = grade(short("Ab-Cd Efgh"), "Ab-Cd Efgj")  # 8 letters
    assert verdict.correct and verdict.typo


def test_a_changed_digit_is_never_a_typo() -> None:
    assert not grade(short("Resolution 2231"), "Resolution 2232").correct
    assert not grade(short("Resolution 2231"), "Resolution 22311").correct
    assert grade(short("Resolution 2231"), "Resolutoin 2231").typo


def test_typo_detail_names_only_the_word_that_differs() -> None:
    verdict = grade(short("Jens Stoltenberg"), "jens Stoltenbreg")
    assert verdict.typo and verdict.typo_detail == "Stoltenbreg -> Stoltenberg"
    verdict = grade(short("Indo-Pacific Four"), "Indo-Pacifc Four")
    assert verdict.typo and verdict.typo_detail == "Indo-Pacifc -> Indo-Pacific"


def test_typo_against_an_accept_entry_names_that_entry() -> None:
    verdict = grade(short("IP4", "Indo-Pacific Four"), "Indo-Pacific Fuor")
    assert verdict.correct and verdict.typo
    assert verdict.expected == "IP4"
    assert verdict.typo_detail == "Fuor -> Four"


def test_an_exact_match_wins_over_a_typo() -> None:
    card = short("Stoltenberg", "Stoltenburg")
    verdict = grade(card, "Stoltenburg")
    assert verdict.correct and not verdict.typo and verdict.typo_detail == ""


def test_one_edit_is_a_typo_and_two_are_not_in_a_short_word() -> None:
    assert is_typo_of("abed", "abcd")  # replaced
    assert is_typo_of("abdc", "abcd")  # swapped
    assert is_typo_of("abcde", "abcd")  # inserted
    assert is_typo_of("acd", "abcd")  # deleted
    assert not is_typo_of("abcd", "abcd")  # identical is no typo
    assert not is_typo_of("badc", "abcd")  # two swaps
    assert not is_typo_of("ab", "abcd")  # two deletions
    assert not is_typo_of("ab13", "ab12")  # a digit
    assert not is_typo_of("ab21", "ab12")
    assert not is_typo_of("", "")


# Choice


def test_choice_by_letter_in_the_shown_order() -> None:
    for letter in ("b", "B", "b)", "B)", "(b)", "b.", " b "):
        verdict = grade(FRANCE, letter, SHUFFLED)
        assert verdict.correct and verdict.expected == "France" and verdict.reason == "Correct."
    assert not grade(FRANCE, "a", SHUFFLED).correct  # a is France only unshuffled
    assert grade(FRANCE, "a").correct


def test_choice_by_number_in_the_shown_order() -> None:
    assert grade(FRANCE, "2", SHUFFLED).correct
    assert grade(FRANCE, 2, SHUFFLED).correct
    assert not grade(FRANCE, "1", SHUFFLED).correct


def test_choice_by_option_text() -> None:
    assert grade(FRANCE, "france", SHUFFLED).correct
    assert grade(FRANCE, "  FRANCE. ", SHUFFLED).correct
    verdict = grade(FRANCE, "Turkey", SHUFFLED)
    assert not verdict.correct
    assert verdict.reason == "Wrong: you chose 'Turkey', expected 'France'."


def test_choice_wrong_letter_names_the_option_chosen() -> None:
    verdict = grade(FRANCE, "a", SHUFFLED)
    assert verdict.given == "a"
    assert verdict.reason == "Wrong: you chose 'Hungary', expected 'France'."


def test_choice_text_typo_follows_the_typo_rule() -> None:
    card = choice("Switzerland", "Netherlands", answer="Netherlands")
    verdict = grade(card, "Netherlnads")
    assert verdict.correct and verdict.typo
    assert verdict.typo_detail == "Netherlnads -> Netherlands"
    assert grade(FRANCE, "Frence").typo  # six letters: one typo
    assert not grade(card, "Switzerlnad").correct  # a typo of the wrong option is wrong


@pytest.mark.parametrize("out_of_range", ["d", "z", "4", "0", "99"])
def test_choice_out_of_range_says_what_is_valid(out_of_range: str) -> None:
    verdict = grade(FRANCE, out_of_range, SHUFFLED)
    assert not verdict.correct
    assert verdict.reason == (
        "Not understood: answer with a letter from a to c or a number from 1 to 3."
    )


def test_choice_text_that_is_no_option() -> None:
    verdict = grade(FRANCE, "Spain", SHUFFLED)
    assert not verdict.correct
    assert verdict.reason == "Not one of the options: expected 'France'."


def test_choice_number_that_is_an_option_text_names_that_option() -> None:
    card = choice("1949", "1955", "1999", answer="1949")
    assert grade(card, 1949, Layout(options=(1, 2, 0))).correct  # answers file, by text
    assert grade(card, "1949", Layout(options=(1, 2, 0))).correct
    assert grade(card, "3", Layout(options=(1, 2, 0))).correct  # position 3 is 1949


def test_choice_with_a_broken_layout_uses_the_cards_order() -> None:
    for broken in (Layout(options=(0, 0, 1)), Layout(options=(5, 6, 7)), Layout(options=(1,))):
        assert grade(FRANCE, "a", broken).correct


# True / false


@pytest.mark.parametrize(
    "said", ["t", "T", "true", "True", "TRUE", "y", "Y", "yes", "Yes", " yes. ", True]
)
def test_truefalse_true(said: str | bool) -> None:
    verdict = grade(truefalse(True), said)
    assert verdict.correct and verdict.expected == "true"
    assert not grade(truefalse(False), said).correct


@pytest.mark.parametrize("said", ["f", "F", "false", "False", "n", "N", "no", "NO", False])
def test_truefalse_false(said: str | bool) -> None:
    verdict = grade(truefalse(False), said)
    assert verdict.correct and verdict.expected == "false"
    wrong = grade(truefalse(True), said)
    assert not wrong.correct and wrong.reason == "Wrong: the statement is true."


@pytest.mark.parametrize("odd", ["maybe", "yess", "tru", "1", 1, 0, "ja"])
def test_truefalse_anything_else_is_not_understood(odd: str | int) -> None:
    verdict = grade(truefalse(True), odd)
    assert not verdict.correct
    assert verdict.reason == "Not understood: answer true or false (t/f, y/n, yes/no)."


# Cloze


TWO_GAPS = cloze(("Indo-Pacific Four", "IP4"), ("2007",))


@pytest.mark.parametrize(
    "answer",
    [
        "Indo-Pacific Four; 2007",
        "IP4;2007",
        "  indo pacific four ;  2007 ",
        "IP4; 2007;",  # a trailing separator
        ["Indo-Pacific Four", "2007"],
        ("ip4", "two thousand and seven"),
        ["IP4", 2007],  # a YAML number in the list
    ],
)
def test_cloze_gaps_in_order(answer: Answer) -> None:
    verdict = grade(TWO_GAPS, answer)
    assert verdict.correct and verdict.reason == "Correct."
    assert verdict.expected == "Indo-Pacific Four; 2007"


def test_cloze_gaps_in_the_wrong_order_are_wrong() -> None:
    verdict = grade(TWO_GAPS, "2007; IP4")
    assert not verdict.correct
    assert verdict.reason == (
        "Wrong: gap 1 should be 'Indo-Pacific Four', not '2007'; gap 2 should be '2007', not 'IP4'."
    )


def test_cloze_one_wrong_gap_is_named() -> None:
    verdict = grade(TWO_GAPS, ["IP4", "2008"])
    assert not verdict.correct
    assert verdict.reason == "Wrong: gap 2 should be '2007', not '2008'."
    assert verdict.given == "IP4; 2008"


@pytest.mark.parametrize(
    ("answer", "got"),
    [("IP4", 1), ("IP4; 2007; 2008", 3), (["IP4"], 1), (["IP4", "2007", "x"], 3)],
)
def test_cloze_gap_count_mismatch(answer: Answer, got: int) -> None:
    verdict = grade(TWO_GAPS, answer)
    assert not verdict.correct
    assert verdict.reason == (
        f"Expected 2 answers separated by ';', got {got}; the answer is 'Indo-Pacific Four; 2007'."
    )


def test_cloze_typo_in_a_gap_is_reported() -> None:
    verdict = grade(TWO_GAPS, "Indo-Pacific Fuor; 2007")
    assert verdict.correct and verdict.typo
    assert verdict.typo_detail == "Fuor -> Four"
    both = grade(
        cloze(("decisive enabler",), ("systemic challenges",)),
        "decisve enabler; systemic challenegs",
    )
    assert both.correct and both.typo
    assert both.typo_detail == "decisve -> decisive; challenegs -> challenges"
    assert both.reason.startswith("Accepted with 2 typos")


def test_cloze_with_one_gap_takes_the_whole_answer() -> None:
    card = cloze(("decisive enabler",))
    assert grade(card, "Decisive enabler.").correct
    assert grade(card, ["decisive enabler"]).correct
    assert grade(card, "decisive enabelr").typo  # the one typo, in the whole answer
    verdict = grade(card, "key enabler")
    assert not verdict.correct and verdict.reason == "Wrong: expected 'decisive enabler'."
    count = grade(card, ["decisive", "enabler"])
    assert not count.correct and count.reason.startswith("Expected one answer, got 2")


# Numbers


@pytest.mark.parametrize(
    "answer",
    [
        "90",
        "90%",
        "90 %",
        "90 percent",
        "90 per cent",
        "ninety",
        "Ninety percent",
        "Ninety per cent",
        "90.0",
        90,
        90.0,
    ],
)
def test_number_forms(answer: Answer) -> None:
    verdict = grade(number(90, "%"), answer)
    assert verdict.correct and verdict.expected == "90%" and verdict.reason == "Correct."


@pytest.mark.parametrize(
    ("answer", "value"),
    [
        ("thirty-two", 32),
        ("thirty two", 32),
        ("Thirty–two", 32),
        ("one hundred", 100),
        ("a hundred", 100),
        ("one hundred and five", 105),
        ("nineteen hundred", 1900),
        ("1,000", 1000),
        ("one thousand", 1000),
        ("two thousand and ten", 2010),
        ("1,250,000", 1_250_000),
        ("one million two hundred fifty thousand", 1_250_000),
        ("2.5", 2.5),
        ("-5", -5),
        ("−5", -5),  # a typographic minus
        ("zero", 0),
    ],
)
def test_number_in_digits_and_words(answer: str, value: float) -> None:
    assert grade(number(value), answer).correct


def test_parse_number_returns_the_unit_after_the_number() -> None:
    assert parse_number("thirty two heads") == (32.0, "heads")
    assert parse_number("90 %") == (90.0, "%")
    assert parse_number("ninety per cent.") == (90.0, "per cent")
    assert parse_number("two thousand and") == (2000.0, "and")
    assert parse_number("thirty-two") == (32.0, "")  # no unit: nothing left over
    assert parse_number("one hundred and five") == (105.0, "")
    assert parse_number("two thousand and ten") == (2010.0, "")
    assert parse_number("1,000") == (1000.0, "")
    assert parse_number("lots") is None
    assert parse_number("") is None


def test_number_with_the_cards_unit_or_none() -> None:
    years = number(75, "years")
    assert grade(years, "75 years").correct
    assert grade(years, "75 Years.").correct
    assert grade(years, "75 year").correct
    assert grade(years, "seventy-five").correct
    assert grade(years, "75").expected == "75 years"
    assert grade(number(75), "75 years").correct  # a card without a unit takes any unit word


def test_number_near_miss_is_wrong() -> None:
    verdict = grade(number(90, "%"), "80%")
    assert verdict == Verdict(False, False, "90%", "80%", "Wrong: expected 90%.")
    assert not grade(number(90, "%"), "eighty").correct
    assert not grade(number(90, "%"), 89.9).correct


def test_number_with_a_different_unit_is_wrong() -> None:
    verdict = grade(number(90, "%"), "90 km")
    assert not verdict.correct
    assert verdict.reason == "Wrong unit: 'km' instead of '%'; expected 90%."
    assert not grade(number(75, "years"), "75 days").correct


def test_number_tolerance() -> None:
    about = number(30, tolerance=2)
    for inside in ("28", "30", "32", "thirty-one", 31.5):
        assert grade(about, inside).correct
    verdict = grade(about, "33")
    assert not verdict.correct and verdict.reason == "Wrong: expected 30 (give or take 2)."
    assert grade(number(0.3, tolerance=0.1), "0.4").correct  # no float rounding surprise
    assert grade(number(0.3, tolerance=0.1), "0.2").correct
    assert not grade(number(0.3, tolerance=0.1), "0.41").correct


def test_number_that_is_not_one_number() -> None:
    for several in ("90 or 80", "ninety or eighty", "90 80"):
        verdict = grade(number(90, "%"), several)
        assert not verdict.correct
        assert verdict.reason == "Not understood: give one number; expected 90%."
    # "twenty twenty" is the year 2020, one number
    assert grade(number(90, "%"), "twenty twenty").reason == "Wrong: expected 90%."
    for nonsense in ("lots", "about", True, "%"):
        verdict = grade(number(90, "%"), nonsense)
        assert not verdict.correct
        assert verdict.reason == (
            "Not understood: answer with a number, in digits or words (e.g. 90 or ninety)."
        )


def test_number_expected_is_shown_plainly() -> None:
    assert grade(number(2.5, "days"), "1").expected == "2.5 days"
    assert grade(number(32), "1").expected == "32"
    assert grade(number(1_000_000), "1").expected == "1000000"


# Order


@pytest.mark.parametrize("answer", ["b c a", "bca", "b,c,a", "b-c-a", "B, C, A", "b > c > a"])
def test_order_by_letters_in_the_shown_order(answer: str) -> None:
    verdict = grade(EVENTS, answer, EVENTS_SHOWN)
    assert verdict.correct and verdict.reason == "Correct."
    assert verdict.expected == "Quad created -> Quad revived -> AUKUS signed"


def test_order_by_item_texts() -> None:
    texts = ["quad created", "Quad revived", "AUKUS signed."]
    assert grade(EVENTS, texts, EVENTS_SHOWN).correct
    assert grade(EVENTS, "Quad created, Quad revived, AUKUS signed", EVENTS_SHOWN).correct
    assert grade(EVENTS, "Quad created -> Quad revived -> AUKUS signed").correct
    typo = grade(
        order("Quadrilateral created", "AUKUS signed"), ["Quadrilateral craeted", "AUKUS signed"]
    )
    assert typo.correct and typo.typo and typo.typo_detail == "craeted -> created"


def test_order_and_match_without_a_layout_use_the_cards_order() -> None:
    assert grade(EVENTS, "a b c").correct
    assert grade(EXPERTS, "a1 b2 c3").correct
    assert grade(EVENTS, "a b c", Layout(items=(0, 0, 0))).correct  # a broken layout


def test_order_must_match_as_a_whole() -> None:
    verdict = grade(EVENTS, "a b c", EVENTS_SHOWN)
    assert not verdict.correct
    assert verdict.reason == "Wrong order: expected Quad created -> Quad revived -> AUKUS signed."
    swapped = ["Quad revived", "Quad created", "AUKUS signed"]
    assert not grade(EVENTS, swapped, EVENTS_SHOWN).correct


@pytest.mark.parametrize("answer", ["b c", "b c a a", "b b a"])
def test_order_needs_every_item_once(answer: str) -> None:
    verdict = grade(EVENTS, answer, EVENTS_SHOWN)
    assert not verdict.correct
    assert verdict.reason == (
        "Give all 3 items, each once; expected Quad created -> Quad revived -> AUKUS signed."
    )


@pytest.mark.parametrize("answer", ["b c d", "x y z", "first second", ["Quad created"], 3])
def test_order_not_understood(answer: Answer) -> None:
    verdict = grade(EVENTS, answer, EVENTS_SHOWN)
    assert not verdict.correct
    assert verdict.reason == "Not understood: give the letters a to c in order, e.g. 'c a b'."


def test_order_unknown_item_text() -> None:
    verdict = grade(EVENTS, ["Quad created", "Quad revived", "Brexit"], EVENTS_SHOWN)
    assert not verdict.correct
    assert verdict.reason.startswith("'Brexit' is not one of the items")


# Match


@pytest.mark.parametrize(
    "answer",
    [
        "a2 b3 c1",
        "a2,b3,c1",
        "a2, b3, c1",
        "a-2 b-3 c-1",
        "a-2, b-3, c-1",
        "A2 B3 C1",
        "a2b3c1",
        "c1 a2 b3",
    ],
)
def test_match_by_letter_number_pairs_in_the_shown_order(answer: str) -> None:
    verdict = grade(EXPERTS, answer, EXPERTS_SHOWN)
    assert verdict.correct and verdict.reason == "Correct."
    assert verdict.expected == "Sacks -> CFR; Bergmann -> CSIS; Bachulska -> ECFR"


def test_match_by_mapping() -> None:
    mapping = {"Bachulska": "ECFR", "sacks": "cfr", "Bergmann": "CSIS"}
    verdict = grade(EXPERTS, mapping, EXPERTS_SHOWN)
    assert verdict.correct and verdict.given == "Bachulska -> ECFR; sacks -> cfr; Bergmann -> CSIS"
    assert grade(EXPERTS, MappingProxyType(mapping)).correct
    typo = grade(
        match(("Stoltenberg", "NATO"), ("Borrell", "EU")), {"Stoltenbreg": "NATO", "Borrell": "EU"}
    )
    assert typo.correct and typo.typo and typo.typo_detail == "Stoltenbreg -> Stoltenberg"


def test_match_every_pair_must_match() -> None:
    verdict = grade(EXPERTS, "a3 b2 c1", EXPERTS_SHOWN)
    assert not verdict.correct
    assert verdict.reason == (
        "Wrong for Sacks, Bergmann: expected Sacks -> CFR; Bergmann -> CSIS; Bachulska -> ECFR."
    )
    assert not grade(EXPERTS, "a2 b3 c1").correct  # the same letters unshuffled


def test_match_missing_pairs_are_wrong() -> None:
    verdict = grade(EXPERTS, "a2 b3", EXPERTS_SHOWN)
    assert not verdict.correct
    assert verdict.reason.startswith("Match all 3 pairs (Bachulska missing)")
    assert not grade(EXPERTS, {"Sacks": "CFR", "Bergmann": "CSIS"}).correct


@pytest.mark.parametrize("answer", ["a2 b3 d1", "a2 b3 c4", "a2 hello b3 c1", "abc", "123", 7])
def test_match_not_understood(answer: Answer) -> None:
    verdict = grade(EXPERTS, answer, EXPERTS_SHOWN)
    assert not verdict.correct
    assert (
        verdict.reason == "Not understood: give letter-number pairs from a to c, e.g. 'a2 b1 c3'."
    )


def test_match_a_letter_twice_is_wrong() -> None:
    verdict = grade(EXPERTS, "a2 a3 c1", EXPERTS_SHOWN)
    assert not verdict.correct and verdict.reason.startswith("'a' is paired twice")


def test_match_unknown_side_in_a_mapping() -> None:
    verdict = grade(EXPERTS, {"Sacks": "CFR", "Bergmann": "RAND", "Bachulska": "ECFR"})
    assert not verdict.correct
    assert verdict.reason.startswith("Not understood: 'RAND' is not on the right")


def test_match_with_a_repeated_right_side() -> None:
    card = match(("Australia", "Indo-Pacific"), ("Japan", "Indo-Pacific"), ("France", "Europe"))
    shown = Layout(left=(0, 1, 2), right=(2, 0, 1))  # 1) Europe 2) Indo-Pacific 3) Indo-Pacific
    assert grade(card, "a2 b3 c1", shown).correct
    assert grade(card, "a3 b2 c1", shown).correct  # either copy of the same text
    assert grade(
        card, {"Australia": "Indo-Pacific", "Japan": "indo pacific", "France": "Europe"}
    ).correct


# Bounds and odd input

ALL_CARDS: list[AnyCard] = [
    short("Stoltenberg"),
    FRANCE,
    truefalse(True),
    TWO_GAPS,
    number(90, "%"),
    EVENTS,
    EXPERTS,
]
MEGABYTE = 1_000_000


def without_given(verdict: Verdict) -> Verdict:
    """The verdict but for the answer echoed back (which is kept whole, for the log)."""
    return replace(verdict, given="")


@pytest.mark.parametrize("card", ALL_CARDS, ids=lambda card: card.type)
@pytest.mark.parametrize(
    "huge",
    [
        "x" * MEGABYTE,
        "a1 " * (MEGABYTE // 3),
        "Stoltenberg" + " " * MEGABYTE + "x",
        "e\u0301" * (MEGABYTE // 2),
        ";" * MEGABYTE,
        "9" * MEGABYTE,
        "ninety " * (MEGABYTE // 7),
        "yes" + " " * MEGABYTE + "no",
        "b" + " " * MEGABYTE + "c",
    ],
    ids=[
        "letters",
        "pairs",
        "padded",
        "combining",
        "separators",
        "digits",
        "words",
        "yes-no",
        "b-c",
    ],
)
def test_a_megabyte_answer_is_wrong_and_read_only_as_far_as_the_limit(
    card: AnyCard, huge: str
) -> None:
    """The work is bounded by size, not by the answer: only the first MAX_RAW characters are
    read, so what comes after them cannot change the verdict, and at most MAX_COMPARED
    normalised characters are ever compared.
    """
    verdict = grade(card, huge)
    assert not verdict.correct
    assert len(verdict.given) == len(huge.strip())  # kept faithfully for the log
    assert normalise_answer(huge) == normalise_answer(huge[:MAX_RAW])
    assert len(normalise_answer(huge)) <= MAX_COMPARED
    other_tail = huge[:MAX_RAW] + "#" * (len(huge) - MAX_RAW)
    for same_start in (other_tail, huge * 2):
        assert without_given(grade(card, same_start)) == without_given(verdict)


def test_surrounding_whitespace_of_any_length_does_not_matter() -> None:
    """Padding is stripped before anything else: the rules only see the short answer."""
    card = short("Stoltenberg")
    plain = grade(card, "Stoltenberg")
    assert plain.correct and plain.given == "Stoltenberg"
    for padding in (MEGABYTE, 2 * MEGABYTE):
        assert grade(card, " " * padding + "Stoltenberg\n") == plain
        assert grade(card, "\t\n " * padding + "Stoltenberg" + " \n" * padding) == plain


def test_a_megabyte_list_is_wrong_and_read_only_as_far_as_a_card_has_parts() -> None:
    """Only as many entries as a card has gaps, items or pairs, and one more (to see that
    there are too many), are read: the entries after them cannot change the verdict.
    """
    big = ["x" * 1000] * 1000
    read = MAX_ITEMS + 1  # no card here has more than MAX_ITEMS parts
    other_tail = big[:read] + ["#" * 1000] * (len(big) - read)
    for card in ALL_CARDS:
        verdict = grade(card, big)
        assert not verdict.correct
        assert without_given(grade(card, other_tail)) == without_given(verdict)


def test_control_characters_are_stripped_from_given() -> None:
    verdict = grade(short("Stoltenberg"), "\x1b]52;c;ZXZpbA==\x07Stoltenberg\x9b")
    assert "\x1b" not in verdict.given and "\x07" not in verdict.given
    assert "\x9b" not in verdict.given
    mapping = grade(EXPERTS, {"Sacks\x1b[2J": "CFR"})
    assert "\x1b" not in mapping.given


def test_escape_sequences_and_reversed_text_are_never_right() -> None:
    card = short("Indo-Pacific Four")
    # an OSC 52 clipboard write, the answer reversed behind a bidi override, a combining é
    for odd in ("\x1b]52;c;ZXZpbA==\x07", "\u202eruof cificap-odni", "e\u0301"):
        assert grade(card, odd).correct is False


@pytest.mark.parametrize(
    "odd",
    [
        "",
        "\x00",
        "\u202e\u2066",
        "\u0301\u0301",
        "مرحبا",
        "שלום",
        "\ud800",  # a lone surrogate
        None,
        object(),
        10**5000,
        float("nan"),
        float("inf"),
        -(10**400),
        b"bytes",
        [],
        {},
        [[["nested"]]],
        {"a": ["b"]},
        {1: 2},
        {"x", "y"},
    ],
    ids=lambda value: type(value).__name__,  # str() of a 5000-digit int raises
)
def test_odd_input_never_raises(odd: object) -> None:
    for card in ALL_CARDS:
        verdict = grade(card, odd)  # type: ignore[arg-type]
        assert isinstance(verdict, Verdict)
        assert not verdict.correct
        assert verdict.reason


def test_self_referencing_answer_never_raises() -> None:
    loop: list[object] = ["x"]
    loop.append(loop)
    for card in ALL_CARDS:
        assert not grade(card, loop).correct  # type: ignore[arg-type]


def test_a_malformed_card_is_never_right_and_never_raises() -> None:
    verdict = grade(object(), "x")  # type: ignore[arg-type]
    assert not verdict.correct and verdict.reason == "Cannot grade: this card is malformed."
    empty_gap = ClozeCard(id="z", prompt="", source=SRC, text="{{}}", gaps=((),))
    assert not grade(empty_gap, "x").correct
    no_options = ChoiceCard(id="c", prompt="?", source=SRC, options=(), answer="x")
    assert not grade(no_options, "a").correct


@settings(max_examples=300, deadline=None)
@given(
    answer=st.one_of(
        st.text(),
        st.text(alphabet="abcdefgh123 ,;-"),
        st.lists(st.text(), max_size=4),
        st.dictionaries(st.text(), st.text(), max_size=4),
        st.integers(),
        st.floats(),
        st.booleans(),
    )
)
def test_any_answer_gets_a_verdict(answer: Answer) -> None:
    for card in ALL_CARDS:
        verdict = grade(card, answer, Layout(options=(1, 2, 0), items=(2, 0, 1)))
        assert isinstance(verdict, Verdict)
        assert verdict.reason
        assert verdict.typo <= verdict.correct  # a typo is only ever reported on a right answer


@settings(max_examples=300, deadline=None)
@given(
    answer=st.one_of(
        st.text(),
        st.text(alphabet="abcdefgh0123456789 ,;-()"),
        st.lists(st.text(), max_size=4),
        st.dictionaries(st.text(), st.text(), max_size=4),
        st.integers(),
        st.floats(),
        st.booleans(),
    )
)
def test_answers_of_the_promised_types_never_need_the_safety_net(answer: Answer) -> None:
    """grade() turns any exception into "Not understood"; for Answer-typed input none occurs."""
    layout = Layout(options=(1, 2, 0), items=(2, 0, 1), left=(1, 0, 2), right=(2, 1, 0))
    for card in ALL_CARDS:
        kind_of(card).grade(card, answer, display(answer), layout, Reading())


@pytest.mark.parametrize(
    ("card", "answer", "layout", "hint"),
    [
        (number(90, "%"), "lots", Layout(), "Answer with a number"),
        (number(90, "%"), "90 80", Layout(), "Give one number."),
        (EXPERTS, "a2 b3", EXPERTS_SHOWN, "Match all 3 pairs: c (Bachulska) missing."),
        (EXPERTS, "a2 a3 c1", EXPERTS_SHOWN, "'a' is paired twice."),
        (EXPERTS, "abc", EXPERTS_SHOWN, "Give letter-number pairs"),
        (order("x", "y", "z"), "a b", Layout(), "Give all 3 items, each once."),
        (order("x", "y", "z"), "a b d", Layout(), "Give the letters a to c"),
        (truefalse(True), "maybe", Layout(), "Answer true or false"),
    ],
)
def test_an_unreadable_answer_says_what_to_fix_without_the_answer(
    card: AnyCard, answer: Answer, layout: Layout, hint: str
) -> None:
    verdict = grade(card, answer, layout)
    assert not verdict.correct and verdict.retry_hint.startswith(hint)
    assert isinstance(card, TrueFalseCard) or verdict.expected not in verdict.retry_hint


@pytest.mark.parametrize(
    ("card", "answer"),
    [(number(90, "%"), "80"), (EXPERTS, "a1 b2 c3"), (truefalse(True), "false"), (short("x"), "")],
)
def test_a_readable_wrong_answer_is_graded_not_asked_again(card: AnyCard, answer: Answer) -> None:
    verdict = grade(card, answer, EXPERTS_SHOWN if card is EXPERTS else Layout())
    assert not verdict.correct and verdict.retry_hint == ""


def test_the_answer_line_is_left_out_only_when_the_reason_says_it() -> None:
    from natobrief.grading.verdict import answer_line

    card = short("a")
    assert answer_line(card, grade(card, "b")) is None  # "Wrong: expected 'a'."
    assert answer_line(card, grade(card, "a")) == "a"  # "Correct." names no answer
    statement = truefalse(True)
    assert answer_line(statement, grade(statement, "false")) is None  # "the statement is true"
    within = number(32, tolerance=1)
    assert answer_line(within, grade(within, "31")) == "32 (give or take 1)"


# Forms the second examiner's table found refused (2026-12-02), each with a near miss
# that must stay wrong.
_FORMS_CARDS = {
    "date": ("July 10, 2024", ()),
    "count": ("three", ()),
    "person": ("Wang Huiyao", ()),
    "short-name": ("Douglas Jones", ()),
    "nickname": ("Liz Truss", ()),
    "titled": ("Jens Stoltenberg", ("Stoltenberg",)),
    "thing": ("nuclear-powered submarines", ()),
}


@pytest.mark.parametrize(
    ("kind", "answer", "right"),
    [
        ("date", "10.07.2024", True),
        ("date", "10th of July 2024", True),
        ("date", "july tenth twenty twenty-four", True),
        ("date", "the 10th of July, 2024", True),
        ("date", "11.07.2024", False),
        ("date", "10th of June 2024", False),
        ("date", "july tenth twenty twenty-three", False),
        ("count", "third", True),
        ("count", "the 3rd", True),
        ("count", "fourth", False),
        ("person", "Huiyao Wang", True),
        ("person", "Wang Yi", False),
        ("short-name", "Doug Jones", True),
        ("short-name", "Douglas Smith", False),
        ("short-name", "Dan Jones", False),
        ("nickname", "Elizabeth Truss", True),
        ("nickname", "Elizabeth Jones", False),
        ("titled", "Secretary General Stoltenberg", True),
        ("titled", "Mr Stoltenberg", True),
        ("titled", "Secretary General Rutte", False),
        ("thing", "nuclear powered subs", True),
        ("thing", "diesel subs", False),
    ],
)
def test_forms_a_teacher_accepts_and_their_near_misses(kind: str, answer: str, right: bool) -> None:
    from natobrief.deck.model import ShortCard, SourceRef

    expected, accept = _FORMS_CARDS[kind]
    card = ShortCard(
        id=kind, prompt="?", answer=expected, accept=accept, source=SourceRef("s", ()), line=1
    )
    assert grade(card, answer).correct is right, grade(card, answer).reason
