"""Property tests: nothing but the documented errors escapes the loader or the grader."""

from __future__ import annotations

import contextlib
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from natobrief.cardtypes.base import Layout
from natobrief.deck.library import load_decks
from natobrief.deck.loader import read_deck
from natobrief.deck.model import Card, ChoiceCard, MatchCard, OrderCard
from natobrief.deck.yaml_layout import card_at, colon_hint, indentation_hint
from natobrief.deck.yaml_nodes import YamlProblem, parse_yaml
from natobrief.grading.verdict import grade
from natobrief.headless.answers import AnswersFileError, read_answers

DECKS = load_decks(())
CARDS = [card for deck in DECKS for card in deck.cards]
YAML_PIECES = st.sampled_from(
    [
        "natobrief: 1\n",
        "id: d\n",
        "title: T\n",
        "sources:\n",
        "  s: {title: S, file: s.txt}\n",
        "cards:\n",
        "  - id: c\n",
        "    prompt: P?\n",
        "    answer: A\n",
        "    type: choice\n",
        "    options: [a, b]\n",
        "    source: {doc: s, quote: Some}\n",
        "&a [1, 2]\n",
        "*a\n",
        "!!python/object:os.system\n",
        "[",
        "]",
        "{",
        "}",
        ":",
        "- ",
        "\t",
        "\x00",
        "'",
        '"',
        "#",
        "\n",
        "  ",
        "x-key: 1\n",
        "---\n",
        "? [a]\n",
        "{{gap}}",
        "é",
        "\x1b]52;",
        "…",
    ]
)
ANSWERS = st.one_of(
    st.text(max_size=200),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.lists(st.text(max_size=30), max_size=10),
    st.dictionaries(st.text(max_size=20), st.text(max_size=20), max_size=8),
)


def orders(count: int) -> st.SearchStrategy[tuple[int, ...]]:
    """A shuffled order of a card's ``count`` options, items or sides."""
    return st.permutations(range(count)).map(tuple)


def layouts(card: Card) -> st.SearchStrategy[Layout]:
    """Layouts the card could really be shown in: permutations of exactly its own count."""
    if isinstance(card, ChoiceCard):
        return st.builds(Layout, options=orders(len(card.options)))
    if isinstance(card, OrderCard):
        return st.builds(Layout, items=orders(len(card.items)))
    if isinstance(card, MatchCard):
        count = len(card.pairs)
        return st.builds(Layout, left=orders(count), right=orders(count))
    return st.just(Layout())  # the other types are shown in one order


SHOWN_CARDS = st.sampled_from(CARDS).flatmap(lambda card: st.tuples(st.just(card), layouts(card)))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(YAML_PIECES, max_size=40).map("".join))
def test_loader_only_reports_problems(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "s.txt").write_text("Some source text.\n")
        path = Path(folder) / "deck.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        result = read_deck(path)  # must not raise
        if result.deck is None:
            assert result.errors, "a refused deck says why"
            assert all(p.hint for p in result.errors)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(YAML_PIECES, st.sampled_from(["      ", "   - id: z\n", "\r", "\u2028"]))
    ).map("".join),
    st.integers(min_value=-2, max_value=60),
    st.integers(min_value=-2, max_value=60),
)
def test_the_layout_reading_never_fails(text: str, line: int, column: int) -> None:
    """The raw-text reading behind syntax errors answers (or gives up) on any text and place."""
    card = card_at(text, line)
    assert card is None or isinstance(card, str)
    for hint in (indentation_hint(text, line), colon_hint(text, line, column)):
        assert hint is None or hint.strip()


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_yaml_reader_raises_only_yaml_problems(text: str) -> None:
    with contextlib.suppress(YamlProblem):  # the one error it may raise
        parse_yaml(text)


@settings(max_examples=500, deadline=None)
@given(SHOWN_CARDS, ANSWERS)
def test_grader_always_returns_a_verdict(shown_card: tuple[Card, Layout], answer: object) -> None:
    card, layout = shown_card
    verdict = grade(card, answer, layout)  # type: ignore[arg-type]
    assert isinstance(verdict.correct, bool)
    assert verdict.reason
    assert "\x1b" not in verdict.given


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_answers_files_raise_only_answers_file_errors(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "answers.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            read_answers(path)
        except AnswersFileError as error:
            assert str(path) in str(error)
