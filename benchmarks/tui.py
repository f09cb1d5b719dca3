"""The app's speed, side by side with an empty Textual app, in one run.

1. Start to first card on screen: ``natobrief study`` on the bundled decks
   from the process start to the first frame holding the question, against an
   empty Textual app from its start to the first frame holding its one widget,
   both as whole headless processes (median of alternating runs). A third
   process, Textual's floor (``textual_floor.FloorApp``: stock widgets in the
   study screen's shape, none of natobrief's code), shows what Textual itself
   takes for that screen.
2. Key press to updated screen: the app's own work for one answer, from the
   submitted answer to the frame that holds its feedback, measured inside the
   app (not Pilot's sleeps), with the process CPU time it took.

Run alone: ``python benchmarks/tui.py [--quick]`` (the same rows as in
``python -m benchmarks``).
"""

from __future__ import annotations

import asyncio
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# Both children print the moment (time.monotonic, one clock for every process
# on Linux) of the first frame that holds their content, then exit at once.
FIRST_FRAME = """
import time
from textual.app import App

def report_first_frame(app, kind, ready):
    drawn = []
    original_render_lines = kind.render_lines
    def render_lines(widget, crop):
        if ready(widget):
            drawn.append(True)
        return original_render_lines(widget, crop)
    kind.render_lines = render_lines
    original_display = app._display
    def display(screen, renderable):
        original_display(screen, renderable)
        if drawn and renderable is not None and not app._exit:
            print(time.monotonic(), flush=True)
            app.exit()
    app._display = display
"""

EMPTY_APP = (
    FIRST_FRAME
    + """
from textual.widgets import Static

class Empty(App):
    def compose(self):
        yield Static("hello")

app = Empty()
report_first_frame(app, Static, lambda widget: True)
app.run(headless=True)
"""
)

FLOOR_APP = (
    FIRST_FRAME
    + """
from textual.widgets import Static
from benchmarks.textual_floor import FloorApp

app = FloorApp()
report_first_frame(app, Static, lambda widget: widget.id == "prompt")
app.run(headless=True)
"""
)

NATOBRIEF_APP = (
    FIRST_FRAME
    + """
import sys
from pathlib import Path
from textual.widgets import Static
from natobrief.tui.app import make_app

app = make_app(sys.argv[2:], db_path=Path(sys.argv[1]), start="study")
# The first card is on screen when its prompt is drawn with the question's text.
report_first_frame(app, Static, lambda widget: widget.id == "prompt" and bool(str(widget.render())))
app.run(headless=True)
"""
)


def time_process(code: str, *args: str) -> tuple[float, float]:
    """Seconds from starting ``python -c code args`` to its first frame, and to its exit."""
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", code, *args], check=True, cwd=ROOT, capture_output=True, text=True
    )
    end = time.monotonic()
    return float(done.stdout.split()[-1]) - start, end - start


class FrameWatch:
    """An event set when the app writes the first frame in which a widget drew new content.

    Textual repaints on a timer, and a screen change can take more than one
    frame (the key bar in one, the feedback in a later one), so "after the next
    refresh" is not "on screen". This watch waits for the frame that holds the
    watched widget drawn with ``ready(widget)`` true. Headless, as here, Textual
    builds each frame but writes nothing to a terminal.
    """

    def __init__(self, app: Any, kind: type[Any], ready: Callable[[Any], bool]) -> None:
        self.event = asyncio.Event()
        self.armed = False
        self.drawn = False
        self.kind = kind
        self.original_render_lines = kind.render_lines
        watch = self

        def render_lines(widget: Any, crop: Any) -> Any:
            if watch.armed and ready(widget):
                watch.drawn = True
            return watch.original_render_lines(widget, crop)

        original_display = app._display

        def display(screen: Any, renderable: Any) -> None:
            original_display(screen, renderable)
            if watch.drawn and renderable is not None:
                watch.armed = watch.drawn = False
                watch.event.set()

        kind.render_lines = render_lines
        app._display = display

    def arm(self) -> None:
        """Start waiting for the next frame with the widget drawn."""
        self.event.clear()
        self.drawn = False
        self.armed = True

    def close(self) -> None:
        """Put the widget class back as it was."""
        self.kind.render_lines = self.original_render_lines


