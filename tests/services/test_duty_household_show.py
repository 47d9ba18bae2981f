"""`zhucun household show` (and --json) shows the household's duties: its pairing cadres since
when and why changed, the clues about it and how they were handled, its screenings, medical costs,
months of work and loans with their due date."""
from __future__ import annotations

import io
import sys
from contextlib import redirect_stdout

from app import cli as zhucun
from app.core import clock
from app.services import clues, credit, households, livelihood, pairing, screening

from policykit import PASS, TODAY, village  # noqa: F401 - fixture


def _duties(village) -> dict:
    h = village.household()
    hid = h["id"]
    head = [m for m in households.members(village.store, hid) if m["relation"] == "head"][0]
    pairing.assign(village.store, hid, "刘建国", "2026-01-01", today=TODAY)
    pairing.assign(village.store, hid, "陈红梅", "2027-02-01", "刘建国调回县直单位", today=TODAY)
    clue = clues.add_clue(village.store, hid, "self_report", "2027-03-02", "孩子上学费用增加", today=TODAY)
    clues.handle_clue(village.store, clue["id"], "no_risk", "2027-03-10", "已享受教育资助", today=TODAY)
    c = screening.add_campaign(village.store, "2027年上半年全覆盖排查", "2027-04-01", "2027-06-30")
    screening.record_screening(village.store, c["id"], hid, "2027-04-20", "务工收入稳定", screener="王芳", today=TODAY)
    livelihood.add_medical_cost(village.store, hid, 2026, "1200", today=TODAY)
    livelihood.set_work_months(village.store, head["id"], 2026, 9, "广东东莞", today=TODAY)
    credit.add_loan(village.store, hid, "30000", "2027-03-15", 36, "养殖肉牛", today=TODAY)
    return h


def test_household_show_json_has_the_duties(village):
    h = _duties(village)
    code, data = village.cli("household", "show", h["id"])
    assert code == 0
    d = data["duties"]
    assert [(p["cadre"], p["start_date"], p["reason"]) for p in d["pairings"]] == [
        ("刘建国", "2026-01-01", None), ("陈红梅", "2027-02-01", "刘建国调回县直单位")]
    assert [(c["source"], c["outcome"]) for c in d["clues"]] == [("self_report", "no_risk")]
    assert [s["findings"] for s in d["screenings"]] == ["务工收入稳定"]
    assert [(x["amount_fen"], x["end_date"]) for x in d["loans"]] == [(3_000_000, "2030-03-15")]
    assert [w["months_outside"] for w in d["work"]] == [9] and [m["year"] for m in d["medical"]] == [2026]


def test_household_show_prints_the_duties(village):
    h = _duties(village)
    village.close()
    out = io.StringIO()
    stdin, sys.stdin = sys.stdin, io.StringIO(PASS + "\n")
    try:
        with clock.pinned(TODAY), redirect_stdout(out):
            assert zhucun.main(["household", "show", h["id"], "--data", str(village.path), "--passphrase-stdin"]) == 0
    finally:
        sys.stdin = stdin
    text = out.getvalue()
    assert "帮扶责任人: 陈红梅 自 2027-02-01（现任）  更换原因: 刘建国调回县直单位" in text
    assert "风险线索 2027-03-02 农户自主申报: 孩子上学费用增加（2027-03-10 核实无风险）" in text
    assert "排查 2027-04-20 2027年上半年全覆盖排查 王芳: 务工收入稳定" in text
    assert "小额信贷 2027-03-15 30,000.00 元 36 个月（养殖肉牛），到期 2030-03-15，正常" in text
    assert "务工 2026年 张三: 9 个月 广东东莞" in text
