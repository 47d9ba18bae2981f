"""Importing national-system ledgers: every row imported or rejected with its reason, the
same ledger twice changes nothing, an updated ledger updates (audited) what changed."""
from __future__ import annotations

import json
from datetime import date, datetime

import pytest
from openpyxl import Workbook, load_workbook

from app.cli import main as cli_main
from app.core import clock
from app.core.errors import ValidationError
from app.core.idnumber import make_id_number
from app.ledger import sample
from app.ledger.sample import UNKNOWN_HEADER
from app.services import ledger_import
from app.services.households import add_household, add_member
from app.storage.store import Store
from tests.support.stores import FAST_KDF

TODAY = date(2026, 11, 22)


def write_national_sample(path, **kwargs) -> dict:
    """The sample ledger made on the day it is imported (it is made on the clock's today, which
    ZHUCUN_TEST_TODAY may move): births and visits are then never after the import's today."""
    with clock.pinned(TODAY):
        return sample.write_national_sample(path, **kwargs)


def counts(store) -> dict:
    q = lambda sql: store.conn.execute(sql).fetchone()[0]  # noqa: E731
    return {"households": q("SELECT count(*) FROM households WHERE deleted = 0"),
            "members": q("SELECT count(*) FROM members WHERE deleted = 0"),
            "audit": q("SELECT count(*) FROM audit_log"), "outbox": q("SELECT count(*) FROM outbox")}


def ident(birth: str, sex: str, seq: int) -> str:
    from app.core.enums import Sex
    return make_id_number("520324", date.fromisoformat(birth), Sex.parse(sex, "sex"), seq)


HEADERS = ["户编号", "户主姓名", "村民小组", "户类型", "监测对象类别", "姓名", "证件号码", "与户主关系",
           "性别", "出生日期", "健康状况", "劳动技能", "在校生状况", "联系电话"]


def ledger(path, rows, headers=HEADERS, title=True, sheet="家庭成员信息"):
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    if title:
        ws.append(["某某村家庭成员信息表"])
    ws.append(headers)
    for r in rows:
        ws.append([r.get(h) for h in headers])
    wb.save(path)
    return path


def family(number="001", head="张建国", group="一组", category="脱贫户", extra=()):
    rows = [{"户编号": number, "户主姓名": head, "村民小组": group, "户类型": category, "姓名": head,
             "证件号码": ident("1970-03-04", "男", 1), "与户主关系": "户主", "健康状况": "健康", "劳动技能": "普通劳动力",
             "在校生状况": "非在校生", "联系电话": "13812345678"},
            {"户编号": number, "户主姓名": head, "村民小组": group, "户类型": category, "姓名": "李秀英",
             "证件号码": ident("1972-05-06", "女", 2), "与户主关系": "配偶", "健康状况": "长期慢性病", "劳动技能": "弱劳动力或半劳动力"}]
    return rows + list(extra)


# -- the national sample: planted mistakes ------------------------------------------------
def test_national_ledger_imports_with_every_planted_mistake_rejected(store, tmp_path):
    planted = write_national_sample(tmp_path / "n.xlsx", households=60, seed=3)
    result = ledger_import.import_ledger(store, tmp_path / "n.xlsx", today=TODAY)
    s = result.summary
    bad_rows = sorted(r for rows in planted["bad"].values() for r in rows)
    assert sorted(r.row for r in result.rejected) == bad_rows
    assert s["imported"] + s["rejected"] == planted["rows"]
    assert s["households_new"] == 59  # the household without its head is not imported
    assert s["members_new"] == s["imported"]
    assert counts(store)["members"] == s["members_new"]
    assert s["unknown_headers"] == [UNKNOWN_HEADER]
    reasons = {r.row: (r.column, r.reason) for r in result.rejected}
    assert "校验位" in reasons[planted["bad"]["check_digit"][0]][1]
    assert reasons[planted["bad"]["relation"][0]][0] == "与户主关系"
    assert "表兄弟" in reasons[planted["bad"]["relation"][0]][1] and "之子" in reasons[planted["bad"]["relation"][0]][1]
    assert "存成了数字" in reasons[planted["bad"]["numeric_id"][0]][1]
    assert "重复" in reasons[planted["bad"]["duplicate"][0]][1]
    assert all("缺少户主" in reasons[r][1] for r in planted["bad"]["head_missing"])


