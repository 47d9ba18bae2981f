"""A thin reader for XLSForm workbooks: the survey, choices and settings sheets become the same
rows a YAML definition holds. Each row keeps its sheet row number, so an error in the
workbook points at the row the author sees in Excel."""
from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

SHEETS = ("survey", "choices", "settings")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def read_workbook(path: str | Path) -> dict:
    from openpyxl import load_workbook

    from .definition import FormError

    wb = load_workbook(Path(path), read_only=True, data_only=True)
    try:
        sheets = {ws.title.strip().lower(): ws for ws in wb.worksheets}
        if "survey" not in sheets:
            raise FormError(Path(path).name, "the workbook has no 'survey' sheet")
        out: dict = {}
        for name in SHEETS:
            ws = sheets.get(name)
            rows: list[dict] = []
            if ws is not None:
                it = ws.iter_rows(values_only=True)
                header = [_cell(h) for h in next(it, ())]
                for n, values in enumerate(it, start=2):
                    row = {h: _cell(v) for h, v in zip(header, values) if h and _cell(v)}
                    if row:
                        rows.append(row | {"_row": n})
            out[name] = rows
        return out
    finally:
        wb.close()
