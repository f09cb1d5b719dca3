"""Studying in the app: every card type right and wrong, override, undo, bury, suspend."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.widgets import Input, Static

from natobrief.tui.screens.home import HomeScreen
from natobrief.tui.screens.study import StudyScreen
from natobrief.tui.widgets.feedback import FeedbackPanel
from tests.answers import canonical_answer
from tests.tui.helpers import build, settle, wait_for_screen


def text_of(screen: object, selector: str) -> str:
    widget = screen.query_one(selector, Static)  # type: ignore[attr-defined]
    return str(widget.render())


async def answer_text(pilot: object, text: str) -> None:
    await pilot.click("#answer")  # type: ignore[attr-defined]
    await pilot.press(*text, "enter")  # type: ignore[attr-defined]
    await settle(pilot)  # type: ignore[arg-type]


async def test_study_every_card_type(tmp_path: Path) -> None:
    # In the deck's order: with keep_apart on, a card the last screen gives away waits.
    app = build(tmp_path, start="study")
    app.settings = replace(app.settings, keep_apart=False)
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await wait_for_screen(pilot, StudyScreen)
        assert isinstance(screen, StudyScreen)
        session = screen.session

        async def current() -> str:
            assert session.current is not None
            return session.current.card.id

        # short, right: the feedback shows the passage with the quote inside its paragraph
        assert await current() == "tokyo-blocked"
        await pilot.press(*"france", "enter")
        await settle(pilot)
        panel = screen.query_one(FeedbackPanel)
        assert panel.text.startswith("Correct")
        assert "It was blocked by France" in panel.text
        assert "Source: NATO Watch (2024-07-31)" in panel.text
        # what is drawn, not only what is held: the verdict and the barred passage
        drawn = [panel.render_line(y).text for y in range(panel.content_size.height)]
        assert drawn[0].startswith("Correct")
        assert any(line.startswith("▌ Source: NATO Watch (2024-07-31)") for line in drawn)
        await pilot.press("enter")
        await settle(pilot)
        # choice, wrong, answered with a letter
        assert await current() == "enabler"
        question = session.current
        assert question is not None
        wrong_letter = next(
            "abc"[i]
            for i, k in enumerate(question.layout.options)
            if question.card.options[k] != "decisive enabler"
        )  # type: ignore[union-attr]
        await pilot.press(wrong_letter)
        await settle(pilot)
        assert panel.text.startswith("Not quite")
        assert (
            session.results[-1].rating is not None and session.results[-1].rating.label == "again"
        )
        await pilot.press("enter")
        await settle(pilot)
        # number, in words
        assert await current() == "heads-32"
        await pilot.press(*"thirty-two", "enter")
        await settle(pilot)
        assert session.results[-1].verdict.correct
        await pilot.press("enter")
        await settle(pilot)
        assert await current() == "micro-share"
        await pilot.press(*"80%", "enter")
        await settle(pilot)
        assert not session.results[-1].verdict.correct
        await pilot.press("enter")
        await settle(pilot)
        # true/false by key
        assert await current() == "met-in-washington"
        await pilot.press("f")
        await settle(pilot)
        assert session.results[-1].verdict.correct
        await pilot.press("enter")
        await settle(pilot)
        # cloze: one field per gap, Enter moves on
        assert await current() == "quad-cloze"
        assert "[1]" in text_of(screen, "#cloze-text")
        await pilot.press(*"2007", "enter", *"2017", "enter")
        await settle(pilot)
        assert session.results[-1].verdict.correct
        await pilot.press("enter")
        await settle(pilot)
        # order: move items with shift+j / shift+k until they are right
        assert await current() == "timeline"
        question = session.current
        assert question is not None
        order_widget = screen.query_one("OrderAnswer")
        target = [0, 1, 2]
        for position, wanted in enumerate(target):
            at = order_widget.order.index(wanted)  # type: ignore[attr-defined]
            options = order_widget.query_one("OptionList")
            options.highlighted = at  # type: ignore[attr-defined]
            for _ in range(at - position):
                await pilot.press("K")
        assert order_widget.order == target  # type: ignore[attr-defined]
        await pilot.press("enter")
        await settle(pilot)
        assert session.results[-1].verdict.correct
        await pilot.press("enter")
        await settle(pilot)
        # match: pairs typed against the shown letters and numbers
        assert await current() == "who-what"
        question = session.current
        assert question is not None
        layout = question.layout
        pairs = " ".join(f"{'ab'[i]}{layout.right.index(k) + 1}" for i, k in enumerate(layout.left))
        await answer_text(pilot, pairs)
        assert session.results[-1].verdict.correct


async def test_override_undo_bury_and_suspend(tmp_path: Path) -> None:
    app = build(tmp_path, start="study")
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await wait_for_screen(pilot, StudyScreen)
        assert isinstance(screen, StudyScreen)
        session = screen.session
        progress = session.progress
        await pilot.press(*"france", "enter")
        await settle(pilot)
        await pilot.press("4")  # override good -> easy
        await settle(pilot)
        live = [e for e in progress.log() if not e.undone]
        assert [e.rating for e in live] == [4]
        await pilot.press("u")  # undo: the same question comes back, its state restored
        await settle(pilot)
        assert session.current is not None and session.current.card.id == "tokyo-blocked"
        assert progress.card_state("test-deck", "tokyo-blocked") is None
        assert screen.query_one(Input).has_focus
        await pilot.press(*"spain", "enter")
        await settle(pilot)
        await pilot.press("b")  # bury: hidden until tomorrow, the next card is shown
        await settle(pilot)
        state = progress.card_state("test-deck", "tokyo-blocked")
        assert state is not None and state.buried_until is not None
        # Not the choice card whose answer ("decisive enabler") that passage showed.
        following = session.current
        assert following is not None and following.card.id not in ("tokyo-blocked", "enabler")
        widget = screen.answer_widget
        assert widget is not None
        widget.post_message(widget.Submitted(canonical_answer(following.card)))
        await settle(pilot)
        await pilot.press("s")  # suspend
        await settle(pilot)
        suspended = progress.card_state("test-deck", following.card.id)
        assert suspended is not None and suspended.suspended


async def test_home_lists_decks_with_counts(tmp_path: Path) -> None:
    app = build(tmp_path)
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await wait_for_screen(pilot, HomeScreen)
        await settle(pilot)
        table = screen.query_one("DataTable")
        rows = [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]  # type: ignore[attr-defined]
        assert rows[0][:5] == ["All decks", "8", "8", "0", "0"]
        assert rows[1][:5] == ["Test deck: every card type", "8", "8", "0", "0"]
        await pilot.press("s")
        study = await wait_for_screen(pilot, StudyScreen)
        assert study.sub_title == "Study: All decks"


async def test_home_keeps_every_count_on_screen_in_80_columns(tmp_path: Path) -> None:
    from natobrief.tui.app import make_app

    app = make_app(db_path=tmp_path / "progress.sqlite3")  # the bundled decks: long titles
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_for_screen(pilot, HomeScreen)
        await settle(pilot)
        table = screen.query_one("DataTable")
        widths = [column.get_render_width(table) for column in table.columns.values()]  # type: ignore[attr-defined]
        assert sum(widths) <= table.size.width  # no column off screen
        titles = [str(table.get_row_at(i)[0]) for i in range(1, table.row_count)]  # type: ignore[attr-defined]
        assert any("…" in title for title in titles)  # a long title is cut, visibly
        assert all(len(title) <= widths[0] for title in titles)


async def test_a_database_failure_is_a_notification_not_a_crash(tmp_path: Path) -> None:
    from natobrief.errors import StoreError

    app = build(tmp_path, start="study")
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await wait_for_screen(pilot, StudyScreen)
        assert isinstance(screen, StudyScreen)

        def refuse(*_args: object, **_kwargs: object) -> object:
            raise StoreError("the database is busy (another natobrief is writing to it)")

        progress = screen.session.progress
        record_with = progress.record_with
        progress.record_with = refuse  # type: ignore[method-assign]
        await pilot.press(*"france", "enter")
        await settle(pilot)
        assert app.is_running
        assert any("is busy" in str(n.message) for n in app._notifications)
        assert screen.phase == "asking"
        assert screen.answer_widget is not None and not screen.answer_widget.locked
        assert screen.session.current is not None
        # The database is back: the same answer goes through.
        progress.record_with = record_with  # type: ignore[method-assign]
        await pilot.press("enter")
        await settle(pilot)
        assert screen.phase == "feedback" and len(screen.session.results) == 1
        # A re-rating that fails is reported; the saved answer and its feedback stay.
        progress.record_with = refuse  # type: ignore[method-assign]
        app.clear_notifications()  # the first one would stand for the second: one toast a message
        await pilot.press("1")
        await settle(pilot)
        assert sum("is busy" in str(n.message) for n in app._notifications) == 1
        assert screen.phase == "feedback" and screen.answer_widget.locked
        assert screen.query_one(FeedbackPanel).text.startswith("Correct")


async def test_every_card_type_answered_wrong_shows_not_quite(tmp_path: Path) -> None:
    from tests.answers import wrong_answer

    app = build(tmp_path, start="study")
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await wait_for_screen(pilot, StudyScreen)
        assert isinstance(screen, StudyScreen)
        session = screen.session
        seen = set()
        while session.current is not None and len(seen) < 7:
            card = session.current.card
            widget = screen.query_one(".answer-input")
            widget.post_message(widget.Submitted(wrong_answer(card)))  # type: ignore[attr-defined]
            await settle(pilot)
            text = screen.query_one(FeedbackPanel).text
            assert text.startswith("Not quite") and "Source: NATO Watch" in text
            seen.add(card.type)
            await pilot.press("enter")
            await settle(pilot)
        assert seen == {"short", "choice", "number", "truefalse", "cloze", "order", "match"}


async def test_the_answered_field_stays_in_view_and_takes_no_more_keys(tmp_path: Path) -> None:
    app = build(tmp_path, start="study", keep_apart=False)  # the deck's cards in order
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await wait_for_screen(pilot, StudyScreen)
        assert isinstance(screen, StudyScreen)
        field = screen.query_one("#answer", Input)
        await pilot.press(*"france", "enter")
        await settle(pilot)
        assert field.has_focus and field.value == "france"  # still there, still focused
        await pilot.press(*"zzz", "backspace", "ctrl+u")  # typing after the answer changes nothing
        await settle(pilot)
        assert field.value == "france"
        assert screen.phase == "feedback" and len(screen.session.results) == 1
        keys = screen.query_one("KeyBar").text  # type: ignore[attr-defined]
        assert "Next" in keys and "1 2 3 4 Rate" in keys  # Enter is the screen's, shown as such
        await pilot.press("enter")
        await settle(pilot)
        assert screen.phase == "asking" and screen.session.current is not None
        assert screen.session.current.card.id == "enabler"
        await pilot.press("b")  # a letter option answers now; after the answer it buries
        await settle(pilot)
        assert len(screen.session.results) == 2 and screen.phase == "feedback"
        await pilot.press("b")  # at once: a repeat of the answer's key, not a bury
        await settle(pilot)
        assert screen.session.progress.card_state("test-deck", "enabler").buried_until is None  # type: ignore[union-attr]
        assert any("Press b again to bury" in n.message for n in app._notifications)
        await pilot.press("b")
        await settle(pilot)
        state = screen.session.progress.card_state("test-deck", "enabler")
        assert state is not None and state.buried_until is not None
        assert len(screen.session.results) == 2 and screen.phase == "asking"


async def test_a_long_feedback_pages_in_a_small_terminal(tmp_path: Path) -> None:
    app = build(tmp_path, start="study")
    async with app.run_test(size=(60, 18)) as pilot:
        screen = await wait_for_screen(pilot, StudyScreen)
        assert isinstance(screen, StudyScreen)
        await pilot.press(*"spain", "enter")
        await settle(pilot)
        panel = screen.query_one(FeedbackPanel)
        height = panel.content_size.height

        def drawn() -> list[str]:
            return [panel.render_line(y).text for y in range(height)]

        assert drawn()[0].startswith("Not quite")
        assert drawn()[-1] == "▼ more: PageDown"
        seen = drawn()[:-1]
        await pilot.press("pagedown")
        await settle(pilot)
        assert panel.top == height - 1 and drawn()[0] == "▲ more: PageUp"
        while drawn()[-1] == "▼ more: PageDown":
            seen += drawn()[1:-1]
            await pilot.press("pagedown")
            await settle(pilot)
        seen += drawn()[1:]
        assert "get off the ground" in "".join(drawn())  # the passage's last words
        # Every line of the feedback was on one page, none hidden under a marker.
        all_lines = [strip.text for strip in panel.lines(panel.content_size.width)]
        assert [line.rstrip() for line in seen if line.strip()] == [
            line.rstrip() for line in all_lines if line.strip()
        ]
        await pilot.press("pageup", "pageup", "pageup", "pageup")
        await settle(pilot)
        assert panel.top == 0 and drawn()[0].startswith("Not quite")


async def test_an_answer_that_cannot_be_read_is_asked_again_not_graded(tmp_path: Path) -> None:
    app = build(tmp_path, start="study", keep_apart=False)  # the deck's cards in order
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await wait_for_screen(pilot, StudyScreen)
        assert isinstance(screen, StudyScreen)
        session = screen.session
        for keys in (["f", "r", "a", "n", "c", "e", "enter"], ["a"]):  # two cards, then a number
            await pilot.press(*keys)
            await settle(pilot)
            await pilot.press("enter")
            await settle(pilot)
        assert session.current is not None and session.current.card.id == "heads-32"
        answered = len(session.results)
        await pilot.press(*"lots", "enter")
        await settle(pilot)
        # Nothing recorded, the field still takes keys, and the learner is told why.
        assert len(session.results) == answered and screen.phase == "asking"
        assert len(session.progress.log()) == answered
        messages = [n.message for n in app._notifications]
        assert any("answer with a number" in m.lower() and "answer again" in m for m in messages)
        field = screen.query_one("#answer", Input)
        assert not screen.answer_widget.locked and field.value == "lots"  # type: ignore[union-attr]
        await pilot.press("ctrl+u", *"32", "enter")
        await settle(pilot)
        assert len(session.results) == answered + 1 and session.results[-1].verdict.correct


async def test_an_enter_too_many_records_nothing(tmp_path: Path) -> None:
    app = build(tmp_path, start="study", keep_apart=False)  # the deck's cards in order
    async with app.run_test(size=(110, 40)) as pilot:
        screen = await wait_for_screen(pilot, StudyScreen)
        assert isinstance(screen, StudyScreen)
        session = screen.session
        await pilot.press("enter")  # an empty text field
        await settle(pilot)
        assert session.results == [] and screen.phase == "asking"
        assert any("The answer is empty" in n.message for n in app._notifications)
        await pilot.press(*"france", "enter", "enter")  # answered, then on to the choice card
        await settle(pilot)
        assert session.current is not None and session.current.card.id == "enabler"
        await pilot.press("enter")  # its first option is highlighted, but not chosen
        await settle(pilot)
        assert len(session.results) == 1 and screen.phase == "asking"
        assert any("No option chosen" in (n.title or "") for n in app._notifications)
        await pilot.press("down", "enter")  # moved there: now Enter chooses
        await settle(pilot)
        assert len(session.results) == 2 and screen.phase == "feedback"
        assert app._notifications == [] or all(  # the earlier warnings are cleared
            "empty" not in n.message for n in app._notifications
        )
