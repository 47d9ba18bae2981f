"""A synthetic administrative village (合成行政村) for demos and benchmarks.

`build_village_plan(households, seed, today)` returns plain JSON-able data (ISO date strings,
money as int fen, no floats) describing one village: place, work team, pairing cadres,
households with members, incomes, two years of visits and monitoring cases, monthly work
prompts, attendance and problem-data lists. The same seed and `today` always give the same
output: everything comes from one `random.Random(seed)`, never the global generator or the
clock.

The numbers follow DOMAIN.md: category shares (≈35 % 脱贫户, 8 % 监测户), visit frequencies of
§6, the case rules of §4 (identify within 15 days of the clue, plan within 10 days,
no elimination in the identification month or the next, quarterly 回头看), and member facts the
national data checks look at (ID numbers, head/spouse sexes, school stage by age, labour of
students). Case event lists replay cleanly through `app.core.monitoring.replay`.

Households whose risk was eliminated keep category "monitored" with `risk_eliminated` true
(已消除风险监测户, as app.core.situations and the visit policy read them).
"""
from __future__ import annotations

import gc
import random
from bisect import bisect_right
from datetime import date, timedelta
from itertools import accumulate

from app.core import clock

BASELINE_FEN = 700_000  # monitoring baseline used in elimination events (7,000 yuan)

# ---------------------------------------------------------------------------------------------
# Places: real county codes, plausible township and village names
# ---------------------------------------------------------------------------------------------

PLACES = (
    {"province": "43", "province_name": "湖南省", "county": "隆回县", "region6": "430524",
     "township": "六都寨镇", "township_code": "104",
     "villages": ("龙坪村", "白竹坪村", "大坪村", "梅塘村", "青山村"),
     "ethnic": (("汉族", 92), ("瑶族", 5), ("苗族", 3)),
     "clans": ("刘", "罗", "曾", "阳", "钟", "谭"),
     "dests": ("广东省东莞市", "广东省深圳市", "广东省佛山市", "广东省广州市", "浙江省温州市", "湖南省长沙市")},
    {"province": "42", "province_name": "湖北省", "county": "建始县", "region6": "422822",
     "township": "高坪镇", "township_code": "103",
     "villages": ("麻扎坪村", "石垭子村", "青里坝村", "小西湖村"),
     "ethnic": (("汉族", 72), ("土家族", 22), ("苗族", 6)),
     "clans": ("向", "黄", "谭", "覃", "李"),
     "dests": ("浙江省杭州市", "广东省深圳市", "湖北省武汉市", "浙江省宁波市", "湖北省恩施市")},
    {"province": "52", "province_name": "贵州省", "county": "正安县", "region6": "520324",
     "township": "安场镇", "township_code": "101",
     "villages": ("自强村", "光明村", "新田村", "红岩村"),
     "ethnic": (("汉族", 86), ("苗族", 8), ("土家族", 6)),
     "clans": ("杨", "王", "陈", "冉", "郑"),
     "dests": ("浙江省宁波市", "浙江省温州市", "广东省东莞市", "福建省泉州市", "贵州省遵义市")},
    {"province": "61", "province_name": "陕西省", "county": "汉阴县", "region6": "610921",
     "township": "涧池镇", "township_code": "104",
     "villages": ("双河口村", "紫荆村", "仁河口村", "五一村"),
     "ethnic": (("汉族", 100),),
     "clans": ("沈", "吴", "汪", "张", "陈"),
     "dests": ("江苏省苏州市", "浙江省杭州市", "陕西省西安市", "广东省东莞市", "陕西省安康市")},
    {"province": "62", "province_name": "甘肃省", "county": "通渭县", "region6": "621121",
     "township": "平襄镇", "township_code": "100",
     "villages": ("温泉村", "孟河村", "景坪村", "谢家岔村"),
     "ethnic": (("汉族", 99), ("回族", 1)),
     "clans": ("牛", "常", "谢", "李", "王"),
     "dests": ("新疆维吾尔自治区乌鲁木齐市", "陕西省西安市", "甘肃省兰州市", "内蒙古自治区鄂尔多斯市", "宁夏回族自治区银川市")},
    {"province": "51", "province_name": "四川省", "county": "平昌县", "region6": "511923",
     "township": "驷马镇", "township_code": "105",
     "villages": ("水莲村", "九龙村", "观音岩村", "星光村"),
     "ethnic": (("汉族", 100),),
     "clans": ("何", "李", "苟", "杨", "岳"),
     "dests": ("广东省深圳市", "浙江省宁波市", "四川省成都市", "福建省厦门市", "广东省中山市")},
    {"province": "36", "province_name": "江西省", "county": "于都县", "region6": "360731",
     "township": "岭背镇", "township_code": "108",
     "villages": ("谢屋村", "塘背村", "古田村", "长安村"),
     "ethnic": (("汉族", 99), ("畲族", 1)),
     "clans": ("谢", "刘", "曾", "钟", "肖"),
     "dests": ("广东省深圳市", "广东省东莞市", "福建省厦门市", "广东省惠州市", "江西省赣州市")},
    {"province": "53", "province_name": "云南省", "county": "会泽县", "region6": "530326",
     "township": "娜姑镇", "township_code": "104",
     "villages": ("白雾村", "发达村", "乐里村", "云峰村"),
     "ethnic": (("汉族", 88), ("彝族", 6), ("回族", 4), ("苗族", 2)),
     "clans": ("张", "李", "罗", "陈", "马"),
     "dests": ("浙江省义乌市", "云南省昆明市", "广东省中山市", "江苏省昆山市", "云南省曲靖市")},
)

# ---------------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------------

# Surname frequency (per mille, rounded from the 2020 census ranking) with two-character and
# polyphonic surnames (曾 zēng, 单 shàn, 解 xiè, 区 ōu, 仇 qiú, 查 zhā, 缪 miào, 盖 gě, 覃 qín).
_SURNAMES = (
    ("王", 71), ("李", 70), ("张", 67), ("刘", 54), ("陈", 46), ("杨", 31), ("黄", 25), ("赵", 23),
    ("吴", 20), ("周", 19), ("徐", 14), ("孙", 14), ("马", 13), ("朱", 12), ("胡", 11), ("郭", 11),
    ("何", 11), ("林", 10), ("高", 10), ("罗", 10), ("郑", 9), ("梁", 9), ("谢", 8), ("宋", 7),
    ("唐", 7), ("许", 7), ("韩", 6), ("邓", 6), ("冯", 6), ("曹", 6), ("彭", 6), ("曾", 6),
    ("肖", 6), ("田", 5), ("董", 5), ("潘", 5), ("袁", 5), ("蔡", 5), ("蒋", 5), ("余", 5),
    ("于", 5), ("杜", 5), ("叶", 4), ("程", 4), ("魏", 4), ("苏", 4), ("吕", 4), ("丁", 4),
    ("任", 4), ("卢", 4), ("姚", 4), ("沈", 4), ("钟", 4), ("姜", 4), ("崔", 4), ("谭", 3),
    ("陆", 3), ("范", 3), ("汪", 3), ("廖", 3), ("石", 3), ("金", 3), ("韦", 3), ("贾", 3),
    ("夏", 3), ("付", 3), ("方", 3), ("邹", 3), ("熊", 3), ("白", 3), ("孟", 3), ("秦", 3),
    ("邱", 3), ("侯", 3), ("江", 2), ("尹", 2), ("薛", 2), ("闫", 2), ("段", 2), ("雷", 2),
    ("龙", 2), ("黎", 2), ("史", 2), ("陶", 2), ("贺", 2), ("毛", 2), ("郝", 2), ("顾", 2),
    ("龚", 2), ("邵", 2), ("万", 1.5), ("覃", 1.5), ("武", 1.5), ("钱", 1.5), ("戴", 1.5),
    ("严", 1.5), ("莫", 1.5), ("孔", 1.5), ("向", 1.5), ("常", 1.5), ("汤", 1.5), ("康", 1.2),
    ("易", 1.2), ("乔", 1), ("赖", 1), ("文", 1), ("施", 1), ("洪", 1), ("牛", 1), ("阳", 0.8),
    ("冉", 0.6), ("苟", 0.5), ("岳", 0.8), ("单", 0.5), ("解", 0.4), ("仇", 0.3), ("查", 0.3),
    ("缪", 0.3), ("盖", 0.2), ("区", 0.2), ("欧阳", 0.8), ("司马", 0.1), ("上官", 0.1),
    ("诸葛", 0.1), ("令狐", 0.1), ("皇甫", 0.1), ("公孙", 0.05), ("尉迟", 0.05),
)
_SURNAME_LIST = tuple(s for s, _ in _SURNAMES)
_SURNAME_CUM = tuple(accumulate(w for _, w in _SURNAMES))

# Given-name characters by era of birth (names follow fashions) and sex.
_GIVEN = {
    ("old", True): "德福贵财生发才明清荣昌金树根保全有山富海成正国兴顺祥玉春家永华",
    ("old", False): "秀英兰桂珍凤花梅翠菊莲芝香娥妹云玉淑素琼金银春",
    ("mid", True): "建国伟军平华明勇强志文红东卫新刚斌辉林波峰海涛云光学忠胜",
    ("mid", False): "红丽艳芳英霞琴燕玲萍娟敏华梅春霞丽凤秀群莉琼",
    ("young", True): "杰涛鹏超磊浩宇俊凯帅阳洋博鑫龙飞亮伟健斌强波",
    ("young", False): "婷静倩雪慧琳娜丹佳颖敏媛蕾莹璐露玲芳欢艳",
    ("kid", True): "宇轩浩睿泽子梓铭博俊豪晨阳皓哲奕辰鑫锦宸",
    ("kid", False): "欣怡涵梓萱诗雨可馨若思梦彤语悦汐琪妍欣瑶",
}
# Rare characters (堃, 燊 in the basic block; 㛃 in extension A) exercise font fallback.
_RARE = {True: "堃燊喆犇淼", False: "㛃玥婳媖"}


