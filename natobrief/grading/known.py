"""What the grader knows around a card: the names of things, and the words of its deck.

A typo is forgiven only when the word meant is the unique closest word the
deck knows, and never when the word typed is itself one it knows ("Iran" is a
country, not a mistyped "Iraq"). The vocabulary is every word of the deck's
sources and cards, with every country's names; it is built once per deck.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from natobrief.grading.aliases import Aliases, known_aliases
from natobrief.grading.forms import singular
from natobrief.grading.normalise import INNER_DOT, spelled
from natobrief.grading.typos import distance, edits_allowed, is_typo_of
from natobrief.text import fold_typography

_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")

if TYPE_CHECKING:
    from natobrief.deck.model import Card, Deck


@dataclass(frozen=True, slots=True)
class Known:
    """Names (aliases) and words (vocabulary, in compared form, by first letter)."""

    aliases: Aliases
    vocabulary: dict[str, frozenset[str]]
    name_words: frozenset[str]
    # The deck's own answers, normalised: an answer that is exactly another card's
    # answer names that thing, not this one ("European Council on Foreign Relations"
    # is not the Council on Foreign Relations with a word around it).
    answers: frozenset[str] = frozenset()
    _near: dict[str, list[tuple[int, str]]] = field(default_factory=dict, compare=False)

    def knows(self, word: str) -> bool:
        """True when ``word`` is a word of the deck or a name of something."""
        return word in self.vocabulary.get(word[:1], frozenset())

    def names(self, word: str) -> bool:
        """True when ``word`` is (part of) the name of a thing the deck's own texts use."""
        return word in self.name_words

    def near(self, word: str) -> list[tuple[int, str]]:
        """The known words ``word`` could be a typo of, as (edits, word); kept per word."""
        found = self._near.get(word)
        if found is None:
            size = len(word)
            pool = self.starting(word[0]) | self.starting(word[1:2])
            found = sorted(
                (distance(word, other, edits_allowed(other)), other)
                for other in pool
                if abs(len(other) - size) <= 2 and is_typo_of(word, other)
            )
            if len(self._near) < 10_000:  # a bound, whatever learners type
                self._near[word] = found
        return found

    def starting(self, letter: str) -> frozenset[str]:
        """The known words that start with ``letter``."""
        return self.vocabulary.get(letter, frozenset())


def _words_of(texts: list[str]) -> set[str]:
    """Every word of ``texts``, folded: one pass over all of them, whatever their length
    (normalise.words reads only an answer's first characters)."""
    folded = unicodedata.normalize("NFKD", fold_typography("\n".join(texts)).casefold())
    found = set(_WORD.findall(INNER_DOT.sub("", folded)))
    return {
        "".join(char for char in word if not unicodedata.combining(char)).removesuffix("'s")
        for word in found
    }


def answer_key(text: str) -> str:
    """An answer as the other-answers check compares it: case and spacing folded."""
    return " ".join(text.casefold().split())


def _vocabulary(in_texts: set[str], aliases: Aliases) -> dict[str, frozenset[str]]:
    found: set[str] = set()
    for word in in_texts:
        if word.isalpha():
            found.add(word)
            found.add(singular(spelled(word)))
    for name in aliases.names:
        found.update(word for word in name if word.isalpha())
    by_letter: dict[str, set[str]] = {}
    for word in found:
        by_letter.setdefault(word[0], set()).add(word)
    return {letter: frozenset(group) for letter, group in by_letter.items()}


def known(
    texts: Iterable[str] = (),
    groups: Iterable[Iterable[str]] = (),
    answers: Iterable[str] = (),
    sources: Iterable[str] = (),
) -> Known:
    """What is known from ``texts`` (a deck's cards), ``sources`` (where acronyms are
    defined too), its alias ``groups`` and its cards' ``answers``."""
    source_texts = list(sources)
    texts = [*source_texts, *texts]
    aliases = known_aliases().with_deck([*groups, *defined_acronyms(source_texts)])
    in_texts = _words_of(texts)
    name_words = frozenset(
        word for name in aliases.names for word in name if word.isalpha() and word in in_texts
    )
    answer_forms = frozenset(answer_key(answer) for answer in answers)
    return Known(aliases, _vocabulary(in_texts, aliases), name_words, answer_forms)


