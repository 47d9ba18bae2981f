"""The half-yearly full-coverage screening (003 #3 拉网式全覆盖排查; #23(2) 每半年开展一次全覆盖
排查): a campaign with its period and scope, each household's record (who, when, what was found),
the households not yet screened, and a household found at risk turned into a clue."""
from __future__ import annotations

import pytest

from app.core.errors import StateError, ValidationError
from app.services import checks, clues, screening

from policykit import TODAY, village  # noqa: F401 - fixture


def test_a_campaign_lists_households_screened_and_not_yet_screened(village):
    a, b = village.household("张三", group_name="一组"), village.household("李四", group_name="一组")
    village.household("王五", group_name="二组")
    c = screening.add_campaign(village.store, "2027年上半年集中排查", "2027-05-01", "2027-06-30", ["一组"])
    record = screening.record_screening(village.store, c["id"], a["id"], "2027-05-10", "收入稳定，三保障无问题",
                                        screener="王芳", today=TODAY)
    assert (record["screener"], record["at_risk"]) == ("王芳", 0)
    p = screening.campaign_progress(village.store, c["id"])
    assert p["households"] == 2
    assert [h["id"] for h in p["screened"]] == [a["id"]]
    assert [h["id"] for h in p["not_screened"]] == [b["id"]]
    with pytest.raises(StateError):
        screening.record_screening(village.store, c["id"], a["id"], "2027-05-11", "again", today=TODAY)
    with pytest.raises(ValidationError) as e:
        screening.record_screening(village.store, c["id"], b["id"], "2027-07-01", "late", today=TODAY)
    assert e.value.field == "date"


def test_a_household_found_at_risk_becomes_a_clue(village):
    h = village.household()
    c = screening.add_campaign(village.store, "集中排查", "2027-06-01", "2027-06-30")
    record = screening.record_screening(village.store, c["id"], h["id"], "2027-06-15", "户主务工受伤，停工",
                                        risk_types="因意外事故", today=TODAY)
    [clue] = clues.list_clues(village.store, today=TODAY)
    assert (record["at_risk"], record["clue_id"]) == (1, clue["id"])
    assert (clue["source"], clue["risk_types"], clue["origin"]) == ("screening", ["accident"], record["id"])


def test_a_household_not_screened_when_the_campaign_ends_is_a_finding(village):
    h = village.household()
    rules = lambda: [f.rule for f in checks.run_checks(village.store, today=TODAY, rules=["screening"])]  # noqa: E731
    assert rules() == []
    screening.add_campaign(village.store, "上半年排查", "2027-05-01", "2027-06-20")
    assert rules() == ["screening.not_screened"]
    [c] = screening.campaigns(village.store)
    screening.record_screening(village.store, c["id"], h["id"], "2027-06-01", "无风险", today=TODAY)
    assert rules() == []


def test_the_cli_runs_a_campaign(village):
    village.household(number="001")
    village.close()
    code, c = village.cli("screening", "new", "--title", "集中排查", "--start", "2027-06-01", "--end", "2027-06-30")
    assert code == 0, c
    code, r = village.cli("screening", "record", "--campaign", c["id"], "--household", "001", "--date", "2027-06-02",
                          "--findings", "住房漏雨", "--at-risk", "--risks", "住房出现安全问题")
    assert code == 0 and r["clue_id"], r
    code, p = village.cli("screening", "show", c["id"])
    assert code == 0 and (len(p["screened"]), p["not_screened"], p["at_risk"]) == (1, [], 1)
