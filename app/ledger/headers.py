"""The national monitoring system's ledger columns, and the values its exports hold.

A column header names a target: "household.<field>" or "member.<field>" of our records, or
IGNORE for columns we know and deliberately leave out (row numbers, figures we derive).
Headers are compared after `normalize_header`, so line breaks, spaces, full-width brackets
and the asterisk that marks a required column do not matter.
"""
from __future__ import annotations

import re
import unicodedata

from app.core.enums import (Education, Health, HouseholdCategory, HousingGrade, LabourCapacity,
                            MonitoringCategory, Relation, RiskType, SchoolStatus, Sex)

IGNORE = "ignore"

# What a column can be mapped to, with the Chinese name the mapping step shows.
TARGETS: dict[str, str] = {
    "household.number": "户编号",
    "household.head_name": "户主姓名",
    "household.province": "省",
    "household.county": "县（市、区）",
    "household.township": "乡（镇）",
    "household.village": "行政村",
    "household.group_name": "村民小组",
    "household.address": "家庭住址",
    "household.phone": "户联系电话",
    "household.category": "户类型",
    "household.monitoring_category": "监测对象类别",
    "household.monitoring_since": "纳入监测时间",
    "household.risk_types": "风险类型",
    "household.risk_eliminated": "是否风险消除",
    "household.housing_grade": "住房安全等级",
    "household.pairing_cadre": "帮扶责任人",
    "household.note": "户备注",
    "member.name": "姓名",
    "member.id_number": "证件号码",
    "member.relation": "与户主关系",
    "member.sex": "性别",
    "member.birth_date": "出生日期",
    "member.ethnicity": "民族",
    "member.education": "文化程度",
    "member.school_status": "在校生状况",
    "member.health": "健康状况",
    "member.disability_grade": "残疾等级",
    "member.labour": "劳动技能",
    "member.work_months": "务工时间（月）",
    "member.work_place": "务工地点",
    "member.employer": "务工单位",
    "member.phone": "联系电话",
    "member.medical_insurance": "是否参加城乡居民基本医疗保险",
    "member.serious_illness_insurance": "是否参加大病保险",
    "member.pension_insurance": "是否参加城乡居民基本养老保险",
    "member.welfare_post": "是否公益岗位",
    "member.note": "成员备注",
    IGNORE: "不导入",
}

