"""``natobrief export --to gift``: every card type as a well-formed Moodle GIFT question.

The file is read back by a small reader that follows Moodle's own GIFT importer
(question/format/gift/format.php, ``readquestion``): escaped characters become
placeholders first, the answers are the text between the first ``{`` and the
first ``}``, the general feedback follows the last ``####``, and the question
type is decided the way Moodle decides it. pygiftparser, the one GIFT reader on
PyPI, is not used: it pins Markdown below 3.1 and fails under
``-W error`` on import (see the reply that added this file).
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from click.testing import CliRunner

from natobrief.cli import cli
from natobrief.deck.library import load_decks
from natobrief.deck.model import (
    ChoiceCard,
    ClozeCard,
    MatchCard,
    NumberCard,
    OrderCard,
    ShortCard,
    TrueFalseCard,
)
from natobrief.tools.gift import number
from tests.conftest import DATA

_PLACEHOLDERS = {"\\:": "\x01", "\\#": "\x02", "\\=": "\x03", "\\{": "\x04", "\\}": "\x05",
                 "\\~": "\x06", "\\n": "\x07"}  # fmt: skip
_CHARACTERS = dict(zip("\x01\x02\x03\x04\x05\x06\x07", ":#={}~\n", strict=True))


@dataclass
class GiftQuestion:
    """One question as Moodle's importer sees it."""

    category: str
    title: str
    qtype: str
    text: str
    answers: list[str] = field(default_factory=list)  # multichoice/short: text; match: "a->b"
    right: list[bool] = field(default_factory=list)  # multichoice: which answers are right
    feedback: str = ""


def _pre(text: str) -> str:
    text = text.replace("\\\\", "\x00")
    for escaped, placeholder in _PLACEHOLDERS.items():
        text = text.replace(escaped, placeholder)
    return text.replace("\x00", "\\")


def _post(text: str) -> str:
    return "".join(_CHARACTERS.get(char, char) for char in text).strip()


def _without_format(text: str) -> str:
    assert text.startswith("[plain]"), text
    return text.removeprefix("[plain]")


def read_gift(source: str) -> list[GiftQuestion]:
    """Parse GIFT text like Moodle's importer; asserts on anything Moodle would refuse."""
    category, questions = "", []
    for block in re.split(r"\n\s*\n", source):
        lines = [line for line in block.splitlines() if not line.strip().startswith("//")]
        text = _pre("\n".join(lines).strip())
        if not text:
            continue
        if text.startswith("$CATEGORY:"):
            category = text.removeprefix("$CATEGORY:").strip()
            continue
        assert text.startswith("::"), text
        title, _, text = text[2:].partition("::")
        start, end = text.find("{"), text.find("}")
        assert 0 <= start < end, f"braces in {title}"
        assert "{" not in text[start + 1 :] and "}" not in text[end + 1 :], f"stray brace: {title}"
        answer_text = text[start + 1 : end].strip()
        if text.rstrip().endswith("}"):
            question_text = text[:start] + text[end + 1 :]
        else:
            question_text = text[:start] + "_____" + text[end + 1 :]
        answer_text, _, general = answer_text.rpartition("####")
        answer_text = answer_text.strip()
        question = GiftQuestion(category, _post(title), "", _post(_without_format(question_text)))
        question.feedback = _post(general)
        if answer_text.startswith("#"):
            question.qtype = "numerical"
            question.answers = [_post(answer_text[1:])]
        elif "~" in answer_text:
            question.qtype = "multichoice"
            for answer in filter(None, answer_text.replace("=", "~=").split("~")):
                answer = answer.strip()
                if answer:
                    question.right.append(answer.startswith("="))
                    question.answers.append(_post(answer.removeprefix("=")))
        elif "=" in answer_text and "->" in answer_text:
            question.qtype = "match"
            question.answers = [_post(a) for a in answer_text.split("=") if a.strip()]
            assert all("->" in a for a in question.answers), title
        elif answer_text in ("T", "F", "TRUE", "FALSE"):
            question.qtype = "truefalse"
            question.answers = [answer_text]
        else:
            question.qtype = "shortanswer"
            question.answers = [_post(a) for a in answer_text.split("=") if a.strip()]
        assert "#" not in "".join(question.answers), f"unescaped # in {title}"
        questions.append(question)
    return questions


