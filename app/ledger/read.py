"""Reading ledger workbooks: find each sheet's header row, map its columns, yield its rows.

A sheet is a member ledger when it has a 姓名 or 证件号码 column (one row per person, the
household's columns repeated), a household ledger when it has 户编号 and 户主姓名 but no
person columns, and is skipped otherwise (cover sheets, notes, pivot tables).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from app.core import limits
from app.core.errors import ValidationError

from .headers import IGNORE, KNOWN_HEADERS, TARGETS, normalize_header

# Columns only our own import report has: its listings are not ledgers to import.
REPORT_MARKERS = {"有误的列", "原值"}
# National exports put a title, the unit and the export date above the header.
HEADER_SEARCH_ROWS = 12


@dataclass
class Column:
    index: int
    header: str          # as written in the sheet
    target: str | None   # None: not known and not mapped


@dataclass
class Sheet:
    name: str
    kind: str            # "members" | "households"
    header_row: int      # 1-based
    columns: list[Column]
    rows: list[tuple[int, dict[str, object], tuple]] = field(default_factory=list)  # (row no, target → value, raw)

    def header_of(self, target: str) -> str:
        """The sheet's own header for a target, else the field's national name."""
        for c in self.columns:
            if c.target == target:
                return c.header
        return TARGETS.get(target, target)

    @property
    def unknown(self) -> list[str]:
        return [c.header for c in self.columns if c.target is None]


@dataclass
class Ledger:
    path: Path
    sheets: list[Sheet]
    skipped: list[str]   # sheet names without a recognizable header

    @property
    def unknown_headers(self) -> list[str]:
        seen: list[str] = []
        for s in self.sheets:
            seen += [h for h in s.unknown if h not in seen]
        return seen

    @property
    def row_count(self) -> int:
        return sum(len(s.rows) for s in self.sheets)


def _target(header: str, mapping: dict[str, str]) -> str | None:
    key = normalize_header(header)
    if key in mapping:
        return mapping[key]
    return KNOWN_HEADERS.get(key)


def _find_header(rows: list[tuple], mapping: dict[str, str]) -> int | None:
    best, best_known = None, 1
    for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        known = sum(1 for v in row if v is not None and str(v).strip() and _target(str(v), mapping))
        if known > best_known:
            best, best_known = i, known
    return best


def _sheet_kind(targets: set[str]) -> str | None:
    if "member.name" in targets or "member.id_number" in targets:
        return "members"
    if "household.number" in targets and "household.head_name" in targets:
        return "households"
    return None


# In a household ledger these columns are the household's, not a person's.
_HOUSEHOLD_SHEET = {"member.phone": "household.phone", "member.note": "household.note"}


def cell_text(value) -> str | None:
    """A cell as text, or None when empty; whole numbers without '.0', dates as ISO."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    return text or None


def read_ledger(path: Path, mapping: dict[str, str] | None = None, progress=None, cancel=None) -> Ledger:
    """Every recognizable sheet of the workbook (.xlsx, .xls or .ods) at `path` with its rows as target → cell.

    `mapping` maps normalized header text to a target (the user's answers for unknown headers);
    columns it maps to IGNORE are dropped. `progress(rows_read)` is called now and then;
    `cancel()` returning True stops with KeyboardInterrupt.
    """
    from python_calamine import CalamineError, CalamineWorkbook
    path = Path(path)
    mapping = {normalize_header(k): v for k, v in (mapping or {}).items()}
    if not path.is_file():
        what = "是文件夹，应为工作簿 (is a folder, not a workbook)" if path.is_dir() else "找不到文件 (no such file)"
        raise ValidationError("file", "an existing workbook", f"file: {path} {what}")
    # Size and unpacked size first: a zip bomb is refused before a byte of it is unpacked.
    limits.check_size(path, "ledger")
    limits.check_zip(path)
    limits.check_xlsx_extent(path)
    limits.check_ods_extent(path)
    try:
        wb = CalamineWorkbook.from_path(str(path))
    except (CalamineError, OSError, ValueError) as e:
        raise ValidationError("file", "an Excel workbook (.xlsx, .xls) or .ods",
                              f"file: {path.name} 不是可读取的 Excel 工作簿 (not a readable workbook: {e})") from None
    sheets, skipped, read = [], [], 0
    for name in wb.sheet_names:
        try:
            sheet_data = wb.get_sheet_by_name(name)
            limits.check_sheet(path, name, sheet_data.total_height, sheet_data.total_width)
            table = sheet_data.to_python(skip_empty_area=False)
        except CalamineError as e:
            raise ValidationError("file", "a readable sheet",
                                  f"file: 工作表“{name}”无法读取 (sheet cannot be read: {e})") from None
        at = _find_header(table, mapping)
        if at is None:
            skipped.append(name)
            continue
        columns = []
        for i, v in enumerate(table[at]):
            text = cell_text(v)
            if text is not None:
                columns.append(Column(i, text, _target(text, mapping)))
        kind = _sheet_kind({c.target for c in columns})
        if kind is None or REPORT_MARKERS & {normalize_header(c.header) for c in columns}:
            skipped.append(name)
            continue
        if kind == "households":
            for c in columns:
                c.target = _HOUSEHOLD_SHEET.get(c.target, c.target)
        sheet = Sheet(name, kind, at + 1, columns)
        used = [c for c in columns if c.target and c.target != IGNORE]
        # 风险类型1..5 make one list; any other field two columns fill takes the first value given.
        multi = {"household.risk_types"}
        for number, row in enumerate(table[at + 1:], start=at + 2):
            values: dict[str, object] = {}
            for c in used:
                v = row[c.index] if c.index < len(row) else None
                limits.check_cell(path, name, number, c.index + 1, v)
                if v is None or (isinstance(v, str) and not v.strip()):
                    continue
                if c.target in multi:
                    values.setdefault(c.target, []).append(v)
                else:
                    values.setdefault(c.target, v)
            if values:
                sheet.rows.append((number, values, tuple(row)))
            read += 1
            if read % 500 == 0:
                if cancel is not None and cancel():
                    raise KeyboardInterrupt
                if progress is not None:
                    progress(read)
        sheets.append(sheet)
    return Ledger(path, sheets, skipped)
