"""The statistics screen: its summary and its plots count the same things on the same day."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from textual.widgets import Static

from natobrief.deck.loader import load_deck
from natobrief.scheduler import Scheduler
from natobrief.session import Session
from natobrief.store import open_store
from natobrief.tui.screens.stats import StatsScreen
from tests.answers import canonical_answer, wrong_answer
from tests.tui.helpers import GOOD_DECK, NOW, build, settle, wait_for_screen


def history(db: Path) -> None:
    """Twenty days of study (a wrong answer now and then), then a four-question exam today."""
    deck = load_deck(GOOD_DECK)
    progress = open_store(db)
    for day in range(20, 0, -1):
        moment = NOW - timedelta(days=day)
        session = Session([deck], progress, Scheduler(seed=day), clock=lambda m=moment: m, seed=day)
        while (question := session.next_question()) is not None:
            wrong = (day + question.n) % 4 == 0
            session.answer((wrong_answer if wrong else canonical_answer)(question.card))
    exam = Session([deck], progress, Scheduler(), mode="exam", clock=lambda: NOW, seed=1)
    for _ in range(4):
        question = exam.next_question()
        assert question is not None
        exam.answer(wrong_answer(question.card))
    progress.close()


async def test_summary_and_plots_agree(tmp_path: Path) -> None:
    history(tmp_path / "progress.sqlite3")
    app = build(tmp_path, start="stats")
    async with app.run_test(size=(100, 60)) as pilot:
        screen = await wait_for_screen(pilot, StatsScreen)
        await settle(pilot)
        summary = str(screen.query_one("#summary", Static).render())
        due_today = re.search(r"Due today \(the study day ends at 04:00\): (\d+)\.", summary)
        assert due_today is not None
        forecast = str(screen.query_one("#forecast", Static).render()).splitlines()
        assert forecast[-2].split()[0] == due_today.group(1)  # the first bar's figure
        assert "Exam answers that left the schedule alone (not reviews): 4, 0 correct." in summary
        retention = re.search(r"Retention over the last 30 days: [\d.]+%, (\d+) of (\d+)", summary)
        assert retention is not None
        weeks = str(screen.query_one("#retention", Static).render()).splitlines()
        per_week = [re.search(r"(\d+) of (\d+)$", week) for week in weeks]
        kept = sum(int(found.group(1)) for found in per_week if found)
        asked = sum(int(found.group(2)) for found in per_week if found)
        # All the history is within 30 days and 12 weeks: the same reviews, the same result.
        assert (kept, asked) == (int(retention.group(1)), int(retention.group(2)))