def test_same_ledger_twice_changes_nothing(store, tmp_path):
    write_national_sample(tmp_path / "n.xlsx", households=40, seed=5)
    first = ledger_import.import_ledger(store, tmp_path / "n.xlsx", today=TODAY)
    before = counts(store)
    second = ledger_import.import_ledger(store, tmp_path / "n.xlsx", today=TODAY)
    assert counts(store) == before
    s = second.summary
    assert (s["households_new"], s["households_updated"], s["members_new"], s["members_updated"]) == (0, 0, 0, 0)
    assert s["households_unchanged"] == first.summary["households_new"]
    assert s["members_unchanged"] == first.summary["members_new"]


def test_updated_ledger_updates_what_changed_and_audits_it(store, tmp_path):
    ledger(tmp_path / "a.xlsx", family())
    ledger_import.import_ledger(store, tmp_path / "a.xlsx", today=TODAY)
    before = counts(store)
    rows = family()
    rows[1]["健康状况"] = "患有大病"
    rows[0]["村民小组"] = rows[1]["村民小组"] = "二组"
    rows[0]["联系电话"] = None  # a blank cell is "not in this ledger", never "erase"
    ledger(tmp_path / "b.xlsx", rows)
    result = ledger_import.import_ledger(store, tmp_path / "b.xlsx", today=TODAY)
    s = result.summary
    assert (s["households_updated"], s["members_updated"], s["members_unchanged"]) == (1, 1, 1)
    after = counts(store)
    assert after["audit"] == before["audit"] + 2 and after["households"] == before["households"]
    spouse = store.query("SELECT * FROM members WHERE name = '李秀英'")[0]
    assert spouse["health"] == "serious_illness"
    head = store.query("SELECT * FROM members WHERE name = '张建国'")[0]
    assert head["phone"] == "13812345678"
    entries = store.query("SELECT tbl, action, changes FROM audit_log ORDER BY seq DESC LIMIT 2")
    changes = {e["tbl"]: json.loads(e["changes"]) for e in entries}
    assert changes["members"] == {"health": ["chronic", "serious_illness"]}
    assert changes["households"] == {"group_name": ["一组", "二组"]}
    book = load_workbook(result.report)
    assert list(book["更新明细"].iter_rows(min_row=2, values_only=True)) == [
        ("001", "张建国", "村民小组", "一组", "二组"), ("001", "李秀英", "健康状况", "长期慢性病", "患有大病")]


def test_columns_in_any_order_with_title_rows_and_loose_values(store, tmp_path):
    headers = list(reversed(HEADERS))
    rows = family()
    rows[0]["证件号码"] = rows[0]["证件号码"].replace("X", "x")
    rows[1]["出生日期"] = datetime(1972, 5, 6)  # a real date cell that agrees with the ID
    rows[0]["出生日期"] = "1970/3/4"
    rows[0]["与户主关系"] = "本人"
    wb = Workbook()
    ws = wb.active
    ws.append(["标题"])
    ws.append(["导出时间：2026-11-01"])
    ws.append([f" {h}\n" if i % 3 == 0 else h for i, h in enumerate(headers)])  # stray spaces, line breaks
    for r in rows:
        ws.append([r.get(h) for h in headers])
    wb.save(tmp_path / "r.xlsx")
    result = ledger_import.import_ledger(store, tmp_path / "r.xlsx", today=TODAY)
    assert result.summary["rejected"] == 0, result.rejected
    assert result.summary["sheets"][0]["header_row"] == 3
    h = store.query("SELECT * FROM households")[0]
    assert (h["number"], h["head_name"], h["group_name"], h["category"], h["phone"]) == (
        "001", "张建国", "一组", "lifted", "13812345678")
    assert {m["name"]: m["relation"] for m in store.query("SELECT * FROM members")} == {"张建国": "head", "李秀英": "spouse"}


