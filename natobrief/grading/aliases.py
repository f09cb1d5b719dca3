"""Other names for the same thing: countries from ISO 3166, a small reviewed table, and
the deck's own ``aliases:``.

Every name of one thing stands for the same token (``@fra`` for "France", "the
French Republic", "French"), so "S. Korea" and "the Republic of Korea" compare
equal to "South Korea", while a bare "Korea" names neither Korean state.
Country names, official names, common names and codes come from pycountry
(ISO 3166, the Debian iso-codes data); what no library holds is below, one line
a thing, each reviewed: demonyms, the short forms learners type, the few
organisations the decks name, and well-known exonyms of capitals.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import pickle
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

from natobrief.grading.normalise import spelled, words

# Names that ISO 3166 does not give, added to the country of that alpha-3 code.
# Demonyms count as the country: "the Russian invasion" is "Russia's invasion".
_COUNTRY_EXTRAS: dict[str, tuple[str, ...]] = {
    "USA": ("US", "U.S.", "U.S.A.", "America", "American", "Americans", "the States"),
    "GBR": ("UK", "U.K.", "Britain", "Great Britain", "British", "the Britons"),
    "CHN": ("PRC", "Chinese", "mainland China"),
    "TWN": ("Taiwanese", "Republic of China", "ROC"),
    "RUS": ("Russia", "Russian", "Russians"),
    "KOR": ("ROK", "S. Korea", "South Korean", "South Koreans", "Republic of Korea"),
    "PRK": ("DPRK", "N. Korea", "North Korean", "North Koreans"),
    "JPN": ("Japanese",),
    "IND": ("Indian", "Indians"),
    "AUS": ("Australian", "Australians"),
    "NZL": ("NZ", "N.Z.", "New Zealander", "New Zealanders", "Aotearoa"),
    "FRA": ("French",),
    "DEU": ("German", "Germans"),
    "ITA": ("Italian", "Italians"),
    "ESP": ("Spanish",),
    "TUR": ("Turkey", "Turkish", "Türkiye"),
    "HUN": ("Hungarian", "Hungarians"),
    "UKR": ("Ukrainian", "Ukrainians"),
    "BLR": ("Belarusian", "Belorussian", "Byelorussia"),
    "PHL": ("Filipino", "Filipinos", "Philippine"),
    "VNM": ("Vietnam", "Vietnamese"),
    "IRN": ("Iran", "Iranian", "Iranians", "Persia"),
    "SYR": ("Syria", "Syrian"),
    "POL": ("Polish", "Poles"),
    "SWE": ("Swedish", "Swedes"),
    "FIN": ("Finnish", "Finns"),
    "NOR": ("Norwegian", "Norwegians"),
    "DNK": ("Danish", "Danes"),
    "CAN": ("Canadian", "Canadians"),
    "MYS": ("Malaysian", "Malaysians"),
    "SRB": ("Serbian", "Serbs"),
    "BEL": ("Belgian", "Belgians"),
    "NLD": ("Holland", "Dutch", "the Netherlands"),
    "CZE": ("Czech Republic", "Czechia", "Czech"),
    "MDA": ("Moldova",),
    "LAO": ("Laos",),
    "BOL": ("Bolivia",),
    "VEN": ("Venezuela",),
    "TZA": ("Tanzania",),
}
# Other things learners name by a short form; each tuple is one thing's names.
_OTHER_NAMES: tuple[tuple[str, ...], ...] = (
    ("NATO", "the North Atlantic Treaty Organization", "the North Atlantic Treaty Organisation",
     "OTAN"),
    ("EU", "the European Union"),
    ("UN", "the United Nations"),
    ("the Soviet Union", "USSR", "the U.S.S.R.", "Soviet"),
    ("Brussels", "Bruxelles", "Brussel"),
    ("Belgrade", "Beograd"),
    ("Moscow", "Moskva"),
    ("Beijing", "Peking"),
    ("Kyiv", "Kiev"),
    ("Washington", "Washington, D.C.", "Washington DC", "D.C."),
    ("artificial intelligence", "AI"),
    # Everyday words for the same thing, reviewed one by one (a thesaurus would be too loose).
    ("aircraft", "plane", "airplane", "aeroplane", "warplane"),
    ("submarine", "sub"),
    ("decade", "ten years", "10 years"),
)  # fmt: skip
# Compass words learners shorten: "S. Korea", "N. Korea", "S. China Sea".
_COMPASS = {"s": "south", "n": "north", "e": "east", "w": "west"}


class Aliases:
    """Names (as word tuples) to the token that stands for the thing they name."""

    def __init__(self, names: Mapping[tuple[str, ...], str]) -> None:
        self.names = dict(names)
        self.longest = max((len(name) for name in self.names), default=0)

    def with_deck(self, groups: Iterable[Iterable[str]]) -> Aliases:
        """These aliases and a deck's own: each group is one thing's names."""
        names = dict(self.names)
        for group in groups:
            spelled = [_key(name) for name in group]
            spelled = [name for name in spelled if name]
            if not spelled:
                continue
            # A group that shares a name with a known thing joins that thing.
            token = next((names[n] for n in spelled if n in names), "@" + "-".join(spelled[0]))
            for name in spelled:
                names.setdefault(name, token)
        return Aliases(names)

    def tokens(self, text_words: list[str]) -> list[str]:
        """The words with every name replaced by its thing's token (longest names first)."""
        out: list[str] = []
        at, count = 0, len(text_words)
        text_words = _compass(text_words)  # the words come spelled one way (forms.py)
        while at < count:
            for size in range(min(self.longest, count - at), 0, -1):
                token = self.names.get(tuple(text_words[at : at + size]))
                if token is not None:
                    out.append(token)
                    at += size
                    break
            else:
                out.append(text_words[at])
                at += 1
        return out