async def answer_latency(answers: int, decks: list[str]) -> tuple[float, float, float]:
    """Median seconds for one answer: wall and CPU to the frame holding its feedback, and all CPU.

    CPU is the whole process's (the grading worker thread included). Waiting is
    on an event set by the frame itself, so the measuring loop does not compete
    with the app for the processor. The third figure is all the CPU the answer
    caused, counted until 50 ms after that frame (the app is idle by then:
    its work after the frame is the worker's bookkeeping).
    """
    from natobrief.tui.app import make_app
    from natobrief.tui.screens.study import StudyScreen
    from natobrief.tui.widgets.answer_inputs import AnswerInput
    from natobrief.tui.widgets.feedback import FeedbackPanel
    from tests.answers import wrong_answer

    with tempfile.TemporaryDirectory() as folder:
        app = make_app(decks, db_path=Path(folder) / "p.db", start="study", seed=1)
        walls: list[float] = []
        cpus: list[float] = []
        totals: list[float] = []
        async with app.run_test(size=(100, 40)) as pilot:
            watch = FrameWatch(app, FeedbackPanel, lambda panel: bool(panel.text))
            for _ in range(100):
                await pilot.pause()
                if isinstance(app.screen, StudyScreen) and app.screen.session.current:
                    break
            screen = app.screen
            assert isinstance(screen, StudyScreen)
            for _ in range(answers):
                await pilot.pause(0.05)  # the previous question's frames are written
                widget = screen.query_one(AnswerInput)
                watch.arm()
                wall, cpu = time.perf_counter(), time.process_time()
                # A wrong answer the grader can read (one it cannot is asked again).
                assert screen.session.current is not None
                widget.post_message(widget.Submitted(wrong_answer(screen.session.current.card)))
                await watch.event.wait()
                walls.append(time.perf_counter() - wall)
                cpus.append(time.process_time() - cpu)
                await pilot.pause(0.05)  # the worker's bookkeeping after the frame
                totals.append(time.process_time() - cpu)
                screen.action_next()
                if screen.phase == "done":
                    break
            watch.close()
    return statistics.median(walls), statistics.median(cpus), statistics.median(totals)


async def reader_open(
    runs: int, size: tuple[int, int] = (120, 36)
) -> tuple[list[float], list[float]]:
    """Seconds from pushing the reader (bundled decks) to its first frame, and from pushing
    a plain screen (title, one text, key bar) to its own: the floor of any screen change.

    The two alternate in one app, each popped again before the next.
    """
    from textual.screen import Screen
    from textual.widgets import Static

    from natobrief.tui.app import make_app
    from natobrief.tui.screens.brief import BriefScreen
    from natobrief.tui.screens.home import HomeScreen
    from natobrief.tui.widgets.key_bar import KeyBar
    from natobrief.tui.widgets.title_bar import TitleBar

    class PlainScreen(Screen[None]):
        def compose(self) -> Any:
            yield TitleBar()
            yield Static("A screen with one text.")
            yield KeyBar()

    reader: list[float] = []
    floor: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        app = make_app([], db_path=Path(folder) / "p.db", start="home", seed=1)
        async with app.run_test(size=size) as pilot:
            for _ in range(200):
                await pilot.pause()
                if isinstance(app.screen, HomeScreen) and app.decks:
                    break
            for _ in range(runs):
                for kind, samples in ((BriefScreen, reader), (PlainScreen, floor)):
                    await pilot.pause(0.2)
                    watch = FrameWatch(app, KeyBar, lambda bar, k=kind: isinstance(bar.screen, k))
                    watch.arm()
                    start = time.perf_counter()
                    app.push_screen(BriefScreen(list(app.decks)) if kind is BriefScreen else kind())
                    await watch.event.wait()
                    samples.append(time.perf_counter() - start)
                    watch.close()
                    await pilot.pause(0.2)
                    app.pop_screen()
    return reader, floor


def start_samples(runs: int, decks: list[str]) -> dict[str, list[float]]:
    """Whole-process seconds to the first frame: the empty app, Textual's floor and natobrief.

    The three alternate. Also each side's seconds to process exit (keys ending in "-exit"). One
    untimed natobrief run first warms the OS file cache, the deck cache and
    creates the database, so every timed run starts the same way.
    """
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "p.db")
        time_process(NATOBRIEF_APP, db, *decks)
        time_process(EMPTY_APP)
        time_process(FLOOR_APP)
        sides = (
            ("empty", EMPTY_APP, ()),
            ("floor", FLOOR_APP, ()),
            ("natobrief", NATOBRIEF_APP, (db, *decks)),
        )
        samples: dict[str, list[float]] = {}
        for side, _code, _args in sides:
            samples[side] = []
            samples[f"{side}-exit"] = []
        for _ in range(runs):
            for side, code, args in sides:
                first, exited = time_process(code, *args)
                samples[side].append(first)
                samples[f"{side}-exit"].append(exited)
    return samples


if __name__ == "__main__":
    from benchmarks.run_all import main

    main([*sys.argv[1:], "--only", "tui"])
