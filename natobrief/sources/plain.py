"""Plain text: read as it is (UTF-8), paragraphs where the file has them."""

from __future__ import annotations

from natobrief.sources.model import Unreadable


def read_plain(data: bytes) -> str:
    """The file's text; it keeps its own line breaks and blank lines."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise Unreadable(
            f"is not UTF-8 (byte 0x{data[error.start]:02x} at line {line})",
            "save the file as UTF-8 in your editor",
        ) from None
