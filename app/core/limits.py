"""Limits on every file Zhucun reads, checked before the work starts.

A file from outside (a ledger from the township, a county's form, a stroke file, a batch on a
USB stick) can be much bigger than any real one, or small on disk and huge once unpacked (a
zip bomb). Each reader asks here first; a file over a limit is refused with `LimitExceeded`,
an invalid-input error (exit 3) that names the file and the limit, before anything is parsed.
"""
from __future__ import annotations

import json
import os
import re
import zipfile
import zlib
from pathlib import Path

from .errors import ValidationError

MB = 1024 * 1024

# Largest file, by kind. A real one is far smaller: these stop what no village produces.
MAX_BYTES = {
    "ledger": 64 * MB,        # a county's whole roster as .xlsx is a few MB
    "form": 4 * MB,           # a form definition (YAML, JSON, XLSForm)
    "answers": 4 * MB,        # a filled form's answers
    "strokes": 4 * MB,        # one signature: at most 20,000 points
    "config": 4 * MB,         # a policy table (baselines, visit policy)
    "keys": 1 * MB,           # a store's key file
    "manifest": 64 * 1024,    # a backup's manifest
    "backup": 16 * 1024 * MB,  # a backup: the whole encrypted store
    "batch": 512 * MB,        # a sealed sync batch
    "receipt": 16 * MB,       # the county's signed receipt with its publications
    "enrolment": 256 * 1024,  # an enrolment file or request
}

# Unpacked zips (.xlsx, .ods): what the parts may add up to, and how much one part may expand.
MAX_UNPACKED = 512 * MB
MAX_RATIO = 200            # real sheets pack 5 to 30 times; a bomb packs a thousand times
RATIO_FROM = 4 * MB        # a part smaller than this unpacked cannot hurt, whatever its ratio
MAX_ZIP_MEMBERS = 10_000

# Ledger sheets: the national system's exports have about 60 columns and one row per person.
MAX_ROWS = 200_000
MAX_COLUMNS = 512
MAX_CELL_CHARS = 32_767    # Excel's own limit for one cell
MAX_CELLS = 16_000_000     # rows × columns: a county of 30,000 households is about 7 million

# What reading a damaged zip can raise.
ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError, NotImplementedError)

# Structured files (JSON, YAML): how deep objects and lists may nest.
MAX_DEPTH = 32
MAX_NODES = 1_000_000


class LimitExceeded(ValidationError):
    """A file over one of the limits above: refused before it is read."""

    def __init__(self, path, limit: str, found: str, field: str = "file"):
        name = Path(path).name if path is not None else field
        self.path = str(path) if path is not None else None
        super().__init__(field, limit,
                         f"{field}: {name} 超出限制，未读取 (over a limit, not read)：{limit}；实为 (found) {found}")


def _size_text(n: int) -> str:
    return f"{n / MB:,.1f} MB" if n >= MB else f"{n:,} bytes"


def check_size(path, kind: str, field: str = "file") -> int:
    """The file's size, or LimitExceeded when it is bigger than files of `kind` may be."""
    limit = MAX_BYTES[kind]
    size = os.stat(path).st_size
    if size > limit:
        raise LimitExceeded(path, f"不超过 {_size_text(limit)} (at most {_size_text(limit)})", _size_text(size), field)
    return size


def read_bytes(path, kind: str, field: str = "file") -> bytes:
    """The whole file, read only once its size is known to be within the limit for `kind`.
    A missing, unreadable or folder path is invalid input naming the file."""
    path = Path(path)
    try:
        check_size(path, kind, field)
        if path.is_dir():
            raise IsADirectoryError(21, "Is a directory", str(path))
        with open(path, "rb") as f:
            return f.read(MAX_BYTES[kind] + 1)
    except OSError as e:
        raise ValidationError(field, "a readable file",
                              f"{field}: 无法读取 {path} (cannot read: {e.strerror or e})") from None


