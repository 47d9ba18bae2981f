"""Plain-text tables for the terminal and column widths for spreadsheets, aligned for Chinese
(wide) characters."""
from __future__ import annotations

import unicodedata


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, size: int) -> str:
    return text + " " * max(0, size - width(text))


def table(rows: list[dict], columns: list[tuple[str, str]]) -> str:
    """`columns` is [(key, heading)]; None shows as an empty cell."""
    cells = [[h for _, h in columns]] + [["" if r.get(k) is None else str(r.get(k)) for k, _ in columns]
                                         for r in rows]
    sizes = [max(width(row[i]) for row in cells) for i in range(len(columns))]
    lines = ["  ".join(pad(c, s) for c, s in zip(row, sizes)).rstrip() for row in cells]
    lines.insert(1, "  ".join("-" * s for s in sizes))
    return "\n".join(lines)


def fields(record: dict, labels: list[tuple[str, str]]) -> str:
    size = max(width(label) for _, label in labels)
    return "\n".join(f"{pad(label, size)}  {'' if record.get(k) is None else record.get(k)}"
                     for k, label in labels if k in record)
