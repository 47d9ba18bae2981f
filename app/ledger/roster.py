"""The village roster as the national system lays out its member ledger (户成员信息): one row
per person, the household's columns repeated. It is what `import-ledger` reads, so a roster
written here imports back unchanged."""
from __future__ import annotations

from pathlib import Path

from app.core.enums import (Education, Health, HouseholdCategory, LabourCapacity, MonitoringCategory,
                            Relation, RiskType, SchoolStatus, Sex)

from app.core.words import zh

from .sheet import Column, add_sheet, new_workbook, save

COLUMNS = [("序号", "int"), ("省", "text"), ("县（市、区）", "text"), ("乡（镇）", "text"), ("行政村", "text"),
           ("村民小组", "text"), ("户编号", "text"), ("户主姓名", "text"), ("户类型", "text"),
           ("监测对象类别", "text"), ("纳入监测时间", "text"), ("风险类型", "text"), ("是否风险消除", "text"),
           ("帮扶责任人", "text"), ("姓名", "text"), ("证件号码", "text"), ("性别", "text"),
           ("出生日期", "date"), ("与户主关系", "text"), ("民族", "text"), ("文化程度", "text"),
           ("在校生状况", "text"), ("健康状况", "text"), ("残疾等级", "int"), ("劳动技能", "text"),
           ("务工时间（月）", "int"), ("务工地点", "text"), ("联系电话", "text"),
           ("是否参加城乡居民基本医疗保险", "text"), ("是否参加大病保险", "text"),
           ("是否参加城乡居民基本养老保险", "text"), ("是否公益岗位", "text")]


def _zh(enum, code) -> str | None:
    return zh(enum, code) or None  # an empty cell, not an empty text


def _yes(flag) -> str:
    return "是" if flag else "否"


def roster_rows(households: list[dict], members: list[dict]):
    by_household: dict[str, list[dict]] = {}
    for m in members:
        by_household.setdefault(m["household_id"], []).append(m)
    order = {"head": 0, "spouse": 1}
    n = 0
    for h in households:
        for m in sorted(by_household.get(h["id"], []), key=lambda m: (order.get(m["relation"], 2), m["birth_date"])):
            n += 1
            yield (n, h["province"], h["county"], h["township"], h["village"], h["group_name"], h["number"],
                   h["head_name"], _zh(HouseholdCategory, h["category"]),
                   _zh(MonitoringCategory, h["monitoring_category"]), h["monitoring_since"],
                   "、".join(RiskType(r).zh for r in h["risk_types"]) or None, _yes(h["risk_eliminated"]),
                   h["pairing_cadre"], m["name"], m["id_number"], _zh(Sex, m["sex"]), m["birth_date"],
                   _zh(Relation, m["relation"]), m["ethnicity"], _zh(Education, m["education"]),
                   _zh(SchoolStatus, m["school_status"]), _zh(Health, m["health"]), m["disability_grade"],
                   _zh(LabourCapacity, m["labour"]), m["work_months"], m["work_place"], m["phone"],
                   _yes(m["medical_insurance"]), _yes(m["serious_illness_insurance"]),
                   _yes(m["pension_insurance"]), _yes(m["welfare_post"]))


def write_roster(store, path: Path) -> tuple[Path, int]:
    """Every live household with a 户编号 and its members; returns the path and the row count."""
    households = [store.records.decode("households", r) for r in store.query(
        "SELECT * FROM households WHERE deleted = 0 AND number IS NOT NULL ORDER BY group_name, number")]
    members = [store.records.decode("members", r) for r in store.query("SELECT * FROM members WHERE deleted = 0")]
    rows = list(roster_rows(households, members))
    wb = new_workbook()
    village = next((h["village"] for h in households if h["village"]), "")
    add_sheet(wb, "户成员信息", [Column(h, k) for h, k in COLUMNS], rows, caption=f"{village}户成员信息")
    return save(wb, path), len(rows)
