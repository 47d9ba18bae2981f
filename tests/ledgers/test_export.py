"""The month's ledgers as Excel (app.ledger.export) for October 2026, seen on 5 November 2026,
from a small village whose every record is known; read back with openpyxl. Also: an empty
month, refusals that name the field, and every ledger of a demo village."""
from __future__ import annotations

import shutil
import subprocess
from datetime import date, datetime

import pytest
from openpyxl import load_workbook

from app.core.errors import ValidationError
from app.ledger import export
from app.ledger.export import KINDS, ExportResult, export_ledger, parse_kind
from app.services import cases, incomes, visits, worklog
from tests.support.stores import FAST_KDF

MONTH = "2026-10"
TODAY = date(2026, 11, 5)
BY = "王芳"   # the store's user
PLACE = {"province": "43", "county": "武冈县", "township": "邓元泰镇", "village": "青树村"}
INJECTION = '=HYPERLINK("http://example.com","点我")'


def d(iso: str) -> datetime:
    return datetime.fromisoformat(iso)


def read(path):
    """(worksheet, header texts, data rows as dicts by header)."""
    wb = load_workbook(path)
    assert len(wb.worksheets) == 1
    ws = wb.worksheets[0]
    header = [c.value for c in ws[2]]
    rows = [dict(zip(header, (c.value for c in r))) for r in ws.iter_rows(min_row=3)]
    return ws, header, rows


def run(store, kind, tmp_path, month=MONTH, today=TODAY):
    out = tmp_path / "out" / f"{kind}-{month}.xlsx"
    result = export_ledger(store, kind, month, out, today=today)
    assert isinstance(result, ExportResult) and result.path == out and result.month == month
    assert out.is_file() and [p.name for p in out.parent.iterdir()] == [out.name]   # no .part left
    return result, *read(out)


def _visit(store, household, on, mode="home", **extra):
    return visits.add_visit(store, household["id"], {"visit_date": on, "mode": mode, "findings": "正常",
                                                     "visitor": BY, **extra}, today=TODAY)


def _step(store, case_id, kind, on, data=None):
    return cases.record_step(store, case_id, kind, on, BY, data or {}, today=TODAY)


def _case(store, household, clue, check=None, identify=None, plan=None, category="edge_at_risk",
          risks=("illness",)):
    c = cases.open_case(store, household["id"], clue, BY, {"source": "干部排查", "risk_types": list(risks)},
                        today=TODAY)
    if check:
        _step(store, c["id"], "check", check, {"note": "入户核查"})
    if identify:
        _step(store, c["id"], "identify", identify, {"monitoring_category": category, "risk_types": list(risks)})
    if plan:
        _step(store, c["id"], "plan", plan, {"measures": ["health", "education", "employment"]})
    return c["id"]


