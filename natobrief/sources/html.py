"""A saved web page (.html, .htm): its main text, without navigation, banners, ads and
footers, found by trafilatura (chosen over readability-lxml and jusText: see pyproject).

trafilatura gives the main content as XML (headings with their level, paragraphs,
list items, table rows and cells), with the page's title and date; each becomes
a block, placed under the path of the headings above it (the first level-1
heading is the page's title and is left out of the path, as in Markdown).
"""

from __future__ import annotations

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
    for element in main if main is not None else ():
        text = _text(element)
        if element.tag == "head":
            level = int((element.get("rend") or "h2").lstrip("h") or 2)
            if level == 1 and not headings:
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
    """An element's words, a line break (lb) as a space."""
    return " ".join(" ".join(element.itertext()).split())


def _place(headings: list[tuple[int, str]]) -> str:
    return PLACE_SEPARATOR.join(text for _, text in headings)
