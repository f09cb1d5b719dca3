"""Row 7: reading sources of the kinds instructors have (#17): a 100-page PDF and a 1 MB
saved web page, cold (read by their reader) and cached (their extraction kept by the hash
of their bytes), each against the same text as a plain .txt source; a deck quoting each
loads through the same loader as today's plain-text decks.

The documents are generated once into the benchmark cache: the PDF with fpdf2 (the bench
extra), 100 pages of paragraphs with a running header, page numbers and hyphenated line
ends; the page with navigation, a sidebar and a footer around 1 MB of article.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.common import cache_root, median, progress

PAGES = 100
HTML_BYTES = 1_000_000
SENTENCE = (
    "The committee reviewed the international programme of seed exchanges in detail, "
    "and it approved the budget for the regional offices across the network. "
)


def fixtures() -> tuple[Path, Path]:
    """The 100-page PDF and the 1 MB page, written once."""
    folder = cache_root() / "sources"
    folder.mkdir(parents=True, exist_ok=True)
    pdf, html = folder / "report-100.pdf", folder / "page-1mb.html"
    if not pdf.exists():
        progress(f"writing a {PAGES}-page PDF")
        _write_pdf(pdf)
    if not html.exists():
        progress("writing a 1 MB web page")
        _write_html(html)
    return pdf, html


def _write_pdf(target: Path) -> None:
    from fpdf import FPDF

    class Report(FPDF):
        def header(self) -> None:
            self.set_font("Helvetica", size=9)
            self.cell(0, 8, "Annual Report - Confidential", align="C")
            self.ln(12)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("Helvetica", size=9)
            self.cell(0, 10, f"Page {self.page_no()} of {{nb}}", align="C")

    document = Report()
    document.alias_nb_pages()
    document.set_font("Helvetica", size=11)
    for page in range(PAGES):
        document.add_page()
        document.set_font("Helvetica", "B", 14)
        document.cell(0, 10, f"Part {page + 1}")
        document.ln(12)
        document.set_font("Helvetica", size=11)
        for paragraph in range(4):
            document.multi_cell(0, 6, f"Paragraph {page + 1}.{paragraph + 1}. " + SENTENCE * 4)
            document.ln(4)
    document.output(str(target))


def _write_html(target: Path) -> None:
    nav = "".join(f'<li><a href="/s{n}">Section {n}</a></li>' for n in range(30))
    parts = [f"<html><head><title>Big page</title></head><body><nav><ul>{nav}</ul></nav>"]
    parts.append("<main><article><h1>Big page</h1>")
    size, number = 0, 0
    while size < HTML_BYTES:
        number += 1
        block = f"<h2>Part {number}</h2>" + "".join(
            f"<p>Paragraph {number}.{n}. {SENTENCE * 3}</p>" for n in range(5)
        )
        parts.append(block)
        size += len(block)
    parts.append("</article></main><footer>© Example Ltd · Privacy · Terms</footer></body></html>")
    target.write_text("".join(parts), encoding="utf-8")


def _timed(work: Callable[[], object], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        work()
        samples.append(time.perf_counter() - start)
    return samples


def source_samples(runs: int) -> dict[str, list[float]]:
    """Seconds to load a one-card deck quoting each document: cold, cached, and as .txt."""
    from natobrief.deck.loader import read_deck
    from natobrief.sources.readers import read_source

    pdf, html = fixtures()
    samples: dict[str, list[float]] = {}
    for name, document in (("pdf", pdf), ("html", html)):
        extracted = read_source(document, document.read_bytes(), cached=False)
        assert not isinstance(extracted, str)
        folder = cache_root() / "sources" / f"deck-{name}"
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "sources").mkdir(parents=True)
        shutil.copy(document, folder / "sources" / document.name)
        (folder / "sources" / "same.txt").write_text(extracted.text, encoding="utf-8")
        quote = "approved the budget for the regional offices across the network"
        for kind, file in (("doc", document.name), ("txt", "same.txt")):
            deck = folder / f"{kind}.yaml"
            deck.write_text(
                "natobrief: 1\nid: bench\ntitle: Bench\nsources:\n  doc:\n    title: Doc\n"
                f"    file: sources/{file}\ncards:\n  - id: one\n    prompt: What was approved?\n"
                f"    answer: the budget\n    source:\n      doc: doc\n      quote: {quote}\n",
                encoding="utf-8",
            )

        def load(kind: str, fresh: bool, folder: Path = folder) -> None:
            import natobrief.deck.source_files as source_files

            source_files._INDEX_CACHE.clear()  # a new process's start, not this one's memory
            if fresh:
                shutil.rmtree(cache_root() / "home" / "cache" / "sources", ignore_errors=True)
            result = read_deck(folder / f"{kind}.yaml")
            assert result.deck is not None, result.problems

        samples[f"{name}-cold"] = _timed(lambda: load("doc", True), runs)
        load("doc", False)
        cached: list[float] = []
        plain: list[float] = []
        for _ in range(runs):  # alternating, so drift hits both alike
            cached += _timed(lambda: load("doc", False), 1)
            plain += _timed(lambda: load("txt", False), 1)
        samples[f"{name}-cached"], samples[f"{name}-txt"] = cached, plain
    return samples


def summary(samples: dict[str, list[float]]) -> dict[str, float]:
    """Medians by key."""
    return {key: median(values) for key, values in samples.items()}
