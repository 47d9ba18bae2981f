"""Who is due for a visit, contact or 回头看 in a month (DOMAIN §6; 003 #5, #11, #18).

The rules are data (`VisitPolicy`, resources/visit_policy.json, replaceable by the county
through sync). Each due item names the rule that made the household due, so a person can see
why. `due_for_month` runs over a whole village at once, so it is written for speed: period
boundaries are computed once per call, rules are matched once per kind of household, and the
per-household loop only compares dates.
"""
from __future__ import annotations

import gc
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from itertools import chain
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import Iterable, Mapping, NamedTuple

from .enums import DueKind, HouseholdCategory, Residence, VisitMode
from .errors import ValidationError
from .monitoring import add_months, load_policy_json, month_end, quarter_bounds

PERIODS = ("month", "quarter", "year")
EVIDENCE = ("visits", "followups")
COUNTS_FROM = ("monitored_on", "eliminated_on")
# The caller passes about 13 months of visits: a previous period that starts earlier than
# that cannot be judged "missed".
HISTORY_MONTHS = 13

STATUS_DUE, STATUS_OVERDUE, STATUS_DONE = "due", "overdue", "done"


# ---------------------------------------------------------------------------------------------
# Policy
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleScope:
    """Which households a rule applies to; None means "any"."""
    categories: frozenset[HouseholdCategory] | None = None
    residences: frozenset[Residence] | None = None
    monitored: bool | None = None
    risk_eliminated: bool | None = None

    def matches(self, category: HouseholdCategory, residence: Residence, monitored: bool, risk_eliminated: bool) -> bool:
        return ((self.categories is None or category in self.categories)
                and (self.residences is None or residence in self.residences)
                and (self.monitored is None or monitored == self.monitored)
                and (self.risk_eliminated is None or risk_eliminated == self.risk_eliminated))


@dataclass(frozen=True)
class VisitRule:
    code: str
    zh: str                       # the rule in words, citing its source
    scope: RuleScope
    kind: DueKind
    period: str                   # "month" | "quarter" | "year"
    evidence: str = "visits"      # "visits" (matched by mode) | "followups" (回头看 case events)
    modes: tuple[VisitMode, ...] = ()   # visit modes that satisfy the rule
    counts_from: str | None = None      # "monitored_on" | "eliminated_on": not due before that
    quarters_after_elimination: int | None = None  # window for followups


_RULE_KEYS = {"code", "zh", "applies_to", "kind", "period", "evidence", "modes", "counts_from",
              "quarters_after_elimination"}
_SCOPE_KEYS = {"category", "residence", "monitored", "risk_eliminated"}


def _rule_from_dict(d: Mapping, where: str) -> VisitRule:
    if not isinstance(d, Mapping):
        raise ValidationError(where, "object", f"{where} 应为对象 / must be an object")
    extra = set(d) - _RULE_KEYS
    if extra:
        raise ValidationError(f"{where}.{sorted(extra)[0]}", "known key", f"{where} 含未知字段 {sorted(extra)} / unknown keys")
    for key in ("code", "zh"):
        if not isinstance(d.get(key), str) or not d[key].strip():
            raise ValidationError(f"{where}.{key}", "required text", f"{where}.{key} 必填 / is required")
    kind = DueKind.parse(d.get("kind"), f"{where}.kind")
    period = d.get("period")
    if period not in PERIODS:
        raise ValidationError(f"{where}.period", "month, quarter or year", f"{where}.period: 应为 {PERIODS} / must be one of {PERIODS}")
    evidence = d.get("evidence", "visits")
    if evidence not in EVIDENCE:
        raise ValidationError(f"{where}.evidence", "visits or followups", f"{where}.evidence: 应为 {EVIDENCE} / must be one of {EVIDENCE}")
    modes: tuple[VisitMode, ...] = ()
    window = None
    if evidence == "visits":
        raw = d.get("modes")
        if not isinstance(raw, list) or not raw:
            raise ValidationError(f"{where}.modes", "at least one visit mode", f"{where}.modes: 至少一种走访方式 / at least one visit mode")
        modes = tuple(dict.fromkeys(VisitMode.parse(m, f"{where}.modes") for m in raw))
    else:
        if period != "quarter":
            raise ValidationError(f"{where}.period", "followups are quarterly", "回头看按季度 / follow-up rules are quarterly")
        window = d.get("quarters_after_elimination")
        if type(window) is not int or window <= 0:
            raise ValidationError(f"{where}.quarters_after_elimination", "positive integer",
                                  "回头看规则须给出消除后的季度数 / follow-up rules need quarters_after_elimination")
    counts_from = d.get("counts_from")
    if counts_from is not None and counts_from not in COUNTS_FROM:
        raise ValidationError(f"{where}.counts_from", "monitored_on or eliminated_on", f"{where}.counts_from: 应为 {COUNTS_FROM} / must be one of {COUNTS_FROM}")
    scope_d = d.get("applies_to") or {}
    if not isinstance(scope_d, Mapping) or set(scope_d) - _SCOPE_KEYS:
        raise ValidationError(f"{where}.applies_to", "known keys", f"{where}.applies_to: 只能含 {sorted(_SCOPE_KEYS)} / may hold only {sorted(_SCOPE_KEYS)}")
    for key in ("monitored", "risk_eliminated"):
        if key in scope_d and type(scope_d[key]) is not bool:
            raise ValidationError(f"{where}.applies_to.{key}", "true or false", f"{where}.applies_to.{key}: 应为是或否 / must be true or false")

    def _set(key, enum):
        if key not in scope_d:
            return None
        if not isinstance(scope_d[key], list) or not scope_d[key]:
            raise ValidationError(f"{where}.applies_to.{key}", "non-empty list", f"{where}.applies_to.{key}: 应为非空列表 / must be a non-empty list")
        return frozenset(enum.parse(x, f"{where}.applies_to.{key}") for x in scope_d[key])

    scope = RuleScope(_set("category", HouseholdCategory), _set("residence", Residence),
                      scope_d.get("monitored"), scope_d.get("risk_eliminated"))
    return VisitRule(d["code"], d["zh"], scope, kind, period, evidence, modes, counts_from, window)


