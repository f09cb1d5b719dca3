"""Markdown (.md): the text without its markup, read with markdown-it-py (Rich's own parser).

Headings, paragraphs, list items, table rows and code blocks become blocks; a
block's place is the path of the headings above it (the document's title, the
first level-1 heading, is left out of the path: every block is under it).
Emphasis, links, inline code and entities are kept as their text only; raw HTML
is dropped.
"""

from __future__ import annotations

from markdown_it import MarkdownIt
from markdown_it.token import Token

from natobrief.sources.model import PLACE_SEPARATOR, BlockKind, Extracted, blocks_of
from natobrief.sources.plain import read_plain

_PARSER = MarkdownIt("commonmark").enable("table")
_CELL_SEPARATOR = " · "  # between a table row's cells


def read_markdown(data: bytes) -> Extracted:
    """The blocks of a Markdown document, its title the first level-1 heading."""
    tokens = _PARSER.parse(read_plain(data))
    pieces: list[tuple[BlockKind, str, str]] = []
    headings: list[tuple[int, str]] = []  # the open heading path: (level, text)
    title: str | None = None
    kind: BlockKind = "paragraph"
    row: list[str] | None = None
    depth_of_items = 0
    heading_level = 0
    for token in tokens:
        if token.type == "heading_open":
            heading_level = int(token.tag[1:])
        elif token.type == "list_item_open":
            depth_of_items += 1
        elif token.type == "list_item_close":
            depth_of_items -= 1
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and row is not None:
            pieces.append(("row", _CELL_SEPARATOR.join(c for c in row if c), _place(headings)))
            row = None
        elif token.type == "inline":
            text = _inline_text(token)
            if row is not None:
                row.append(" ".join(text.split()))
            elif heading_level:
                if heading_level == 1 and title is None:
                    title = " ".join(text.split())
                    pieces.append(("heading", text, ""))
                else:  # a heading's place is its own path, itself included
                    headings = [h for h in headings if h[0] < heading_level]
                    headings.append((heading_level, " ".join(text.split())))
                    pieces.append(("heading", text, _place(headings)))
                heading_level = 0
            else:
                kind = "item" if depth_of_items else "paragraph"
                pieces.append((kind, text, _place(headings)))
        elif token.type in ("fence", "code_block"):
            pieces.append(("paragraph", token.content, _place(headings)))
    return Extracted(blocks_of(pieces), title=title)


def _place(headings: list[tuple[int, str]]) -> str:
    return PLACE_SEPARATOR.join(text for level, text in headings if level > 1)


def _inline_text(token: Token) -> str:
    """An inline run's text: emphasis, links and code as their words; raw HTML left out."""
    parts: list[str] = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "image":
            parts.append(child.content)  # its alt text
    return "".join(parts)