def _export(tmp_path: Path, *decks: str) -> tuple[str, str]:
    target = tmp_path / "cards.gift"
    result = CliRunner().invoke(cli, ["export", *decks, "--to", "gift", "-o", str(target)])
    assert result.exit_code == 0, result.output
    return result.output, target.read_text(encoding="utf-8")


def test_every_bundled_card_is_a_question_with_its_answers(tmp_path: Path) -> None:
    output, text = _export(tmp_path)
    questions = {q.title: q for q in read_gift(text)}
    decks = load_decks(())
    split_cloze, order_cards = 0, 0
    for deck in decks:
        for card in deck.cards:
            source = deck.sources[card.source.doc]
            if isinstance(card, ClozeCard) and len(card.gaps) > 1:
                split_cloze += 1
                asked = [questions.pop(f"{card.id}-{n}") for n in range(1, len(card.gaps) + 1)]
                for gap, question in zip(card.gaps, asked, strict=True):
                    assert question.qtype == "shortanswer"
                    assert question.answers == list(gap)
                    assert question.text.count("_____") == 1
                    # the other gaps are filled in with their first answer
                    for other in card.gaps:
                        if other is not gap:
                            assert other[0] in question.text
                continue
            question = questions.pop(card.id)
            assert question.category == deck.id
            assert card.source.quotes[0].text in question.feedback
            assert f"Source: {source.title}" in question.feedback
            assert card.note in question.feedback
            if isinstance(card, ShortCard):
                assert question.qtype == "shortanswer"
                assert question.answers == [card.answer, *card.accept]
                assert question.text == card.prompt
            elif isinstance(card, ChoiceCard):
                assert question.qtype == "multichoice"
                assert question.answers == list(card.options)
                assert [a for a, r in zip(question.answers, question.right, strict=True) if r] == [
                    card.answer
                ]
            elif isinstance(card, TrueFalseCard):
                assert question.qtype == "truefalse"
                assert question.answers == ["T" if card.answer else "F"]
            elif isinstance(card, NumberCard):
                assert question.qtype == "numerical"
                value, tolerance = question.answers[0].split(":")
                assert float(value) == card.answer and float(tolerance) == card.tolerance
            elif isinstance(card, MatchCard):
                assert len(card.pairs) >= 3  # two-pair cards: see test_two_pair_cards_...
                assert question.qtype == "match"
                pairs = [tuple(p.strip() for p in a.split("->", 1)) for a in question.answers]
                assert pairs == [(left, right) for left, right in card.pairs]
            elif isinstance(card, OrderCard):
                order_cards += 1
                assert len(card.items) >= 3
                assert question.qtype == "match"
                # the instruction on a line of its own, not run into the prompt
                assert question.text == f"{card.prompt}\nMatch each position to its item."
                assert question.answers == [
                    f"{n} -> {item}" for n, item in enumerate(card.items, start=1)
                ]
            elif isinstance(card, ClozeCard):
                assert question.qtype == "shortanswer"
                assert question.answers == list(card.gaps[0])
                assert question.text.count("_____") == 1
    assert questions == {}  # nothing exported that is not a card
    assert split_cloze > 0 and order_cards > 0
    assert f"{order_cards} order cards exported as matching questions" in output
    assert f"{split_cloze} cloze cards with several gaps became" in output