@dataclass(frozen=True)
class VisitPolicy:
    version: str
    rules: tuple[VisitRule, ...]
    source_zh: str = ""

    @classmethod
    def from_dict(cls, d: Mapping) -> "VisitPolicy":
        if not isinstance(d, Mapping):
            raise ValidationError("policy", "object", "走访策略应为对象 / visit policy must be an object")
        version = d.get("version")
        if not isinstance(version, str) or not version.strip():
            raise ValidationError("version", "required", "走访策略须有版本 / version is required")
        raw = d.get("rules")
        if not isinstance(raw, list) or not raw:
            raise ValidationError("rules", "at least one rule", "走访策略至少一条规则 / at least one rule")
        rules = tuple(_rule_from_dict(r, f"rules[{i}]") for i, r in enumerate(raw))
        seen = set()
        for i, r in enumerate(rules):
            if r.code in seen:
                raise ValidationError(f"rules[{i}].code", "unique", f"规则代码重复 '{r.code}' / duplicate rule code")
            seen.add(r.code)
        return cls(version, rules, d.get("source_zh") or "")

    @classmethod
    def load(cls, path: Path | str | None = None) -> "VisitPolicy":
        """The county's policy file, or the default in resources/ when none is given or found."""
        return cls.from_dict(load_policy_json(path))

    @classmethod
    def default(cls) -> "VisitPolicy":
        global _DEFAULT_POLICY
        if _DEFAULT_POLICY is None:
            _DEFAULT_POLICY = cls.load()
        return _DEFAULT_POLICY

    def rules_for(self, category: HouseholdCategory, residence: Residence, monitored: bool,
                  risk_eliminated: bool) -> tuple[VisitRule, ...]:
        return tuple(r for r in self.rules if r.scope.matches(category, residence, monitored, risk_eliminated))


_DEFAULT_POLICY: VisitPolicy | None = None


