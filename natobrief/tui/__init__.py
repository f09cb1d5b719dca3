"""The Textual app. Only this package imports Textual, and only the CLI imports it."""

import os

# Textual repaints on a timer of TEXTUAL_FPS ticks a second (60 by default), so
# the screen shows a key press's result up to one tick after the work is done.
# At 120 that wait is at most 8 ms: an answer's feedback appears ~6 ms sooner
# (benchmarks row 6). Read when Textual is first imported; a user's own wins.
os.environ.setdefault("TEXTUAL_FPS", "120")
