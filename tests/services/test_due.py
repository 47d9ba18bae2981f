"""The due list (app.services.due) for October 2026, looked at on 5 November 2026."""
from __future__ import annotations

from datetime import date

import pytest

from app.core.enums import DueKind
from app.core.errors import StateError, ValidationError
from app.core.words import zh
from app.services import cases, due, incomes, visits

MONTH = "2026-10"
TODAY = date(2026, 11, 5)


def _visit(store, household, on, mode="home", **extra):
    return visits.add_visit(store, household["id"], {"visit_date": on, "mode": mode, "findings": "正常", **extra},
                            today=TODAY)


def _items(store, household, month=MONTH, today=TODAY, include_done=True):
    # The visit rules (the quarterly income check has its own tests: test_duty_livelihood.py).
    return [r for r in due.due_list(store, month, today=today, include_done=include_done)
            if r["household_id"] == household["id"] and r["kind"] != "income_check"]


def _one(store, household, **kw):
    items = _items(store, household, **kw)
    assert len(items) == 1, items
    return items[0]


def test_lifted_at_home_without_visit_is_overdue_once_month_ended(store, hh):
    h = hh.household("张三", category="lifted", residence="at_home")
    _visit(store, h, "2026-09-20")  # last month does not count for October
    item = _one(store, h)
    assert (item["kind"], item["rule"], item["status"]) == ("home_visit", "lifted_home_monthly", "overdue")
    assert item["head_name"] == "张三"
    assert item["period_start"] == "2026-10-01" and item["period_end"] == "2026-10-31"
    assert item["last_contact"] == "2026-09-20"
    assert item["overdue_reason_zh"]
    # Seen from inside the month, the same household is only due.
    inside = _one(store, h, today=date(2026, 10, 15))
    assert inside["status"] == "due"


def test_lifted_at_home_phone_call_is_not_a_home_visit(store, hh):
    h = hh.household("张三", category="lifted", residence="at_home")
    _visit(store, h, "2026-10-10", mode="phone")
    assert _one(store, h)["status"] == "overdue"
    _visit(store, h, "2026-10-20", mode="home")
    item = _one(store, h)
    assert item["status"] == "done"
    assert item["last_contact"] == "2026-10-20"


def test_lifted_away_with_phone_call_is_done(store, hh):
    h = hh.household("李四", category="lifted", residence="外出务工")
    _visit(store, h, "2026-10-08", mode="电话")
    item = _one(store, h)
    assert (item["kind"], item["rule"], item["status"]) == ("remote_contact", "lifted_away_contact_monthly", "done")
    assert item["last_contact"] == "2026-10-08"
    assert zh(DueKind, item["kind"]) == "电话/微信联系"


def test_lifted_away_without_contact_is_overdue(store, hh):
    h = hh.household("李四", category="lifted", residence="away")
    item = _one(store, h)
    assert (item["kind"], item["status"]) == ("remote_contact", "overdue")


def test_ordinary_household_annual_visit(store, hh):
    visited = hh.household("王五", category="ordinary")
    not_visited = hh.household("赵六", category="ordinary")
    last_year = hh.household("钱七", category="ordinary")
    _visit(store, visited, "2026-03-01")
    _visit(store, last_year, "2025-12-20")
    a = _one(store, visited)
    assert (a["kind"], a["rule"], a["status"]) == ("annual_visit", "ordinary_home_yearly", "done")
    assert a["period_start"] == "2026-01-01" and a["period_end"] == "2026-12-31"
    b = _one(store, not_visited)
    assert (b["kind"], b["rule"], b["status"]) == ("annual_visit", "ordinary_home_yearly", "due")
    assert _one(store, last_year)["status"] == "due"
    # The year ended: now it is overdue.
    assert _one(store, not_visited, month="2026-12", today=date(2027, 1, 3))["status"] == "overdue"


def test_monitored_household_needs_monthly_home_visit(store, hh):
    h = hh.household("孙八", category="monitored", monitoring_category="edge_at_risk")
    item = _one(store, h)
    assert (item["kind"], item["rule"], item["status"]) == ("home_visit", "monitored_home_monthly", "overdue")
    _visit(store, h, "2026-10-30")
    assert _one(store, h)["status"] == "done"


def _monitored_through_case(store, hh, identified_on):
    h = hh.household("周九", members=[("周九", "head", "1975-01-01", "male")], category="lifted")
    c = cases.open_case(store, h["id"], identified_on, "王芳", {}, today=TODAY)
    cases.record_step(store, c["id"], "check", identified_on, "王芳", {}, today=TODAY)
    cases.record_step(store, c["id"], "identify", identified_on, "王芳",
                      {"monitoring_category": "edge_at_risk", "risk_types": ["illness"]}, today=TODAY)
    return h, c["id"]


