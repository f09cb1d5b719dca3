"""One answer widget per card type. Each posts ``Submitted`` with an answer the grader reads.

Letters and numbers refer to the shuffled layout of the question, exactly as
the headless mode shows it, so the same grader serves both faces.
"""

from __future__ import annotations

from typing import cast

from rich.table import Table
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from natobrief.cardtypes.base import LETTERS
from natobrief.cardtypes.registry import kind_of
from natobrief.deck.model import ChoiceCard, ClozeCard, MatchCard, OrderCard, TrueFalseCard
from natobrief.grading.matching import Answer
from natobrief.session_types import Question
from natobrief.tui.text import cell, plain
from natobrief.tui.widgets.plain_input import Lockable, LockableOptionList, PlainInput


class AnswerInput(Lockable, Vertical):
    """Base of the answer widgets.

    After the answer the widget stays on screen, focused and locked: the learner
    still sees what they answered above the feedback, and every key (Enter
    included) goes to the screen's bindings. Its own actions (moving an order
    item) stop with the lock, as its fields' do.
    """

    DEFAULT_CSS = "AnswerInput { height: auto; }"

    class Submitted(Message):
        """The learner gave an answer."""

        def __init__(self, answer: Answer) -> None:
            super().__init__()
            self.answer = answer

    def __init__(self, question: Question, given: Answer | None = None) -> None:
        super().__init__(classes="answer-input")
        self.question = question
        self.given = given  # an answer given before (an exam's sheet), shown once mounted

    @classmethod
    def help_keys(cls, question: Question) -> list[tuple[str, str]]:
        """How a question is answered with this widget, as (keys, what they do) for help."""
        return [("Enter", "Answer")]

    def set_locked(self, locked: bool = True) -> None:
        """Stop taking the answer (after it is given), or take it again (after a failed save)."""
        super().set_locked(locked)
        for field in self.walk_children():
            if isinstance(field, Lockable):
                field.set_locked(locked)

    def show_answered(self) -> None:
        """Look answered (no text cursor). Called with the feedback, so both share one frame."""
        for field in self.walk_children():
            if isinstance(field, PlainInput):
                field.hide_cursor()

    def on_mount(self) -> None:
        """Take the keyboard focus as soon as the fields exist (showing an earlier answer)."""
        if self.given is not None:
            self.restore(self.given)
        self.focus_first()

    def focus_first(self) -> None:
        """Put the keyboard focus where typing starts."""
        fields = self.query(Input)
        if fields:
            fields.first().focus()
        else:
            self.focus()

    # An exam's sheet (exam_sheet.py) moves between questions and back.

    def typed(self) -> Answer | None:
        """What is typed and not yet submitted (kept when the learner moves on), if anything."""
        values = [field.value for field in self.query(Input)]
        if not any(value.strip() for value in values):
            return None
        return values if len(values) > 1 else values[0]

    def restore(self, answer: Answer) -> None:
        """Show ``answer``, given before, so that it can be changed (or left)."""
        values = answer if isinstance(answer, list) else [answer]
        for field, value in zip(self.query(Input), values, strict=False):
            field.value = str(value)


class TextAnswer(AnswerInput):
    """A text field, for short answers (and any card type answered by typing)."""

    PLACEHOLDER = "Type your answer and press Enter"

    @classmethod
    def help_keys(cls, question: Question) -> list[tuple[str, str]]:
        return [("Enter", "Answer with what you typed")]

    def compose(self) -> ComposeResult:
        yield PlainInput(placeholder=self.PLACEHOLDER, id="answer")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))  # empty too: the screen says what to do


class NumberAnswer(TextAnswer):
    """A text field for a number."""

    PLACEHOLDER = "Type a number and press Enter"

    @classmethod
    def help_keys(cls, question: Question) -> list[tuple[str, str]]:
        return [("Enter", "Answer with the number typed (digits or words, unit optional)")]


