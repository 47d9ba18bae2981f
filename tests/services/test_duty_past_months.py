"""Rule 4 for the duties: a past month is judged on each household as it stood during that month,
not as its file stands today. The quarterly income check on the due list, `check --today` at the
month's end and the month report agree for a past quarter, for a 脱贫户 since made 一般户 and an
一般户 identified as 监测户 since."""
from __future__ import annotations

from datetime import date

from app.core import clock
from app.services import checks, duty_report, households, reporting

from policykit import TODAY, village  # noqa: F401 - fixture

PAST, PAST_END = "2026-09", "2026-09-30"     # a quarter's last month, before any of the changes


def _income_check(village, month: str) -> dict:
    code, rows = village.cli("due", "--month", month, "--all", "--today", TODAY.isoformat())
    assert code == 0
    return {r["head_name"]: r["status"] for r in rows if r["kind"] == "income_check"}


def _check_missing(village, day: str) -> set:
    code, rows = village.cli("check", "--rule", "income.check_missing", "--today", day)
    assert code == 0
    return {r["household"] for r in rows} if rows else set()


def _setup(village):
    lifted_then = village.household("张三")                       # 脱贫户, made 一般户 since
    identified_since = village.household("李四", category="ordinary")  # 一般户, 监测户 since October
    still_lifted = village.household("王五")
    for h in (lifted_then, identified_since, still_lifted):
        village.income(h, "2026-03-10", 30000)
    households.update_household(village.store, lifted_then["id"], {"category": "ordinary"})
    village.identified(identified_since, clue="2026-10-05", on="2026-10-15")
    return lifted_then, identified_since, still_lifted


def test_rule_4_a_past_quarters_income_check_uses_the_category_the_household_had_then(village):
    with clock.pinned(TODAY):
        _setup(village)
        # The due list of September 2026: 张三 was a 脱贫户 then, 李四 an 一般户.
        assert _income_check(village, PAST) == {"张三": "overdue", "王五": "overdue"}
        # Today's quarter: 张三 is an 一般户 now, 李四 a 监测户.
        assert set(_income_check(village, TODAY.strftime("%Y-%m"))) == {"李四", "王五"}


def test_rule_4_due_check_and_the_month_report_agree_for_a_past_month(village):
    with clock.pinned(TODAY):
        lifted_then, identified_since, still_lifted = _setup(village)
        overdue = set(_income_check(village, PAST))
        missing = _check_missing(village, PAST_END)
        names = {h["id"]: h["head_name"] for h in (lifted_then, identified_since, still_lifted)}
        found = {names.get(f.household_id) for f in checks.run_checks(
            village.store, today=_day(PAST_END), rules=["income.check_missing"])}
        assert overdue == found == {"张三", "王五"}
        assert len(missing) == 2
        report = reporting.month_summary(village.store, PAST, TODAY)
        owed = {r["head_name"] for r in report["due"]["not_done"] if r["kind"] == "income_check"}
        assert owed == overdue


def test_rule_4_the_cadre_visit_line_counts_households_monitored_at_the_months_end(village):
    with clock.pinned(TODAY):
        _setup(village)
        september = {ln["key"]: ln for ln in duty_report.month_duties(
            village.store, _day("2026-09-01"), _day(PAST_END), _day(PAST_END))}
        october = {ln["key"]: ln for ln in duty_report.month_duties(
            village.store, _day("2026-10-01"), _day("2026-10-31"), _day("2026-10-31"))}
    assert "风险未消除的监测户 0 户" in september["pairing"]["zh"]
    assert "风险未消除的监测户 1 户" in october["pairing"]["zh"]


def _day(text: str) -> date:
    return date.fromisoformat(text)


def test_rule_4_a_past_day_sees_clues_items_and_loans_as_they_stood_then(village):
    """`check --today` at a past month's end and that month's report: a clue handled since was still
    open and late then, a plan item done since was overdue, a loan started since did not exist."""
    from app.services import clues, credit, plan
    with clock.pinned(TODAY):
        h = village.household()
        clue = clues.add_clue(village.store, h["id"], "self_report", "2026-08-01", "家中老人住院", today=TODAY)
        clues.handle_clue(village.store, clue["id"], "no_risk", "2026-10-01", "已报销", today=TODAY)
        p = plan.add_plan(village.store, 2026)
        item = plan.add_item(village.store, p["id"], "修缮饮水管道", "王芳", "2026-09-15")
        plan.complete_item(village.store, item["id"], "2026-10-10", today=TODAY)
        credit.add_loan(village.store, h["id"], "30000", "2027-01-10", 3, "养牛", today=TODAY)
        then = {f.rule for f in checks.run_checks(village.store, today=_day(PAST_END), rules=["clue.", "plan.", "loan."])}
        now = {f.rule for f in checks.run_checks(village.store, today=_day("2026-10-31"), rules=["clue.", "plan.", "loan."])}
        september = {ln["key"]: ln for ln in duty_report.month_duties(
            village.store, _day("2026-09-01"), _day(PAST_END), _day(PAST_END))}
    assert then == {"clue.overdue", "plan.item_overdue"} and now == set()
    assert "待核实 1 条（逾期 1 条）" in september["clues"]["zh"]
    assert "完成 0/1 项，逾期 1 项" in september["plan"]["zh"]
    assert "在贷 0 笔" in september["loans"]["zh"]
