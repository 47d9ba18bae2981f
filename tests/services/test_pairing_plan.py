"""The pairing cadre as a person with a history (002 帮扶责任人不得随意更换; 003 #18 “五个一”):
a change needs a reason; a monitored household's monthly home visit is checked against its cadre.
The team's yearly plan (003 #22): items with the person responsible and a deadline, tracked."""
from __future__ import annotations

import pytest

from app.core.errors import ValidationError
from app.services import checks, pairing, plan, visits

from policykit import TODAY, village  # noqa: F401 - fixture


def test_a_change_of_cadre_needs_a_reason_and_keeps_the_history(village):
    h = village.household()
    pairing.assign(village.store, h["id"], "李明", "2026-01-01", today=TODAY)
    with pytest.raises(ValidationError) as e:
        pairing.assign(village.store, h["id"], "赵强", "2027-03-01", today=TODAY)
    assert e.value.field == "reason"
    pairing.assign(village.store, h["id"], "赵强", "2027-03-01", reason="李明调离本镇", today=TODAY)
    rows = pairing.history(village.store, h["id"])
    assert [(r["cadre"], r["start_date"], r["end_date"]) for r in rows] == [
        ("李明", "2026-01-01", "2027-03-01"), ("赵强", "2027-03-01", None)]
    assert village.store.records.get("households", h["id"])["pairing_cadre"] == "赵强"
    assert pairing.cadre_on(rows, "2027-02-28") == "李明"


def test_last_months_home_visit_of_a_monitored_household_is_checked_against_its_cadre(village):
    h = village.household()
    village.helping(h)
    pairing.assign(village.store, h["id"], "李明", "2026-01-01", today=TODAY)
    visits.add_visit(village.store, h["id"], {"date": "2027-05-12", "mode": "home", "visitor": "王芳",
                                              "note": "了解病情"}, today=TODAY)
    found = checks.run_checks(village.store, today=TODAY, rules=["pairing"])
    assert [f.rule for f in found] == ["pairing.visit_not_by_cadre"] and "李明" in found[0].message
    visits.add_visit(village.store, h["id"], {"date": "2027-05-20", "mode": "home", "visitor": "李明",
                                              "note": "落实帮扶措施"}, today=TODAY)
    assert checks.run_checks(village.store, today=TODAY, rules=["pairing"]) == []


def test_the_yearly_plan_tracks_its_items(village):
    p = plan.add_plan(village.store, 2027)
    late = plan.add_item(village.store, p["id"], "完成上半年全覆盖排查", "王芳", "2027-06-15")
    plan.add_item(village.store, p["id"], "小额信贷到期户续贷", "李明", "2027-09-30")
    with pytest.raises(ValidationError) as e:
        plan.add_item(village.store, p["id"], "x", deadline="2028-01-10")
    assert e.value.field == "deadline"
    assert [f.rule for f in checks.run_checks(village.store, today=TODAY, rules=["plan"])] == ["plan.item_overdue"]
    plan.complete_item(village.store, late["id"], "2027-06-28", today=TODAY)
    [row] = plan.plans(village.store, today=TODAY)
    assert (row["done"], row["overdue"]) == (1, 0)
    assert checks.run_checks(village.store, today=TODAY, rules=["plan"]) == []


def test_the_cli_sets_the_cadre_and_keeps_the_plan(village):
    village.household(number="001")
    village.close()
    assert village.cli("pairing", "set", "--household", "001", "--cadre", "李明", "--date", "2026-01-01")[0] == 0
    code, bad = village.cli("pairing", "set", "--household", "001", "--cadre", "赵强", "--date", "2027-01-01")
    assert code == 3 and bad["field"] == "reason"
    code, p = village.cli("plan", "new", "--year", "2027")
    assert code == 0, p
    code, item = village.cli("plan", "add", "--plan", p["id"], "--description", "排查", "--deadline", "2027-12-31")
    assert code == 0
    code, rows = village.cli("plan", "list")
    assert code == 0 and rows[0]["items"][0]["status"] == "open"
