"""The monitoring case (监测帮扶案例) as an event-sourced state machine (DOMAIN §4).

风险线索 → 入户核查 → 识别纳入 (or 核查未纳入) → 帮扶计划和措施 → 风险消除 → 回头看 (每季度, 一年)
→ 稳定; or 回退 back to 帮扶中 on a new risk.

A case is its list of `CaseEvent`s. `replay(events)` folds them into a `CaseStatus`;
`apply(status_or_events, event, today)` checks one new event against the rules and returns the
next status, or raises (StateError for a step out of order, ValidationError for bad input).

Deadlines (15 days to identify, 10 days to plan, 4 quarterly 回头看) are county policy and come
from the "case" section of resources/visit_policy.json (`CasePolicy`). The risk-type → measure
table is a national data-check rule, so it lives here as data (`REQUIRED_MEASURES`).
"""
from __future__ import annotations

import calendar
import json
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable, Mapping, Sequence

from . import canonical
from .enums import CaseState, Measure, MonitoringCategory, RiskType
from .errors import StateError, ValidationError

DEFAULT_POLICY_PATH = Path(__file__).resolve().parents[2] / "resources" / "visit_policy.json"

# ---------------------------------------------------------------------------------------------
# Calendar arithmetic shared with schedule.py
# ---------------------------------------------------------------------------------------------


def month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def add_months(d: date, months: int) -> date:
    """Same day `months` later, clamped to the month's end (31 Jan + 1 → 28/29 Feb)."""
    idx = d.year * 12 + d.month - 1 + months
    y, m = divmod(idx, 12)
    m += 1
    return date(y, m, min(d.day, calendar.monthrange(y, m)[1]))


def month_index(d: date) -> int:
    """Months since year 0, so that month differences are plain subtraction."""
    return d.year * 12 + d.month - 1


def quarter_index(d: date) -> int:
    """Quarters since year 0 (2024 Q1 = 2024*4)."""
    return d.year * 4 + (d.month - 1) // 3


def quarter_bounds(qi: int) -> tuple[date, date]:
    """First and last day of the quarter with index `qi`."""
    y, q = divmod(qi, 4)
    first = 3 * q + 1
    return date(y, first, 1), month_end(y, first + 2)


def followup_due_dates(eliminated_on: date, quarters: int = 4) -> tuple[date, ...]:
    """回头看 due dates: the end of each of the `quarters` quarters after the quarter of
    elimination. A check in the quarter of elimination itself would see nothing new."""
    qe = quarter_index(eliminated_on)
    return tuple(quarter_bounds(qe + k)[1] for k in range(1, quarters + 1))


# ---------------------------------------------------------------------------------------------
# Policy (data)
# ---------------------------------------------------------------------------------------------


def _reject_float(text: str):
    raise ValidationError("policy", "no floats", f"策略文件含小数 {text}：只允许整数 / policy holds a float {text}: integers only")


def load_policy_json(path: Path | str | None = None) -> dict:
    """The county policy file (or the default shipped in resources/ when `path` is None or
    missing). Floats are refused: the file goes into canonical JSON when it syncs."""
    p = Path(path) if path is not None else DEFAULT_POLICY_PATH
    if not p.exists():
        p = DEFAULT_POLICY_PATH
    try:
        data = json.loads(p.read_text(encoding="utf-8"), parse_float=_reject_float)
    except json.JSONDecodeError as e:
        raise ValidationError("policy", "valid JSON", f"策略文件不是有效JSON / policy file is not valid JSON: {e}") from e
    if not isinstance(data, dict):
        raise ValidationError("policy", "JSON object", "策略文件应为JSON对象 / policy file must be a JSON object")
    return data


def _pos_int(d: Mapping, key: str, where: str) -> int:
    v = d.get(key)
    if type(v) is not int or v <= 0:
        raise ValidationError(f"{where}.{key}", "positive integer", f"{where}.{key} 应为正整数 / must be a positive integer, got {v!r}")
    return v


