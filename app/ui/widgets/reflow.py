"""Rows that fold on a narrow screen: a box lays its parts side by side while the width allows,
one under the other when it does not (a 1024×600 netbook, or 150 % scaling: 682 px to lay out in),
so no page needs horizontal scrolling."""
from __future__ import annotations

from PySide6.QtWidgets import QBoxLayout


def _widths(box: QBoxLayout) -> list[int]:
    return [box.itemAt(i).minimumSize().width() for i in range(box.count())]


def _margins(box: QBoxLayout) -> int:
    m = box.contentsMargins()
    return m.left() + m.right()


def side_by_side_width(box: QBoxLayout) -> int:
    """The width `box`'s parts need side by side."""
    widths = [w for w in _widths(box) if w > 0]
    return sum(widths) + box.spacing() * max(0, len(widths) - 1) + _margins(box)


def stacked_width(box: QBoxLayout) -> int:
    """The width `box`'s parts need one under the other."""
    return max(_widths(box), default=0) + _margins(box)


def reflow(box: QBoxLayout, width: int) -> bool:
    """Side by side if `width` holds that, else one under the other. True if it changed."""
    direction = (QBoxLayout.Direction.LeftToRight if width >= side_by_side_width(box)
                 else QBoxLayout.Direction.TopToBottom)
    if box.direction() == direction:
        return False
    box.setDirection(direction)
    return True
