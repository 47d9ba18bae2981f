"""The visit log: each month's home visits and phone/WeChat contacts by the household's state then
(monitored, risk eliminated, lifted at home or away, ordinary), as the visit policy of DOMAIN §6
asks, with findings that fit the household and the season."""
from __future__ import annotations

from .texts import ELIMINATED, FOLLOWUPS, GENERAL_HOME, MONITORED, REMOTE, RISK_NOTES, SEASONAL
from .village import Village


def finding_pools(v: Village, hh: dict, members: list[dict]) -> tuple[list[str], list[str]]:
    """Sentences that fit this household: (home visit pool, phone/WeChat pool)."""
    rng = v.rng
    k = int(rng.random() * len(GENERAL_HOME))
    home = [GENERAL_HOME[(k + j * 3) % len(GENERAL_HOME)] for j in range(4)]
    k = int(rng.random() * len(REMOTE))
    remote = [REMOTE[(k + j * 2) % len(REMOTE)] for j in range(3)]
    olds = [m for m in members if m["_age"] >= 65]
    if olds:
        home += ["家中老人慢性病情稳定，按时服药" if any(m["health"] == "chronic" for m in olds)
                 else "老人身体状况良好，生活能自理", "提醒老人按时领取养老金"]
        if len(members) == 1:
            home.append("独居老人生活能自理，邻里照应")
    if any(m["health"] == "serious_illness" for m in members):
        home += ["患病成员按时复查，医疗费用已按政策报销", "病人病情稳定，家属照料到位"]
        remote.append("电话了解病人治疗情况，病情稳定")
    if any(m["health"] == "disabled" for m in members):
        home.append("残疾人两项补贴按时发放，残疾成员生活有人照料")
    if any(m["school_status"] in ("primary", "junior") for m in members):
        home.append("孩子在校就读正常，已享受义务教育阶段资助")
    if any(m["school_status"] in ("senior", "college") for m in members):
        home.append("了解孩子学习情况，已申请雨露计划补助")
    workers = [m for m in members if m["work_place"] and m["monthly_wage_fen"] and m["monthly_wage_fen"] >= 250000]
    rel_zh = {"head": "户主", "spouse": "配偶", "son": "儿子", "daughter": "女儿", "daughter_in_law": "儿媳",
              "son_in_law": "女婿", "grandson": "孙子", "granddaughter": "孙女"}
    for m in workers[:2]:
        s = f"{rel_zh.get(m['relation'], '家人')}在{m['work_place']}务工，收入稳定"
        home.append(s)
        remote.append(s)
    if "dibao" in hh["flags"]:
        home.append("低保金按时足额发放")
    if hh["details"]["cultivated_mu_x100"] >= 200:
        home.append(f"家中种植水稻和玉米{hh['details']['cultivated_mu_x100'] // 100}亩，长势良好")
    if rng.random() < 0.5:
        home.append(f"家中养猪{rng.randint(2, 8)}头，长势良好")
    if any(m["welfare_post"] for m in members):
        home.append("公益岗位工作正常，工资按时发放")
    if hh["housing_grade"] in ("C", "D"):
        home.append("危房改造正在推进，已上报住房安全保障需求")
    return home, remote