@pytest.fixture
def village(store, hh):
    def home(name, number, group, **extra):
        return hh.household(name, group_name=group, number=number, **PLACE, **extra)

    a = home("张三", "4305210010010001", "第一村民小组", category="lifted", pairing_cadre="李明")
    b = home("李四", "4305210010020002", "第二村民小组", category="lifted", residence="away")
    c = home("王五", "4305210010020003", "第二村民小组", category="lifted")
    e = home("钱七", "4305210010030004", "第三村民小组", category="lifted", pairing_cadre="赵强")
    f = home("孙八", "4305210010030005", "第三村民小组", category="lifted")
    g = home("周九", "4305210010010006", "第一村民小组", category="ordinary")
    i = home("郑十一", "4305210010040007", "第十二村民小组", category="ordinary")
    j = home("冯十二", "4305210010040008", "第四村民小组", category="ordinary")
    k = home("陈十三", "4305210010040009", "第四村民小组", category="ordinary")

    # Visits: two in October and a correction of one of them; one in September, one in November.
    _visit(store, a, "2026-09-12")
    _visit(store, a, "2026-10-10", risks_seen=["illness", "schooling"], followups="联系镇卫生院", met_person="张三之妻")
    first = _visit(store, b, "2026-10-08", mode="phone", findings=INJECTION)
    visits.correct_visit(store, first["id"], {"findings": "务工收入稳定"}, "补记情况", today=TODAY)
    _visit(store, c, "2026-11-02")

    # Cases. e: identified and planned in October. f: eliminated in October (income 12,345 yuan a
    # person). g: a September clue never decided (identification overdue at the month's end).
    # i: identified in October, planned only in November. j: rejected in August (closed before
    # October). k: a clue in November.
    _case(store, e, "2026-10-02", "2026-10-05", "2026-10-12", "2026-10-15")
    fid = _case(store, f, "2026-06-01", "2026-06-03", "2026-06-05", "2026-06-10", category="sudden_hardship")
    incomes.add_income(store, f["id"], "2026-09-01", {"wage": 1_234_500}, today=TODAY)
    incomes.add_income(store, f["id"], "2026-11-01", {"wage": 2_000_000}, today=TODAY)
    _step(store, fid, "eliminate", "2026-10-20", {"method": "就业帮扶"})
    _case(store, g, "2026-09-20", "2026-09-22", risks=("disaster",))
    _case(store, i, "2026-10-01", "2026-10-03", "2026-10-10", "2026-11-03", risks=("schooling",))
    jid = _case(store, j, "2026-08-01", "2026-08-02")
    _step(store, jid, "reject", "2026-08-05", {"reason": "收入高于监测线"})
    _case(store, k, "2026-11-02")

    # The month's prompt: on time, late, overdue, due on the last day, done only in November.
    prompt = worklog.add_prompt(store, MONTH, None, [
        {"title": "务工月监测", "due_date": "2026-10-15"},
        {"title": "医保缴费动员", "due_date": "2026-10-20"},
        {"title": "防汛风险排查", "due_date": "2026-10-25"},
        {"title": "月度数据核对", "due_date": "2026-10-31"},
        {"title": "政策宣传", "due_date": "2026-10-28"}], issued_by="邓元泰镇乡村振兴办")
    t = prompt["tasks"]
    worklog.complete_task(store, t[0]["id"], "2026-10-14", "已完成", done_by="李明", today=TODAY)
    worklog.complete_task(store, t[1]["id"], "2026-10-28", "已完成", done_by=BY, today=TODAY)
    worklog.complete_task(store, t[4]["id"], "2026-11-03", "补做", done_by=BY, today=TODAY)
    worklog.add_prompt(store, "2026-09", None, [{"title": "九月的任务", "due_date": "2026-09-10"}])

    worklog.set_attendance(store, BY, MONTH, 22)
    worklog.set_attendance(store, "李明", MONTH, 15, note="签到:2026-10-03 培训3天")
    worklog.set_attendance(store, BY, "2026-09", 25)

    county = worklog.add_problem_list(store, "武冈县反馈问题数据清单(第1批)", [
        {"description": "张三户电话号码缺失", "household_id": a["id"], "measure": "入户补录电话",
         "responsible": "李明", "deadline": "2026-10-10"},
        {"description": "李四户务工收入填报异常", "household_id": b["id"]},
        {"description": "王五户住房等级待复核", "household_id": c["id"]}], source="county", created_on="2026-09-15")
    worklog.close_problem(store, county["items"][1]["id"], "已核实更正", closed_on="2026-10-20", today=TODAY)
    worklog.close_problem(store, county["items"][2]["id"], "已复核", closed_on="2026-11-03", today=TODAY)
    old = worklog.add_problem_list(store, "八月自查", [{"description": "八月的问题"}], created_on="2026-08-01")
    worklog.close_problem(store, old["items"][0]["id"], "已整改", closed_on="2026-09-10", today=TODAY)
    worklog.add_problem_list(store, "十一月自查", [{"description": "下个月的问题"}], created_on="2026-11-02")
    return {"a": a, "b": b, "c": c, "e": e, "f": f, "g": g, "i": i, "j": j, "k": k}


