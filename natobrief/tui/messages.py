"""Messages that workers post back to screens: slow work never touches widgets itself.

Plain classes, not dataclasses: this module is imported before the first card is
on screen, and each dataclass costs over a millisecond to create at import.
"""

from __future__ import annotations

from textual.message import Message

from natobrief.deck.model import Deck
from natobrief.errors import DeckProblem
from natobrief.session import Session


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

    def __init__(self, session: Session, title: str) -> None:
        super().__init__()
        self.session = session
        self.title = title
