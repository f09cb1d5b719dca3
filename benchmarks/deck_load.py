"""Deck loading at scale: a generated 10,000-card deck, side by side with bare PyYAML.

Prints the median of several alternating runs for:
  * natobrief's full load (parse + validate + quote check), cold: no cached source index;
  * a bare ``yaml.load(text, Loader=yaml.CSafeLoader)`` of the same file (the baseline);
and their ratio. Run: ``python benchmarks/deck_load.py [--cards N] [--runs N]``.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from natobrief.deck import loader

SOURCE = Path(__file__).resolve().parent.parent / "decks" / "sources"
SOURCE_FILE = "three-key-points-2024-summit.txt"
QUOTES = [
    "Last year, Russia imported 90% of its microelectronics from China",
    "It was blocked by France and other European members",
    "China has repeatedly denied exporting dual-use items to Russia.",
    "Beijing cannot have it both ways.",
]


def card_yaml(index: int) -> str:
    """One card of a rotating type, each quoting the real source."""
    quote = QUOTES[index % len(QUOTES)]
    head = f"  - id: card-{index}\n"
    tail = (
        f'    source:\n      doc: src\n      quote: "{quote}"\n'
        f"    note: Generated card number {index}.\n    tags: [generated, batch-{index % 10}]\n"
    )
    kind = index % 7
    if kind == 0:
        body = (
            f"    prompt: Question {index}?\n    answer: Answer {index}\n"
            f"    accept: [Alt {index}]\n"
        )
    elif kind == 1:
        body = (
            f"    type: choice\n    prompt: Pick {index}\n    options: [France, Spain, Italy]\n"
            "    answer: France\n"
        )
    elif kind == 2:
        body = f"    type: truefalse\n    prompt: Statement {index}.\n    answer: true\n"
    elif kind == 3:
        body = f"    type: cloze\n    text: Russia imported {{{{90%}}}} of item {index}.\n"
    elif kind == 4:
        body = f'    type: number\n    prompt: How many {index}?\n    answer: 90\n    unit: "%"\n'
    elif kind == 5:
        body = f"    type: order\n    prompt: Order {index}\n    items: [first, second, third]\n"
    else:
        body = (
            f"    type: match\n    prompt: Match {index}\n    pairs: {{a: one, b: two, c: three}}\n"
        )
    return head + body + tail


def write_deck(folder: Path, cards: int) -> Path:
    """Write the generated deck and its source into ``folder``."""
    (folder / "sources").mkdir()
    (folder / "sources" / SOURCE_FILE).write_text((SOURCE / SOURCE_FILE).read_text())
    parts = [
        "natobrief: 1\nid: generated\ntitle: Generated deck\n"
        f"sources:\n  src:\n    title: Source\n    file: sources/{SOURCE_FILE}\ncards:\n"
    ]
    parts.extend(card_yaml(i) for i in range(cards))
    path = folder / "generated.yaml"
    path.write_text("".join(parts))
    return path


def time_once(action: object) -> float:
    assert callable(action)
    gc.collect()
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = write_deck(Path(folder), args.cards)
        text = path.read_text()

        def natobrief_cold() -> None:
            loader._INDEX_CACHE.clear()
            result = loader.read_deck(path)
            assert result.deck is not None and len(result.deck.cards) == args.cards, result.errors[
                :3
            ]

        def bare_yaml() -> None:
            yaml.load(path.read_text(), Loader=yaml.CSafeLoader)

        ours: list[float] = []
        base: list[float] = []
        for _ in range(args.runs):  # alternate, so drift in machine speed hits both alike
            base.append(time_once(bare_yaml))
            ours.append(time_once(natobrief_cold))
        ours_median, base_median = statistics.median(ours), statistics.median(base)
        print(f"deck: {args.cards} cards, {len(text) / 1e6:.2f} MB, {args.runs} alternating runs")
        print(f"{'measure':<44} {'median':>10}")
        print(f"{'natobrief load + validate + quote check':<44} {ours_median * 1000:>8.0f} ms")
        print(f"{'bare yaml.load(CSafeLoader)':<44} {base_median * 1000:>8.0f} ms")
        print(f"{'ratio natobrief / bare yaml':<44} {ours_median / base_median:>9.2f}x")
        print(f"{'per card (natobrief)':<44} {ours_median / args.cards * 1e6:>8.1f} us")


if __name__ == "__main__":
    main()