def household_visits(v: Village, hh: dict, base: str, members: list[dict], marks: dict) -> list[dict]:
    rng = v.rng
    team = v.team
    cadre = hh["pairing_cadre"]
    home_pool, remote_pool = finding_pools(v, hh, members)
    mon_pool = home_pool + list(MONITORED)
    elim_pool = home_pool + list(ELIMINATED)
    adults = [m for m in members if m["_age"] >= 16] or members
    at_home_people = [m["name"] for m in adults if not m["work_place"] or m["work_place"] in (
        v.p["township"],)] or [members[0]["name"]]
    phone_people = [m["name"] for m in adults if m["phone"]] or [members[0]["name"]]
    away = hh["residence"] != "at_home"
    risks = hh["risk_types"]
    miss = rng.choice((0.01, 0.02, 0.04, 0.05, 0.06, 0.08, 0.12))
    annual_month = rng.choice((1, 2)) if away else rng.choice((9, 10, 11))
    # a few ordinary households nobody went into this past year: overdue on the due list
    neglected_from = v.visit_months[-12] if base == "ordinary" and rng.random() < 0.03 else 10**9
    # status changes: (from ordinal, status)
    changes = []
    if "identify" in marks:
        changes.append((marks["identify"], "M"))
    if "eliminate" in marks:
        changes.append((marks["eliminate"], "E"))
    if "revert" in marks:
        changes.append((marks["revert"], "M"))
    if base == "lifted":
        start = "LA" if away else "LH"
    else:
        start = "OA" if away else "OH"
    clue_on = marks.get("clue") if marks.get("clue_source") == "干部排查" else None
    out: list[dict] = []
    quarter_home = {}
    rnd = rng.random

    day_iso, w0 = v.day_iso, v.w0
    x = v.extra_visits  # share of the contacts beyond what the visit policy asks (1.0: the demo's busy team)
    seasonal = SEASONAL
    for mi, lo, ndays, month in v.vm:
        end = lo + ndays - 1
        st = start
        for d, s in changes:
            if d <= end:
                st = s
        todo = []   # (kind, visitor)
        if st == "M":
            if rnd() >= miss:
                todo.append(("home", cadre))
            if x == 1.0 or rnd() < x:
                todo.append(("home" if rnd() < 0.75 else "remote", None))
            if rnd() < 0.45 * x:
                todo.append(("home" if rnd() < 0.6 else "remote", None))
        elif st == "E":
            q = mi // 3
            if q not in quarter_home:
                quarter_home[q] = q * 3 + int(rnd() * 3)
            if rnd() >= miss:
                todo.append(("home" if mi == quarter_home[q] else "remote", cadre))
            if rnd() < 0.6 * x:
                todo.append(("home" if rnd() < 0.5 else "remote", None))
        elif st == "LH":
            if rnd() >= miss:
                todo.append(("home", cadre))
            if rnd() < 0.85 * x:
                todo.append(("home" if rnd() < 0.85 else "remote", None))
            if rnd() < 0.35 * x:
                todo.append(("home", None))
        elif st == "LA":
            if rnd() >= miss:
                todo.append(("remote", cadre))
            if rnd() < 0.5 * x:
                todo.append(("remote", None))
            if month == annual_month and rnd() < 0.8:
                todo.append(("home", None))
        elif st == "OH":
            if month == annual_month and rnd() >= miss and mi < neglected_from:
                todo.append(("home", None))
            home_p = 0.8 if mi < neglected_from else 0.0
            if rnd() < 0.7 * x:
                todo.append(("home" if rnd() < home_p else "remote", None))
            if rnd() < 0.3 * x:
                todo.append(("home" if rnd() < home_p else "remote", None))
        else:  # OA
            if month == annual_month and rnd() >= miss and mi < neglected_from:
                todo.append(("home", None))
            if rnd() < 0.5 * x:
                todo.append(("remote", None))
        has_clue = clue_on is not None and lo <= clue_on <= end
        if has_clue:
            todo.append(("clue", marks["clue_by"]))
        k = len(todo)
        if k == 0:
            continue
        if k == 1:
            dated = ((int(rnd() * ndays), todo[0]),)
        else:
            dated = sorted(((int(rnd() * ndays), x) for x in todo), key=_first)
        base_i = lo - w0
        for day, (kind, who) in dated:
            if kind == "clue":
                out.append({"date": v.iso(clue_on), "mode": "home", "visitor": who,
                            "met_person": members[0]["name"],
                            "findings": "入户排查发现风险：" + "；".join(RISK_NOTES[r] for r in marks["clue_risks"]),
                            "risks_seen": list(marks["clue_risks"]), "followups": "按程序上报风险线索，开展入户核查"})
                continue
            visitor = who or team[int(rnd() * len(team))]
            if kind == "home":
                mode = "home"
                met = at_home_people[int(rnd() * len(at_home_people))]
                pool = mon_pool if st == "M" else (elim_pool if st == "E" else home_pool)
            else:
                mode = "phone" if rnd() < 0.6 else "wechat"
                met = phone_people[int(rnd() * len(phone_people))]
                pool = remote_pool
            # findings: one or two sentences, sometimes one for the season
            text = pool[int(rnd() * len(pool))]
            r = rnd()
            if r < 0.25:
                extra = seasonal[month]
                text = text + "；" + extra[int(rnd() * len(extra))]
            elif r < 0.45:
                other = pool[int(rnd() * len(pool))]
                if other != text:
                    text = text + "；" + other
            seen = [risks[int(rnd() * len(risks))]] if st == "M" and risks and rnd() < 0.25 else []
            follow = FOLLOWUPS[int(rnd() * len(FOLLOWUPS))] if rnd() < (0.35 if st == "M" else 0.08) else ""
            out.append({"date": day_iso[base_i + day], "mode": mode, "visitor": visitor, "met_person": met,
                        "findings": text, "risks_seen": seen, "followups": follow})
        if has_clue:
            out.sort(key=_date_key)  # rare: keep the clue visit in date order
    return out



def _first(pair):
    return pair[0]


def _date_key(visit: dict) -> str:
    return visit["date"]