# -- 走访台账 ---------------------------------------------------------------------------------------
def test_visits_ledger_lists_the_month_with_the_correction_and_what_it_corrected(store, village, tmp_path):
    result, ws, header, rows = run(store, "visits", tmp_path)
    assert ws.title == "走访台账" and ws["A1"].value == "青树村 走访台账（2026年10月）"
    assert header == ["走访日期", "村民小组", "户编号", "户主姓名", "户类型", "走访方式", "走访人", "见到的人",
                      "发现的情况", "发现的风险", "后续事项", "备注"]
    assert result.rows == len(rows) == 3 and result.kind == "visits"
    old, fix, a = rows
    assert [r["户主姓名"] for r in rows] == ["李四", "李四", "张三"]
    assert old["走访日期"] == d("2026-10-08") and old["走访方式"] == "电话" and old["发现的情况"] == INJECTION
    assert old["备注"] == "已被更正"
    assert fix["发现的情况"] == "务工收入稳定" and fix["备注"] == "更正 2026-10-08 的记录：补记情况"
    assert a == {"走访日期": d("2026-10-10"), "村民小组": "第一村民小组", "户编号": "4305210010010001",
                 "户主姓名": "张三", "户类型": "脱贫户", "走访方式": "入户", "走访人": BY, "见到的人": "张三之妻",
                 "发现的情况": "正常", "发现的风险": "因病、因学", "后续事项": "联系镇卫生院", "备注": None}
    # Typed cells: real dates, 户编号 kept as text, the injected formula kept as a string.
    assert ws["A3"].is_date and ws["A3"].number_format == "yyyy-mm-dd"
    assert ws["C3"].data_type == "s" and ws["C3"].number_format == "@"
    assert ws["I3"].value == INJECTION and ws["I3"].data_type == "s"
    assert ws.column_dimensions["C"].width >= 16 and ws.freeze_panes == "A3"


def test_november_visits_are_their_own_month(store, village, tmp_path):
    result, _ws, _h, rows = run(store, "visits", tmp_path, month="2026-11", today=date(2026, 11, 5))
    assert result.rows == 1 and rows[0]["户主姓名"] == "王五" and rows[0]["走访日期"] == d("2026-11-02")


# -- 监测对象台账 -----------------------------------------------------------------------------------
def test_cases_ledger_shows_each_case_as_at_the_months_end(store, village, tmp_path):
    result, ws, header, rows = run(store, "cases", tmp_path)
    assert header == ["户编号", "户主姓名", "村民小组", "家庭人口", "监测对象类别", "风险类型", "当前状态", "线索日期",
                      "识别纳入日期", "帮扶计划日期", "帮扶措施", "风险消除日期", "最近一次收入评估日期",
                      "人均纯收入（元）", "监测线（元）", "帮扶责任人", "期限提醒"]
    by_head = {r["户主姓名"]: r for r in rows}
    # j closed in August and k began in November: not October's cases.
    assert set(by_head) == {"周九", "钱七", "孙八", "郑十一"} and result.rows == 4
    # Sorted by 村民小组 number (第十二 after 第四), then 户编号.
    assert [r["村民小组"] for r in rows] == ["第一村民小组", "第三村民小组", "第三村民小组", "第十二村民小组"]

    e = by_head["钱七"]
    assert (e["当前状态"], e["监测对象类别"], e["风险类型"]) == ("帮扶中", "边缘易致贫户", "因病")
    assert (e["线索日期"], e["识别纳入日期"], e["帮扶计划日期"]) == (d("2026-10-02"), d("2026-10-12"), d("2026-10-15"))
    assert e["帮扶措施"] == "健康帮扶、教育帮扶、就业帮扶" and e["帮扶责任人"] == "赵强" and e["家庭人口"] == 1
    assert e["期限提醒"] is None and e["人均纯收入（元）"] is None

    f = by_head["孙八"]
    assert (f["当前状态"], f["监测对象类别"], f["风险消除日期"]) == ("风险已消除", "突发严重困难户", d("2026-10-20"))
    # The latest assessment on or before the month's end (not November's): 12,345 yuan a person.
    assert f["最近一次收入评估日期"] == d("2026-09-01")
    assert f["人均纯收入（元）"] == 12345 and f["监测线（元）"] == 8000
    row = next(r for r in ws.iter_rows(min_row=3) if r[1].value == "孙八")
    money = row[header.index("人均纯收入（元）")]
    assert money.data_type == "n" and "0.00" in money.number_format

    g = by_head["周九"]
    assert (g["当前状态"], g["监测对象类别"], g["风险类型"]) == ("风险线索", None, "因自然灾害")
    assert g["期限提醒"].startswith("识别认定逾期：2026-09-20 发现风险线索，应于 2026-10-05 前完成识别认定")

    i = by_head["郑十一"]       # planned on 3 November: at October's end identified, plan overdue
    assert (i["当前状态"], i["识别纳入日期"], i["帮扶计划日期"], i["帮扶措施"]) == (
        "已识别纳入", d("2026-10-10"), None, None)
    assert i["期限提醒"].startswith("帮扶计划逾期：应于 2026-10-20 前")


