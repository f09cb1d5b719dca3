"""Deck text as Textual content: always plain text, never markup.

Every string that comes from a deck or an answer goes through :func:`plain`,
which strips control characters and builds a Content object that Textual
renders literally: "[bold]" shows as the characters "[bold]".
"""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from natobrief.text import strip_control


def plain(text: str, style: str = "") -> Content:
    """Deck or user text as inert content, optionally in one style."""
    content = Content(strip_control(text))
    return content.stylize(style) if style else content


def join(*parts: Content | str) -> Content:
    """Join pieces; plain strings are made inert first."""
    return Content.assemble(*(part if isinstance(part, Content) else plain(part) for part in parts))


def cell(text: str, style: str = "") -> Text:
    """Deck text for a DataTable cell (which would read a plain string as markup)."""
    return Text(strip_control(text), style=style)
