"""Flowables for Chinese pages: `Text` breaks lines by the Chinese rules (linebreak.py) and
draws each character in a font that has it; `table` lays out rows of such text.

reportlab's own Paragraph breaks CJK with a Japanese list that lets `，！？：；”》` start a
line, and draws a rare name character as a box; this flowable does neither.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from app.reports.fonts import FontSet
from app.reports.linebreak import break_lines


@dataclass(frozen=True)
class Style:
    size: float = 10.5
    leading: float | None = None  # default 1.5 × size
    bold: bool = False
    color: object = colors.black
    align: str = "left"  # left | center | right
    before: float = 0
    after: float = 0
    indent: float = 0

    @property
    def line(self) -> float:
        return self.leading or self.size * 1.5

    def but(self, **changes) -> Style:
        return replace(self, **changes)


BODY = Style()
SMALL = Style(size=9, color=colors.HexColor("#333333"))
MUTED = Style(size=8.5, color=colors.HexColor("#555555"))
TITLE = Style(size=22, bold=True, align="center", after=6 * mm)
HEADING = Style(size=14, bold=True, before=4 * mm, after=2 * mm)
SUBHEADING = Style(size=11.5, bold=True, before=2 * mm, after=1 * mm)
CELL = Style(size=9, leading=12.5)
CELL_HEAD = Style(size=9, leading=12.5, bold=True)

GRID = colors.HexColor("#666666")
SHADE = colors.HexColor("#EEF1F4")


class Text(Flowable):
    """A paragraph of plain text (newlines break). Splits across pages line by line."""

    def __init__(self, text, fonts: FontSet, style: Style = BODY, _lines: list[str] | None = None):
        super().__init__()
        self.text = "" if text is None else str(text)
        self.fonts = fonts
        self.style = style
        self.lines = _lines
        self._width = None
        self.spaceBefore = style.before
        self.spaceAfter = style.after

    def _measure(self, s: str) -> float:
        return self.fonts.width(s, self.style.size)

    def wrap(self, avail_width, avail_height):
        usable = max(avail_width - self.style.indent, self.style.size)
        if self.lines is None or self._width != usable:
            text = self.text
            if "\n" not in text and self._measure(text) <= usable:
                self.lines = [text.strip()]  # most cells and labels fit on one line
            else:
                self.lines = break_lines(text, self._measure, usable)
            self._width = usable
        self.width = avail_width
        self.height = len(self.lines) * self.style.line
        return self.width, self.height

    def split(self, avail_width, avail_height):
        self.wrap(avail_width, avail_height)
        fit = int(avail_height // self.style.line)
        if fit < 1 or fit >= len(self.lines):
            return [] if fit < 1 else [self]
        if len(self.lines) > 2 and fit == 1:
            return []  # no lone first line at the foot of a page
        head = Text(self.text, self.fonts, self.style.but(after=0), self.lines[:fit])
        tail = Text(self.text, self.fonts, self.style.but(before=0), self.lines[fit:])
        head._width = tail._width = self._width  # the lines are broken already: keep them
        return [head, tail]

    def draw(self):
        canv, style = self.canv, self.style
        if style.bold:
            canv.saveState()
        text = canv.beginText()
        text.setFillColor(style.color)
        if style.bold:  # the CJK fonts have no bold face: fill and stroke the outline
            canv.setStrokeColor(style.color)
            canv.setLineWidth(style.size * 0.035)
            text.setTextRenderMode(2)
        y = self.height - style.line + (style.line - style.size) / 2 + style.size * 0.12
        state = [None]
        for line in self.lines:
            x = style.indent
            if style.align != "left":
                w = self._measure(line)
                x = (self.width - w) / 2 if style.align == "center" else self.width - w
            text.setTextOrigin(x, y)
            self.fonts.show(text, line, style.size, state)
            y -= style.line
        canv.drawText(text)
        if style.bold:
            canv.restoreState()


def para(fonts: FontSet, text, style: Style = BODY) -> Text:
    return Text(text, fonts, style)


def table(fonts: FontSet, rows: list[list], widths: list[float], *, head_rows: int = 1,
          style: Style = CELL, head_style: Style = CELL_HEAD, align: dict[int, str] | None = None,
          extra: list | None = None) -> Table:
    """A ruled table of text cells (a cell may also be any flowable); the head repeats on
    every page it spans. `align` maps a column to left/center/right."""
    align = align or {}
    cells = []
    for r, row in enumerate(rows):
        s = head_style if r < head_rows else style
        cells.append([c if isinstance(c, Flowable) else
                      Text(c, fonts, s.but(align=align.get(i, s.align)) if i in align else s)
                      for i, c in enumerate(row)])
    t = Table(cells, colWidths=widths, repeatRows=head_rows, hAlign="LEFT")
    commands = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.main),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    if head_rows:
        commands.append(("BACKGROUND", (0, 0), (-1, head_rows - 1), SHADE))
    t.setStyle(TableStyle(commands + (extra or [])))
    return t


def gap(height_mm: float = 3) -> Spacer:
    return Spacer(1, height_mm * mm)