# ---------------------------------------------------------------------------------------------
# Facts and items
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HouseholdDueFacts:
    """What the due list needs about one household.

    `monitored` stays True after the risk is eliminated (the household is still a 监测对象,
    风险已消除). `visits` are (date, mode) pairs from about the last 13 months; they and
    `followups_done` (dates of 回头看 events) are sorted here, once, so the due list can read
    them newest first.
    """
    household_id: str
    category: HouseholdCategory
    residence: Residence
    monitored: bool
    risk_eliminated: bool
    eliminated_on: date | None
    followups_done: tuple[date, ...]
    visits: tuple[tuple[date, VisitMode], ...]
    monitored_on: date | None = None   # identified as 监测对象; months before are not "missed"
    # (category, residence, monitored, risk_eliminated): households sharing it share their rules.
    rule_key: tuple = field(init=False, repr=False, compare=False)

    def __post_init__(self):
        set_ = object.__setattr__
        set_(self, "category", HouseholdCategory.parse(self.category, "category"))
        set_(self, "residence", Residence.parse(self.residence, "residence"))
        if self.category is HouseholdCategory.MONITORED and not self.monitored:
            raise ValidationError("monitored", "监测户 is monitored", "户类型为监测户但未标注监测 / a household of the monitored category must be monitored")
        if self.risk_eliminated and not self.monitored:
            raise ValidationError("risk_eliminated", "only for monitored households",
                                  "风险已消除的户仍是监测对象 / a risk-eliminated household stays monitored")
        if self.eliminated_on is not None and not self.risk_eliminated:
            raise ValidationError("eliminated_on", "only when risk eliminated", "未消除风险却有消除日期 / eliminated_on without risk_eliminated")
        visits = []
        for v in self.visits:
            d, m = v
            if isinstance(d, datetime) or not isinstance(d, date):
                raise ValidationError("visits", "date", f"走访日期应为日期 / visit date must be a date, got {d!r}")
            visits.append((d, m if isinstance(m, VisitMode) else VisitMode.parse(m, "visits")))
        visits.sort(key=itemgetter(0))
        set_(self, "visits", tuple(visits))
        set_(self, "followups_done", tuple(sorted(self.followups_done)))
        set_(self, "rule_key", (self.category, self.residence, self.monitored, self.risk_eliminated))

    @classmethod
    def trusted(cls, household_id: str, category: HouseholdCategory, residence: Residence, monitored: bool,
                risk_eliminated: bool, eliminated_on: date | None, followups_done: tuple[date, ...],
                visits: list[tuple[date, VisitMode]], monitored_on: date | None) -> "HouseholdDueFacts":
        """Facts read from the store, whose records were validated when saved: enums already
        parsed, dates already dates. Skips the checks, which cost more than the due list itself
        at village scale; `visits` is sorted in place."""
        self = object.__new__(cls)
        visits.sort(key=itemgetter(0))
        set_ = object.__setattr__  # frozen: dataclass setattr refuses, object's does not
        set_(self, "household_id", household_id)
        set_(self, "category", category)
        set_(self, "residence", residence)
        set_(self, "monitored", monitored)
        set_(self, "risk_eliminated", risk_eliminated)
        set_(self, "eliminated_on", eliminated_on)
        set_(self, "followups_done", tuple(sorted(followups_done)))
        set_(self, "visits", tuple(visits))
        set_(self, "monitored_on", monitored_on)
        set_(self, "rule_key", (category, residence, monitored, risk_eliminated))
        return self


class DueItem(NamedTuple):
    """One line of the due list. A NamedTuple (immutable) rather than a frozen dataclass:
    a village makes tens of thousands of these per call and tuples are built 4x faster."""
    household_id: str
    kind: DueKind
    rule: str                     # the policy rule's code
    rule_zh: str
    period_start: date
    period_end: date
    status: str                   # "due" | "overdue" | "done"
    last_contact: date | None     # latest satisfying contact up to the period end (or today)
    overdue_reason_zh: str | None


def _period_bounds(period: str, year: int, month: int) -> tuple[date, date, date, date]:
    """(start, end, previous start, previous end) of the period holding year-month."""
    if period == "month":
        start = date(year, month, 1)
        prev = add_months(start, -1)
        return start, month_end(year, month), prev, start - timedelta(days=1)
    if period == "quarter":
        qi = year * 4 + (month - 1) // 3
        s, e = quarter_bounds(qi)
        ps, pe = quarter_bounds(qi - 1)
        return s, e, ps, pe
    return date(year, 1, 1), date(year, 12, 31), date(year - 1, 1, 1), date(year - 1, 12, 31)