@dataclass(frozen=True)
class CasePolicy:
    """Deadlines of the case (the "case" section of visit_policy.json)."""
    identify_within_days: int = 15          # 003 #3
    plan_within_days: int = 10              # 003 #10
    followup_quarters: int = 4              # 003 #11
    stable_after_months: int = 12           # 003 #11: 风险消除后一年内
    eliminate_min_months_after_identification: int = 2  # not the same or the next month

    @classmethod
    def from_dict(cls, d: Mapping) -> "CasePolicy":
        if not isinstance(d, Mapping):
            raise ValidationError("case", "object", "case: 案例设置应为键值对象 / case must be an object")
        return cls(**{k: _pos_int(d, k, "case") for k in (
            "identify_within_days", "plan_within_days", "followup_quarters",
            "stable_after_months", "eliminate_min_months_after_identification")})

    @classmethod
    def load(cls, path: Path | str | None = None) -> "CasePolicy":
        return cls.from_dict(load_policy_json(path).get("case"))

    @classmethod
    def default(cls) -> "CasePolicy":
        global _DEFAULT_CASE_POLICY
        if _DEFAULT_CASE_POLICY is None:
            _DEFAULT_CASE_POLICY = cls.load()
        return _DEFAULT_CASE_POLICY


_DEFAULT_CASE_POLICY: CasePolicy | None = None

# ---------------------------------------------------------------------------------------------
# Risk types and measures
# ---------------------------------------------------------------------------------------------

# Each risk type that demands a targeted measure, and the measures that answer it (national
# data-check: 风险类型与帮扶措施不匹配). Risk types not listed need only some measure.
REQUIRED_MEASURES: dict[RiskType, frozenset[Measure]] = {
    RiskType.ILLNESS: frozenset({Measure.HEALTH, Measure.SOCIAL_SECURITY}),
    RiskType.SCHOOLING: frozenset({Measure.EDUCATION, Measure.COMPULSORY_EDUCATION}),
    RiskType.DISABILITY: frozenset({Measure.SOCIAL_SECURITY}),
    RiskType.HOUSING: frozenset({Measure.HOUSING}),
    RiskType.WATER: frozenset({Measure.WATER}),
}

# 开发式帮扶: what a household that can work should get first (003 #10, #18).
DEVELOPMENT_MEASURES = frozenset({Measure.INDUSTRY, Measure.EMPLOYMENT, Measure.WELFARE_POST, Measure.MICROCREDIT})

MAX_RISK_TYPES = 5  # the national form has five risk-type slots


def missing_measures(risk_types: Iterable[RiskType], measures: Iterable[Measure]) -> list[RiskType]:
    """Risk types (in the given order, once each) that no measure in `measures` answers."""
    have = set(measures)
    out: list[RiskType] = []
    for r in risk_types:
        need = REQUIRED_MEASURES.get(r)
        if need is not None and not (need & have) and r not in out:
            out.append(r)
    return out


@dataclass(frozen=True)
class PlanWarning:
    code: str
    zh: str


def plan_warnings(has_labour: bool, measures: Iterable[Measure]) -> list[PlanWarning]:
    """Warnings (not refusals) about a plan: a household that can work gets development
    measures first, not 低保 alone (“一兜了之”, 003 #10)."""
    ms = set(measures)
    if not has_labour:
        return []
    out = []
    if ms and ms <= {Measure.SOCIAL_SECURITY}:
        out.append(PlanWarning(
            "labour_only_social_security",
            "有劳动能力的监测户只落实了综合保障(低保)，应优先落实产业、就业等开发式帮扶措施 (003 #10) / "
            "household can work but gets only social security"))
    if not (ms & DEVELOPMENT_MEASURES):
        out.append(PlanWarning(
            "labour_no_development",
            "有劳动能力的监测户没有产业、就业、公益岗位或小额信贷等开发式帮扶措施 (003 #10, #18) / "
            "household can work but has no development measure"))
    return out


# ---------------------------------------------------------------------------------------------
# Events and status
# ---------------------------------------------------------------------------------------------

KINDS = ("clue", "check", "village_review", "notice", "township_review", "identify", "reject", "plan", "measure",
         "eliminate", "followup", "revert", "stable")

