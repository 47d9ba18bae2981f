"""State the monitoring case owns changes only through the case (003 #11 严格执行风险消除退出
标准和程序), on every path: the command line, the window's service calls, a ledger, the county;
and the checks see a household's measures against its current risk types (003 #23)."""
from __future__ import annotations

import pytest
from openpyxl import Workbook

from app.core.errors import ValidationError
from app.services import households, ledger_import, sync
from app.services.checks import run_checks

from policykit import TODAY, id_number, village  # noqa: F401 - fixture


def _monitored(village, head="张三", risks=("illness",), measures=("health", "employment")):
    home = village.household(head)
    cid = village.helping(home, risks=risks, measures=measures)
    return households.get_household(village.store, home["id"]), cid


def test_editing_the_household_cannot_eliminate_its_risk(village):
    """`household edit … --set risk_eliminated=1` does not mark a monitored household eliminated:
    only the case's 风险消除 step does, after its checks (income, 三保障, water, no new risk)."""
    home, _ = _monitored(village)
    code, out = village.cli("household", "edit", home["id"], "--set", "risk_eliminated=1")
    assert code == 3
    assert out["field"] == "risk_eliminated" and "case eliminate" in out["message"]
    assert households.get_household(village.store, home["id"])["risk_eliminated"] == 0
    code, out = village.cli("household", "add", "--head", "李四", "--category", "监测户", "--monitoring-category",
                            "边缘易致贫户", "--set", "risk_eliminated=是")
    assert code == 3 and out["field"] == "risk_eliminated"
    # The window saves through the same service.
    with pytest.raises(ValidationError) as e:
        households.update_household(village.store, home["id"], {"risk_eliminated": True})
    assert e.value.field == "risk_eliminated"


def test_a_household_becomes_monitored_only_through_its_case(village):
    """纳入监测 follows a clue, a household check and the decision: an edit may not switch a
    household into or out of 监测户."""
    plain = village.household("王五")
    code, out = village.cli("household", "edit", plain["id"], "--category", "监测户",
                            "--monitoring-category", "突发严重困难户")
    assert code == 3 and out["field"] == "category" and "识别纳入" in out["message"]
    home, _ = _monitored(village)
    with pytest.raises(ValidationError) as e:
        households.update_household(village.store, home["id"], {"category": "lifted"})
    assert e.value.field == "category"
    # Other fields of a monitored household are edited as before.
    assert households.update_household(village.store, home["id"], {"phone": "13812345678"})["phone"] == "13812345678"


def test_the_county_cannot_eliminate_a_risk_by_editing_the_roster(village):
    """A county roster edit is cleaned by the same rules: risk_eliminated is refused."""
    home, _ = _monitored(village)
    with pytest.raises(ValidationError) as e:
        sync.merge_roster(village.store, {"household_id": home["id"], "changes": {"risk_eliminated": 1},
                                          "hlc": home["hlc"]})
    assert e.value.field == "risk_eliminated"
    assert households.get_household(village.store, home["id"])["risk_eliminated"] == 0


def _ledger(path, rows):
    headers = ["户编号", "户主姓名", "户类型", "监测对象类别", "纳入监测时间", "风险类型", "是否风险消除",
               "姓名", "证件号码", "与户主关系"]
    wb = Workbook()
    ws = wb.active
    ws.title = "家庭成员信息"
    ws.append(headers)
    for r in rows:
        ws.append([r.get(h) for h in headers])
    wb.save(path)
    return path


def test_a_ledger_saying_eliminated_without_a_case_is_a_finding_not_a_state(village, tmp_path):
    """A ledger's 是否风险消除 = 已消除 for a household with no elimination here is not taken as
    its state: the household stays monitored (monthly visits) and the checks report it."""
    row = {"户编号": "4305210001", "户主姓名": "赵六", "户类型": "监测户", "监测对象类别": "边缘易致贫户",
           "纳入监测时间": "2026-03", "风险类型": "因病", "是否风险消除": "已消除", "姓名": "赵六",
           "证件号码": id_number("1966-02-03", "male"), "与户主关系": "户主"}
    result = ledger_import.import_ledger(village.store, _ledger(tmp_path / "l.xlsx", [row]), today=TODAY)
    assert result.summary["imported"] == 1, result.rejected
    h = households.get_household(village.store, "4305210001")
    assert h["category"] == "monitored" and h["risk_eliminated"] == 0
    found = [f for f in run_checks(village.store, today=TODAY, household_id=h["id"])
             if f.rule == "case.eliminated_without_case"]
    assert len(found) == 1 and "台账标注风险已消除" in found[0].message


def test_a_ledger_cannot_switch_a_household_into_monitoring(village, tmp_path):
    """An existing household's 户类型 does not become 监测户 from a ledger: the row is rejected
    with the rule, and the household is left as it was."""
    plain = village.household("钱七", number="4305210002")
    head = households.members(village.store, plain["id"])[0]
    row = {"户编号": "4305210002", "户主姓名": "钱七", "户类型": "监测户", "监测对象类别": "边缘易致贫户",
           "姓名": "钱七", "证件号码": head["id_number"], "与户主关系": "户主"}
    result = ledger_import.import_ledger(village.store, _ledger(tmp_path / "m.xlsx", [row]), today=TODAY)
    assert result.summary["imported"] == 0
    assert "识别纳入" in result.rejected[0].reason
    assert households.get_household(village.store, plain["id"])["category"] == "lifted"


def test_measures_are_checked_against_the_households_current_risk_types(village):
    """003 #23: 对未消除风险的监测对象没有填写好针对性帮扶措施 — risk types 缺劳动力、因病、饮水
    with only 综合保障 is a finding, whichever way the risk types reached the household."""
    home, _ = _monitored(village, risks=("no_labour",), measures=("social_security",))
    households.update_household(village.store, home["id"], {"risk_types": "缺劳动力、因病、饮水安全问题"})
    found = [f for f in run_checks(village.store, today=TODAY, household_id=home["id"])
             if f.rule == "case.risk_without_measure"]
    assert len(found) == 1
    assert "饮水安全问题" in found[0].message and "因病" not in found[0].message.split("（")[0]
    code, out = village.cli("check", "--rule", "case.risk_without_measure", "--today", TODAY.isoformat())
    assert code == 0
    assert any(f["household_id"] == home["id"] for f in (out if isinstance(out, list) else out["findings"]))
