"""Rough edges a learner met: stacked toasts, Escape after the end, "?", "No mistakes", Tab."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from natobrief.tui.screens.exam import ExamScreen
from natobrief.tui.screens.results import ResultsScreen
from natobrief.tui.screens.study import StudyScreen
from natobrief.tui.widgets.feedback import FeedbackPanel
from natobrief.tui.widgets.key_bar import KeyBar
from tests.answers import canonical_answer
from tests.tui.helpers import build, settle, wait_for_screen


def key_bar_text(screen: StudyScreen) -> str:
    bar = screen.query_one(KeyBar)
    return "".join(bar.render_line(0).text for _ in range(1))


async def test_the_same_toast_twice_is_shown_once(tmp_path: Path) -> None:
    app = build(tmp_path, start="study")
    async with app.run_test(size=(110, 40)) as pilot:
        await wait_for_screen(pilot, StudyScreen)
        await pilot.press("enter", "enter", "enter")  # an empty answer, three times
        await settle(pilot)
        empty = [n for n in app._notifications if "The answer is empty" in n.message]
        assert len(empty) == 1


async def test_a_question_mark_is_not_known_not_a_wrong_answer(tmp_path: Path) -> None:
    app = build(tmp_path, start="study")
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await wait_for_screen(pilot, StudyScreen)
        assert isinstance(screen, StudyScreen)
        await pilot.press("question_mark", "enter")
        await settle(pilot)
        panel = screen.query_one(FeedbackPanel)
        assert panel.text.startswith("Not known")
        assert "You answered ? (not known)" in panel.text and "Answer: France" in panel.text
        result = screen.session.results[-1]
        assert not result.verdict.correct and result.rating is not None
        assert result.rating.label == "again"


async def test_escape_is_back_once_the_session_is_over(tmp_path: Path) -> None:
    app = build(tmp_path, start="study")
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await wait_for_screen(pilot, StudyScreen)
        assert isinstance(screen, StudyScreen)
        assert "End session" in key_bar_text(screen)
        await pilot.press(*"france", "enter")
        await settle(pilot)
        await pilot.press("escape")  # ends the session: its summary
        await settle(pilot)
        assert screen.phase == "done"
        shown = key_bar_text(screen)
        assert "End session" not in shown and "esc Back" in shown.replace("  ", " ")


async def first_answered_right(pilot: object) -> ExamScreen:
    """The exam's screen once its first question is answered right."""
    screen = await wait_for_screen(pilot, ExamScreen)  # type: ignore[arg-type]
    assert isinstance(screen, ExamScreen) and screen.question is not None
    widget = screen.answer_widget
    assert widget is not None
    widget.post_message(widget.Submitted(canonical_answer(screen.question.card)))
    await settle(pilot)  # type: ignore[arg-type]
    return screen


async def test_no_mistakes_is_said_only_when_every_question_was_answered(tmp_path: Path) -> None:
    app = build(tmp_path, start="exam", exam_count=4)
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await first_answered_right(pilot)
        screen.finish(time_up=True)
        results = await wait_for_screen(pilot, ResultsScreen)
        sections = [str(s.render()) for s in results.query(".section")]
        assert "No mistakes." not in sections
        assert "No mistakes among the answers given." in sections
        assert "Not answered: 3" in sections
        assert "(1 of 4 correct; 3 not answered)" in str(
            results.query_one("#score", Static).render()
        )


def deck_of_type(folder: Path, card_type: str) -> Path:
    """The test deck with only its cards of one type, in ``folder`` with its sources."""
    import shutil

    import yaml

    from tests.tui.helpers import GOOD_DECK

    document = yaml.safe_load(GOOD_DECK.read_text(encoding="utf-8"))
    document["cards"] = [card for card in document["cards"] if card.get("type") == card_type]
    shutil.copytree(GOOD_DECK.parent / "sources", folder / "sources")
    deck = folder / f"{card_type}.yaml"
    deck.write_text(yaml.safe_dump(document, allow_unicode=True), encoding="utf-8")
    return deck


async def test_tab_goes_round_the_cloze_gaps(tmp_path: Path) -> None:
    app = build(tmp_path, start="study", deck=deck_of_type(tmp_path, "cloze"))
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await wait_for_screen(pilot, StudyScreen)
        first, second = screen.query("#gap-1").first(), screen.query("#gap-2").first()
        await settle(pilot)
        assert app.focused is first
        await pilot.press("tab")
        assert app.focused is second
        await pilot.press("tab")  # from the last gap: the first again, not out of the fields
        assert app.focused is first
        await pilot.press("shift+tab")
        assert app.focused is second
        await pilot.press(*"2017")
        assert second.value == "2017"  # type: ignore[attr-defined]


