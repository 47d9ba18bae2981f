"""The month summary and the notice entries (app.services.reporting) for October 2026, seen on
5 November 2026, from a small store whose every figure is known."""
from __future__ import annotations

import json
from datetime import date

import pytest

from app.core.enums import MonitoringCategory
from app.core.errors import ValidationError
from app.core.words import case_step_zh, month_zh, zh
from app.services import cases, due, incomes, reporting, visits, worklog

MONTH = "2026-10"
TODAY = date(2026, 11, 5)
BY = "王芳"
ABOVE = {"wage": 2_000_000}   # 20,000 yuan a year for one person: above the line


def _visit(store, household, on, mode="home", **extra):
    return visits.add_visit(store, household["id"], {"visit_date": on, "mode": mode, "findings": "正常",
                                                     "visitor": BY, **extra}, today=TODAY)


def _step(store, case_id, kind, on, data=None):
    return cases.record_step(store, case_id, kind, on, BY, data or {}, today=TODAY)


def _case(store, household, clue, check=None, identify=None, plan=None, category="edge_at_risk", risks=("illness",)):
    c = cases.open_case(store, household["id"], clue, BY, {"source": "干部排查", "note": "家中有人住院"}, today=TODAY)
    if check:
        _step(store, c["id"], "check", check, {"note": "入户核查"})
    if identify:
        _step(store, c["id"], "identify", identify, {"monitoring_category": category, "risk_types": list(risks)})
    if plan:
        _step(store, c["id"], "plan", plan, {"measures": ["health", "education", "employment"]})
    return c["id"]


@pytest.fixture
def village(store, hh):
    group = {"province": "43", "county": "武冈县", "township": "邓元泰镇", "village": "青树村"}
    a = hh.household("张三", category="lifted", residence="at_home", group_name="第一村民小组",
                     phone="13812345678", **group)
    b = hh.household("李四", category="lifted", residence="away", group_name="第二村民小组", **group)
    c = hh.household("王五", category="lifted", residence="at_home", group_name="第二村民小组", **group)
    e = hh.household("钱七", category="lifted", group_name="第三村民小组", phone="13900001111", **group)
    f = hh.household("孙八", category="lifted", group_name="第三村民小组", **group)
    g = hh.household("周九", category="ordinary", group_name="第一村民小组", **group)
    h = hh.household("吴十", category="lifted", group_name="第四村民小组", **group)

    # Visits: two in the month (one corrected, counted once), one before and one after it.
    _visit(store, a, "2026-09-12")
    _visit(store, a, "2026-10-10", risks_seen=["illness"], followups="联系镇卫生院")
    first = _visit(store, b, "2026-10-08", mode="phone")
    visits.correct_visit(store, first["id"], {"findings": "务工收入稳定"}, "补记情况", today=TODAY)
    _visit(store, c, "2026-11-02")

    # Cases: one identified in October on time, one eliminated in October, one clue left past its
    # 15 days, one identified in October after its 15 days.
    _case(store, e, "2026-10-02", "2026-10-05", "2026-10-12", "2026-10-15")
    fid = _case(store, f, "2026-06-01", "2026-06-03", "2026-06-05", "2026-06-10", category="sudden_hardship")
    incomes.add_income(store, f["id"], "2026-09-01", ABOVE, today=TODAY)
    _step(store, fid, "eliminate", "2026-10-20", {"method": "就业帮扶"})
    _case(store, g, "2026-09-20", "2026-09-22")
    _case(store, h, "2026-09-01", "2026-09-03", "2026-10-08", "2026-10-10", risks=("schooling", "illness"))

    # The month's work prompt: one task on time, one late, one still open after its due date.
    prompt = worklog.add_prompt(store, MONTH, None, [
        {"title": "务工月监测", "due_date": "2026-10-15"},
        {"title": "医保缴费动员", "due_date": "2026-10-20"},
        {"title": "防汛风险排查", "due_date": "2026-10-25"}], issued_by="邓元泰镇乡村振兴办")
    worklog.complete_task(store, prompt["tasks"][0]["id"], "2026-10-14", "已完成", done_by="李明", today=TODAY)
    worklog.complete_task(store, prompt["tasks"][1]["id"], "2026-10-28", "已完成", done_by=BY, today=TODAY)
    worklog.add_prompt(store, "2026-09", None, [{"title": "九月的任务", "due_date": "2026-09-10"}])

    worklog.set_attendance(store, BY, MONTH, 22)
    worklog.set_attendance(store, "李明", MONTH, 15, note="签到:2026-10-03 培训3天")

    plist = worklog.add_problem_list(store, "武冈县反馈问题数据清单(第1批)", [
        {"description": "张三户电话号码缺失", "household_id": a["id"]},
        {"description": "李四户务工收入填报异常", "household_id": b["id"]}], source="county", created_on="2026-09-15")
    worklog.close_problem(store, plist["items"][1]["id"], "已核实更正", closed_on="2026-10-20", today=TODAY)
    worklog.add_problem_list(store, "十一月自查", [{"description": "下个月的问题"}], created_on="2026-11-02")
    return {"a": a, "b": b, "c": c, "e": e, "f": f, "g": g, "h": h}