def _era(birth_year: int) -> str:
    if birth_year < 1960:
        return "old"
    if birth_year < 1985:
        return "mid"
    if birth_year < 2005:
        return "young"
    return "kid"


# ---------------------------------------------------------------------------------------------
# Vocabulary for work, visits and tasks
# ---------------------------------------------------------------------------------------------

_BRANDS = ("宏达", "鑫源", "金辉", "永盛", "华强", "恒通", "顺发", "瑞丰", "新亚", "联创", "天润",
           "德信", "佳美", "富林", "兴旺", "盛世", "长城", "星辰", "汇丰", "东升")
_TRADES = ("电子有限公司", "鞋业有限公司", "服装有限公司", "建筑劳务有限公司", "物流有限公司",
           "食品有限公司", "家具有限公司", "塑胶制品有限公司", "五金制品有限公司", "纺织有限公司",
           "机械制造有限公司", "玩具有限公司")
_LOCAL_TRADES = ("农业开发有限公司", "茶业有限公司", "生态养殖有限公司", "建材有限公司", "中药材种植专业合作社")
_MOBILE_PREFIXES = ("130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151",
                    "152", "153", "155", "156", "157", "158", "159", "166", "173", "175", "177",
                    "178", "180", "181", "182", "183", "185", "186", "187", "188", "189", "191",
                    "198", "199")
_DIGITS_ZH = "零一二三四五六七八九"

_GENERAL_HOME = (
    "家庭成员身体健康，生产生活正常",
    "家中生产生活正常，无新增风险",
    "“两不愁三保障”和饮水安全均有保障",
    "住房安全，饮水正常，家庭收入稳定",
    "宣传防止返贫监测帮扶政策，户主表示了解",
    "核实家庭人口无变化，信息与系统一致",
    "家庭收入来源稳定，暂无返贫致贫风险",
    "宣讲医保参保政策，全家已参保",
    "了解家庭生产情况，农作物长势良好",
    "入户查看住房和饮水情况，均正常",
    "发放防返贫政策明白卡，讲解申请渠道",
)
_SEASONAL = {
    1: ("了解春节返乡人员情况，家人均已返家团聚", "冬季取暖设施安全，用电正常"),
    2: ("了解节后外出务工意向，已登记", "提醒注意用火用电安全"),
    3: ("了解春耕备耕情况，种子化肥已备齐",),
    4: ("春耕生产顺利，已完成育秧",),
    5: ("讲解防汛避险知识，房屋周边无隐患",),
    6: ("汛期查看房前屋后，无滑坡隐患", "宣传防溺水安全知识"),
    7: ("汛期房屋安全，无险情", "高温天气提醒老人注意防暑"),
    8: ("了解秋季学期入学准备情况", "查看饮水水源，供水正常"),
    9: ("开展集中排查，家庭情况无明显变化", "动员参加下一年度城乡居民医保"),
    10: ("秋收情况良好，粮食已入仓", "开展集中排查，核实家庭收入"),
    11: ("核实全年家庭收入情况", "宣传森林防火知识"),
    12: ("提醒做好冬季取暖防火", "了解年底务工人员返乡计划"),
}
_REMOTE = (
    "电话联系户主，在外务工一切正常",
    "微信视频联系，家庭成员身体健康",
    "电话了解务工收入情况，收入稳定",
    "提醒按时缴纳医保，户主表示已缴",
    "电话联系，家中无新增困难",
    "微信沟通，了解近期工作和生活情况，均正常",
    "电话询问家中老人近况，身体状况良好",
)
_MONITORED = (
    "帮扶措施落实到位，产业发展良好",
    "跟踪帮扶计划执行情况，措施已落实",
    "家庭收入较上月有所增加",
    "了解医疗费用报销进度，已落实大病保险",
    "核实帮扶资金到户情况，已按时到账",
    "更新帮扶手册，户主签字确认",
)
_ELIMINATED = (
    "风险消除后家庭收入保持稳定",
    "回访了解家庭情况，无返贫风险",
    "帮扶成效巩固，生活明显改善",
)
_FOLLOWUPS = ("下月继续跟踪", "协助办理医疗费用报销", "联系镇人社站推荐就业岗位", "协调申请临时救助",
              "提醒按时缴纳医保", "督促子女按时返校", "上报危房改造需求", "跟进产业奖补申请",
              "帮助申请小额信贷", "更新帮扶手册")

_RISK_NOTES = {
    "illness": "家庭成员患病，医疗支出较大", "schooling": "子女就学支出较大",
    "disability": "家中有重度残疾人，需长期照料", "disaster": "暴雨导致房屋受损、农作物减产",
    "accident": "家庭成员意外受伤，暂时无法务工", "unstable_work": "务工就业不稳定，收入明显下降",
    "no_labour": "家庭缺乏劳动力，收入来源单一", "failed_project": "养殖项目失败，损失较大",
    "housing": "住房出现安全隐患，经鉴定为危房", "water": "饮用水源不稳定，季节性缺水",
    "other": "家庭遭遇其他突发困难",
}
_MEASURE_NOTES = {
    "industry": ("发放产业奖补资金{n}元，发展生猪养殖", "扶持种植油茶{k}亩", "发放产业奖补资金{n}元，发展中药材种植"),
    "employment": ("推荐到县工业园区企业务工", "组织参加就业技能培训", "落实跨省务工交通补助{n}元"),
    "welfare_post": ("安排村保洁公益岗位", "安排护林员公益岗位"),
    "health": ("落实先诊疗后付费和家庭医生签约服务", "办理门诊慢特病卡，落实医疗救助{n}元"),
    "education": ("落实雨露计划补助{n}元", "落实高中国家助学金"),
    "compulsory_education": ("落实义务教育营养改善计划和生活补助",),
    "housing": ("实施危房改造，补助{n}元", "落实农房加固改造"),
    "water": ("接通自来水管网，解决饮水问题", "新建水池，保障饮水安全"),
    "social_security": ("纳入低保，按月发放低保金", "申请临时救助{n}元"),
    "relocation": ("纳入搬迁安置",),
    "microcredit": ("发放脱贫人口小额信贷5万元", "发放小额信贷3万元用于养殖"),
    "social_aid": ("联系爱心企业捐助{n}元", "协调社会帮扶慰问物资"),
    "infrastructure": ("硬化入户道路", "修缮入户便道"),
}
# Risk type → the measure that answers it (national data check; DOMAIN §4).
_RISK_MEASURE = {
    "illness": "health", "schooling": "education", "disability": "social_security",
    "housing": "housing", "water": "water", "disaster": "social_aid", "accident": "social_security",
    "unstable_work": "employment", "no_labour": "social_security", "failed_project": "microcredit",
    "other": "social_aid",
}
_DEVELOPMENT = ("industry", "employment", "welfare_post", "microcredit")

_PROBLEM_DESCRIPTIONS = (
    "{head}户家庭成员{member}身份证号码与出生日期不一致，需核实",
    "{head}户人均纯收入低于4000元，未填写说明",
    "{head}户风险类型与帮扶措施不匹配",
    "{head}户家庭成员{member}未参加城乡居民基本医疗保险",
    "{head}户联系电话无法接通，需更新",
    "{head}户务工人员月工资填报异常，疑似录入错误",
    "{head}户残疾成员无残疾证信息",
    "{head}户收支数据与同组其他农户完全一致，需入户核实",
    "{head}户住房安全等级信息缺失",
    "{head}户家庭成员{member}在校生状况与年龄不符",
    "{head}户帮扶手册未及时更新",
)
_PROBLEM_GENERAL = (
    "{group}部分农户耕地面积数据缺失",
    "部分监测户帮扶计划未经户主签字确认",
    "走访记录存在集中补录情况，需规范填写",
    "村级公示材料未按时归档",
    "部分脱贫户收入测算未签字",
)


