"""The openpyxl writer every ledger uses (app.ledger.sheet), checked by reading the saved
workbook back: header, freeze, filter, widths, typed cells, text that stays text, the save."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import pytest
from openpyxl import load_workbook

from app.ledger import sheet
from app.ledger.sheet import Column, add_sheet, new_workbook, save
from app.storage import files

ID_NUMBER = "430521197005011234"


def write(tmp_path, columns, rows, caption=None, name="t.xlsx"):
    wb = new_workbook()
    add_sheet(wb, "台账", columns, rows, caption=caption)
    path = save(wb, tmp_path / name)
    return load_workbook(path)["台账"]


def test_header_caption_freeze_and_filter(tmp_path):
    cols = [Column("户编号"), Column("户主姓名"), Column("走访日期", "date")]
    ws = write(tmp_path, cols, [["0001", "张三", "2026-10-08"], ["0002", "李四", None]], caption="青树村 走访台账（2026年10月）")
    assert ws["A1"].value == "青树村 走访台账（2026年10月）" and ws["A1"].font.b
    assert [str(r) for r in ws.merged_cells.ranges] == ["A1:C1"]
    assert [c.value for c in ws[2]] == ["户编号", "户主姓名", "走访日期"]
    assert all(c.font.b and c.fill.fgColor.rgb.endswith("E3EFE9") for c in ws[2])
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == "A2:C4"
    assert ws.print_title_rows == "$2:$2" and ws.page_setup.orientation == "landscape"


def test_without_caption_the_header_is_the_first_row(tmp_path):
    ws = write(tmp_path, [Column("姓名"), Column("在村天数", "int")], [["王芳", 22]])
    assert [c.value for c in ws[1]] == ["姓名", "在村天数"]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:B2"
    assert not ws.merged_cells.ranges
    assert ws["B2"].value == 22 and ws["B2"].data_type == "n"


def test_widths_fit_ids_chinese_headers_and_long_text(tmp_path):
    long_text = "家中老人长期患病，" * 20      # 180 display units: clipped at 60 and wrapped
    cols = [Column("身份证号"), Column("最近一次收入评估日期"), Column("情况"), Column("数"), Column("金额", "money")]
    ws = write(tmp_path, cols, [[ID_NUMBER, None, long_text, None, 123_456_789], [ID_NUMBER, None, "短", None, None]])
    width = {c: ws.column_dimensions[c].width for c in "ABCDE"}
    assert width["A"] >= 18                                    # the whole ID number shows
    assert width["B"] >= sheet.display_width("最近一次收入评估日期") == 20   # header-only column fits its header
    assert width["C"] == 60 and ws["C2"].alignment.wrap_text and ws["A2"].alignment.vertical == "top"
    assert not ws["C3"].alignment.wrap_text
    assert 6 <= width["D"] < 10                                # short header, no values: small but not below 6
    assert width["E"] >= len("1,234,567.89")


def test_display_width_counts_cjk_and_full_width_as_two():
    assert sheet.display_width("abc") == 3
    assert sheet.display_width("张三") == 4
    assert sheet.display_width("（元）") == 6
    assert sheet.display_width("１２") == 4


def test_dates_and_datetimes_are_real_excel_dates(tmp_path):
    cols = [Column("日期", "date"), Column("时间", "datetime")]
    aware = datetime(2026, 10, 8, 6, 30, tzinfo=timezone.utc)
    ws = write(tmp_path, [*cols], [["2026-10-08", "2026-10-08T09:15:42"], [date(2026, 10, 9), aware],
                                   [None, None], ["不详", "later"]])
    assert ws["A2"].value == datetime(2026, 10, 8) and ws["A2"].number_format == "yyyy-mm-dd"
    assert ws["A2"].is_date and ws["A3"].value == datetime(2026, 10, 9)
    assert ws["B2"].value == datetime(2026, 10, 8, 9, 15, 42) and ws["B2"].number_format == "yyyy-mm-dd hh:mm"
    local = aware.astimezone().replace(tzinfo=None)
    assert abs(ws["B3"].value - local) < timedelta(seconds=1)     # Excel has no time zones: local time
    assert ws["A4"].value is None and ws["B4"].value is None
    assert (ws["A5"].value, ws["A5"].data_type) == ("不详", "s")     # not a date: kept as text, not lost


def test_money_in_fen_is_written_as_yuan(tmp_path):
    ws = write(tmp_path, [Column("人均纯收入（元）", "money")], [[12345], [0], [-250], [None], [730_000]])
    cells = [ws.cell(r, 1) for r in range(2, 7)]
    assert [c.value for c in cells] == [123.45, 0, -2.5, None, 7300]
    for c in (cells[0], cells[1], cells[2], cells[4]):
        assert c.data_type == "n" and "0.00" in c.number_format


@pytest.mark.parametrize("bad", [123.45, "12345", True])
def test_money_must_be_whole_fen(tmp_path, bad):
    with pytest.raises(TypeError, match="fen"):
        add_sheet(new_workbook(), "x", [Column("金额", "money")], [[bad]])


def test_numeric_text_stays_text(tmp_path):
    values = [ID_NUMBER, "43052119700501123X", "13812345678", "0012", "4305241042010009", "1e5"]
    ws = write(tmp_path, [Column("号码")], [[v] for v in values])
    for r, v in enumerate(values, 2):
        cell = ws.cell(r, 1)
        assert (cell.value, cell.data_type, cell.number_format) == (v, "s", "@")


@pytest.mark.parametrize("text", ["=1+2", '=HYPERLINK("http://x","点我")', "+8613812345678", "-2+3",
                                  "@SUM(A1:A2)", "=cmd|' /C calc'!A0"])
def test_formula_injection_stays_a_string(tmp_path, text):
    ws = write(tmp_path, [Column("备注")], [[text]])
    cell = ws["A2"]
    assert cell.value == text and cell.data_type == "s" and cell.number_format == "@"
    assert cell.quotePrefix


def test_control_characters_are_dropped_not_fatal(tmp_path):
    ws = write(tmp_path, [Column("情况")], [["家中\x07有人\x00住院\n已报销"]])
    assert ws["A2"].value == "家中有人住院\n已报销"


def test_none_is_an_empty_cell_for_every_kind(tmp_path):
    cols = [Column(k, k) for k in sheet.KINDS]
    ws = write(tmp_path, cols, [[None] * len(cols)])
    assert [c.value for c in ws[2]] == [None] * len(cols)


def test_rows_must_match_the_columns():
    with pytest.raises(ValueError, match="2 values for 3 columns"):
        add_sheet(new_workbook(), "x", [Column("a"), Column("b"), Column("c")], [["1", "2"]])
    with pytest.raises(ValueError, match="kind"):
        Column("a", "percent")


def test_header_only_sheet_and_odd_titles(tmp_path):
    wb = new_workbook()
    assert wb.worksheets == []
    ws = add_sheet(wb, "问题[清单]:2026/10?", [Column("问题")], [], caption="空")
    assert ws.title == "问题_清单__2026_10_"
    path = save(wb, tmp_path / "empty.xlsx")
    back = load_workbook(path)
    assert back.properties.creator == "Zhucun"
    ws = back.worksheets[0]
    assert ws["A2"].value == "问题" and ws.max_row == 2 and ws.freeze_panes == "A3" and ws.auto_filter.ref == "A2:A2"


def test_save_goes_through_a_part_file(tmp_path, monkeypatch):
    target = tmp_path / "sub" / "台账.xlsx"
    wb = new_workbook()
    add_sheet(wb, "a", [Column("a")], [["1"]])
    seen = []
    real_replace = files.os.replace
    monkeypatch.setattr(files.os, "replace", lambda a, b: (seen.append((a, b)), real_replace(a, b)))
    assert save(wb, target) == target
    assert seen == [(target.with_name("台账.xlsx.part"), target)]
    assert target.is_file() and not list(target.parent.glob("*.part"))
    assert load_workbook(target).worksheets[0]["A2"].value == "1"


def test_a_failed_save_leaves_the_old_file_and_no_part(tmp_path, monkeypatch):
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"the old ledger")
    wb = new_workbook()
    add_sheet(wb, "a", [Column("a")], [["1"]])

    def broken(self, f):
        f.write(b"PK\x03\x04 half a zip")
        raise OSError("disk full")

    monkeypatch.setattr(type(wb), "save", broken)
    with pytest.raises(OSError, match="disk full"):
        save(wb, target)
    assert target.read_bytes() == b"the old ledger"
    assert not list(tmp_path.glob("*.part"))


def test_an_empty_workbook_is_refused(tmp_path):
    with pytest.raises(ValueError):
        save(new_workbook(), tmp_path / "x.xlsx")
    assert not list(tmp_path.iterdir())
