"""The app's speed, side by side with an empty Textual app, in one run.

1. Start to first card on screen: ``natobrief study`` on the bundled decks until
   the first question is shown, against an empty Textual app that mounts one
   widget, both as whole headless processes (median of alternating runs).
2. Key press to updated screen: the app's own work for one answer, from the
   submitted answer to the feedback panel refreshed, measured inside the app
   (not Pilot's sleeps), with the process CPU time it took.

Run alone: ``python benchmarks/tui.py [--quick]`` (the same rows as in
``python -m benchmarks``).
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

EMPTY_APP = """
from textual.app import App
from textual.widgets import Static

class Empty(App):
    def compose(self):
        yield Static("hello")
    def on_mount(self):
        self.call_after_refresh(self.exit)

Empty().run(headless=True)
"""

NATOBRIEF_APP = """
import sys
from natobrief.tui.app import make_app
from natobrief.tui.screens.study import StudyScreen

app = make_app(sys.argv[2:], db_path=__import__("pathlib").Path(sys.argv[1]), start="study")
original = StudyScreen.show_question

def shown(self):
    original(self)
    self.app.call_after_refresh(self.app.exit)

StudyScreen.show_question = shown
app.run(headless=True)
"""


def time_process(code: str, *args: str) -> float:
    """Seconds for ``python -c code args`` from start to exit."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code, *args], check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - start


async def answer_latency(answers: int, decks: list[str]) -> tuple[float, float]:
    """Median wall and CPU seconds from a submitted answer to the feedback drawn on screen.

    The wait is an event set after the refresh that shows the feedback, so the
    measuring loop itself does not compete with the app for the processor.
    """
    import asyncio

    from natobrief.tui.app import make_app
    from natobrief.tui.screens.study import StudyScreen
    from natobrief.tui.widgets.answer_inputs import AnswerInput

    shown = asyncio.Event()
    original = StudyScreen.show_feedback

    def show_feedback(self: StudyScreen, result: object) -> None:
        original(self, result)  # type: ignore[arg-type]
        self.call_after_refresh(shown.set)

    StudyScreen.show_feedback = show_feedback  # type: ignore[method-assign]
    with tempfile.TemporaryDirectory() as folder:
        app = make_app(decks, db_path=Path(folder) / "p.db", start="study", seed=1)
        walls: list[float] = []
        cpus: list[float] = []
        async with app.run_test(size=(100, 40)) as pilot:
            for _ in range(100):
                await pilot.pause()
                if isinstance(app.screen, StudyScreen) and app.screen.session.current:
                    break
            screen = app.screen
            assert isinstance(screen, StudyScreen)
            for _ in range(answers):
                await pilot.pause()
                widget = screen.query_one(AnswerInput)
                shown.clear()
                wall, cpu = time.perf_counter(), time.process_time()
                widget.post_message(widget.Submitted("some answer"))
                await shown.wait()
                walls.append(time.perf_counter() - wall)
                cpus.append(time.process_time() - cpu)
                screen.action_next()
                if screen.phase == "done":
                    break
    StudyScreen.show_feedback = original  # type: ignore[method-assign]
    return statistics.median(walls), statistics.median(cpus)


def start_samples(runs: int, decks: list[str]) -> dict[str, list[float]]:
    """Whole-process seconds to first paint: the empty app and natobrief, alternating.

    One untimed natobrief run first warms the OS file cache, the deck cache and
    creates the database, so every timed run starts the same way.
    """
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "p.db")
        time_process(NATOBRIEF_APP, db, *decks)
        time_process(EMPTY_APP)
        samples: dict[str, list[float]] = {"empty": [], "natobrief": []}
        for _ in range(runs):
            samples["empty"].append(time_process(EMPTY_APP))
            samples["natobrief"].append(time_process(NATOBRIEF_APP, db, *decks))
    return samples


if __name__ == "__main__":
    from benchmarks.run_all import main

    main([*sys.argv[1:], "--only", "tui"])
