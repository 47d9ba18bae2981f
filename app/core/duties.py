"""The duties the policy documents require beyond the case itself, as pure rules.

- Risk clues (风险线索) and where they came from (001: 基层主动发现申报、多部门联动的风险预警):
  the team's visit, the household's own report (农户自主申报), a department's warning
  (部门筛查预警: 医保, 民政, 人社, 住建 …), a screening campaign, large medical costs. Each has
  a verification deadline (the 15 days from clue to identification, 003 #3).
- Half-yearly full-coverage screening (003 #3 拉网式全覆盖排查; #23(2) 每半年开展一次全覆盖排查).
- Income collapse (003 #3 收入骤减) and the quarterly income check of 脱贫户 and 监测户 (#6(2)).
- Large medical costs (003 #12): out-of-pocket spending after the three insurances above 25 % of
  last year's local per-capita disposable income.
- Work stability (003 #2, #9(3)): six months or more of work in a year is stable.
- Micro-credit (003 #6(5)): a loan's end, renewed or extended, repaid or overdue.
The thresholds are data (resources/duties.json), which the county may replace.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from .errors import ValidationError
from .monitoring import add_months

# Where a clue came from: code → (Chinese, English).
CLUE_SOURCES = {
    "visit": ("走访发现", "found on a visit"),
    "self_report": ("农户自主申报", "the household's own report"),
    "department": ("部门预警", "a department's warning"),
    "screening": ("排查发现", "found in a screening campaign"),
    "medical": ("大额医疗支出", "large medical costs"),
}
# The departments that screen their data and warn (部门筛查预警).
DEPARTMENTS = {
    "medical_insurance": ("医保", "medical insurance"),
    "civil_affairs": ("民政", "civil affairs"),
    "human_resources": ("人社", "human resources and social security"),
    "housing": ("住建", "housing and construction"),
    "education": ("教育", "education"),
    "water": ("水利", "water resources"),
    "other": ("其他部门", "another department"),
}
# How a clue was handled.
CLUE_OUTCOMES = {
    "case": ("已纳入核查 (开启监测程序)", "a case was opened"),
    "no_risk": ("核实无风险", "verified: no risk"),
    "existing": ("已在监测中", "already monitored"),
}
CLUE_STATUS = {"open": "待核实", "overdue": "核实逾期", "handled": "已处理"}
LOAN_STATUS = {"repaid": "已还清", "overdue": "逾期", "due_soon": "即将到期", "current": "正常"}


def _code(table: dict, value, field: str) -> str:
    """A code of `table` from its code, its Chinese or its English name."""
    text = str(value or "").strip()
    for code, (zh, en) in table.items():
        if text in (code, zh, en):
            return code
    names = "、".join(f"{zh} ({code})" for code, (zh, _) in table.items())
    raise ValidationError(field, "one of the listed values", f"{field}: 应为 {names} 之一，不是 '{text}' / must be one of {', '.join(table)}, not '{text}'")


def clue_source(value) -> str:
    return _code(CLUE_SOURCES, value, "source")


def department(value) -> str:
    return _code(DEPARTMENTS, value, "department")


def clue_outcome(value) -> str:
    return _code(CLUE_OUTCOMES, value, "outcome")


@dataclass(frozen=True)
class DutyPolicy:
    clue_verify_days: int = 15
    income_drop_ratio_pct: int = 30         # per-capita income down by this share or more
    income_check_max_days: int = 92         # an assessment at least once a quarter
    medical_share_pct: int = 25             # of last year's per-capita disposable income
    stable_work_months: int = 6
    loan_due_soon_days: int = 30
    screening_months: int = 6
    disposable_income: dict | None = None   # {"default": {year: fen}, "provinces": {...}, "sources": {...}}

    @classmethod
    def from_dict(cls, d: dict) -> "DutyPolicy":
        t = d.get("thresholds") or {}
        ints = {k: int(t[k]) for k in ("clue_verify_days", "income_drop_ratio_pct", "income_check_max_days",
                                       "medical_share_pct", "stable_work_months", "loan_due_soon_days",
                                       "screening_months") if k in t}
        for k, v in ints.items():
            if v <= 0:
                raise ValidationError(k, "positive", f"{k}: 应为正整数 (a positive whole number)")
        table = d.get("disposable_income") or {}
        if not isinstance(table.get("default", {}), dict):
            raise ValidationError("disposable_income", "a table by year")
        return cls(**ints, disposable_income=table)

    def disposable_income_fen(self, province: str | None, year: int) -> tuple[int | None, str | None]:
        """Per-capita disposable income of `year` (fen) for the province (its 2-digit code) or the
        default row, the latest year at or before it; with the row's source (None: unsourced)."""
        table = self.disposable_income or {}
        for key in ([str(province)[:2]] if province else []) + ["default"]:
            row = table.get("default") if key == "default" else (table.get("provinces") or {}).get(key)
            years = sorted(int(y) for y in (row or {}) if int(y) <= year)
            if years:
                y = str(years[-1])
                return int(row[y]), ((table.get("sources") or {}).get(key) or {}).get(y)
        return None, None

    def medical_threshold_fen(self, province: str | None, year: int) -> tuple[int | None, str | None]:
        """The out-of-pocket medical costs of `year` above which a household is at risk: a share of
        the previous year's per-capita disposable income (003 #12)."""
        income, source = self.disposable_income_fen(province, year - 1)
        return (None, None) if income is None else (income * self.medical_share_pct // 100, source)


def clue_deadline(found_on: date, policy: DutyPolicy) -> date:
    return found_on + timedelta(days=policy.clue_verify_days)


def clue_status(clue: dict, today: date) -> str:
    if clue.get("handled_on"):
        return "handled"
    return "overdue" if clue.get("deadline") and clue["deadline"] < today.isoformat() else "open"


def income_drop_pct(previous_fen: int, current_fen: int) -> int:
    """How far per-capita income fell, in whole percent (0 when it did not fall)."""
    if previous_fen <= 0 or current_fen >= previous_fen:
        return 0
    return (previous_fen - current_fen) * 100 // previous_fen


def loan_end(start: date, term_months: int, extended_to: date | None = None) -> date:
    return extended_to or add_months(start, term_months)


def loan_status(loan: dict, today: date, policy: DutyPolicy) -> str:
    """The loan's state on `today`: a repayment dated after it is not yet made."""
    if loan.get("repaid_on") and loan["repaid_on"] <= today.isoformat():
        return "repaid"
    end = loan_end(date.fromisoformat(loan["start_date"]), int(loan["term_months"]),
                   date.fromisoformat(loan["extended_to"]) if loan.get("extended_to") else None)
    if loan.get("overdue") or end < today:
        return "overdue"
    return "due_soon" if (end - today).days <= policy.loan_due_soon_days else "current"


def work_stable(months: int | None, policy: DutyPolicy) -> bool:
    return months is not None and months >= policy.stable_work_months


def quarter_of(day: date) -> tuple[int, int]:
    return day.year, (day.month + 2) // 3


def quarter_bounds(year: int, q: int) -> tuple[date, date]:
    start = date(year, 3 * q - 2, 1)
    return start, add_months(start, 3) - timedelta(days=1)
