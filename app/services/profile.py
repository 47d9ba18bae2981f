"""A household's whole file (一户一档) as one view, and the five-situation flags."""
from __future__ import annotations

from datetime import date

from app.core.enums import (CaseState, Health, HouseholdCategory, HouseholdFlag, HousingGrade, LabourCapacity,
                            MonitoringCategory, Relation, Residence, RiskType, SchoolStatus, Sex, VisitMode)
from app.core.household import age_on
from app.core.idnumber import mask_id_number
from app.core.income import format_yuan
from app.core.situations import HouseholdFacts, MemberFacts, check_situations
from app.core.words import zh
from app.storage.store import Store

from . import cases, duty_report, households, incomes, visits

COMPULSORY_AGES = range(6, 16)  # 义务教育阶段


def guarantees(household: dict, members: list[dict], today: date) -> dict[str, bool]:
    """两不愁三保障 and water, as far as the file shows them (DOMAIN §5)."""
    education = not any(
        age_on(m["birth_date"], today) in COMPULSORY_AGES and m["school_status"] in ("none", "dropped_out")
        and m["health"] not in (Health.SERIOUS_ILLNESS.value, Health.DISABLED.value) for m in members)
    medical = all(m["medical_insurance"] for m in members)
    housing = household.get("housing_grade") not in (HousingGrade.C.value, HousingGrade.D.value)
    return {"education": education, "medical": medical, "housing": housing,
            "water": bool(household.get("water_secured"))}


def household_facts(household: dict, members: list[dict], today: date, latest: tuple | None) -> HouseholdFacts:
    """What the situation rules judge of one household on `today`: its file, its members and
    its latest per-capita income (`latest`, from incomes.latest_per_capita)."""
    g = guarantees(household, members, today)
    return HouseholdFacts(
        category=household["category"], risk_eliminated=bool(household["risk_eliminated"]),
        flags=frozenset(household["flags"]), housing_grade=household.get("housing_grade"),
        can_fix_housing_alone=bool(household["can_fix_housing_alone"]),
        per_capita_fen=latest[0] if latest else None, baseline_fen=latest[1] if latest else None,
        has_supporter=bool(household["has_supporter"]),
        three_guarantees_secured=g["education"] and g["medical"] and g["housing"],
        water_secured=g["water"],
        # Unknown counts as "cannot": the software flags, a person confirms.
        can_solve_alone=bool((household.get("details") or {}).get("can_solve_alone", False)),
        members=tuple(MemberFacts(m["name"], m["health"], m["disability_grade"], m["school_status"])
                      for m in members))


def situation_findings(store: Store, household: dict, today: date) -> list[dict]:
    members = households.members(store, household["id"])
    facts = household_facts(household, members, today, incomes.latest_per_capita(store, household["id"]))
    return [{"number": f.number, "title_zh": f.title_zh, "reason_zh": f.reason_zh} for f in check_situations(facts)]


def situation_flags(store: Store, household_ref: str | None, today: date) -> list[dict]:
    if household_ref:
        targets = [households.get_household(store, household_ref)]
    else:
        ids = [r[0] for r in store.conn.execute(
            "SELECT id FROM households WHERE deleted = 0 AND (category != 'monitored' OR risk_eliminated = 1)")]
        targets = [store.records.get("households", i) for i in ids]
    out = []
    for h in targets:
        findings = situation_findings(store, h, today)
        if findings or household_ref:
            out.append({"household_id": h["id"], "head_name": h["head_name"], "findings": findings})
    return out


def household_profile(store: Store, ref: str, today: date) -> dict:
    household = households.get_household(store, ref)
    hid = household["id"]
    members = households.members(store, hid)
    case_rows = store.query("SELECT id FROM cases WHERE household_id = ? AND deleted = 0 ORDER BY created_at DESC",
                            [hid])
    return {"household": household, "members": members, "incomes": incomes.list_incomes(store, hid),
            "cases": [cases.case_view(store, r["id"], today) for r in case_rows],
            "visits": visits.list_visits(store, hid)[:20],
            "guarantees": guarantees(household, members, today),
            "situations": situation_findings(store, household, today),
            "problems": open_problems(store, hid, today),
            "duties": duty_report.household_duties(store, hid, today)}


