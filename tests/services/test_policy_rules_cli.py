"""The numbered rules whose tests ran through the services only, through the command line too:
rule 2 (`case eliminate` judges the facts of its date) and rule 5 (`due` honours 纳入监测时间)."""
from __future__ import annotations

from policykit import TODAY, village  # noqa: F401 - fixture


def test_rule_2_case_eliminate_refuses_a_date_before_the_income_it_rests_on(village):
    home = village.household()
    cid = village.helping(home)
    village.income(home, "2026-03-16", 20_000)
    code, out = village.cli("case", "eliminate", cid, "--date", "2026-03-10", "--today", TODAY.isoformat())
    assert code == 3 and "2026-03-10" in out["message"]
    assert village.cli("case", "eliminate", cid, "--date", "2026-03-20", "--today", TODAY.isoformat())[0] == 0


def test_rule_5_due_owes_a_ledgers_monitored_household_nothing_before_its_monitoring_since(village):
    home = village.store.records.insert("households", {
        "head_name": "赵六", "category": "monitored", "monitoring_category": "edge_at_risk",
        "monitoring_since": "2026-03", "residence": "at_home"})

    def owed(month: str) -> list:
        code, rows = village.cli("due", "--month", month, "--all", "--today", TODAY.isoformat())
        assert code == 0
        return [r["rule"] for r in rows if r["household_id"] == home["id"] and r["kind"] != "income_check"]

    assert owed("2026-02") == []
    assert owed("2026-03") == ["monitored_home_monthly"]
