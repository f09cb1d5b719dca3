"""The source readers against documents and expectations written by someone who had not
seen the readers (tests/data/sources_cases/expect.yaml, fixed before any reader ran):
what a person reads on each page, what must not be there, quotes that must be found
and the place each stands, and the files that must be refused."""

from __future__ import annotations

import pytest
import yaml

from natobrief.deck.grounding import SourceIndex
from natobrief.sources.model import Extracted, Unreadable, place_at
from natobrief.sources.readers import read_source
from tests.conftest import DATA

CASES = DATA / "sources_cases"
EXPECT: dict[str, dict[str, object]] = yaml.safe_load((CASES / "expect.yaml").read_text())
GOOD = [
    name for name, case in EXPECT.items() if not case.get("refuse") and not case.get("optional")
]
REFUSED = [name for name, case in EXPECT.items() if case.get("refuse")]


def _read(name: str) -> Extracted:
    path = CASES / name
    found = read_source(path, path.read_bytes())
    assert isinstance(found, Extracted), "a document of a known kind is read into blocks"
    return found


def _collapsed(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("name", GOOD)
def test_title_and_date(name: str) -> None:
    document, case = _read(name), EXPECT[name]
    assert document.title == case["title"]
    if "date" in case:
        assert document.date == case["date"]


@pytest.mark.parametrize("name", GOOD)
def test_what_a_reader_sees_is_there_and_nothing_else(name: str) -> None:
    text = _collapsed(_read(name).text)
    case = EXPECT[name]
    missing = [passage for passage in case["must_contain"] if _collapsed(passage) not in text]  # type: ignore[union-attr]
    present = [junk for junk in case["must_not_contain"] if junk in text]  # type: ignore[union-attr]
    assert (missing, present) == ([], [])


@pytest.mark.parametrize("name", GOOD)
def test_quotes_are_found_at_their_place(name: str) -> None:
    document = _read(name)
    index = SourceIndex.build(document.text)
    places = document.places()
    wrong: list[tuple[str, str | None, str]] = []
    for quote in EXPECT[name]["quotes"]:  # type: ignore[union-attr]
        span = index.find(quote["text"])
        where = place_at(places, span[0]) if span is not None else None
        if where != quote["place"]:
            wrong.append((quote["text"], where, quote["place"]))
    assert wrong == []


def test_markdown_headings_in_order() -> None:
    headings = [block.text for block in _read("notes.md").blocks if block.kind == "heading"]
    assert headings == EXPECT["notes.md"]["blocks"]


@pytest.mark.parametrize("name", REFUSED)
def test_what_cannot_be_read_is_refused_saying_why(name: str) -> None:
    path = CASES / name
    with pytest.raises(Unreadable) as refused:
        read_source(path, path.read_bytes())
    said = f"{refused.value.message} {refused.value.hint}".casefold()
    words = EXPECT[name]["reason_words_any"]
    assert any(word.casefold() in said for word in words), said  # type: ignore[union-attr]