# The identification procedure between the household check and the county's decision, each
# step recorded when it happens (农户申请或干部排查 → 入户核查 → 村级民主评议 → 村内公示 →
# 乡镇审核 → 县级确认). None is forced on a case; the public notice names only those recorded.
PROCEDURE_KINDS = ("village_review", "notice", "township_review")
NOTICE_MIN_DAYS = 5  # 公示不少于5天

KIND_ZH = {
    "clue": "风险线索", "check": "入户核查", "village_review": "村级民主评议", "notice": "村内公示",
    "township_review": "乡镇审核", "identify": "识别纳入", "reject": "核查未纳入",
    "plan": "制定帮扶计划", "measure": "增加帮扶措施", "eliminate": "风险消除",
    "followup": "回头看", "revert": "回退", "stable": "回头看结束(稳定)",
}


@dataclass(frozen=True)
class CaseEvent:
    """One step of a case. `data` is read-only and JSON-able (no floats: money in fen)."""
    kind: str
    on: date
    by: str
    data: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self):
        if self.kind not in KINDS:
            raise ValidationError("kind", "known event kind", f"未知事件类型 '{self.kind}' / unknown event kind; one of {', '.join(KINDS)}")
        if isinstance(self.on, datetime) or not isinstance(self.on, date):
            raise ValidationError("on", "a date", f"日期应为日期(不含时间) / 'on' must be a date, got {self.on!r}")
        if not isinstance(self.by, str) or not self.by.strip():
            raise ValidationError("by", "required", "应填写经办人 / 'by' (who did it) is required")
        if not isinstance(self.data, Mapping):
            raise ValidationError("data", "an object", "data: 步骤内容应为键值对象 / data must be a mapping")
        data = dict(self.data)
        try:
            canonical.dumps(data)
        except (TypeError, ValueError) as e:
            raise ValidationError("data", "canonical JSON", f"data: 步骤内容须可写成规范JSON（金额用整数分） / data must be canonical JSON: {e}") from e
        object.__setattr__(self, "data", MappingProxyType(data))

    def to_dict(self) -> dict:
        return {"kind": self.kind, "on": self.on.isoformat(), "by": self.by, "data": dict(self.data)}

    @classmethod
    def from_dict(cls, d: Mapping) -> "CaseEvent":
        try:
            on = date.fromisoformat(d["on"])
        except (KeyError, TypeError, ValueError) as e:
            raise ValidationError("on", "ISO date", "日期格式应为 YYYY-MM-DD / 'on' must be YYYY-MM-DD") from e
        return cls(kind=d.get("kind"), on=on, by=d.get("by"), data=d.get("data") or {})