def test_household_rules_reject_the_whole_household(store, tmp_path):
    good = family("001")
    monitored = family("002", head="王强", category="监测户")  # no 监测对象类别
    for r in monitored:
        r["证件号码"] = None
        r["出生日期"] = "1980-01-01" if r["与户主关系"] == "户主" else "1981-01-01"
        r["性别"] = "男" if r["与户主关系"] == "户主" else "女"
    two_heads = family("003", head="刘一")
    for r in two_heads:
        r["证件号码"] = None
        r["出生日期"] = "1960-01-01"
        r["性别"] = "男" if r["与户主关系"] == "户主" else "女"
    two_heads[1]["与户主关系"] = "户主"
    two_heads[1]["姓名"] = "刘二"
    ledger(tmp_path / "h.xlsx", good + monitored + two_heads)
    result = ledger_import.import_ledger(store, tmp_path / "h.xlsx", today=TODAY)
    by_row = {r.row: r for r in result.rejected}
    assert set(by_row) == {5, 6, 8}  # both rows of 002; the second head of 003
    assert "监测对象类别" in by_row[5].column and "监测户" in by_row[5].reason
    assert "已有户主" in by_row[8].reason
    assert result.summary["households_new"] == 2


def test_id_number_already_in_another_household_is_rejected(store, tmp_path):
    h = add_household(store, {"head_name": "赵六", "number": "900"})
    taken = ident("1975-01-01", "男", 9)
    add_member(store, h["id"], {"name": "赵六", "relation": "head", "id_number": taken})
    rows = family()
    rows[0]["证件号码"] = taken
    rows[0]["姓名"] = rows[0]["户主姓名"] = "赵六"
    rows[1]["户主姓名"] = "赵六"
    ledger(tmp_path / "x.xlsx", rows)
    result = ledger_import.import_ledger(store, tmp_path / "x.xlsx", today=TODAY)
    reasons = [r.reason for r in result.rejected]
    assert any("户编号900" in r for r in reasons)
    assert any("缺少户主" in r for r in reasons)  # its head rejected, the household cannot stand


def test_unknown_header_is_mapped_and_remembered(store, tmp_path):
    headers = HEADERS + ["打工单位名称"]
    rows = family()
    rows[0]["打工单位名称"] = "遵义市东升服装有限公司"
    ledger(tmp_path / "u.xlsx", rows, headers)
    preview = ledger_import.import_ledger(store, tmp_path / "u.xlsx", preview=True, today=TODAY)
    assert preview.summary["unknown_headers"] == ["打工单位名称"]
    mapping = ledger_import.parse_mapping(["打工单位名称=务工单位"])
    ledger_import.import_ledger(store, tmp_path / "u.xlsx", mapping, today=TODAY)
    assert store.query("SELECT employer FROM members WHERE name = '张建国'")[0]["employer"] == "遵义市东升服装有限公司"
    again = ledger_import.read(store, tmp_path / "u.xlsx")
    assert again.unknown_headers == []
    assert {c.header: c.target for c in again.sheets[0].columns}["打工单位名称"] == "member.employer"
    with pytest.raises(ValidationError) as e:
        ledger_import.parse_mapping(["打工单位名称=工资条"])
    assert e.value.field == "map"


def test_preview_writes_nothing_and_cancel_rolls_back(store, tmp_path):
    write_national_sample(tmp_path / "n.xlsx", households=30, seed=2)
    before = counts(store)
    preview = ledger_import.import_ledger(store, tmp_path / "n.xlsx", preview=True, today=TODAY)
    assert preview.summary["households_new"] > 0 and counts(store) == before
    assert preview.report.exists()
    calls = []

    def cancel():
        calls.append(1)
        return len(calls) > 1  # let the first chunk be written, then cancel

    plan = ledger_import.plan_import(store, ledger_import.read(store, tmp_path / "n.xlsx"), TODAY)
    with pytest.raises(KeyboardInterrupt):
        ledger_import.apply_import(store, plan, cancel=cancel)
    assert counts(store) == before
    assert store.verify_audit().ok


def test_household_and_member_sheets_in_one_workbook(store, tmp_path):
    wb = Workbook()
    hs = wb.active
    hs.title = "户信息"
    hs.append(["序号", "户编号", "户主姓名", "户类型", "监测对象类别", "风险类型1", "风险类型2", "联系电话", "备注"])
    hs.append([1, "001", "张建国", "监测户", "突发严重困难户", "因病", "因学致贫", "0851-2345678", "新识别"])
    ms = wb.create_sheet("成员信息")
    ms.append(["户编号", "姓名", "证件号码", "与户主关系"])
    for r in family():
        ms.append([r["户编号"], r["姓名"], r["证件号码"], r["与户主关系"]])
    wb.create_sheet("说明").append(["本表由系统导出"])
    wb.save(tmp_path / "two.xlsx")
    result = ledger_import.import_ledger(store, tmp_path / "two.xlsx", today=TODAY)
    assert result.summary["rejected"] == 0, result.rejected
    assert result.summary["skipped_sheets"] == ["说明"]
    h = store.records.decode("households", store.query("SELECT * FROM households")[0])
    assert (h["category"], h["monitoring_category"], h["risk_types"], h["phone"], h["note"]) == (
        "monitored", "sudden_hardship", ["illness", "schooling"], "0851-2345678", "新识别")


