"""An exam in the app is a paper: move back and forth, change answers, see which questions
have one, and hand it in only from the question list (issue #16, item 5)."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Static

from natobrief.tui.screens.exam import ExamScreen
from natobrief.tui.screens.exam_questions import ExamQuestionsScreen
from natobrief.tui.screens.results import ResultsScreen
from tests.answers import canonical_answer, wrong_answer
from tests.tui.helpers import GOOD_DECK, build, settle, submit_exam, wait_for_screen


def deck_of(folder: Path, card_type: str, copies: int) -> Path:
    """The test deck's cards of one type, each ``copies`` times (ids numbered), with its
    sources: an exam of several questions that all take the same keys."""
    import shutil

    import yaml

    document = yaml.safe_load(GOOD_DECK.read_text(encoding="utf-8"))
    cards = [card for card in document["cards"] if card.get("type") == card_type]
    document["cards"] = [
        {**card, "id": f"{card['id']}-{n}"} for n in range(copies) for card in cards
    ]
    shutil.copytree(GOOD_DECK.parent / "sources", folder / "sources")
    deck = folder / f"{card_type}.yaml"
    deck.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return deck


async def _exam(pilot: object) -> ExamScreen:
    screen = await wait_for_screen(pilot, ExamScreen)  # type: ignore[arg-type]
    assert isinstance(screen, ExamScreen)
    return screen


async def _answer(pilot: object, screen: ExamScreen, right: bool) -> None:
    question, widget = screen.question, screen.answer_widget
    assert question is not None and widget is not None
    given = canonical_answer(question.card) if right else wrong_answer(question.card)
    widget.post_message(widget.Submitted(given))
    await settle(pilot)  # type: ignore[arg-type]


def _sheet_line(screen: ExamScreen) -> str:
    return str(screen.query_one("#sheet", Static).render())


async def test_escape_lists_the_questions_and_ends_nothing(tmp_path: Path) -> None:
    app = build(tmp_path, start="exam", exam_count=4)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _exam(pilot)
        await _answer(pilot, screen, right=True)
        assert screen.sheet.position == 1 and "Answered 1 of 4" in _sheet_line(screen)
        assert "1● 2○ 3○ 4○" in _sheet_line(screen)
        await pilot.press("escape")
        listing = await wait_for_screen(pilot, ExamQuestionsScreen)
        rows = listing.query_one(OptionList)
        texts = [str(rows.get_option_at_index(i).prompt) for i in range(rows.option_count)]
        assert [text.split()[1] for text in texts] == ["●", "○", "○", "○"]
        assert "answered" in texts[0] and "not answered" in texts[1]
        assert rows.highlighted == 1  # the question that was on screen
        await pilot.press("escape")  # back to the question: still nothing recorded
        await settle(pilot)
        assert app.screen is screen and screen.sheet.position == 1
        assert screen.session.results == [] and screen.phase == "asking"


async def test_back_to_an_earlier_question_and_change_its_answer(tmp_path: Path) -> None:
    app = build(tmp_path, start="exam", exam_count=3, deck=deck_of(tmp_path, "short", 3))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _exam(pilot)
        first = screen.question
        assert first is not None
        await _answer(pilot, screen, right=False)
        await pilot.press("pageup")
        await settle(pilot)
        assert screen.question is first
        field = screen.query_one("#answer", Input)
        assert field.value == wrong_answer(first.card)  # the answer given, to change
        assert "Question 1 of 3 · answered ·" in str(screen.query_one("#status", Static).render())
        field.value = ""
        await pilot.press(*str(canonical_answer(first.card)), "enter")
        await settle(pilot)
        assert screen.sheet.position == 1  # on to the next question without an answer
        await submit_exam(pilot)  # two without an answer: f asks, then hands in
        results = await wait_for_screen(pilot, ResultsScreen)
        session = results.session
        assert [(r.question.card.id, r.verdict.correct) for r in session.results] == [
            (first.card.id, True)
        ]
        assert len(session.unanswered()) == 2


async def test_what_is_typed_is_kept_when_moving_on(tmp_path: Path) -> None:
    app = build(tmp_path, start="exam", exam_count=2, deck=deck_of(tmp_path, "short", 3))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _exam(pilot)
        await pilot.press(*"Japan", "pagedown")  # typed, not entered
        await settle(pilot)
        assert screen.sheet.position == 1 and screen.sheet.given(0) == "Japan"
        assert "1● 2○" in _sheet_line(screen)
        await pilot.press("pagedown")  # past the last: says so, stays
        await settle(pilot)
        assert screen.sheet.position == 1
        assert any("This is the last question" in str(n.message) for n in app._notifications)
        await pilot.press("pageup")
        await settle(pilot)
        assert screen.query_one("#answer", Input).value == "Japan"


async def test_a_choice_given_before_is_marked_and_can_change(tmp_path: Path) -> None:
    app = build(tmp_path, start="exam", exam_count=2, deck=deck_of(tmp_path, "choice", 2))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _exam(pilot)
        await pilot.press("b")  # answers at once, and moves on
        await settle(pilot)
        assert screen.sheet.position == 1
        await pilot.press("pageup")
        await settle(pilot)
        options = screen.query_one(OptionList)
        assert options.highlighted == 1
        assert str(options.get_option_at_index(1).prompt).startswith("● b)")
        await pilot.press("a")
        await settle(pilot)
        assert screen.sheet.given(0) == "a"


async def test_the_last_answer_opens_the_list_and_f_hands_in_at_once(tmp_path: Path) -> None:
    app = build(tmp_path, start="exam", exam_count=2)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _exam(pilot)
        await _answer(pilot, screen, right=True)
        await _answer(pilot, screen, right=False)
        listing = await wait_for_screen(pilot, ExamQuestionsScreen)
        assert "All 2 questions have an answer" in " ".join(
            str(s.render()) for s in listing.query(Static)
        )
        assert screen.session.results == []  # not handed in by the last answer
        await pilot.press("f")  # every question has an answer: no second press
        results = await wait_for_screen(pilot, ResultsScreen)
        assert results.summary.answered == 2 and results.summary.correct == 1


async def test_f_asks_first_while_questions_have_no_answer(tmp_path: Path) -> None:
    app = build(tmp_path, start="exam", exam_count=3)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _exam(pilot)
        await _answer(pilot, screen, right=True)
        await pilot.press("escape")
        listing = await wait_for_screen(pilot, ExamQuestionsScreen)
        await pilot.press("f")
        await settle(pilot)
        warning = listing.query_one("#exam-submit-warning", Static)
        assert app.screen is listing and warning.display
        assert "2 questions without an answer will count as wrong" in str(warning.render())
        await pilot.press("down", "enter")  # goes to question 3 instead
        await settle(pilot)
        assert app.screen is screen and screen.sheet.position == 2


async def test_ctrl_q_asks_before_losing_answers_not_handed_in(tmp_path: Path) -> None:
    app = build(tmp_path, start="exam", exam_count=3)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _exam(pilot)
        await _answer(pilot, screen, right=True)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert app.is_running and app.screen is screen
        asked = [n for n in app._notifications if n.title == "Quit the exam?"]
        assert asked and "1 answer given, not handed in" in asked[0].message
        await pilot.press("ctrl+q")  # asked once: the second quits
        await pilot.pause()
        assert not app.is_running or app.closing


async def test_ctrl_q_quits_at_once_with_nothing_to_lose(tmp_path: Path) -> None:
    app = build(tmp_path, start="exam", exam_count=3)
    async with app.run_test(size=(100, 30)) as pilot:
        await _exam(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.closing


async def test_at_60x16_the_submit_warning_and_the_time_field_are_on_screen(
    tmp_path: Path,
) -> None:
    from natobrief.tui.screens.exam_options import ExamOptionsScreen
    from natobrief.tui.screens.home import HomeScreen

    app = build(tmp_path)
    async with app.run_test(size=(60, 16)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        await pilot.press("e")
        dialog = await wait_for_screen(pilot, ExamOptionsScreen)
        await pilot.press("tab", "1", "0")
        await settle(pilot)
        minutes = dialog.query_one("#exam-minutes", Input)
        assert minutes.has_focus and minutes.region.bottom <= 16 and minutes.region.height >= 3
        await pilot.press("enter")
        await wait_for_screen(pilot, ExamScreen)
        await pilot.press("escape")
        listing = await wait_for_screen(pilot, ExamQuestionsScreen)
        await pilot.press("f")
        await settle(pilot)
        warning = listing.query_one("#exam-submit-warning", Static)
        assert warning.display and warning.region.height > 0 and warning.region.bottom <= 15


async def test_time_running_out_under_help_over_the_list_still_ends_on_results(
    tmp_path: Path,
) -> None:
    app = build(tmp_path, start="exam", exam_count=3, time_limit_minutes=5)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _exam(pilot)
        await _answer(pilot, screen, right=True)
        await pilot.press("escape")
        await wait_for_screen(pilot, ExamQuestionsScreen)
        await pilot.press("f1")  # help over the question list over the exam
        await settle(pilot)
        screen.deadline = 0.0
        results = await wait_for_screen(pilot, ResultsScreen)
        assert results.summary.answered == 1 and results.time_up
