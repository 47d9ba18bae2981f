"""两不愁三保障 and drinking water as far as a household's file already knows them: what a new
form's 三保障 questions start from (a person confirms or corrects them on the spot)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from .household import age_on

COMPULSORY_AGES = range(6, 16)       # 义务教育阶段
EXCUSED_HEALTH = {"serious_illness", "disabled"}   # out of school because of illness: not a gap
UNSAFE_GRADES = {"C", "D"}


def known_guarantees(household: Mapping, members: Iterable[Mapping], on: date) -> dict[str, bool]:
    """{"education"|"medical"|"housing"|"water": secured?}, only for what the file records:
    a house not yet graded, water never assessed, a member whose insurance or a child whose
    schooling is not recorded leave that guarantee out rather than guess."""
    members = list(members)
    out: dict[str, bool] = {}
    grade = household.get("housing_grade")
    if grade:
        out["housing"] = grade not in UNSAFE_GRADES
    water = household.get("water_secured")
    if water is not None:
        out["water"] = bool(water)
    insured = [m.get("medical_insurance") for m in members]
    if members and (any(v in (0, False) for v in insured) or all(v is not None for v in insured)):
        out["medical"] = all(bool(v) for v in insured)
    children = [m for m in members if m.get("birth_date") and age_on(m["birth_date"], on) in COMPULSORY_AGES]
    if members and all(m.get("birth_date") for m in members) and all(m.get("school_status") for m in children):
        out["education"] = not any(m["school_status"] in ("none", "dropped_out")
                                   and m.get("health") not in EXCUSED_HEALTH for m in children)
    return out