def test_identified_household_moves_from_lifted_rule_to_monitored_rule(store, hh):
    h, _ = _monitored_through_case(store, hh, "2026-09-10")
    item = _one(store, h)
    assert (item["kind"], item["rule"], item["status"]) == ("home_visit", "monitored_home_monthly", "overdue")
    # Identified in November: the monitored rule does not reach back to October, and the
    # household is no longer under the 脱贫户 rule either.
    h2, _ = _monitored_through_case(store, hh, "2026-11-02")
    assert _items(store, h2) == []


def test_eliminated_household_quarterly_visit_monthly_contact_and_followup(store, hh):
    h, cid = _monitored_through_case(store, hh, "2026-03-05")
    cases.record_step(store, cid, "plan", "2026-03-10", "王芳", {"measures": ["health", "industry"]}, today=TODAY)
    incomes.add_income(store, h["id"], "2026-06-01", {"wage": 1_000_000}, today=TODAY)
    cases.record_step(store, cid, "eliminate", "2026-06-15", "王芳", {}, today=TODAY)
    cases.record_step(store, cid, "followup", "2026-08-01", "王芳", {}, today=TODAY)
    _visit(store, h, "2026-08-01")
    _visit(store, h, "2026-10-20", mode="wechat")
    got = {r["rule"]: (r["kind"], r["status"]) for r in _items(store, h)}
    assert got == {
        "eliminated_home_quarterly": ("home_visit", "due"),
        "eliminated_contact_monthly": ("remote_contact", "done"),
        "eliminated_followup_quarterly": ("followup_check", "due"),
    }
    # No monthly home visit once the risk is eliminated.
    assert "monitored_home_monthly" not in got


def test_superseded_visit_counts_once_via_its_correction(store, hh):
    h = hh.household("吴十", category="lifted")
    wrong = _visit(store, h, "2026-09-28")
    fixed = visits.correct_visit(store, wrong["id"], {"visit_date": "2026-10-03"}, "日期填错", today=TODAY)
    assert fixed["supersedes"] == wrong["id"]
    assert fixed["mode"] == "home" and fixed["findings"] == "正常"   # carried over
    item = _one(store, h)
    assert item["status"] == "done"
    assert item["last_contact"] == "2026-10-03"
    # The September visit no longer exists as far as September is concerned.
    assert _one(store, h, month="2026-09")["status"] == "overdue"
    # Only the newest version can be corrected, and the list shows one visit.
    with pytest.raises(StateError):
        visits.correct_visit(store, wrong["id"], {"visit_date": "2026-10-04"}, "again", today=TODAY)
    assert [v["id"] for v in visits.list_visits(store, h["id"])] == [fixed["id"]]
    assert len(visits.list_visits(store, h["id"], include_superseded=True)) == 2


def test_correction_moving_a_visit_out_of_the_month(store, hh):
    h = hh.household("郑一", category="lifted")
    v = _visit(store, h, "2026-10-05")
    assert _one(store, h)["status"] == "done"
    visits.correct_visit(store, v["id"], {"visit_date": "2026-09-30"}, "记错月份", today=TODAY)
    assert _one(store, h)["status"] == "overdue"


def test_include_done_flag(store, hh):
    done = hh.household("张三", category="lifted")
    owed = hh.household("李四", category="lifted")
    _visit(store, done, "2026-10-02")
    without = due.due_list(store, MONTH, today=TODAY)
    assert [r["household_id"] for r in without] == [owed["id"]]
    assert all(r["status"] != "done" for r in without)
    with_done = due.due_list(store, MONTH, today=TODAY, include_done=True)
    assert {(r["household_id"], r["status"]) for r in with_done} == {(done["id"], "done"), (owed["id"], "overdue")}


def test_deleted_household_is_not_due(store, hh):
    from app.services import households
    h = hh.household("张三", category="lifted")
    households.delete_household(store, h["id"], "迁出")
    assert due.due_list(store, MONTH, today=TODAY, include_done=True) == []


def test_bad_month_refused(store):
    with pytest.raises(ValidationError) as e:
        due.due_list(store, "2026-13", today=TODAY)
    assert e.value.field == "month"


def test_future_visit_refused(store, hh):
    h = hh.household("张三", category="lifted")
    with pytest.raises(ValidationError) as e:
        _visit(store, h, "2026-11-06")
    assert e.value.field == "date"


def test_the_list_follows_household_edits_made_between_two_calls(store, hh):
    """The roster is kept between calls; an edit to a household must show in the next list."""
    from app.services import households
    h = hh.household("张三", category="lifted", residence="at_home")
    assert _one(store, h)["kind"] == "home_visit"
    households.update_household(store, h["id"], {"residence": "away"})
    assert _one(store, h)["kind"] == "remote_contact"
    households.update_household(store, h["id"], {"head_name": "张三丰"})
    assert _one(store, h)["head_name"] == "张三丰"
    households.delete_household(store, h["id"], "户籍迁出")
    assert _items(store, h) == []
