"""The names of the domain's vocabularies (app/core/enums.py) in the window's language.

The core keeps Chinese names only; their English comes from the translation files, under one
context per vocabulary. The list below is what lupdate reads: regenerate it when an enum
gains a member (see scripts/i18n.sh)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

from app.core.enums import ZhEnum

NAMES = [
    QT_TRANSLATE_NOOP("CaseState", "风险线索"),
    QT_TRANSLATE_NOOP("CaseState", "核查未纳入"),
    QT_TRANSLATE_NOOP("CaseState", "已识别纳入"),
    QT_TRANSLATE_NOOP("CaseState", "帮扶中"),
    QT_TRANSLATE_NOOP("CaseState", "风险已消除"),
    QT_TRANSLATE_NOOP("CaseState", "回头看稳定"),
    QT_TRANSLATE_NOOP("DueKind", "入户走访"),
    QT_TRANSLATE_NOOP("DueKind", "电话/微信联系"),
    QT_TRANSLATE_NOOP("DueKind", "消除风险后回头看"),
    QT_TRANSLATE_NOOP("DueKind", "年度入户走访"),
    QT_TRANSLATE_NOOP("DueKind", "季度收入监测"),
    QT_TRANSLATE_NOOP("Education", "文盲或半文盲"),
    QT_TRANSLATE_NOOP("Education", "小学"),
    QT_TRANSLATE_NOOP("Education", "初中"),
    QT_TRANSLATE_NOOP("Education", "高中"),
    QT_TRANSLATE_NOOP("Education", "中职"),
    QT_TRANSLATE_NOOP("Education", "大专及以上"),
    QT_TRANSLATE_NOOP("Health", "健康"),
    QT_TRANSLATE_NOOP("Health", "长期慢性病"),
    QT_TRANSLATE_NOOP("Health", "患有大病"),
    QT_TRANSLATE_NOOP("Health", "残疾"),
    QT_TRANSLATE_NOOP("HouseholdCategory", "脱贫户"),
    QT_TRANSLATE_NOOP("HouseholdCategory", "一般农户"),
    QT_TRANSLATE_NOOP("HouseholdCategory", "监测户"),
    QT_TRANSLATE_NOOP("HouseholdFlag", "低保户"),
    QT_TRANSLATE_NOOP("HouseholdFlag", "整户低保"),
    QT_TRANSLATE_NOOP("HouseholdFlag", "分散供养特困"),
    QT_TRANSLATE_NOOP("HouseholdFlag", "集中供养特困"),
    QT_TRANSLATE_NOOP("HouseholdFlag", "低保边缘家庭"),
    QT_TRANSLATE_NOOP("HouseholdFlag", "残疾人户"),
    QT_TRANSLATE_NOOP("HouseholdFlag", "易地搬迁户"),
    QT_TRANSLATE_NOOP("HouseholdFlag", "军烈属"),
    QT_TRANSLATE_NOOP("HousingGrade", "A级(安全)"),
    QT_TRANSLATE_NOOP("HousingGrade", "B级(局部不安全)"),
    QT_TRANSLATE_NOOP("HousingGrade", "C级(局部危房)"),
    QT_TRANSLATE_NOOP("HousingGrade", "D级(整幢危房)"),
    QT_TRANSLATE_NOOP("LabourCapacity", "普通劳动力"),
    QT_TRANSLATE_NOOP("LabourCapacity", "技能劳动力"),
    QT_TRANSLATE_NOOP("LabourCapacity", "弱劳动力或半劳动力"),
    QT_TRANSLATE_NOOP("LabourCapacity", "丧失劳动力"),
    QT_TRANSLATE_NOOP("LabourCapacity", "无劳动力"),
    QT_TRANSLATE_NOOP("Measure", "产业帮扶"),
    QT_TRANSLATE_NOOP("Measure", "就业帮扶"),
    QT_TRANSLATE_NOOP("Measure", "公益岗位"),
    QT_TRANSLATE_NOOP("Measure", "健康帮扶"),
    QT_TRANSLATE_NOOP("Measure", "教育帮扶"),
    QT_TRANSLATE_NOOP("Measure", "义务教育保障"),
    QT_TRANSLATE_NOOP("Measure", "住房安全保障"),
    QT_TRANSLATE_NOOP("Measure", "饮水安全保障"),
    QT_TRANSLATE_NOOP("Measure", "综合保障"),
    QT_TRANSLATE_NOOP("Measure", "搬迁"),
    QT_TRANSLATE_NOOP("Measure", "金融帮扶"),
    QT_TRANSLATE_NOOP("Measure", "社会帮扶"),
    QT_TRANSLATE_NOOP("Measure", "基础设施"),
    QT_TRANSLATE_NOOP("MonitoringCategory", "脱贫不稳定户"),
    QT_TRANSLATE_NOOP("MonitoringCategory", "边缘易致贫户"),
    QT_TRANSLATE_NOOP("MonitoringCategory", "突发严重困难户"),
    QT_TRANSLATE_NOOP("Relation", "户主"),
    QT_TRANSLATE_NOOP("Relation", "配偶"),
    QT_TRANSLATE_NOOP("Relation", "之子"),
    QT_TRANSLATE_NOOP("Relation", "之女"),
    QT_TRANSLATE_NOOP("Relation", "之儿媳"),
    QT_TRANSLATE_NOOP("Relation", "之女婿"),
    QT_TRANSLATE_NOOP("Relation", "之孙子"),
    QT_TRANSLATE_NOOP("Relation", "之孙女"),
    QT_TRANSLATE_NOOP("Relation", "之父"),
    QT_TRANSLATE_NOOP("Relation", "之母"),
    QT_TRANSLATE_NOOP("Relation", "兄弟姐妹"),
    QT_TRANSLATE_NOOP("Relation", "其他"),
    QT_TRANSLATE_NOOP("Residence", "在家"),
    QT_TRANSLATE_NOOP("Residence", "外出务工"),
    QT_TRANSLATE_NOOP("Residence", "进城居住"),
    QT_TRANSLATE_NOOP("RiskType", "因病"),
    QT_TRANSLATE_NOOP("RiskType", "因学"),
    QT_TRANSLATE_NOOP("RiskType", "因残"),
    QT_TRANSLATE_NOOP("RiskType", "因自然灾害"),
    QT_TRANSLATE_NOOP("RiskType", "因意外事故"),
    QT_TRANSLATE_NOOP("RiskType", "因务工就业不稳"),
    QT_TRANSLATE_NOOP("RiskType", "缺劳动力"),
    QT_TRANSLATE_NOOP("RiskType", "因产业项目失败"),
    QT_TRANSLATE_NOOP("RiskType", "住房出现安全问题"),
    QT_TRANSLATE_NOOP("RiskType", "饮水安全问题"),
    QT_TRANSLATE_NOOP("RiskType", "其他"),
    QT_TRANSLATE_NOOP("Role", "采集员"),
    QT_TRANSLATE_NOOP("Role", "队长"),
    QT_TRANSLATE_NOOP("SchoolStatus", "非在校生"),
    QT_TRANSLATE_NOOP("SchoolStatus", "学前教育"),
    QT_TRANSLATE_NOOP("SchoolStatus", "小学"),
    QT_TRANSLATE_NOOP("SchoolStatus", "七至九年级"),
    QT_TRANSLATE_NOOP("SchoolStatus", "高中或中职"),
    QT_TRANSLATE_NOOP("SchoolStatus", "大专及以上"),
    QT_TRANSLATE_NOOP("SchoolStatus", "辍学"),
    QT_TRANSLATE_NOOP("Sex", "男"),
    QT_TRANSLATE_NOOP("Sex", "女"),
    QT_TRANSLATE_NOOP("VisitMode", "入户"),
    QT_TRANSLATE_NOOP("VisitMode", "电话"),
    QT_TRANSLATE_NOOP("VisitMode", "微信"),
]


def name_of(member: ZhEnum | None) -> str:
    """The member's name as the window shows it (Chinese, or its translation)."""
    if member is None:
        return ""
    return QCoreApplication.translate(type(member).__name__, member.zh)


def names_of(members) -> str:
    """Several names joined as the language joins a list."""
    return QCoreApplication.translate("Punctuation", "、").join(name_of(m) for m in members)


def choices(enum) -> list[tuple[str, str]]:
    """(code, shown name) for every member, for combo boxes and check lists."""
    return [(m.value, name_of(m)) for m in enum]
