"""The import report: what was imported, every rejected row with its reason, what changed.

Rejected rows are also copied with their original headers, the reason in front, one sheet
per source sheet: the user fixes them there and imports that sheet again (the reason column
is a known header that is not imported).
"""
from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from .read import cell_text
from .sheet import Column, add_sheet, new_workbook, save

_SUMMARY = [("rows", "读取行数"), ("imported", "导入行数"), ("rejected", "未导入行数"),
            ("households_new", "新增户"), ("households_updated", "更新户"), ("households_unchanged", "无变化户"),
            ("members_new", "新增成员"), ("members_updated", "更新成员"), ("members_unchanged", "无变化成员")]


def chinese(reason: str) -> str:
    """A reason without its English gloss: the report is read in Chinese."""
    return re.sub(r"\s*\([\x20-\x7e]*\)\s*$", "", reason)


def write_report(plan, path: Path, applied: bool, when: datetime | None = None) -> Path:
    summary = plan.summary()
    wb = new_workbook()
    rows = [("台账文件", summary["file"]),
            ("时间", (when or datetime.now()).strftime("%Y-%m-%d %H:%M")),
            ("结果", "已导入" if applied else "预览（未写入）")]
    rows += [(zh, summary[key]) for key, zh in _SUMMARY]
    rows += [("工作表", "、".join(f"{s['name']}（{'成员' if s['kind'] == 'members' else '户'}，表头在第{s['header_row']}行，"
                                  f"{s['rows']}行）" for s in summary["sheets"]) or "无")]
    if summary["skipped_sheets"]:
        rows.append(("跳过的工作表（没有可识别的表头）", "、".join(summary["skipped_sheets"])))
    if summary["unknown_headers"]:
        rows.append(("未识别的列（未导入）", "、".join(summary["unknown_headers"])))
    add_sheet(wb, "导入概况", [Column("项目"), Column("内容")], [(k, str(v)) for k, v in rows],
              caption="台账导入报告")

    add_sheet(wb, "未导入", [Column("工作表"), Column("行号", "int"), Column("户编号"), Column("姓名"),
                             Column("证件号码"), Column("有误的列"), Column("未导入原因")],
              [(r.sheet, r.row, r.number, r.name, r.id_number, r.column, chinese(r.reason)) for r in plan.rejected])

    for sheet in plan.ledger.sheets:
        mine = [r for r in plan.rejected if r.sheet == sheet.name]
        if not mine:
            continue
        width = max(c.index for c in sheet.columns) + 1
        headers = {c.index: c.header for c in sheet.columns}
        columns = [Column("未导入原因")] + [Column(headers.get(i, "")) for i in range(width)]
        add_sheet(wb, f"待修改-{sheet.name}", columns,
                  [(chinese(r.reason), *[cell_text(r.raw[i]) if i < len(r.raw) else None for i in range(width)])
                   for r in mine])

    if plan.changes:
        add_sheet(wb, "更新明细", [Column("户编号"), Column("姓名"), Column("字段"), Column("原值"), Column("新值")],
                  [(c.number, c.name, c.column, c.shown(c.old), c.shown(c.new)) for c in plan.changes])
    return save(wb, path)