def due_for_month(facts: Iterable[HouseholdDueFacts], year: int, month: int, today: date,
                  policy: VisitPolicy | None = None) -> list[DueItem]:
    """The due list for `year`-`month`: for each household, each rule that applies to it in the
    period (month, quarter or year) holding that month.

    status: "done" when a satisfying contact falls in the period (up to today); "overdue" when
    the period ended before `today` without one, or the previous period of the same rule was
    missed too; otherwise "due". Order: overdue first, then by period end, household id.
    """
    if not 1 <= month <= 12:
        raise ValidationError("month", "1 to 12", f"月份应为1至12 / month must be 1–12, got {month}")
    if isinstance(today, datetime) or not isinstance(today, date):
        raise ValidationError("today", "a date", "today: 今天的日期无效 / today must be a date")
    policy = policy or VisitPolicy.default()

    # Households that share (category, residence, monitored, risk_eliminated) share their rules:
    # group them once, then run each rule over its groups with everything else held in locals.
    # The call builds tens of thousands of tuples and no cycles: a collection of the caller's
    # large heap in the middle would double the time for nothing.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        groups: dict[tuple, list[HouseholdDueFacts]] = {}
        for f in facts:
            g = groups.get(f.rule_key)
            if g is None:
                g = groups[f.rule_key] = []
            g.append(f)
        runs = []
        for r in policy.rules:
            member_groups = [g for key, g in groups.items() if r.scope.matches(*key)]
            if member_groups:
                runs.append((r, _run_rule(r, member_groups, year, month, today)))
    finally:
        if gc_was_enabled:
            gc.enable()

    # Overdue first, then by period end and household. The sort is stable and each household's
    # items were produced in policy order, so that order holds for ties.
    out: list[DueItem] = []
    by_household = itemgetter(0)
    for which in (0, 1):
        by_end: dict[date, list] = {}
        for r, lists in runs:
            if lists[which]:
                by_end.setdefault(lists[which][0].period_end, []).extend(lists[which])
        for pe in sorted(by_end):
            items = by_end[pe]
            items.sort(key=by_household)
            out.extend(items)
    return out


def _run_rule(r: VisitRule, member_groups: list[list[HouseholdDueFacts]], year: int, month: int,
              today: date) -> tuple[list[DueItem], list[DueItem]]:
    """(overdue items, other items) of one rule over the households it applies to."""
    ps, pe, pps, ppe = _period_bounds(r.period, year, month)
    cutoff = min(pe, today)      # a visit dated after today is not counted
    ended = pe < today
    # The previous period can be judged missed only if it is over and within the visit history.
    prev_ok = ppe < today and pps >= add_months(date(year, month, 1), -(HISTORY_MONTHS - 1))
    ended_zh = f"本期({ps}至{pe})已结束，未完成"
    prev_zh = f"上一期({pps}至{ppe})也未完成"
    both_zh = f"{ended_zh}；{prev_zh}"
    kind, code, zh = r.kind, r.code, r.zh
    modes = r.modes
    followups = r.evidence == "followups"
    window = r.quarters_after_elimination or 0
    qi_now = year * 4 + (month - 1) // 3
    start_of = attrgetter(r.counts_from) if r.counts_from else None
    overdue: list[DueItem] = []
    rest: list[DueItem] = []
    new_item = tuple.__new__

    for f in chain.from_iterable(member_groups):
        prev_judged = prev_ok
        if start_of is not None:
            start = start_of(f)
            if start is not None:
                if start > pe:
                    continue  # not yet under this rule in this period
                if start > pps:
                    prev_judged = False
        last = None
        if followups:
            el = f.eliminated_on
            if el is None:
                continue
            k = qi_now - (el.year * 4 + (el.month - 1) // 3)
            if not 1 <= k <= window:
                continue  # outside the year of 回头看
            if k == 1:
                prev_judged = False  # the quarter of elimination owes no 回头看
            for d in reversed(f.followups_done):
                if d <= cutoff:
                    last = d
                    break
        else:
            visits = f.visits
            if visits:
                d, m = visits[-1]  # the newest visit usually decides: skip the loop set-up
                if d <= cutoff and m in modes:
                    last = d
                else:
                    for d, m in reversed(visits):
                        if d <= cutoff and m in modes:
                            last = d
                            break
        if last is not None and last >= ps:
            rest.append(new_item(DueItem, (f.household_id, kind, code, zh, ps, pe, STATUS_DONE, last, None)))
            continue
        prev_missed = prev_judged and (last is None or last < pps)
        if ended:
            overdue.append(new_item(DueItem, (f.household_id, kind, code, zh, ps, pe, STATUS_OVERDUE, last,
                                              both_zh if prev_missed else ended_zh)))
        elif prev_missed:
            overdue.append(new_item(DueItem, (f.household_id, kind, code, zh, ps, pe, STATUS_OVERDUE, last, prev_zh)))
        else:
            rest.append(new_item(DueItem, (f.household_id, kind, code, zh, ps, pe, STATUS_DUE, last, None)))
    return overdue, rest
