"""Monitoring cases through app.services.cases: the whole lifecycle, its refusals and deadlines."""
from __future__ import annotations

from datetime import date

import pytest

from app.core.errors import StateError, ValidationError
from app.services import cases, households, incomes

BY = "王芳"
TODAY = date(2027, 6, 30)
ABOVE = {"wage": 2_000_000}   # 20,000 yuan for 2 people: 10,000 each, above the 2026 line (8,000)
BELOW = {"wage": 1_000_000}   # 5,000 each: below


@pytest.fixture
def home(store, hh):
    return hh.household("张三", members=[("张三", "head", "1968-03-02", "male"),
                                         ("李秀英", "spouse", "1970-07-09", "female")],
                        category="lifted", group_name="第三村民小组")


def _open(store, home, on="2026-01-05", today=TODAY):
    return cases.open_case(store, home["id"], on, BY, {"source": "走访发现", "note": "住院"}, today=today)


def _step(store, case_id, kind, on, data=None, today=TODAY):
    return cases.record_step(store, case_id, kind, on, BY, data or {}, today=today)


def _identified(store, home):
    c = _open(store, home)
    _step(store, c["id"], "check", "2026-01-10", {"note": "入户核查"})
    _step(store, c["id"], "identify", "2026-01-15",
          {"monitoring_category": "突发严重困难户", "risk_types": ["因病"]})
    return c["id"]


def _helping(store, home):
    cid = _identified(store, home)
    _step(store, cid, "plan", "2026-01-20", {"measures": ["health", "employment"]})
    return cid


def test_whole_lifecycle(store, home):
    c = _open(store, home)
    assert c["state"] == "clue"
    assert c["head_name"] == "张三"
    assert c["clue_date"] == "2026-01-05"
    assert c["identify_by"] == "2026-01-20"          # clue + 15 days
    assert [e["kind"] for e in c["events"]] == ["clue"]

    v = _step(store, c["id"], "check", "2026-01-10", {"note": "入户核查"})
    assert v["state"] == "clue"

    v = _step(store, c["id"], "identify", "2026-01-15",
              {"monitoring_category": "sudden_hardship", "risk_types": ["illness"]})
    assert v["state"] == "identified"
    assert v["identified_date"] == "2026-01-15"
    assert v["plan_by"] == "2026-01-25"              # identification + 10 days
    assert v["monitoring_category"] == "sudden_hardship"
    h = households.get_household(store, home["id"])
    assert h["category"] == "monitored"
    assert h["monitoring_category"] == "sudden_hardship"
    assert h["monitoring_since"] == "2026-01"
    assert h["risk_types"] == ["illness"]
    assert h["risk_eliminated"] == 0

    v = _step(store, c["id"], "plan", "2026-01-20", {"measures": ["health", "employment"]})
    assert v["state"] == "helping"
    assert v["measures"] == ["health", "employment"]
    assert v["late_steps"] == []

    incomes.add_income(store, home["id"], "2026-03-01", ABOVE, today=TODAY)
    v = _step(store, c["id"], "eliminate", "2026-03-20", {"method": "就业帮扶"})
    assert v["state"] == "eliminated"
    assert v["eliminated_date"] == "2026-03-20"
    assert v["followup_due"] == ["2026-06-30", "2026-09-30", "2026-12-31", "2027-03-31"]
    assert households.get_household(store, home["id"])["risk_eliminated"] == 1
    # The income facts went into the event.
    assert v["events"][-1]["data"]["per_capita_fen"] == 1_000_000
    assert v["events"][-1]["data"]["baseline_fen"] == 800_000
    assert v["events"][-1]["data"]["has_labour"] is True

    with pytest.raises(StateError):  # too early: no follow-ups, less than a year
        _step(store, c["id"], "stable", "2026-04-01")
    for on in ("2026-06-10", "2026-09-10", "2026-12-10", "2027-03-10"):
        v = _step(store, c["id"], "followup", on, {"result": "稳定"})
    assert v["followups_done"] == ["2026-06-10", "2026-09-10", "2026-12-10", "2027-03-10"]
    assert v["overdue"] == []

    v = _step(store, c["id"], "stable", "2027-03-15")
    assert v["state"] == "stable"
    assert [e["kind"] for e in v["events"]] == ["clue", "check", "identify", "plan", "eliminate",
                                                 "followup", "followup", "followup", "followup", "stable"]
    rows = cases.list_cases(store, "stable", TODAY)
    assert [r["id"] for r in rows] == [c["id"]]
    assert store.verify_audit().ok


