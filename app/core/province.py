"""Provinces (省级行政区, GB/T 2260): the household's province is kept as its 2-digit code, the
key of the income-baseline table (监测收入基准线 per province)."""
from __future__ import annotations

import re
import unicodedata

from .errors import ValidationError

NAMES = {
    "11": "北京市", "12": "天津市", "13": "河北省", "14": "山西省", "15": "内蒙古自治区", "21": "辽宁省",
    "22": "吉林省", "23": "黑龙江省", "31": "上海市", "32": "江苏省", "33": "浙江省", "34": "安徽省",
    "35": "福建省", "36": "江西省", "37": "山东省", "41": "河南省", "42": "湖北省", "43": "湖南省",
    "44": "广东省", "45": "广西壮族自治区", "46": "海南省", "50": "重庆市", "51": "四川省", "52": "贵州省",
    "53": "云南省", "54": "西藏自治区", "61": "陕西省", "62": "甘肃省", "63": "青海省", "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区",
}
_SUFFIX = re.compile(r"(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区)$")
_BY_NAME = {**{n: c for c, n in NAMES.items()}, **{_SUFFIX.sub("", n): c for c, n in NAMES.items()}}

ACCEPTED_ZH = "2位省级代码（如 43）、6位行政区划代码（如 430524）或省名（如 湖南、湖南省）"
ACCEPTED_EN = "a 2-digit province code (43), a 6-digit region code (430524) or the province's name (湖南, 湖南省)"


def parse_province(value, field: str = "province") -> str:
    """The 2-digit code of a province given as its code, a longer region code or its name."""
    text = unicodedata.normalize("NFKC", str(value or "")).strip()
    code = text[:2] if re.fullmatch(r"\d{2}(\d{4})?", text) else _BY_NAME.get(text)
    if code not in NAMES:
        raise ValidationError(field, "a province code, region code or name",
                              f"{field}: “{text}”不是省份；应填{ACCEPTED_ZH} (expected {ACCEPTED_EN})")
    return code