class KeyedOptionsAnswer(AnswerInput):
    """Options answered by pressing their key, or by moving to one and pressing Enter."""

    def option_keys(self) -> tuple[str, ...]:
        """The keys that answer directly."""
        raise NotImplementedError

    def focus_first(self) -> None:
        for options in self.query(OptionList):  # none if removed before its list was mounted
            options.focus()

    # Keys that move the highlight: after one of them, Enter answers with the highlighted option.
    MOVES = frozenset({"up", "down", "home", "end", "pageup", "pagedown"})
    moved = False

    def on_key(self, event: events.Key) -> None:
        keys = self.option_keys()
        if event.key in self.MOVES:
            self.moved = True
        elif event.key == "enter" and not self.moved and not self.locked:
            # The first option is highlighted from the start; an Enter pressed once too
            # often after the last feedback must not answer with it.
            event.prevent_default()
            event.stop()
            self.notify(
                f"Press a letter ({', '.join(keys[:2])}, ...), or move with ↑/↓ and press Enter.",
                title="No option chosen",
                severity="warning",
                timeout=4,
            )
        elif event.key in keys and not self.locked:
            event.stop()
            # The pressed option is highlighted, so the learner's answer stays visible.
            options = self.query_one(OptionList)
            options.highlighted = keys.index(event.key) % options.option_count
            self.post_message(self.Submitted(event.key))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Submitted(str(event.option.id)))

    def typed(self) -> Answer | None:
        return None  # an option is only chosen by its key or Enter

    def restore(self, answer: Answer) -> None:
        """Highlight the option chosen before, and mark it (Enter chooses it again)."""
        options = self.query_one(OptionList)
        ids = [str(options.get_option_at_index(i).id) for i in range(options.option_count)]
        keys, given = self.option_keys(), str(answer)
        if given not in ids and given not in keys:
            return  # not an option's key (nothing else is kept for these widgets)
        index = ids.index(given) if given in ids else keys.index(given) % len(ids)
        for position, text in enumerate(self.option_texts()):
            mark = "● " if position == index else "  "
            options.replace_option_prompt_at_index(position, plain(mark + text))
        options.highlighted = index
        self.moved = True

    def option_texts(self) -> list[str]:
        """Each option's text as listed, without a mark."""
        raise NotImplementedError

    def right_index(self) -> int:
        """Where the right option is listed."""
        raise NotImplementedError

    def mark_answer(self, correct: bool) -> None:
        """After the answer: ✓ and the success colour on the right option, ✗ and the error
        colour on the one chosen when it is wrong (a sign, so it reads without colour too)."""
        options = self.query_one(OptionList)
        chosen = options.highlighted
        right = self.right_index()
        for index, text in enumerate(self.option_texts()):
            if index == right:
                prompt = plain(f"✓ {text}", "bold $text on $success-muted")
            elif index == chosen and not correct:
                prompt = plain(f"✗ {text}", "bold $text on $error-muted")
            else:
                prompt = plain(f"· {text}")  # a sign in line with the others (spaces are trimmed)
            options.replace_option_prompt_at_index(index, prompt)
        options.highlighted = None  # the marks show the answer; a highlight bar would hide them


class ChoiceAnswer(KeyedOptionsAnswer):
    """Lettered options: press the letter, or move and press Enter."""

    @classmethod
    def help_keys(cls, question: Question) -> list[tuple[str, str]]:
        last = LETTERS[max(len(cast(ChoiceCard, question.card).options), 1) - 1]
        return [
            (f"a–{last}", "Choose that option: the answer is given at once"),
            ("↑ ↓  Enter", "Highlight an option, then choose it"),
        ]

    def compose(self) -> ComposeResult:
        # The registry gives choice cards this widget.
        options = [Option(plain(text), id=LETTERS[i]) for i, text in enumerate(self.option_texts())]
        yield LockableOptionList(*options, id="options")

    def option_keys(self) -> tuple[str, ...]:
        return tuple(LETTERS[: len(self.question.layout.options)])

    def option_texts(self) -> list[str]:
        card = cast(ChoiceCard, self.question.card)
        return [
            f"{LETTERS[i]})  {card.options[k]}" for i, k in enumerate(self.question.layout.options)
        ]

    def right_index(self) -> int:
        card = cast(ChoiceCard, self.question.card)
        shown = [card.options[k] for k in self.question.layout.options]
        return shown.index(card.answer)


class TrueFalseAnswer(KeyedOptionsAnswer):
    """Two options: t (or y) for true, f (or n) for false."""

    @classmethod
    def help_keys(cls, question: Question) -> list[tuple[str, str]]:
        return [
            ("t  y", "True"),
            ("f  n", "False"),
            ("↑ ↓  Enter", "Highlight True or False, then choose it"),
        ]

    def compose(self) -> ComposeResult:
        true, false = self.option_texts()
        yield LockableOptionList(Option(true, id="true"), Option(false, id="false"))

    def option_keys(self) -> tuple[str, ...]:
        return ("t", "f", "y", "n")

    def option_texts(self) -> list[str]:
        return ["t)  True", "f)  False"]

    def right_index(self) -> int:
        return 0 if cast(TrueFalseCard, self.question.card).answer else 1


class ClozeAnswer(AnswerInput):
    """One field per gap; Enter moves on, and submits from the last gap. Tab and shift+Tab
    go round the gaps: from the last, Tab is the first gap again, never out of the fields
    (what was typed next would land nowhere)."""

    BINDINGS = [
        Binding("tab", "gap(1)", "Next gap", show=False, id="cloze.next"),
        Binding("shift+tab", "gap(-1)", "Previous gap", show=False, id="cloze.previous"),
    ]

    def action_gap(self, step: int) -> None:
        """Go to the next (or previous) gap, round from the last to the first."""
        fields = list(self.query(Input))
        focused = self.screen.focused
        index = fields.index(focused) if focused in fields else -step
        fields[(index + step) % len(fields)].focus()

    @classmethod
    def help_keys(cls, question: Question) -> list[tuple[str, str]]:
        return [
            ("Enter", "Next gap; in the last gap, answer"),
            ("Tab  shift+Tab", "Next or previous gap"),
        ]

    def compose(self) -> ComposeResult:
        card = cast(ClozeCard, self.question.card)  # the registry gives cloze cards this widget
        for number in range(1, len(card.gaps) + 1):
            with Horizontal(classes="gap-row"):
                yield Label(f"[{number}]", classes="gap-label", markup=False)
                yield PlainInput(placeholder=f"gap {number}", id=f"gap-{number}")

    @on(Input.Submitted)
    def _next(self, event: Input.Submitted) -> None:
        event.stop()
        fields = list(self.query(Input))
        index = fields.index(event.input)
        if index + 1 < len(fields):
            fields[index + 1].focus()
            return
        self.post_message(self.Submitted([field.value for field in fields]))