def is_place(token: str) -> bool:
    """True for a country's token (``@FRA``)."""
    return token.startswith("@") and len(token) == 4 and token[1:].isupper()


def _key(name: str) -> tuple[str, ...]:
    """A name as the words that look it up: folded, compass letters spelled out, one spelling."""
    return tuple(spelled(word) for word in _compass(words(name)))


def _compass(text_words: list[str]) -> list[str]:
    """ "s korea" -> "south korea": a lone compass letter before a word is the compass word."""
    if not any(word in _COMPASS for word in text_words[:-1]):
        return text_words
    last = len(text_words) - 1
    return [
        _COMPASS[word] if word in _COMPASS and at < last and text_words[at + 1].isalpha() else word
        for at, word in enumerate(text_words)
    ]


def _countries() -> list[dict[str, str]]:
    """ISO 3166-1 as pycountry ships it: each country's alpha_3, name, official and common name.

    Read from pycountry's own data file when it is where pycountry keeps it (3 ms),
    else through pycountry's API (30 ms: it imports its whole package).
    """
    spec = importlib.util.find_spec("pycountry")
    if spec is not None and spec.origin:
        data_file = Path(spec.origin).parent / "databases" / "iso3166-1.json"
        try:
            entries = json.loads(data_file.read_text(encoding="utf-8"))["3166-1"]
            if all("alpha_3" in entry and "name" in entry for entry in entries):
                return [dict(entry) for entry in entries]
        except (OSError, ValueError, KeyError, TypeError):
            pass
    import pycountry  # the data file moved: the API reads it wherever it is

    fields = ("alpha_3", "name", "official_name", "common_name")
    return [
        {field: getattr(country, field) for field in fields if getattr(country, field, None)}
        for country in pycountry.countries
    ]


def _build() -> dict[tuple[str, ...], str]:
    names: dict[tuple[str, ...], str] = {}

    def add(name: str, token: str) -> None:
        spelled = _key(name)
        if spelled:
            names.setdefault(spelled, token)

    for country in _countries():
        token = "@" + country["alpha_3"]
        for field in ("name", "official_name", "common_name"):
            value = country.get(field)
            if value:
                add(value, token)
                if ", " in value:  # "Korea, Republic of" -> "Republic of Korea"
                    head, _, tail = value.partition(", ")
                    add(f"{tail} {head}", token)
        for code in _COUNTRY_EXTRAS.get(country["alpha_3"], ()):
            add(code, token)
    for index, group in enumerate(_OTHER_NAMES):
        token = f"@thing{index}"
        for name in group:
            add(name, token)
    # Two-letter codes are ordinary words too ("in", "it", "be"): only the ones
    # learners type for a country are in the extras above.
    return names


@cache
def known_aliases() -> Aliases:
    """Every country's names and codes, and the reviewed table (built at the first use).

    The built table is kept in the cache folder, keyed by natobrief's version and
    pycountry's data file, so a later process reads it in a millisecond instead of
    building it again (about 25 ms).
    """
    entry = _cache_entry()
    if entry is not None:
        try:
            with entry.open("rb") as handle:
                names = pickle.load(handle)
            if isinstance(names, dict):
                return Aliases(names)
        except (OSError, pickle.PickleError, EOFError, AttributeError, ValueError):
            pass
    names = _build()
    if entry is not None:
        with contextlib.suppress(OSError):
            entry.parent.mkdir(parents=True, exist_ok=True)
            partial = entry.with_suffix(f".{os.getpid()}.tmp")
            with partial.open("wb") as handle:
                pickle.dump(names, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(partial, entry)
    return Aliases(names)


def _cache_entry() -> Path | None:
    """Where the built table is kept, named by what it was built from; None if unknown."""
    from natobrief import __version__, paths

    spec = importlib.util.find_spec("pycountry")
    if spec is None or not spec.origin:
        return None
    try:
        data = (Path(spec.origin).parent / "databases" / "iso3166-1.json").stat()
    except OSError:
        return None
    made_from = f"{__version__}|{_TABLE_VERSION}|{spec.origin}|{data.st_size}|{data.st_mtime_ns}"
    key = hashlib.sha256(made_from.encode()).hexdigest()[:24]
    return paths.cache_dir() / "aliases" / f"{key}.pickle"


# Changed whenever the reviewed table or the way names are keyed changes.
_TABLE_VERSION = 2
