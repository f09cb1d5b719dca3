"""Small terminal plots drawn with block characters: bars, and a review heatmap."""

from __future__ import annotations

from textual.content import Content

from natobrief.tui.text import plain

_EIGHTHS = " ▁▂▃▄▅▆▇█"


def vertical_bars(values: list[int], labels: list[str], height: int = 6) -> Content:
    """Columns of block characters, one per value, with labels underneath."""
    peak = max(values, default=0) or 1
    width = max(3, max((len(label) for label in labels), default=0) + 1)
    lines = []
    for row in range(height, 0, -1):
        cells = []
        for value in values:
            filled = value / peak * height
            if filled >= row:
                char = "█"
            elif filled > row - 1:
                char = _EIGHTHS[int((filled - (row - 1)) * 8)]
            else:
                char = " "
            cells.append((char * 2).center(width))
        lines.append("".join(cells))
    lines.append("".join(str(value).center(width) for value in values))
    lines.append("".join(label.center(width) for label in labels))
    return plain("\n".join(lines))


def horizontal_bars(rows: list[tuple[str, float, str]], width: int = 30) -> Content:
    """One bar per row: (label, share from 0 to 1, text after the bar)."""
    label_width = max((len(label) for label, _, _ in rows), default=0)
    lines = []
    for label, share, after in rows:
        full = share * width
        bar = "█" * int(full) + (_EIGHTHS[int((full - int(full)) * 8)] if full < width else "")
        lines.append(f"{label:<{label_width}}  {bar:<{width + 1}} {after}")
    return plain("\n".join(lines))


def heatmap(days: list[tuple[str, int, int]]) -> Content:
    """Reviews per day as a grid: weeks left to right, Monday to Sunday top to bottom."""
    from datetime import date

    shades = " ░▒▓█"
    peak = max((count for _, count, _ in days), default=0) or 1
    first = date.fromisoformat(days[0][0]) if days else date.today()
    pad = first.weekday()
    cells = [None] * pad + [count for _, count, _ in days]
    weeks = (len(cells) + 6) // 7
    names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    lines = []
    for weekday in range(7):
        row = []
        for week in range(weeks):
            index = week * 7 + weekday
            value = cells[index] if index < len(cells) else None
            if value is None:
                row.append("  ")
            elif value == 0:
                row.append("· ")
            else:
                level = 0 if value == 0 else 1 + int((len(shades) - 2) * value / peak)
                row.append(shades[min(level, len(shades) - 1)] * 2)
        lines.append(f"{names[weekday]} " + "".join(row))
    lines.append(f"    each cell is a day; · none, darker is more (most in a day: {peak})")
    return plain("\n".join(lines))
