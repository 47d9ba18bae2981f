"""The due list and the month report's done-vs-due for a month judge each household on the
state it was in during that month (003 #5, #11, #18), and count from when it was monitored."""
from __future__ import annotations

from app.core import clock
from app.services import due, reporting, visits

from policykit import TODAY, village  # noqa: F401 - fixture


def _rules(store, month, household_id) -> set[str]:
    return {r["rule"] for r in due.due_list(store, month, TODAY, include_done=True)
            if r["household_id"] == household_id and r["kind"] != "income_check"}


def _report_rules(store, month) -> dict[str, dict]:
    return {g["rule"]: g for g in reporting.month_summary(store, month, TODAY)["due"]["rules"]}


MONITORED = {"monitored_home_monthly"}
ELIMINATED = {"eliminated_home_quarterly", "eliminated_contact_monthly", "eliminated_followup_quarterly"}


def test_a_past_month_is_judged_on_the_households_state_during_that_month(village):
    """Identified in January, eliminated in March, reverted in November: February owes the
    monthly home visit of a household at risk; April and October the eliminated household's
    schedule; December the monthly home visit again — whatever the household's state today."""
    home = village.household()
    cid = village.helping(home)
    village.income(home, "2026-03-01", 20_000)
    village.step(cid, "eliminate", "2026-03-20")
    village.step(cid, "revert", "2026-11-10", {"risk_types": ["accident"]})

    assert _rules(village.store, "2026-02", home["id"]) == MONITORED
    assert _rules(village.store, "2026-04", home["id"]) == ELIMINATED
    assert _rules(village.store, "2026-10", home["id"]) == ELIMINATED
    assert _rules(village.store, "2026-12", home["id"]) == MONITORED

    code, rows = village.cli("due", "--month", "2026-02", "--all", "--today", TODAY.isoformat())
    assert code == 0
    assert {r["rule"] for r in rows if r["household_id"] == home["id"]} == MONITORED


def test_the_month_report_counts_done_against_what_was_due_then(village):
    """The month report's done-vs-due for February counts the home visit the household owed in
    February (and the visit made), not the quarterly schedule it is on today."""
    home = village.household()
    cid = village.helping(home)
    with clock.pinned(TODAY):
        visits.add_visit(village.store, home["id"], {"visit_date": "2026-02-10", "mode": "home",
                                                     "findings": "入户走访，落实健康帮扶", "visitor": "王芳"})
    village.income(home, "2026-03-01", 20_000)
    village.step(cid, "eliminate", "2026-03-20")

    february = _report_rules(village.store, "2026-02")
    assert set(february) >= MONITORED and not set(february) & ELIMINATED
    assert february["monitored_home_monthly"]["due"] == february["monitored_home_monthly"]["done"] == 1
    rows = [r for r in due.due_list(village.store, "2026-02", TODAY, include_done=True)
            if r["household_id"] == home["id"]]
    assert [(r["rule"], r["status"]) for r in rows] == [("monitored_home_monthly", "done")]


def test_monitoring_since_is_honoured(village):
    """纳入监测时间: a household a ledger enters as monitored since 2026-03 owes no visit for the
    months before it, and is owed one from March on."""
    home = village.store.records.insert("households", {
        "head_name": "赵六", "category": "monitored", "monitoring_category": "edge_at_risk",
        "monitoring_since": "2026-03", "residence": "at_home"})
    assert _rules(village.store, "2026-02", home["id"]) == set()
    rows = [r for r in due.due_list(village.store, "2026-03", TODAY, include_done=True)
            if r["household_id"] == home["id"] and r["kind"] != "income_check"]
    assert [r["rule"] for r in rows] == ["monitored_home_monthly"]
    # March is owed (and was missed), but February is not held against it.
    assert rows[0]["status"] == "overdue" and "上一期" not in (rows[0]["overdue_reason_zh"] or "")
