"""The closed vocabularies of the domain, each value with its Chinese name.

Values are stable English codes stored in the database and carried by sync; `zh` is what a
person sees. `parse` accepts either the code or the Chinese name.
"""
from enum import Enum

from .errors import ValidationError


class ZhEnum(str, Enum):
    def __new__(cls, code: str, zh: str):
        obj = str.__new__(cls, code)
        obj._value_ = code
        obj.zh = zh
        return obj

    @classmethod
    def parse(cls, text: str, field: str):
        """The member named by `text` (code or Chinese name); ValidationError names `field`."""
        if isinstance(text, cls):
            return text
        t = (text or "").strip()
        m = cls._value2member_map_.get(t)
        if m is not None:
            return m
        for m in cls:
            if t == m.zh:
                return m
        allowed = "、".join(f"{m.value}({m.zh})" for m in cls)
        raise ValidationError(field, f"must be one of {allowed}", f"{field}: '{t}' is not one of {allowed}")

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.zh) for m in cls]


class HouseholdCategory(ZhEnum):
    """户类型."""
    LIFTED = ("lifted", "脱贫户")
    ORDINARY = ("ordinary", "一般农户")
    MONITORED = ("monitored", "监测户")


class MonitoringCategory(ZhEnum):
    """监测对象类别."""
    UNSTABLE_LIFTED = ("unstable_lifted", "脱贫不稳定户")
    EDGE_AT_RISK = ("edge_at_risk", "边缘易致贫户")
    SUDDEN_HARDSHIP = ("sudden_hardship", "突发严重困难户")


class Residence(ZhEnum):
    """Whether the household lives at home; decides home visit or phone/WeChat contact."""
    AT_HOME = ("at_home", "在家")
    AWAY = ("away", "外出务工")
    IN_TOWN = ("in_town", "进城居住")


class HouseholdFlag(ZhEnum):
    DIBAO = ("dibao", "低保户")
    DIBAO_WHOLE = ("dibao_whole", "整户低保")
    TEKUN_SCATTERED = ("tekun_scattered", "分散供养特困")
    TEKUN_CENTRAL = ("tekun_central", "集中供养特困")
    DIBAO_EDGE = ("dibao_edge", "低保边缘家庭")
    DISABLED = ("disabled", "残疾人户")
    RELOCATED = ("relocated", "易地搬迁户")
    MILITARY = ("military", "军烈属")


class RiskType(ZhEnum):
    """风险类型."""
    ILLNESS = ("illness", "因病")
    SCHOOLING = ("schooling", "因学")
    DISABILITY = ("disability", "因残")
    DISASTER = ("disaster", "因自然灾害")
    ACCIDENT = ("accident", "因意外事故")
    UNSTABLE_WORK = ("unstable_work", "因务工就业不稳")
    NO_LABOUR = ("no_labour", "缺劳动力")
    FAILED_PROJECT = ("failed_project", "因产业项目失败")
    HOUSING = ("housing", "住房出现安全问题")
    WATER = ("water", "饮水安全问题")
    OTHER = ("other", "其他")


class Measure(ZhEnum):
    """帮扶措施."""
    INDUSTRY = ("industry", "产业帮扶")
    EMPLOYMENT = ("employment", "就业帮扶")
    WELFARE_POST = ("welfare_post", "公益岗位")
    HEALTH = ("health", "健康帮扶")
    EDUCATION = ("education", "教育帮扶")
    COMPULSORY_EDUCATION = ("compulsory_education", "义务教育保障")
    HOUSING = ("housing", "住房安全保障")
    WATER = ("water", "饮水安全保障")
    SOCIAL_SECURITY = ("social_security", "综合保障")
    RELOCATION = ("relocation", "搬迁")
    MICROCREDIT = ("microcredit", "金融帮扶")
    SOCIAL_AID = ("social_aid", "社会帮扶")
    INFRASTRUCTURE = ("infrastructure", "基础设施")


