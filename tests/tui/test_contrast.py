"""Every text colour the app draws reads at WCAG 2's 4.5:1, in every built-in theme.

The ratios come from each theme's own variables (``theme.to_color_system().generate()``,
what ``$text-muted`` and the rest resolve to), read by Textual's own parsers and blended
with Textual's own colour arithmetic: a colour with alpha is composited over the
backgrounds under it, bottom first, as Textual does when it draws; an ``auto`` colour
is the theme's contrast text for the background it lands on.

The ANSI themes are left out: their colours are the terminal's palette, which no
program can know, so there is nothing to compute.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from textual.app import App, ComposeResult
from textual.color import Color
from textual.content import Content
from textual.css.parse import parse_declarations
from textual.css.styles import Styles
from textual.markup import parse_style
from textual.theme import BUILTIN_THEMES, Theme
from textual.widgets import Static

import natobrief.tui
from natobrief.tui.screens.brief import MARKER_STYLE, QUOTED_STYLE, UNCOVERED_STYLE
from natobrief.tui.widgets.passage import CITATION_STYLE, QUOTE_STYLE

WCAG_TEXT = 4.5  # WCAG 2 success criterion 1.4.3, normal text (a terminal has no large text)
THEMES = {name: theme for name, theme in BUILTIN_THEMES.items() if not theme.ansi}
TUI = Path(natobrief.tui.__file__).parent


@dataclass(frozen=True)
class Pair:
    """A text colour, what it is drawn on, and the file that sets the colour.

    ``text`` is a Content style (``"bold $text on $success-muted"``: its own ``on``
    background is composited last) or, with ``css=True``, the value of a ``color:``
    rule. ``under`` lists the backgrounds from the screen up, each the value of a
    ``background:`` rule, then optionally ``|`` and the value of a ``background-tint:``.
    ``dark_under``, when given, replaces ``under`` in the dark themes (a ``:dark`` rule).
    ``source`` is the file under natobrief/tui that writes ``text``; "textual" for a
    Textual widget's own default.
    """

    where: str
    text: str
    under: tuple[str, ...]
    source: str
    css: bool = False
    dark_under: tuple[str, ...] | None = None


# What the text sits on. App and Screen: background $background, color $foreground.
SCREEN = ("$background",)
# A dialog (a ModalScreen: $background 60% over the screen below), its box $surface.
DIALOG = ("$background", "$background 60%", "$surface")
# Textual's OptionList, DataTable and Input: $surface, tinted by $foreground 5% when focused.
FOCUSED = ("$background", "$surface | $foreground 5%")
BLURRED = ("$background", "$surface")
# The reader's paragraphs (reader.tcss #paragraphs, an OptionList on $background) and the
# selected one (its highlighted option) while the text has focus and while the document list has.
PARAGRAPHS = SCREEN
SELECTED = (*PARAGRAPHS, "$primary 15%")
SELECTED_BLURRED = (*PARAGRAPHS, "$primary 10%")
# A list's or a table's cursor (app.tcss), focused and not.
CURSOR = (*FOCUSED, "$primary 30%")
CURSOR_BLURRED = (*BLURRED, "$primary 15%")
# The key bar (widgets/key_bar.py).
KEY_BAR = (*SCREEN, "$surface")  # KeyBar's background in app.tcss


PAIRS: tuple[Pair, ...] = (
    # Body text: study, home, results, statistics, the reader's header and paragraphs.
    Pair("body text", "$foreground", SCREEN, "textual", css=True),
    # app.tcss #status and .hint, home.tcss #home-hint and #new-hint, results.tcss
    # #appeal-help, cards.tcss #card-count, reader.tcss #sentence-info.
    Pair("hints ($text-muted)", "$text-muted", SCREEN, "styles/app.tcss", css=True),
    Pair("cards: count line", "$text-muted", SCREEN, "screens/cards.py"),
    Pair(
        "cards: search error",
        "$text-error",
        SCREEN,
        "screens/cards.py",
    ),
    # The study feedback (widgets/feedback.py): the verdict; the note, the "Rated ...;
    # next review ..." and "Change it: ..." lines; the "more: PageUp" markers.
    Pair("feedback: correct", "bold $text on $success-muted", SCREEN, "widgets/feedback.py"),
    Pair("feedback: not quite", "bold $text on $error-muted", SCREEN, "widgets/feedback.py"),
    Pair(
        "feedback: typo, not known", "bold $text on $warning-muted", SCREEN, "widgets/feedback.py"
    ),
    # "auto 60%" is Textual's $text-muted written out: in a Content style Textual drops
    # a variable's alpha ("$text-muted" draws at full contrast), and $foreground-muted
    # was under 4.5:1 in eleven themes (2.37 in solarized-light, 3.98 in textual-light).
    Pair("feedback: rated line, note", "auto 60%", SCREEN, "widgets/feedback.py"),
    Pair("feedback: more markers", "italic auto 60%", SCREEN, "widgets/feedback.py"),
    # The study choices once answered (widgets/answer_inputs.py): the right option and a
    # wrong choice, in the OptionList (focused).
    Pair(
        "choices: right option",
        "bold $text on $success-muted",
        FOCUSED,
        "widgets/answer_inputs.py",
    ),
    Pair(
        "choices: wrong choice",
        "bold $text on $error-muted",
        FOCUSED,
        "widgets/answer_inputs.py",
    ),
    # The source passage under the feedback and in the exam results (widgets/passage.py).
    Pair("passage: citation", CITATION_STYLE, SCREEN, "widgets/passage.py"),
    Pair("passage: quote", QUOTE_STYLE, SCREEN, "widgets/passage.py"),
    # screens/results.py: "Time ran out: ...".
    Pair(
        "results: time ran out",
        "$text on $warning-muted",
        SCREEN,
        "screens/results.py",
    ),
    # The title bar (widgets/title_bar.py, its colour in app.tcss).
    Pair("title bar", "$text", (*SCREEN, "$panel"), "styles/app.tcss", css=True),
    # The key bar: each key, then its description in the bar's colour (app.tcss).
    Pair(
        "key bar: key",
        "bold $text-primary",
        KEY_BAR,
        "widgets/key_bar.py",
    ),
    Pair(
        "key bar: description",
        "$text",
        KEY_BAR,
        "styles/app.tcss",
        css=True,
    ),
    # The dialogs: help, exam options, new card, settings (styles/*.tcss).
    Pair("dialog: text", "$text", DIALOG, "styles/help.tcss", css=True),
    Pair("dialog: hints", "$text-muted", DIALOG, "styles/help.tcss", css=True),
    Pair("dialog: error", "$text", (*DIALOG, "$error-muted"), "styles/settings.tcss", css=True),
    Pair(
        "help: section title",
        "bold $text-primary",
        DIALOG,
        "screens/help.py",
    ),
    Pair("new card: cloze preview", "$text-primary", DIALOG, "styles/new_card.tcss", css=True),
    Pair(
        "new card: ready",
        "$text on $success-muted",
        DIALOG,
        "screens/new_card.py",
    ),
    Pair(
        "new card: problems",
        "$text on $error-muted",
        DIALOG,
        "screens/new_card.py",
    ),
    # The reader (screens/brief.py): the header's coverage and uncovered count, and
    # #sentence-info, on the screen; then the paragraphs, their quotes and uncovered
    # sentences, and each one's "3 cards" line (MARKER_STYLE).
    Pair("reader header: covered", "bold $text on $success-muted", SCREEN, "screens/brief.py"),
    Pair("reader header: uncovered", "bold $text on $warning-muted", SCREEN, "screens/brief.py"),
    Pair("reader: uncovered count", UNCOVERED_STYLE, SCREEN, "screens/brief.py"),
    Pair("reader: paragraph", "$foreground", PARAGRAPHS, "textual", css=True),
    Pair("reader: quote", QUOTED_STYLE, PARAGRAPHS, "screens/brief.py"),
    Pair("reader: uncovered", UNCOVERED_STYLE, PARAGRAPHS, "screens/brief.py"),
    Pair("reader: marker", MARKER_STYLE, PARAGRAPHS, "screens/brief.py"),
    Pair("reader: selected paragraph", "$text", SELECTED, "styles/reader.tcss", css=True),
    Pair("reader: selected quote", QUOTED_STYLE, SELECTED, "screens/brief.py"),
    Pair("reader: selected uncovered", UNCOVERED_STYLE, SELECTED, "screens/brief.py"),
    Pair("reader: selected marker", MARKER_STYLE, SELECTED, "screens/brief.py"),
    Pair("reader: selected, blurred", "$text", SELECTED_BLURRED, "styles/reader.tcss", css=True),
    Pair("reader: selected quote, blurred", QUOTED_STYLE, SELECTED_BLURRED, "screens/brief.py"),
    Pair(
        "reader: selected uncovered, blurred",
        UNCOVERED_STYLE,
        SELECTED_BLURRED,
        "screens/brief.py",
    ),
    Pair("reader: selected marker, blurred", MARKER_STYLE, SELECTED_BLURRED, "screens/brief.py"),
    # Lists and tables (their colours in app.tcss): the reader's document list and the
    # study choices (OptionList); the deck list, the card browser and the results by tag
    # (DataTable, zebra-striped).
    Pair("list: option", "$text", FOCUSED, "styles/app.tcss", css=True),
    Pair("list: cursor", "$text", CURSOR, "styles/app.tcss", css=True),
    Pair("list: cursor, blurred", "$text", CURSOR_BLURRED, "styles/app.tcss", css=True),
    Pair("table: row", "$text", FOCUSED, "styles/app.tcss", css=True),
    Pair(
        "table: zebra row",
        "$text",
        (*FOCUSED, "$surface-lighten-1 50%"),
        "styles/app.tcss",
        css=True,
        dark_under=(*FOCUSED, "$surface-darken-1 40%"),
    ),
    Pair(
        "table: header",
        "$text",
        (*FOCUSED, "$panel | $foreground 5%"),
        "styles/app.tcss",
        css=True,
    ),
    Pair("table: cursor", "$text", CURSOR, "styles/app.tcss", css=True),
    Pair(
        "table: cursor on a zebra row",
        "$text",
        (*FOCUSED, "$surface-lighten-1 50%", "$primary 30%"),
        "styles/app.tcss",
        css=True,
        dark_under=(*FOCUSED, "$surface-darken-1 40%", "$primary 30%"),
    ),
    Pair("table: cursor, blurred", "$text", CURSOR_BLURRED, "styles/app.tcss", css=True),
    # An answer typed in the study, a search in the card browser, the new-card fields.
    Pair("input: text", "$text", FOCUSED, "styles/app.tcss", css=True),
)
# Not checked: the passage's left bar and the borders
# (graphics: WCAG 1.4.11 asks 3:1 of them, not 4.5:1); the key bar's disabled keys ("dim":
# inactive controls are exempt); the picked sentence ("reverse": the same two colours
# swapped, the same ratio); a dialog's screen behind its veil (not meant to be read).
# Textual's form controls keep Textual's colours and are not in this table: Input
# placeholders ($text-disabled, 2.5 to 3.5:1 in every theme), Select, Button, Checkbox.


def luminance(color: Color) -> float:
    """WCAG 2 relative luminance of an opaque colour."""

    def linear(channel: int) -> float:
        value = channel / 255
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(color.r) + 0.7152 * linear(color.g) + 0.0722 * linear(color.b)


def contrast(one: Color, other: Color) -> float:
    """WCAG 2 contrast ratio, from 1 to 21."""
    light, dark = sorted((luminance(one), luminance(other)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


_VARIABLE = re.compile(r"\$([a-z0-9-]+)")


def _css(declarations: str, variables: dict[str, str]) -> Styles:
    """Declarations read by Textual's own CSS parser, the theme's variables substituted."""
    text = _VARIABLE.sub(lambda match: variables[match.group(1)], declarations)
    return parse_declarations(text, ("test_contrast", ""))


def colours(pair: Pair, theme: Theme) -> tuple[Color, Color]:
    """The opaque text and background colours ``pair`` is drawn in, in ``theme``."""
    variables = theme.to_color_system().generate()
    under = pair.dark_under if theme.dark and pair.dark_under else pair.under
    background = Color(0, 0, 0, 0)
    for layer in under:
        value, _, tint = layer.partition("|")
        rule = f"background: {value};" + (f" background-tint: {tint};" if tint else "")
        styles = _css(rule, variables)
        background += styles.background.tint(styles.background_tint)
    if pair.css:
        styles = _css(f"color: {pair.text};", variables)
        text = styles.color
        if styles.auto_color:
            text = background.get_contrast_text(text.a)
    else:
        style = parse_style(pair.text, variables)  # what Content.stylize(pair.text) draws
        if style.background is not None:
            background += style.background
        assert style.foreground is not None, f"{pair.where}: the style sets no colour"
        text = style.foreground
    return background + text, background  # text is drawn blended over its background


def ratio(pair: Pair, theme: Theme) -> float:
    return round(contrast(*colours(pair, theme)), 2)


async def test_the_colours_computed_are_those_textual_draws() -> None:
    """The arithmetic above against a real render: a quote and a hint in two themes."""
    quote = Pair("quote", QUOTE_STYLE, SCREEN, "textual")
    hint = Pair("hint", "$text-muted", SCREEN, "textual", css=True)

    class Sample(App[None]):
        CSS = ".hint { color: $text-muted; }"

        def compose(self) -> ComposeResult:
            yield Static(Content("quoted").stylize(QUOTE_STYLE))
            yield Static("a hint", classes="hint")

    for name in ("textual-light", "nord"):
        app = Sample()
        async with app.run_test(size=(20, 2)) as pilot:
            app.theme = name
            await pilot.pause()
            strips = app.screen._compositor.render_strips()
            for row, pair in enumerate((quote, hint)):
                segment = next(seg for seg in strips[row] if seg.text.strip())
                assert segment.style is not None and segment.style.color is not None
                assert segment.style.bgcolor is not None
                drawn = (
                    Color.from_rich_color(segment.style.color),
                    Color.from_rich_color(segment.style.bgcolor),
                )
                assert drawn == colours(pair, THEMES[name]), (name, pair.where)


def test_the_light_themes_are_among_those_checked() -> None:
    light = {name for name, theme in THEMES.items() if not theme.dark}
    assert {"textual-light", "solarized-light", "catppuccin-latte", "atom-one-light"} <= light


def test_each_colour_in_the_table_is_the_one_its_file_writes() -> None:
    """The table is copied from the code: a style changed there must change here too."""
    missing = [
        (pair.where, pair.source, colour)
        for pair in PAIRS
        if pair.source != "textual"
        for colour in re.findall(r"\$[a-z0-9-]+", pair.text) or [pair.text]
        if colour not in (TUI / pair.source).read_text()
    ]
    assert not missing, missing


@pytest.mark.parametrize("name", sorted(THEMES, key=lambda name: (THEMES[name].dark, name)))
def test_every_text_colour_reads_at_4_5_to_1(name: str) -> None:
    theme = THEMES[name]
    failing = [
        (name, pair.where, ratio(pair, theme)) for pair in PAIRS if ratio(pair, theme) < WCAG_TEXT
    ]
    assert not failing, "under 4.5:1 (theme, pair, ratio):\n" + "\n".join(map(str, failing))
