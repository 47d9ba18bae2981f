"""A4 pages with a header (document, village, print date), a footer (whose pages these are,
page k of n, and a QR code to check the paper against the store), written as a stream of
sections: a handbook per household goes onto the canvas and is let go before the next one is
built, so 3,000 handbooks print in bounded memory.

A section restarts the page count; "共 n 页" is a form drawn once the section has ended and
referenced from each of its pages.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import segno
from typing import Iterable

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFArray, PDFName, PDFStream, PDFZCompress
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from app.reports.fonts import FontSet
from app.storage.files import replace

# Township printers lose 4–6 mm at the edges: everything printed stays ≥ 8 mm inside.
MARGIN_X = 18 * mm
TEXT_WIDTH = A4[0] - 2 * MARGIN_X
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 32 * mm
QR_SIZE = 20 * mm
# White around the code (a scanner needs four modules' width): nothing drawn nearer than this.
QR_QUIET = 3 * mm
QR_MASK = 0
INK = colors.HexColor("#222222")
LINE = colors.HexColor("#888888")


@dataclass
class Section:
    """One run of pages: `title` heads them, `footer` says whose they are, `verify` is the
    QR payload and `code` the same check written out for typing in."""
    flowables: Iterable[Flowable]
    title: str
    footer: str = ""
    verify: str | None = None
    code: str | None = None
    place: str | None = None  # overrides the writer's village for these pages


def draw_text(canv, fonts: FontSet, x: float, y: float, text: str, size: float,
              anchor: str = "start", color=INK) -> float:
    """Draw one line in the fonts that have its characters; returns its width."""
    width = fonts.width(text, size)
    if anchor == "end":
        x -= width
    elif anchor == "middle":
        x -= width / 2
    t = canv.beginText(x, y)
    t.setFillColor(color)
    fonts.show(t, text, size, [None])
    canv.drawText(t)
    return width


def _squeeze(page) -> None:
    """Compress a finished page's content now rather than when the file is saved: a batch of
    thousands of handbooks then holds a few KB per page instead of each page's whole text."""
    if page.stream and page.Contents is None:
        stream = PDFStream(content=PDFZCompress.encode(page.stream))
        stream.dictionary["Filter"] = PDFArray([PDFName("FlateDecode")])
        page.Contents = stream
        page.stream = None


def draw_qr(canv, payload: str, size: float) -> None:
    """A QR code as one filled path, a rectangle per run of dark modules in a row: small in
    the file and quick to draw. The mask is fixed: choosing the best of eight took a fifth of
    a batch's print time; large modules keep the scanner's margin (a test reads every
    household's code from a 100 dpi rendering)."""
    matrix = segno.make(payload, error="m", micro=False, boost_error=False, mask=QR_MASK).matrix
    cell = size / len(matrix)
    path = canv.beginPath()
    for r, row in enumerate(matrix):
        y = size - (r + 1) * cell
        c, n = 0, len(row)
        while c < n:
            if row[c]:
                start = c
                while c < n and row[c]:
                    c += 1
                path.rect(start * cell, y, (c - start) * cell, cell)
            else:
                c += 1
    canv.setFillColor(colors.black)
    canv.drawPath(path, stroke=0, fill=1)


class _Mark(Flowable):
    """Takes no room; tells the writer where a section begins or ends as pages are laid."""

    def __init__(self, action):
        super().__init__()
        self.action = action

    def wrap(self, *_):
        return 0, 0

    def draw(self):
        self.action(self.canv)


