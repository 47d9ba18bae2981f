"""The month report has a line for each duty: clues found and handled, the screening, medical
costs, work, loans, the pairing cadre's visits and the yearly plan."""
from __future__ import annotations

from app.services import clues, credit, pairing, plan, reporting, screening, visits

from policykit import TODAY, village  # noqa: F401 - fixture


def test_the_month_report_has_a_line_per_duty(village):
    h = village.household()
    village.helping(h)
    clues.add_clue(village.store, h["id"], "self_report", "2027-06-03", "因病支出大", today=TODAY)
    late = clues.add_clue(village.store, h["id"], "visit", "2027-06-05", "房屋漏雨", today=TODAY)
    clues.handle_clue(village.store, late["id"], "existing", "2027-06-06", today=TODAY)
    c = screening.add_campaign(village.store, "上半年排查", "2027-06-01", "2027-06-30")
    screening.record_screening(village.store, c["id"], h["id"], "2027-06-10", "无新增风险", today=TODAY)
    credit.add_loan(village.store, h["id"], "50000", "2024-07-10", 36, "养殖", today=TODAY)
    pairing.assign(village.store, h["id"], "李明", "2026-01-01", today=TODAY)
    visits.add_visit(village.store, h["id"], {"date": "2027-06-12", "mode": "home", "visitor": "李明",
                                              "note": "入户"}, today=TODAY)
    p = plan.add_plan(village.store, 2027)
    plan.add_item(village.store, p["id"], "完成排查", "王芳", "2027-06-20")
    lines = {line["key"]: line for line in reporting.month_summary(village.store, "2027-06", TODAY)["duties"]}
    assert set(lines) == {"clues", "screening", "medical", "work", "loans", "pairing", "plan"}
    assert "新增风险线索 2 条" in lines["clues"]["zh"] and "处理 1 条" in lines["clues"]["zh"]
    assert "已排查 1/1 户" in lines["screening"]["zh"] and not lines["screening"]["warn"]
    assert "即将到期 1 户" in lines["loans"]["zh"]
    assert "本月由责任人入户 1 户" in lines["pairing"]["zh"] and not lines["pairing"]["warn"]
    assert "逾期 1 项" in lines["plan"]["zh"] and lines["plan"]["warn"]
    assert all(line["en"] for line in lines.values())


def test_without_a_screening_or_a_plan_the_report_says_so(village):
    village.household()
    lines = {line["key"]: line for line in reporting.month_summary(village.store, "2027-06", TODAY)["duties"]}
    assert lines["screening"]["warn"] and "没有全覆盖排查" in lines["screening"]["zh"]
    assert lines["plan"]["warn"] and "没有年度工作计划" in lines["plan"]["zh"]
