"""Places of the synthetic village: real county codes, plausible township and village names, and
the village groups' numbers in Chinese numerals."""
from __future__ import annotations

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


DIGITS_ZH = "零一二三四五六七八九"


def zh_number(n: int) -> str:
    """1..999 in Chinese numerals (十一, 二十, 一百零五)."""
    d = DIGITS_ZH
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