def test_cases_inside_the_current_month_are_as_of_today(store, village, tmp_path):
    _r, _ws, _h, rows = run(store, "cases", tmp_path, today=date(2026, 10, 18))
    by_head = {r["户主姓名"]: r for r in rows}
    assert by_head["郑十一"]["期限提醒"] is None          # plan due 20 October: not yet late on the 18th


# -- 工作提示完成情况 ------------------------------------------------------------------------------
def test_prompts_ledger_with_done_overdue_and_open_tasks(store, village, tmp_path):
    result, ws, header, rows = run(store, "prompts", tmp_path)
    assert header == ["提示", "下发单位", "任务", "截止日期", "完成日期", "完成人", "状态", "备注"]
    assert result.rows == 5                      # September's prompt stays out
    assert {r["提示"] for r in rows} == {"2026年10月驻村工作提示"}
    assert {r["下发单位"] for r in rows} == {"邓元泰镇乡村振兴办"}
    tasks = {r["任务"]: r for r in rows}
    assert (tasks["务工月监测"]["状态"], tasks["务工月监测"]["完成日期"], tasks["务工月监测"]["完成人"]) == (
        "已完成", d("2026-10-14"), "李明")
    assert tasks["医保缴费动员"]["状态"] == "已完成" and tasks["医保缴费动员"]["截止日期"] == d("2026-10-20")
    assert (tasks["防汛风险排查"]["状态"], tasks["防汛风险排查"]["完成日期"]) == ("逾期", None)
    assert tasks["月度数据核对"]["状态"] == "未完成"         # due on the month's last day
    # Done only in November: overdue at the month's end; its real completion date is kept.
    assert (tasks["政策宣传"]["状态"], tasks["政策宣传"]["完成日期"], tasks["政策宣传"]["备注"]) == (
        "逾期", d("2026-11-03"), "补做")


def test_prompt_overdue_is_relative_to_today_inside_the_month(store, village, tmp_path):
    _r, _ws, _h, rows = run(store, "prompts", tmp_path, today=date(2026, 10, 22))
    tasks = {r["任务"]: r["状态"] for r in rows}
    assert tasks["防汛风险排查"] == "未完成" and tasks["务工月监测"] == "已完成"


# -- 问题清单 ---------------------------------------------------------------------------------------
def test_problems_ledger_lists_items_open_at_some_time_in_the_month(store, village, tmp_path):
    result, ws, header, rows = run(store, "problems", tmp_path)
    assert header == ["清单", "来源", "问题", "户编号", "户主姓名", "村民小组", "提出日期", "整改措施", "责任人",
                      "整改时限", "状态", "销号日期", "销号人", "销号说明"]
    items = {r["问题"]: r for r in rows}
    # August's item closed in September and November's list are not October's.
    assert set(items) == {"张三户电话号码缺失", "李四户务工收入填报异常", "王五户住房等级待复核"}
    assert result.rows == 3
    open_item = items["张三户电话号码缺失"]
    assert (open_item["清单"], open_item["来源"], open_item["户编号"], open_item["户主姓名"]) == (
        "武冈县反馈问题数据清单(第1批)", "县反馈", "4305210010010001", "张三")
    assert (open_item["提出日期"], open_item["状态"], open_item["销号日期"]) == (d("2026-09-15"), "逾期未销号", None)
    assert (open_item["整改措施"], open_item["责任人"], open_item["整改时限"]) == ("入户补录电话", "李明", d("2026-10-10"))
    closed = items["李四户务工收入填报异常"]
    assert (closed["状态"], closed["销号日期"], closed["销号人"], closed["销号说明"]) == (
        "已销号", d("2026-10-20"), BY, "已核实更正")
    later = items["王五户住房等级待复核"]          # closed in November: still open at October's end
    assert (later["状态"], later["销号日期"]) == ("未销号", d("2026-11-03"))


