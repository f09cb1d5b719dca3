"""Row 6's baseline: what Textual itself costs to swap an input for a feedback panel.

A minimal app laid out like the study screen (a header, two lines of text, an
input, a key bar) shows, on each "answer", a hidden panel of six lines in place
of the input, releases the focus and repaints, exactly the screen change
natobrief makes after an answer, with none of natobrief's work. The time from
the change to the repaint is the floor under row 6 at the same terminal size.
"""

from __future__ import annotations

import asyncio
import statistics
import time

from textual.app import App, ComposeResult
from textual.containers import Container, Vertical, VerticalScroll
from textual.widgets import Header, Input, Static


class _Panel(VerticalScroll):
    def compose(self) -> ComposeResult:
        for line in range(6):
            yield Static(f"feedback line {line}")


class FloorApp(App[None]):
    """The study screen's shape, and nothing else."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield Static("Question 1 · 19 more waiting", id="status")
            yield Static("What does IP4 stand for?", id="prompt")
            yield Container(Input(), id="area")
            yield _Panel(id="panel")
        yield Static("enter Next  1 Again  2 Hard  3 Good  4 Easy", id="keys")

    def on_mount(self) -> None:
        self.query_one("#panel").display = False


async def floor_latency(answers: int) -> tuple[float, float]:
    """Median wall and CPU seconds from the swap to the repaint, as row 6 measures ours."""
    app = FloorApp()
    shown = asyncio.Event()
    walls: list[float] = []
    cpus: list[float] = []
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.pause()
        for answer in range(answers):
            await pilot.pause()
            area, panel = app.query_one("#area"), app.query_one("#panel")
            shown.clear()
            wall, cpu = time.perf_counter(), time.process_time()
            area.display = False
            panel.display = True
            for number, line in enumerate(panel.query(Static)):
                line.update(f"answer {answer}, feedback line {number}")
            app.screen.set_focus(None)
            app.screen.refresh()
            app.call_after_refresh(shown.set)
            await shown.wait()
            walls.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
            area.display = True
            panel.display = False
            app.query_one(Input).focus()
    return statistics.median(walls), statistics.median(cpus)
