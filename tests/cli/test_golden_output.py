"""The seeded headless output of the bundled decks, byte for byte.

The files in tests/data/golden/ were written by natobrief itself before the card
types moved to one module each (answers: right, wrong, letters, typos and
empty, one per card, in tests/data/golden/answers.json). A change to how cards
are read, shuffled, graded or shown that is not meant to change what a learner
sees must leave these files as they are; one that is meant to (a grader that
accepts more forms) updates them in the same commit, so the diff shows what a
learner now sees differently. Regenerate with the commands in the README of
tests/data/golden/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.test_headless import natobrief

GOLDEN = Path(__file__).parents[1] / "data" / "golden"
NOW = "2026-03-01T09:00:00+00:00"
RUNS = {
    "study.plain": ("study", "--seed", "7", "--new", "500"),
    "study.jsonl": ("study", "--jsonl", "--seed", "7", "--new", "500"),
    "exam.plain": ("exam", "--seed", "11", "--count", "60"),
    "exam.jsonl": ("exam", "--jsonl", "--seed", "11", "--count", "60"),
}


@pytest.mark.parametrize("name", sorted(RUNS))
def test_seeded_headless_output_of_the_bundled_decks_is_unchanged(
    name: str, tmp_path: Path
) -> None:
    command, *options = RUNS[name]
    done = natobrief(
        command, "--headless", *options, "--now", NOW, "--db", str(tmp_path / "p.db"),
        "--answers", str(GOLDEN / "answers.json"),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    expected = (GOLDEN / f"{name}.txt").read_text(encoding="utf-8")
    if done.stdout != expected:
        got, want = done.stdout.splitlines(), expected.splitlines()
        first = next(
            (n for n, (a, b) in enumerate(zip(got, want, strict=False)) if a != b),
            min(len(got), len(want)),
        )
        pytest.fail(
            f"{name} differs first at line {first + 1}:\n"
            f"  got:  {got[first] if first < len(got) else '(end)'}\n"
            f"  want: {want[first] if first < len(want) else '(end)'}"
        )
