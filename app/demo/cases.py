"""Monitoring cases: the events of a case that ends in a given state (clue, check, identify,
plan, measures, elimination, the quarterly 回头看, a revert), on dates that keep the case rules
of DOMAIN §4, and the dates the visit schedule needs."""
from __future__ import annotations

from datetime import date

from app.core.monitoring import quarter_bounds, quarter_index

from .texts import DEVELOPMENT, MEASURE_NOTES, RISK_MEASURE, RISK_NOTES
from .village import Village

BASELINE_FEN = 700_000  # monitoring baseline used in elimination events (7,000 yuan)


def quarter_days(qi: int) -> tuple[int, int]:
    """First and last day (ordinals) of quarter `qi`."""
    first, last = quarter_bounds(qi)
    return first.toordinal(), last.toordinal()


def measure_event(v: Village, on: int, code: str, by: str) -> dict:
    rng = v.rng
    note = rng.choice(MEASURE_NOTES[code]).format(n=rng.randint(5, 60) * 100, k=rng.randint(2, 10))
    return {"kind": "measure", "on": v.iso(on), "by": by, "data": {"measure": code, "note": note}}

def plan_measures(v: Village, risks: list[str], has_labour: bool, members: list[dict]) -> list[str]:
    rng = v.rng
    out: list[str] = []
    for r in risks:
        code = RISK_MEASURE[r]
        if r == "illness" and rng.random() < 0.3:
            code = "social_security"
        if code not in out:
            out.append(code)
    if "schooling" in risks and any(m["school_status"] in ("primary", "junior") for m in members) \
            and rng.random() < 0.5:
        out.append("compulsory_education")
    if has_labour and not set(out) & set(DEVELOPMENT):
        out.append(v.weighted((("industry", 45), ("employment", 40), ("welfare_post", 10), ("microcredit", 5))))
    return out

