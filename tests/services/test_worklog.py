"""The work team's month (app.services.worklog): prompts and tasks, attendance, problem lists."""
from __future__ import annotations

from datetime import date

import pytest

from app.core.errors import NotFound, StateError, ValidationError
from app.services import worklog


# -- prompts -------------------------------------------------------------
def _prompt(store):
    return worklog.add_prompt(store, "2026-11", None, [
        {"title": "务工月监测", "due_date": "2026-11-10"},
        {"title": "医保缴费动员", "due_date": "2026-11-30"},
        {"title": "政策宣传"},
    ], issued_by="县乡村振兴局")


def test_prompt_with_tasks(store):
    p = _prompt(store)
    assert p["title"] == "2026年11月驻村工作提示"  # default title from the month
    assert p["month"] == "2026-11"
    assert [t["title"] for t in p["tasks"]] == ["务工月监测", "医保缴费动员", "政策宣传"]
    listed = worklog.prompts_for_month(store, "2026-11", date(2026, 11, 5))
    assert len(listed) == 1
    assert listed[0]["done"] == 0
    assert {t["title"]: t["status"] for t in listed[0]["tasks"]} == {
        "务工月监测": "open", "医保缴费动员": "open", "政策宣传": "open"}
    assert worklog.prompts_for_month(store, "2026-12", date(2026, 11, 5)) == []


def test_task_overdue_after_its_due_date(store):
    _prompt(store)
    statuses = {t["title"]: t["status"] for t in worklog.prompts_for_month(store, "2026-11", date(2026, 11, 11))[0]["tasks"]}
    assert statuses == {"务工月监测": "overdue", "医保缴费动员": "open", "政策宣传": "open"}
    # On the due date itself it is not yet overdue.
    statuses = {t["title"]: t["status"] for t in worklog.prompts_for_month(store, "2026-11", date(2026, 11, 10))[0]["tasks"]}
    assert statuses["务工月监测"] == "open"


def test_complete_task_once(store):
    p = _prompt(store)
    task = p["tasks"][0]
    done = worklog.complete_task(store, task["id"], "2026-11-09", "已完成摸排", today=date(2026, 11, 9))
    assert done["done_on"] == "2026-11-09"
    assert done["done_by"] == "王芳"
    assert done["note"] == "已完成摸排"
    with pytest.raises(StateError):
        worklog.complete_task(store, task["id"], "2026-11-10", today=date(2026, 11, 10))
    listed = worklog.prompts_for_month(store, "2026-11", date(2026, 11, 20))[0]
    assert listed["done"] == 1
    assert {t["title"]: t["status"] for t in listed["tasks"]}["务工月监测"] == "done"  # done, not overdue


def test_complete_task_refuses_future_date_and_unknown_task(store):
    p = _prompt(store)
    with pytest.raises(ValidationError) as e:
        worklog.complete_task(store, p["tasks"][1]["id"], "2026-11-20", today=date(2026, 11, 9))
    assert e.value.field == "done_on"
    with pytest.raises(NotFound):
        worklog.complete_task(store, "no-such-task", today=date(2026, 11, 9))


def test_prompt_refuses_bad_month_and_task_without_title(store):
    with pytest.raises(ValidationError) as e:
        worklog.add_prompt(store, "2026/11")
    assert e.value.field == "month"
    with pytest.raises(ValidationError) as e:
        worklog.add_prompt(store, "2026-11", tasks=[{"title": " "}])
    assert e.value.field == "title"
    assert worklog.prompts_for_month(store, "2026-11") == []  # nothing half-saved