def open_problems(store: Store, household_id: str, today: date) -> list[dict]:
    """The household's problem items not yet closed, with their measure, person, deadline and
    whether the deadline has passed (003 §四)."""
    rows = store.query(
        "SELECT i.id, i.description, i.measure, i.responsible, i.deadline, l.title AS list_title"
        " FROM problem_items i JOIN problem_lists l ON l.id = i.list_id AND l.deleted = 0"
        " WHERE i.household_id = ? AND i.deleted = 0 AND i.closed_on IS NULL ORDER BY i.deadline IS NULL, i.deadline",
        [household_id])
    for r in rows:
        r["overdue"] = bool(r["deadline"] and r["deadline"] < today.isoformat())
    return rows


def render_text(p: dict) -> str:
    h = p["household"]
    lines = [f"{h['head_name']} 户  ({zh(HouseholdCategory, h['category'])}"
             f"{'·' + zh(MonitoringCategory, h['monitoring_category']) if h.get('monitoring_category') else ''})",
             f"  户编号 {h.get('number') or '-'}   {h.get('village') or ''}{h.get('group_name') or ''}"
             f"   {h.get('address') or ''}",
             f"  电话 {h.get('phone') or '-'}   居住 {zh(Residence, h['residence'])}   帮扶责任人 {h.get('pairing_cadre') or '-'}",
             f"  住房 {zh(HousingGrade, h.get('housing_grade')) or '未评定'}   "
             f"标识 {'、'.join(HouseholdFlag(f).zh for f in h['flags']) or '-'}"]
    if h["risk_types"]:
        lines.append(f"  风险类型 {'、'.join(RiskType(r).zh for r in h['risk_types'])}"
                     f"{'（已消除）' if h['risk_eliminated'] else ''}")
    lines.append(f"  id {h['id']}")
    lines.append("成员 (members):")
    for m in p["members"]:
        lines.append(f"  {m['name']:<6} {zh(Relation, m['relation'])} {zh(Sex, m['sex'])} {m['birth_date']}"
                     f" {mask_id_number(m['id_number']) if m['id_number'] else ''} {zh(Health, m['health'])}"
                     f" {zh(SchoolStatus, m['school_status']) if m['school_status'] != 'none' else ''}"
                     f" {zh(LabourCapacity, m['labour'])}")
    g = p["guarantees"]
    lines.append("三保障及饮水: " + "  ".join(f"{k}{'✓' if v else '✗'}" for k, v in
                                         zip(("义务教育", "基本医疗", "住房安全", "饮水安全"), g.values())))
    for inc in p["incomes"][:3]:
        lines.append(f"收入 {inc['assessed_on']}: 人均 {format_yuan(inc['per_capita_fen'])}"
                     f" (基准线 {format_yuan(inc['baseline_fen'])})")
    for c in p["cases"]:
        lines.append(f"监测案例: {CaseState(c['state']).zh}  线索 {c['clue_date']}  id {c['id']}")
        lines += ["  ! " + o for o in c["overdue_zh"]]
    for s in p["situations"]:
        lines.append(f"须纳入监测情形{s['number']}: {s['reason_zh']}")
    for x in p.get("problems", []):
        duty = "  ".join(t for t in (f"措施 {x['measure']}" if x["measure"] else "",
                                     f"责任人 {x['responsible']}" if x["responsible"] else "",
                                     f"时限 {x['deadline']}" if x["deadline"] else "") if t)
        lines.append(f"问题{'（逾期）' if x['overdue'] else ''}: {x['description']}  {duty}  ({x['list_title']})")
    lines += duty_report.household_duties_lines(p["duties"]) if p.get("duties") else []
    lines.append(f"走访 (latest visits): {len(p['visits'])}")
    for v in p["visits"][:5]:
        lines.append(f"  {v['visit_date']} {zh(VisitMode, v['mode'])} {v['visitor']}: {v['findings']}")
    return "\n".join(lines)