# -- 驻村考勤 ---------------------------------------------------------------------------------------
def test_attendance_ledger_against_twenty_days(store, village, tmp_path):
    result, ws, header, rows = run(store, "attendance", tmp_path)
    assert header == ["姓名", "月份", "在村天数", "要求天数", "是否达标", "备注"]
    assert rows == [
        {"姓名": "李明", "月份": "2026年10月", "在村天数": 15, "要求天数": 20, "是否达标": "否", "备注": "培训3天"},
        {"姓名": BY, "月份": "2026年10月", "在村天数": 22, "要求天数": 20, "是否达标": "是", "备注": None}]
    assert ws["C3"].data_type == "n" and result.rows == 2


# -- any month ------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", list(KINDS))
def test_an_empty_month_still_writes_the_header(store, village, tmp_path, kind):
    result, ws, header, rows = run(store, kind, tmp_path, month="2025-01")
    assert result.rows == 0 and rows == [] and ws.max_row == 2
    assert ws.title == KINDS[kind] and ws["A1"].value == f"青树村 {KINDS[kind]}（2025年1月）"
    assert header[0] and ws.freeze_panes == "A3"


def test_an_empty_store_without_a_village_name(store, tmp_path):
    result, ws, _h, rows = run(store, "visits", tmp_path)
    assert result.rows == 0 and ws["A1"].value == "走访台账（2026年10月）"


def test_the_file_is_replaced_whole(store, village, tmp_path):
    out = tmp_path / "out" / "台账.xlsx"
    out.parent.mkdir()
    out.write_bytes(b"an older export")
    export_ledger(store, "attendance", MONTH, out, today=TODAY)
    assert load_workbook(out).worksheets[0].title == "驻村考勤"
    assert [p.name for p in out.parent.iterdir()] == ["台账.xlsx"]


@pytest.mark.parametrize("text, code", [
    ("visits", "visits"), ("走访台账", "visits"), ("走访", "visits"), (" Cases ", "cases"), ("监测对象台账", "cases"),
    ("工作提示完成情况", "prompts"), ("问题清单", "problems"), ("考勤", "attendance"), ("在村天数", "attendance"),
    ("驻村考勤", "attendance")])
def test_parse_kind_accepts_codes_titles_and_short_names(text, code):
    assert parse_kind(text) == code


@pytest.mark.parametrize("bad", ["", "visit-log", "花名册"])
def test_an_unknown_kind_names_the_field_and_the_choices(store, tmp_path, bad):
    with pytest.raises(ValidationError) as e:
        export_ledger(store, bad, MONTH, tmp_path / "out" / "x.xlsx", today=TODAY)
    assert e.value.field == "kind"
    for code, title in KINDS.items():
        assert f"{code}({title})" in str(e.value)
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("month, rule", [("2026-13", "month YYYY-MM"), ("2026/10", "month YYYY-MM"),
                                         ("202610", "month YYYY-MM"), ("", "month YYYY-MM"),
                                         ("2026-12", "not after the current month")])
def test_a_bad_month_names_the_field(store, tmp_path, month, rule):
    with pytest.raises(ValidationError) as e:
        export_ledger(store, "visits", month, tmp_path / "out" / "x.xlsx", today=TODAY)
    assert (e.value.field, e.value.rule) == ("month", rule)
    assert not (tmp_path / "out").exists()


def test_the_output_must_be_an_xlsx_file(store, tmp_path):
    with pytest.raises(ValidationError) as e:
        export_ledger(store, "visits", MONTH, tmp_path / "台账.xls", today=TODAY)
    assert e.value.field == "out"


def test_export_ledger_signature_and_kinds():
    assert KINDS == {"visits": "走访台账", "cases": "监测对象台账", "prompts": "工作提示完成情况",
                     "problems": "问题清单", "attendance": "驻村考勤"}
    assert set(export._BUILDERS) == set(KINDS)


