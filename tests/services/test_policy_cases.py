"""The monitoring case as the documents write it (seed 003 #3, #10, #11; DOMAIN §4): each test
is one rule, through the service and the command line the window and scripts use."""
from __future__ import annotations

import pytest

from app.core.errors import StateError, ValidationError
from app.services import cases, households, reporting

from policykit import TODAY, village  # noqa: F401 - fixture


def test_no_elimination_while_the_house_is_still_dangerous(village):
    """003 #11: 核实家庭收入是否持续稳定，“三保障”和饮水安全风险是否稳定消除 … 严格执行风险消除
    退出标准和程序. A case with housing risk is not eliminated while the house is graded D —
    at `case eliminate`, not only in the optional form."""
    home = village.household(housing_grade="D")
    cid = village.helping(home, risks=("housing",), measures=("housing", "employment"))
    village.income(home, "2026-03-01", 20_000)
    code, out = village.cli("case", "eliminate", cid, "--date", "2026-03-20", "--today", TODAY.isoformat())
    assert code == 3
    assert out["field"] == "three_guarantees_secured"
    assert "住房安全" in out["message"] and "D级危房" in out["message"]
    assert cases.case_view(village.store, cid, TODAY)["state"] == "helping"
    assert households.get_household(village.store, home["id"])["risk_eliminated"] == 0

    # Once the house is rebuilt (graded A), the same step goes through.
    households.update_household(village.store, home["id"], {"housing_grade": "A"})
    code, out = village.cli("case", "eliminate", cid, "--date", "2026-03-20", "--today", TODAY.isoformat())
    assert code == 0, out
    assert out["state"] == "eliminated"


def test_no_elimination_while_water_or_schooling_is_not_secured(village):
    """003 #11: “三保障”和饮水安全 secured before elimination; a child of compulsory-school age
    who dropped out, or unsafe water, keeps the household monitored."""
    home = village.household(members=(("head", "1968-03-02", "male"),
                                       ("son", "2014-05-01", "male", {"school_status": "dropped_out",
                                                                      "dropout_reason": "厌学"})))
    cid = village.helping(home)
    village.income(home, "2026-03-01", 20_000)
    with pytest.raises(ValidationError) as e:
        village.step(cid, "eliminate", "2026-03-20")
    assert e.value.field == "three_guarantees_secured" and "义务教育" in str(e.value)

    other = village.household("李四", water_secured=False)
    cid = village.helping(other)
    village.income(other, "2026-03-01", 20_000)
    with pytest.raises(ValidationError) as e:
        village.step(cid, "eliminate", "2026-03-20")
    assert e.value.field == "water_secured"


def test_no_elimination_while_a_new_risk_is_open(village):
    """003 #11: 对又出现新返贫风险的，按程序重新识别纳入 — a risk type on the household the case
    has not taken in stops the elimination."""
    home = village.household()
    cid = village.helping(home)
    village.income(home, "2026-03-01", 20_000)
    village.store.records.update("households", home["id"], {"risk_types": ["illness", "accident"]})
    with pytest.raises(ValidationError) as e:
        village.step(cid, "eliminate", "2026-03-20")
    assert e.value.field == "risk_types" and "新的风险" in str(e.value)


def test_a_back_dated_elimination_is_judged_on_the_facts_of_its_date(village):
    """Every rule judges the facts as they stood on the step's date: an elimination dated
    2026-03-10 cannot rest on an income assessment dated 2026-03-16."""
    home = village.household()
    cid = village.helping(home)
    village.income(home, "2026-03-16", 20_000)
    with pytest.raises(ValidationError) as e:
        village.step(cid, "eliminate", "2026-03-10")
    assert e.value.field == "per_capita_fen" and "2026-03-10" in str(e.value)
    # Figures typed in do not replace the file's assessment either.
    with pytest.raises(ValidationError):
        village.step(cid, "eliminate", "2026-03-10", {"per_capita_fen": 1_000_000, "baseline_fen": 800_000})
    # An older assessment below the line decides, not the later one above it.
    village.income(home, "2026-03-01", 5_000)
    with pytest.raises(ValidationError) as e:
        village.step(cid, "eliminate", "2026-03-10")
    assert e.value.field == "per_capita_fen" and "低于基准线" in str(e.value)
    assert village.step(cid, "eliminate", "2026-03-20")["state"] == "eliminated"


