"""The whole benchmark suite in one command, printed as one table of medians and ratios.

Run from the repository: ``python -m benchmarks`` (about three minutes on two
cores once the fixtures exist) or ``python -m benchmarks --quick`` (fewer runs,
about a minute and a half); ``--only GROUP`` runs one group (tui, sources, engine, deck,
memory, latency). The first run also builds the fixtures into ``benchmarks/.cache``
(generated decks, two Anki collections, a filled progress database), with
progress on standard error; later runs reuse them.

Every comparison alternates its sides (A, B, A, B ...) so that the drift of a
shared machine hits both alike; each figure is a median. The table is Markdown,
ready for benchmarks/README.md. The exit status is 1 when a group failed to run
(its row says why), else 0: missed targets are reported, never an error.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from importlib import metadata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.common import cache_root, median, progress, use_bytecode_cache

GROUPS = ("tui", "sources", "engine", "deck", "memory", "latency")


@dataclass(frozen=True, slots=True)
class Row:
    """One line of the table: a measure, both sides' medians, their ratio and the target."""

    measure: str
    ours: str
    baseline: str = ""
    ratio: str = ""
    target: str = ""
    verdict: str = ""


@dataclass(frozen=True, slots=True)
class Plan:
    """How many runs each group makes (the full suite, or --quick)."""

    tui_runs: int
    process_runs: int
    answers: int
    answer_rounds: int
    deck_runs: int
    memory_runs: int
    latency_answers: int


FULL = Plan(9, 15, 600, 6, 7, 2, 30)
QUICK = Plan(5, 5, 150, 3, 3, 1, 12)


def ms(seconds: float) -> str:
    """Milliseconds with the precision their size deserves."""
    value = seconds * 1000
    if value >= 100:
        return f"{value:,.0f} ms"
    if value >= 1:
        return f"{value:.1f} ms"
    return f"{value:.3f} ms"


def verdict(value: float, limit: float, unit: str) -> str:
    """'met' or 'missed by N%' against an upper limit."""
    if value <= limit:
        return "met"
    return f"missed by {(value / limit - 1) * 100:.0f}% (+{value - limit:.2f}{unit})"


def ratio_row(
    measure: str, ours: Sequence[float], base: Sequence[float], limit: float | None
) -> Row:
    """A timed comparison: medians, ratio, and the verdict when there is a target."""
    ratio = median(ours) / median(base)
    return Row(
        measure,
        ms(median(ours)),
        ms(median(base)),
        f"{ratio:.3f}x" if ratio < 0.1 else f"{ratio:.2f}x",
        f"<= {limit}x" if limit is not None else "(info)",
        verdict(ratio, limit, "x") if limit is not None else "",
    )


def tui_rows(plan: Plan) -> list[Row]:
    """Row 1: app start to first card vs an empty Textual app (whole processes), and the floor."""
    from benchmarks.tui import start_samples

    samples = start_samples(plan.tui_runs, [])
    return [
        ratio_row(
            "1. App start to first card on screen (bundled decks) "
            "vs empty Textual app mounting one widget",
            samples["natobrief"],
            samples["empty"],
            1.15,
        ),
        ratio_row(
            "1a. The same two processes, start to exit (exit right after that frame)",
            samples["natobrief-exit"],
            samples["empty-exit"],
            None,
        ),
        ratio_row(
            "1b. Textual's floor: a stock app shaped like the study screen (title, status, "
            "prompt, Input, panel, key bar), start to its first frame vs the empty app",
            samples["floor"],
            samples["empty"],
            None,
        ),
        ratio_row(
            "1c. natobrief's start over Textual's floor (row 1 / row 1b's app)",
            samples["natobrief"],
            samples["floor"],
            None,
        ),
    ]


