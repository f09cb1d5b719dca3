"""Right answers in the forms people type them, and the guard rails that keep wrong ones wrong.

Tried in order, once the exact comparison has failed; each acceptance says why:

- the same thing named another way ("S. Korea", "the French Republic", "05/2024");
- a list in another order or with other separators ("India & Japan");
- the answer with harmless words around it ("spokesperson Lin Jian", "in May 2024",
  "Madrid, Spain"), unless the words add a second thing ("France and Germany"),
  offer alternatives ("90 or 80"), or negate it ("not France");
- the answer after a clause that rules something else out ("not China but North Korea");
- the answer with an acronym in brackets ("the Council on Foreign Relations (CFR)");
- typos, as many as the word's length allows, when the word meant is the one
  closest word the deck knows and the word typed is no word it knows.

A choice answered in other words is read in in_words.py.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from natobrief.grading.aliases import is_place
from natobrief.grading.forms import SEPARATORS, form, singular
from natobrief.grading.known import Known, answer_key
from natobrief.grading.names import same_person, titled
from natobrief.grading.normalise import spelled, words
from natobrief.grading.typos import distance, edits_allowed, is_typo_of

MAX_LENIENT = 400  # characters: longer answers are compared exactly only (no deck answer is)
MAX_CONTEXT = 12  # words around an answer that can still be context
NEGATIONS = frozenset({
    "not", "no", "never", "non", "without", "except", "neither", "nor", "none", "nothing",
    "nobody", "cannot", "isn't", "wasn't", "aren't", "weren't", "don't", "doesn't", "didn't",
    "won't", "can't",
})  # fmt: skip
_NEGATING = (("anything", "but"), ("anyone", "but"), ("rather", "than"), ("instead", "of"),
             ("other", "than"))  # fmt: skip
_BRACKETS = re.compile(r"^(?P<outside>[^()]*?)\s*\((?P<inside>[^()]*)\)?\s*(?P<after>[^()]*)$")


@dataclass(frozen=True, slots=True)
class Accepted:
    """An answer accepted though not written as the card has it, and why."""

    by: str  # alias | list | context | typo | number | words | own
    reason: str  # one sentence for the verdict
    wrote: str = ""  # a typo: the word as written
    meant: str = ""  # a typo: the word meant


def lenient_match(
    given: str,
    candidates: Sequence[str],
    known: Known,
    *,
    closed: bool = False,
    asked: frozenset[str] = frozenset(),
    ordered: bool = False,
) -> tuple[int, list[Accepted]] | None:
    """Which candidate ``given`` names in a lenient reading, and why; None for none.

    ``closed``: the candidates are all the options there are (a choice), so an
    answer that two of them fit names neither. ``asked``: the words of the
    question; an answer that only repeats them ("NATO" when asked what NATO
    stands for) is not another name of the answer.
    """
    if len(given) > MAX_LENIENT or not candidates:
        return None
    forms = [form(words(candidate), known.aliases) for candidate in candidates]
    texts = [given]
    bracketed = _without_acronym(given)
    if bracketed is not None:
        texts.append(bracketed)
    names = [_capitalised(text) for text in texts]
    for attempt in range(2):  # the words as typed first; typos corrected only if need be
        for text, capitals in zip(texts, names, strict=True):
            read, typos = words(text), list[tuple[str, str]]()
            if attempt:
                read, typos = _typos_corrected(read, candidates, known)
                if not typos:
                    continue
            found = _fit(read, text, capitals, forms, known, closed, asked, ordered)
            if found is None and not closed:
                people = [i for i, c in enumerate(candidates) if same_person(_plain(read), c)]
                found = (people[0], "alias") if people else None
            if found is None:
                continue
            index, by = found
            accepted = [
                Accepted(
                    "typo", "", _as_written(wrote, text), _as_written(meant, candidates[index])
                )
                for wrote, meant in typos
            ]
            as_written = _plain(read) == _plain(words(candidates[index]))
            if text is not given or not (by == "alias" and as_written):
                accepted.append(Accepted(by, _reason(by, given, candidates[index])))
            return index, accepted
    return None


def _typos_corrected(
    read: list[str], candidates: Sequence[str], known: Known
) -> tuple[list[str], list[tuple[str, str]]]:
    """The words with each typo corrected towards the candidates' words and the deck's."""
    vocabulary = {word for candidate in candidates for word in words(candidate)}
    long_words = frozenset(
        word
        for candidate in candidates
        if sum(char.isalpha() for char in candidate) >= 8
        for word in words(candidate)
    )
    return corrected(read, vocabulary, known, long_words)


def _fit(
    read: list[str],
    text: str,
    capitals: frozenset[str],
    forms: list[list[str]],
    known: Known,
    closed: bool,
    asked: frozenset[str],
    ordered: bool,
) -> tuple[int, str] | None:
    """The candidate the words ``read`` (of ``text``) fit, and by which rule; the guard
    rails that need the whole answer applied."""
    found = _first_fit(form(read, known.aliases), forms, closed, capitals, ordered)
    if found is not None and found[1] == "context" and _names_another(text, known):
        return None  # the answer is another card's answer
    if found is not None and found[1] == "alias" and set(read) <= asked:
        return None  # the answer repeats the question's own words
    return found


def _as_written(word: str, text: str) -> str:
    """The word of ``text`` (hyphenated words whole) that reads as ``word``:
    "stoltenbreg" -> "Stoltenbreg", "pacifc" -> "Indo-Pacifc"."""
    written: str
    for written in re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", text):
        found = words(written)
        if word in found or word in [singular(spelled(each)) for each in found]:
            return written
    return word


def _names_another(given: str, known: Known) -> bool:
    """True when the answer is, word for word, the answer of another card of the deck."""
    return answer_key(given) in known.answers


def _reason(by: str, given: str, candidate: str) -> str:
    if by == "list":
        return f"Accepted: '{given}' names the same things as '{candidate}'."
    if by == "context":
        return f"Accepted: '{given}' says '{candidate}'; the other words are context."
    return f"Accepted: '{given}' is '{candidate}'."


def _first_fit(
    given: list[str],
    forms: list[list[str]],
    closed: bool,
    names: frozenset[str],
    ordered: bool = False,
) -> tuple[int, str] | None:
    """The candidate ``given`` fits by the first rule that any candidate passes.

    ``names``: the words written with a capital (not first) in the answer.
    """

    def in_context(given: list[str], candidate: list[str]) -> bool:
        return _in_context(given, candidate, names)

    def same_list(given: list[str], candidate: list[str]) -> bool:
        return _same_list(given, candidate, ordered)

    def shortening(index: int) -> bool:  # "history" for "modern history": no words around it
        part = _plain(forms[index])
        return any(
            other is not forms[index] and len(other) > len(part) and _find(_plain(other), part) >= 0
            for other in forms
        )

    for rule, by in ((_same, "same"), (same_list, "list"), (in_context, "context")):
        hits = [
            index
            for index, candidate in enumerate(forms)
            if rule(given, candidate)
            and not (by == "context" and shortening(index) and not titled(given, _plain(candidate)))
        ]
        if hits:
            if closed and len(hits) > 1:
                return None  # two options fit: the answer names neither
            return hits[0], "alias" if by == "same" else by
    hits = [index for index, candidate in enumerate(forms) if _after_ruling_out(given, candidate)]
    if len(hits) == 1 or (hits and not closed):
        return hits[0], "context"
    return None


def _plain(tokens: list[str]) -> list[str]:
    return [token for token in tokens if token not in (",", ";")]


def _same(given: list[str], candidate: list[str]) -> bool:
    """The same words; or the same letters ("semi-conductors"), or a day of the month asked."""
    if not candidate:
        return False
    mine, theirs = _plain(given), _plain(candidate)
    if mine == theirs or "".join(mine) == "".join(theirs):
        return True
    return len(mine) == len(theirs) and all(
        m == t or (_is_month(t) and m.startswith(t + "-"))
        for m, t in zip(mine, theirs, strict=True)
    )


def _is_month(token: str) -> bool:
    """A month's date word (``@2024-05``), not a day's."""
    return token.startswith("@") and token.count("-") == 1 and token[1:5].isdigit()


def items(tokens: list[str]) -> list[tuple[str, ...]]:
    items: list[tuple[str, ...]] = []
    current: list[str] = []
    for token in [*tokens, ","]:
        if token in SEPARATORS:
            if current:
                items.append(tuple(current))
            current = []
        else:
            current.append(token)
    return items


def _same_list(given: list[str], candidate: list[str], ordered: bool = False) -> bool:
    """The same items in any order (in the same order when ``ordered``), whatever separates
    them ("India & Japan")."""
    if not any(token in SEPARATORS for token in candidate) or "or" in given:
        return False
    wanted, got = items(candidate), items(given)
    if len(wanted) < 2 or len(got) != len(wanted):
        return False
    if ordered:
        return wanted == got
    if sorted(wanted) == sorted(got):
        return True
    # "hypersonic and long-range missiles" is "long-range and hypersonic missiles"
    return sorted(_plain([w for w in given if w not in SEPARATORS])) == sorted(
        _plain([w for w in candidate if w not in SEPARATORS])
    )


def negated(tokens: list[str]) -> bool:
    pairs = itertools.pairwise(tokens)
    return any(token in NEGATIONS for token in tokens) or any(p in _NEGATING for p in pairs)


def _find(tokens: list[str], part: list[str]) -> int:
    """Where ``part`` starts in ``tokens``, or -1."""
    size = len(part)
    for start in range(len(tokens) - size + 1):
        if tokens[start : start + size] == part:
            return start
    return -1


def _is_number(token: str) -> bool:
    return token[:1].isdigit() or token[:2] == "@1" or token[:2] == "@2"


def _capitalised(text: str) -> frozenset[str]:
    """The words of ``text`` written with a capital letter, but for its first word."""
    found = re.findall(r"(?<=\s)[^\W\d_][\w'’-]*", text.strip())
    return frozenset(word for name in found if name[0].isupper() for word in words(name))


def _in_context(
    given: list[str], candidate: list[str], names: frozenset[str] = frozenset()
) -> bool:
    """``candidate`` stands whole in ``given``, and the words around it add nothing that
    makes it wrong: no second thing ("and Germany"), no alternative ("or"), no negation,
    no name continued ("Washington State" is not Washington; ``names`` are the words
    the learner wrote with a capital).
    """
    wanted = _plain(candidate)
    if not wanted or len(given) - len(wanted) > MAX_CONTEXT or negated(given):
        return False
    keep = [at for at, token in enumerate(given) if token not in (",", ";")]
    start = _find([given[at] for at in keep], wanted)
    if start < 0:
        return False
    first, last = keep[start], keep[start + len(wanted) - 1]
    before, after = given[:first], given[last + 1 :]
    extras = before + after
    if "or" in extras or not extras:
        return not extras
    places = any(is_place(token) for token in wanted)
    if after and after[0] in names:
        return False  # a name goes on: "Washington State", "Wang Yi" for "Wang"
    if before and before[-1] in SEPARATORS:
        return False
    if after and after[0] in SEPARATORS:
        # "Madrid, Spain": a country after a comma places what is not itself a country
        appositive = after[0] == "," and len(after) == 2 and is_place(after[1]) and not places
        if not appositive:
            return False
    if places and any(is_place(token) for token in extras):
        return False  # another country beside the country asked for
    numbers = any(_is_number(token) for token in wanted)
    return not (numbers and any(_is_number(token) for token in extras))


def _after_ruling_out(given: list[str], candidate: list[str]) -> bool:
    """ "not China but North Korea", "Russia, not China": what is left once the clauses
    that rule something out are set aside names the answer; a clause that rules out
    the answer itself makes it wrong."""
    if not negated(given) or any(p in _NEGATING for p in itertools.pairwise(given)):
        return False  # "anything but Russia" rules out the answer itself
    clauses: list[list[str]] = [[]]
    for token in given:
        if token in (",", ";", "but"):
            clauses.append([])
        else:
            clauses[-1].append(token)
    wanted = _plain(candidate)
    kept: list[str] = []
    for clause in clauses:
        if negated(clause):
            if _find(clause, wanted) >= 0:
                return False
        else:
            kept.extend(clause)
    return bool(kept) and (_same(kept, candidate) or _in_context(kept, candidate))


def corrected(
    given: list[str],
    candidate_words: set[str],
    known: Known,
    long_words: frozenset[str] = frozenset(),
) -> tuple[list[str], list[tuple[str, str]]]:
    """``given`` with each typo corrected to the one closest word it can mean, and the typos.

    ``long_words``: the words of answers of eight letters or more, where a short word
    may carry a typo too (one edit in the whole answer was always forgiven there).
    """
    out: list[str] = []
    typos: list[tuple[str, str]] = []
    for word in given[:60]:
        if (
            len(word) < 2
            or not word.isalpha()
            or word in candidate_words
            or known.knows(word)
            or known.knows(singular(spelled(word)))
        ):
            out.append(word)
            continue
        if len(word) < 4:  # "South China Sae": a short word, only within a long answer
            pool, least, near = set(long_words), 1, []
        else:
            pool, least, near = set(candidate_words), 0, known.near(word)
        near = sorted(
            {
                *near,
                *(
                    (distance(word, other, max(edits_allowed(other), least)), other)
                    for other in pool
                    if is_typo_of(word, other, least)
                ),
            }
        )
        closest = [other for cost, other in near if cost == near[0][0]] if near else []
        if len(closest) > 1:
            # a tie between the card's own word and ordinary words goes to the card's word;
            # a tie with another name ("Iran" or "Iraq") goes to neither
            own = [other for other in closest if other in candidate_words]
            names = [other for other in closest if other not in own and known.names(other)]
            closest = own if len(own) == 1 and not names else closest
        if len(closest) == 1:
            out.append(closest[0])
            typos.append((word, closest[0]))
        else:
            out.append(word)
    return out + given[60:], typos


def _without_acronym(given: str) -> str | None:
    """ "the Council on Foreign Relations (CFR)" -> "the Council on Foreign Relations" when
    the brackets hold an acronym of the words before them; else None."""
    match = _BRACKETS.match(given.strip())
    if not match or not match["outside"].strip() or match["after"].strip():
        return None
    inside = [char for char in match["inside"].casefold() if char.isalpha()]
    outside = [char for char in match["outside"].casefold() if char.isalpha()]
    heads = [word[0] for word in words(match["outside"]) if word[:1].isalpha()]
    if not inside or not heads or inside[0] != heads[0]:
        return None
    at = 0
    for char in outside:  # the acronym's letters appear in order in the words
        if at < len(inside) and char == inside[at]:
            at += 1
    return match["outside"].strip() if at == len(inside) else None
