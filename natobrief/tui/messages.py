"""Messages between the app and its screens: workers post what they found, screens ask
the app to open or close a session, and the app acts in its handlers.

Plain classes, not dataclasses: this module is imported before the first card is
on screen, and each dataclass costs over a millisecond to create at import.
"""

from __future__ import annotations

from textual.message import Message
from textual.screen import Screen

from natobrief.deck.model import Deck
from natobrief.errors import DeckProblem
from natobrief.session import Session
from natobrief.session_types import Mode


class DecksLoaded(Message):
    """The decks were read (those that failed are listed in ``problems``)."""

    def __init__(self, decks: list[Deck], problems: list[DeckProblem]) -> None:
        super().__init__()
        self.decks = decks
        self.problems = problems


class LoadFailed(Message):
    """Something the app needs could not be opened; ``text`` says what to do."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text


class SessionReady(Message):
    """A study or exam session was built and can ask its first question."""

    def __init__(self, session: Session, title: str, minutes: float | None = None) -> None:
        super().__init__()
        self.session = session
        self.title = title
        self.minutes = minutes  # an exam's time limit (None: none)


class StartSession(Message):
    """Open a study or exam session on ``decks`` (an exam with these options)."""

    def __init__(
        self,
        mode: Mode,
        decks: list[Deck],
        title: str,
        questions: int | None = None,
        minutes: float | None = None,
    ) -> None:
        super().__init__()
        self.mode = mode
        self.decks = decks
        self.title = title
        self.questions = questions  # an exam's length (None: the default)
        self.minutes = minutes  # an exam's time limit (None: none)


class LeaveSession(Message):
    """A session's screen is done: close it and go back to the decks."""

    def __init__(self, screen: Screen[None]) -> None:
        super().__init__()
        self.screen = screen


class ShowResults(Message):
    """An exam is over: put its results in place of its screen."""

    def __init__(self, screen: Screen[None], results: Screen[None]) -> None:
        super().__init__()
        self.screen = screen
        self.results = results


class ShowHome(Message):
    """The loading screen is uncovered: the deck list goes on top of it."""