# Header text → target. The first name of each target is its TARGETS name; the rest are the
# spellings seen in county and provincial exports.
_KNOWN: dict[str, tuple[str, ...]] = {
    "household.number": ("户编号", "户码", "家庭编号", "户编码", "农户编号"),
    "household.head_name": ("户主姓名", "户主"),
    "household.province": ("省", "省份", "省（区、市）"),
    "household.county": ("县", "县（市、区）", "县区", "县(市区)", "区县"),
    "household.township": ("乡", "乡镇", "乡（镇）", "乡镇（街道）"),
    "household.village": ("村", "行政村", "村（社区）", "所在村"),
    "household.group_name": ("村民小组", "组", "小组", "自然村（组）"),
    "household.address": ("家庭住址", "住址", "家庭地址"),
    "household.phone": ("户联系电话", "户主联系电话", "家庭联系电话"),
    "household.category": ("户类型", "户类别", "户属性", "农户类型"),
    "household.monitoring_category": ("监测对象类别", "监测类型", "监测对象类型"),
    "household.monitoring_since": ("纳入监测时间", "识别时间", "纳入时间", "识别纳入时间"),
    "household.risk_types": ("风险类型", "主要风险类型", "返贫致贫风险", "致贫返贫风险类型",
                             "风险类型1", "风险类型2", "风险类型3", "风险类型4", "风险类型5"),
    "household.risk_eliminated": ("是否风险消除", "风险是否消除", "风险消除"),
    "household.housing_grade": ("住房安全等级", "危房等级", "住房等级"),
    "household.pairing_cadre": ("帮扶责任人", "帮扶人", "结对帮扶责任人"),
    "household.note": ("户备注",),
    "member.name": ("姓名", "成员姓名", "家庭成员姓名"),
    "member.id_number": ("证件号码", "身份证号", "身份证号码", "公民身份号码", "身份证件号码"),
    "member.relation": ("与户主关系",),
    "member.sex": ("性别",),
    "member.birth_date": ("出生日期", "出生年月日"),
    "member.ethnicity": ("民族",),
    "member.education": ("文化程度", "学历"),
    "member.school_status": ("在校生状况", "在校生情况", "在校情况"),
    "member.health": ("健康状况",),
    "member.disability_grade": ("残疾等级",),
    "member.labour": ("劳动技能", "劳动能力"),
    "member.work_months": ("务工时间（月）", "务工时间", "务工月数", "务工时间(月)"),
    "member.work_place": ("务工地点", "务工所在地", "务工区域"),
    "member.employer": ("务工单位", "务工企业"),
    "member.phone": ("联系电话", "手机号码", "电话"),
    "member.medical_insurance": ("是否参加城乡居民基本医疗保险", "参加城乡居民基本医疗保险", "是否参加基本医疗保险",
                                 "基本医疗保险"),
    "member.serious_illness_insurance": ("是否参加大病保险", "大病保险"),
    "member.pension_insurance": ("是否参加城乡居民基本养老保险", "参加城乡居民基本养老保险", "是否参加基本养老保险",
                                 "基本养老保险"),
    "member.welfare_post": ("是否公益岗位", "公益岗位", "是否在公益岗位就业"),
    "member.note": ("成员备注", "备注"),
    # Known and left out: row numbers, document types, figures this program derives itself,
    # and the reason column of our own rejection report (so a fixed report re-imports).
    IGNORE: ("序号", "编号", "证件类型", "家庭人口数", "家庭人口", "人口数", "市", "市（州）", "地市",
             "人均纯收入", "家庭年人均纯收入", "年度", "未导入原因", "行号", "工作表"),
}


def normalize_header(text) -> str:
    """Header text as compared: NFKC, no spaces or line breaks, no required-marks."""
    t = unicodedata.normalize("NFKC", "" if text is None else str(text))
    t = re.sub(r"\s+", "", t).strip("*＊")
    # NFKC turns （ into (; compare brackets in one form.
    return t.replace("(", "（").replace(")", "）")


KNOWN_HEADERS: dict[str, str] = {normalize_header(h): target for target, names in _KNOWN.items() for h in names}


def parse_target(text: str) -> str:
    """A mapping target named by its key (member.work_place), its Chinese name or 不导入/ignore."""
    t = (text or "").strip()
    if t in TARGETS:
        return t
    for key, zh in TARGETS.items():
        if normalize_header(t) == normalize_header(zh):
            return key
    from app.core.errors import ValidationError
    raise ValidationError("map", "a known field", f"map: '{t}' 不是可导入的字段 (not a field that can be imported)")