# -- attendance ----------------------------------------------------------
def test_attendance_days_beyond_the_month_refused(store):
    with pytest.raises(ValidationError) as e:
        worklog.set_attendance(store, "王芳", "2026-02", 29)   # February 2026 has 28 days
    assert e.value.field == "days"
    assert worklog.set_attendance(store, "王芳", "2026-02", 28)["days"] == 28
    with pytest.raises(ValidationError) as e:
        worklog.set_attendance(store, "王芳", "2026-11", 31)
    assert e.value.field == "days"
    with pytest.raises(ValidationError) as e:
        worklog.set_attendance(store, "王芳", "2026-11", -1)
    assert e.value.field == "days"
    with pytest.raises(ValidationError) as e:
        worklog.set_attendance(store, "王芳", "2026-11", "twenty")
    assert e.value.field == "days"


def test_attendance_short_month_flagged(store):
    worklog.set_attendance(store, "王芳", "2026-10", 22)
    worklog.set_attendance(store, "李强", "2026-10", "19", note="培训三天")
    worklog.set_attendance(store, "赵敏", "2026-10", 20)
    rows = {r["person"]: r for r in worklog.attendance_for_month(store, "2026-10")}
    assert {p: r["short"] for p, r in rows.items()} == {"王芳": False, "李强": True, "赵敏": False}
    assert rows["李强"]["days"] == 19 and rows["李强"]["note"] == "培训三天"
    assert worklog.attendance_for_month(store, "2026-09") == []


def test_attendance_set_twice_updates(store):
    first = worklog.set_attendance(store, "王芳", "2026-10", 18)
    second = worklog.set_attendance(store, "王芳", "2026-10", 23)
    assert second["id"] == first["id"]
    assert second["revision"] == 2
    rows = worklog.attendance_for_month(store, "2026-10")
    assert [(r["person"], r["days"], r["short"]) for r in rows] == [("王芳", 23, False)]


# -- problem lists -------------------------------------------------------
def test_problems_closed_one_by_one_with_a_note(store, hh):
    h = hh.household("张三")
    plist = worklog.add_problem_list(store, "10月问题数据清单", source="county")
    a = worklog.add_problem(store, plist["id"], {"description": "身份证号重复", "household_id": h["id"]})
    b = worklog.add_problem(store, plist["id"], {"description": "收入为零"})
    lists = worklog.problem_lists(store)
    assert lists[0]["open"] == 2 and len(lists[0]["items"]) == 2

    with pytest.raises(ValidationError) as e:
        worklog.close_problem(store, a["id"], "", today=date(2026, 11, 5))
    assert e.value.field == "note"
    with pytest.raises(ValidationError) as e:
        worklog.close_problem(store, a["id"], None, today=date(2026, 11, 5))
    assert e.value.field == "note"
    assert worklog.problem_lists(store)[0]["open"] == 2

    closed = worklog.close_problem(store, a["id"], "已核实更正", "2026-11-03", today=date(2026, 11, 5))
    assert closed["closed_on"] == "2026-11-03"
    assert closed["note"] == "已核实更正"
    assert closed["closed_by"] == "王芳"
    lists = worklog.problem_lists(store)
    assert lists[0]["open"] == 1
    assert [i["id"] for i in worklog.problem_lists(store, open_only=True)[0]["items"]] == [b["id"]]
    with pytest.raises(StateError):
        worklog.close_problem(store, a["id"], "again", today=date(2026, 11, 5))

    worklog.close_problem(store, b["id"], "补录务工收入", today=date(2026, 11, 5))
    assert worklog.problem_lists(store)[0]["open"] == 0
    assert worklog.problem_lists(store, open_only=True)[0]["items"] == []


def test_problem_refuses_unknown_list_or_household(store):
    plist = worklog.add_problem_list(store, "清单")
    with pytest.raises(NotFound):
        worklog.add_problem(store, "no-such-list", {"description": "x"})
    with pytest.raises(NotFound):
        worklog.add_problem(store, plist["id"], {"description": "x", "household_id": "no-such-household"})
    with pytest.raises(ValidationError) as e:
        worklog.add_problem(store, plist["id"], {"description": ""})
    assert e.value.field == "description"
