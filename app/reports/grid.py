"""A ruled table of plain-text cells drawn in one pass: one text object for all its cells and
one path for all its rules. The handbook prints a few hundred thousand cells in a batch;
platypus' general Table (cell styles, spans, flowables in cells) spends most of the print
time on bookkeeping this layout does not need. Other documents use `flow.table`.

Rows split across pages with the head repeated; a row taller than a whole page is split
between its lines.
"""
from __future__ import annotations

from reportlab.platypus import Flowable

from app.reports.flow import CELL, CELL_HEAD, GRID, SHADE, Style
from app.reports.fonts import FontSet
from app.reports.linebreak import break_lines

PAD_X = 3
PAD_Y = 2
# A frame on our A4 page is about 695 pt high: a row that does not fit in this much space
# would not fit on a fresh page either, so it is split rather than pushed on.
FRESH_PAGE = 600


class Grid(Flowable):
    def __init__(self, fonts: FontSet, rows: list[list[str]], widths: list[float], *, head_rows: int = 1,
                 style: Style = CELL, head_style: Style = CELL_HEAD, align: dict[int, str] | None = None,
                 shade_columns: tuple[int, ...] = ()):
        super().__init__()
        self.fonts = fonts
        self.rows = [["" if c is None else str(c) for c in row] for row in rows]
        self.widths = list(widths)
        self.head_rows = head_rows
        self.style = style
        self.head_style = head_style
        self.align = align or {}
        self.shade_columns = shade_columns
        self._lines: list[list[list[str]]] | None = None
        self._heights: list[float] = []

    def _row_style(self, r: int) -> Style:
        return self.head_style if r < self.head_rows else self.style

    def _layout(self) -> None:
        if self._lines is not None:
            return
        fonts = self.fonts
        self._lines, self._heights = [], []
        for r, row in enumerate(self.rows):
            s = self._row_style(r)
            cells = []
            for text, w in zip(row, self.widths):
                usable = w - 2 * PAD_X
                if "\n" not in text and fonts.width(text, s.size) <= usable:
                    cells.append([text.strip()])
                else:
                    cells.append(break_lines(text, lambda t, size=s.size: fonts.width(t, size), usable))
            self._lines.append(cells)
            self._heights.append(max(len(c) for c in cells) * s.line + 2 * PAD_Y)

    def wrap(self, avail_width, avail_height):
        self._layout()
        self.width = sum(self.widths)
        self.height = sum(self._heights)
        return self.width, self.height

    def _part(self, rows: list[list[str]], lines, heights) -> Grid:
        g = Grid(self.fonts, [], self.widths, head_rows=self.head_rows, style=self.style,
                 head_style=self.head_style, align=self.align, shade_columns=self.shade_columns)
        g.rows, g._lines, g._heights = rows, lines, heights
        return g

    def split(self, avail_width, avail_height):
        self._layout()
        h = self.head_rows
        head_h = sum(self._heights[:h])
        room = avail_height - head_h
        used, k = 0.0, h
        while k < len(self.rows) and used + self._heights[k] <= room:
            used += self._heights[k]
            k += 1
        if k == h:
            if k >= len(self.rows) or avail_height < FRESH_PAGE:
                return []
            return self._split_row(k, room)
        if k >= len(self.rows):
            return [self]
        first = self._part(self.rows[:k], self._lines[:k], self._heights[:k])
        rest = self._part(self.rows[:h] + self.rows[k:], self._lines[:h] + self._lines[k:],
                          self._heights[:h] + self._heights[k:])
        return [first, rest]

    def _split_row(self, k: int, room: float):
        """Row k is taller than a page: its first lines here, the rest on the next page."""
        s = self._row_style(k)
        fit = int((room - 2 * PAD_Y) // s.line)
        if fit < 1:
            return []
        cells = self._lines[k]
        top = [c[:fit] for c in cells]
        bottom = [c[fit:] for c in cells]
        h = self.head_rows
        height = lambda cs: max(len(c) for c in cs) * s.line + 2 * PAD_Y  # noqa: E731
        first = self._part(self.rows[:k + 1], self._lines[:h] + [top], self._heights[:h] + [height(top)])
        rest = self._part(self.rows[:h] + self.rows[k:], self._lines[:h] + [bottom] + self._lines[k + 1:],
                          self._heights[:h] + [height(bottom)] + self._heights[k + 1:])
        return [first, rest]

    def draw(self):
        canv, fonts = self.canv, self.fonts
        xs = [0.0]
        for w in self.widths:
            xs.append(xs[-1] + w)
        ys = [self.height]
        for h in self._heights:
            ys.append(ys[-1] - h)
        canv.saveState()
        canv.setFillColor(SHADE)
        if self.head_rows:
            canv.rect(0, ys[self.head_rows], xs[-1], self.height - ys[self.head_rows], stroke=0, fill=1)
        for c in self.shade_columns:
            canv.rect(xs[c], 0, xs[c + 1] - xs[c], ys[self.head_rows], stroke=0, fill=1)
        canv.setStrokeColor(GRID)
        canv.setLineWidth(0.5)
        canv.grid(xs, ys)
        text = canv.beginText()
        text.setFillColor(self.style.color)
        current = [None]
        bold = False
        for r, cells in enumerate(self._lines):
            s = self._row_style(r)
            if s.bold != bold:
                bold = s.bold
                if bold:
                    canv.setStrokeColor(s.color)
                    canv.setLineWidth(s.size * 0.035)
                text.setTextRenderMode(2 if bold else 0)
            top = ys[r]
            for c, lines in enumerate(cells):
                block = len(lines) * s.line
                y = top - (self._heights[r] - block) / 2 - s.line + (s.line - s.size) / 2 + s.size * 0.12
                align = self.align.get(c, s.align)
                for line in lines:
                    if line:
                        x = xs[c] + PAD_X
                        if align != "left":
                            w = fonts.width(line, s.size)
                            x = xs[c + 1] - PAD_X - w if align == "right" else (xs[c] + xs[c + 1] - w) / 2
                        text.setTextOrigin(x, y)
                        fonts.show(text, line, s.size, current)
                    y -= s.line
        if bold:
            text.setTextRenderMode(0)
        canv.drawText(text)
        canv.restoreState()


def grid(fonts: FontSet, rows: list[list], widths: list[float], **kw) -> Grid:
    return Grid(fonts, rows, widths, **kw)


def fields(fonts: FontSet, pairs: list[tuple[str, object]], width: float, columns: int = 2,
           label_width: float = 68) -> Grid:
    """Label–value pairs, `columns` pairs a row, labels shaded: the household-situation layout."""
    value_w = width / columns - label_width
    rows, row = [], []
    for label, value in pairs:
        row += [label, "" if value is None else str(value)]
        if len(row) == columns * 2:
            rows.append(row)
            row = []
    if row:
        rows.append(row + [""] * (columns * 2 - len(row)))
    return Grid(fonts, rows, [label_width, value_w] * columns, head_rows=0,
                shade_columns=tuple(range(0, columns * 2, 2)))