_DEFINED = re.compile(
    r"((?:[A-Z][\w'’-]*\s+(?:(?:of|and|for|on|the|in)\s+)*){1,8})\(([A-Za-z][\w-]{1,9})\)"
)


_KNOWN_AS = re.compile(
    r"((?:[A-Z][\w'’-]*\s+(?:(?:of|and|for|on|the)\s+)*){1,7}[A-Z][\w'’-]*),?"  # A Name
    r"\s+(?:better\s+|also\s+|commonly\s+)?known\s+as\s+(?:the\s+)?([A-Z][\w-]{1,20})"
)


def defined_acronyms(texts: Iterable[str]) -> list[list[str]]:
    """Short names a text defines, as "the Quadrilateral Security Dialogue (Quad)" and
    "..., better known as the Quad" do: each [long name, short name], where the short
    name's letters come in order in the long name's shortest tail that starts with them."""
    groups: list[list[str]] = []
    for text in texts:
        for long_name, short in _KNOWN_AS.findall(text):
            if _abbreviates(short, long_name):
                groups.append([long_name, short])
        for long_name, acronym in _DEFINED.findall(text):
            name_words = long_name.split()
            for start in range(len(name_words) - 1, -1, -1):
                tail = " ".join(name_words[start:])
                if _abbreviates(acronym, tail):
                    groups.append([tail, acronym])
                    break
    return groups


def _abbreviates(acronym: str, name: str) -> bool:
    """The acronym's first letter starts the name, and its letters come in order in it."""
    letters = [char for char in acronym.casefold() if char.isalpha()]
    spelled_out = name.casefold()
    if not letters or not spelled_out.startswith(letters[0]) or len(name.split()) < 2:
        return False
    at = 0
    for char in spelled_out:
        if at < len(letters) and char == letters[at]:
            at += 1
    return at == len(letters)


@cache
def names_only() -> Known:
    """What is known without a deck: the names of things (a card graded on its own)."""
    return known()


_BY_DECK: dict[int, tuple[Deck, Known]] = {}


def known_for(deck: Deck) -> Known:
    """What is known around the cards of ``deck``: its sources' and cards' words, its aliases.

    Built at the first answer to one of its cards, then kept (decks are immutable).
    """
    held = _BY_DECK.get(id(deck))
    if held is not None and held[0] is deck:
        return held[1]
    sources = [source.text for source in deck.sources.values()]
    texts: list[str] = []
    for card in deck.cards:
        texts.extend((card.prompt, card.note, *vars_of(card)))
    found = known(texts, deck_aliases(deck), card_answers(deck), sources)
    _BY_DECK[id(deck)] = (deck, found)
    return found


def _texts(value: object) -> Iterator[str]:
    """The texts in a card field: a text, or texts in (nested) tuples."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _texts(item)


_COMMON = frozenset({"id", "prompt", "note", "tags", "source", "extra", "line"})


def vars_of(card: Card) -> list[str]:
    """Every text of a card's own type (answers, options, items ...), not its prompt or note."""
    own = (field.name for field in dataclasses.fields(card) if field.name not in _COMMON)
    return [text for name in own for text in _texts(getattr(card, name))]


def card_answers(deck: Deck) -> list[str]:
    """The text answers of the deck's cards: short answers and their accepted forms,
    cloze gaps, right options."""
    return [
        text
        for card in deck.cards
        for name in ("answer", "accept", "gaps")
        for text in _texts(getattr(card, name, None))
    ]


def deck_aliases(deck: Deck) -> list[list[str]]:
    """The deck's ``aliases:`` as groups of names of one thing each."""
    return [[name, *others] for name, others in deck.aliases.items()]