def test_case_eliminate_speaks_yuan_not_fen(village):
    """Amounts a person reads are in yuan: `case eliminate` refused for low income names the
    income and the line as 2,500.00 元 and 8,000.00 元, never “250000 分”."""
    home = village.household()
    cid = village.helping(home)
    village.income(home, "2026-03-01", 5_000)
    code, out = village.cli("case", "eliminate", cid, "--date", "2026-03-20", "--today", TODAY.isoformat())
    assert code == 3
    assert "2,500.00 元" in out["message"] and "8,000.00 元" in out["message"]
    assert " 分" not in out["message"]
    village.income(home, "2026-03-02", 20_000)
    village.close()
    assert village.cli("case", "eliminate", cid, "--date", "2026-03-20", "--today", TODAY.isoformat())[0] == 0
    village.close()
    text = cases.render_text(cases.case_view(village.store, cid, TODAY))
    assert "人均纯收入 10,000.00 元，基准线 8,000.00 元" in text


def test_case_measure_takes_measures_as_documented(village):
    """`case measure --measures …` adds the measures it names (one or several)."""
    home = village.household()
    cid = village.helping(home)
    code, out = village.cli("case", "measure", cid, "--date", "2026-02-01", "--measures", "产业帮扶,公益岗位",
                            "--today", TODAY.isoformat())
    assert code == 0, out
    assert out["measures"] == ["health", "employment", "industry", "welfare_post"]
    code, out = village.cli("case", "measure", cid, "--date", "2026-02-02", "--measures", "industry",
                            "--today", TODAY.isoformat())
    assert code == 3 and "已在帮扶措施中" in out["message"]
    code, out = village.cli("case", "measure", cid, "--date", "2026-02-02", "--set", "measure=金融帮扶",
                            "--today", TODAY.isoformat())
    assert code == 0 and out["measures"][-1] == "microcredit"


def test_identification_steps_are_recorded_with_dates_and_the_notice_waits_five_days(village):
    """The identification procedure — 农户申请或干部排查, 入户核查, 村级民主评议, 村内公示
    (不少于5天), 乡镇审核, 县级确认 — is recorded step by step with its dates; a step after the
    notice waits until it has been up five days."""
    home = village.household()
    c = cases.open_case(village.store, home["id"], "2026-01-05", "王芳", {"source": "农户申请"}, today=TODAY)
    with pytest.raises(StateError):  # the review follows the household check
        village.step(c["id"], "village_review", "2026-01-06")
    village.step(c["id"], "check", "2026-01-06")
    village.step(c["id"], "village_review", "2026-01-07", {"note": "村民代表会议"})
    village.step(c["id"], "notice", "2026-01-08")
    with pytest.raises(ValidationError) as e:
        village.step(c["id"], "township_review", "2026-01-12")
    assert "公示不少于5天" in str(e.value) and "2026-01-13" in str(e.value)
    code, out = village.cli("case", "township_review", c["id"], "--date", "2026-01-13", "--today", TODAY.isoformat())
    assert code == 0, out
    view = village.step(c["id"], "identify", "2026-01-14", {"monitoring_category": "edge_at_risk",
                                                           "risk_types": ["illness"]})
    assert [e["kind"] for e in view["events"]] == ["clue", "check", "village_review", "notice",
                                                    "township_review", "identify"]


def test_the_notice_prints_only_the_steps_that_happened(village):
    """The public notice does not assert a 民主评议 that was never recorded: each entry names
    the procedure steps its case holds, with their dates."""
    home = village.household()
    village.identified(home)
    other = village.household("李四")
    c = cases.open_case(village.store, other["id"], "2026-01-03", "王芳", {"source": "农户申请"}, today=TODAY)
    village.step(c["id"], "check", "2026-01-04")
    village.step(c["id"], "village_review", "2026-01-05")
    village.step(c["id"], "notice", "2026-01-06")
    village.step(c["id"], "identify", "2026-01-12", {"monitoring_category": "edge_at_risk", "risk_types": ["illness"]})
    entries = {e["head_name"]: e for e in reporting.notice_entries(village.store, "2026-01")}
    assert entries["张三"]["procedure"] == "入户核查1月5日"
    assert entries["李四"]["procedure"] == "入户核查1月4日、村级民主评议1月5日、村内公示1月6日"
    from app.reports.fonts import load_fonts
    from app.reports.notice import notice_flowables
    text = " ".join(getattr(f, "text", "") for f in notice_flowables(
        load_fonts(), list(entries.values()), village="示范村", month="2026-01", width=500))
    assert "民主评议，现将" not in text