class PdfWriter(BaseDocTemplate):
    """`add(section)` lays a section's pages; `close()` finishes the file. The PDF is written
    to a `.part` file and renamed at the end, so a cancelled or failed print leaves nothing
    that looks finished."""

    def __init__(self, path: Path, fonts: FontSet, *, title: str, place: str, printed_on: str,
                 author: str = ""):
        self.path = Path(path)
        self.partial = self.path.with_name(self.path.name + ".part")
        self.fonts = fonts
        self.place = place
        self.printed_on = printed_on
        self.pages = 0
        self.sections = 0
        self._section: Section | None = None
        self._page_in_section = 0
        self._ending = False
        self._index = 0
        super().__init__(str(self.partial), pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X,
                         topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=title,
                         author=author, creator="Zhucun", subject=title, lang="zh-CN",
                         initialFontName=fonts.main, initialFontSize=10)
        frame = Frame(self.leftMargin, self.bottomMargin, self.width, self.height, id="body",
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        self.addPageTemplates([PageTemplate(id="page", frames=[frame], onPageEnd=self._decorate)])
        self._startBuild()
        self.canv._doctemplate = self

    # -- building -------------------------------------------------------------------------
    def add(self, section: Section) -> None:
        """Lay out one section on the pages that follow."""
        index = self.sections
        flowables: list = [PageBreak()] if index else []
        flowables.append(_Mark(lambda canv: self._begin(canv, section, index)))
        flowables.extend(section.flowables)
        flowables.append(_Mark(self._end))
        self.sections += 1
        while flowables:
            self.clean_hanging()
            self.handle_flowable(flowables)

    def handle_pageEnd(self):
        pages = self.canv._doc.Pages.pages
        before = len(pages)
        super().handle_pageEnd()
        for page in pages[before:]:
            _squeeze(page)

    def close(self) -> Path:
        self._endBuild()
        replace(self.partial, self.path)  # a PDF open in a reader on Windows: retried, then named
        return self.path

    def abort(self) -> None:
        try:
            self.partial.unlink()
        except FileNotFoundError:
            pass

    # -- marks and page decoration --------------------------------------------------------
    def _begin(self, canv, section: Section, index: int) -> None:
        self._section = section
        self._index = index
        self._page_in_section = 0
        self._ending = False
        if section.verify:
            canv.beginForm(self._form("qr"))
            draw_qr(canv, section.verify, QR_SIZE)
            canv.endForm()

    def _end(self, canv) -> None:
        self._ending = True

    def _form(self, kind: str) -> str:
        return f"{kind}{self._index}"

    def _decorate(self, canv, doc) -> None:
        section = self._section
        if section is None:
            return
        self._page_in_section += 1
        self.pages += 1
        fonts, width, height = self.fonts, A4[0], A4[1]
        left, right = MARGIN_X, width - MARGIN_X
        canv.saveState()
        top = height - 14 * mm
        draw_text(canv, fonts, left, top, section.title, 9)
        draw_text(canv, fonts, right, top, f"{section.place or self.place}　打印日期 {self.printed_on}", 9, "end")
        canv.setStrokeColor(LINE)
        canv.setLineWidth(0.6)
        canv.line(left, top - 2.5 * mm, right, top - 2.5 * mm)
        foot = 12 * mm
        canv.line(left, MARGIN_BOTTOM - 4 * mm, right, MARGIN_BOTTOM - 4 * mm)
        if section.footer:
            draw_text(canv, fonts, left, foot + 4 * mm, section.footer, 8.5)
        draw_text(canv, fonts, width / 2, foot, f"第 {self._page_in_section} 页，", 9, "end")
        canv.doForm(self._form("pages"))
        if section.verify:
            canv.saveState()
            canv.translate(right - QR_SIZE, MARGIN_BOTTOM - 4 * mm - QR_QUIET - QR_SIZE)
            canv.doForm(self._form("qr"))
            canv.restoreState()
        if section.code:
            draw_text(canv, fonts, right - QR_SIZE - QR_QUIET, foot - 1 * mm, f"核验码 {section.code}",
                      8, "end")
        canv.restoreState()
        if self._ending:
            canv.beginForm(self._form("pages"))
            draw_text(canv, fonts, width / 2, foot, f"共 {self._page_in_section} 页", 9)
            canv.endForm()
            self._section = None