# -- values ----------------------------------------------------------------
# Spellings the national system and county spreadsheets use, beyond our enums' own names.
VALUE_ALIASES: dict[type, dict[str, str]] = {
    Relation: {"本人": "head", "本人（户主）": "head", "户主本人": "head", "妻": "spouse", "夫": "spouse",
               "妻子": "spouse", "丈夫": "spouse", "子": "son", "儿子": "son", "之儿子": "son",
               "女": "daughter", "女儿": "daughter", "儿媳": "daughter_in_law", "之媳": "daughter_in_law",
               "女婿": "son_in_law", "孙子": "grandson", "之孙": "grandson", "孙女": "granddaughter",
               "之外孙子": "grandson", "之外孙女": "granddaughter", "父亲": "father", "母亲": "mother",
               "之兄弟姐妹": "sibling", "兄弟": "sibling", "姐妹": "sibling", "之其他": "other",
               "其他亲属": "other"},
    Sex: {"男性": "male", "女性": "female"},
    HouseholdCategory: {"监测对象": "monitored", "防止返贫监测对象": "monitored", "监测对象户": "monitored",
                        "脱贫户（脱贫不稳定户）": "monitored", "一般户": "ordinary", "农户": "ordinary",
                        "已脱贫户": "lifted", "建档立卡脱贫户": "lifted"},
    MonitoringCategory: {"脱贫不稳定": "unstable_lifted", "边缘易致贫": "edge_at_risk",
                         "突发严重困难": "sudden_hardship", "边缘易致贫户（低保边缘）": "edge_at_risk"},
    Education: {"文盲": "illiterate", "半文盲": "illiterate", "学龄前儿童": None, "中专": "vocational",
                "中职": "vocational", "技校": "vocational", "大专": "college", "本科": "college",
                "本科及以上": "college", "研究生": "college"},
    SchoolStatus: {"非在校": "none", "不在校": "none", "学龄前": "preschool", "学前": "preschool",
                   "幼儿园": "preschool", "小学一年级": "primary", "小学二年级": "primary",
                   "小学三年级": "primary", "小学四年级": "primary", "小学五年级": "primary",
                   "小学六年级": "primary", "七年级": "junior", "八年级": "junior", "九年级": "junior",
                   "初中": "junior", "初一": "junior", "初二": "junior", "初三": "junior",
                   "高中": "senior", "中职": "senior", "高中一年级": "senior", "高中二年级": "senior",
                   "高中三年级": "senior", "中职一年级": "senior", "中职二年级": "senior", "中职三年级": "senior",
                   "高职高专": "college", "大专": "college", "本科": "college", "本科及以上": "college",
                   "硕士": "college", "博士": "college", "辍学": "dropped_out", "失学辍学": "dropped_out"},
    Health: {"大病": "serious_illness", "患大病": "serious_illness", "慢性病": "chronic",
             "长期慢性病患者": "chronic", "残疾人": "disabled"},
    LabourCapacity: {"普通劳动": "ordinary", "技能劳动": "skilled", "弱劳动力": "weak", "半劳动力": "weak",
                     "丧失劳动能力": "lost", "无劳动能力": "none"},
    RiskType: {"因病致贫": "illness", "因学致贫": "schooling", "因残致贫": "disability", "因灾": "disaster",
               "因意外": "accident", "因意外事故致贫": "accident", "因务工就业不稳": "unstable_work",
               "务工就业不稳": "unstable_work", "缺劳力": "no_labour", "缺劳动力致贫": "no_labour",
               "因产业项目失败": "failed_project", "产业项目失败": "failed_project",
               "住房安全问题": "housing", "住房出现安全问题": "housing", "饮水安全": "water",
               "饮水安全问题": "water", "因自然灾害": "disaster", "其他原因": "other"},
    HousingGrade: {"A级": "A", "B级": "B", "C级": "C", "D级": "D", "a": "A", "b": "B", "c": "C", "d": "D",
                   "安全": "A", "局部危房": "C", "整幢危房": "D"},
}

_DISABILITY_GRADES = {"一级": 1, "二级": 2, "三级": 3, "四级": 4, "1级": 1, "2级": 2, "3级": 3, "4级": 4}


def canonical_value(enum, text: str) -> str | None:
    """Our code for a ledger value of `enum`, the value itself when our enum knows it, or
    None for a value that means "not applicable" (学龄前儿童 has no education)."""
    t = unicodedata.normalize("NFKC", text).strip().replace("(", "（").replace(")", "）")
    aliases = VALUE_ALIASES.get(enum, {})
    if t in aliases:
        return aliases[t]
    return t


def disability_grade(text: str) -> str:
    t = unicodedata.normalize("NFKC", text).strip()
    return str(_DISABILITY_GRADES.get(t, t))