def _zh_number(n: int) -> str:
    """1..999 in Chinese numerals (十一, 二十, 一百零五)."""
    d = _DIGITS_ZH
    if n < 10:
        return d[n]
    if n < 20:
        return "十" + (d[n % 10] if n % 10 else "")
    if n < 100:
        return d[n // 10] + "十" + (d[n % 10] if n % 10 else "")
    rest = n % 100
    head = d[n // 100] + "百"
    if rest == 0:
        return head
    if rest < 10:
        return head + "零" + d[rest]
    return head + d[rest // 10] + "十" + (d[rest % 10] if rest % 10 else "")


def _month_index(d: date) -> int:
    return d.year * 12 + d.month - 1


def _month_first(mi: int) -> date:
    y, m = divmod(mi, 12)
    return date(y, m + 1, 1)


def _quarter_index(d: date) -> int:
    return d.year * 4 + (d.month - 1) // 3


def _quarter_bounds(qi: int) -> tuple[int, int]:
    """First and last day (ordinals) of quarter `qi`."""
    y, q = divmod(qi, 4)
    start = date(y, 3 * q + 1, 1)
    end = _month_first(_month_index(start) + 3) - timedelta(days=1)
    return start.toordinal(), end.toordinal()


# ---------------------------------------------------------------------------------------------
# The generator
# ---------------------------------------------------------------------------------------------


class _Village:
    """Holds the random stream and the tables of one build; methods add parts of the plan."""

    def __init__(self, n: int, seed: int, today: date):
        self.n = n
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
        cur = _month_index(today)
        self.cur_month = cur
        self.visit_months = [cur - 24 + k for k in range(24)]           # ending last month
        self.prompt_months = [cur - 23 + k for k in range(24)]          # ending this month
        self.w0 = _month_first(self.visit_months[0]).toordinal()        # window start
        self.w1 = _month_first(cur).toordinal()                         # window end (excl.)
        self.iso_cache: dict[int, str] = {}
        # visit months as (month index, first ordinal, days, calendar month), and the ISO text
        # of every day in the window: visits are the bulk of the output, so no per-visit work
        # beyond picking
        self.vm = []
        for mi in self.visit_months:
            lo = _month_first(mi).toordinal()
            self.vm.append((mi, lo, _month_first(mi + 1).toordinal() - lo, _month_first(mi).month))
        self.day_iso = [date.fromordinal(o).isoformat() for o in range(self.w0, self.w1)]
        from app.core.enums import Sex
        from app.core.idnumber import make_id_number  # imported late: the module is optional at import time
        self.id_maker = (make_id_number, {True: Sex.MALE, False: Sex.FEMALE})

    # --- small helpers ----------------------------------------------------------------------

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
        r = self.rng.random() * _SURNAME_CUM[-1]
        return _SURNAME_LIST[bisect_right(_SURNAME_CUM, r)]

    def given(self, male: bool, birth_year: int, shared: str | None = None) -> str:
        rng = self.rng
        pool = _GIVEN[(_era(birth_year), male)]
        if rng.random() < 0.012:
            c = rng.choice(_RARE[male])
            return c if rng.random() < 0.3 else rng.choice(pool) + c
        if shared:
            return shared + rng.choice(pool)
        if rng.random() < (0.25 if birth_year < 1985 else 0.15):
            return rng.choice(pool)
        a = rng.choice(pool)
        b = rng.choice(pool)
        while b == a:
            b = rng.choice(pool)
        return a + b

    def staff_name(self, taken: set[str]) -> str:
        rng = self.rng
        while True:
            male = rng.random() < 0.7
            name = self.surname() + self.given(male, rng.randint(1966, 1998))
            if name not in taken:
                taken.add(name)
                return name

    def phone(self) -> str:
        rng = self.rng
        while True:
            p = _MOBILE_PREFIXES[int(rng.random() * len(_MOBILE_PREFIXES))] + f"{rng.randrange(10**8):08d}"
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
        team = [{"name": self.staff_name(taken), "role": "leader" if i == 0 else "collector"} for i in range(size)]
        cadres = [self.staff_name(taken) for _ in range(max(1, round(self.n / 10)))]
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

    def compose(self, tpl: str, student: bool, old: bool) -> list[list]:
        """Members as [relation, male, age, surname code]: L lineage, H head's own, R random,
        S son-in-law's lineage."""
        rng = self.rng
        out: list[list] = []

        def kids(mother_age: int, count: int, forced_student: bool, sur: str, rel_m="son", rel_f="daughter"):
            res = []
            for j in range(count):
                if j == 0 and forced_student:
                    a = rng.randint(15, 21)
                else:
                    hi = mother_age - 19
                    if hi < 0:
                        break
                    a = max(0, mother_age - rng.randint(20, 36))
                    a = min(a, hi)
                male = rng.random() < 0.52
                res.append([rel_m if male else rel_f, male, a, sur])
            res.sort(key=lambda p: -p[2])
            return res

        def n_kids():
            return self.weighted(((1, 36), (2, 46), (3, 18)))

        if tpl == "single_old":
            male = rng.random() < 0.5
            out.append(["head", male, rng.randint(72 if old else 62, 92), "L" if male else "H"])
        elif tpl == "single_mid":
            out.append(["head", True, rng.randint(28, 61), "L"])
        elif tpl == "old_couple":
            h = rng.randint(72 if old else 60, 88)
            out += [["head", True, h, "L"], ["spouse", False, max(old and 70 or 55, h - rng.randint(0, 5)), "R"]]
        elif tpl in ("nuclear", "nuclear_parents"):
            h = rng.randint(26, 56)
            w = max(21, h - rng.randint(-1, 5))
            c = kids(w, n_kids(), False, "L")
            if student:
                a = rng.randint(15, 21)
                w = max(w, a + rng.randint(20, 28))
                h = max(h, w + rng.randint(-1, 4))
                c = [[("son" if m else "daughter"), m, a, "L"] for m in (rng.random() < 0.52,)]
                c += kids(w, rng.randint(0, 2), False, "L")
                c.sort(key=lambda p: -p[2])
            out += [["head", True, h, "L"], ["spouse", False, w, "R"]] + c
            if tpl == "nuclear_parents":
                f = min(95, h + rng.randint(22, 32))
                m = min(95, f - rng.randint(0, 4))
                which = self.weighted((("both", 45), ("mother", 40), ("father", 15)))
                if which in ("both", "father"):
                    out.append(["father", True, f, "L"])
                if which in ("both", "mother"):
                    out.append(["mother", False, m, "R"])
        elif tpl == "three_gen":
            h = rng.randint(50, 74)
            w = max(45, h - rng.randint(0, 5))
            out += [["head", True, h, "L"], ["spouse", False, w, "R"]]
            child_age = min(w - 20, max(22, w - rng.randint(20, 30)))
            inlaw_age = max(20, child_age - rng.randint(-2, 4))
            uxorilocal = rng.random() < 0.08
            if uxorilocal:
                children = [["daughter", False, child_age, "L"]]
                inlaw = ["son_in_law", True, inlaw_age + 2, "S"]
                gsur = "S"
                mother = child_age
            else:
                children = [["son", True, child_age, "L"]]
                inlaw = ["daughter_in_law", False, inlaw_age, "R"]
                gsur = "L"
                mother = inlaw_age
            if student or rng.random() < 0.2:
                lo, hi = (15, 21) if student else (max(0, child_age - 12), child_age - 1)
                a = rng.randint(lo, max(lo, hi))
                a = min(a, w - 20)
                male = rng.random() < 0.52
                children.append(["son" if male else "daughter", male, a, "L"])
            children.sort(key=lambda p: -p[2])
            grand = []
            for _ in range(self.weighted(((1, 45), (2, 42), (3, 13)))):
                a = max(0, mother - rng.randint(20, 34))
                a = min(a, mother - 19) if mother >= 19 else 0
                male = rng.random() < 0.52
                grand.append(["grandson" if male else "granddaughter", male, a, gsur])
            grand.sort(key=lambda p: -p[2])
            out += children + [inlaw] + grand
        elif tpl == "widow":
            h = rng.randint(35, 68)
            out.append(["head", False, h, "H"])
            out += kids(h, n_kids(), student, "L")
            if student:
                out[0][2] = max(h, max(p[2] for p in out[1:]) + 20)
        elif tpl == "old_couple_son":
            h = rng.randint(55, 80)
            w = max(50, h - rng.randint(0, 5))
            out += [["head", True, h, "L"], ["spouse", False, w, "R"],
                    ["son", True, max(20, w - rng.randint(22, 35)), "L"]]
        return out[:7]

    def pick_template(self, hardship: int, residence: str, need: str | None) -> str:
        if need == "no_labour":
            return self.weighted((("single_old", 55), ("old_couple", 45)))
        if need == "student":
            return self.weighted((("nuclear", 50), ("nuclear_parents", 20), ("three_gen", 15), ("widow", 15)))
        if residence == "away":
            return self.weighted((("nuclear", 68), ("single_mid", 12), ("nuclear_parents", 20)))
        if need == "labour":
            return self.weighted((("nuclear", 34), ("nuclear_parents", 20), ("three_gen", 22), ("widow", 8),
                                  ("old_couple_son", 8), ("single_mid", 8)))
        if hardship:
            return self.weighted((("single_old", 13), ("single_mid", 6), ("old_couple", 18), ("nuclear", 25),
                                  ("nuclear_parents", 12), ("three_gen", 12), ("widow", 8), ("old_couple_son", 6)))
        return self.weighted((("single_old", 8), ("single_mid", 4), ("old_couple", 15), ("nuclear", 33),
                              ("nuclear_parents", 15), ("three_gen", 15), ("widow", 6), ("old_couple_son", 4)))

    def school(self, age: int) -> tuple[str, str]:
        """(school_status, education) for a person of `age`, consistent with the national
        stage-by-age checks."""
        rng = self.rng
        r = rng.random()
        if age < 3:
            return "none", "illiterate"
        if age <= 5:
            return ("preschool" if r < 0.85 else "none"), "illiterate"
        if age <= 11:
            return "primary", "primary"
        if age == 12:
            return ("primary", "primary") if r < 0.4 else ("junior", "junior")
        if age <= 14:
            return "junior", "junior"
        if age == 15:
            return ("junior", "junior") if r < 0.3 else ("senior", "senior" if rng.random() < 0.7 else "vocational")
        if age <= 17:
            if r < (0.9 if age == 16 else 0.8):
                return "senior", "senior" if rng.random() < 0.7 else "vocational"
            return "none", "junior"
        if age <= 22:
            p_college = 0.12 if age == 22 else 0.42
            if age == 18 and r < 0.3:
                return "senior", "senior" if rng.random() < 0.7 else "vocational"
            if rng.random() < p_college:
                return "college", "college"
            return "none", self.weighted((("junior", 50), ("senior", 20), ("vocational", 22), ("college", 8)))
        if age >= 65:
            return "none", self.weighted((("illiterate", 35), ("primary", 50), ("junior", 15)))
        if age >= 45:
            return "none", self.weighted((("illiterate", 8), ("primary", 40), ("junior", 45), ("senior", 7)))
        return "none", self.weighted((("primary", 10), ("junior", 55), ("senior", 15), ("vocational", 10), ("college", 10)))

    def health(self, age: int, hardship: int) -> str:
        r = self.rng.random()
        if age >= 60:
            chronic, serious, disabled = 0.25 + 0.1 * hardship, 0.02 + 0.015 * hardship, 0.03 + 0.02 * hardship
        elif age >= 40:
            chronic, serious, disabled = 0.08 + 0.05 * hardship, 0.015 + 0.015 * hardship, 0.02 + 0.02 * hardship
        else:
            chronic, serious, disabled = 0.01 + 0.01 * hardship, 0.003 + 0.004 * hardship, 0.01 + 0.01 * hardship
        if r < disabled:
            return "disabled"
        if r < disabled + serious:
            return "serious_illness"
        if r < disabled + serious + chronic:
            return "chronic"
        return "healthy"

    def labour(self, age: int, status: str, health: str, grade: int | None) -> str:
        rng = self.rng
        if age < 16 or status not in ("none", "dropped_out"):
            return "none"
        if health == "disabled" and grade in (1, 2):
            return "lost"
        if health == "serious_illness":
            return "lost" if rng.random() < 0.6 else "weak"
        if age >= 70:
            return "lost" if rng.random() < (0.75 if health == "chronic" else 0.5) else "weak"
        if age >= 60:
            if health in ("chronic", "disabled"):
                return "weak" if rng.random() < 0.8 else "lost"
            return "ordinary" if rng.random() < 0.4 else "weak"
        if health in ("chronic", "disabled"):
            return "weak" if rng.random() < 0.6 else "ordinary"
        r = rng.random()
        return "skilled" if r < 0.2 else ("ordinary" if r < 0.97 else "weak")

    def set_disabled(self, m: dict) -> None:
        rng = self.rng
        m["health"] = "disabled"
        m["disability_grade"] = self.weighted(((1, 12), (2, 23), (3, 30), (4, 35)))
        m["disability_certificate"] = rng.random() < 0.92

    def make_members(self, hh: dict, hardship: int, need: str | None, primary: str | None) -> list[dict]:
        rng = self.rng
        tpl = self.pick_template(hardship, hh["residence"], need)
        specs = self.compose(tpl, need == "student", need == "no_labour")
        line = self.clans[int(rng.random() * 3)] if rng.random() < 0.35 else self.surname()
        own = self.surname()
        s_line = self.surname()
        eth_h = self.weighted(self.ethnic)
        members = []
        shared = None
        for rel, male, age, sur in specs:
            surname = {"L": line, "H": own, "S": s_line}.get(sur) or self.surname()
            b_ord = self.birth_ordinal(age)
            birth = date.fromordinal(b_ord)
            gen_shared = None
            if rel in ("son", "daughter", "grandson", "granddaughter") and len(specs) > 2:
                if shared is None and rng.random() < 0.3:
                    shared = rng.choice(_GIVEN[(_era(birth.year), male)])
                gen_shared = shared if (shared and rel in ("son", "daughter") and rng.random() < 0.8) else None
            name = surname + self.given(male, birth.year, gen_shared)
            status, edu = self.school(age)
            health = self.health(age, hardship)
            m = {"name": name, "id_number": None, "sex": "male" if male else "female",
                 "birth_date": birth.isoformat(),
                 "ethnicity": eth_h if rel not in ("spouse", "daughter_in_law", "son_in_law", "mother")
                 or rng.random() < 0.75 else self.weighted(self.ethnic),
                 "relation": rel, "education": edu, "school_status": status, "health": health,
                 "disability_grade": None, "disability_certificate": False, "labour": None,
                 "work_months": 0, "work_place": None, "employer": None, "monthly_wage_fen": None,
                 "welfare_post": False, "medical_insurance": rng.random() < 0.996,
                 "pension_insurance": False, "phone": None,
                 "_age": age, "_birth": birth, "_male": male}
            if health == "disabled":
                self.set_disabled(m)
            members.append(m)

        # The risk the case was opened for must be visible in the members.
        adults = [m for m in members if m["_age"] >= 16]
        if primary == "illness":
            m = rng.choice([m for m in adults if m["health"] != "disabled"] or adults)
            m["health"] = "serious_illness" if rng.random() < 0.7 else "chronic"
            m["disability_grade"], m["disability_certificate"] = None, False
        elif primary == "disability":
            self.set_disabled(rng.choice(members))
        for m in members:
            m["labour"] = self.labour(m["_age"], m["school_status"], m["health"], m["disability_grade"])
        if need == "no_labour":
            for m in members:
                m["labour"] = "lost"
        elif need == "labour" and not any(m["labour"] in ("ordinary", "skilled", "weak") for m in members):
            cand = [m for m in adults if m["school_status"] == "none" and m["_age"] < 75]
            (min(cand, key=lambda m: m["_age"]) if cand else adults[0])["labour"] = "weak"
        self.work(members, hh, hardship, primary)
        for m in members:
            age = m["_age"]
            student = m["school_status"] not in ("none", "dropped_out")
            if age >= 16 and not student:
                m["pension_insurance"] = rng.random() < (0.95 if age >= 60 else 0.8)
            if 16 <= age <= 75 and rng.random() < (0.9 if age < 60 else 0.5):
                m["phone"] = self.phone()
        return members

    def work(self, members: list[dict], hh: dict, hardship: int, primary: str | None) -> None:
        rng = self.rng
        away = hh["residence"] in ("away", "in_town")
        dests = self.p["dests"]
        for m in members:
            age, lab = m["_age"], m["labour"]
            if lab not in ("ordinary", "skilled", "weak") or not 16 <= age <= 64:
                continue
            if away and (m["relation"] in ("head", "spouse") or age >= 18):
                p_mig, p_loc = 0.9, 0.05
            elif age <= 45:
                p_mig, p_loc = 0.55, 0.15
            elif age <= 55:
                p_mig, p_loc = 0.35, 0.15
            else:
                p_mig, p_loc = 0.12, 0.12
            if lab == "weak":
                p_mig *= 0.3
            r = rng.random()
            if r < p_mig:
                city = dests[int(rng.random() * len(dests))]
                m["work_place"] = city
                short = city.split("省")[-1].split("区")[-1]
                m["employer"] = (short + rng.choice(_BRANDS) + rng.choice(_TRADES)) if rng.random() < 0.9 \
                    else f"中建{rng.choice('二三五八')}局{short}项目部"
                m["work_months"] = rng.choice((6, 7, 8, 9, 10, 10, 10, 11, 11, 11, 12, 12))
                lo, hi = {"skilled": (4500, 7000), "ordinary": (3000, 5500), "weak": (2500, 3800)}[lab]
                m["monthly_wage_fen"] = rng.randint(lo // 100, hi // 100) * 10000
                if primary == "unstable_work":
                    m["work_months"] = rng.randint(2, 5)
            elif r < p_mig + p_loc:
                county = self.p["county"]
                m["work_place"] = rng.choice((county + "城", self.p["township"], county + "工业园区"))
                m["employer"] = county[:-1] + rng.choice(_BRANDS) + rng.choice(_LOCAL_TRADES) \
                    if rng.random() < 0.8 else self.village + "扶贫车间"
                m["work_months"] = rng.randint(3, 10)
                m["monthly_wage_fen"] = rng.randint(18, 35) * 10000
        if hardship and rng.random() < 0.22 or not hardship and rng.random() < 0.01:
            cand = [m for m in members if 16 <= m["_age"] <= 69 and m["labour"] in ("weak", "ordinary")
                    and m["work_place"] is None]
            if cand:
                rng.choice(cand)["welfare_post"] = True

    # --- income ---------------------------------------------------------------------------

    def income_items(self, members: list[dict], hh: dict, target: tuple[int, int] | None) -> dict:
        """Income items (fen) for the 12 months before the latest assessment. `target` is a
        (low, high) range of per-capita yuan the household should land in, or None."""
        rng = self.rng
        det = hh["details"]
        size = len(members)
        wage = sum(m["monthly_wage_fen"] * m["work_months"] for m in members if m["monthly_wage_fen"])
        posts = sum(1 for m in members if m["welfare_post"])
        welfare = posts * rng.randint(50, 100) * 1200
        mu = det["cultivated_mu_x100"] / 100 if det["cultivated_mu_x100"] else 0
        business = int(mu * rng.randint(600, 1500)) * 100
        if rng.random() < 0.55:
            business += rng.randint(20, 150) * 10000  # 养殖
        expense = business * rng.randint(30, 50) // 100 // 100 * 100
        prop = rng.randint(5, 30) * 10000 if rng.random() < 0.2 else 0
        dividend = rng.randint(3, 15) * 10000 if hh["category"] != "ordinary" and rng.random() < 0.6 else 0
        pension = sum(rng.randint(140, 260) * 1000 for m in members if m["_age"] >= 60)
        fp = rng.randint(96, 192) * 1000 if rng.random() < 0.08 else 0
        eco = det["forest_mu_x100"] * rng.randint(10, 25) // 100 * 100
        flags = hh["flags"]
        dibao = 0
        if "dibao" in flags:
            n = size if "dibao_whole" in flags else min(size, rng.randint(1, 2))
            dibao = n * rng.randint(250, 450) * 1200
        tekun = rng.randint(500, 750) * 1200 if "tekun_scattered" in flags else 0
        other = rng.randint(0, 20) * 10000 if rng.random() < 0.3 else 0
        items = {"wage": wage, "welfare_post": welfare, "business": business, "property": prop,
                 "dividend": dividend, "pension": pension, "family_planning": fp, "eco_compensation": eco,
                 "dibao": dibao, "tekun": tekun, "other_transfer": other, "business_expense": expense}
        if target:
            lo, hi = target
            goal = rng.randint(lo, hi) * 100 * size
            net = _net(items)
            if net < goal:
                gap = goal - net
                # first odd jobs near home for someone who can work but has no job yet
                idle = [m for m in members if m["labour"] in ("ordinary", "skilled", "weak")
                        and 16 <= m["_age"] <= 64 and not m["work_months"] and not m["welfare_post"]]
                if idle:
                    m = idle[0]
                    wage = rng.randint(20, 35) * 10000
                    m["work_months"] = max(2, min(10, -(-gap // wage)))
                    m["monthly_wage_fen"] = wage
                    m["work_place"] = self.p["township"] if rng.random() < 0.6 else self.p["county"] + "城"
                    m["employer"] = rng.choice(("打零工", self.village + "扶贫车间",
                                                self.p["county"][:-1] + rng.choice(_BRANDS) + rng.choice(_LOCAL_TRADES)))
                    items["wage"] += wage * m["work_months"]
                    gap -= wage * m["work_months"]
                if gap > 0:
                    # then farming and livestock, and 赡养费 from children living elsewhere
                    olds = any(m["_age"] >= 60 for m in members)
                    farm = gap * (rng.randint(30, 60) if olds else 100) // 100
                    gross = farm * 100 // 65 // 100 * 100
                    items["business"] += gross
                    items["business_expense"] += gross - farm // 100 * 100
                    items["other_transfer"] += (gap - farm) // 100 * 100 + 100
            elif hi > 8000 and target[0] >= 8000 and hh["category"] != "ordinary" and rng.random() < 0.9 \
                    and net > (cap := rng.randint(15000, 21000) * 100 * size):
                # 脱贫户/监测户 seldom have two full-year migrant wages: shorter seasons
                wage_now = items["wage"]
                keep = max(0, cap - (net - wage_now))
                for m in members:
                    if m["monthly_wage_fen"] and wage_now:
                        months = min(m["work_months"], max(3, m["work_months"] * keep // wage_now))
                        items["wage"] -= (m["work_months"] - months) * m["monthly_wage_fen"]
                        m["work_months"] = min(m["work_months"], months)
            elif net > goal and hi <= 8000:
                # A household near the baseline: work stopped early this year.
                excess = net - goal
                for m in members:
                    if excess <= 0:
                        break
                    if m["monthly_wage_fen"] and m["work_months"] > 1:
                        cut = min(m["work_months"] - 1, -(-excess // m["monthly_wage_fen"]))
                        m["work_months"] -= cut
                        items["wage"] -= cut * m["monthly_wage_fen"]
                        excess -= cut * m["monthly_wage_fen"]
                if excess > 0:
                    cut = min(excess, items["business"] - items["business_expense"]) // 100 * 100
                    if cut > 0:
                        items["business"] -= cut
        return items

    # --- the case -------------------------------------------------------------------------

    def measure_event(self, on: int, code: str, by: str) -> dict:
        rng = self.rng
        note = rng.choice(_MEASURE_NOTES[code]).format(n=rng.randint(5, 60) * 100, k=rng.randint(2, 10))
        return {"kind": "measure", "on": self.iso(on), "by": by, "data": {"measure": code, "note": note}}

    def plan_measures(self, risks: list[str], has_labour: bool, members: list[dict]) -> list[str]:
        rng = self.rng
        out: list[str] = []
        for r in risks:
            code = _RISK_MEASURE[r]
            if r == "illness" and rng.random() < 0.3:
                code = "social_security"
            if code not in out:
                out.append(code)
        if "schooling" in risks and any(m["school_status"] in ("primary", "junior") for m in members) \
                and rng.random() < 0.5:
            out.append("compulsory_education")
        if has_labour and not set(out) & set(_DEVELOPMENT):
            out.append(self.weighted((("industry", 45), ("employment", 40), ("welfare_post", 10), ("microcredit", 5))))
        return out

    def build_case(self, hh: dict, state: str, members: list[dict], risks: list[str], per_capita: int,
                   cadre: str) -> tuple[dict, dict]:
        """Events for a case ending in `state`, and the dates the visit schedule needs."""
        rng, t = self.rng, self.t
        ev: list[dict] = []
        marks: dict = {}
        has_labour = any(m["labour"] in ("ordinary", "skilled", "weak") for m in members)
        collector = rng.choice(self.collectors) if self.collectors else self.leader
        source = self.weighted((("干部排查", 55), ("农户申请", 25), ("部门预警", 20)))
        clue_risks = risks[:1] if state not in ("clue", "rejected") or rng.random() < 0.5 else risks[:2]

        def clue(on: int):
            ev.append({"kind": "clue", "on": self.iso(on), "by": cadre if source == "干部排查" and rng.random() < 0.5
                       else collector,
                       "data": {"source": source, "risk_types": list(clue_risks),
                                "note": "；".join(_RISK_NOTES[r] for r in clue_risks)}})
            marks["clue"] = on
            marks["clue_by"] = ev[-1]["by"]
            marks["clue_risks"] = list(clue_risks)
            marks["clue_source"] = source

        def check(on: int, pc: int):
            ev.append({"kind": "check", "on": self.iso(on), "by": collector,
                       "data": {"note": f"入户核查：家庭{len(members)}人，人均纯收入约{pc // 100}元，"
                                        f"{_RISK_NOTES[clue_risks[0]]}", "per_capita_fen": pc // 100 * 100}})

        def opening(identify_on: int) -> int:
            """clue, check, identify, plan, up to 3 measures before `limit`; returns plan date."""
            c = identify_on - rng.randint(3, 15)
            clue(c)
            check(rng.randint(c, min(identify_on, c + 6)), per_capita)
            ev.append({"kind": "identify", "on": self.iso(identify_on), "by": self.leader,
                       "data": {"monitoring_category": hh["monitoring_category"], "risk_types": list(risks)}})
            marks["identify"] = identify_on
            plan_on = self.day_in(identify_on + 1, identify_on + rng.randint(2, 10))
            measures = self.plan_measures(risks, has_labour, members)
            ev.append({"kind": "plan", "on": self.iso(plan_on), "by": cadre, "data": {"measures": measures}})
            marks["measures"] = list(measures)
            return plan_on

        def extra_measures(after: int, before: int, k: int):
            pool = [c for c in ("microcredit", "welfare_post", "social_aid", "infrastructure", "industry",
                                "employment") if c not in marks["measures"]]
            if not has_labour:
                pool = [c for c in pool if c not in ("welfare_post", "employment")]
            rng.shuffle(pool)
            days = sorted(self.day_in(after, before) for _ in range(min(k, len(pool))))
            for d, code in zip(days, pool):
                ev.append(self.measure_event(d, code, cadre))
                marks["measures"].append(code)

        def eliminate(on: int):
            pc = max(per_capita * rng.randint(92, 100) // 100, BASELINE_FEN + rng.randint(60, 400) * 1000)
            ev.append({"kind": "eliminate", "on": self.iso(on), "by": self.leader,
                       "data": {"method": "帮扶消除" if rng.random() < 0.85 else "自然消除",
                                "per_capita_fen": pc // 100 * 100, "baseline_fen": BASELINE_FEN,
                                "has_labour": has_labour, "three_guarantees_secured": True,
                                "water_secured": True}})
            marks["eliminate"] = on

        def followups(elim: int, quarters: int, last_risk: bool = False, last_on_max: int | None = None) -> int:
            qe = _quarter_index(date.fromordinal(elim))
            on = elim
            for k in range(1, quarters + 1):
                lo, hi = _quarter_bounds(qe + k)
                if k == quarters and last_on_max is not None:
                    hi = min(hi, last_on_max)
                on = self.day_in(max(lo, on), hi)
                risk = last_risk and k == quarters
                ev.append({"kind": "followup", "on": self.iso(on), "by": rng.choice((cadre, collector)),
                           "data": {"result": "risk" if risk else "stable",
                                    "note": "回头看发现：" + marks["revert_note"] if risk else
                                    rng.choice(("收入稳定，无返贫风险", "三保障和饮水安全持续保障",
                                                "家庭生产生活正常，帮扶成效稳固", "务工收入稳定"))}})
            return on

        cq = _quarter_index(self.today)
        if state == "clue":
            c = t - rng.randint(1, 14)
            clue(c)
            if rng.random() < 0.6 and c < t - 1:
                check(rng.randint(c + 1, t - 1), per_capita)
        elif state == "rejected":
            c = rng.randint(self.w0, t - 20)
            clue(c)
            k = rng.randint(c + 1, c + 7)
            check(k, per_capita)
            ev.append({"kind": "reject", "on": self.iso(rng.randint(k, c + 15)), "by": self.leader,
                       "data": {"reason": f"经入户核查，家庭人均纯收入{per_capita // 100}元，无刚性支出，"
                                          f"“三保障”和饮水安全有保障，不符合纳入条件"}})
        elif state == "identified":
            i = t - rng.randint(1, 9)
            c = i - rng.randint(2, 14)
            clue(c)
            check(rng.randint(c, i), per_capita)
            ev.append({"kind": "identify", "on": self.iso(i), "by": self.leader,
                       "data": {"monitoring_category": hh["monitoring_category"], "risk_types": list(risks)}})
            marks["identify"] = i
        elif state == "helping":
            i = rng.randint(self.w0 - 200, t - 12)
            p = opening(i)
            if p < t - 2:
                extra_measures(p + 1, t - 1, self.weighted(((0, 35), (1, 40), (2, 20), (3, 5))))
        elif state in ("eliminated", "stable", "reverted"):
            if state == "eliminated":
                k = rng.randint(0, 4)        # quarters since the quarter of elimination
                qe = cq - k
                n_f = max(0, k - 1)
                lo, hi = _quarter_bounds(qe)
                e = self.day_in(lo, hi - 5 if k == 0 else hi)
            elif state == "stable":
                qe = cq - rng.randint(5, 7)
                lo, hi = _quarter_bounds(qe)
                e = rng.randint(lo, hi)
                n_f = 4
            else:
                n_f = rng.randint(1, 2)
                rq = cq - 1 if rng.random() < 0.7 or _quarter_bounds(cq)[0] > t - 20 else cq
                qe = rq - n_f
                lo, hi = _quarter_bounds(qe)
                e = rng.randint(lo, hi)
            i = e - rng.randint(185, 330)
            p = opening(i)
            extra_measures(p + 1, e - 1, self.weighted(((0, 30), (1, 45), (2, 25))))
            eliminate(e)
            if state == "eliminated":
                if k and k < 4 and rng.random() < 0.5 and _quarter_bounds(cq)[0] < t - 1:
                    n_f = k          # this quarter's 回头看 already done
                if n_f:
                    followups(e, n_f)
            elif state == "stable":
                last = followups(e, 4)
                ev.append({"kind": "stable", "on": self.iso(self.day_in(last, last + 20)), "by": self.leader,
                           "data": {"note": "风险消除后四个季度回头看均稳定，结束回头看"}})
            else:
                new = [x for x in ("illness", "accident", "unstable_work", "disaster") if x not in risks]
                new = [rng.choice(new)] if len(risks) < 5 else []
                marks["revert_note"] = _RISK_NOTES[new[0]] if new else "收入下降，存在返贫风险"
                last = followups(e, n_f, last_risk=True, last_on_max=t - 14)
                r = self.day_in(last, last + 3)
                ev.append({"kind": "revert", "on": self.iso(r), "by": self.leader,
                           "data": {"reason": _RISK_NOTES[new[0]] if new else "风险反弹，收入下降",
                                    "risk_types": new}})
                marks["revert"] = r
                risks += new
                need = [_RISK_MEASURE[x] for x in new if x in ("illness",) and "health" not in marks["measures"]
                        and "social_security" not in marks["measures"]]
                d = r
                for code in need:
                    d = self.day_in(r + 1, r + 10)
                    ev.append(self.measure_event(d, code, cadre))
                    marks["measures"].append(code)
                if d < t - 2 and rng.random() < 0.5:
                    extra_measures(d + 1, t - 1, 1)
        return {"events": ev}, marks


def _first(pair):
    return pair[0]


def _date_key(visit: dict) -> str:
    return visit["date"]


def _net(items: dict) -> int:
    return sum(v for k, v in items.items() if k != "business_expense") - items["business_expense"]


def _scale_items(items: dict, pct: int) -> dict:
    """Items a year earlier: each about `pct` % of this year's, rounded to whole yuan."""
    return {k: v * pct // 100 // 100 * 100 for k, v in items.items()}


def build_village_plan(households: int, seed: int = 1, today: date | None = None) -> dict:
    """A deterministic synthetic village of `households` households (see module docstring), as it
    stands on `today` (the clock's today when not given)."""
    if isinstance(households, bool) or not isinstance(households, int) or households < 1:
        raise ValueError("households must be a positive integer")
    # Hundreds of thousands of small dicts, none of them cyclic: the cyclic collector would
    # only rescan them over and over (a quarter of the build time at 10,000 households).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return _build(households, seed, today or clock.today())
    finally:
        if was_enabled:
            gc.enable()


def _build(households: int, seed: int, today: date) -> dict:
    v = _Village(households, seed, today)
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
        monitored = category == "monitored"
        if monitored:
            mcat = v.weighted((("unstable_lifted", 45), ("edge_at_risk", 40), ("sudden_hardship", 15)))
            base = "lifted" if mcat == "unstable_lifted" else "ordinary"
        else:
            mcat = None
            base = category
        if monitored:
            residence = v.weighted((("at_home", 90), ("away", 7), ("in_town", 3)))
        elif base == "lifted":
            residence = v.weighted((("at_home", 70), ("away", 25), ("in_town", 5)))
        else:
            residence = v.weighted((("at_home", 74), ("away", 18), ("in_town", 8)))
        hardship = 2 if monitored else (1 if base == "lifted" else 0)

        # the risk the case is about
        primary = None
        if monitored or state in ("clue", "rejected"):
            pairs = [("illness", 32), ("disability", 12), ("schooling", 10), ("unstable_work", 10),
                     ("no_labour", 6), ("accident", 6), ("disaster", 5), ("housing", 5), ("failed_project", 4),
                     ("water", 2), ("other", 3)]
            if state in ("eliminated", "stable", "reverted") or residence != "at_home":
                pairs = [p for p in pairs if p[0] != "no_labour"]
            if mcat == "sudden_hardship":
                pairs = [("illness", 40), ("accident", 30), ("disaster", 20), ("failed_project", 10)]
            primary = v.weighted(pairs)
        need = None
        if primary == "schooling":
            need = "student"
        elif primary == "no_labour":
            need = "no_labour"
        elif state in ("eliminated", "stable", "reverted"):
            need = "labour"

        hh = {"key": f"h{idx + 1:04d}", "number": f"{v.village_code}{idx + 1:04d}",
              "group_name": f"第{_zh_number(g)}村民小组",
              "address": f"{v.village}{_zh_number(g)}组{house_no[g]}号",
              "phone": None, "category": category, "monitoring_category": mcat, "residence": residence,
              "flags": [], "risk_types": [], "risk_eliminated": state in ("eliminated", "stable"),
              "housing_grade": "A", "can_fix_housing_alone": True, "water_secured": True, "has_supporter": True,
              "pairing_cadre": cadre_of.get(idx), "details": None, "members": None, "incomes": [],
              "visits": None, "case": None}
        members = v.make_members(hh, hardship, need, primary)
        can_work = any(m["labour"] in ("ordinary", "skilled", "weak") for m in members)
        students = [m for m in members if m["school_status"] not in ("none", "dropped_out")]
        single_old = len(members) == 1 and members[0]["_age"] >= 60

        # housing, water, supporters
        grade = v.weighted((("A", 68), ("B", 27), ("C", 3.5), ("D", 1.5)))
        current = state in ("identified", "helping", "reverted")
        if primary == "housing":
            grade = rng.choice("CD") if current else rng.choice("AB")
        elif monitored and not current and grade in "CD":
            grade = "B"
        hh["housing_grade"] = grade
        hh["can_fix_housing_alone"] = grade in "AB" or (not monitored and rng.random() < 0.7)
        hh["water_secured"] = not (primary == "water" and current) and (monitored or rng.random() > 0.01)
        hh["has_supporter"] = can_work or (not single_old) or rng.random() < 0.6

        # flags
        flags = []
        p_dibao = {2: 0.25, 1: 0.15, 0: 0.02}[hardship]
        if single_old and not hh["has_supporter"] and hardship and rng.random() < 0.6:
            flags.append("tekun_scattered")
            hh["has_supporter"] = False
        elif rng.random() < p_dibao:
            flags.append("dibao")
            if not can_work or (not students and rng.random() < 0.2):
                flags.append("dibao_whole")
        elif rng.random() < (0.06 if hardship == 0 else 0.02):
            flags.append("dibao_edge")
        if any(m["health"] == "disabled" and m["disability_certificate"] for m in members):
            flags.append("disabled")
        if base == "lifted" and rng.random() < 0.08:
            flags.append("relocated")
        if rng.random() < 0.015:
            flags.append("military")
        order = ("dibao", "dibao_whole", "tekun_scattered", "tekun_central", "dibao_edge", "disabled",
                 "relocated", "military")
        hh["flags"] = [f for f in order if f in flags]

        # land, road, house
        mu = rng.randint(50, 600) if rng.random() < 0.95 else 0
        hh["details"] = {
            "cultivated_mu_x100": mu // 10 * 10,
            "forest_mu_x100": rng.randint(0, 3000) // 10 * 10 if rng.random() < 0.7 else 0,
            "road_hardened": rng.random() < 0.93,
            "road_distance_m": rng.randint(0, 300) if rng.random() < 0.8 else rng.randint(300, 2500),
            "housing_area_m2": max(40, min(300, rng.randint(25, 45) * len(members) + rng.randint(20, 60))),
            "fuel": v.weighted((("柴草", 30), ("电", 38), ("液化气", 25), ("煤", 7 if place["province"] not in ("62", "61") else 25))),
            "safe_water": hh["water_secured"],
            "sanitary_toilet": rng.random() < 0.82,
            "cooperative": rng.random() < (0.45 if hardship else 0.2),
        }
        if "relocated" in flags:
            hh["details"]["cultivated_mu_x100"] //= 3

        # risk types (identified households and those with eliminated or reverted cases)
        risks: list[str] = []
        if primary:
            risks.append(primary)
            extra = []
            if any(m["health"] == "serious_illness" for m in members) and rng.random() < 0.6:
                extra.append("illness")
            if any(m["health"] == "disabled" and (m["disability_grade"] or 4) <= 2 for m in members) and rng.random() < 0.5:
                extra.append("disability")
            if any(m["school_status"] in ("senior", "college") for m in members) and rng.random() < 0.4:
                extra.append("schooling")
            if not can_work and state not in ("eliminated", "stable", "reverted"):
                extra.append("no_labour")
            if grade in "CD" and current:
                extra.append("housing")
            if not hh["water_secured"]:
                extra.append("water")
            for r in extra:
                if r not in risks and len(risks) < 3:
                    risks.append(r)

        # incomes
        low = monitored and current and rng.random() < 0.1
        if low:
            target = (5000, 7500)
        elif state in ("eliminated", "stable", "reverted"):
            target = (9000, 16000)
        elif hardship:
            target = (8000, 14000)
        elif rng.random() < 0.9:
            target = (8500, 16000)
        else:
            target = None
        hh["members"] = members
        items = v.income_items(members, hh, target)
        per_capita = _net(items) // len(members)
        wants_two = base == "lifted" or monitored
        n_inc = 2 if wants_two else (1 if rng.random() < 0.7 else 0)
        incomes = []
        if n_inc == 2:
            d1 = date(latest_year - 1, 10, rng.randint(8, 28)).isoformat()
            incomes.append({"assessed_on": d1, "items": _scale_items(items, rng.randint(85, 101))})
        if n_inc:
            incomes.append({"assessed_on": date(latest_year, 10, rng.randint(8, 28)).isoformat(), "items": items})
        hh["incomes"] = incomes

        # the case
        marks: dict = {}
        if state:
            cadre = hh["pairing_cadre"] or rng.choice(v.team)
            case, marks = v.build_case(hh, state, members, risks, per_capita, cadre)
            hh["case"] = case
        if monitored:
            hh["risk_types"] = list(risks[:5])

        # household phone: the head's, else any member's, else a relative's
        phones = [m["phone"] for m in members if m["phone"]]
        hh["phone"] = members[0]["phone"] or (phones[0] if phones else v.phone())

        # ID numbers, then the visit log; the helper fields (_age, _birth, _male) go last
        for m in members:
            m["id_number"] = v.id_number(m["_birth"], m["_male"])
        hh["visits"] = _visits(v, hh, base, members, marks)
        for m in members:
            del m["_age"], m["_birth"], m["_male"]
        out_households.append(hh)

    return {
        "place": place,
        "team": team,
        "cadres": cadres,
        "households": out_households,
        "prompts": _prompts(v),
        "attendance": _attendance(v),
        "problem_lists": _problem_lists(v, out_households),
    }


# ---------------------------------------------------------------------------------------------
# Visits
# ---------------------------------------------------------------------------------------------


def _finding_pools(v: _Village, hh: dict, members: list[dict]) -> tuple[list[str], list[str]]:
    """Sentences that fit this household: (home visit pool, phone/WeChat pool)."""
    rng = v.rng
    k = int(rng.random() * len(_GENERAL_HOME))
    home = [_GENERAL_HOME[(k + j * 3) % len(_GENERAL_HOME)] for j in range(4)]
    k = int(rng.random() * len(_REMOTE))
    remote = [_REMOTE[(k + j * 2) % len(_REMOTE)] for j in range(3)]
    olds = [m for m in members if m["_age"] >= 65]
    if olds:
        home += ["家中老人慢性病情稳定，按时服药" if any(m["health"] == "chronic" for m in olds)
                 else "老人身体状况良好，生活能自理", "提醒老人按时领取养老金"]
        if len(members) == 1:
            home.append("独居老人生活能自理，邻里照应")
    if any(m["health"] == "serious_illness" for m in members):
        home += ["患病成员按时复查，医疗费用已按政策报销", "病人病情稳定，家属照料到位"]
        remote.append("电话了解病人治疗情况，病情稳定")
    if any(m["health"] == "disabled" for m in members):
        home.append("残疾人两项补贴按时发放，残疾成员生活有人照料")
    if any(m["school_status"] in ("primary", "junior") for m in members):
        home.append("孩子在校就读正常，已享受义务教育阶段资助")
    if any(m["school_status"] in ("senior", "college") for m in members):
        home.append("了解孩子学习情况，已申请雨露计划补助")
    workers = [m for m in members if m["work_place"] and m["monthly_wage_fen"] and m["monthly_wage_fen"] >= 250000]
    rel_zh = {"head": "户主", "spouse": "配偶", "son": "儿子", "daughter": "女儿", "daughter_in_law": "儿媳",
              "son_in_law": "女婿", "grandson": "孙子", "granddaughter": "孙女"}
    for m in workers[:2]:
        s = f"{rel_zh.get(m['relation'], '家人')}在{m['work_place']}务工，收入稳定"
        home.append(s)
        remote.append(s)
    if "dibao" in hh["flags"]:
        home.append("低保金按时足额发放")
    if hh["details"]["cultivated_mu_x100"] >= 200:
        home.append(f"家中种植水稻和玉米{hh['details']['cultivated_mu_x100'] // 100}亩，长势良好")
    if rng.random() < 0.5:
        home.append(f"家中养猪{rng.randint(2, 8)}头，长势良好")
    if any(m["welfare_post"] for m in members):
        home.append("公益岗位工作正常，工资按时发放")
    if hh["housing_grade"] in ("C", "D"):
        home.append("危房改造正在推进，已上报住房安全保障需求")
    return home, remote


def _visits(v: _Village, hh: dict, base: str, members: list[dict], marks: dict) -> list[dict]:
    rng = v.rng
    team = v.team
    cadre = hh["pairing_cadre"]
    home_pool, remote_pool = _finding_pools(v, hh, members)
    mon_pool = home_pool + list(_MONITORED)
    elim_pool = home_pool + list(_ELIMINATED)
    adults = [m for m in members if m["_age"] >= 16] or members
    at_home_people = [m["name"] for m in adults if not m["work_place"] or m["work_place"] in (
        v.p["township"],)] or [members[0]["name"]]
    phone_people = [m["name"] for m in adults if m["phone"]] or [members[0]["name"]]
    away = hh["residence"] != "at_home"
    risks = hh["risk_types"]
    miss = rng.choice((0.01, 0.02, 0.04, 0.05, 0.06, 0.08, 0.12))
    annual_month = rng.choice((1, 2)) if away else rng.choice((9, 10, 11))
    # a few ordinary households nobody went into this past year: overdue on the due list
    neglected_from = v.visit_months[-12] if base == "ordinary" and rng.random() < 0.03 else 10**9
    # status changes: (from ordinal, status)
    changes = []
    if "identify" in marks:
        changes.append((marks["identify"], "M"))
    if "eliminate" in marks:
        changes.append((marks["eliminate"], "E"))
    if "revert" in marks:
        changes.append((marks["revert"], "M"))
    if base == "lifted":
        start = "LA" if away else "LH"
    else:
        start = "OA" if away else "OH"
    clue_on = marks.get("clue") if marks.get("clue_source") == "干部排查" else None
    out: list[dict] = []
    quarter_home = {}
    rnd = rng.random

    day_iso, w0 = v.day_iso, v.w0
    seasonal = _SEASONAL
    for mi, lo, ndays, month in v.vm:
        end = lo + ndays - 1
        st = start
        for d, s in changes:
            if d <= end:
                st = s
        todo = []   # (kind, visitor)
        if st == "M":
            if rnd() >= miss:
                todo.append(("home", cadre))
            todo.append(("home" if rnd() < 0.75 else "remote", None))
            if rnd() < 0.45:
                todo.append(("home" if rnd() < 0.6 else "remote", None))
        elif st == "E":
            q = mi // 3
            if q not in quarter_home:
                quarter_home[q] = q * 3 + int(rnd() * 3)
            if rnd() >= miss:
                todo.append(("home" if mi == quarter_home[q] else "remote", cadre))
            if rnd() < 0.6:
                todo.append(("home" if rnd() < 0.5 else "remote", None))
        elif st == "LH":
            if rnd() >= miss:
                todo.append(("home", cadre))
            if rnd() < 0.85:
                todo.append(("home" if rnd() < 0.85 else "remote", None))
            if rnd() < 0.35:
                todo.append(("home", None))
        elif st == "LA":
            if rnd() >= miss:
                todo.append(("remote", cadre))
            if rnd() < 0.5:
                todo.append(("remote", None))
            if month == annual_month and rnd() < 0.8:
                todo.append(("home", None))
        elif st == "OH":
            if month == annual_month and rnd() >= miss and mi < neglected_from:
                todo.append(("home", None))
            home_p = 0.8 if mi < neglected_from else 0.0
            if rnd() < 0.7:
                todo.append(("home" if rnd() < home_p else "remote", None))
            if rnd() < 0.3:
                todo.append(("home" if rnd() < home_p else "remote", None))
        else:  # OA
            if month == annual_month and rnd() >= miss and mi < neglected_from:
                todo.append(("home", None))
            if rnd() < 0.5:
                todo.append(("remote", None))
        has_clue = clue_on is not None and lo <= clue_on <= end
        if has_clue:
            todo.append(("clue", marks["clue_by"]))
        k = len(todo)
        if k == 0:
            continue
        if k == 1:
            dated = ((int(rnd() * ndays), todo[0]),)
        else:
            dated = sorted(((int(rnd() * ndays), x) for x in todo), key=_first)
        base_i = lo - w0
        for day, (kind, who) in dated:
            if kind == "clue":
                out.append({"date": v.iso(clue_on), "mode": "home", "visitor": who,
                            "met_person": members[0]["name"],
                            "findings": "入户排查发现风险：" + "；".join(_RISK_NOTES[r] for r in marks["clue_risks"]),
                            "risks_seen": list(marks["clue_risks"]), "followups": "按程序上报风险线索，开展入户核查"})
                continue
            visitor = who or team[int(rnd() * len(team))]
            if kind == "home":
                mode = "home"
                met = at_home_people[int(rnd() * len(at_home_people))]
                pool = mon_pool if st == "M" else (elim_pool if st == "E" else home_pool)
            else:
                mode = "phone" if rnd() < 0.6 else "wechat"
                met = phone_people[int(rnd() * len(phone_people))]
                pool = remote_pool
            # findings: one or two sentences, sometimes one for the season
            text = pool[int(rnd() * len(pool))]
            r = rnd()
            if r < 0.25:
                extra = seasonal[month]
                text = text + "；" + extra[int(rnd() * len(extra))]
            elif r < 0.45:
                other = pool[int(rnd() * len(pool))]
                if other != text:
                    text = text + "；" + other
            seen = [risks[int(rnd() * len(risks))]] if st == "M" and risks and rnd() < 0.25 else []
            follow = _FOLLOWUPS[int(rnd() * len(_FOLLOWUPS))] if rnd() < (0.35 if st == "M" else 0.08) else ""
            out.append({"date": day_iso[base_i + day], "mode": mode, "visitor": visitor, "met_person": met,
                        "findings": text, "risks_seen": seen, "followups": follow})
        if has_clue:
            out.sort(key=_date_key)  # rare: keep the clue visit in date order
    return out


# ---------------------------------------------------------------------------------------------
# Prompts, attendance, problem lists
# ---------------------------------------------------------------------------------------------

# (title, months it is issued in, probability, note when done)
_TASKS = (
    ("务工月监测", range(1, 13), 1.0, "已摸清外出务工人员务工地点、收入和稳定情况"),
    ("监测数据月度核对与同步", range(1, 13), 0.6, "数据已核对，已带至镇里同步"),
    ("医保缴费动员", (9, 10, 11, 12), 1.0, "已逐户动员参加城乡居民医保"),
    ("防汛风险排查", (5, 6, 7, 8, 9), 1.0, "已排查房前屋后地质灾害隐患"),
    ("防止返贫集中排查", (9, 10, 11), 1.0, "已逐户排查，新发现风险线索已上报"),
    ("防止返贫政策宣传", range(1, 13), 0.45, "已入户发放政策明白卡"),
    ("帮扶手册更新", (3, 6, 9, 12), 1.0, "帮扶手册已更新并经户主签字"),
    ("春节返乡人员摸排", (1, 2), 1.0, "已摸排返乡人员就业意向"),
    ("春耕生产帮扶", (3, 4), 0.9, "已协调种子化肥，帮助缺劳力户春耕"),
    ("雨露计划申报", (3, 9), 0.9, "已完成符合条件学生申报"),
    ("教育资助核查", (9,), 1.0, "已核对在校生资助落实情况"),
    ("森林防火宣传", (11, 12, 1, 2, 3), 0.5, "已开展森林防火宣传"),
    ("家庭收入信息采集", (10, 11, 12), 0.9, "已完成收入测算并签字确认"),
    ("消除风险户季度回头看", (3, 6, 9, 12), 1.0, "已完成本季度回头看"),
    ("高温天气关爱独居老人", (7, 8), 0.7, "已逐户走访独居老人"),
    ("饮水安全排查", (6, 7, 8), 0.6, "已排查供水情况，无断水户"),
    ("小额信贷到期提醒", range(1, 13), 0.15, "已提醒到期户按时还款或续贷"),
)


def _prompts(v: _Village) -> list[dict]:
    rng = v.rng
    out = []
    issuer = v.p["township"] + "乡村振兴办"
    for mi in v.prompt_months:
        first = _month_first(mi)
        last = _month_first(mi + 1) - timedelta(days=1)
        month = first.month
        chosen = [t for t in _TASKS if month in t[1] and rng.random() < t[2]]
        musts = [t for t in chosen if t[2] == 1.0]        # in order of importance
        extras = [t for t in chosen if t[2] < 1.0]
        rng.shuffle(extras)
        for t in (_TASKS[1], _TASKS[5], _TASKS[16]):
            if len(musts) + len(extras) >= 3:
                break
            if t not in extras:
                extras.append(t)
        count = min(6, max(3, len(musts), rng.randint(3, 6)))
        tasks = []
        for title, _, _, done_note in (musts + extras)[:count]:
            due = first.replace(day=rng.choice((15, 20, 25))) if rng.random() < 0.6 else last
            due_o = due.toordinal()
            current = mi == v.cur_month
            if current:
                p_done = 0.7 if due_o < v.t else 0.25
            else:
                p_done = 0.95
            done_on = done_by = None
            note = ""
            if rng.random() < p_done:
                lo = max(first.toordinal(), due_o - 14)
                hi = due_o + (3 if not current else 0)
                d = rng.randint(lo, hi)
                if d < v.t:
                    done_on, done_by, note = v.iso(d), rng.choice(v.team), done_note
            if done_on is None:
                note = "正在推进" if current else rng.choice(("", "因人手不足延后，下月补做", "部分农户外出未见面"))
            tasks.append({"title": title, "due_date": due.isoformat(), "done_on": done_on, "done_by": done_by,
                          "note": note})
        tasks.sort(key=lambda x: x["due_date"])
        out.append({"month": f"{first.year:04d}-{first.month:02d}",
                    "title": f"{first.year}年{first.month}月驻村工作提示",
                    "issued_by": issuer, "tasks": tasks})
    return out


def _attendance(v: _Village) -> list[dict]:
    rng = v.rng
    out = []
    for person in v.team:
        steady = rng.random() < 0.8
        for mi in v.visit_months:
            first = _month_first(mi)
            p_full = 0.78 if first.month in (1, 2) else (0.94 if steady else 0.82)  # 春节 months are thinner
            if rng.random() < p_full:
                days = rng.randint(20, 26)
            else:
                days = rng.randint(15, 19)
            out.append({"person": person, "month": f"{first.year:04d}-{first.month:02d}", "days": min(days, 28)})
    return out


_PROBLEM_MEASURES = ("入户核实后在系统中更正", "补录走访和收入核算记录", "协调镇乡村振兴办核对数据",
                     "落实针对性帮扶措施并补录", "召开村组会议逐户核对")


def _problem_lists(v: _Village, households: list[dict]) -> list[dict]:
    rng = v.rng
    county = v.p["county"]
    out = []
    # county batches every 4–6 months, then a team self-check list per half year
    batches = []
    d = v.w0 + rng.randint(40, 90)
    n = 0
    while d < v.t - 3:
        n += 1
        batches.append(("county", d, f"{county}反馈问题数据清单(第{n}批)"))
        d += rng.randint(120, 180)
    for mi in (v.cur_month - 19, v.cur_month - 7):
        first = _month_first(mi)
        d = first.toordinal() + rng.randint(2, 20)
        if d < v.t:
            half = "上半年" if first.month <= 6 else "下半年"
            batches.append(("team", d, f"驻村工作队自查问题清单({first.year}年{half})"))
    batches.sort(key=lambda b: b[1])
    groups = sorted({h["group_name"] for h in households})
    for source, created, title in batches:
        items = []
        for _ in range(rng.randint(3, 10)):
            if rng.random() < 0.8:
                h = households[rng.randrange(len(households))]
                desc = rng.choice(_PROBLEM_DESCRIPTIONS).format(head=h["members"][0]["name"],
                                                                member=rng.choice(h["members"])["name"])
                key = h["key"]
            else:
                desc = rng.choice(_PROBLEM_GENERAL).format(group=rng.choice(groups))
                key = None
            old = created < v.t - 40
            closed_on = closed_by = None
            if rng.random() < (0.92 if old else 0.35):
                c = created + rng.randint(3, 30)
                if c < v.t:
                    closed_on, closed_by = v.iso(c), rng.choice(v.team)
            note = rng.choice(("已入户核实并更正", "经核实数据无误，已说明情况", "已补录", "已整改销号")) \
                if closed_on else rng.choice(("正在核实", "待户主返乡后核实", ""))
            # 整改措施、责任人、时限 (003 §四) from their own generator, so the village's other
            # draws stay as they were.
            duty = random.Random(f"{title}|{len(items)}|{desc}")
            items.append({"household_key": key, "description": desc, "closed_on": closed_on,
                          "closed_by": closed_by, "note": note, "measure": duty.choice(_PROBLEM_MEASURES),
                          "responsible": duty.choice(v.team), "deadline": v.iso(created + duty.randint(15, 60))})
        out.append({"title": title, "source": source, "created_on": v.iso(created), "items": items})
    return out
