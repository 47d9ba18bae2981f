"""The list commands' one way to print: JSON with --json, else a table or a checklist."""
from __future__ import annotations

import json
from types import SimpleNamespace

from app.cli.runtime import emit_checklist, emit_table


def test_a_checklist_marks_done_and_overdue_items_and_says_when_there_is_none(capsys):
    plans = [{"title": "2026年度计划", "items": [{"d": "修水渠", "status": "done"}, {"d": "培训", "status": "overdue"},
                                              {"d": "走访", "status": "open"}]}]
    emit_checklist(SimpleNamespace(json=False), plans, lambda p: p["title"], lambda i: i["d"], "没有")
    assert capsys.readouterr().out.splitlines() == ["2026年度计划", "  [✓] 修水渠", "  [!] 培训", "  [ ] 走访"]
    emit_checklist(SimpleNamespace(json=False), [], lambda p: p["title"], lambda i: i["d"], "没有年度计划")
    assert capsys.readouterr().out.strip() == "没有年度计划"
    emit_checklist(SimpleNamespace(json=True), plans, lambda p: p["title"], lambda i: i["d"], "没有")
    assert json.loads(capsys.readouterr().out) == plans


def test_a_table_shows_words_while_json_keeps_the_codes(capsys):
    rows = [{"name": "张三", "status": "overdue"}]
    show = lambda r: {**r, "status": "逾期"}  # noqa: E731
    emit_table(SimpleNamespace(json=False), rows, [("name", "户主"), ("status", "状态")], show)
    out = capsys.readouterr().out
    assert "逾期" in out and "overdue" not in out
    emit_table(SimpleNamespace(json=True), rows, [("name", "户主"), ("status", "状态")], show)
    assert json.loads(capsys.readouterr().out) == rows