@dataclass(frozen=True)
class CaseStatus:
    """Where a case stands. `state` is None before the first event (no case yet)."""
    state: CaseState | None = None
    monitoring_category: MonitoringCategory | None = None
    risk_types: tuple[RiskType, ...] = ()
    measures: tuple[Measure, ...] = ()
    clue_date: date | None = None
    checked_date: date | None = None       # first 入户核查
    identified_date: date | None = None
    rejected_date: date | None = None
    plan_date: date | None = None
    eliminated_date: date | None = None    # the current cycle's elimination
    reverted_date: date | None = None      # the latest 回退
    stable_date: date | None = None
    followups: tuple[date, ...] = ()       # 回头看 since the current elimination
    cycle: int = 0                         # number of 回退
    last_on: date | None = None            # date of the latest event
    events: tuple[CaseEvent, ...] = ()
    policy: CasePolicy = field(default_factory=CasePolicy, compare=False, repr=False)

    # --- deadlines ---------------------------------------------------------------------------

    @property
    def identify_by(self) -> date | None:
        """识别认定期限: first clue + 15 days (003 #3)."""
        return self.clue_date + timedelta(days=self.policy.identify_within_days) if self.clue_date else None

    @property
    def plan_by(self) -> date | None:
        """帮扶计划期限: identification + 10 days (003 #10); after a 回退 whose new risk lacks a
        matching measure, 回退 + 10 days."""
        days = timedelta(days=self.policy.plan_within_days)
        if self.state is CaseState.HELPING and self.reverted_date and missing_measures(self.risk_types, self.measures):
            return self.reverted_date + days
        return self.identified_date + days if self.identified_date else None

    @property
    def followup_due(self) -> tuple[date, ...]:
        """回头看 due dates: the end of each of the 4 quarters after elimination (003 #11)."""
        if self.eliminated_date is None:
            return ()
        return followup_due_dates(self.eliminated_date, self.policy.followup_quarters)

    @property
    def followups_satisfied(self) -> tuple[bool, ...]:
        """For each due quarter, whether a 回头看 was done inside that quarter."""
        return tuple(
            any(start <= f <= end for f in self.followups)
            for start, end in (quarter_bounds(quarter_index(due)) for due in self.followup_due))

    @property
    def stable_from(self) -> date | None:
        """The day a year after elimination, from which the case may close as stable."""
        if self.eliminated_date is None:
            return None
        return add_months(self.eliminated_date, self.policy.stable_after_months)

    def overdue(self, today: date) -> list[str]:
        """Deadlines that have passed with the step still not done, as codes:
        "identify", "plan", "followup_1" … "followup_4" (a quarter that ended without 回头看)."""
        out = []
        if self.state is CaseState.CLUE and today > self.identify_by:
            out.append("identify")
        if self.state is CaseState.IDENTIFIED and today > self.plan_by:
            out.append("plan")
        if (self.state is CaseState.HELPING and self.reverted_date
                and missing_measures(self.risk_types, self.measures) and today > self.plan_by):
            out.append("plan")
        if self.state is CaseState.ELIMINATED:
            for k, (due, ok) in enumerate(zip(self.followup_due, self.followups_satisfied), 1):
                if not ok and today > due:
                    out.append(f"followup_{k}")
        return out

    def overdue_zh(self, today: date) -> list[str]:
        """`overdue` as sentences for a person."""
        out = []
        for code in self.overdue(today):
            if code == "identify":
                out.append(f"识别认定逾期：{self.clue_date} 发现风险线索，应于 {self.identify_by} 前完成识别认定 (003 #3)")
            elif code == "plan":
                ref = "回退" if self.state is CaseState.HELPING else "识别纳入"
                out.append(f"帮扶计划逾期：应于 {self.plan_by} 前完成帮扶计划和措施({ref}后{self.policy.plan_within_days}天, 003 #10)")
            else:
                k = int(code.split("_")[1])
                out.append(f"第{k}次回头看逾期：应于 {self.followup_due[k - 1]} 前(当季度内)完成 (003 #11)")
        return out

    def late_steps(self) -> list[str]:
        """Steps done, but after their deadline (for audit): "identify", "plan"."""
        out = []
        decided = self.identified_date or self.rejected_date
        if decided and self.clue_date and decided > self.identify_by:
            out.append("identify")
        if self.plan_date and self.identified_date and self.plan_date > self.identified_date + timedelta(days=self.policy.plan_within_days):
            out.append("plan")
        return out


# ---------------------------------------------------------------------------------------------
# Transitions
# ---------------------------------------------------------------------------------------------


def _order(zh: str, en: str) -> StateError:
    return StateError(f"{zh} / {en}")


def _enum_list(data: Mapping, key: str, enum, *, required: bool) -> list:
    raw = data.get(key)
    if raw is None:
        if required:
            raise ValidationError(key, "required", f"缺少 {key} / {key} is required")
        return []
    if isinstance(raw, str) or not isinstance(raw, (list, tuple)):
        raise ValidationError(key, "a list", f"{key} 应为列表 / {key} must be a list")
    out = [enum.parse(x, key) for x in raw]
    if len(set(out)) != len(out):
        raise ValidationError(key, "no duplicates", f"{key} 有重复项 / {key} has duplicates")
    return out


def _int_fen(data: Mapping, key: str) -> int:
    v = data.get(key)
    if type(v) is not int:
        raise ValidationError(key, "integer fen", f"{key} 应为整数(分) / {key} must be an integer number of fen, got {v!r}")
    return v


def _zh_list(items) -> str:
    return "、".join(x.zh for x in items)


