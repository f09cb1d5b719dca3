"""Messages that workers post back to screens: slow work never touches widgets itself."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from natobrief.deck.model import Deck
from natobrief.errors import DeckProblem
from natobrief.session import Question, Result, Session


@dataclass
class DecksLoaded(Message):
    """The decks were read (those that failed are listed in ``problems``)."""

    decks: list[Deck]
    problems: list[DeckProblem]


@dataclass
class LoadFailed(Message):
    """Something the app needs could not be opened; ``text`` says what to do."""

    text: str


@dataclass
class SessionReady(Message):
    """A study or exam session was built and can ask its first question."""

    session: Session
    title: str


@dataclass
class AnswerRecorded(Message):
    """An answer was graded, scheduled and committed."""

    result: Result


@dataclass
class QuestionRestored(Message):
    """An undo put a question back on screen."""

    question: Question | None