def test_gift_syntax_in_deck_text_is_escaped(tmp_path: Path) -> None:
    shutil.copytree(DATA / "good" / "sources", tmp_path / "sources")
    hostile = "Which {=:} ~ # \\ sign -> here?\nSecond line\x1b[31m"
    deck_text = (DATA / "good" / "deck.yaml").read_text(encoding="utf-8")
    deck_text = deck_text.replace(
        "prompt: Who blocked the Tokyo office?", f"prompt: {_yaml_string(hostile)}"
    ).replace("France: blocked the office", '"France -> x": "blocked {the} office"')
    (tmp_path / "deck.yaml").write_text(deck_text, encoding="utf-8")
    _, text = _export(tmp_path, str(tmp_path / "deck.yaml"))
    assert "Which \\{\\=\\:\\} \\~ \\# \\\\ sign -> here?\\nSecond line[31m" in text
    assert "\x1b" not in text
    questions = {q.title: q for q in read_gift(text)}
    assert questions["tokyo-blocked"].text == "Which {=:} ~ # \\ sign -> here?\nSecond line[31m"
    assert questions["tokyo-blocked"].answers == ["France", "France and other European members"]
    # a match item's "->" would make Moodle read a matching question; it becomes an arrow
    who_what = questions["who-what"]  # two pairs: one choice between two pairings
    assert who_what.answers == [
        "France → x → blocked {the} office; Russia → imported microelectronics",
        "France → x → imported microelectronics; Russia → blocked {the} office",
    ]
    assert who_what.right == [True, False]
    first_gap = questions["quad-cloze-1"].text
    assert first_gap.endswith("The Quad was created in _____, revived in 2017.")


def _yaml_string(text: str) -> str:
    """A YAML double-quoted scalar for ``text``."""
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + escaped.replace("\x1b", "\\e") + '"'


def test_numbers_are_written_as_plain_decimals() -> None:
    # Moodle's numeric answers are read with PHP's is_numeric: no exponent, no trailing ".0".
    assert [number(v) for v in (32.0, 0.5, 1e-7, 1e20, -2.25)] == [
        "32", "0.5", "0.0000001", "100000000000000000000", "-2.25",
    ]  # fmt: skip


def test_two_pair_cards_become_a_choice_between_the_two_ways_round(tmp_path: Path) -> None:
    # Moodle's matching question needs three pairs; with two, one choice asks the same.
    shutil.copytree(DATA / "good" / "sources", tmp_path / "sources")
    deck_text = (DATA / "good" / "deck.yaml").read_text(encoding="utf-8")
    deck_text = deck_text.replace(
        "items: [Quad created, Quad revived, AUKUS announced]",
        "items: [Quad revived, AUKUS announced]",
    )
    (tmp_path / "deck.yaml").write_text(deck_text, encoding="utf-8")
    output, text = _export(tmp_path, str(tmp_path / "deck.yaml"))
    questions = {q.title: q for q in read_gift(text)}
    timeline, who_what = questions["timeline"], questions["who-what"]
    assert timeline.qtype == who_what.qtype == "multichoice"
    assert timeline.text == "Put in order.\nWhich comes first?"
    assert dict(zip(timeline.answers, timeline.right, strict=True)) == {
        "AUKUS announced": False,
        "Quad revived": True,
    }
    assert who_what.text == "Match.\nWhich pairing is right?"
    assert dict(zip(who_what.answers, who_what.right, strict=True)) == {
        "France → blocked the office; Russia → imported microelectronics": True,
        "France → imported microelectronics; Russia → blocked the office": False,
    }
    assert "The Quad was created in 2007" in timeline.feedback
    assert (
        "2 cards with only two pairs or items exported as multiple choice (Moodle's matching "
        "question needs three pairs; the choice is graded the same): test-deck/timeline, "
        "test-deck/who-what." in " ".join(output.split())
    )
    assert "order card" not in output  # no order card left to export as matching


def test_dash_writes_the_questions_to_stdout_and_the_notes_to_stderr(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli, ["export", str(DATA / "good" / "deck.yaml"), "--to", "gift", "-o", "-"]
    )
    assert result.exit_code == 0, result.output
    _, written = _export(tmp_path, str(DATA / "good" / "deck.yaml"))
    assert result.stdout == written  # the same questions, and nothing else
    assert "written to standard output (gift)" in result.stderr
    assert "import with Moodle's question bank" in result.stderr
    assert "written to" not in result.stdout
