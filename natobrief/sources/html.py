"""A saved web page (.html, .htm): its main text, without navigation, banners, ads and
footers, found by trafilatura (chosen over readability-lxml and jusText: see pyproject).

trafilatura gives the main content as XML (headings with their level, paragraphs,
list items, table rows and cells), with the page's title and date; each becomes
a block, placed under the path of the headings above it (the first level-1
heading is the page's title and is left out of the path, as in Markdown).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from natobrief.sources.model import PLACE_SEPARATOR, BlockKind, Extracted, Unreadable, blocks_of

_CELL_SEPARATOR = " · "  # between a table row's cells, as in Markdown


def read_html(data: bytes) -> Extracted:
    """The main text of a web page as blocks, with its title and date."""
    try:
        import trafilatura  # imported here: about half a second, for HTML sources only
    except ImportError:  # an optional dependency (pyproject: the html extra)
        raise Unreadable(
            "is a web page, and the reader for web pages is not installed",
            "install it with: pip install 'natobrief[html]' (or save the page as PDF)",
        ) from None
    found = trafilatura.extract(
        data,
        output_format="xml",
        include_tables=True,
        include_comments=False,
        include_images=False,
        include_formatting=False,
        include_links=False,
        with_metadata=True,
        # A date only where the page states one (its metadata); a guess from a copyright
        # line would put a wrong date under every passage.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if not found:
        raise Unreadable(
            "holds no main text that could be found (an empty page, or one drawn by scripts)",
            "save the page again once it shows its text (or print it to PDF), or copy the "
            "text into a .txt file",
        )
    document = ET.fromstring(found)
    main = document.find("main")
    pieces: list[tuple[BlockKind, str, str]] = []
    headings: list[tuple[int, str]] = []
    title = document.get("title") or None
    elements = list(main) if main is not None else []
    one_h1 = sum(1 for e in elements if e.tag == "head" and e.get("rend") == "h1") == 1
    if not one_h1:
        # Several level-1 headings (a documentation page: "Abstract", "Contents", ...):
        # none of them is the page's title, which its <title> then gives; each is a section.
        title = _title_tag(data) or title
    for element in elements:
        text = _text(element)
        if element.tag == "head":
            level = int((element.get("rend") or "h2").lstrip("h") or 2)
            if level == 1 and one_h1 and not headings:  # the page's title, above every place
                pieces.append(("heading", text, ""))
                title = title or text
                continue
            headings = [h for h in headings if h[0] < level]
            headings.append((level, text))
            pieces.append(("heading", text, _place(headings)))
        elif element.tag == "list":
            pieces += [("item", _text(item), _place(headings)) for item in element.iter("item")]
        elif element.tag == "table":
            for row in element.iter("row"):
                cells = [_text(cell) for cell in row.iter("cell")]
                pieces.append(
                    ("row", _CELL_SEPARATOR.join(c for c in cells if c), _place(headings))
                )
        else:  # p, quote, code and what else trafilatura keeps
            pieces.append(("paragraph", text, _place(headings)))
    return Extracted(blocks_of(pieces), title=title, date=document.get("date") or None)


def _text(element: ET.Element) -> str:
    """An element's words, a line break (lb) as a space, without the pilcrow that
    documentation generators put after a heading as its permalink."""
    return " ".join(" ".join(element.itertext()).split()).removesuffix("¶").rstrip()


_TITLE_TAG = re.compile(rb"<title[^>]*>(.*?)</title>", re.S | re.I)


def _title_tag(data: bytes) -> str | None:
    """The text of the page's <title>, if it has one."""
    found = _TITLE_TAG.search(data)
    if found is None:
        return None
    text = html.unescape(found.group(1).decode("utf-8", errors="replace"))
    return " ".join(text.split()) or None


def _place(headings: list[tuple[int, str]]) -> str:
    return PLACE_SEPARATOR.join(text for _, text in headings)
