"""Chinese line breaking (避头尾, the rule printers call kinsoku): closing punctuation never
starts a line (it hangs in the right margin instead, 行尾悬挂, by at most its own width) and
opening punctuation never ends one. Chinese breaks between any two
characters; runs of Latin letters and digits (ID numbers, amounts, dates) are kept whole.

Pure: `width(text)` is given by the caller (a font's measure in reportlab), so this module
knows nothing about fonts or pages.
"""
from __future__ import annotations

import re
from collections import deque
from typing import Callable

# Never at the start of a line: closing marks, stops, pauses, and the closing halves.
NO_START = set("，。！？：；、”’》）】〉」』〕…—·,.!?:;)]}%")
# Never at the end of a line: the opening halves.
NO_END = set("“‘《（【〈「『〔([{")

# One unbreakable piece: a run of Latin letters, digits and the marks inside numbers, or one
# character of anything else.
_PIECE = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,:/\-+_%@']*|\s+|.", re.S)


def pieces(text: str) -> list[str]:
    return _PIECE.findall(text)


def break_lines(text: str, width: Callable[[str], float], max_width: float) -> list[str]:
    """The lines `text` takes in `max_width`; an explicit newline always breaks."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines += _paragraph(pieces(paragraph), width, max_width)
    return lines


def _paragraph(parts: list[str], width, max_width) -> list[str]:
    # Widths add up piece by piece (no kerning across pieces), so each piece is measured once.
    lines: list[list[str]] = [[]]
    used = 0.0
    queue = deque(parts)
    while queue:
        part = queue.popleft()
        line = lines[-1]
        if not line and part.isspace():
            continue  # no line starts with a space
        w = width(part)
        if w > max_width and len(part) > 1 and not part.isspace():
            queue.extendleft(reversed(part))  # wider than the whole line: break it anywhere
            continue
        if not line or used + w <= max_width:
            line.append(part)
            used += w
            continue
        if part[0] in NO_START:
            # A closing mark hangs in the margin (行尾悬挂) rather than start the next line.
            line.append(part)
            used += w
            continue
        carry = [part]
        # An opening mark goes down with what it opens; spaces at the break are dropped.
        while line and (line[-1].isspace() or line[-1][-1] in NO_END):
            piece = line.pop()
            if not piece.isspace():
                carry.insert(0, piece)
        if len(carry) > 1 and sum(width(p) for p in carry) > max_width and len(part) > 1 \
                and not part.isspace():
            carry.pop()  # the mark and the run are wider than a line together: the run breaks
            queue.extendleft(reversed(part))
        lines.append(carry)
        used = sum(width(p) for p in carry)
    return ["".join(line).rstrip() for line in lines if line] or [""]
