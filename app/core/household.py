"""Household (一户一档) and member fields: what each holds and the rules input must meet.

`clean_household` and `clean_member` take raw input (strings from the command line or a
form, or typed values) and return values ready to store, or raise ValidationError naming
the field and the rule. Only the fields given are checked, so an edit may send one field.
"""
from __future__ import annotations

from datetime import date

from . import clock
from .enums import (Education, Health, HouseholdCategory, HouseholdFlag, HousingGrade,
                    LabourCapacity, MonitoringCategory, Relation, Residence, RiskType,
                    SchoolStatus, Sex)
from .errors import ValidationError
from .idnumber import check_member_identity
from .phone import normalize_phone
from .province import parse_province

MAX_RISK_TYPES = 5  # the national form has five risk-type slots

_TRUE = {"1", "true", "yes", "y", "是", "有", "on"}
_FALSE = {"0", "false", "no", "n", "否", "无", "off", ""}


def parse_bool(value, field: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return bool(value)
    text = str(value).strip().lower()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValidationError(field, "yes or no (是/否)", f"{field}: '{value}' 应为 是/否 (expected yes or no)")


def parse_int(value, field: str, low: int | None = None, high: int | None = None) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or isinstance(value, float):
        raise ValidationError(field, "a whole number")
    try:
        number = int(str(value).strip())
    except ValueError:
        raise ValidationError(field, "a whole number", f"{field}: '{value}' 不是整数 (not a whole number)") from None
    if low is not None and number < low or high is not None and number > high:
        raise ValidationError(field, f"between {low} and {high}",
                              f"{field}: {number} 应在 {low}–{high} 之间 (must be between {low} and {high})")
    return number


def parse_date(value, field: str, today: date | None = None) -> str | None:
    """ISO date text; a date after `today` is refused (device clocks drift, typing slips)."""
    if value is None or value == "":
        return None
    if isinstance(value, date):
        day = value
    else:
        try:
            day = date.fromisoformat(str(value).strip())
        except ValueError:
            raise ValidationError(field, "date YYYY-MM-DD",
                                  f"{field}: '{value}' 应为日期 YYYY-MM-DD (expected a date YYYY-MM-DD)") from None
    if today is not None and day > today:
        raise ValidationError(field, "not in the future",
                              f"{field}: {day} 晚于今天 {today} (date is in the future)")
    return day.isoformat()


def parse_month(value, field: str = "month") -> str:
    text = str(value or "").strip()
    try:
        date.fromisoformat(text + "-01")
        if len(text) != 7:
            raise ValueError
    except ValueError:
        raise ValidationError(field, "month YYYY-MM", f"{field}: '{text}' 应为月份 YYYY-MM (expected YYYY-MM)") from None
    return text


def parse_text(value, field: str, required: bool = False, max_len: int = 200) -> str | None:
    """Free text of a field, stripped; None when empty (refused when `required`), refused
    beyond `max_len` characters."""
    text = "" if value is None else str(value).strip()
    if not text:
        if required:
            raise ValidationError(field, "required", f"{field}: 必填 (required)")
        return None
    if len(text) > max_len:
        raise ValidationError(field, f"at most {max_len} characters")
    return text


def parse_enum_list(value, enum, field: str, max_items: int | None = None) -> list[str]:
    """The codes of a list of `enum` values, from a list or from text separated by commas or 、."""
    if value is None or value == "":
        items = []
    elif isinstance(value, str):
        items = [v for v in value.replace("，", ",").replace("、", ",").split(",") if v.strip()]
    else:
        items = list(value)
    out = []
    for item in items:
        code = enum.parse(item, field).value
        if code not in out:
            out.append(code)
    if max_items is not None and len(out) > max_items:
        raise ValidationError(field, f"at most {max_items}", f"{field}: 最多 {max_items} 项 (at most {max_items})")
    return out


HOUSEHOLD_TEXT = {"province": 12, "county": 40, "township": 40, "village": 40, "group_name": 40,
                  "number": 40, "address": 200, "pairing_cadre": 40, "note": 2000}
HOUSEHOLD_BOOL = {"risk_eliminated", "can_fix_housing_alone", "water_secured", "has_supporter"}


# State the monitoring case owns: it changes only through the case's steps (风险消除, 回退), never
# by editing the household — not at the keyboard, in the window, from a ledger or by the county.
CASE_OWNED = ("risk_eliminated",)
# A ledger's 是否风险消除 = 是 for a household with no elimination here is kept as a claim in
# `details` under this key, for the checks to report, never as the household's state.
LEDGER_ELIMINATED = "ledger_risk_eliminated"


def refuse_case_owned(key: str) -> ValidationError:
    return ValidationError(key, "changed only by the monitoring case",
                           f"{key}: 风险是否消除由监测帮扶案例的“风险消除”“回退”步骤记录，不能直接修改；"
                           f"请在该户的监测帮扶案例中办理（003 #11 严格执行风险消除退出标准和程序）"
                           f" (risk elimination is recorded by the case's eliminate and revert steps, not by editing:"
                           f" zhucun case eliminate, zhucun case revert)")


def check_category_change(old: str | None, new: str | None) -> None:
    """A household enters or leaves 监测户 only through its monitoring case (识别纳入 after a
    clue and a household check), so an edit may not switch the category into or out of it."""
    monitored = HouseholdCategory.MONITORED.value
    if old is not None and new is not None and (old == monitored) != (new == monitored):
        raise ValidationError("category", "监测户 only through the monitoring case",
                              "category: 纳入监测须经风险线索、入户核查、识别纳入，不能直接改为或改出监测户 "
                              "(a household becomes or stops being monitored only through its case: clue, check, identify)")


def clean_household(data: dict, partial: bool = False, *, by_case: bool = False) -> dict:
    """`by_case`: the caller writes what a monitoring case decided (the demo village loading its
    cases); everyone else is refused the fields in CASE_OWNED."""
    out: dict = {}
    for key, value in data.items():
        if key in CASE_OWNED and not by_case:
            raise refuse_case_owned(key)
        if key == "head_name":
            out[key] = parse_text(value, key, required=True, max_len=40)
        elif key == "province":
            out[key] = parse_province(value, key) if parse_text(value, key) else None
        elif key in HOUSEHOLD_TEXT:
            out[key] = parse_text(value, key, max_len=HOUSEHOLD_TEXT[key])
        elif key == "phone":
            out[key] = normalize_phone(value, key) if parse_text(value, key) else None
        elif key == "category":
            out[key] = HouseholdCategory.parse(value, key).value
        elif key == "monitoring_category":
            out[key] = MonitoringCategory.parse(value, key).value if parse_text(value, key) else None
        elif key == "monitoring_since":
            out[key] = parse_month(value, key) if parse_text(value, key) else None
        elif key == "residence":
            out[key] = Residence.parse(value, key).value
        elif key == "flags":
            out[key] = parse_enum_list(value, HouseholdFlag, key)
        elif key == "risk_types":
            out[key] = parse_enum_list(value, RiskType, key, MAX_RISK_TYPES)
        elif key == "housing_grade":
            out[key] = HousingGrade.parse(value, key).value if parse_text(value, key) else None
        elif key in HOUSEHOLD_BOOL:
            out[key] = parse_bool(value, key)
        elif key == "details":
            if not isinstance(value, dict):
                raise ValidationError(key, "a set of named values")
            if any(isinstance(v, float) for v in value.values()):
                raise ValidationError(key, "whole numbers only")
            out[key] = value
        else:
            raise ValidationError(key, "not a household field", f"{key}: 不是户信息字段 (not a household field)")
    if not partial:
        if "head_name" not in out:
            raise ValidationError("head_name", "required", "head_name: 户主姓名必填 (required)")
        out.setdefault("category", HouseholdCategory.ORDINARY.value)
    if not partial:
        check_household(out)
    return out


def check_household(h: dict) -> None:
    """Rules across a whole household's fields (an edit is checked merged with what is stored)."""
    if h.get("category") == HouseholdCategory.MONITORED.value and not h.get("monitoring_category"):
        raise ValidationError("monitoring_category", "required for 监测户",
                              "monitoring_category: 监测户须填写监测对象类别 (required for a monitored household)")


def check_head_and_spouse(others, new: dict) -> None:
    """One head and one spouse per household, of opposite sexes: `new` (relation, sex) against
    the household's `others` (relation, sex, name)."""
    if new.get("relation") not in (Relation.HEAD.value, Relation.SPOUSE.value):
        return
    for m in others:
        if m.get("relation") == new["relation"]:
            raise ValidationError("relation", f"one {Relation(new['relation']).zh} per household",
                                  f"relation: 本户已有{Relation(new['relation']).zh} {m['name']} (already has one)")
        if m.get("relation") in (Relation.HEAD.value, Relation.SPOUSE.value) and m.get("sex") == new.get("sex"):
            raise ValidationError("sex", "head and spouse of opposite sex",
                                  f"sex: 户主与配偶性别相同（{Sex(m['sex']).zh}）(head and spouse of the same sex)")


MEMBER_TEXT = {"name": 40, "ethnicity": 20, "dropout_reason": 200, "work_place": 100, "employer": 100,
               "note": 2000}
MEMBER_BOOL = {"disability_certificate", "welfare_post", "medical_insurance", "serious_illness_insurance",
               "pension_insurance"}
MEMBER_ENUMS = {"sex": Sex, "relation": Relation, "education": Education, "school_status": SchoolStatus,
                "health": Health, "labour": LabourCapacity}


def clean_member(data: dict, partial: bool = False, today: date | None = None) -> dict:
    """`confirm_birth_year` (yes/no, not stored): a person has checked the card of an ID number
    whose birth year is implausibly early (before 1900) and saves it."""
    out: dict = {}
    data = dict(data)
    confirmed = parse_bool(data.pop("confirm_birth_year", False) or False, "confirm_birth_year")
    for key, value in data.items():
        if key == "name":
            out[key] = parse_text(value, key, required=True, max_len=40)
        elif key in MEMBER_TEXT:
            out[key] = parse_text(value, key, max_len=MEMBER_TEXT[key])
        elif key in MEMBER_ENUMS:
            out[key] = MEMBER_ENUMS[key].parse(value, key).value if parse_text(value, key) else None
        elif key in MEMBER_BOOL:
            out[key] = parse_bool(value, key)
        elif key == "id_number":
            out[key] = parse_text(value, key)
        elif key == "birth_date":
            out[key] = parse_date(value, key, today or clock.today())
        elif key == "phone":
            out[key] = normalize_phone(value, key) if parse_text(value, key) else None
        elif key == "disability_grade":
            out[key] = parse_int(value, key, 1, 4)
        elif key == "work_months":
            out[key] = parse_int(value, key, 0, 12)
        elif key == "monthly_wage_fen":
            out[key] = parse_int(value, key, 0, 10_000_000)
        else:
            raise ValidationError(key, "not a member field", f"{key}: 不是成员信息字段 (not a member field)")
    if out.get("id_number"):
        info = check_member_identity(out["id_number"], out.get("birth_date"), out.get("sex"),
                                     allow_early_birth=confirmed)
        out["id_number"] = info.number
        # Birth date and sex follow from the number when not typed in.
        out.setdefault("birth_date", info.birth_date.isoformat())
        out.setdefault("sex", info.sex.value)
        if out["birth_date"] is None:
            out["birth_date"] = info.birth_date.isoformat()
        if out["sex"] is None:
            out["sex"] = info.sex.value
    if not partial:
        for key in ("name", "sex", "birth_date", "relation"):
            if not out.get(key):
                raise ValidationError(key, "required", f"{key}: 必填 (required; give id_number or {key})")
        for key, value in age_defaults(out["birth_date"], today or clock.today()).items():
            if out.get(key) is None:
                out[key] = value
    for key in ("relation", "school_status", "health", "labour"):
        if key in out and out[key] is None and not partial:
            del out[key]
    _check_member_consistency(out, today or clock.today())
    return out


# 在校生状况 a child of each age is taken to be in, until told otherwise (school starts at 6).
_STAGE_BY_AGE = ((3, SchoolStatus.PRESCHOOL), (6, SchoolStatus.PRIMARY), (12, SchoolStatus.JUNIOR),
                 (15, SchoolStatus.SENIOR), (18, None))


def age_defaults(birth_iso: str, day: date) -> dict:
    """A new member's 在校生状况 and 劳动技能 when not given, from the age on `day`: the matching
    school stage from 3 to 17; 无劳动力 under 16 and for students (national logic check)."""
    age = age_on(birth_iso, day)
    stage = SchoolStatus.NONE
    for start, status in _STAGE_BY_AGE:
        if age >= start:
            stage = status or SchoolStatus.NONE
    out = {"school_status": stage.value}
    if age < 16 or stage.is_student:
        out["labour"] = LabourCapacity.NONE.value
    return out


def age_on(birth_iso: str, day: date) -> int:
    b = date.fromisoformat(birth_iso)
    return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


# The ages a person can be at each 在校生状况 at all (a late start, repeating, an adult class):
# outside them the ID number or the stage is wrong, so input is refused. The national data
# check's narrower ages (app.core.quality) stay a warning to look at.
SCHOOL_STAGE_AGES = {SchoolStatus.PRESCHOOL.value: (0, 8), SchoolStatus.PRIMARY.value: (5, 20),
                     SchoolStatus.JUNIOR.value: (9, 25), SchoolStatus.SENIOR.value: (12, 35),
                     SchoolStatus.COLLEGE.value: (14, None)}


def check_school_stage_age(status: str | None, age: int) -> None:
    """Refuse a school stage the person's age rules out (a 6-year-old in 大专, a 40-year-old in 小学)."""
    low, high = SCHOOL_STAGE_AGES.get(status or "", (0, None))
    if age < low or (high is not None and age > high):
        zh = SchoolStatus(status).zh
        span, en_span = (f"{low}岁以上", f"{low} or older") if high is None else (f"{low}–{high}岁", f"{low}–{high}")
        raise ValidationError("school_status", "school stage fits the age",
                              f"school_status: 在校生状况“{zh}”与年龄{age}岁不符，应为{span} "
                              f"(a {age}-year-old cannot be at this school stage: ages {en_span})")


# Relations that name a sex (之子 is a son): the member's sex must agree.
RELATION_SEX = {Relation.SON.value: Sex.MALE.value, Relation.DAUGHTER.value: Sex.FEMALE.value,
                Relation.DAUGHTER_IN_LAW.value: Sex.FEMALE.value, Relation.SON_IN_LAW.value: Sex.MALE.value,
                Relation.GRANDSON.value: Sex.MALE.value, Relation.GRANDDAUGHTER.value: Sex.FEMALE.value,
                Relation.FATHER.value: Sex.MALE.value, Relation.MOTHER.value: Sex.FEMALE.value}


def check_relation_sex(relation: str | None, sex: str | None) -> None:
    want = RELATION_SEX.get(relation)
    if want and sex and sex != want:
        raise ValidationError("relation", "relation agrees with sex",
                              f"relation: 与户主关系“{Relation(relation).zh}”与性别“{Sex(sex).zh}”不符 "
                              f"(the relation {Relation(relation).zh} does not fit a member who is {Sex(sex).zh})")


def _check_member_consistency(m: dict, today: date) -> None:
    check_relation_sex(m.get("relation"), m.get("sex"))
    if m.get("health") == Health.DISABLED.value and "disability_grade" in m and m["disability_grade"] is None:
        raise ValidationError("disability_grade", "required when health is 残疾",
                              "disability_grade: 残疾须填写残疾等级 1–4 (required when disabled)")
    if m.get("birth_date"):
        age = age_on(m["birth_date"], today)
        if m.get("welfare_post") and not 16 <= age < 70:
            raise ValidationError("welfare_post", "holders aged 16–69",
                                  f"welfare_post: 公益岗位人员年龄应为16–69岁，此人{age}岁 (holders must be 16–69)")
        status = m.get("school_status")
        if m.get("labour") in (LabourCapacity.ORDINARY.value, LabourCapacity.SKILLED.value) and (
                age < 16 or (status and SchoolStatus(status).is_student)):
            raise ValidationError("labour", "none for students and under 16",
                                  "labour: 在校生或未满16岁者不应有劳动能力 (students and under-16s have no labour capacity)")
        if status:
            check_school_stage_age(status, age)