def _step(s: CaseStatus, e: CaseEvent, today: date | None) -> CaseStatus:
    if today is not None and e.on > today:
        raise ValidationError("on", "not in the future", f"日期 {e.on} 晚于今天 {today} / date is in the future")
    if s.last_on is not None and e.on < s.last_on:
        raise ValidationError("on", "not before the previous step",
                              f"日期 {e.on} 早于上一步 {s.last_on} / date is before the previous step")
    d = e.data
    st = s.state
    kw: dict[str, Any] = {}

    if st is CaseState.REJECTED:
        raise _order("该线索已核查未纳入，新的风险请另立线索", "case was rejected; a new risk is a new case")

    if e.kind == "clue":
        if st is not None:
            raise _order("案例已有风险线索", "case already has its clue")
        kw.update(state=CaseState.CLUE, clue_date=e.on)

    elif e.kind == "check":
        if st is not CaseState.CLUE:
            raise _order("入户核查只在识别认定之前", "household check comes between clue and identification")
        if s.checked_date is None:
            kw["checked_date"] = e.on

    elif e.kind in PROCEDURE_KINDS:
        if st is not CaseState.CLUE or s.checked_date is None:
            raise _order(f"{KIND_ZH[e.kind]}在入户核查之后、识别认定之前",
                         f"{e.kind} comes after the household check and before the decision")
        if any(x.kind == e.kind for x in s.events):
            raise _order(f"{KIND_ZH[e.kind]}已记录", f"{e.kind} is already recorded")
        _after_notice(s, e)

    elif e.kind in ("identify", "reject"):
        if st is not CaseState.CLUE:
            raise _order("只有风险线索可以识别纳入或不予纳入", "only a clue can be identified or rejected")
        if s.checked_date is None:
            # 严禁“闭门造车”(003 #23): the decision follows a visit to the household.
            raise _order("未入户核查，不能作出识别决定", "no household check yet: cannot decide")
        _after_notice(s, e)
        if e.kind == "reject":
            reason = d.get("reason")
            if not isinstance(reason, str) or not reason.strip():
                raise ValidationError("reason", "required", "核查未纳入应说明理由 / a rejection needs a reason")
            kw.update(state=CaseState.REJECTED, rejected_date=e.on)
        else:
            if d.get("monitoring_category") is None:
                raise ValidationError("monitoring_category", "required", "识别纳入须选择监测对象类别 / monitoring category is required")
            cat = MonitoringCategory.parse(d["monitoring_category"], "monitoring_category")
            risks = _enum_list(d, "risk_types", RiskType, required=True)
            if not 1 <= len(risks) <= MAX_RISK_TYPES:
                raise ValidationError("risk_types", "1 to 5 risk types",
                                      f"风险类型应为1至{MAX_RISK_TYPES}项 / between 1 and {MAX_RISK_TYPES} risk types")
            kw.update(state=CaseState.IDENTIFIED, identified_date=e.on, monitoring_category=cat,
                      risk_types=tuple(risks))

    elif e.kind == "plan":
        if st is not CaseState.IDENTIFIED:
            raise _order("识别纳入之后、且只能制定一次帮扶计划", "plan comes once, after identification")
        measures = _enum_list(d, "measures", Measure, required=True)
        if not measures:
            raise ValidationError("measures", "at least one measure", "帮扶计划至少一项措施 / a plan needs at least one measure")
        missing = missing_measures(s.risk_types, measures)
        if missing:
            raise ValidationError("measures", "each risk type needs a matching measure",
                                  f"风险类型 {_zh_list(missing)} 没有对应的帮扶措施 / risk types without a matching measure: "
                                  f"{', '.join(m.value for m in missing)}")
        kw.update(state=CaseState.HELPING, plan_date=e.on, measures=tuple(measures))

    elif e.kind == "measure":
        if st not in (CaseState.HELPING, CaseState.ELIMINATED):
            raise _order("制定帮扶计划后才能增加措施", "measures are added after the plan")
        added = _added_measures(d)
        for m in added:
            if m in s.measures:
                raise ValidationError("measure", "not already in the plan", f"{m.zh} 已在帮扶措施中 / measure already in the plan")
        kw["measures"] = s.measures + tuple(added)

    elif e.kind == "eliminate":
        if st is not CaseState.HELPING:
            raise _order("制定帮扶计划并落实措施后才能风险消除", "elimination comes after the plan")
        _check_elimination(s, e)
        kw.update(state=CaseState.ELIMINATED, eliminated_date=e.on, followups=(), stable_date=None)

    elif e.kind == "followup":
        if st is not CaseState.ELIMINATED:
            raise _order("回头看只在风险消除之后", "follow-up comes after elimination")
        kw["followups"] = s.followups + (e.on,)

    elif e.kind == "stable":
        if st is not CaseState.ELIMINATED:
            raise _order("风险消除后才能结束回头看", "stable comes after elimination")
        done = sum(s.followups_satisfied)
        if done < s.policy.followup_quarters and e.on < s.stable_from:
            raise _order(f"回头看未满{s.policy.followup_quarters}个季度(已完成{done}次)且风险消除未满一年(至 {s.stable_from})",
                         f"only {done} quarterly follow-ups and less than a year since elimination")
        kw.update(state=CaseState.STABLE, stable_date=e.on)

    elif e.kind == "revert":
        if st not in (CaseState.ELIMINATED, CaseState.STABLE):
            raise _order("只有风险已消除的案例可以回退", "only an eliminated or stable case can revert")
        new_risks = _enum_list(d, "risk_types", RiskType, required=False)
        risks = s.risk_types + tuple(r for r in new_risks if r not in s.risk_types)
        if len(risks) > MAX_RISK_TYPES:
            raise ValidationError("risk_types", "at most 5 risk types", f"风险类型最多{MAX_RISK_TYPES}项 / at most {MAX_RISK_TYPES} risk types")
        kw.update(state=CaseState.HELPING, reverted_date=e.on, eliminated_date=None, followups=(),
                  stable_date=None, cycle=s.cycle + 1, risk_types=risks)
        if d.get("monitoring_category") is not None:
            kw["monitoring_category"] = MonitoringCategory.parse(d["monitoring_category"], "monitoring_category")

    return replace(s, last_on=e.on, events=s.events + (e,), **kw)


