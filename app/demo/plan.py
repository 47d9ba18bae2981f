"""A synthetic administrative village (合成行政村) for demos and benchmarks.

`build_village_plan(households, seed, today)` returns plain JSON-able data (ISO date strings,
money as int fen, no floats) describing one village: place, work team, pairing cadres,
households with members, incomes, two years of visits (or `years`) and monitoring cases,
monthly work prompts, attendance and problem-data lists. The same seed and `today` always give the same
output: everything comes from one `random.Random(seed)`, never the global generator or the
clock.

The numbers follow DOMAIN.md: category shares (≈35 % 脱贫户, 8 % 监测户), visit frequencies of
§6, the case rules of §4 (identify within 15 days of the clue, plan within 10 days,
no elimination in the identification month or the next, quarterly 回头看), and member facts the
national data checks look at (ID numbers, head/spouse sexes, school stage by age, labour of
students). Case event lists replay cleanly through `app.core.monitoring.replay`.

Households whose risk was eliminated keep category "monitored" with `risk_eliminated` true
(已消除风险监测户, as app.core.situations and the visit policy read them).

The parts live beside this module: places, names, texts (the village's words), village (the
build's state and random stream), households, members, incomes, cases, visits, worklog.
"""
from __future__ import annotations

import gc
from datetime import date

from app.core import clock

from .households import household
from .village import Village
from .worklog import attendance, problem_lists, prompts

# The generator's version (the plan and the forms): bump it when a seed's village changes, so
# that benchmarks do not measure a store they built earlier from another village (or kept another
# way: 3 keeps signatures' strokes deflated).
VERSION = 3

# The five-year village of the benchmarks (DOMAIN §10: five years of a large village kept on a
# laptop): the contacts the visit policy asks for and a few more, not the demo's busy team.
FIVE_YEARS = {"years": 5, "extra_visits": 0.15}


def build_village_plan(households: int, seed: int = 1, today: date | None = None, years: int = 2,
                       extra_visits: float = 1.0) -> dict:
    """A deterministic synthetic village of `households` households (see module docstring), as it
    stands on `today` (the clock's today when not given), with `years` years of visits, prompts and
    attendance; `extra_visits` scales the contacts beyond what the visit policy asks (1.0: the
    demo's busy team; the five-year village uses FIVE_YEARS)."""
    if isinstance(households, bool) or not isinstance(households, int) or households < 1:
        raise ValueError("households must be a positive integer")
    if isinstance(years, bool) or not isinstance(years, int) or not 1 <= years <= 10:
        raise ValueError("years must be an integer from 1 to 10")
    # Hundreds of thousands of small dicts, none of them cyclic: the cyclic collector would
    # only rescan them over and over (a quarter of the build time at 10,000 households).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(households, seed, today or clock.today(), years, extra_visits)
    finally:
        if was_enabled:
            gc.enable()


def _build(households: int, seed: int, today: date, years: int, extra_visits: float) -> dict:
    v = Village(households, seed, today, years, extra_visits)
    rng = v.rng
    place = v.build_place()
    team, cadres = v.build_staff()
    plan = v.assign_states()
    n = households

    # 村民小组 of 30–60 households (one group when the village is smaller)
    n_groups = max(1, round(n / 45))
    if n / n_groups > 60:
        n_groups = -(-n // 60)
    elif n / n_groups < 30 and n_groups > 1:
        n_groups = max(1, n // 30)
    groups = [n // n_groups + (1 if g < n % n_groups else 0) for g in range(n_groups)]
    for _ in range(2 * n_groups):
        a, b = rng.randrange(n_groups), rng.randrange(n_groups)
        move = rng.randint(0, 12)
        if a != b and groups[a] - move >= 30 and groups[b] + move <= 60:
            groups[a] -= move
            groups[b] += move
    group_of = []
    for g, size in enumerate(groups, 1):
        group_of += [g] * size

    # pairing cadres: neighbours share a cadre
    paired = [i for i in range(n) if plan[i][0] != "ordinary"]
    per = max(1, -(-len(paired) // len(cadres)))
    cadre_of = {i: cadres[min(len(cadres) - 1, k // per)] for k, i in enumerate(paired)}

    out_households = []
    latest_year = today.year if (today.month, today.day) > (10, 28) else today.year - 1
    house_no = {}
    for idx in range(n):
        category, state = plan[idx]
        g = group_of[idx]
        house_no[g] = house_no.get(g, 0) + rng.randint(1, 3)
        out_households.append(household(v, idx, category, state, g, house_no[g], cadre_of.get(idx),
                                        latest_year))

    return {
        "place": place,
        "team": team,
        "cadres": cadres,
        "households": out_households,
        "prompts": prompts(v),
        "attendance": attendance(v),
        "problem_lists": problem_lists(v, out_households),
    }