def test_place_team_and_month(store, village):
    s = reporting.month_summary(store, MONTH, TODAY)
    assert s["month"] == MONTH and month_zh(s["month"]) == "2026年10月"
    assert (s["start"], s["end"], s["as_of"], s["today"]) == ("2026-10-01", "2026-10-31", "2026-10-31", "2026-11-05")
    assert s["village"] == "青树村"
    assert s["place_name"] == "武冈县邓元泰镇青树村"
    assert s["team"] == ["李明", "王芳"]  # who kept attendance, then the store's users
    assert s["leader"] == "王芳"
    json.dumps(s)  # plain JSON


def test_prompt_tasks_done_late_and_open(store, village):
    s = reporting.month_summary(store, MONTH, TODAY)
    assert len(s["prompts"]) == 1  # September's prompt stays out
    p = s["prompts"][0]
    assert p["title"] == "2026年10月驻村工作提示" and p["issued_by"] == "邓元泰镇乡村振兴办"
    tasks = {t["title"]: t for t in p["tasks"]}
    assert (tasks["务工月监测"]["status"], tasks["务工月监测"]["late"]) == ("done", False)
    assert tasks["务工月监测"]["done_on"] == "2026-10-14" and tasks["务工月监测"]["done_by"] == "李明"
    assert (tasks["医保缴费动员"]["status"], tasks["医保缴费动员"]["late"]) == ("done", True)
    assert (tasks["防汛风险排查"]["status"], tasks["防汛风险排查"]["done_on"]) == ("overdue", None)
    assert s["tasks"] == {"total": 3, "done": 2, "open": 1, "overdue": 1, "late": 1}


def test_visits_in_the_month_by_mode_counting_a_correction_once(store, village):
    v = reporting.month_summary(store, MONTH, TODAY)["visits"]
    assert v["total"] == 2 and v["households"] == 2
    assert {m["mode"]: m["count"] for m in v["by_mode"]} == {"home": 1, "phone": 1, "wechat": 0}
    assert v["by_visitor"] == [{"visitor": BY, "count": 2}]


def test_visits_done_against_due_by_kind(store, village):
    d = reporting.month_summary(store, MONTH, TODAY)["due"]
    rows = due.due_list(store, MONTH, TODAY, include_done=True)
    assert d["total"]["due"] == len(rows)
    assert d["total"]["done"] == sum(1 for r in rows if r["status"] == "done")
    for k in d["kinds"]:
        mine = [r for r in rows if r["kind"] == k["kind"]]
        assert (k["due"], k["done"], k["overdue"]) == (
            len(mine), sum(r["status"] == "done" for r in mine), sum(r["status"] == "overdue" for r in mine))
    kinds = {k["kind"]: k for k in d["kinds"]}
    assert kinds["remote_contact"]["done"] == 1          # 李四 by phone
    assert kinds["home_visit"]["done"] >= 1              # 张三
    missing = {(r["head_name"], r["kind"]): r for r in d["not_done"]}
    assert missing[("王五", "home_visit")]["status"] == "overdue"  # visited only in November
    assert ("张三", "home_visit") not in missing and ("李四", "remote_contact") not in missing
    assert sum(r["due"] for r in d["rules"]) == len(rows)
    assert all("(003" not in r["rule_zh"] for r in d["rules"])


def test_risks_found_and_new_clues(store, village):
    r = reporting.month_summary(store, MONTH, TODAY)["risks"]
    assert [(x["head_name"], x["date"], x["risk_types"], x["followups"]) for x in r["visits"]] == [
        ("张三", "2026-10-10", ["因病"], "联系镇卫生院")]
    assert [(x["head_name"], x["date"], x["source"]) for x in r["clues"]] == [("钱七", "2026-10-02", "干部排查")]


def test_identified_and_eliminated_in_the_month(store, village):
    c = reporting.month_summary(store, MONTH, TODAY)["cases"]
    assert [(x["head_name"], x["group_name"], x["date"], zh(MonitoringCategory, x["monitoring_category"]), x["risk_types"])
            for x in c["identified"]] == [
        ("吴十", "第四村民小组", "2026-10-08", "边缘易致贫户", ["因学", "因病"]),
        ("钱七", "第三村民小组", "2026-10-12", "边缘易致贫户", ["因病"])]
    assert [(x["head_name"], x["group_name"], x["date"], zh(MonitoringCategory, x["monitoring_category"]), x["method"])
            for x in c["eliminated"]] == [("孙八", "第三村民小组", "2026-10-20", "突发严重困难户", "就业帮扶")]


def test_deadlines_missed(store, village):
    d = reporting.month_summary(store, MONTH, TODAY)["deadlines"]
    assert [(x["head_name"], x["step"], x["deadline"], x["done_on"], x["days_late"]) for x in d] == [
        ("周九", "identify", "2026-10-05", None, 26),         # still a clue at the month's end
        ("吴十", "identify", "2026-09-16", "2026-10-08", 22)]  # identified this month, 22 days late
    assert case_step_zh(d[0]["step"]) == "识别认定" and "识别认定逾期" in d[0]["text"]


