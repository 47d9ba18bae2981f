"""A small grouped bar chart drawn with QPainter (QtCharts is not shipped): data in, paints.
No database access; reusable for any "a few categories × a few series" figure."""
from __future__ import annotations

import math

from PySide6.QtCore import QLineF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from .style import ACCENT, AXIS, INK, MUTED, ORANGE, SERIES_BLUE, SERIES_LIGHT
from .style import GRID as GRID_COLOUR

DEFAULT_COLORS = [SERIES_LIGHT, ACCENT, ORANGE, SERIES_BLUE]
TEXT = QColor(INK)
GRID = QColor(GRID_COLOUR)


def nice_step(top: float, ticks: int = 4) -> float:
    """A round step (1, 2, 5 × 10^k) so that `ticks` steps cover `top`."""
    if top <= 0:
        return 1
    raw = top / ticks
    power = 10 ** math.floor(math.log10(raw))
    for m in (1, 2, 5, 10):
        if m * power >= raw:
            return max(1, m * power)
    return max(1, 10 * power)


class BarChart(QWidget):
    """Grouped bars: one group per label, one bar per series, a legend, value labels.

    `set_data(labels, series)` with series = [(name, [values per label]), …]; until then (or
    after `set_placeholder`) the chart shows a line of text such as "计算中…".
    `data` holds what is drawn: {"labels": [...], "series": [(name, [...]), ...]} or None."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.data: dict | None = None
        self.colors: list[str] = list(DEFAULT_COLORS)
        self.placeholder = ""
        self.setMinimumSize(280, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return QSize(420, 220)

    def set_data(self, labels: list[str], series: list[tuple[str, list[float]]],
                 colors: list[str] | None = None, captions: list[str] | None = None) -> None:
        """`captions`: an optional second line under each label (e.g. a rate, "97%")."""
        for name, values in series:
            if len(values) != len(labels):
                raise ValueError(f"series {name!r} has {len(values)} values for {len(labels)} labels")
        if captions is not None and len(captions) != len(labels):
            raise ValueError(f"{len(captions)} captions for {len(labels)} labels")
        self.data = {"labels": list(labels), "series": [(name, list(values)) for name, values in series],
                     "captions": list(captions) if captions else None}
        if colors:
            self.colors = list(colors)
        self.placeholder = ""
        self.setToolTip(self._describe())
        self.update()

    def set_placeholder(self, text: str) -> None:
        """Show `text` instead of bars (while computing, or when there is nothing to show)."""
        self.data = None
        self.placeholder = text
        self.setToolTip("")
        self.update()

    def _describe(self) -> str:
        """The figures as text, for the tooltip (and for anyone who cannot read the bars)."""
        if not self.data:
            return ""
        lines = []
        for i, label in enumerate(self.data["labels"]):
            parts = [f"{name} {self._fmt(values[i])}" for name, values in self.data["series"]]
            if self.data.get("captions"):
                parts.append(self.data["captions"][i])
            lines.append(f"{label}: " + "  ".join(parts))
        return "\n".join(lines)

    @staticmethod
    def _fmt(value: float) -> str:
        return str(int(value)) if float(value).is_integer() else f"{value:.1f}"

    # -- painting ----------------------------------------------------------------------------
    def paintEvent(self, event) -> None:  # noqa: N802 - Qt's name
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        font = QFont(self.font())
        small = QFont(font)
        small.setPointSizeF(max(7.0, font.pointSizeF() - 1))
        fm = QFontMetrics(small)
        rect = QRectF(self.rect()).adjusted(4, 4, -4, -4)

        if not self.data or not self.data["labels"]:
            p.setPen(QColor(MUTED))
            p.setFont(font)
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, self.placeholder)
            return

        labels, series = self.data["labels"], self.data["series"]
        p.setFont(small)

        # Legend across the top, right-aligned.
        legend_h = fm.height() + 6
        x = rect.right()
        for k in reversed(range(len(series))):
            name = series[k][0]
            w = fm.horizontalAdvance(name)
            x -= w
            p.setPen(TEXT)
            p.drawText(QRectF(x, rect.top(), w + 2, legend_h), Qt.AlignmentFlag.AlignVCenter, name)
            x -= 16
            p.fillRect(QRectF(x, rect.top() + legend_h / 2 - 5, 10, 10), self._color(k))
            x -= 14

        top_value = max([max(v) if v else 0 for _, v in series] + [0])
        step = nice_step(top_value)
        y_max = step * max(1, math.ceil(top_value / step))
        axis_w = fm.horizontalAdvance(self._fmt(y_max)) + 8
        captions = self.data.get("captions")
        label_h = fm.height() * (2 if captions else 1) + 6
        plot = QRectF(rect.left() + axis_w, rect.top() + legend_h + fm.height() + 4,
                      rect.width() - axis_w, rect.height() - legend_h - fm.height() - 4 - label_h)
        if plot.height() <= 10 or plot.width() <= 10:
            return

        # Grid lines and the value axis.
        v = 0.0
        while v <= y_max + 1e-9:
            y = plot.bottom() - plot.height() * v / y_max
            p.setPen(QPen(GRID, 1))
            p.drawLine(QLineF(plot.left(), y, plot.right(), y))
            p.setPen(QColor(MUTED))
            p.drawText(QRectF(rect.left(), y - fm.height() / 2, axis_w - 6, fm.height()),
                       Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, self._fmt(v))
            v += step

        # Bars: each group takes its slot; bars fill 70 % of it.
        n, m = len(labels), max(1, len(series))
        slot = plot.width() / n
        group_w = slot * 0.7
        bar_w = group_w / m
        # Value labels only where they fit over their bar (the tooltip always has the figures).
        widest = max(fm.horizontalAdvance(self._fmt(v)) for _, values in series for v in values)
        show_values = widest <= bar_w + (2 if m > 1 else slot - group_w)
        for i, label in enumerate(labels):
            gx = plot.left() + slot * i + (slot - group_w) / 2
            for k, (_name, values) in enumerate(series):
                value = values[i]
                h = plot.height() * value / y_max if y_max else 0
                bar = QRectF(gx + bar_w * k + 1, plot.bottom() - h, bar_w - 2, h)
                p.fillRect(bar, self._color(k))
                if show_values:
                    p.setPen(TEXT)
                    p.drawText(QRectF(bar.center().x() - bar_w, bar.top() - fm.height() - 1, 2 * bar_w,
                                      fm.height()),
                               Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom, self._fmt(value))
            p.setPen(TEXT)
            p.drawText(QRectF(plot.left() + slot * i, plot.bottom() + 3, slot, fm.height()),
                       Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, label)
            if captions:
                p.setPen(QColor(MUTED))
                p.drawText(QRectF(plot.left() + slot * i, plot.bottom() + 3 + fm.height(), slot, fm.height()),
                           Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, captions[i])
        p.setPen(QPen(QColor(AXIS), 1))
        p.drawLine(QLineF(plot.left(), plot.bottom(), plot.right(), plot.bottom()))

    def _color(self, k: int) -> QColor:
        return QColor(self.colors[k % len(self.colors)])