class OrderAnswer(AnswerInput):
    """The items as shown; move the highlighted one with ctrl+up / ctrl+down, Enter to submit."""

    BINDINGS = [
        Binding("ctrl+up,K", "move(-1)", "Move up", id="order.up"),
        Binding("ctrl+down,J", "move(1)", "Move down", id="order.down"),
    ]

    def __init__(self, question: Question, given: Answer | None = None) -> None:
        super().__init__(question, given)
        self.order = list(question.layout.items)
        self.card = cast(OrderCard, question.card)  # the registry gives order cards this widget

    @classmethod
    def help_keys(cls, question: Question) -> list[tuple[str, str]]:
        return [
            ("↑ ↓", "Highlight an item"),
            ("ctrl+↑ ctrl+↓  K J", "Move the highlighted item up or down"),
            ("Enter", "Answer with the items in this order"),
        ]

    def compose(self) -> ComposeResult:
        yield Static(
            "Put these in order: highlight an item and move it with ctrl+↑ / ctrl+↓ "
            "(or shift+k / shift+j); Enter when done.",
            classes="hint",
            markup=False,
        )
        yield LockableOptionList(*self._options(), id="order")

    def _options(self) -> list[Option]:
        return [
            Option(plain(f"{position + 1}.  {self.card.items[k]}"))
            for position, k in enumerate(self.order)
        ]

    def focus_first(self) -> None:
        for options in self.query(OptionList):  # none if removed before its list was mounted
            options.focus()

    def action_move(self, step: int) -> None:
        """Move the highlighted item one place up or down."""
        options = self.query_one(OptionList)
        index = options.highlighted
        if index is None or not 0 <= index + step < len(self.order):
            return
        self.order[index], self.order[index + step] = self.order[index + step], self.order[index]
        options.clear_options()
        options.add_options(self._options())
        options.highlighted = index + step

    @on(OptionList.OptionSelected)
    def _submit(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Submitted([self.card.items[k] for k in self.order]))

    def typed(self) -> Answer | None:
        return None  # an order is given by Enter

    def restore(self, answer: Answer) -> None:
        """Put the items in the order given before."""
        if not isinstance(answer, list):
            return
        remaining = list(range(len(self.card.items)))
        order = []
        for text in answer:
            index = next((k for k in remaining if self.card.items[k] == text), None)
            if index is not None:
                remaining.remove(index)
                order.append(index)
        self.order = order + remaining
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(self._options())


class MatchAnswer(AnswerInput):
    """Lettered left column, numbered right column, and a field for the pairs."""

    @classmethod
    def help_keys(cls, question: Question) -> list[tuple[str, str]]:
        return [
            ("a2 b1 …", "Type letter-number pairs: a left letter, a right number"),
            ("Enter", "Answer with the pairs typed"),
        ]

    def compose(self) -> ComposeResult:
        card = cast(MatchCard, self.question.card)  # the registry gives match cards this widget
        layout = self.question.layout
        with Horizontal(classes="match-grid"):
            left = [(f"{LETTERS[i]})", card.pairs[k][0]) for i, k in enumerate(layout.left)]
            right = [(f"{i + 1})", card.pairs[k][1]) for i, k in enumerate(layout.right)]
            yield Static(_labelled(left), classes="match-left")
            yield Static(_labelled(right), classes="match-right")
        yield PlainInput(placeholder="Pairs such as a2 b1 c3, then Enter", id="answer")

    @on(Input.Submitted)
    def _submit(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))  # empty too: the screen says what to do


def _labelled(rows: list[tuple[str, str]]) -> Table:
    """Labelled lines whose wrapped text stays under its own start, not under the label."""
    table = Table.grid(padding=(0, 1))
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    for label, text in rows:
        table.add_row(label, cell(text))
    return table


# The answer widgets by class name: a card type names its own (CardKind.widget).
WIDGETS: dict[str, type[AnswerInput]] = {
    widget.__name__: widget
    for widget in (
        TextAnswer,
        NumberAnswer,
        ChoiceAnswer,
        TrueFalseAnswer,
        ClozeAnswer,
        OrderAnswer,
        MatchAnswer,
    )
}


def answer_widget_class(question: Question) -> type[AnswerInput]:
    """The answer widget class that the question's card type names."""
    return WIDGETS[kind_of(question.card).widget]


def answer_input_for(question: Question, given: Answer | None = None) -> AnswerInput:
    """The answer widget that fits the question's card type (showing ``given``, if any)."""
    return answer_widget_class(question)(question, given)