def test_deadlines_as_the_case_stood_at_the_months_end(store, village):
    """A step done after the month does not hide that it was overdue at the month's end."""
    g = village["g"]
    cid = store.query("SELECT id FROM cases WHERE household_id = ?", [g["id"]])[0]["id"]
    _step(store, cid, "identify", "2026-11-03", {"monitoring_category": "edge_at_risk", "risk_types": ["illness"]})
    d = reporting.month_summary(store, MONTH, TODAY)["deadlines"]
    assert ("周九", "identify", None) in [(x["head_name"], x["step"], x["done_on"]) for x in d]
    november = reporting.month_summary(store, "2026-11", TODAY)["deadlines"]
    assert ("周九", "identify", "2026-11-03") in [(x["head_name"], x["step"], x["done_on"]) for x in november]


def test_attendance_and_problems(store, village):
    s = reporting.month_summary(store, MONTH, TODAY)
    a = s["attendance"]
    assert (a["min_days"], a["days_in_month"], a["short"]) == (20, 31, 1)
    assert [(p["person"], p["days"], p["short"], p["note"]) for p in a["people"]] == [
        ("李明", 15, True, "培训3天"), (BY, 22, False, "")]
    p = s["problems"]
    assert [(i["head_name"], i["description"]) for i in p["open"]] == [("张三", "张三户电话号码缺失")]
    assert p["closed_in_month"] == 1


def test_figures(store, village):
    f = reporting.month_summary(store, MONTH, TODAY)["figures"]
    assert {k: f[k] for k in ("tasks_total", "tasks_done", "tasks_open", "visits", "households_visited",
                              "risk_visits", "new_clues", "identified", "eliminated", "deadlines_missed",
                              "attendance_short", "problems_open", "problems_closed")} == {
        "tasks_total": 3, "tasks_done": 2, "tasks_open": 1, "visits": 2, "households_visited": 2,
        "risk_visits": 1, "new_clues": 1, "identified": 2, "eliminated": 1, "deadlines_missed": 2,
        "attendance_short": 1, "problems_open": 1, "problems_closed": 1}


def test_empty_month(store):
    s = reporting.month_summary(store, MONTH, TODAY)
    assert s["prompts"] == [] and s["due"]["kinds"] == [] and s["deadlines"] == []
    assert s["figures"]["visits"] == 0 and s["team"] == [BY]
    assert reporting.notice_entries(store, MONTH) == []


@pytest.mark.parametrize("month", ["2026/10", "2026-13", "26-10", "", None, "2026-1", "2026-10-01"])
def test_bad_month_is_refused(store, month):
    with pytest.raises(ValidationError) as e:
        reporting.month_summary(store, month, TODAY)
    assert e.value.field == "month" and "YYYY-MM" in e.value.rule
    with pytest.raises(ValidationError) as e:
        reporting.notice_entries(store, month)
    assert e.value.field == "month"


def test_a_month_not_yet_begun_is_refused(store):
    with pytest.raises(ValidationError) as e:
        reporting.month_summary(store, "2026-12", TODAY)
    assert (e.value.field, e.value.rule) == ("month", "not after the current month")
    assert reporting.month_summary(store, "2026-11", TODAY)["as_of"] == "2026-11-05"  # the month so far


def test_notice_entries_are_the_decisions_and_nothing_else(store, village):
    entries = reporting.notice_entries(store, MONTH)
    assert entries == [
        {"head_name": "吴十", "group_name": "第四村民小组", "category": "边缘易致贫户", "decision": "纳入监测",
         "date": "2026-10-08", "risk_types": "因学、因病", "procedure": "入户核查9月3日"},
        {"head_name": "钱七", "group_name": "第三村民小组", "category": "边缘易致贫户", "decision": "纳入监测",
         "date": "2026-10-12", "risk_types": "因病", "procedure": "入户核查10月5日"},
        {"head_name": "孙八", "group_name": "第三村民小组", "category": "突发严重困难户", "decision": "风险消除",
         "date": "2026-10-20", "risk_types": "", "procedure": ""}]
    text = json.dumps(entries, ensure_ascii=False)
    ids = [r["id_number"] for r in store.query("SELECT id_number FROM members WHERE id_number IS NOT NULL")]
    phones = [r["phone"] for r in store.query("SELECT phone FROM households WHERE phone IS NOT NULL")]
    assert ids and phones
    assert not any(x in text for x in ids + phones)
    assert all(set(e) == set(reporting.NOTICE_FIELDS) for e in entries)
    assert reporting.notice_entries(store, "2026-09") == []
    assert [e["head_name"] for e in reporting.notice_entries(store, "2026-06")] == ["孙八"]


def test_deleted_household_leaves_the_notice(store, village):
    from app.services import households
    households.delete_household(store, village["e"]["id"], "录入重复")
    assert [e["head_name"] for e in reporting.notice_entries(store, MONTH)] == ["吴十", "孙八"]
