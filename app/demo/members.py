"""A household's members: who lives together (templates of couples, children, parents and
grandchildren), their names, ages, schooling, health, labour capacity, work and phones,
consistent with the national data checks (school stage by age, no labour for students, the
risk a case was opened for visible in the members)."""
from __future__ import annotations

from datetime import date

from .names import GIVEN, era
from .texts import BRANDS, LOCAL_TRADES, TRADES
from .village import Village


def compose(v: Village, tpl: str, student: bool, old: bool) -> list[list]:
    """Members as [relation, male, age, surname code]: L lineage, H head's own, R random,
    S son-in-law's lineage."""
    rng = v.rng
    out: list[list] = []

    def kids(mother_age: int, count: int, forced_student: bool, sur: str, rel_m="son", rel_f="daughter"):
        res = []
        for j in range(count):
            if j == 0 and forced_student:
                a = rng.randint(15, 21)
            else:
                hi = mother_age - 19
                if hi < 0:
                    break
                a = max(0, mother_age - rng.randint(20, 36))
                a = min(a, hi)
            male = rng.random() < 0.52
            res.append([rel_m if male else rel_f, male, a, sur])
        res.sort(key=lambda p: -p[2])
        return res

    def n_kids():
        return v.weighted(((1, 36), (2, 46), (3, 18)))

    if tpl == "single_old":
        male = rng.random() < 0.5
        out.append(["head", male, rng.randint(72 if old else 62, 92), "L" if male else "H"])
    elif tpl == "single_mid":
        out.append(["head", True, rng.randint(28, 61), "L"])
    elif tpl == "old_couple":
        h = rng.randint(72 if old else 60, 88)
        out += [["head", True, h, "L"], ["spouse", False, max(old and 70 or 55, h - rng.randint(0, 5)), "R"]]
    elif tpl in ("nuclear", "nuclear_parents"):
        h = rng.randint(26, 56)
        w = max(21, h - rng.randint(-1, 5))
        c = kids(w, n_kids(), False, "L")
        if student:
            a = rng.randint(15, 21)
            w = max(w, a + rng.randint(20, 28))
            h = max(h, w + rng.randint(-1, 4))
            c = [[("son" if m else "daughter"), m, a, "L"] for m in (rng.random() < 0.52,)]
            c += kids(w, rng.randint(0, 2), False, "L")
            c.sort(key=lambda p: -p[2])
        out += [["head", True, h, "L"], ["spouse", False, w, "R"]] + c
        if tpl == "nuclear_parents":
            f = min(95, h + rng.randint(22, 32))
            m = min(95, f - rng.randint(0, 4))
            which = v.weighted((("both", 45), ("mother", 40), ("father", 15)))
            if which in ("both", "father"):
                out.append(["father", True, f, "L"])
            if which in ("both", "mother"):
                out.append(["mother", False, m, "R"])
    elif tpl == "three_gen":
        h = rng.randint(50, 74)
        w = max(45, h - rng.randint(0, 5))
        out += [["head", True, h, "L"], ["spouse", False, w, "R"]]
        child_age = min(w - 20, max(22, w - rng.randint(20, 30)))
        inlaw_age = max(20, child_age - rng.randint(-2, 4))
        uxorilocal = rng.random() < 0.08
        if uxorilocal:
            children = [["daughter", False, child_age, "L"]]
            inlaw = ["son_in_law", True, inlaw_age + 2, "S"]
            gsur = "S"
            mother = child_age
        else:
            children = [["son", True, child_age, "L"]]
            inlaw = ["daughter_in_law", False, inlaw_age, "R"]
            gsur = "L"
            mother = inlaw_age
        if student or rng.random() < 0.2:
            lo, hi = (15, 21) if student else (max(0, child_age - 12), child_age - 1)
            a = rng.randint(lo, max(lo, hi))
            a = min(a, w - 20)
            male = rng.random() < 0.52
            children.append(["son" if male else "daughter", male, a, "L"])
        children.sort(key=lambda p: -p[2])
        grand = []
        for _ in range(v.weighted(((1, 45), (2, 42), (3, 13)))):
            a = max(0, mother - rng.randint(20, 34))
            a = min(a, mother - 19) if mother >= 19 else 0
            male = rng.random() < 0.52
            grand.append(["grandson" if male else "granddaughter", male, a, gsur])
        grand.sort(key=lambda p: -p[2])
        out += children + [inlaw] + grand
    elif tpl == "widow":
        h = rng.randint(35, 68)
        out.append(["head", False, h, "H"])
        out += kids(h, n_kids(), student, "L")
        if student:
            out[0][2] = max(h, max(p[2] for p in out[1:]) + 20)
    elif tpl == "old_couple_son":
        h = rng.randint(55, 80)
        w = max(50, h - rng.randint(0, 5))
        out += [["head", True, h, "L"], ["spouse", False, w, "R"],
                ["son", True, max(20, w - rng.randint(22, 35)), "L"]]
    return out[:7]