def test_identify_without_check_refused(store, home):
    c = _open(store, home)
    with pytest.raises(StateError):
        _step(store, c["id"], "identify", "2026-01-15", {"monitoring_category": "sudden_hardship",
                                                        "risk_types": ["illness"]})
    assert households.get_household(store, home["id"])["category"] == "lifted"


def test_identify_needs_monitoring_category(store, home):
    c = _open(store, home)
    _step(store, c["id"], "check", "2026-01-10")
    with pytest.raises(ValidationError) as e:
        _step(store, c["id"], "identify", "2026-01-15", {"risk_types": ["illness"]})
    assert e.value.field == "monitoring_category"


def test_plan_needs_matching_measure(store, home):
    cid = _identified(store, home)
    with pytest.raises(ValidationError) as e:
        _step(store, cid, "plan", "2026-01-20", {"measures": ["industry"]})  # 因病 needs 健康 or 综合保障
    assert e.value.field == "measures"
    assert cases.case_view(store, cid, TODAY)["state"] == "identified"


def test_eliminate_without_income_assessment_refused(store, home):
    cid = _helping(store, home)
    with pytest.raises(ValidationError) as e:
        _step(store, cid, "eliminate", "2026-03-20")
    assert e.value.field == "per_capita_fen"
    assert cases.case_view(store, cid, TODAY)["state"] == "helping"
    assert households.get_household(store, home["id"])["risk_eliminated"] == 0


def test_eliminate_with_income_below_baseline_refused(store, home):
    cid = _helping(store, home)
    incomes.add_income(store, home["id"], "2026-03-01", BELOW, today=TODAY)
    with pytest.raises(ValidationError) as e:
        _step(store, cid, "eliminate", "2026-03-20")
    assert e.value.field == "per_capita_fen"
    assert cases.case_view(store, cid, TODAY)["state"] == "helping"
    # A newer assessment above the line lets it through.
    incomes.add_income(store, home["id"], "2026-03-15", ABOVE, today=TODAY)
    assert _step(store, cid, "eliminate", "2026-03-20")["state"] == "eliminated"


def test_eliminate_in_month_after_identification_refused(store, home):
    cid = _helping(store, home)  # identified 2026-01-15
    incomes.add_income(store, home["id"], "2026-01-25", ABOVE, today=TODAY)
    with pytest.raises(ValidationError) as e:
        _step(store, cid, "eliminate", "2026-02-27")
    assert e.value.field == "on"
    with pytest.raises(ValidationError):
        _step(store, cid, "eliminate", "2026-01-30")
    assert _step(store, cid, "eliminate", "2026-03-01")["state"] == "eliminated"


def test_eliminate_without_labour_on_social_security_only_refused(store, hh):
    home = hh.household("孙老汉", members=[("孙老汉", "head", "1940-01-01", "male", {"labour": "无劳动力"})])
    c = _open(store, home)
    _step(store, c["id"], "check", "2026-01-10")
    _step(store, c["id"], "identify", "2026-01-15", {"monitoring_category": "edge_at_risk", "risk_types": ["因残"]})
    _step(store, c["id"], "plan", "2026-01-20", {"measures": ["social_security"]})
    incomes.add_income(store, home["id"], "2026-03-01", {"dibao": 1_000_000}, today=TODAY)
    with pytest.raises(ValidationError) as e:
        _step(store, c["id"], "eliminate", "2026-03-20")
    assert e.value.field == "measures"


def test_followups_and_overdue_followup(store, home):
    cid = _helping(store, home)
    incomes.add_income(store, home["id"], "2026-03-01", ABOVE, today=TODAY)
    _step(store, cid, "eliminate", "2026-03-20")
    # Nothing is owed in the quarter of elimination.
    assert cases.case_view(store, cid, date(2026, 6, 30))["overdue"] == []
    # The second quarter ended without a 回头看.
    v = cases.case_view(store, cid, date(2026, 7, 2))
    assert v["overdue"] == ["followup_1"]
    assert any("回头看" in s for s in v["overdue_zh"])
    v = _step(store, cid, "followup", "2026-08-01", today=date(2026, 8, 1))
    assert v["followups_done"] == ["2026-08-01"]
    assert v["overdue"] == ["followup_1"]  # a late check in the next quarter does not fill the missed one
    v = cases.case_view(store, cid, date(2026, 10, 5))
    assert v["overdue"] == ["followup_1"]  # Q3 had its check
    with pytest.raises(ValidationError):   # not before the previous step
        _step(store, cid, "followup", "2026-07-15")


def test_followup_before_elimination_refused(store, home):
    cid = _helping(store, home)
    with pytest.raises(StateError):
        _step(store, cid, "followup", "2026-02-01")