def _added_measures(d: Mapping) -> list[Measure]:
    """The measures a 增加帮扶措施 step adds: `measure` (one) and/or `measures` (a list)."""
    added = [Measure.parse(d["measure"], "measure")] if d.get("measure") is not None else []
    for m in _enum_list(d, "measures", Measure, required=False):
        if m not in added:
            added.append(m)
    if not added:
        raise ValidationError("measure", "required", "缺少帮扶措施 / measure is required")
    return added


def _after_notice(s: CaseStatus, e: CaseEvent) -> None:
    """A step after the village notice waits until the notice has been up 5 days."""
    posted = next((x.on for x in s.events if x.kind == "notice"), None)
    if posted is not None and e.on < posted + timedelta(days=NOTICE_MIN_DAYS):
        raise ValidationError("on", f"notice up at least {NOTICE_MIN_DAYS} days",
                              f"{posted} 起公示，公示不少于{NOTICE_MIN_DAYS}天，{KIND_ZH[e.kind]}最早 "
                              f"{posted + timedelta(days=NOTICE_MIN_DAYS)} / the notice stays up {NOTICE_MIN_DAYS} days first")


def yuan_zh(fen: int) -> str:
    """Fen as yuan for a message: 500000 → "5,000.00 元"."""
    sign = "-" if fen < 0 else ""
    y, f = divmod(abs(fen), 100)
    return f"{sign}{y:,}.{f:02d} 元"


