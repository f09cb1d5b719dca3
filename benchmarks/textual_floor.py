"""Textual's floor under rows 1 and 6: a stock app shaped like the study screen.

Row 1b starts this app as a whole process, to the first frame that holds its
prompt, beside the empty app of row 1: what Textual's own widgets for the study
screen cost before any of natobrief's work. For row 6b, the same app (a title
line, two lines of text, an input, a panel filling the rest, a key bar) makes,
on each "answer", the change
natobrief makes: the panel's text replaced by a dozen lines of feedback with a
few styled spans, and the key bar's line replaced, both without a layout
(``update(..., layout=False)``, sizes unchanged), with none of natobrief's work
(no grading, no database, no worker thread). The time from the change to the
frame that shows it, measured the same way as natobrief's (``FrameWatch``), is
the floor under row 6 at the same terminal size.
"""

from __future__ import annotations

import time

from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

_PASSAGE = (
    "The alliance met in Washington. The 32 heads of state and government denounced "
    "Beijing for serving as Moscow's decisive enabler in Russia's war. It was blocked by "
    "France and other European members and is unlikely to get off the ground."
)


class _Panel(Static):
    """The feedback panel's stand-in: a Static filling the rest of the screen."""

    DEFAULT_CSS = "_Panel { height: 1fr; padding: 0 1; margin-top: 1; }"


def _feedback(answer: int) -> Content:
    """About what natobrief shows: verdict, details, a note and a highlighted passage."""
    passage = Content(_PASSAGE).stylize("bold $text-accent on $accent 20%", 100, 150)
    parts = [
        Content("Not quite").stylize("bold $error"),
        Content(f"Wrong: expected 'France' (answer {answer})."),
        Content("Answer: France").stylize("bold", 0, 7),
        Content(""),
        Content("Bergmann said so.").stylize("$foreground-muted"),
        Content("Rated again; next review Mon 02 Mar 09:01.").stylize("$foreground-muted"),
        Content(""),
        Content("Source: NATO Watch (2024-07-31)").stylize("italic $foreground-muted"),
        Content(""),
        passage,
    ]
    return Content("\n").join(parts)


class FloorApp(App[None]):
    """The study screen's shape, and nothing else."""

    def compose(self) -> ComposeResult:
        yield Static("natobrief — Study", id="title")  # natobrief's one-line title bar
        with Vertical():
            yield Static("Question 1 · 19 more waiting", id="status")
            yield Static("What does IP4 stand for?", id="prompt")
            yield Input(id="answer")
            yield _Panel(id="panel")
        yield Static("esc End session  ^q Quit  f1 Help  f2 Settings", id="keys")


async def floor_latency(answers: int) -> tuple[float, float]:
    """Median wall and CPU seconds from the change to the frame that shows it."""
    # Imported here: row 1b starts this module's app, and its start should
    # import what the app needs, nothing more.
    import statistics

    from benchmarks.tui import FrameWatch

    app = FloorApp()
    walls: list[float] = []
    cpus: list[float] = []
    async with app.run_test(size=(100, 40)) as pilot:
        watch = FrameWatch(app, _Panel, lambda panel: True)
        panel, keys = app.query_one(_Panel), app.query_one("#keys", Static)
        await pilot.pause()
        for answer in range(answers):
            await pilot.pause(0.05)
            watch.arm()
            wall, cpu = time.perf_counter(), time.process_time()
            panel.update(_feedback(answer), layout=False)
            keys.update("⏎ Next  1 Again  2 Hard  3 Good  4 Easy  u Undo  b Bury", layout=False)
            await watch.event.wait()
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
            await pilot.pause(0.05)
            panel.update("", layout=False)  # the next question: the panel empties
            keys.update("esc End session  ^q Quit  f1 Help  f2 Settings", layout=False)
        watch.close()
    return statistics.median(walls), statistics.median(cpus)