class VisitMode(ZhEnum):
    HOME = ("home", "入户")
    PHONE = ("phone", "电话")
    WECHAT = ("wechat", "微信")


class Sex(ZhEnum):
    MALE = ("male", "男")
    FEMALE = ("female", "女")


class Relation(ZhEnum):
    """与户主关系."""
    HEAD = ("head", "户主")
    SPOUSE = ("spouse", "配偶")
    SON = ("son", "之子")
    DAUGHTER = ("daughter", "之女")
    DAUGHTER_IN_LAW = ("daughter_in_law", "之儿媳")
    SON_IN_LAW = ("son_in_law", "之女婿")
    GRANDSON = ("grandson", "之孙子")
    GRANDDAUGHTER = ("granddaughter", "之孙女")
    FATHER = ("father", "之父")
    MOTHER = ("mother", "之母")
    SIBLING = ("sibling", "兄弟姐妹")
    OTHER = ("other", "其他")


class Education(ZhEnum):
    """文化程度."""
    ILLITERATE = ("illiterate", "文盲或半文盲")
    PRIMARY = ("primary", "小学")
    JUNIOR = ("junior", "初中")
    SENIOR = ("senior", "高中")
    VOCATIONAL = ("vocational", "中职")
    COLLEGE = ("college", "大专及以上")


class SchoolStatus(ZhEnum):
    """在校生状况."""
    NONE = ("none", "非在校生")
    PRESCHOOL = ("preschool", "学前教育")
    PRIMARY = ("primary", "小学")
    JUNIOR = ("junior", "七至九年级")
    SENIOR = ("senior", "高中或中职")
    COLLEGE = ("college", "大专及以上")
    DROPPED_OUT = ("dropped_out", "辍学")

    @property
    def is_student(self) -> bool:
        return self not in (SchoolStatus.NONE, SchoolStatus.DROPPED_OUT)


class Health(ZhEnum):
    """健康状况."""
    HEALTHY = ("healthy", "健康")
    CHRONIC = ("chronic", "长期慢性病")
    SERIOUS_ILLNESS = ("serious_illness", "患有大病")
    DISABLED = ("disabled", "残疾")


class LabourCapacity(ZhEnum):
    """劳动技能."""
    ORDINARY = ("ordinary", "普通劳动力")
    SKILLED = ("skilled", "技能劳动力")
    WEAK = ("weak", "弱劳动力或半劳动力")
    LOST = ("lost", "丧失劳动力")
    NONE = ("none", "无劳动力")

    @property
    def can_work(self) -> bool:
        return self in (LabourCapacity.ORDINARY, LabourCapacity.SKILLED, LabourCapacity.WEAK)


class HousingGrade(ZhEnum):
    """住房安全等级: C and D are dangerous houses (危房)."""
    A = ("A", "A级(安全)")
    B = ("B", "B级(局部不安全)")
    C = ("C", "C级(局部危房)")
    D = ("D", "D级(整幢危房)")


class Role(ZhEnum):
    COLLECTOR = ("collector", "采集员")
    LEADER = ("leader", "队长")


class CaseState(ZhEnum):
    """The monitoring case's place in the workflow (DOMAIN §4)."""
    CLUE = ("clue", "风险线索")
    REJECTED = ("rejected", "核查未纳入")
    IDENTIFIED = ("identified", "已识别纳入")
    HELPING = ("helping", "帮扶中")
    ELIMINATED = ("eliminated", "风险已消除")
    STABLE = ("stable", "回头看稳定")


class DueKind(ZhEnum):
    HOME_VISIT = ("home_visit", "入户走访")
    REMOTE_CONTACT = ("remote_contact", "电话/微信联系")
    FOLLOWUP_CHECK = ("followup_check", "消除风险后回头看")
    ANNUAL_VISIT = ("annual_visit", "年度入户走访")
    INCOME_CHECK = ("income_check", "季度收入监测")