def pick_template(v: Village, hardship: int, residence: str, need: str | None) -> str:
    if need == "no_labour":
        return v.weighted((("single_old", 55), ("old_couple", 45)))
    if need == "student":
        return v.weighted((("nuclear", 50), ("nuclear_parents", 20), ("three_gen", 15), ("widow", 15)))
    if residence == "away":
        return v.weighted((("nuclear", 68), ("single_mid", 12), ("nuclear_parents", 20)))
    if need == "labour":
        return v.weighted((("nuclear", 34), ("nuclear_parents", 20), ("three_gen", 22), ("widow", 8),
                              ("old_couple_son", 8), ("single_mid", 8)))
    if hardship:
        return v.weighted((("single_old", 13), ("single_mid", 6), ("old_couple", 18), ("nuclear", 25),
                              ("nuclear_parents", 12), ("three_gen", 12), ("widow", 8), ("old_couple_son", 6)))
    return v.weighted((("single_old", 8), ("single_mid", 4), ("old_couple", 15), ("nuclear", 33),
                          ("nuclear_parents", 15), ("three_gen", 15), ("widow", 6), ("old_couple_son", 4)))

def schooling(v: Village, age: int) -> tuple[str, str]:
    """(school_status, education) for a person of `age`, consistent with the national
    stage-by-age checks."""
    rng = v.rng
    r = rng.random()
    if age < 3:
        return "none", "illiterate"
    if age <= 5:
        return ("preschool" if r < 0.85 else "none"), "illiterate"
    if age <= 11:
        return "primary", "primary"
    if age == 12:
        return ("primary", "primary") if r < 0.4 else ("junior", "junior")
    if age <= 14:
        return "junior", "junior"
    if age == 15:
        return ("junior", "junior") if r < 0.3 else ("senior", "senior" if rng.random() < 0.7 else "vocational")
    if age <= 17:
        if r < (0.9 if age == 16 else 0.8):
            return "senior", "senior" if rng.random() < 0.7 else "vocational"
        return "none", "junior"
    if age <= 22:
        p_college = 0.12 if age == 22 else 0.42
        if age == 18 and r < 0.3:
            return "senior", "senior" if rng.random() < 0.7 else "vocational"
        if rng.random() < p_college:
            return "college", "college"
        return "none", v.weighted((("junior", 50), ("senior", 20), ("vocational", 22), ("college", 8)))
    if age >= 65:
        return "none", v.weighted((("illiterate", 35), ("primary", 50), ("junior", 15)))
    if age >= 45:
        return "none", v.weighted((("illiterate", 8), ("primary", 40), ("junior", 45), ("senior", 7)))
    return "none", v.weighted((("primary", 10), ("junior", 55), ("senior", 15), ("vocational", 10), ("college", 10)))

def health_state(v: Village, age: int, hardship: int) -> str:
    r = v.rng.random()
    if age >= 60:
        chronic, serious, disabled = 0.25 + 0.1 * hardship, 0.02 + 0.015 * hardship, 0.03 + 0.02 * hardship
    elif age >= 40:
        chronic, serious, disabled = 0.08 + 0.05 * hardship, 0.015 + 0.015 * hardship, 0.02 + 0.02 * hardship
    else:
        chronic, serious, disabled = 0.01 + 0.01 * hardship, 0.003 + 0.004 * hardship, 0.01 + 0.01 * hardship
    if r < disabled:
        return "disabled"
    if r < disabled + serious:
        return "serious_illness"
    if r < disabled + serious + chronic:
        return "chronic"
    return "healthy"

def labour_capacity(v: Village, age: int, status: str, health: str, grade: int | None) -> str:
    rng = v.rng
    if age < 16 or status not in ("none", "dropped_out"):
        return "none"
    if health == "disabled" and grade in (1, 2):
        return "lost"
    if health == "serious_illness":
        return "lost" if rng.random() < 0.6 else "weak"
    if age >= 70:
        return "lost" if rng.random() < (0.75 if health == "chronic" else 0.5) else "weak"
    if age >= 60:
        if health in ("chronic", "disabled"):
            return "weak" if rng.random() < 0.8 else "lost"
        return "ordinary" if rng.random() < 0.4 else "weak"
    if health in ("chronic", "disabled"):
        return "weak" if rng.random() < 0.6 else "ordinary"
    r = rng.random()
    return "skilled" if r < 0.2 else ("ordinary" if r < 0.97 else "weak")

def set_disabled(v: Village, m: dict) -> None:
    rng = v.rng
    m["health"] = "disabled"
    m["disability_grade"] = v.weighted(((1, 12), (2, 23), (3, 30), (4, 35)))
    m["disability_certificate"] = rng.random() < 0.92