def test_the_report_lists_rejections_and_its_fix_sheet_reimports(store, tmp_path):
    rows = family()
    rows.append({"户编号": "001", "户主姓名": "张建国", "姓名": "张小明", "证件号码": ident("2005-07-08", "男", 3),
                 "与户主关系": "儿子啊", "在校生状况": "高中"})
    ledger(tmp_path / "f.xlsx", rows)
    result = ledger_import.import_ledger(store, tmp_path / "f.xlsx", report=tmp_path / "rep.xlsx", today=TODAY)
    assert result.summary["rejected"] == 1
    book = load_workbook(tmp_path / "rep.xlsx")
    listing = list(book["未导入"].iter_rows(values_only=True))
    assert listing[0][:3] == ("工作表", "行号", "户编号")
    assert listing[1][1] == 5 and listing[1][3] == "张小明" and "儿子啊" in listing[1][6]
    assert book["未导入"].freeze_panes == "A2"
    fix = book["待修改-家庭成员信息"]
    assert fix.cell(1, 1).value == "未导入原因"
    relation_col = [c.value for c in fix[1]].index("与户主关系") + 1
    fix.cell(2, relation_col).value = "之子"
    book.save(tmp_path / "fixed.xlsx")
    again = ledger_import.import_ledger(store, tmp_path / "fixed.xlsx", today=TODAY)
    assert (again.summary["members_new"], again.summary["rejected"]) == (1, 0)
    assert store.query("SELECT relation, school_status FROM members WHERE name = '张小明'")[0] == {
        "relation": "son", "school_status": "senior"}


def test_not_a_workbook_is_refused_by_name(store, tmp_path):
    (tmp_path / "x.xlsx").write_text("户编号,姓名\n", encoding="utf-8")
    with pytest.raises(ValidationError) as e:
        ledger_import.import_ledger(store, tmp_path / "x.xlsx", today=TODAY)
    assert e.value.field == "file" and "x.xlsx" in str(e.value)
    assert counts(store)["households"] == 0


def test_roster_export_imports_back_unchanged(tmp_path):
    from app.ledger.roster import write_roster
    from app.demo.build import build_demo
    build_demo(tmp_path / "a", "pass-phrase-1", 25, today=TODAY)
    with Store.open(tmp_path / "a", "pass-phrase-1") as a:
        _, n = write_roster(a, tmp_path / "roster.xlsx")
        result = ledger_import.import_ledger(a, tmp_path / "roster.xlsx", today=TODAY)
        assert (result.summary["households_updated"], result.summary["members_updated"]) == (0, 0)
        cols = "name, id_number, sex, birth_date, relation, health, labour, school_status, work_months, phone"
        want = sorted(tuple(r.values()) for r in a.query(f"SELECT {cols} FROM members WHERE deleted = 0"))
    b, _ = Store.create(tmp_path / "b", "王芳", "passphrase1", kdf_params=FAST_KDF)
    with b:
        result = ledger_import.import_ledger(b, tmp_path / "roster.xlsx", today=TODAY)
        assert result.summary["rejected"] == 0 and result.summary["members_new"] == n
        got = sorted(tuple(r.values()) for r in b.query(f"SELECT {cols} FROM members WHERE deleted = 0"))
    assert got == want


# -- the command line -------------------------------------------------------------------------
def run(tmp_path, *argv, stdin="passphrase1\n", monkeypatch=None, capsys=None):
    import io
    import sys
    sys.stdin = io.StringIO(stdin)
    try:
        code = cli_main(["--data", str(tmp_path / "s"), "--passphrase-stdin", *argv])
    finally:
        sys.stdin = sys.__stdin__
    out = capsys.readouterr().out if capsys else ""
    return code, out