async def test_a_wrong_choice_is_marked_wrong_and_the_right_one_right(tmp_path: Path) -> None:
    from textual.widgets import OptionList

    from natobrief.cardtypes.base import LETTERS
    from natobrief.tui.widgets.answer_inputs import ChoiceAnswer

    app = build(tmp_path, start="study", keep_apart=False)  # the choice card second
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await wait_for_screen(pilot, StudyScreen)
        assert isinstance(screen, StudyScreen)
        await pilot.press(*"france", "enter")
        await settle(pilot)
        await pilot.press("enter")  # on to the choice card
        await settle(pilot)
        widget = screen.answer_widget
        assert isinstance(widget, ChoiceAnswer)
        right = widget.right_index()
        wrong = (right + 1) % len(widget.option_texts())
        await pilot.press(LETTERS[wrong])
        await settle(pilot)
        options = widget.query_one(OptionList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert shown[right].startswith("✓ ") and shown[wrong].startswith("✗ ")
        others = [text for i, text in enumerate(shown) if i not in (right, wrong)]
        assert all(text.startswith("· ") for text in others)


async def test_a_wrong_match_shows_the_answer_in_the_letters_it_was_asked_in(
    tmp_path: Path,
) -> None:
    from natobrief.cardtypes.base import LETTERS

    app = build(tmp_path, start="study", deck=deck_of_type(tmp_path, "match"))
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await wait_for_screen(pilot, StudyScreen)
        assert isinstance(screen, StudyScreen) and screen.session.current is not None
        question = screen.session.current
        card, layout = question.card, question.layout
        right = [layout.right.index(pair) + 1 for pair in layout.left]  # a's number, b's ...
        expected = " ".join(f"{LETTERS[n]}{number}" for n, number in enumerate(right))
        wrong = " ".join(f"{LETTERS[n]}{number}" for n, number in enumerate(reversed(right)))
        await pilot.click("#answer")
        await pilot.press(*wrong, "enter")
        await settle(pilot)
        text = screen.query_one(FeedbackPanel).text
        assert f"As shown: {expected}" in text
        assert card.pairs[0][0] in text  # the words stay beside the letters


async def test_at_80_columns_deck_titles_keep_their_year(tmp_path: Path) -> None:
    from textual.widgets import DataTable

    from natobrief.tui.screens.home import HomeScreen
    from natobrief.tui.widgets.title_bar import cut_in_the_middle

    assert cut_in_the_middle("Stoltenberg on the rise of China (2021)", 30).endswith("…(2021)")
    bundled = Path(__file__).parents[2] / "decks"
    app = build(tmp_path, deck=bundled)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, HomeScreen)
        for _ in range(3):
            await settle(pilot)
        table = screen.query_one(DataTable)
        titles = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
    assert any("…" in title for title in titles)  # 80 columns are too few for the long ones
    assert any(title.endswith("2024 summit") for title in titles)
    assert any(title.endswith("(2021)") for title in titles)


async def test_the_reader_says_when_it_counts_only_the_cards_of_a_tag(tmp_path: Path) -> None:
    from textual.widgets import Select

    from natobrief.tui.screens.brief import BriefScreen
    from natobrief.tui.screens.home import HomeScreen

    app = build(tmp_path)
    async with app.run_test(size=(120, 36)) as pilot:
        home = await wait_for_screen(pilot, HomeScreen)
        home.query_one("#tag", Select).value = "people"
        await settle(pilot)
        home.query_one("DataTable").focus()
        await pilot.press("r")
        reader = await wait_for_screen(pilot, BriefScreen)
        await settle(pilot)
        header = str(reader.query_one("#doc-title", Static).render())
    assert "tagged people (coverage of those alone)" in header


async def test_at_60x16_the_right_option_stays_in_view_after_a_wrong_choice(
    tmp_path: Path,
) -> None:
    from textual.widgets import OptionList

    from natobrief.cardtypes.base import LETTERS
    from natobrief.tui.widgets.answer_inputs import ChoiceAnswer

    app = build(tmp_path, start="study", deck=deck_of_type(tmp_path, "choice"))
    async with app.run_test(size=(60, 16)) as pilot:
        screen = await wait_for_screen(pilot, StudyScreen)
        assert isinstance(screen, StudyScreen)
        widget = screen.answer_widget
        assert isinstance(widget, ChoiceAnswer)
        right = widget.right_index()
        await pilot.press(LETTERS[(right + 1) % len(widget.option_texts())])
        for _ in range(3):
            await settle(pilot)
        options, area = widget.query_one(OptionList), screen.question_area.content_region
        line = options.content_region.y + right  # on screen
        assert area.y <= line < area.bottom, (line, area)