def test_revert_brings_case_back_to_helping(store, home):
    cid = _helping(store, home)
    incomes.add_income(store, home["id"], "2026-03-01", ABOVE, today=TODAY)
    _step(store, cid, "eliminate", "2026-03-20")
    _step(store, cid, "followup", "2026-05-10")
    v = _step(store, cid, "revert", "2026-06-01", {"risk_types": ["住房出现安全问题"], "reason": "房屋受损"})
    assert v["state"] == "helping"
    assert v["eliminated_date"] is None
    assert v["risk_types"] == ["illness", "housing"]
    assert v["followups_done"] == []
    h = households.get_household(store, home["id"])
    assert h["risk_eliminated"] == 0
    assert h["category"] == "monitored"
    assert h["risk_types"] == ["illness", "housing"]
    # The new risk has no measure: a plan is due within 10 days of the revert.
    v = cases.case_view(store, cid, date(2026, 6, 12))
    assert v["overdue"] == ["plan"]
    # Eliminating again waits for the housing measure, then for the month gap after the revert.
    with pytest.raises(ValidationError) as e:
        _step(store, cid, "eliminate", "2026-08-10")
    assert e.value.field == "measures"
    v = _step(store, cid, "measure", "2026-06-08", {"measure": "housing"})
    assert v["measures"] == ["health", "employment", "housing"]
    assert cases.case_view(store, cid, date(2026, 6, 12))["overdue"] == []
    with pytest.raises(ValidationError) as e:
        _step(store, cid, "eliminate", "2026-07-10")
    assert e.value.field == "on"
    assert _step(store, cid, "eliminate", "2026-08-10")["state"] == "eliminated"


def test_revert_only_after_elimination(store, home):
    cid = _helping(store, home)
    with pytest.raises(StateError):
        _step(store, cid, "revert", "2026-02-01", {"risk_types": ["housing"]})


def test_second_open_case_refused(store, home):
    c = _open(store, home)
    with pytest.raises(StateError):
        _open(store, home, on="2026-01-06")
    assert len(cases.list_cases(store, today=TODAY)) == 1
    # Once rejected, a new clue opens a new case.
    _step(store, c["id"], "check", "2026-01-10")
    _step(store, c["id"], "reject", "2026-01-12", {"reason": "收入稳定，不符合条件"})
    c2 = _open(store, home, on="2026-02-01")
    assert c2["id"] != c["id"]
    with pytest.raises(StateError):
        _open(store, home, on="2026-02-02")


def test_reject_needs_reason(store, home):
    c = _open(store, home)
    _step(store, c["id"], "check", "2026-01-10")
    with pytest.raises(ValidationError) as e:
        _step(store, c["id"], "reject", "2026-01-12")
    assert e.value.field == "reason"


def test_deadlines_and_overdue_in_case_view(store, home):
    c = _open(store, home, on="2026-01-05")
    assert c["identify_by"] == "2026-01-20"
    assert cases.case_view(store, c["id"], date(2026, 1, 20))["overdue"] == []
    late = cases.case_view(store, c["id"], date(2026, 1, 21))
    assert late["overdue"] == ["identify"]
    assert "2026-01-20" in late["overdue_zh"][0]
    assert cases.list_cases(store, today=date(2026, 1, 21))[0]["overdue"] == "逾期"
    assert cases.list_cases(store, today=date(2026, 1, 19))[0]["overdue"] == ""
    # Identified late: no longer overdue, but the late step is kept for audit.
    _step(store, c["id"], "check", "2026-01-22")
    v = _step(store, c["id"], "identify", "2026-01-25",
              {"monitoring_category": "edge_at_risk", "risk_types": ["illness"]})
    assert v["late_steps"] == ["identify"]
    assert v["plan_by"] == "2026-02-04"
    assert cases.case_view(store, c["id"], date(2026, 2, 4))["overdue"] == []
    assert cases.case_view(store, c["id"], date(2026, 2, 5))["overdue"] == ["plan"]
    assert cases.list_cases(store, "identified", date(2026, 2, 5))[0]["overdue"] == "逾期"


def test_future_step_refused(store, home):
    with pytest.raises(ValidationError) as e:
        _open(store, home, on="2026-01-05", today=date(2026, 1, 4))
    assert e.value.field == "date"
    assert cases.list_cases(store, today=TODAY) == []


def test_step_out_of_order_refused(store, home):
    c = _open(store, home)
    with pytest.raises(StateError):
        _step(store, c["id"], "plan", "2026-01-06", {"measures": ["health"]})
    with pytest.raises(StateError):
        _step(store, c["id"], "eliminate", "2026-01-06", {"per_capita_fen": 900_000, "baseline_fen": 800_000})
