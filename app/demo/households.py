"""One household of the plan: its category and residence, members, housing, water and
supporters, flags (低保, 特困, …), land and house, risk types, incomes, its monitoring case, phone,
ID numbers and visit log, drawn in a fixed order from the village's random stream."""
from __future__ import annotations

from datetime import date

from .cases import build_case
from .incomes import income_items, net_income, scale_items
from .members import make_members
from .places import zh_number
from .village import Village
from .visits import household_visits


def household(v: Village, idx: int, category: str, state: str | None, group: int, house_number: int,
              cadre: str | None, latest_year: int) -> dict:
    """Household `idx` (0-based) in village group `group`, with its state from `assign_states`."""
    rng = v.rng
    monitored = category == "monitored"
    if monitored:
        mcat = v.weighted((("unstable_lifted", 45), ("edge_at_risk", 40), ("sudden_hardship", 15)))
        base = "lifted" if mcat == "unstable_lifted" else "ordinary"
    else:
        mcat = None
        base = category
    if monitored:
        residence = v.weighted((("at_home", 90), ("away", 7), ("in_town", 3)))
    elif base == "lifted":
        residence = v.weighted((("at_home", 70), ("away", 25), ("in_town", 5)))
    else:
        residence = v.weighted((("at_home", 74), ("away", 18), ("in_town", 8)))
    hardship = 2 if monitored else (1 if base == "lifted" else 0)

    # the risk the case is about
    primary = None
    if monitored or state in ("clue", "rejected"):
        pairs = [("illness", 32), ("disability", 12), ("schooling", 10), ("unstable_work", 10),
                 ("no_labour", 6), ("accident", 6), ("disaster", 5), ("housing", 5), ("failed_project", 4),
                 ("water", 2), ("other", 3)]
        if state in ("eliminated", "stable", "reverted") or residence != "at_home":
            pairs = [p for p in pairs if p[0] != "no_labour"]
        if mcat == "sudden_hardship":
            pairs = [("illness", 40), ("accident", 30), ("disaster", 20), ("failed_project", 10)]
        primary = v.weighted(pairs)
    need = None
    if primary == "schooling":
        need = "student"
    elif primary == "no_labour":
        need = "no_labour"
    elif state in ("eliminated", "stable", "reverted"):
        need = "labour"

    hh = {"key": f"h{idx + 1:04d}", "number": f"{v.village_code}{idx + 1:04d}",
          "group_name": f"第{zh_number(group)}村民小组",
          "address": f"{v.village}{zh_number(group)}组{house_number}号",
          "phone": None, "category": category, "monitoring_category": mcat, "residence": residence,
          "flags": [], "risk_types": [], "risk_eliminated": state in ("eliminated", "stable"),
          "housing_grade": "A", "can_fix_housing_alone": True, "water_secured": True, "has_supporter": True,
          "pairing_cadre": cadre, "details": None, "members": None, "incomes": [],
          "visits": None, "case": None}
    members = make_members(v, hh, hardship, need, primary)
    can_work = any(m["labour"] in ("ordinary", "skilled", "weak") for m in members)
    students = [m for m in members if m["school_status"] not in ("none", "dropped_out")]
    single_old = len(members) == 1 and members[0]["_age"] >= 60

    # housing, water, supporters
    grade = v.weighted((("A", 68), ("B", 27), ("C", 3.5), ("D", 1.5)))
    current = state in ("identified", "helping", "reverted")
    if primary == "housing":
        grade = rng.choice("CD") if current else rng.choice("AB")
    elif monitored and not current and grade in "CD":
        grade = "B"
    hh["housing_grade"] = grade
    hh["can_fix_housing_alone"] = grade in "AB" or (not monitored and rng.random() < 0.7)
    hh["water_secured"] = not (primary == "water" and current) and (monitored or rng.random() > 0.01)
    hh["has_supporter"] = can_work or (not single_old) or rng.random() < 0.6

    # flags
    flags = []
    p_dibao = {2: 0.25, 1: 0.15, 0: 0.02}[hardship]
    if single_old and not hh["has_supporter"] and hardship and rng.random() < 0.6:
        flags.append("tekun_scattered")
        hh["has_supporter"] = False
    elif rng.random() < p_dibao:
        flags.append("dibao")
        if not can_work or (not students and rng.random() < 0.2):
            flags.append("dibao_whole")
    elif rng.random() < (0.06 if hardship == 0 else 0.02):
        flags.append("dibao_edge")
    if any(m["health"] == "disabled" and m["disability_certificate"] for m in members):
        flags.append("disabled")
    if base == "lifted" and rng.random() < 0.08:
        flags.append("relocated")
    if rng.random() < 0.015:
        flags.append("military")
    order = ("dibao", "dibao_whole", "tekun_scattered", "tekun_central", "dibao_edge", "disabled",
             "relocated", "military")
    hh["flags"] = [f for f in order if f in flags]

    # land, road, house
    mu = rng.randint(50, 600) if rng.random() < 0.95 else 0
    hh["details"] = {
        "cultivated_mu_x100": mu // 10 * 10,
        "forest_mu_x100": rng.randint(0, 3000) // 10 * 10 if rng.random() < 0.7 else 0,
        "road_hardened": rng.random() < 0.93,
        "road_distance_m": rng.randint(0, 300) if rng.random() < 0.8 else rng.randint(300, 2500),
        "housing_area_m2": max(40, min(300, rng.randint(25, 45) * len(members) + rng.randint(20, 60))),
        "fuel": v.weighted((("柴草", 30), ("电", 38), ("液化气", 25), ("煤", 7 if v.p["province"] not in ("62", "61") else 25))),
        "safe_water": hh["water_secured"],
        "sanitary_toilet": rng.random() < 0.82,
        "cooperative": rng.random() < (0.45 if hardship else 0.2),
    }
    if "relocated" in flags:
        hh["details"]["cultivated_mu_x100"] //= 3

    # risk types (identified households and those with eliminated or reverted cases)
    risks: list[str] = []
    if primary:
        risks.append(primary)
        extra = []
        if any(m["health"] == "serious_illness" for m in members) and rng.random() < 0.6:
            extra.append("illness")
        if any(m["health"] == "disabled" and (m["disability_grade"] or 4) <= 2 for m in members) and rng.random() < 0.5:
            extra.append("disability")
        if any(m["school_status"] in ("senior", "college") for m in members) and rng.random() < 0.4:
            extra.append("schooling")
        if not can_work and state not in ("eliminated", "stable", "reverted"):
            extra.append("no_labour")
        if grade in "CD" and current:
            extra.append("housing")
        if not hh["water_secured"]:
            extra.append("water")
        for r in extra:
            if r not in risks and len(risks) < 3:
                risks.append(r)

    # incomes
    low = monitored and current and rng.random() < 0.1
    if low:
        target = (5000, 7500)
    elif state in ("eliminated", "stable", "reverted"):
        target = (9000, 16000)
    elif hardship:
        target = (8000, 14000)
    elif rng.random() < 0.9:
        target = (8500, 16000)
    else:
        target = None
    hh["members"] = members
    items = income_items(v, members, hh, target)
    per_capita = net_income(items) // len(members)
    wants_two = base == "lifted" or monitored
    n_inc = 2 if wants_two else (1 if rng.random() < 0.7 else 0)
    incomes = []
    if n_inc == 2:
        d1 = date(latest_year - 1, 10, rng.randint(8, 28)).isoformat()
        incomes.append({"assessed_on": d1, "items": scale_items(items, rng.randint(85, 101))})
    if n_inc:
        incomes.append({"assessed_on": date(latest_year, 10, rng.randint(8, 28)).isoformat(), "items": items})
    hh["incomes"] = incomes

    # the case
    marks: dict = {}
    if state:
        cadre = hh["pairing_cadre"] or rng.choice(v.team)
        case, marks = build_case(v, hh, state, members, risks, per_capita, cadre)
        hh["case"] = case
    if monitored:
        hh["risk_types"] = list(risks[:5])

    # household phone: the head's, else any member's, else a relative's
    phones = [m["phone"] for m in members if m["phone"]]
    hh["phone"] = members[0]["phone"] or (phones[0] if phones else v.phone())

    # ID numbers, then the visit log; the helper fields (_age, _birth, _male) go last
    for m in members:
        m["id_number"] = v.id_number(m["_birth"], m["_male"])
    hh["visits"] = household_visits(v, hh, base, members, marks)
    for m in members:
        del m["_age"], m["_birth"], m["_male"]
    return hh