def _too_deep(path, field: str, limit: int) -> LimitExceeded:
    return LimitExceeded(path, f"嵌套不超过 {limit} 层 (nested at most {limit} deep)", "更深 (deeper)", field)


def check_depth(text: str, path=None, field: str = "file", limit: int = MAX_DEPTH) -> None:
    """Refuse JSON (or YAML flow) text whose brackets nest deeper than `limit`, without
    parsing it: a deep file would exhaust the parser's recursion."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest > limit:
                    raise _too_deep(path, field, limit)
        elif ch in "]}":
            depth = max(0, depth - 1)


def check_nesting(value, path=None, field: str = "file", limit: int = MAX_DEPTH) -> None:
    """The same limit on a parsed value (YAML's block style has no brackets to count)."""
    stack, seen = [(value, 1)], 0
    while stack:
        item, depth = stack.pop()
        seen += 1
        if seen > MAX_NODES:  # YAML aliases can make a small file a huge tree
            raise LimitExceeded(path, f"不超过 {MAX_NODES:,} 个值 (at most {MAX_NODES:,} values)", "更多 (more)", field)
        if isinstance(item, (dict, list)):
            if depth > limit:
                raise _too_deep(path, field, limit)
            children = item.values() if isinstance(item, dict) else item
            stack.extend((child, depth + 1) for child in children)


def load_json(path, kind: str, field: str = "file"):
    """A JSON file within the size and nesting limits of `kind`, parsed. Anything else is
    invalid input naming the file: unreadable, not UTF-8, not JSON, too big, too deep."""
    raw = read_bytes(path, kind, field)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ValidationError(field, "UTF-8 JSON", f"{field}: {path} 不是 UTF-8 编码的 JSON (not UTF-8 JSON)") from None
    check_depth(text, path, field)
    try:
        return json.loads(text)
    except json.JSONDecodeError as e:
        raise ValidationError(field, "JSON", f"{field}: {path} 不是有效的 JSON (not valid JSON: line {e.lineno}: {e.msg})") from None
    except RecursionError:  # pragma: no cover - check_depth stops these first
        raise _too_deep(path, field, MAX_DEPTH) from None


def check_zip(path, field: str = "file", max_unpacked: int = MAX_UNPACKED) -> None:
    """Refuse a zip container (.xlsx, .ods) whose declared unpacked sizes exceed the limits,
    before any part is unpacked. A file that is not a zip is left to its reader (.xls is not)."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except ZIP_ERRORS:
        return
    if len(infos) > MAX_ZIP_MEMBERS:
        raise LimitExceeded(path, f"不超过 {MAX_ZIP_MEMBERS:,} 个部件 (at most {MAX_ZIP_MEMBERS:,} parts)",
                            f"{len(infos):,}", field)
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise LimitExceeded(path, f"压缩比不超过 {MAX_RATIO} 倍 (unpacks at most {MAX_RATIO} times its size)",
                                f"{info.filename} 解压后 {_size_text(info.file_size)}，"
                                f"压缩时 {_size_text(info.compress_size)} (a zip bomb)", field)
    if total > max_unpacked:
        raise LimitExceeded(path, f"解压后不超过 {_size_text(max_unpacked)} (at most {_size_text(max_unpacked)} unpacked)",
                            _size_text(total), field)


# Cell references (r="AB12"). Only those that can matter are collected: columns of two or three
# letters (27 on) and rows of five digits or more (10,000 on); below those no limit can be reached.
_CELL_COLUMN = re.compile(rb' r="([A-Z]{2,3})[0-9]')
_CELL_ROW = re.compile(rb' r="[A-Z]{1,3}([0-9]{5,7})"')


def _column_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def check_xlsx_extent(path, field: str = "file") -> None:
    """Refuse an .xlsx whose cells reach further than the row and column limits, by scanning
    each worksheet's cell references as it unpacks (readers lay a sheet out as a full grid from
    A1 to its furthest cell: one cell at XFD1048576 would be 17 billion)."""
    try:
        z = zipfile.ZipFile(path)
    except ZIP_ERRORS:
        return
    with z:
        for info in z.infolist():
            if not (info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml")):
                continue
            rows = columns = 0
            tail = b""
            try:
                with z.open(info) as part:
                    while chunk := part.read(MB):
                        block = tail + chunk
                        columns = max([columns] + [_column_number(c) for c in set(_CELL_COLUMN.findall(block))])
                        rows = max([rows, *map(int, _CELL_ROW.findall(block))])
                        tail = block[-32:]
            except ZIP_ERRORS:
                raise ValidationError(field, "an undamaged workbook",
                                      f"{field}: {Path(path).name} 已损坏 (damaged: {info.filename})") from None
            check_sheet(path, info.filename.rsplit("/", 1)[-1], rows, columns, field)


_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def check_ods_extent(path, field: str = "file") -> None:
    """The same for an .ods, whose rows and cells carry repeat counts: a row of one value
    repeated 100,000 times and 1,000 columns wide is a few bytes and 100 million cells. Only
    repeats up to the last cell with a value count (trailing empty repeats are not read)."""
    import xml.etree.ElementTree as ET
    try:
        z = zipfile.ZipFile(path)
    except ZIP_ERRORS:
        return
    with z:
        if "content.xml" not in z.namelist():
            return
        sheet, position, rows, columns = "", 0, 0, 0
        try:
            with z.open("content.xml") as content:
                for event, el in ET.iterparse(content, events=("start", "end")):
                    if event == "start":
                        if el.tag == _TABLE + "table":
                            sheet, position, rows, columns = el.get(_TABLE + "name", ""), 0, 0, 0
                        continue
                    if el.tag != _TABLE + "table-row":
                        if el.tag == _TABLE + "table":
                            el.clear()
                        continue
                    column = last = 0
                    for cell in el:
                        column += int(cell.get(_TABLE + "number-columns-repeated", "1"))
                        if cell.get(_OFFICE + "value-type") or len(cell):
                            last = column
                    position += int(el.get(_TABLE + "number-rows-repeated", "1"))
                    if last:
                        rows, columns = position, max(columns, last)
                        check_sheet(path, sheet, rows, columns, field)
                    el.clear()
        except (ET.ParseError, *ZIP_ERRORS):
            raise ValidationError(field, "an undamaged workbook",
                                  f"{field}: {Path(path).name} 已损坏 (damaged: content.xml)") from None


def check_sheet(path, sheet: str, rows: int, columns: int, field: str = "file") -> None:
    """Refuse a sheet with more rows or columns than a ledger has."""
    if rows > MAX_ROWS:
        raise LimitExceeded(path, f"每个工作表不超过 {MAX_ROWS:,} 行 (at most {MAX_ROWS:,} rows a sheet)",
                            f"工作表 {sheet} {rows:,} 行 (rows)", field)
    if columns > MAX_COLUMNS:
        raise LimitExceeded(path, f"每个工作表不超过 {MAX_COLUMNS} 列 (at most {MAX_COLUMNS} columns a sheet)",
                            f"工作表 {sheet} {columns:,} 列 (columns)", field)
    if rows * columns > MAX_CELLS:  # a sheet is read as the full grid from A1 to its furthest cell
        raise LimitExceeded(path, f"每个工作表不超过 {MAX_CELLS:,} 格 (at most {MAX_CELLS:,} cells a sheet)",
                            f"工作表 {sheet} {rows:,} 行 × {columns:,} 列 (rows × columns)", field)


def check_cell(path, sheet: str, row: int, column: int, value, field: str = "file") -> None:
    """Refuse a cell whose text is longer than a spreadsheet cell may be."""
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        raise LimitExceeded(path, f"每格不超过 {MAX_CELL_CHARS:,} 个字符 (at most {MAX_CELL_CHARS:,} characters a cell)",
                            f"工作表 {sheet} 第 {row} 行第 {column} 列 {len(value):,} 个字符 (characters)", field)
