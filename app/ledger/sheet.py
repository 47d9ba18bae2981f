"""A small openpyxl writer shared by every ledger: typed columns, a frozen bold header with a
filter, widths that fit Chinese text, and a save that never leaves a half-written file.

Cell rules: money is given in fen (int) and written as yuan; dates become real Excel dates;
text always stays text (an ID number is never shown as 4.30521E+17, and a value such as
"=HYPERLINK(…)" is never evaluated as a formula).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.core.texttable import width as display_width  # CJK and full-width characters count 2
from app.storage.files import atomic_file

KINDS = ("text", "date", "money", "int", "datetime")
MIN_WIDTH, MAX_WIDTH = 6, 60
LINE_HEIGHT = 15                # points per line of 11-point CJK text
MAX_CELL_TEXT = 32_767          # Excel's limit for one cell
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MONEY_FORMAT = "#,##0.00"
TEXT_FORMAT = "@"
CREATOR = "Zhucun"

# Leading characters that make Excel (or a later edit of the cell) read text as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BAD_TITLE = re.compile(r"[\[\]:*?/\\]")

_HEADER_FONT = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="E3EFE9")
_HEADER_BORDER = Border(bottom=Side(style="thin", color="9DB8AD"))
_HEADER_ALIGN = Alignment(vertical="center")
_CAPTION_FONT = Font(bold=True, size=14)
_CAPTION_ALIGN = Alignment(horizontal="center", vertical="center")
_WRAP = Alignment(wrap_text=True, vertical="top")
_TOP = Alignment(vertical="top")


@dataclass(frozen=True)
class Column:
    header: str            # Chinese header text
    kind: str = "text"     # "text" | "date" | "money" | "int" | "datetime"

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValueError(f"column kind {self.kind!r} is not one of {', '.join(KINDS)}")


def new_workbook() -> Workbook:
    """An empty workbook (no default sheet), created by Zhucun."""
    wb = Workbook()
    wb.remove(wb.active)
    wb.properties.creator = CREATOR
    return wb


def _text_width(text: str) -> int:
    return max((display_width(line) for line in text.splitlines()), default=0)


def _as_date(value) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        return None


def _as_datetime(value) -> datetime | None:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime(value.year, value.month, value.day)
    else:
        try:
            moment = datetime.fromisoformat(str(value).strip())
        except ValueError:
            return None
    if moment.tzinfo is not None:       # Excel has no time zones: the local wall-clock time
        moment = moment.astimezone().replace(tzinfo=None)
    return moment.replace(microsecond=0)


def _clean_text(value) -> str:
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    return text[:MAX_CELL_TEXT]


def _write(ws: Worksheet, row: int, col: int, column: Column, value) -> int:
    """Write one value; returns its width in display units (0 for an empty cell)."""
    if value is None or value == "":
        return 0
    kind = column.kind
    if kind == "money":
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"{column.header}: money must be whole fen (int), got {value!r}")
        cell = ws.cell(row, col, Decimal(value).scaleb(-2))
        cell.number_format = MONEY_FORMAT
        return len(f"{value / 100:,.2f}")
    if kind == "int" and isinstance(value, int) and not isinstance(value, bool):
        ws.cell(row, col, value)
        return len(str(value))
    if kind == "date":
        day = _as_date(value)
        if day is not None:
            ws.cell(row, col, day).number_format = DATE_FORMAT
            return 10
    if kind == "datetime":
        moment = _as_datetime(value)
        if moment is not None:
            ws.cell(row, col, moment).number_format = DATETIME_FORMAT
            return 16
    # Text, or a value its column kind cannot read: kept as it is, as text.
    text = _clean_text(value)
    cell = ws.cell(row, col, text)
    cell.data_type = "s"                 # never a formula, whatever it starts with
    cell.number_format = TEXT_FORMAT     # and stays text when someone edits the cell
    if text.startswith(_FORMULA_START):
        cell.quotePrefix = True          # Excel's own mark for "typed as text"
    return _text_width(text)


def _line_count(text: str) -> int:
    """Lines a wrapped cell of the widest column takes."""
    return sum(max(1, -(-display_width(line) // (MAX_WIDTH - 2))) for line in text.splitlines() or [""])


def _safe_title(title: str) -> str:
    return (_BAD_TITLE.sub("_", title).strip("'") or "Sheet")[:31]


def add_sheet(wb: Workbook, title: str, columns: list[Column], rows: Iterable[Sequence], *,
              caption: str | None = None) -> Worksheet:
    """A sheet: optional caption (a merged title row), the header (bold, filled, frozen,
    filtered), then `rows`, one value per column (None for an empty cell)."""
    if not columns:
        raise ValueError("a sheet needs at least one column")
    ws = wb.create_sheet(_safe_title(title))
    n = len(columns)
    last = get_column_letter(n)
    header_row = 1
    if caption:
        ws.cell(1, 1, _clean_text(caption)).font = _CAPTION_FONT
        ws.cell(1, 1).alignment = _CAPTION_ALIGN
        if n > 1:
            ws.merge_cells(f"A1:{last}1")
        ws.row_dimensions[1].height = 28
        header_row = 2
    # The header is bold and carries the filter button: a little more room than its text.
    widths = [display_width(c.header) + 4 for c in columns]
    for col, column in enumerate(columns, 1):
        cell = ws.cell(header_row, col, column.header)
        cell.font, cell.fill, cell.border, cell.alignment = _HEADER_FONT, _HEADER_FILL, _HEADER_BORDER, _HEADER_ALIGN
    ws.row_dimensions[header_row].height = 20

    r = header_row
    for values in rows:
        values = list(values)
        if len(values) != n:
            raise ValueError(f"row {r - header_row + 1} has {len(values)} values for {n} columns")
        r += 1
        long_cols, lines = [], 1
        for col, (column, value) in enumerate(zip(columns, values), 1):
            w = _write(ws, r, col, column, value)
            if isinstance(value, str) and (w > MAX_WIDTH or "\n" in value):
                long_cols.append(col)
                lines = max(lines, _line_count(value))
            widths[col - 1] = max(widths[col - 1], w + 2)
        if long_cols:
            # Text clipped at the widest column wraps; the row's other cells align to its top.
            for col in range(1, n + 1):
                ws.cell(r, col).alignment = _WRAP if col in long_cols else _TOP
            # Spreadsheets do not grow a row for wrapped text they did not lay out themselves.
            ws.row_dimensions[r].height = LINE_HEIGHT * lines

    for col, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(col)].width = max(MIN_WIDTH, min(MAX_WIDTH, w))
    ws.freeze_panes = f"A{header_row + 1}"
    ws.auto_filter.ref = f"A{header_row}:{last}{r}"
    # Printed ledgers: landscape, as wide as the page, the header on every page.
    ws.print_title_rows = f"{header_row}:{header_row}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    return ws


def save(wb: Workbook, path: Path) -> Path:
    """Write `path` whole or not at all: into PATH.part, synced, then renamed over PATH."""
    path = Path(path)
    if not wb.worksheets:
        raise ValueError("a workbook needs at least one sheet")
    if wb.properties.creator in (None, "", "openpyxl"):
        wb.properties.creator = CREATOR
    with atomic_file(path) as f:
        wb.save(f)
    return path
