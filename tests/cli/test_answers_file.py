"""Headless ``--answers FILE``: entries whose id matches no card are named, not ignored."""

from __future__ import annotations

from pathlib import Path

from natobrief.deck.loader import load_deck
from natobrief.headless.answers import MAX_UNKNOWN_LISTED, read_answers, unknown_id_problems
from tests.cli.test_headless import GOOD_DECK, NOW, answers_file, events, natobrief


def test_a_mistyped_id_is_named_with_its_line_and_the_session_still_runs(
    tmp_path: Path,
) -> None:
    answers = answers_file(tmp_path)
    good = answers.read_text(encoding="utf-8")
    answers.write_text(
        good + "heads-23: 32\ntest-deck/tokyo-blockd: France\nnot-a-card-at-all: x\n",
        encoding="utf-8",
    )
    first_extra_line = good.count("\n") + 1
    done = natobrief(
        "exam", str(GOOD_DECK), "--headless", "--jsonl", "--seed", "1", "--now", NOW,
        "--db", str(tmp_path / "p.db"), "--answers", str(answers),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr  # every real card answered right: status unchanged
    assert "Traceback" not in done.stderr
    assert events(done.stdout)[-1]["correct"] == 8  # stdout stays pure JSON lines
    warnings = done.stderr.splitlines()
    assert warnings == [
        f"{answers}:{first_extra_line}:1: warning: 'heads-23' matches no card of this "
        "session's decks, so it is not used",
        "    hint: did you mean 'heads-32'? Correct the id in the answers file",
        f"{answers}:{first_extra_line + 1}:1: warning: 'test-deck/tokyo-blockd' matches no "
        "card of this session's decks, so it is not used",
        "    hint: did you mean 'test-deck/tokyo-blocked'? Correct the id in the answers file",
        f"{answers}:{first_extra_line + 2}:1: warning: 'not-a-card-at-all' matches no card of "
        "this session's decks, so it is not used",
        "    hint: write a card id of these decks (a card's 'id:' in its deck file), "
        "or 'deck-id/card-id'",
    ]


def test_known_ids_give_no_warning_and_a_long_list_is_cut_short(tmp_path: Path) -> None:
    deck = load_deck(GOOD_DECK)
    book = read_answers(answers_file(tmp_path))
    assert unknown_id_problems(book, [deck]) == []
    many = tmp_path / "other-decks.yaml"
    many.write_text("".join(f"other-card-{n}: x\n" for n in range(25)), encoding="utf-8")
    problems = unknown_id_problems(read_answers(many), [deck])
    assert len(problems) == MAX_UNKNOWN_LISTED + 1
    assert problems[-1].message == "15 more entries match no card of this session's decks"
    assert all(problem.severity == "warning" for problem in problems)
