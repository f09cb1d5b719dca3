"""Peak memory with 100,000 cards: the real headless process, measured by the kernel.

What is measured: the peak resident set size (``ru_maxrss`` from ``os.wait4``,
the per-child form of ``getrusage(RUSAGE_CHILDREN)``, taken by a small launcher
process so that the runner's own size does not leak in) of one whole process
``natobrief study --headless --count 1 DECK --db DB`` where DECK is a generated
100,000-card deck and DB a copy of a progress database already holding 100,000
due card states and their log entries (filled beforehand by the harness, not
by the measured process). The process loads the deck, opens the database,
builds the session queue from every state, asks and answers one question and
exits. Two cases: the deck cache cold (a fresh ``NATOBRIEF_HOME``: full parse,
validation and quote check, then the cache is written) and warm.

For reference, the same figure for a bare ``python -c pass`` and for the Anki
process (import ``anki``, open a 100,000-card collection, answer one card).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import anki_baseline
from benchmarks.common import ROOT, cache_root, generated_deck
from benchmarks.engine import NOW_FLAG, copy_database, filled_database

# Runs one command and prints its peak RSS in KB. Linux carries the peak RSS of
# the forking process over into the child's ru_maxrss, so the runner (which may
# hold a 100,000-card deck itself) never forks the measured process: this small
# launcher does, and it adds only its own ~10 MB floor.
LAUNCHER = """
import os, subprocess, sys
child = subprocess.Popen(sys.argv[1:], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL)
child.stdin.write(b"France\\n")
child.stdin.close()
_pid, status, usage = os.wait4(child.pid, 0)
child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
print(child.returncode, usage.ru_maxrss)
"""


def peak_rss_mb(command: list[str], environment: dict[str, str] | None = None) -> float:
    """Peak resident memory in MiB of one process, from the kernel (``ru_maxrss``)."""
    done = subprocess.run(
        [sys.executable, "-c", LAUNCHER, *command],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
        check=False,
    )
    returncode, kilobytes = done.stdout.split()
    assert done.returncode == 0 and returncode == "0", done.stderr
    return int(kilobytes) / 1024  # ru_maxrss is in kilobytes on Linux


def memory_samples(cards: int, runs: int) -> dict[str, list[float]]:
    """Peak MB per run for each case, in turn: cold and warm deck cache, python, Anki."""
    deck = generated_deck(cards)
    source_db = filled_database(cards)
    source_collection = anki_baseline.collection(cards, due=True)
    samples: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(dir=cache_root()) as folder:
        work = Path(folder)
        study = [sys.executable, "-m", "natobrief", "study", "--headless", "--count", "1"]

        def natobrief_run(home: Path) -> float:
            db = copy_database(source_db, work, "memory.db")
            command = [*study, str(deck), "--db", str(db), "--now", NOW_FLAG]
            return peak_rss_mb(command, dict(os.environ, NATOBRIEF_HOME=str(home)))

        def anki_run() -> float:
            path = anki_baseline.working_copy(source_collection, work)
            return peak_rss_mb([sys.executable, "-c", anki_baseline.ANKI_PROCESS, str(path)])

        for round_number in range(runs):
            cold_home = work / f"home-{round_number}"
            cases: dict[str, Callable[[], float]] = {
                "natobrief-cold": partial(natobrief_run, cold_home),
                "natobrief-warm": partial(natobrief_run, cold_home),  # cached by the cold run
                "python": partial(peak_rss_mb, [sys.executable, "-c", "pass"]),
                "anki": anki_run,
            }
            for name, case in cases.items():
                samples.setdefault(name, []).append(case())
    return samples


if __name__ == "__main__":
    from benchmarks.run_all import main

    main([*sys.argv[1:], "--only", "memory"])
