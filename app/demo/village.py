"""One build's state: the random stream, today and the months the plan covers, the place and the
work team, the ID numbers and phone numbers already given out, and each household's category and
case state. The other modules of the package draw from it in a fixed order, so the same seed
and today always give the same village."""
from __future__ import annotations

import random
from datetime import date

from app.core.monitoring import add_months, month_index

from . import names
from .places import PLACES

MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151",
                   "152", "153", "155", "156", "157", "158", "159", "166", "173", "175", "177",
                   "178", "180", "181", "182", "183", "185", "186", "187", "188", "189", "191",
                   "198", "199")


class Village:
    """Holds the random stream and the tables of one build; methods add parts of the plan."""

    def __init__(self, n: int, seed: int, today: date, years: int = 2, extra_visits: float = 1.0):
        self.n = n
        self.extra_visits = extra_visits
        self.rng = random.Random(seed)
        self.today = today
        self.t = today.toordinal()
        self.used_ids: set[int] = set()
        self.used_phones: set[str] = set()
        # anniversaries: ordinal of the day `a` years before today (for exact ages)
        self.ann = []
        for a in range(0, 112):
            y = today.year - a
            try:
                self.ann.append(date(y, today.month, today.day).toordinal())
            except ValueError:  # 29 February in a common year
                self.ann.append(date(y, 2, 28).toordinal())
        cur = month_index(today)
        self.cur_month = cur
        self.first_of_month = today.replace(day=1)
        span = 12 * years
        self.visit_months = [cur - span + k for k in range(span)]       # ending last month
        self.prompt_months = [cur - span + 1 + k for k in range(span)]  # ending this month
        self.w0 = self.month_first(self.visit_months[0]).toordinal()        # window start
        self.w1 = self.month_first(cur).toordinal()                         # window end (excl.)
        self.iso_cache: dict[int, str] = {}
        # visit months as (month index, first ordinal, days, calendar month), and the ISO text
        # of every day in the window: visits are the bulk of the output, so no per-visit work
        # beyond picking
        self.vm = []
        for mi in self.visit_months:
            lo = self.month_first(mi).toordinal()
            self.vm.append((mi, lo, self.month_first(mi + 1).toordinal() - lo, self.month_first(mi).month))
        self.day_iso = [date.fromordinal(o).isoformat() for o in range(self.w0, self.w1)]
        from app.core.enums import Sex
        from app.core.idnumber import make_id_number  # imported late: the module is optional at import time
        self.id_maker = (make_id_number, {True: Sex.MALE, False: Sex.FEMALE})

    # --- small helpers ----------------------------------------------------------------------

    def month_first(self, mi: int) -> date:
        """The first day of the month with index `mi` (core's `month_index`)."""
        return add_months(self.first_of_month, mi - self.cur_month)

    def iso(self, ordinal: int) -> str:
        s = self.iso_cache.get(ordinal)
        if s is None:
            s = date.fromordinal(ordinal).isoformat()
            self.iso_cache[ordinal] = s
        return s

    def weighted(self, pairs):
        r = self.rng.random() * sum(w for _, w in pairs)
        for v, w in pairs:
            r -= w
            if r < 0:
                return v
        return pairs[-1][0]

    def surname(self) -> str:
        return names.surname(self.rng)

    def given(self, male: bool, birth_year: int, shared: str | None = None) -> str:
        return names.given(self.rng, male, birth_year, shared)

    def phone(self) -> str:
        rng = self.rng
        while True:
            p = MOBILE_PREFIXES[int(rng.random() * len(MOBILE_PREFIXES))] + f"{rng.randrange(10**8):08d}"
            if p not in self.used_phones:
                self.used_phones.add(p)
                return p

    def birth_ordinal(self, age: int) -> int:
        return self.rng.randint(self.ann[age + 1] + 1, self.ann[age])

    def id_number(self, birth: date, male: bool) -> str:
        make_id_number, sex = self.id_maker
        key = (birth.toordinal() * 2 + male) * 500
        seq = self.rng.randrange(500)
        while key + seq in self.used_ids:
            seq = (seq + 1) % 500
        self.used_ids.add(key + seq)
        return make_id_number(self.region6, birth, sex[male], seq)

    def day_in(self, lo: int, hi: int) -> int:
        """A random ordinal in [lo, hi] (hi clamped to yesterday)."""
        hi = min(hi, self.t - 1)
        return lo if hi <= lo else self.rng.randint(lo, hi)

    # --- place and people ---------------------------------------------------------------------

    def build_place(self) -> dict:
        rng = self.rng
        p = PLACES[rng.randrange(len(PLACES))]
        k = rng.randrange(len(p["villages"]))
        self.p = p
        self.region6 = p["region6"]
        self.village = p["villages"][k]
        self.village_code = f"{p['region6']}{p['township_code']}{201 + k * 2 + rng.randrange(2):03d}"
        self.ethnic = p["ethnic"]
        clans = list(p["clans"])
        rng.shuffle(clans)
        self.clans = clans[:3]
        return {"province": p["province"], "province_name": p["province_name"], "county": p["county"],
                "township": p["township"], "village": self.village, "region6": p["region6"],
                "village_code": self.village_code}

    def build_staff(self) -> tuple[list, list]:
        rng = self.rng
        taken: set[str] = set()
        size = rng.randint(3, 5)
        team = [{"name": names.staff_name(self.rng, taken), "role": "leader" if i == 0 else "collector"} for i in range(size)]
        cadres = [names.staff_name(self.rng, taken) for _ in range(max(1, round(self.n / 10)))]
        self.team = [m["name"] for m in team]
        self.leader = self.team[0]
        self.collectors = self.team[1:]
        self.cadres = cadres
        return team, cadres

    # --- households ---------------------------------------------------------------------------

    def assign_states(self) -> list[tuple[str, str | None]]:
        """(category, case state) for each household index, by quota so that small villages
        still hold every case state."""
        n, rng = self.n, self.rng
        order = list(range(n))
        rng.shuffle(order)
        plan = [("ordinary", None)] * n
        quotas = [("monitored", "stable", max(1, round(0.012 * n))),
                  ("monitored", "eliminated", max(1, round(0.015 * n))),
                  ("monitored", "identified", max(1, round(0.007 * n))),
                  ("monitored", "reverted", max(1, round(0.005 * n))),
                  ("base", "clue", max(1, round(0.006 * n))),       # lifted or ordinary, below
                  ("base", "rejected", max(1, round(0.02 * n)))]
        helping = max(1, round(0.08 * n) - sum(c for cat, _, c in quotas if cat == "monitored"))
        pos = 0
        # helping first, then one of each other state as far as a tiny village has room
        for cat, state, count in [("monitored", "helping", helping)] + quotas:
            for _ in range(count):
                if pos >= n:
                    break
                plan[order[pos]] = (cat, state)
                pos += 1
        n_lifted = round(0.35 * n)
        for i in order[:pos]:
            if plan[i][0] == "base":
                lifted = rng.random() < 0.4
                n_lifted -= lifted
                plan[i] = ("lifted" if lifted else "ordinary", plan[i][1])
        for i in order[pos:pos + max(0, n_lifted)]:
            plan[i] = ("lifted", None)
        return plan
