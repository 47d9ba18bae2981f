"""The five situations that must be included in monitoring (五种情形必须纳入监测, 003 #3, DOMAIN §4).

The software flags; a person confirms. Each `Finding` says which member or which value
triggered it, so the confirming person can check the fact rather than trust the flag.
"""
from __future__ import annotations

from dataclasses import dataclass

from .enums import Health, HouseholdCategory, HouseholdFlag, HousingGrade, SchoolStatus
from .errors import ValidationError

# 低保户、分散供养特困人员、低保边缘家庭等低收入家庭 (situation 5).
LOW_INCOME_FLAGS = frozenset({HouseholdFlag.DIBAO, HouseholdFlag.DIBAO_WHOLE,
                              HouseholdFlag.TEKUN_SCATTERED, HouseholdFlag.DIBAO_EDGE})
DANGEROUS_GRADES = frozenset({HousingGrade.C, HousingGrade.D})
SEVERE_DISABILITY_GRADES = frozenset({1, 2})  # 重残: 一级、二级残疾
MIN_STUDENTS = 3  # situation 4: 3个及以上在校生

TITLES_ZH = {
    1: "脱贫户或已消除风险户中，家庭成员有大病或在校生的整户低保户",
    2: "脱贫户或已消除风险户中，C、D级危房且依靠自身能力无法解决",
    3: "人均收入低于基准线，成员有大病或重残，且无赡养人或赡养人无能力",
    4: "人均纯收入低于基准线，且家中有3个及以上在校生",
    5: "低保户、分散供养特困人员、低保边缘家庭，“三保障”或安全饮水不到位且自身无法解决",
}


@dataclass(frozen=True)
class MemberFacts:
    name: str
    health: Health
    disability_grade: int | None          # 残疾等级 1–4; 1–2 are severe (重残)
    school_status: SchoolStatus

    def __post_init__(self):
        object.__setattr__(self, "health", Health.parse(self.health, "health"))
        object.__setattr__(self, "school_status", SchoolStatus.parse(self.school_status, "school_status"))
        g = self.disability_grade
        if g is not None and (type(g) is not int or not 1 <= g <= 4):
            raise ValidationError("disability_grade", "1 to 4", f"残疾等级应为1至4 / disability grade must be 1–4, got {g!r}")

    @property
    def serious_illness(self) -> bool:
        return self.health is Health.SERIOUS_ILLNESS

    @property
    def severe_disability(self) -> bool:
        return self.disability_grade in SEVERE_DISABILITY_GRADES


@dataclass(frozen=True)
class HouseholdFacts:
    """Every field is required: a defaulted "secured" or "no students" would hide a case."""
    category: HouseholdCategory
    risk_eliminated: bool                  # a monitored household whose risk was eliminated
    flags: frozenset[HouseholdFlag]
    housing_grade: HousingGrade | None    # None = not assessed
    can_fix_housing_alone: bool
    per_capita_fen: int | None             # 家庭人均纯收入, fen; None = not assessed
    baseline_fen: int | None               # 防止返贫监测收入基准线, fen
    has_supporter: bool                    # 有赡养/抚养/扶养人且有能力
    three_guarantees_secured: bool         # “三保障” 到位
    water_secured: bool                    # 安全饮水 到位
    can_solve_alone: bool                  # 依靠自身能力能解决
    members: tuple[MemberFacts, ...]

    def __post_init__(self):
        object.__setattr__(self, "category", HouseholdCategory.parse(self.category, "category"))
        object.__setattr__(self, "flags", frozenset(HouseholdFlag.parse(f, "flags") for f in self.flags))
        if self.housing_grade is not None:
            object.__setattr__(self, "housing_grade", HousingGrade.parse(self.housing_grade, "housing_grade"))
        for key in ("per_capita_fen", "baseline_fen"):
            v = getattr(self, key)
            if v is not None and type(v) is not int:
                raise ValidationError(key, "integer fen", f"{key} 应为整数(分) / must be an integer number of fen, got {v!r}")
        if self.baseline_fen is not None and self.baseline_fen <= 0:
            raise ValidationError("baseline_fen", "positive", "基准线应大于0 / baseline must be positive")
        object.__setattr__(self, "members", tuple(self.members))


