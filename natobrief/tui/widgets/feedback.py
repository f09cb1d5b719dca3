"""After an answer: the verdict and why, the expected answer, the note and the source passage."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from textual.content import Content
from textual.geometry import Region
from textual.strip import Strip
from textual.visual import Visual
from textual.widget import Widget

from natobrief.cardtypes.registry import kind_of
from natobrief.deck.passage import passage_for
from natobrief.grading.verdict import answer_line
from natobrief.scheduler import Rating
from natobrief.session_types import Result
from natobrief.tui.text import join, plain
from natobrief.tui.widgets.passage import passage_content
from natobrief.when import interval, relative

_BAR = plain("▌ ", "$accent")  # the passage's left rule, as in the reader's PassageView


class FeedbackPanel(Widget):
    """One Result as one block of lines, in a region whose size never changes.

    The panel takes the rest of the study screen for the whole session, empty
    while a question is asked. An answer changes only its text, so Textual
    repaints it without laying out the screen: a widget that changed height
    would make Textual lay the screen out twice (once for the change, once for
    the new virtual size) and repaint it both times, which was most of the time
    from an answer to its feedback. For the same reason it scrolls itself
    (PageUp/PageDown move the first line shown) instead of being a scroll
    container, and draws the passage's left rule as text.
    """

    DEFAULT_CSS = """
    FeedbackPanel { height: 1fr; padding: 0 1; margin-top: 1; }
    """

    def __init__(self, **kwargs: str) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self._blocks: tuple[Content, ...] = ()
        # The blocks drawn as strips, one per line, for a width and theme.
        self._drawn: tuple[tuple[int, str], list[Strip]] = ((0, ""), [])
        self.top = 0  # the first line shown

    def show(self, result: Result, previews: Mapping[Rating, datetime] | None = None) -> None:
        """Fill the panel with one answer's outcome; ``previews`` are when each rating key
        would bring the card back."""
        verdict = result.verdict
        if verdict.dont_know:
            mark = plain("Not known", "bold $text on $warning-muted")
        elif verdict.correct and verdict.typo:
            mark = plain("Correct (with a typo)", "bold $text on $warning-muted")
        elif verdict.correct:
            mark = plain("Correct", "bold $text on $success-muted")
        else:
            mark = plain("Not quite", "bold $text on $error-muted")
        passage = passage_for(result.question.deck, result.question.card)
        self._set_blocks((mark, details(result, previews), passage_content(passage)))

    def clear(self) -> None:
        """Empty the panel while the next question is asked."""
        self._set_blocks(())

    def _set_blocks(self, blocks: tuple[Content, ...]) -> None:
        width, height = self.content_size
        before = len(self._drawn[1]) - self.top
        self._blocks = blocks
        self._drawn = ((0, ""), [])
        self.top = 0
        # A repaint, never a layout: the region stays as it is. Only the lines
        # that held or will hold text are repainted (Textual styles and
        # composes every repainted line; below the text they stay blank).
        changed = max(before, len(self.lines(width)))
        if width and changed < height:
            self.refresh(Region(0, 0, width, changed))
        else:
            self.refresh()

    @property
    def text(self) -> str:
        """Everything the panel holds, as plain text (what a screen reader or a test reads)."""
        return "\n".join(block.plain for block in self._blocks)

    def lines(self, width: int) -> list[Strip]:
        """The blocks drawn ``width`` cells wide: verdict, details, blank, the barred passage.

        Each block is wrapped and styled in one pass (a pass per line cost
        three times as much), and the passage's lines get the bar in front.
        """
        key = (width, self.app.theme)
        if self._drawn[0] == key:
            return self._drawn[1]
        # New blocks, a resized terminal or another theme: draw again.
        lines: list[Strip] = []
        if self._blocks and width > 2:
            mark, about, passage = self._blocks
            style = self.visual_style
            lines += Visual.to_strips(self, mark, width, None, style)
            lines += Visual.to_strips(self, about, width, None, style)
            lines.append(Strip.blank(0))
            bar = Visual.to_strips(self, _BAR, 2, 1, style)[0]
            for line in Visual.to_strips(self, passage, width - 2, None, style):
                lines.append(Strip.join([bar, line]))
        self._drawn = (key, lines)
        return lines

    def _page(self, top: int, height: int, total: int) -> tuple[bool, int, bool]:
        """A page from line ``top``: a "more above" marker?, how many lines, "more below"?

        The markers take a row each, so a page shows ``height`` rows in all and
        every line of the feedback is on exactly one page.
        """
        above = top > 0 and height > 2
        rows = height - above
        below = top + rows < total and height > 2
        return above, max(1, rows - below), below

    def _page_tops(self, height: int, total: int) -> list[int]:
        """The first line of every page, in order."""
        tops = [0]
        while True:
            _above, rows, below = self._page(tops[-1], height, total)
            if not below:
                return tops
            tops.append(tops[-1] + rows)

    def scroll_page(self, direction: int) -> None:
        """Show the next (1) or previous (-1) page of a feedback longer than the panel."""
        width, height = self.content_size
        tops = self._page_tops(height, len(self.lines(width)))
        now = max(n for n, top in enumerate(tops) if top <= self.top)
        top = tops[min(len(tops) - 1, max(0, now + direction))]
        if top != self.top:
            self.top = top
            self.refresh()

    def render_line(self, y: int) -> Strip:
        """Line ``y`` of the panel (Textual's line API): only repainted lines are asked for."""
        width, height = self.content_size
        lines = self.lines(width)
        above, _rows, below = self._page(self.top, height, len(lines))
        if above and y == 0:
            return self._marker("▲ more: PageUp", width)
        if below and y == height - 1:
            return self._marker("▼ more: PageDown", width)
        index = self.top + y - above
        if index < len(lines):
            return lines[index]
        return Strip.blank(width, self.visual_style.rich_style)

    def _marker(self, text: str, width: int) -> Strip:
        return Visual.to_strips(self, plain(text, "italic auto 60%"), width, 1, self.visual_style)[
            0
        ]


def details(result: Result, previews: Mapping[Rating, datetime] | None = None) -> Content:
    """Why (unless plainly correct), the expected answer, the note and the next review."""
    verdict = result.verdict
    lines: list[Content] = []
    if verdict.reason != "Correct.":
        lines.append(plain(verdict.reason))
    card, layout = result.question.card, result.question.layout
    expected = answer_line(card, verdict)
    if expected is not None:
        lines.append(join(plain("Answer: ", "bold"), expected))
    as_shown = None if verdict.correct else kind_of(card).expected_as_shown(card, layout)
    if as_shown is not None:  # a match: the pairs in the letters and numbers it was asked in
        lines.append(join(plain("As shown: ", "bold"), as_shown))
    note = result.question.card.note
    if note:
        lines += [plain(""), plain(note, "auto 60%")]
    if result.rating is not None and result.due is not None:
        lines.append(plain(schedule_line(result, previews or {}), "auto 60%"))
    return Content("\n").join(lines)


def schedule_line(result: Result, previews: Mapping[Rating, datetime]) -> str:
    """The rating given and when the card comes back, then on a line of its own what each
    rating key would give: "Change it: 1 again 1m · 2 hard 6m · 3 good 10m · 4 easy 4d"."""
    assert result.rating is not None and result.due is not None
    now = result.reviewed_at or datetime.now(UTC)
    keys = " · ".join(
        f"{int(rating)} {rating.label} {interval(due - now)}"
        if (due := previews.get(rating)) is not None
        else f"{int(rating)} {rating.label}"
        for rating in Rating
    )
    rated = f"Rated {result.rating.label}; next review {relative(result.due, now)}."
    return f"{rated}\nChange it: {keys}."