def make_members(v: Village, hh: dict, hardship: int, need: str | None, primary: str | None) -> list[dict]:
    rng = v.rng
    tpl = pick_template(v, hardship, hh["residence"], need)
    specs = compose(v, tpl, need == "student", need == "no_labour")
    line = v.clans[int(rng.random() * 3)] if rng.random() < 0.35 else v.surname()
    own = v.surname()
    s_line = v.surname()
    eth_h = v.weighted(v.ethnic)
    members = []
    shared = None
    for rel, male, age, sur in specs:
        surname = {"L": line, "H": own, "S": s_line}.get(sur) or v.surname()
        b_ord = v.birth_ordinal(age)
        birth = date.fromordinal(b_ord)
        gen_shared = None
        if rel in ("son", "daughter", "grandson", "granddaughter") and len(specs) > 2:
            if shared is None and rng.random() < 0.3:
                shared = rng.choice(GIVEN[(era(birth.year), male)])
            gen_shared = shared if (shared and rel in ("son", "daughter") and rng.random() < 0.8) else None
        name = surname + v.given(male, birth.year, gen_shared)
        status, edu = schooling(v, age)
        health = health_state(v, age, hardship)
        m = {"name": name, "id_number": None, "sex": "male" if male else "female",
             "birth_date": birth.isoformat(),
             "ethnicity": eth_h if rel not in ("spouse", "daughter_in_law", "son_in_law", "mother")
             or rng.random() < 0.75 else v.weighted(v.ethnic),
             "relation": rel, "education": edu, "school_status": status, "health": health,
             "disability_grade": None, "disability_certificate": False, "labour": None,
             "work_months": 0, "work_place": None, "employer": None, "monthly_wage_fen": None,
             "welfare_post": False, "medical_insurance": rng.random() < 0.996,
             "pension_insurance": False, "phone": None,
             "_age": age, "_birth": birth, "_male": male}
        if health == "disabled":
            set_disabled(v, m)
        members.append(m)

    # The risk the case was opened for must be visible in the members.
    adults = [m for m in members if m["_age"] >= 16]
    if primary == "illness":
        m = rng.choice([m for m in adults if m["health"] != "disabled"] or adults)
        m["health"] = "serious_illness" if rng.random() < 0.7 else "chronic"
        m["disability_grade"], m["disability_certificate"] = None, False
    elif primary == "disability":
        set_disabled(v, rng.choice(members))
    for m in members:
        m["labour"] = labour_capacity(v, m["_age"], m["school_status"], m["health"], m["disability_grade"])
    if need == "no_labour":
        for m in members:
            m["labour"] = "lost"
    elif need == "labour" and not any(m["labour"] in ("ordinary", "skilled", "weak") for m in members):
        cand = [m for m in adults if m["school_status"] == "none" and m["_age"] < 75]
        (min(cand, key=lambda m: m["_age"]) if cand else adults[0])["labour"] = "weak"
    work(v, members, hh, hardship, primary)
    for m in members:
        age = m["_age"]
        student = m["school_status"] not in ("none", "dropped_out")
        if age >= 16 and not student:
            m["pension_insurance"] = rng.random() < (0.95 if age >= 60 else 0.8)
        if 16 <= age <= 75 and rng.random() < (0.9 if age < 60 else 0.5):
            m["phone"] = v.phone()
    return members

def work(v: Village, members: list[dict], hh: dict, hardship: int, primary: str | None) -> None:
    rng = v.rng
    away = hh["residence"] in ("away", "in_town")
    dests = v.p["dests"]
    for m in members:
        age, lab = m["_age"], m["labour"]
        if lab not in ("ordinary", "skilled", "weak") or not 16 <= age <= 64:
            continue
        if away and (m["relation"] in ("head", "spouse") or age >= 18):
            p_mig, p_loc = 0.9, 0.05
        elif age <= 45:
            p_mig, p_loc = 0.55, 0.15
        elif age <= 55:
            p_mig, p_loc = 0.35, 0.15
        else:
            p_mig, p_loc = 0.12, 0.12
        if lab == "weak":
            p_mig *= 0.3
        r = rng.random()
        if r < p_mig:
            city = dests[int(rng.random() * len(dests))]
            m["work_place"] = city
            short = city.split("省")[-1].split("区")[-1]
            m["employer"] = (short + rng.choice(BRANDS) + rng.choice(TRADES)) if rng.random() < 0.9 \
                else f"中建{rng.choice('二三五八')}局{short}项目部"
            m["work_months"] = rng.choice((6, 7, 8, 9, 10, 10, 10, 11, 11, 11, 12, 12))
            lo, hi = {"skilled": (4500, 7000), "ordinary": (3000, 5500), "weak": (2500, 3800)}[lab]
            m["monthly_wage_fen"] = rng.randint(lo // 100, hi // 100) * 10000
            if primary == "unstable_work":
                m["work_months"] = rng.randint(2, 5)
        elif r < p_mig + p_loc:
            county = v.p["county"]
            m["work_place"] = rng.choice((county + "城", v.p["township"], county + "工业园区"))
            m["employer"] = county[:-1] + rng.choice(BRANDS) + rng.choice(LOCAL_TRADES) \
                if rng.random() < 0.8 else v.village + "扶贫车间"
            m["work_months"] = rng.randint(3, 10)
            m["monthly_wage_fen"] = rng.randint(18, 35) * 10000
    if hardship and rng.random() < 0.22 or not hardship and rng.random() < 0.01:
        cand = [m for m in members if 16 <= m["_age"] <= 69 and m["labour"] in ("weak", "ordinary")
                and m["work_place"] is None]
        if cand:
            rng.choice(cand)["welfare_post"] = True

# --- income ---------------------------------------------------------------------------