def build_case(v: Village, hh: dict, state: str, members: list[dict], risks: list[str], per_capita: int,
               cadre: str) -> tuple[dict, dict]:
    """Events for a case ending in `state`, and the dates the visit schedule needs."""
    rng, t = v.rng, v.t
    ev: list[dict] = []
    marks: dict = {}
    has_labour = any(m["labour"] in ("ordinary", "skilled", "weak") for m in members)
    collector = rng.choice(v.collectors) if v.collectors else v.leader
    source = v.weighted((("干部排查", 55), ("农户申请", 25), ("部门预警", 20)))
    clue_risks = risks[:1] if state not in ("clue", "rejected") or rng.random() < 0.5 else risks[:2]

    def clue(on: int):
        ev.append({"kind": "clue", "on": v.iso(on), "by": cadre if source == "干部排查" and rng.random() < 0.5
                   else collector,
                   "data": {"source": source, "risk_types": list(clue_risks),
                            "note": "；".join(RISK_NOTES[r] for r in clue_risks)}})
        marks["clue"] = on
        marks["clue_by"] = ev[-1]["by"]
        marks["clue_risks"] = list(clue_risks)
        marks["clue_source"] = source

    def check(on: int, pc: int):
        ev.append({"kind": "check", "on": v.iso(on), "by": collector,
                   "data": {"note": f"入户核查：家庭{len(members)}人，人均纯收入约{pc // 100}元，"
                                    f"{RISK_NOTES[clue_risks[0]]}", "per_capita_fen": pc // 100 * 100}})

    def opening(identify_on: int) -> int:
        """clue, check, identify, plan, up to 3 measures before `limit`; returns plan date."""
        c = identify_on - rng.randint(3, 15)
        clue(c)
        check(rng.randint(c, min(identify_on, c + 6)), per_capita)
        ev.append({"kind": "identify", "on": v.iso(identify_on), "by": v.leader,
                   "data": {"monitoring_category": hh["monitoring_category"], "risk_types": list(risks)}})
        marks["identify"] = identify_on
        plan_on = v.day_in(identify_on + 1, identify_on + rng.randint(2, 10))
        measures = plan_measures(v, risks, has_labour, members)
        ev.append({"kind": "plan", "on": v.iso(plan_on), "by": cadre, "data": {"measures": measures}})
        marks["measures"] = list(measures)
        return plan_on

    def extra_measures(after: int, before: int, k: int):
        pool = [c for c in ("microcredit", "welfare_post", "social_aid", "infrastructure", "industry",
                            "employment") if c not in marks["measures"]]
        if not has_labour:
            pool = [c for c in pool if c not in ("welfare_post", "employment")]
        rng.shuffle(pool)
        days = sorted(v.day_in(after, before) for _ in range(min(k, len(pool))))
        for d, code in zip(days, pool):
            ev.append(measure_event(v, d, code, cadre))
            marks["measures"].append(code)

    def eliminate(on: int):
        pc = max(per_capita * rng.randint(92, 100) // 100, BASELINE_FEN + rng.randint(60, 400) * 1000)
        ev.append({"kind": "eliminate", "on": v.iso(on), "by": v.leader,
                   "data": {"method": "帮扶消除" if rng.random() < 0.85 else "自然消除",
                            "per_capita_fen": pc // 100 * 100, "baseline_fen": BASELINE_FEN,
                            "has_labour": has_labour, "three_guarantees_secured": True,
                            "water_secured": True}})
        marks["eliminate"] = on

    def followups(elim: int, quarters: int, last_risk: bool = False, last_on_max: int | None = None) -> int:
        qe = quarter_index(date.fromordinal(elim))
        on = elim
        for k in range(1, quarters + 1):
            lo, hi = quarter_days(qe + k)
            if k == quarters and last_on_max is not None:
                hi = min(hi, last_on_max)
            on = v.day_in(max(lo, on), hi)
            risk = last_risk and k == quarters
            ev.append({"kind": "followup", "on": v.iso(on), "by": rng.choice((cadre, collector)),
                       "data": {"result": "risk" if risk else "stable",
                                "note": "回头看发现：" + marks["revert_note"] if risk else
                                rng.choice(("收入稳定，无返贫风险", "三保障和饮水安全持续保障",
                                            "家庭生产生活正常，帮扶成效稳固", "务工收入稳定"))}})
        return on

    cq = quarter_index(v.today)
    if state == "clue":
        c = t - rng.randint(1, 14)
        clue(c)
        if rng.random() < 0.6 and c < t - 1:
            check(rng.randint(c + 1, t - 1), per_capita)
    elif state == "rejected":
        c = rng.randint(v.w0, t - 20)
        clue(c)
        k = rng.randint(c + 1, c + 7)
        check(k, per_capita)
        ev.append({"kind": "reject", "on": v.iso(rng.randint(k, c + 15)), "by": v.leader,
                   "data": {"reason": f"经入户核查，家庭人均纯收入{per_capita // 100}元，无刚性支出，"
                                      f"“三保障”和饮水安全有保障，不符合纳入条件"}})
    elif state == "identified":
        i = t - rng.randint(1, 9)
        c = i - rng.randint(2, 14)
        clue(c)
        check(rng.randint(c, i), per_capita)
        ev.append({"kind": "identify", "on": v.iso(i), "by": v.leader,
                   "data": {"monitoring_category": hh["monitoring_category"], "risk_types": list(risks)}})
        marks["identify"] = i
    elif state == "helping":
        i = rng.randint(v.w0 - 200, t - 12)
        p = opening(i)
        if p < t - 2:
            extra_measures(p + 1, t - 1, v.weighted(((0, 35), (1, 40), (2, 20), (3, 5))))
    elif state in ("eliminated", "stable", "reverted"):
        if state == "eliminated":
            k = rng.randint(0, 4)        # quarters since the quarter of elimination
            qe = cq - k
            n_f = max(0, k - 1)
            lo, hi = quarter_days(qe)
            e = v.day_in(lo, hi - 5 if k == 0 else hi)
        elif state == "stable":
            qe = cq - rng.randint(5, 7)
            lo, hi = quarter_days(qe)
            e = rng.randint(lo, hi)
            n_f = 4
        else:
            n_f = rng.randint(1, 2)
            rq = cq - 1 if rng.random() < 0.7 or quarter_days(cq)[0] > t - 20 else cq
            qe = rq - n_f
            lo, hi = quarter_days(qe)
            e = rng.randint(lo, hi)
        i = e - rng.randint(185, 330)
        p = opening(i)
        extra_measures(p + 1, e - 1, v.weighted(((0, 30), (1, 45), (2, 25))))
        eliminate(e)
        if state == "eliminated":
            if k and k < 4 and rng.random() < 0.5 and quarter_days(cq)[0] < t - 1:
                n_f = k          # this quarter's 回头看 already done
            if n_f:
                followups(e, n_f)
        elif state == "stable":
            last = followups(e, 4)
            ev.append({"kind": "stable", "on": v.iso(v.day_in(last, last + 20)), "by": v.leader,
                       "data": {"note": "风险消除后四个季度回头看均稳定，结束回头看"}})
        else:
            new = [x for x in ("illness", "accident", "unstable_work", "disaster") if x not in risks]
            new = [rng.choice(new)] if len(risks) < 5 else []
            marks["revert_note"] = RISK_NOTES[new[0]] if new else "收入下降，存在返贫风险"
            last = followups(e, n_f, last_risk=True, last_on_max=t - 14)
            r = v.day_in(last, last + 3)
            ev.append({"kind": "revert", "on": v.iso(r), "by": v.leader,
                       "data": {"reason": RISK_NOTES[new[0]] if new else "风险反弹，收入下降",
                                "risk_types": new}})
            marks["revert"] = r
            risks += new
            need = [RISK_MEASURE[x] for x in new if x in ("illness",) and "health" not in marks["measures"]
                    and "social_security" not in marks["measures"]]
            d = r
            for code in need:
                d = v.day_in(r + 1, r + 10)
                ev.append(measure_event(v, d, code, cadre))
                marks["measures"].append(code)
            if d < t - 2 and rng.random() < 0.5:
                extra_measures(d + 1, t - 1, 1)
    return {"events": ev}, marks