def _check_elimination(s: CaseStatus, e: CaseEvent) -> None:
    d = e.data
    ref = s.reverted_date or s.identified_date
    gap = s.policy.eliminate_min_months_after_identification
    if month_index(e.on) - month_index(ref) < gap:
        raise ValidationError("on", "not in the same or next month after identification",
                              f"{ref} 识别纳入(或回退)，当月及次月不能风险消除，最早 {add_months(ref.replace(day=1), gap)} / "
                              f"cannot eliminate in the same or the next month after identification")
    missing = missing_measures(s.risk_types, s.measures)
    if missing:
        raise ValidationError("measures", "each risk type needs a matching measure",
                              f"风险类型 {_zh_list(missing)} 没有对应的帮扶措施，不能风险消除 / risk types without a matching measure")
    per_capita = _int_fen(d, "per_capita_fen")
    baseline = _int_fen(d, "baseline_fen")
    if baseline <= 0:
        raise ValidationError("baseline_fen", "positive", "监测收入基准线应大于0 / baseline must be positive")
    if per_capita < baseline:
        raise ValidationError("per_capita_fen", "income not below baseline",
                              f"人均纯收入 {yuan_zh(per_capita)}低于基准线 {yuan_zh(baseline)}，不能风险消除 / "
                              f"per-capita income {yuan_zh(per_capita)} is below the baseline {yuan_zh(baseline)}")
    has_labour = d.get("has_labour")
    if type(has_labour) is not bool:
        raise ValidationError("has_labour", "required yes/no", "须说明是否有劳动能力 / has_labour (true/false) is required")
    if not has_labour and set(s.measures) <= {Measure.SOCIAL_SECURITY}:
        raise ValidationError("measures", "no labour and only social security: stays monitored",
                              "无劳动能力且仅靠综合保障(低保/特困)兜底的监测户，继续监测、不标注风险消除 / "
                              "a household without labour whose only measure is social security stays monitored")
    for key, zh in (("three_guarantees_secured", "“三保障”"), ("water_secured", "饮水安全")):
        if d.get(key) is False:
            why = "、".join(str(x) for x in d.get("unsecured") or ())
            raise ValidationError(key, "must be secured", f"{zh}未保障{'（' + why + '）' if why else ''}，"
                                  f"不能风险消除 (003 #11) / {key} is not secured")
    new = d.get("new_risks") or ()
    if new:
        raise ValidationError("risk_types", "no new risk", f"出现新的风险（{'、'.join(str(x) for x in new)}），"
                              "不能风险消除；应先落实针对性措施 (003 #11) / a new risk has appeared")


def guarantee_gaps(household: Mapping, members: Iterable[Mapping], on: date) -> tuple[list[str], list[str]]:
    """What the household's file says is not secured on `on`: (“三保障” gaps, 饮水 gaps), each
    in words. 住房安全: a house graded C or D; 义务教育: a member of compulsory-school age (6–15)
    who dropped out; 基本医疗: a member without basic medical insurance; 饮水: water not secured."""
    gaps: list[str] = []
    grade = household.get("housing_grade")
    if grade in ("C", "D"):
        gaps.append(f"住房安全：房屋为{grade}级危房")
    for m in members:
        birth = m.get("birth_date")
        if birth:
            b = date.fromisoformat(birth)
            age = on.year - b.year - ((on.month, on.day) < (b.month, b.day))
            if 6 <= age < 16 and m.get("school_status") == "dropped_out":
                gaps.append(f"义务教育：{m.get('name')}{age}岁辍学")
        if m.get("medical_insurance") in (0, False):
            gaps.append(f"基本医疗：{m.get('name')}未参加基本医疗保险")
    water = [] if household.get("water_secured") not in (0, False) else ["饮水安全：未保障"]
    return gaps, water


def new_risks(status: CaseStatus, household_risk_types: Iterable[str]) -> list[str]:
    """Risk types the household's file now shows that the case has not taken in, in words."""
    known = {r.value for r in status.risk_types}
    return [RiskType(r).zh for r in household_risk_types if r not in known and r in RiskType._value2member_map_]


def replay(events: Iterable[CaseEvent], policy: CasePolicy | None = None) -> CaseStatus:
    """The status after `events`, each checked as `apply` would (except against today)."""
    s = CaseStatus(policy=policy or CasePolicy.default())
    for e in events:
        s = _step(s, e, None)
    return s


def apply(status_or_events: CaseStatus | Sequence[CaseEvent], event: CaseEvent, today: date,
          policy: CasePolicy | None = None) -> CaseStatus:
    """The status after `event`, or StateError (out of order) / ValidationError (bad input).
    `today` is the device date: an event dated after it is refused. `policy` is used only when
    a list of events is replayed; a status keeps the policy it was built with."""
    if not isinstance(today, date) or isinstance(today, datetime):
        raise ValidationError("today", "a date", "today: 今天的日期无效 / today must be a date")
    s = status_or_events if isinstance(status_or_events, CaseStatus) else replay(status_or_events, policy)
    return _step(s, event, today)
