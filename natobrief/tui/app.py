"""The app and its factory: one place that builds it for the CLI, Pilot tests and snapshots."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Literal

from rich.console import RenderableType
from textual import on, work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.message import Message
from textual.notifications import Notify
from textual.screen import Screen
from textual.widgets import Static

from natobrief.deck.model import Deck
from natobrief.errors import NatobriefError
from natobrief.scheduler import Scheduler
from natobrief.session import Session
from natobrief.session_types import Clock, Limits, Mode, real_clock
from natobrief.settings import Settings, save_settings
from natobrief.store import Progress
from natobrief.tui.app_state import AppState
from natobrief.tui.messages import (
    DecksLoaded,
    LeaveSession,
    LoadFailed,
    SessionReady,
    ShowHome,
    ShowResults,
    StartSession,
)
from natobrief.tui.screens.loading import LoadingScreen
from natobrief.tui.text import plain
from natobrief.tui.worker_errors import ReportsWorkerErrors

StartScreen = Literal["home", "study", "exam", "brief", "stats"]
QUICK_START_CARDS = 5_000  # above this, the session opens behind the loading screen


class SettingsWritten(Message):
    """The settings worker is done: ``text`` says so, or says why the file was not written."""

    def __init__(self, text: str, failed: bool = False) -> None:
        super().__init__()
        self.text = text
        self.failed = failed


# Textual's own palette entries that duplicate the app's (Keys: F1 Help) or do harm here.
_TEXTUAL_NOISE = frozenset({"Keys", "Maximize", "Minimize"})
_SCREENSHOT_HELP = "Save an SVG picture of this screen in natobrief's data folder (it says where)."


class NatobriefApp(ReportsWorkerErrors, App[int]):
    """natobrief in the terminal."""

    CSS_PATH = "styles/app.tcss"
    TITLE = "natobrief"
    BINDINGS = [
        Binding("f1,question_mark", "help", "Help", id="app.help"),
        Binding("f2", "settings", "Settings", id="app.settings"),
        Binding("ctrl+q", "quit", "Quit", id="app.quit", priority=True),
    ]

    def __init__(
        self,
        deck_names: Sequence[str],
        db_path: Path,
        settings: Settings,
        settings_path: Path | None = None,
        *,
        start: StartScreen = "home",
        clock: Clock = real_clock,
        seed: int | None = None,
        exam_count: int | None = None,
        time_limit_minutes: float | None = None,
    ) -> None:
        super().__init__()
        self.deck_names = tuple(deck_names)
        self.db_path = db_path
        self.settings = settings
        self.settings_path = settings_path
        self.start = start
        self.clock = clock
        self.seed = seed
        self.exam_count = exam_count
        self.time_limit_minutes = time_limit_minutes
        self.decks: list[Deck] = []
        # Decks a quick start found in the cache before it stepped aside.
        self.cached_decks: dict[Path, Deck] = {}
        self.progress: Progress | None = None
        self.closing = False
        if settings.theme in self.available_themes:
            self.theme = settings.theme

    def get_default_screen(self) -> Screen[None]:
        if self.start in ("study", "exam"):
            screen = self._quick_start()
            if screen is not None:
                return screen
        return LoadingScreen()

    def _quick_start(self) -> Screen[None] | None:
        """The session's screen straight away, when opening it is cheap; else None.

        Cheap means every deck comes from the deck cache (no parsing) and they
        hold at most QUICK_START_CARDS cards (the session's queue is built from
        their schedules). Then the session's screen is the app's first: no
        loading screen, worker or screen switch comes before the first card
        (measured: about a tenth of the start). Anything else, a problem
        included, takes the loading screen and its worker, which read what is
        missing and report what is wrong.
        """
        from natobrief.deck.library import load_cached_decks
        from natobrief.store import open_store

        try:
            found, complete = load_cached_decks(self.deck_names)
            self.cached_decks = found  # the loading worker reads only the others
            if not complete:
                return None
            decks = list(found.values())
            if sum(len(deck.cards) for deck in decks) > QUICK_START_CARDS:
                return None
            self.progress = open_store(self.db_path)
            mode: Mode = "exam" if self.start == "exam" else "study"
            session = self._new_session(mode, decks, self.exam_count)
        except NatobriefError:
            if self.progress is not None:
                self.progress.close()
                self.progress = None
            return None
        self.decks = decks
        return self._session_screen(session, _title(decks), self.time_limit_minutes)

    def exit(
        self, result: int | None = None, return_code: int = 0, message: RenderableType | None = None
    ) -> None:
        """Quit; remembered so that the loading screen, uncovered on the way out, stays put."""
        self.closing = True
        super().exit(result, return_code, message)

    def on_mount(self) -> None:
        if self.progress is None:  # no quick start: read the decks behind the loading screen
            self.load()

    @on(LeaveSession)
    def leave_session(self, message: LeaveSession) -> None:
        """Close a finished session's screen and go back to the decks.

        A quick start makes the session's screen the app's first, which Textual
        cannot close or replace: the loading screen goes on top of it instead,
        and puts the home screen above itself as it always does.
        """
        if self.screen_stack[0] is message.screen:
            self.push_screen(LoadingScreen())
        else:
            message.screen.dismiss()

    @on(ShowResults)
    def show_results(self, message: ShowResults) -> None:
        """Put an exam's results in place of its screen (above it, if it is the first)."""
        if self.screen_stack[0] is message.screen:
            self.push_screen(message.results)
        else:
            self.switch_screen(message.results)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def load(self) -> None:
        """Read the decks and open the database off the UI thread.

        When the app starts on a session, the session is built here too, so the
        first card needs one worker and one message round trip, not two.
        """
        from natobrief.deck.library import load_decks
        from natobrief.store import open_store

        try:
            decks = load_decks(self.deck_names, self.cached_decks)
            self.progress = open_store(self.db_path)
        except NatobriefError as error:
            self.post_message(LoadFailed(str(error)))
            return
        self.post_message(DecksLoaded(decks, []))
        if self.start in ("study", "exam"):
            session = self._new_session(self.start, decks, self.exam_count)
            self.post_message(SessionReady(session, _title(decks), self.time_limit_minutes))

    @on(LoadFailed)
    def load_failed(self, message: LoadFailed) -> None:
        self.query_one("#loading-text", Static).update(
            plain(message.text + "\n\nPress ctrl+q to quit, fix the problem, then start again.")
        )

    @on(DecksLoaded)
    def decks_loaded(self, message: DecksLoaded) -> None:
        self.decks = message.decks
        if self.start in ("study", "exam"):
            return  # the load worker builds the session; home appears when it is closed
        self.show_home()
        if self.start == "brief":
            from natobrief.tui.screens.brief import BriefScreen

            self.push_screen(BriefScreen(self.decks))
        elif self.start == "stats":
            from natobrief.tui.screens.stats import StatsScreen

            self.push_screen(StatsScreen(self.decks))

    @on(ShowHome)
    def show_home(self) -> None:
        """Put the home screen on top of the loading screen (not while quitting)."""
        from natobrief.tui.screens.home import HomeScreen

        if not self.closing and not any(
            isinstance(screen, HomeScreen) for screen in self.screen_stack
        ):
            self.push_screen(HomeScreen(self.decks))

    @on(StartSession)
    def start_session(self, message: StartSession) -> None:
        """Build a session in a worker, then show it."""
        self.build_session(message)

    @work(thread=True, exclusive=True, group="session", exit_on_error=False)
    def build_session(self, asked: StartSession) -> None:
        session = self._new_session(asked.mode, asked.decks, asked.questions)
        self.post_message(SessionReady(session, asked.title, asked.minutes))

    def _new_session(self, mode: Mode, decks: list[Deck], questions: int | None) -> Session:
        """A session over ``decks`` with the current settings (called in a worker)."""
        assert self.progress is not None
        settings = self.settings
        return Session(
            decks,
            self.progress,
            Scheduler(settings.desired_retention, seed=self.seed),
            mode=mode,
            clock=self.clock,
            seed=self.seed,
            limits=Limits(
                new_per_day=settings.new_per_day,
                reviews_per_day=settings.reviews_per_day,
                count=questions if mode == "exam" else None,
                day_starts_hour=settings.day_starts_hour,
            ),
            keep_apart=settings.keep_apart,
        )

    @on(SessionReady)
    def session_ready(self, message: SessionReady) -> None:
        self.push_screen(self._session_screen(message.session, message.title, message.minutes))

    def _session_screen(self, session: Session, title: str, minutes: float | None) -> Screen[None]:
        if session.mode == "exam":
            from natobrief.tui.screens.exam import ExamScreen

            return ExamScreen(session, f"Exam: {title}", time_limit_minutes=minutes)
        from natobrief.tui.screens.study import StudyScreen

        return StudyScreen(session, f"Study: {title}")

    def _on_notify(self, event: Notify) -> None:
        """A toast, once: the same message again (Enter twice on an empty answer) takes the
        place of the one on screen instead of stacking under it."""
        new = event.notification
        for shown in list(self._notifications):
            if (shown.message, shown.title) == (new.message, new.title):
                self._unnotify(shown, refresh=False)
        super()._on_notify(event)

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Textual's palette commands (theme, keys, screenshot, quit) and the app's own."""
        from natobrief.tui.commands import deck_commands, screen_commands

        for command in super().get_system_commands(screen):
            if command.title in _TEXTUAL_NOISE:
                continue  # F1 is the help; a maximised answer field hides the question
            if command.title == "Screenshot":
                yield SystemCommand("Screenshot", _SCREENSHOT_HELP, self.action_save_screenshot)
                continue
            yield command
        yield from deck_commands(self, screen)
        yield SystemCommand(
            "Settings", "Desired retention, new cards per day, theme (F2).", self.action_settings
        )
        yield SystemCommand(
            "Help", "Every key of this screen, and what it does (F1).", self.action_help
        )
        yield from screen_commands(self, screen)

    def action_save_screenshot(self) -> None:
        """Save an SVG picture of the screen in the data folder, and say where (or why not)."""
        from natobrief import paths

        folder = paths.data_dir() / "screenshots"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            saved = self.save_screenshot(path=str(folder))
        except OSError as error:
            self.notify(
                f"The screenshot was not saved in {folder}: {error.strerror or error}.",
                title="No screenshot",
                severity="error",
            )
            return
        self.notify(f"Saved {saved}", title="Screenshot", timeout=8, markup=False)

    async def action_quit(self) -> None:
        """Quit; with an exam's answers not yet handed in, the first ctrl+q asks."""
        from natobrief.tui.screens.exam import ExamScreen

        for screen in self.screen_stack:
            if isinstance(screen, ExamScreen) and screen.ask_before_quitting():
                return
        self.exit()

    def action_help(self) -> None:
        """Show every key of the current screen."""
        from natobrief.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def action_settings(self) -> None:
        """Change retention, new cards per day and the theme."""
        from natobrief.tui.screens.settings import SettingsScreen

        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen(self.settings), self.settings_saved)

    def settings_saved(self, settings: Settings | None) -> None:
        """Apply and keep new settings."""
        if settings is None:
            return
        self.settings = settings
        if settings.theme in self.available_themes:
            self.theme = settings.theme
        self.keep_settings(settings, "Settings saved; they apply from the next session.")

    def watch_theme(self, theme: str) -> None:
        """Remember a theme chosen from the command palette too."""
        if theme != self.settings.theme:
            self.settings = replace(self.settings, theme=theme)
            self.keep_settings(self.settings, None)

    @work(thread=True, exclusive=True, group="settings", exit_on_error=False)
    def keep_settings(self, settings: Settings, done: str | None) -> None:
        """Write the settings file off the UI thread; say so, or say why not."""
        if self.settings_path is None:
            return
        try:
            save_settings(settings, self.settings_path)
        except OSError as error:
            text = f"Settings not saved: {error.strerror}. Check {self.settings_path.parent}."
            self.post_message(SettingsWritten(text, failed=True))
            return
        if done:
            self.post_message(SettingsWritten(done))

    @on(SettingsWritten)
    def settings_written(self, message: SettingsWritten) -> None:
        if message.failed:
            self.notify(message.text, severity="error")
        else:
            self.notify(message.text, timeout=3)

    def on_unmount(self) -> None:
        if self.progress is not None:
            self.progress.close()


def _has_what_screens_read(app: NatobriefApp) -> AppState:
    """Never called: mypy checks here that the app holds every field of AppState."""
    return app


def _title(decks: list[Deck]) -> str:
    return "All decks" if len(decks) > 1 else decks[0].title


def make_app(
    deck_names: Sequence[str] = (),
    *,
    db_path: Path | None = None,
    settings: Settings | None = None,
    settings_path: Path | None = None,
    start: StartScreen = "home",
    now: datetime | None = None,
    seed: int | None = None,
    exam_count: int | None = None,
    time_limit_minutes: float | None = None,
) -> NatobriefApp:
    """Build the app as the CLI, the Pilot tests and the snapshot tests all do."""
    from natobrief import paths

    fixed = now
    clock: Clock = (lambda: fixed) if fixed is not None else real_clock
    return NatobriefApp(
        deck_names,
        db_path or paths.database_file(),
        settings or Settings(),
        settings_path,
        start=start,
        clock=clock,
        seed=seed,
        exam_count=exam_count,
        time_limit_minutes=time_limit_minutes,
    )