def test_cli_import_ledger_json(tmp_path, capsys):
    Store.create(tmp_path / "s", "王芳", "passphrase1", kdf_params=FAST_KDF)[0].close()
    planted = write_national_sample(tmp_path / "n.xlsx", households=20, seed=4)
    bad = sum(len(v) for v in planted["bad"].values())
    code, out = run(tmp_path, "--json", "import-ledger", str(tmp_path / "n.xlsx"), "--preview", capsys=capsys)
    data = json.loads(out)
    assert code == 3 and data["rejected"] == bad and data["preview"] is True
    code, out = run(tmp_path, "--json", "import-ledger", str(tmp_path / "n.xlsx"), "--map", f"{UNKNOWN_HEADER}=不导入",
                    "--report", str(tmp_path / "r.xlsx"), capsys=capsys)
    data = json.loads(out)
    assert code == 3
    assert data["imported"] == planted["rows"] - bad and data["rejected"] == bad
    assert data["report"] == str(tmp_path / "r.xlsx") and load_workbook(data["report"])["未导入"].max_row == bad + 1
    assert data["unknown_headers"] == []
    code, out = run(tmp_path, "--json", "import-ledger", str(tmp_path / "n.xlsx"), capsys=capsys)
    data = json.loads(out)
    assert data["unknown_headers"] == [] and data["households_new"] == 0 and data["members_new"] == 0


def test_cli_import_ledger_text_names_the_rows(tmp_path, capsys):
    Store.create(tmp_path / "s", "王芳", "passphrase1", kdf_params=FAST_KDF)[0].close()
    rows = family()
    rows[1]["证件号码"] = rows[1]["证件号码"][:17] + ("1" if rows[1]["证件号码"][17] != "1" else "2")
    ledger(tmp_path / "a.xlsx", rows)
    code, out = run(tmp_path, "import-ledger", str(tmp_path / "a.xlsx"), capsys=capsys)
    assert code == 3
    assert "第4行" in out and "李秀英" in out and "证件号码" in out and "校验位" in out
    code, _ = run(tmp_path, "import-ledger", str(tmp_path / "missing.xlsx"), capsys=capsys)
    assert code == 3


def test_a_household_typed_in_without_its_number_is_completed_not_duplicated(store, tmp_path):
    rows = family()
    h = add_household(store, {"head_name": "张建国", "category": "lifted"})
    add_member(store, h["id"], {"name": "张建国", "relation": "head", "id_number": rows[0]["证件号码"]})
    ledger(tmp_path / "a.xlsx", rows)
    result = ledger_import.import_ledger(store, tmp_path / "a.xlsx", today=TODAY)
    s = result.summary
    assert (s["households_new"], s["households_updated"], s["members_new"], s["members_updated"]) == (0, 1, 1, 1)
    assert store.query("SELECT number, group_name FROM households WHERE deleted = 0") == [
        {"number": "001", "group_name": "一组"}]


def test_two_columns_for_one_field_take_the_first_value(store, tmp_path):
    headers = HEADERS + ["手机号码"]
    rows = family()
    rows[0]["联系电话"] = None
    rows[0]["手机号码"] = "13900001111"
    rows[1]["手机号码"] = "13900002222"
    ledger(tmp_path / "p.xlsx", rows, headers)
    result = ledger_import.import_ledger(store, tmp_path / "p.xlsx", today=TODAY)
    assert result.summary["rejected"] == 0
    phones = {m["name"]: m["phone"] for m in store.query("SELECT name, phone FROM members")}
    assert phones == {"张建国": "13900001111", "李秀英": "13900002222"}


def test_rows_of_one_household_that_disagree_reject_it(store, tmp_path):
    rows = family() + family("002", head="王强", extra=())[:1]
    rows[2]["证件号码"] = ident("1980-01-01", "男", 5)
    rows[1]["户类型"] = "监测户"  # the spouse's row says otherwise than the head's
    ledger(tmp_path / "d.xlsx", rows)
    result = ledger_import.import_ledger(store, tmp_path / "d.xlsx", today=TODAY)
    assert sorted(r.row for r in result.rejected) == [3, 4]
    assert "户类型不一致" in result.rejected[0].reason and "第3行“脱贫户”" in result.rejected[0].reason
    assert result.summary["households_new"] == 1
