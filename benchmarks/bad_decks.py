"""How long refusing each malformed deck takes (the cases of tests/unit/test_deck_errors.py).

Prints the median of several runs per case, slowest first. Run:
``python benchmarks/bad_decks.py``.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from natobrief.deck.loader import read_deck
from tests.unit.test_deck_errors import CASES, write_deck


def main(runs: int = 5) -> None:
    timings: list[tuple[float, str]] = []
    for name, case in CASES.items():
        with tempfile.TemporaryDirectory() as folder:
            path = write_deck(Path(folder), case.deck)
            samples = []
            for _ in range(runs):
                start = time.perf_counter()
                result = read_deck(path)
                samples.append(time.perf_counter() - start)
                assert result.deck is None, name
            timings.append((statistics.median(samples), name))
    timings.sort(reverse=True)
    print(f"{len(timings)} malformed decks, median of {runs} runs each, slowest first")
    for seconds, name in timings:
        print(f"  {seconds * 1000:8.2f} ms  {name}")


if __name__ == "__main__":
    main()
