"""What a household lives on, as the duties watch it: the quarterly income check of 脱贫户 and 监测户
(003 #6(2)) and the sharp drop (003 #3); out-of-pocket medical costs above 25 % of last year's
per-capita disposable income (003 #12) as a risk clue; months worked per year, six or more stable
(003 #2)."""
from __future__ import annotations

from app.services import checks, clues, config, due, households, livelihood

from policykit import TODAY, village  # noqa: F401 - fixture


def _rules(village, prefix):
    return [(f.rule, f.household_id) for f in checks.run_checks(village.store, today=TODAY, rules=[prefix])]


def test_the_quarterly_income_check_is_on_the_due_list_of_lifted_and_monitored_households(village):
    lifted = village.household("张三")
    ordinary = village.household("李四", category="ordinary")
    rows = [r for r in due.due_list(village.store, "2027-06", TODAY, include_done=True) if r["kind"] == "income_check"]
    assert [(r["household_id"], r["status"]) for r in rows] == [(lifted["id"], "due")]
    assert ordinary["id"] not in {r["household_id"] for r in rows}
    village.income(lifted, "2027-05-20", 30000)
    rows = [r for r in due.due_list(village.store, "2027-06", TODAY, include_done=True) if r["kind"] == "income_check"]
    assert [r["status"] for r in rows] == ["done"]
    # A quarter that ended without an assessment is overdue; the months inside a quarter owe none.
    assert [r["status"] for r in due.due_list(village.store, "2027-03", TODAY) if r["kind"] == "income_check"] == ["overdue"]
    assert [r for r in due.due_list(village.store, "2027-05", TODAY) if r["kind"] == "income_check"] == []


def test_a_sharp_drop_and_no_assessment_for_a_quarter_are_findings(village):
    h = village.household()
    village.income(h, "2027-01-10", 40000)
    assert _rules(village, "income.check_missing") == [("income.check_missing", h["id"])]
    village.income(h, "2027-06-10", 20000)
    assert _rules(village, "income.sharp_drop") == [("income.sharp_drop", h["id"])]
    assert _rules(village, "income.check_missing") == []
    # The threshold is the county's: at 60 % the same drop is no finding.
    table = config.duties_table(village.store)
    config.set_duties(village.store, {**table, "thresholds": {**table["thresholds"], "income_drop_ratio_pct": 60}})
    assert _rules(village, "income.sharp_drop") == []


def test_medical_costs_above_a_quarter_of_last_years_disposable_income_open_a_clue(village):
    h = village.household()
    policy = config.duty_policy(village.store)
    threshold, source = policy.medical_threshold_fen(None, 2025)
    assert threshold == 2311900 * 25 // 100 and "2024" in source      # 25 % of 2024's line, sourced
    below = livelihood.add_medical_cost(village.store, h["id"], 2025, "5000", today=TODAY)
    assert below["clue"] is None
    above = livelihood.add_medical_cost(village.store, h["id"], 2025, "1000", today=TODAY)
    assert above["clue"]["source"] == "medical" and above["clue"]["risk_types"] == ["illness"]
    assert _rules(village, "medical") == [("medical.large_costs", h["id"])]
    assert len(clues.list_clues(village.store, today=TODAY)) == 1


def test_less_than_six_months_of_work_or_fewer_than_last_year_is_a_finding(village):
    h = village.household()
    head = [m for m in households.members(village.store, h["id"]) if m["relation"] == "head"][0]
    livelihood.set_work_months(village.store, head["id"], 2025, 10, "广东东莞", today=TODAY)
    livelihood.set_work_months(village.store, head["id"], 2026, 8, "广东东莞", today=TODAY)
    assert _rules(village, "work") == [("work.falling", h["id"])]
    livelihood.set_work_months(village.store, head["id"], 2026, 4, today=TODAY)
    assert sorted(_rules(village, "work")) == [("work.falling", h["id"]), ("work.unstable", h["id"])]


def test_the_cli_records_medical_costs_and_months_of_work(village):
    h = village.household(number="001")
    head = [m for m in households.members(village.store, h["id"]) if m["relation"] == "head"][0]
    village.close()
    code, r = village.cli("medical", "add", "--household", "001", "--year", "2026", "--amount", "9000")
    assert code == 0 and r["clue"]["source"] == "medical", r
    code, w = village.cli("work", "set", "--member", head["id"], "--year", "2026", "--months", "7")
    assert code == 0 and w["months_outside"] == 7
    code, bad = village.cli("work", "set", "--member", head["id"], "--year", "2026", "--months", "13")
    assert code == 3 and bad["field"] == "months"
