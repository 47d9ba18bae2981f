"""Three ways a risk is found (001: 基层主动发现申报、多部门联动的风险预警): a clue records its
source — the team's visit, the household's own report, a department's warning by ID number — and
a verification deadline (15 days, 003 #3); it stays open, and past its deadline is a finding,
until it is handled: a case opened from it, or verified as no risk."""
from __future__ import annotations

import pytest

from app.core.errors import NotFound, ValidationError
from app.services import checks, clues

from policykit import TODAY, village  # noqa: F401 - fixture


def test_a_clue_records_its_source_and_is_due_for_verification_in_15_days(village):
    h = village.household()
    clue = clues.add_clue(village.store, h["id"], "农户自主申报", "2027-06-20", "家中老人住院，自付费用较高",
                          risk_types="因病", today=TODAY)
    assert (clue["source"], clue["deadline"], clue["risk_types"]) == ("self_report", "2027-07-05", ["illness"])
    assert [c["status"] for c in clues.list_clues(village.store, open_only=True, today=TODAY)] == ["open"]
    # Recorded like every record: in the audit chain and the outbox the county receives.
    assert village.store.verify_audit().ok
    assert village.store.conn.execute("SELECT count(*) FROM outbox WHERE tbl = 'clues'").fetchone()[0] == 1


def test_a_department_warning_names_its_department_and_finds_the_household_by_id_number(village):
    h = village.household()
    id_number = village.store.query("SELECT id_number FROM members WHERE household_id = ? AND relation = 'head'",
                                    [h["id"]])[0]["id_number"]
    clue = clues.add_warning(village.store, id_number, "医保", "2027-06-25", "住院自付超过1万元", today=TODAY)
    assert (clue["household_id"], clue["source"], clue["department"]) == (h["id"], "department", "medical_insurance")
    with pytest.raises(ValidationError) as e:
        clues.add_clue(village.store, h["id"], "department", "2027-06-25", "x", today=TODAY)
    assert e.value.field == "department"
    with pytest.raises(NotFound):
        clues.add_warning(village.store, "440524188001010014", "民政", "2027-06-25", "x", today=TODAY)
    # Published by the county: those of other villages are counted, not refused.
    out = clues.apply_warnings(village.store, {"department": "人社", "found_on": "2027-06-26",
                                               "items": [{"id_number": id_number, "description": "失业登记"},
                                                         {"id_number": "440524188001010014"}]}, today=TODAY)
    assert out == {"added": 1, "not_here": 1, "came_down": 0}


def test_an_open_clue_past_its_deadline_is_a_finding_until_handled(village):
    h = village.household()
    late = clues.add_clue(village.store, h["id"], "visit", "2027-06-01", "务工返乡，无收入", today=TODAY)
    found = [f for f in checks.run_checks(village.store, today=TODAY, rules=["clue"])]
    assert [(f.rule, f.record) for f in found] == [("clue.overdue", ("clues", late["id"]))]
    with pytest.raises(ValidationError) as e:
        clues.handle_clue(village.store, late["id"], "no_risk", "2027-06-10", today=TODAY)
    assert e.value.field == "note"
    clues.handle_clue(village.store, late["id"], "no_risk", "2027-06-10", "已在县内就业，月收入3000元", today=TODAY)
    assert checks.run_checks(village.store, today=TODAY, rules=["clue"]) == []


def test_handling_a_clue_as_a_case_opens_the_monitoring_procedure_from_its_date(village):
    h = village.household()
    clue = clues.add_clue(village.store, h["id"], "visit", "2027-06-20", "房屋开裂", risk_types=["housing"], today=TODAY)
    done = clues.handle_clue(village.store, clue["id"], "case", "2027-06-21", today=TODAY)
    case = village.store.records.get("cases", done["case_id"])
    assert (case["household_id"], case["clue_date"]) == (h["id"], "2027-06-20")


def test_the_cli_records_lists_and_handles_clues(village):
    h = village.household(number="001")
    village.close()
    code, out = village.cli("clue", "add", "--household", "001", "--source", "走访发现", "--date", "2027-06-28",
                            "--description", "突发重病")
    assert code == 0, out
    code, rows = village.cli("clue", "list", "--open")
    assert code == 0 and [r["id"] for r in rows] == [out["id"]] and rows[0]["status"] == "open"
    code, bad = village.cli("clue", "add", "--household", "001", "--source", "卫星", "--date", "2027-06-28",
                            "--description", "x")
    assert code == 3 and bad["field"] == "source"
    code, done = village.cli("clue", "handle", out["id"], "--outcome", "no_risk", "--note", "已报销")
    assert code == 0 and done["outcome"] == "no_risk"
