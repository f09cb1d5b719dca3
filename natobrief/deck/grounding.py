"""Quote grounding: find each card's quote in its source and keep where it stands.

Quotes and sources are compared after folding typography and collapsing
whitespace (sources have hard line breaks inside sentences; authors type
straight quotes where the source prints curly ones). The match is mapped back
to a character span of the original text, so that a passage view can highlight
the exact words inside their paragraph.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from natobrief.text import Offsets, normalise_passage, normalise_with_offsets

_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_SENTENCE_LINE_END = re.compile(r"(?<=[.:?!\"\u201d])[ \t]*\n")


@dataclass(frozen=True, slots=True)
class SourceIndex:
    """A source text prepared for quote look-ups (normalised once, searched many times)."""

    text: str
    normalised: str
    offsets: Offsets

    @classmethod
    def build(cls, text: str) -> SourceIndex:
        """Normalise ``text`` and remember where each normalised character came from."""
        normalised, offsets = normalise_with_offsets(text)
        return cls(text, normalised, offsets)

    def find(self, quote: str) -> tuple[int, int] | None:
        """The span ``[start, end)`` of ``quote`` in the original text, or None."""
        needle = normalise_passage(quote)
        if not needle:
            return None
        at = self.normalised.find(needle)
        if at < 0:
            return None
        return self.offsets[at], self.offsets[at + len(needle) - 1] + 1

    def closest(self, quote: str) -> str:
        """The passage of the source that comes closest to ``quote`` (for error hints).

        Anchors on the longest run the two share, then takes a window of the
        quote's length around it, widened to whole words.
        """
        needle = normalise_passage(quote)[:2000]
        haystack = self.normalised
        if not needle or not haystack:
            return ""
        lowered = haystack.lower().find(needle.lower())
        if lowered >= 0:
            return haystack[lowered : lowered + len(needle)]
        matcher = SequenceMatcher(None, haystack, needle, autojunk=False)
        match = matcher.find_longest_match(0, len(haystack), 0, len(needle))
        if match.size == 0:
            return ""
        start = max(0, match.a - match.b)
        end = min(len(haystack), start + len(needle))
        while start > 0 and haystack[start - 1] != " ":
            start -= 1
        while end < len(haystack) and haystack[end] != " ":
            end += 1
        return haystack[start:end].strip()


@lru_cache(maxsize=64)
def paragraph_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Every paragraph of ``text`` as a span, in order, blank ones left out.

    Paragraphs are separated by blank lines. A source with no blank lines at all
    (hard-wrapped text, one paragraph after another) is split where a line ends
    a sentence instead. Kept for the last few sources: every card's passage asks
    for its source's paragraphs (a string's hash is computed once, so the lookup
    costs nothing after the first).
    """
    breaks = _PARAGRAPH_BREAK if _PARAGRAPH_BREAK.search(text) else _SENTENCE_LINE_END
    spans: list[tuple[int, int]] = []
    start = 0
    for found in breaks.finditer(text):
        spans.append((start, found.start()))
        start = found.end()
    spans.append((start, len(text)))
    return tuple((a, b) for a, b in spans if text[a:b].strip())


def paragraph_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the paragraph(s) holding ``[start, end)``."""
    spans = paragraph_spans(text)
    ends = _paragraph_ends(text)
    at = bisect_right(ends, start)  # the first paragraph ending after start
    first = spans[at] if at < len(spans) else (start, end)
    starts = paragraph_starts(text)
    before = bisect_left(starts, max(end, start + 1)) - 1  # the last one starting before end
    last = spans[before] if before >= 0 else first
    return first[0], max(first[1], last[1])


@lru_cache(maxsize=64)
def _paragraph_ends(text: str) -> tuple[int, ...]:
    return tuple(end for _start, end in paragraph_spans(text))


@lru_cache(maxsize=64)
def paragraph_starts(text: str) -> tuple[int, ...]:
    """Where each paragraph of ``text`` starts (for a bisect to find a position's paragraph)."""
    return tuple(start for start, _end in paragraph_spans(text))
