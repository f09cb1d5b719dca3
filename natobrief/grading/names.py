"""People's names as learners write them: in the other order, with a short first name,
or after a title. Read only for answers that name a person ("First Last" in the deck).
"""

from __future__ import annotations

import re

from natobrief.grading.normalise import words

# Words that stand before a person's name as a title: "Secretary General Stoltenberg".
TITLES = frozenset({
    "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "president", "premier",
    "chancellor", "minister", "prime", "secretary", "general", "spokesperson", "spokesman",
    "spokeswoman", "ambassador", "senator", "foreign", "defence", "defense", "deputy", "vice",
    "chief", "state", "the",
})  # fmt: skip
# Usual short forms of first names, to their long form (a reviewed table, not a library's).
FIRST_NAMES = {
    "liz": "elizabeth", "beth": "elizabeth", "bill": "william", "will": "william",
    "bob": "robert", "rob": "robert", "jim": "james", "jamie": "james", "mike": "michael",
    "tony": "anthony", "joe": "joseph", "tom": "thomas", "dick": "richard", "rick": "richard",
    "kate": "katherine", "cathy": "catherine", "peggy": "margaret", "maggie": "margaret",
    "ted": "edward", "ed": "edward", "chuck": "charles", "charlie": "charles", "sasha": "alexander",
    "alex": "alexander", "dan": "daniel", "dave": "david", "steve": "stephen", "andy": "andrew",
    "nick": "nicholas", "sam": "samuel", "ben": "benjamin", "chris": "christopher",
}  # fmt: skip
_PERSON = re.compile(r"[A-Z][\w'’-]+ [A-Z][\w'’-]+")


def titled(given: list[str], wanted: list[str]) -> bool:
    """ "Secretary General Stoltenberg" for "Stoltenberg": only titles before the name
    (``wanted``: the name's words, separators left out)."""
    before = given[: len(given) - len(wanted)]
    return given[len(before) :] == wanted and bool(before) and set(before) <= TITLES


def same_person(given: list[str], candidate: str) -> bool:
    """``given`` (words) names the person ``candidate`` (a "First Last" name) in another
    form: the names in the other order ("Huiyao Wang" for "Wang Huiyao"), or the first
    name shortened ("Doug Jones" for "Douglas Jones") or in its usual long or short form
    ("Elizabeth Truss" for "Liz Truss")."""
    named = words(candidate)
    if len(named) != 2 or not _PERSON.fullmatch(candidate.strip()):
        return False
    first, last = named
    if given == [last, first]:
        return True
    if len(given) != 2 or given[1] != last or given[0] == first:
        return False
    said = given[0]
    return (
        (len(said) >= 3 and first.startswith(said))
        or FIRST_NAMES.get(said) == first
        or FIRST_NAMES.get(first) == said
    )
