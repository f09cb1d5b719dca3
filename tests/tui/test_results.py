"""Exam results: mistakes show answers as text (not the letters of a gone shuffle); w saves once."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from natobrief.cardtypes.base import LETTERS, Layout
from natobrief.deck.loader import load_deck
from natobrief.deck.model import ChoiceCard, MatchCard, OrderCard, TrueFalseCard
from natobrief.grading.matching import Answer
from natobrief.grading.verdict import answer_in_words
from natobrief.session_types import Question
from natobrief.tui.screens.exam import ExamScreen
from natobrief.tui.screens.results import ResultsScreen
from tests.answers import wrong_answer
from tests.tui.helpers import GOOD_DECK, answer_exam, build, settle, wait_for_screen


def wrong_as_keyed(question: Question) -> tuple[Answer, str]:
    """A wrong answer given as the app's answer widgets give it, and how results should read."""
    card, layout = question.card, question.layout
    if isinstance(card, TrueFalseCard):
        return ("f", "false") if card.answer else ("t", "true")
    if isinstance(card, ChoiceCard):
        letter = next(
            i for i, k in enumerate(layout.options) if card.options[k] != card.answer
        )  # the first wrong option as shown
        return LETTERS[letter], card.options[layout.options[letter]]
    if isinstance(card, OrderCard):
        items = list(reversed(card.items))  # the order list posts the item texts
        return items, " → ".join(items)
    if isinstance(card, MatchCard):
        count = len(card.pairs)
        codes, pairs = [], []
        for shown_left, left in enumerate(layout.left):
            number = next(n for n, right in enumerate(layout.right) if right != left)
            codes.append(f"{LETTERS[shown_left]}{number + 1}")
            pairs.append(f"{card.pairs[left][0]} → {card.pairs[layout.right[number]][1]}")
        assert len(codes) == count
        return " ".join(codes), "; ".join(pairs)
    answer = wrong_answer(card)
    return answer, str(answer)


async def test_mistakes_show_answers_as_text(tmp_path: Path) -> None:
    app = build(tmp_path, start="exam", exam_count=8)
    expected: dict[str, str] = {}
    async with app.run_test(size=(110, 40)) as pilot:

        def answer(question: Question) -> Answer:
            given, shown = wrong_as_keyed(question)
            expected[question.card.prompt] = shown
            return given

        await answer_exam(pilot, answer)
        results = await wait_for_screen(pilot, ResultsScreen)
        lines = [str(static.render()) for static in results.query(Static)]
        answered = {
            lines[index - 1]: line.removeprefix("You answered: ")
            for index, line in enumerate(lines)
            if line.startswith("You answered: ")
        }
        for card_type in ("truefalse", "choice", "order", "match"):
            card = next(c for c in load_deck(GOOD_DECK).cards if c.type == card_type)
            assert answered[card.prompt] == expected[card.prompt], card_type
        match = next(c for c in load_deck(GOOD_DECK).cards if isinstance(c, MatchCard))
        right = "; ".join(f"{left} → {right}" for left, right in match.pairs)
        assert f"Answer: {right}" in lines


def test_letters_and_numbers_name_what_was_on_screen() -> None:
    deck = load_deck(GOOD_DECK)
    cards = {card.type: card for card in deck.cards}

    def shown(card_type: str, layout: Layout, given: str) -> str:
        return answer_in_words(cards[card_type], layout, given)

    choice = Layout(options=(2, 0, 1))  # a) neutral party  b) decisive enabler  c) silent partner
    assert shown("choice", choice, "a") == "neutral party"
    assert shown("choice", choice, "(B)") == "decisive enabler"
    assert shown("choice", choice, "3") == "silent partner"
    assert shown("choice", choice, "silent partner") == "silent partner"
    assert shown("choice", choice, "z") == "z"  # not an option: as typed
    assert shown("truefalse", Layout(), "y") == "true"
    order = Layout(items=(2, 0, 1))  # a) AUKUS announced  b) Quad created  c) Quad revived
    assert shown("order", order, "b c a") == "Quad created → Quad revived → AUKUS announced"
    assert shown("order", order, "Quad revived; AUKUS announced; Quad created") == (
        "Quad revived → AUKUS announced → Quad created"
    )
    match = Layout(left=(1, 0), right=(1, 0))  # a) Russia b) France; 1) imported 2) blocked
    assert shown("match", match, "a2 b1") == (
        "Russia → blocked the office; France → imported microelectronics"
    )
    assert shown("match", match, "a9") == "a9"  # no such number on screen: as typed
    assert shown("short", Layout(), "  ") == "—"


async def test_w_saves_the_report_once_and_says_where(tmp_path: Path, isolated_home: Path) -> None:
    app = build(tmp_path, start="exam", exam_count=1)
    async with app.run_test(size=(110, 40)) as pilot:
        await answer_exam(pilot, lambda question: wrong_answer(question.card))
        await wait_for_screen(pilot, ResultsScreen)
        await pilot.press("w")
        await settle(pilot)
        await pilot.press("w")
        await settle(pilot)
        folder = isolated_home / "data" / "reports"
        saved = list(folder.glob("exam-*.json"))
        assert len(saved) == 1
        messages = [str(n.message) for n in app._notifications]
        assert messages[-2] == f"Report saved: {saved[0].name}\nin the folder:\n{folder}"
        assert messages[-1] == (
            f"Already saved: {saved[0].name}\nin the folder:\n{folder}\nNothing new was written."
        )


async def test_an_exam_whose_time_runs_out_counts_the_rest_as_wrong(tmp_path: Path) -> None:
    app = build(tmp_path, start="exam", exam_count=4, time_limit_minutes=10)
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await wait_for_screen(pilot, ExamScreen)
        assert isinstance(screen, ExamScreen) and screen.question is not None
        widget = screen.answer_widget
        assert widget is not None
        widget.post_message(widget.Submitted(wrong_answer(screen.question.card)))
        await settle(pilot)
        await pilot.press("escape")  # the question list open: the time limit closes it too
        await settle(pilot)
        screen.deadline = 0.0  # the limit has passed: the next second's tick ends the exam
        results = await wait_for_screen(pilot, ResultsScreen)
        score = str(results.query_one("#score", Static).render())
        assert "Score: 0.0%  (0 of 4 correct; 3 not answered)" in score
        assert "Time ran out" in str(results.query_one("#time-up", Static).render())
        sections = [str(s.render()) for s in results.query(".section")]
        assert "Not answered: 3" in sections
        assert len(results.query("PassageView")) == 4  # the mistake's and the three unanswered
        # Every question of the exam is under its tags, answered or not.
        session = results.session
        cards = [r.question.card for r in session.results] + [c for _, c in session.unanswered()]
        asked = sum(score.asked for score in results.summary.by_tag.values())
        assert asked == sum(len(card.tags) for card in cards)
