"""What every benchmark of the suite shares: the cache folder, alternation, medians.

The machine these run on is shared and its speed drifts, so each comparison
runs its sides in turn (A, B, A, B ...) and reports medians and their ratio,
never a single timing. Slow fixtures (generated decks, Anki collections, a
filled progress database) are built once into ``benchmarks/.cache`` (git-ignored;
``NATOBRIEF_BENCH_CACHE`` moves it) and reused by later runs.
"""

from __future__ import annotations

import gc
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def cache_root() -> Path:
    """The folder for built fixtures; safe to delete (it is rebuilt on the next run)."""
    value = os.environ.get("NATOBRIEF_BENCH_CACHE", "").strip()
    folder = Path(value) if value else ROOT / "benchmarks" / ".cache"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# What the measured processes import, compiled once before any of them is timed.
_WARM_IMPORTS = (
    "natobrief.cli, natobrief.headless.run, natobrief.deck.cache, natobrief.deck.loader, "
    "natobrief.tui.app, textual.app, textual.widgets, anki.collection, anki.cards, "
    "anki.scheduler.v3"
)


def use_bytecode_cache() -> None:
    """Let every measured child read compiled bytecode, as an installed program does.

    A shell with ``PYTHONDONTWRITEBYTECODE`` set would make each natobrief child
    compile natobrief from source while Textual and Anki load the bytecode pip
    wrote at install: not a fair start. The children write and read their bytecode
    under the benchmark cache (``PYTHONPYCACHEPREFIX``), so the checkout is not
    touched; one untimed child compiles what the measured ones import.
    """
    import subprocess

    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(cache_root() / "pycache")
    subprocess.run(
        [sys.executable, "-c", f"import {_WARM_IMPORTS}"], check=True, cwd=ROOT, capture_output=True
    )


def progress(message: str) -> None:
    """A progress line on standard error, so the table on standard output stays clean."""
    print(f"  .. {message}", file=sys.stderr, flush=True)


def generated_deck(cards: int) -> Path:
    """A generated deck of ``cards`` cards at a stable path in the cache (written once).

    The path stays the same between runs so that natobrief's own deck cache,
    keyed by path and bytes, can be warm for it.
    """
    from benchmarks.deck_load import write_deck

    folder = cache_root() / "decks" / f"generated-{cards}"
    path = folder / "generated.yaml"
    if not path.exists():
        progress(f"writing a generated {cards:,}-card deck to {folder}")
        partial = folder.with_name(f"{folder.name}.{os.getpid()}.tmp")
        partial.mkdir(parents=True)
        write_deck(partial, cards)
        partial.replace(folder)
    return path


def time_call(action: Callable[[], object]) -> float:
    """Seconds one call takes, after a collection so the last run's garbage is not billed."""
    gc.collect()
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def alternate(sides: dict[str, Callable[[], float]], runs: int) -> dict[str, list[float]]:
    """Run each side once per round, in turn, ``runs`` rounds: drift hits every side alike.

    Each side is a callable that runs once and returns the seconds it measured
    (so a side can leave its own setup, such as copying a database, untimed).
    """
    samples: dict[str, list[float]] = {name: [] for name in sides}
    for _ in range(runs):
        for name, side in sides.items():
            samples[name].append(side())
    return samples


def median(samples: Sequence[float]) -> float:
    """The median; the statistic every figure of the suite reports."""
    return statistics.median(samples)
