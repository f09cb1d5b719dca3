"""``natobrief handout``: briefing sheets as Markdown and as a standalone printable page."""

from __future__ import annotations

import shutil
from html.parser import HTMLParser
from pathlib import Path

from click.testing import CliRunner

from natobrief.cli import cli
from natobrief.deck.library import load_decks
from natobrief.tools.handout import fact, h, md
from tests.conftest import DATA

VOID = {"meta", "br", "hr", "img", "link", "input"}


class TagChecker(HTMLParser):
    """Checks that every tag is closed in order; collects text and tag names."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.problems.append(f"unbalanced </{tag}> at {self.getpos()}")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _handout(tmp_path: Path, name: str, *decks: str) -> str:
    target = tmp_path / name
    result = CliRunner().invoke(cli, ["handout", *decks, "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "written to" in result.output
    return target.read_text(encoding="utf-8")


def _hostile_deck(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "good" / "sources", tmp_path / "sources")
    text = (DATA / "good" / "deck.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "prompt: Who blocked the Tokyo office?",
        'prompt: "<script>alert(1)</script> **bold** [x](y) # 1. _u_ &amp; `c`"',
    ).replace("note: Bergmann said so.", 'note: "- <img src=x onerror=alert(1)> [a](javascript:b)"')
    text = text.replace("url: https://example.org/nato-watch", 'url: "javascript:alert(1)"')
    (tmp_path / "deck.yaml").write_text(text, encoding="utf-8")
    return tmp_path / "deck.yaml"


def test_markdown_has_every_document_and_every_answer_in_document_order(tmp_path: Path) -> None:
    text = _handout(tmp_path, "handout.md")
    decks = load_decks(())
    for deck in decks:
        for source in deck.sources.values():
            assert f"## {md(source.title)}" in text
        for card in deck.cards:
            entry = fact(deck, card)
            answers = [entry.answer] if entry.answer is not None else list(entry.answer_items)
            for answer in answers:
                assert md(answer or "") in text, (deck.id, card.id)
            assert md(entry.quotes[0]) in text
    # Within one sheet, facts follow the document: the quotes' offsets never go back.
    deck = next(d for d in decks if d.id == "washington-summit-2024")
    source = next(iter(deck.sources.values()))
    sheet = text.split(f"## {md(source.title)}")[1].split("\n## ")[0]
    cards = sorted(deck.cards, key=lambda c: min(q.start for q in c.source.quotes))
    positions = [
        sheet.index(f"### {n}. {md(fact(deck, c).question)}") for n, c in enumerate(cards, 1)
    ]
    assert positions == sorted(positions) and len(positions) == len(deck.cards)


def test_html_is_a_balanced_standalone_page_with_every_answer(tmp_path: Path) -> None:
    page = _handout(tmp_path, "handout.html")
    checker = TagChecker()
    checker.feed(page)
    checker.close()
    assert checker.problems == [] and checker.stack == []
    assert page.startswith("<!DOCTYPE html>") and "script" not in checker.tags
    assert "<style>" in page and "@media print" in page
    text = " ".join(checker.text)
    for deck in load_decks(()):
        for card in deck.cards:
            entry = fact(deck, card)
            for answer in [entry.answer] if entry.answer is not None else entry.answer_items:
                assert answer in text, (deck.id, card.id)


def test_hostile_deck_text_stays_text(tmp_path: Path) -> None:
    deck = _hostile_deck(tmp_path)
    markdown = _handout(tmp_path, "h.md", str(deck))
    assert "<script>" not in markdown and "[x](y)" not in markdown and "**bold**" not in markdown
    assert (
        "\\<script\\>alert(1)\\</script\\> \\*\\*bold\\*\\* \\[x\\](y) \\# 1. \\_u\\_" in markdown
    )
    assert "*Note:* \\- \\<img src=x onerror=alert(1)\\> \\[a\\](javascript:b)" in markdown

    page = _handout(tmp_path, "h.html", str(deck))
    checker = TagChecker()
    checker.feed(page)
    checker.close()
    assert checker.problems == [] and checker.stack == []
    assert "script" not in checker.tags and "img" not in checker.tags
    assert "href" not in page  # a javascript: address is shown, never linked
    assert h("<script>alert(1)</script> **bold** [x](y)") in page
    text = " ".join(checker.text)
    assert "<script>alert(1)</script> **bold** [x](y) # 1. _u_ &amp; `c`" in text


def test_an_unknown_suffix_is_refused_with_the_ones_that_work(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["handout", "-o", str(tmp_path / "handout.pdf")])
    assert result.exit_code != 0
    message = str(result.exception)
    assert "FILE.md" in message and "FILE.html" in message
    assert not (tmp_path / "handout.pdf").exists()