def engine_rows(plan: Plan) -> list[Row]:
    """Rows 2 and 3: a whole headless process, and one answer at 100,000 cards, vs Anki."""
    from benchmarks.engine import answer_samples, process_samples

    process = process_samples(plan.process_runs)
    answers = answer_samples(100_000, plan.answers, plan.answer_rounds)
    return [
        ratio_row(
            "2. Headless one-question session, whole process (bundled decks, fresh db, "
            "deck cache warm) vs Anki process (import, open 10,000-card collection, "
            "fetch + answer one card)",
            process["natobrief"],
            process["anki"],
            0.5,
        ),
        ratio_row(
            "3. One answer (grade + FSRS + commit), 100,000 cards vs Anki "
            "build_answer + answer_card, 100,000 cards",
            answers["natobrief"],
            answers["anki"],
            0.5,
        ),
        ratio_row(
            "3a. The same with natobrief at synchronous=FULL (Anki's fsync per commit)",
            answers["natobrief-full"],
            answers["anki"],
            None,
        ),
        ratio_row(
            "3b. Next question + answer vs Anki get_queued_cards + answer",
            answers["natobrief/cycle"],
            answers["anki/cycle"],
            None,
        ),
        ratio_row(
            "3c. Opening a session on 100,000 due states vs Anki open + first queue",
            answers["natobrief/open"],
            answers["anki/open"],
            None,
        ),
    ]


def deck_rows(plan: Plan) -> list[Row]:
    """Row 4: a 10,000-card deck, cold and through the deck cache, vs bare PyYAML."""
    from benchmarks.deck_load import load_samples

    samples = load_samples(10_000, plan.deck_runs)
    return [
        ratio_row(
            "4. 10,000-card deck: cold load + validate + quote check vs bare "
            "yaml.load(CSafeLoader)",
            samples["cold"],
            samples["yaml"],
            0.6,
        ),
        ratio_row(
            "4a. 10,000-card deck: warm load through the deck cache vs bare yaml.load",
            samples["warm"],
            samples["yaml"],
            0.05,
        ),
    ]


def memory_rows(plan: Plan) -> list[Row]:
    """Row 5: peak resident memory of the headless process at 100,000 cards."""
    from benchmarks.memory import memory_samples

    samples = memory_samples(100_000, plan.memory_runs)

    def row(measure: str, name: str, limit: float | None) -> Row:
        value = median(samples[name])
        return Row(
            measure,
            f"{value:.0f} MB",
            target=f"<= {limit:.0f} MB" if limit is not None else "(info)",
            verdict=verdict(value, limit, " MB") if limit is not None else "",
        )

    return [
        row(
            "5. Peak RSS, headless one question, 100,000-card deck + 100,000 states, "
            "deck cache cold",
            "natobrief-cold",
            120,
        ),
        row("5a. The same, deck cache warm", "natobrief-warm", 120),
        row("5b. Reference: bare `python -c pass`", "python", None),
        row("5c. Reference: Anki process answering one card of 100,000", "anki", None),
    ]


