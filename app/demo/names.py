"""Names of people: surnames by frequency (with two-character and polyphonic ones), given names
that follow the fashions of each era of birth, and a few rare characters that exercise font
fallback. Every draw is from the generator the caller passes."""
from __future__ import annotations

import random
from bisect import bisect_right
from itertools import accumulate

# Surname frequency (per mille, rounded from the 2020 census ranking) with two-character and
# polyphonic surnames (曾 zēng, 单 shàn, 解 xiè, 区 ōu, 仇 qiú, 查 zhā, 缪 miào, 盖 gě, 覃 qín).
SURNAMES = (
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
SURNAME_LIST = tuple(s for s, _ in SURNAMES)
SURNAME_CUM = tuple(accumulate(w for _, w in SURNAMES))

# Given-name characters by era of birth (names follow fashions) and sex.
GIVEN = {
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
RARE = {True: "堃燊喆犇淼", False: "㛃玥婳媖"}


def era(birth_year: int) -> str:
    if birth_year < 1960:
        return "old"
    if birth_year < 1985:
        return "mid"
    if birth_year < 2005:
        return "young"
    return "kid"



def surname(rng: random.Random) -> str:
    r = rng.random() * SURNAME_CUM[-1]
    return SURNAME_LIST[bisect_right(SURNAME_CUM, r)]


def given(rng: random.Random, male: bool, birth_year: int, shared: str | None = None) -> str:
    pool = GIVEN[(era(birth_year), male)]
    if rng.random() < 0.012:
        c = rng.choice(RARE[male])
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


def staff_name(rng: random.Random, taken: set[str]) -> str:
    """A work-team member's or cadre's name not yet in `taken` (and now in it)."""
    while True:
        male = rng.random() < 0.7
        name = surname(rng) + given(rng, male, rng.randint(1966, 1998))
        if name not in taken:
            taken.add(name)
            return name
