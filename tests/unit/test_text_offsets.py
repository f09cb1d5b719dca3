"""The normalised text of a source maps back to the original exactly as the per-character
walk it replaced did (kept here as the reference), for any text."""

from __future__ import annotations

import pickle

from hypothesis import given, settings
from hypothesis import strategies as st

from natobrief.deck.grounding import SourceIndex
from natobrief.text import fold_typography, normalise_passage, normalise_with_offsets


def reference(text: str) -> tuple[str, list[int]]:
    """One offset per character of the result, walked character by character."""
    folded = fold_typography(text)
    out: list[str] = []
    offsets: list[int] = []
    pending_space = False
    for index, char in enumerate(folded):
        if char.isspace():
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            offsets.append(index - 1)
            pending_space = False
        out.append(char)
        offsets.append(index)
    offsets.append(len(text))
    return "".join(out), offsets


TEXTS = st.text(
    alphabet=st.sampled_from(list("ab .\n\t\u00a0\u2019\u201c\u2014\u3000x")), max_size=60
)


@settings(max_examples=400)
@given(TEXTS)
def test_every_offset_matches_the_reference(text: str) -> None:
    normalised, offsets = normalise_with_offsets(text)
    expected, expected_offsets = reference(text)
    assert normalised == expected == normalise_passage(text)
    assert [offsets[i] for i in range(len(offsets))] == expected_offsets
    assert offsets[-1] == len(text)


def test_a_quote_is_found_across_line_breaks_and_curly_quotes() -> None:
    text = "  Intro.\n\nThe  \u201cpartners\u201d met\n   in Vilnius.  \n"
    index = SourceIndex.build(text)
    span = index.find('"partners" met in Vilnius')
    assert span is not None
    assert text[span[0] : span[1]] == "\u201cpartners\u201d met\n   in Vilnius"


def test_the_index_survives_pickling() -> None:
    index = SourceIndex.build("one two\n\nthree")
    again = pickle.loads(pickle.dumps(index))
    assert again == index
    assert again.find("two three") == index.find("two three")


def test_the_whitespace_list_is_pythons() -> None:
    from natobrief.text import WHITESPACE_CHARACTERS

    every = "".join(chr(code) for code in range(0x110000) if chr(code).isspace())
    assert every == WHITESPACE_CHARACTERS


@settings(max_examples=300)
@given(
    st.text(
        alphabet=st.sampled_from(list("ab\n\t\x1b\x00\x7f\x85\u202e\u200b\ufeff\u00e9\ud800")),
        max_size=30,
    )
)
def test_first_control_is_the_first_character_strip_control_removes(text: str) -> None:
    from natobrief.text import first_control, has_control, strip_control

    found = first_control(text)
    assert (found is not None) == has_control(text) == (strip_control(text) != text)
    if found is not None:
        at = next(i for i, char in enumerate(text) if strip_control(char) != char)
        line, column, name = found
        assert name == f"U+{ord(text[at]):04X}"
        assert line == text.count("\n", 0, at) + 1
        assert column == at - (text.rfind("\n", 0, at) + 1) + 1