def latency_rows(plan: Plan) -> list[Row]:
    """Row 6: the app's own work from a submitted answer to the frame holding its feedback."""
    import asyncio

    # natobrief.tui first: it sets the app's frame rate before Textual is imported,
    # as the CLI does (the floor app then runs at the same rate: a fair pair).
    import natobrief.tui  # noqa: F401
    from benchmarks.textual_floor import floor_latency
    from benchmarks.tui import answer_latency, reader_open

    ours: list[tuple[float, float, float]] = []
    floor: list[tuple[float, float]] = []
    for _ in range(3):  # alternating rounds, so drift hits both sides alike
        ours.append(asyncio.run(answer_latency(plan.latency_answers // 3, [])))
        floor.append(asyncio.run(floor_latency(plan.latency_answers // 3)))
    reader, plain_screen = asyncio.run(reader_open(max(3, plan.latency_answers // 6)))
    wall, cpu, cpu_all = (median([sample[n] for sample in ours]) for n in (0, 1, 2))
    floor_wall, floor_cpu = (median([sample[n] for sample in floor]) for n in (0, 1))
    return [
        Row(
            "6. Answer to feedback on screen, wall",
            ms(wall),
            target="<= 16.7 ms (a frame)",
            verdict=verdict(wall * 1000, 16.7, " ms"),
        ),
        Row(
            "6a. Answer to feedback on screen, process CPU",
            ms(cpu),
            target="<= 5 ms",
            verdict=verdict(cpu * 1000, 5, " ms"),
        ),
        Row(
            "6a'. All process CPU one answer causes (to 50 ms after its frame)",
            ms(cpu_all),
            target="(info)",
        ),
        Row(
            "6b. Textual's floor: the same screen change in a minimal app, wall / CPU",
            f"{ms(floor_wall)} / {ms(floor_cpu)}",
            target="(info)",
        ),
        Row(
            "6c. natobrief's CPU per answer over Textual's floor",
            ms(cpu),
            baseline=ms(floor_cpu),
            ratio=f"{cpu / floor_cpu:.2f}x",
            target="(info)",
        ),
        ratio_row(
            "6d. Opening the reader (bundled decks, 120x36) to its first frame vs pushing a "
            "plain screen (title, one text, key bar)",
            reader,
            plain_screen,
            None,
        ),
    ]


def source_rows(plan: Plan) -> list[Row]:
    """Row 7: a 100-page PDF and a 1 MB web page as sources, cold and cached, vs as .txt."""
    from benchmarks.sources import source_samples

    samples = source_samples(max(3, plan.deck_runs))
    rows: list[Row] = []
    for name, what in (("pdf", "a 100-page PDF"), ("html", "a 1 MB web page")):
        rows.append(
            ratio_row(
                f"7. A one-card deck quoting {what}, first load (read by its reader) vs the "
                "same text as a .txt source",
                samples[f"{name}-cold"],
                samples[f"{name}-txt"],
                None,
            )
        )
        rows.append(
            ratio_row(
                "7a. The same, its extraction cached (by the hash of its bytes) vs the .txt",
                samples[f"{name}-cached"],
                samples[f"{name}-txt"],
                1.0,
            )
        )
    return rows


BUILDERS: dict[str, Callable[[Plan], list[Row]]] = {
    "tui": tui_rows,
    "sources": source_rows,
    "engine": engine_rows,
    "deck": deck_rows,
    "memory": memory_rows,
    "latency": latency_rows,  # last: it imports Textual into this process
}


def cpu_model() -> str:
    """The processor's name where Linux tells it (ratios can shift between processors)."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def header(plan: Plan, quick: bool) -> str:
    """Date, machine and versions, for the README."""
    versions = ", ".join(
        f"{name} {metadata.version(name)}" for name in ("textual", "anki", "fsrs", "PyYAML")
    )
    return (
        f"{date.today().isoformat()}, {os.cpu_count()} cores ({cpu_model()}), Python "
        f"{platform.python_version()} ({sys.platform}), {versions}; "
        f"{'--quick' if quick else 'full'} run: {plan.tui_runs}/{plan.process_runs} "
        f"alternating process pairs, {plan.answers} answers a side in {plan.answer_rounds} "
        f"alternating batches, {plan.deck_runs} deck rounds, {plan.memory_runs} memory rounds"
    )


def table(rows: Sequence[Row]) -> str:
    """The rows as a Markdown table."""
    lines = [
        "| measure | natobrief | baseline | ratio | target | verdict |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        cells = (row.measure, row.ours, row.baseline, row.ratio, row.target, row.verdict)
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> None:
    """Run the chosen groups and print the table; exit 1 if a group could not run."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer runs (about 1.5 minutes)")
    parser.add_argument(
        "--only", action="append", choices=GROUPS, help="run only this group (repeatable)"
    )
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    # Children and this process keep their settings, database and deck cache in the
    # benchmark cache, never in the user's folders.
    os.environ["NATOBRIEF_HOME"] = str(cache_root() / "home")
    use_bytecode_cache()
    rows: list[Row] = []
    failed = False
    for name, build in BUILDERS.items():
        if args.only and name not in args.only:
            continue
        progress(f"running {name}")
        try:
            rows.extend(build(plan))
        except Exception as error:  # one broken group must not hide the others' figures
            traceback.print_exc()
            rows.append(Row(f"{name}: could not run", f"{type(error).__name__}: {error}"))
            failed = True
    print(header(plan, args.quick))
    print()
    print(table(rows))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
