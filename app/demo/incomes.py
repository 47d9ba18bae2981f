"""Income: the items of the twelve months before an assessment (in fen), shaped so that each
household lands where its category puts it, and the year before as a share of this one."""
from __future__ import annotations

from .texts import BRANDS, LOCAL_TRADES
from .village import Village


def income_items(v: Village, members: list[dict], hh: dict, target: tuple[int, int] | None) -> dict:
    """Income items (fen) for the 12 months before the latest assessment. `target` is a
    (low, high) range of per-capita yuan the household should land in, or None."""
    rng = v.rng
    det = hh["details"]
    size = len(members)
    wage = sum(m["monthly_wage_fen"] * m["work_months"] for m in members if m["monthly_wage_fen"])
    posts = sum(1 for m in members if m["welfare_post"])
    welfare = posts * rng.randint(50, 100) * 1200
    mu = det["cultivated_mu_x100"] / 100 if det["cultivated_mu_x100"] else 0
    business = int(mu * rng.randint(600, 1500)) * 100
    if rng.random() < 0.55:
        business += rng.randint(20, 150) * 10000  # 养殖
    expense = business * rng.randint(30, 50) // 100 // 100 * 100
    prop = rng.randint(5, 30) * 10000 if rng.random() < 0.2 else 0
    dividend = rng.randint(3, 15) * 10000 if hh["category"] != "ordinary" and rng.random() < 0.6 else 0
    pension = sum(rng.randint(140, 260) * 1000 for m in members if m["_age"] >= 60)
    fp = rng.randint(96, 192) * 1000 if rng.random() < 0.08 else 0
    eco = det["forest_mu_x100"] * rng.randint(10, 25) // 100 * 100
    flags = hh["flags"]
    dibao = 0
    if "dibao" in flags:
        n = size if "dibao_whole" in flags else min(size, rng.randint(1, 2))
        dibao = n * rng.randint(250, 450) * 1200
    tekun = rng.randint(500, 750) * 1200 if "tekun_scattered" in flags else 0
    other = rng.randint(0, 20) * 10000 if rng.random() < 0.3 else 0
    items = {"wage": wage, "welfare_post": welfare, "business": business, "property": prop,
             "dividend": dividend, "pension": pension, "family_planning": fp, "eco_compensation": eco,
             "dibao": dibao, "tekun": tekun, "other_transfer": other, "business_expense": expense}
    if target:
        lo, hi = target
        goal = rng.randint(lo, hi) * 100 * size
        net = net_income(items)
        if net < goal:
            gap = goal - net
            # first odd jobs near home for someone who can work but has no job yet
            idle = [m for m in members if m["labour"] in ("ordinary", "skilled", "weak")
                    and 16 <= m["_age"] <= 64 and not m["work_months"] and not m["welfare_post"]]
            if idle:
                m = idle[0]
                wage = rng.randint(20, 35) * 10000
                m["work_months"] = max(2, min(10, -(-gap // wage)))
                m["monthly_wage_fen"] = wage
                m["work_place"] = v.p["township"] if rng.random() < 0.6 else v.p["county"] + "城"
                m["employer"] = rng.choice(("打零工", v.village + "扶贫车间",
                                            v.p["county"][:-1] + rng.choice(BRANDS) + rng.choice(LOCAL_TRADES)))
                items["wage"] += wage * m["work_months"]
                gap -= wage * m["work_months"]
            if gap > 0:
                # then farming and livestock, and 赡养费 from children living elsewhere
                olds = any(m["_age"] >= 60 for m in members)
                farm = gap * (rng.randint(30, 60) if olds else 100) // 100
                gross = farm * 100 // 65 // 100 * 100
                items["business"] += gross
                items["business_expense"] += gross - farm // 100 * 100
                items["other_transfer"] += (gap - farm) // 100 * 100 + 100
        elif hi > 8000 and target[0] >= 8000 and hh["category"] != "ordinary" and rng.random() < 0.9 \
                and net > (cap := rng.randint(15000, 21000) * 100 * size):
            # 脱贫户/监测户 seldom have two full-year migrant wages: shorter seasons
            wage_now = items["wage"]
            keep = max(0, cap - (net - wage_now))
            for m in members:
                if m["monthly_wage_fen"] and wage_now:
                    months = min(m["work_months"], max(3, m["work_months"] * keep // wage_now))
                    items["wage"] -= (m["work_months"] - months) * m["monthly_wage_fen"]
                    m["work_months"] = min(m["work_months"], months)
        elif net > goal and hi <= 8000:
            # A household near the baseline: work stopped early this year.
            excess = net - goal
            for m in members:
                if excess <= 0:
                    break
                if m["monthly_wage_fen"] and m["work_months"] > 1:
                    cut = min(m["work_months"] - 1, -(-excess // m["monthly_wage_fen"]))
                    m["work_months"] -= cut
                    items["wage"] -= cut * m["monthly_wage_fen"]
                    excess -= cut * m["monthly_wage_fen"]
            if excess > 0:
                cut = min(excess, items["business"] - items["business_expense"]) // 100 * 100
                if cut > 0:
                    items["business"] -= cut
    return items

# --- the case -------------------------------------------------------------------------


def net_income(items: dict) -> int:
    return sum(v for k, v in items.items() if k != "business_expense") - items["business_expense"]


def scale_items(items: dict, pct: int) -> dict:
    """Items a year earlier: each about `pct` % of this year's, rounded to whole yuan."""
    return {k: v * pct // 100 // 100 * 100 for k, v in items.items()}