@dataclass(frozen=True)
class Finding:
    number: int            # 1–5, the situation's number in 003 #3
    title_zh: str
    reason_zh: str         # which member / value triggered it
    members: tuple[str, ...] = ()


def yuan(fen: int) -> str:
    """6900_00 → '6,900元'; 512345 → '5,123.45元' (integer arithmetic, no floats)."""
    sign = "-" if fen < 0 else ""
    y, f = divmod(abs(fen), 100)
    return f"{sign}{y:,}元" if f == 0 else f"{sign}{y:,}.{f:02d}元"


def _member_list(members) -> str:
    return "、".join(members)


def _below_baseline(h: HouseholdFacts) -> bool:
    return h.per_capita_fen is not None and h.baseline_fen is not None and h.per_capita_fen < h.baseline_fen


def _income_text(h: HouseholdFacts) -> str:
    return f"人均纯收入{yuan(h.per_capita_fen)}低于基准线{yuan(h.baseline_fen)}"


def _student_text(m: MemberFacts) -> str:
    return f"{m.name}为在校生({m.school_status.zh})"


def check_situations(facts: HouseholdFacts) -> list[Finding]:
    """The situations of 003 #3 that this household meets, in number order.

    A household already monitored with its risk not eliminated is already in monitoring, so
    nothing is flagged for it. Situations 3 and 4 need the income: with per-capita income or
    the baseline unknown they are not evaluated.
    """
    h = facts
    if h.category is HouseholdCategory.MONITORED and not h.risk_eliminated:
        return []
    out: list[Finding] = []
    lifted_or_eliminated = h.category is HouseholdCategory.LIFTED or h.risk_eliminated
    who = "脱贫户" if h.category is HouseholdCategory.LIFTED else "已消除风险监测户"
    ill = [m for m in h.members if m.serious_illness]
    students = [m for m in h.members if m.school_status.is_student]

    # ① 整户低保 with a member seriously ill or a student.
    if lifted_or_eliminated and HouseholdFlag.DIBAO_WHOLE in h.flags and (ill or students):
        parts = [f"{m.name}患有大病" for m in ill] + [_student_text(m) for m in students if m not in ill]
        out.append(Finding(1, TITLES_ZH[1], f"{who}，整户低保，成员" + "；".join(parts),
                           tuple(m.name for m in ill) + tuple(m.name for m in students if m not in ill)))

    # ② C/D dangerous house the household cannot fix alone.
    if lifted_or_eliminated and h.housing_grade in DANGEROUS_GRADES and not h.can_fix_housing_alone:
        out.append(Finding(2, TITLES_ZH[2], f"{who}，住房为{h.housing_grade.zh}，依靠自身能力无法解决"))

    below = _below_baseline(h)
    # ③ income below baseline, serious illness or severe disability, nobody able to support.
    sick = [m for m in h.members if m.serious_illness or m.severe_disability]
    if below and sick and not h.has_supporter:
        parts = [f"{m.name}患有大病" if m.serious_illness else f"{m.name}为{m.disability_grade}级残疾(重残)"
                 for m in sick]
        out.append(Finding(3, TITLES_ZH[3],
                           f"{_income_text(h)}，成员{'；'.join(parts)}，无赡养人或赡养人无赡养能力",
                           tuple(m.name for m in sick)))

    # ④ income below baseline and 3+ students.
    if below and len(students) >= MIN_STUDENTS:
        out.append(Finding(4, TITLES_ZH[4],
                           f"{_income_text(h)}，家中有{len(students)}个在校生："
                           + "、".join(f"{m.name}({m.school_status.zh})" for m in students),
                           tuple(m.name for m in students)))

    # ⑤ low-income household with 三保障 or water not secured, cannot solve it alone.
    low = [f for f in HouseholdFlag if f in h.flags and f in LOW_INCOME_FLAGS]
    gaps = ([] if h.three_guarantees_secured else ["“三保障”"]) + ([] if h.water_secured else ["安全饮水"])
    if low and gaps and not h.can_solve_alone:
        out.append(Finding(5, TITLES_ZH[5],
                           f"{'、'.join(f.zh for f in low)}，{'和'.join(gaps)}保障不到位，依靠自身能力无法解决"))
    return out