# -- a demo village -------------------------------------------------------------------------------
DEMO_TODAY = date(2026, 11, 5)


@pytest.fixture(scope="module")
def demo_village(tmp_path_factory):
    from app.demo import build as demo
    from app.storage.store import Store
    folder = tmp_path_factory.mktemp("demo") / "village"
    demo.build_demo(folder, "passphrase1", 60, seed=3, today=DEMO_TODAY, kdf_params=FAST_KDF)
    s = Store.open(folder, "passphrase1")
    yield s
    s.close()


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_ledger_of_a_demo_village(demo_village, tmp_path, kind):
    result, ws, header, rows = run(demo_village, kind, tmp_path)
    assert result.rows == len(rows)
    village = demo_village.query("SELECT village FROM households LIMIT 1")[0]["village"]
    assert ws["A1"].value == f"{village} {KINDS[kind]}（2026年10月）"
    q = demo_village.query
    if kind == "visits":
        live = q("SELECT count(*) AS n FROM visits v JOIN households h ON h.id = v.household_id AND h.deleted = 0"
                 " WHERE v.deleted = 0 AND v.visit_date BETWEEN '2026-10-01' AND '2026-10-31'")[0]["n"]
        assert result.rows == live > 0
        assert [r["走访日期"] for r in rows] == sorted(r["走访日期"] for r in rows)
        assert all(r["户编号"] and r["户主姓名"] and r["走访方式"] for r in rows)
    elif kind == "cases":
        assert result.rows > 0 and all(r["当前状态"] for r in rows)
        assert all(isinstance(r["人均纯收入（元）"], (int, float)) for r in rows if r["最近一次收入评估日期"])
    elif kind == "prompts":
        tasks = q("SELECT count(*) AS n FROM prompt_tasks t JOIN prompts p ON p.id = t.prompt_id"
                  " WHERE p.month = '2026-10' AND p.deleted = 0 AND t.deleted = 0")[0]["n"]
        assert result.rows == tasks > 0 and {r["状态"] for r in rows} <= {"已完成", "未完成", "逾期"}
    elif kind == "attendance":
        people = q("SELECT count(*) AS n FROM attendance WHERE month = '2026-10' AND deleted = 0")[0]["n"]
        assert result.rows == people > 0 and all(r["要求天数"] == 20 for r in rows)
    else:
        assert {r["状态"] for r in rows} <= {"已销号", "未销号", "逾期未销号"}


def test_a_ledger_opens_in_libreoffice(demo_village, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice is not installed")
    result = export_ledger(demo_village, "visits", MONTH, tmp_path / "visits.xlsx", today=DEMO_TODAY)
    # 76: UTF-8 (LibreOffice's CSV filter writes the system's legacy encoding otherwise)
    subprocess.run([soffice, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path / "csv"),
                    str(result.path)], check=True, capture_output=True, timeout=180)
    text = (tmp_path / "csv" / "visits.csv").read_text(encoding="utf-8", errors="replace")
    assert "走访日期" in text


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_ledger_reads_back_in_another_spreadsheet_reader(demo_village, tmp_path, kind):
    """calamine (the Rust reader behind pandas' engine) is not openpyxl: what it reads back
    is what a spreadsheet sees — typed dates and numbers, text IDs, no formulas."""
    from python_calamine import CalamineWorkbook
    result = export_ledger(demo_village, kind, MONTH, tmp_path / f"{kind}.xlsx", today=DEMO_TODAY)
    wb = CalamineWorkbook.from_path(str(result.path))
    rows = wb.get_sheet_by_name(wb.sheet_names[0]).to_python()
    assert wb.sheet_names == [KINDS[kind]] and len(rows) == result.rows + 2
    header = rows[1]
    for row in rows[2:]:
        for name, value in zip(header, row):
            if "日期" in name and value != "":
                assert isinstance(value, date), (name, value)
            if "（元）" in name and value != "":
                assert isinstance(value, float) and round(value, 2) == value, (name, value)
            if name == "户编号":
                assert isinstance(value, str) and value.isdigit(), value
