"""Rules on a choice card's options: cues that point at the right one without knowledge."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from natobrief.cardtypes.registry import kind_of
from natobrief.deck.model import AnyCard, Deck
from natobrief.grading.numbers import NUMBER_WORDS, parse_number
from natobrief.quality.rules import rule
from natobrief.quality.words import content, holds, stem, tokens

# The right option is called out when it is this much longer than every other:
# a little longer is chance, a third longer is the cue test-wise students use.
LONGEST_RATIO = 1.3
ABSOLUTE = frozenset({
    "always", "never", "only", "all", "none", "every", "entirely", "completely", "totally",
    "must", "impossible", "nothing", "everything", "solely",
})  # fmt: skip
_ALL_OR_NONE = re.compile(
    r"^(all|none|both|neither) (of )?(the )?(above|these|them|those|options)\b|^all the above"
)
_RANGE = re.compile(r"^(?:between )?(\d+(?:\.\d+)?) ?(?:-|to|and) ?(\d+(?:\.\d+)?)\b")
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "both": 2}


def choices(deck: Deck) -> Iterator[tuple[AnyCard, tuple[str, ...], str]]:
    """Each card with options: the card, its options and its right option."""
    for card in deck.cards:
        offered = kind_of(card).options_and_answer(card)
        if offered is not None:
            yield card, offered[0], offered[1]


def _others(options: tuple[str, ...], right: str) -> list[str]:
    return [option for option in options if option != right]


@rule("longest-option", "the right option is clearly the longest")
def longest_option(deck: Deck) -> Iterable[tuple[AnyCard, str]]:
    for card, options, right in choices(deck):
        others = _others(options, right)
        longest = max((len(option) for option in others), default=0)
        if others and len(right) > LONGEST_RATIO * longest:
            yield (
                card,
                (
                    f"the right option ({len(right)} characters) is clearly longer than every "
                    f"other (at most {longest}); make the distractors as specific and as long, "
                    "or the right one shorter"
                ),
            )


@rule("all-none-of-the-above", "an option reads 'all/none of the above'")
def all_or_none(deck: Deck) -> Iterable[tuple[AnyCard, str]]:
    for card, options, _right in choices(deck):
        for option in options:
            if _ALL_OR_NONE.match(" ".join(tokens(option))):
                yield (
                    card,
                    (
                        f"option '{option}' refers to the other options; options are shuffled, "
                        "and it lets a learner answer from two options alone: write a real option"
                    ),
                )


@rule("grammar-cue", "a/an or the count asked fits only the right option")
def grammar_cue(deck: Deck) -> Iterable[tuple[AnyCard, str]]:
    for card, options, right in choices(deck):
        others = _others(options, right)
        if not others:
            continue
        article = _article_before_options(card.prompt)
        if article is not None:
            fits = [_fits_article(article, option) for option in options]
            right_fits = fits[options.index(right)]
            if right_fits and not any(f for o, f in zip(options, fits, strict=True) if o != right):
                yield (
                    card,
                    (
                        f"the prompt ends with '{article}', which fits only the right option; "
                        "end the prompt without the article, or write options that all fit it"
                    ),
                )
        asked = _count_asked(card.prompt)
        if asked and _item_count(right) == asked and all(_item_count(o) != asked for o in others):
            yield (
                card,
                (
                    f"the prompt asks for {asked} things and only the right option names {asked}; "
                    f"give every option {asked} items"
                ),
            )


def _article_before_options(prompt: str) -> str | None:
    words = prompt.rstrip(" ?:.…_").split()
    last = words[-1].casefold() if words else ""
    return last if last in ("a", "an") else None


def _fits_article(article: str, option: str) -> bool:
    first = option.strip().casefold()[:1]
    return (first in "aeiou") == (article == "an") if first else False


def _count_asked(prompt: str) -> int | None:
    words = tokens(prompt)
    for at, word in enumerate(words[:-1]):
        if word in _COUNTS and (word == "both" or words[at - 1 : at] in (["which"], ["what"])):
            return _COUNTS[word]
    return None


def _item_count(option: str) -> int:
    return len([part for part in re.split(r",|;|&|\band\b", option) if part.strip()])


@rule("absolute-terms", "a distractor says always/never/only/all and the right option does not")
def absolute_terms(deck: Deck) -> Iterable[tuple[AnyCard, str]]:
    for card, options, right in choices(deck):
        if ABSOLUTE & set(tokens(right)):
            continue
        for option in _others(options, right):
            found = sorted(ABSOLUTE & set(tokens(option)))
            if found:
                yield (
                    card,
                    (
                        f"distractor '{option}' says '{found[0]}' and the right option does "
                        "not; test-wise learners rule such options out: reword it without it"
                    ),
                )


@rule("overlapping-options", "one option contains another, or two ranges overlap")
def overlapping_options(deck: Deck) -> Iterable[tuple[AnyCard, str]]:
    for card, options, _right in choices(deck):
        for first_at, first in enumerate(options):
            for second in options[first_at + 1 :]:
                problem = _overlap(first, second)
                if problem:
                    yield card, problem


def _overlap(first: str, second: str) -> str | None:
    one, two = tokens(first), tokens(second)
    short, long_ = (one, two) if len(one) <= len(two) else (two, one)
    if content(" ".join(short)) and holds(long_, short):
        inner, outer = (first, second) if short is one else (second, first)
        return (
            f"option '{outer}' contains option '{inner}', so both can be right; "
            "make the options exclusive"
        )
    ranges = _range(first), _range(second)
    if ranges[0] and ranges[1] and ranges[0][0] <= ranges[1][1] and ranges[1][0] <= ranges[0][1]:
        return (
            f"options '{first}' and '{second}' overlap; make the ranges meet without sharing "
            "a value"
        )
    return None


def _range(option: str) -> tuple[float, float] | None:
    """A range option ("10-20", "10–20", "between 10 and 20") as (low, high); None otherwise."""
    match = _RANGE.match(option.strip().casefold().replace("–", "-"))
    if match:
        low, high = float(match.group(1)), float(match.group(2))
        return (low, high) if low < high else None
    return None


@rule("stem-clue", "a distinctive word of the prompt is repeated in the right option only")
def stem_clue(deck: Deck) -> Iterable[tuple[AnyCard, str]]:
    for card, options, right in choices(deck):
        others = _others(options, right)
        asked = {stem(word): word for word in content(card.prompt) if not _is_number(word)}
        in_right = {stem(word) for word in content(right)}
        in_others = {stem(word) for option in others for word in content(option)}
        clues = sorted(
            word for key, word in asked.items() if key in in_right and key not in in_others
        )
        if clues and others:
            yield (
                card,
                (
                    f"'{clues[0]}' is in the prompt and in the right option only; use it in the "
                    "distractors too, or in none of the options"
                ),
            )


def _is_number(word: str) -> bool:
    return word.isdigit() or word in NUMBER_WORDS or parse_number(word) is not None
