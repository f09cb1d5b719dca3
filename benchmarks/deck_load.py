"""Deck loading at scale: a generated 10,000-card deck, side by side with bare PyYAML.

Medians of several alternating runs of natobrief's cold load (parse + validate +
quote check), its warm load through the deck cache, and a bare
``yaml.load(text, Loader=yaml.CSafeLoader)`` of the same file (the baseline).
Run alone: ``python benchmarks/deck_load.py [--quick]`` (the same rows as in
``python -m benchmarks``).
"""

from __future__ import annotations

import sys
import tempfile
from functools import partial
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import alternate, cache_root, generated_deck, time_call
from natobrief.deck import loader
from natobrief.deck.cache import read_deck_cached

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


def load_samples(cards: int, runs: int) -> dict[str, list[float]]:
    """Seconds per load of a generated deck, three sides in turn for ``runs`` rounds.

    * ``yaml``: bare ``yaml.load(text, Loader=yaml.CSafeLoader)`` (the baseline);
    * ``cold``: natobrief's full load (parse + validate + quote check) with no
      cached source index and no deck cache;
    * ``warm``: the unchanged file through natobrief's deck cache, as a session
      start sees it (read + hash the file, stat the sources, unpickle the deck).
    """
    path = generated_deck(cards)
    with tempfile.TemporaryDirectory(dir=cache_root()) as folder:
        deck_cache = Path(folder)
        assert read_deck_cached(path, deck_cache).deck is not None  # fills the cache

        def bare_yaml() -> None:
            yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)

        def natobrief_cold() -> None:
            loader._INDEX_CACHE.clear()
            result = loader.read_deck(path)
            assert result.deck is not None and len(result.deck.cards) == cards, result.errors[:3]

        def natobrief_warm() -> None:
            result = read_deck_cached(path, deck_cache)
            assert result.deck is not None and len(result.deck.cards) == cards

        return alternate(
            {
                "yaml": partial(time_call, bare_yaml),
                "cold": partial(time_call, natobrief_cold),
                "warm": partial(time_call, natobrief_warm),
            },
            runs,
        )


if __name__ == "__main__":
    from benchmarks.run_all import main

    main([*sys.argv[1:], "--only", "deck"])
