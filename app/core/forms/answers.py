"""One answer, checked against its question's type: what a person may type, how it is stored,
and the message (Chinese, or English) when it does not fit. Every answer is bounded, so none
can make the program slow or large: a 5,000-digit integer or the decimal 1E-50000000 is
refused with the limit named, not stored.

Stored values are JSON-safe: integers as int, decimals as text ("12.5", money stays exact),
dates as "YYYY-MM-DD", times as "HH:MM:SS", date-times as "YYYY-MM-DDTHH:MM:SS", a geopoint as
"latitude longitude [altitude [accuracy]]", select_multiple and rank as lists of choice names.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import mimetypes
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from .definition import DEFAULT_LANGUAGE, FormDef, Question
from .types import MEDIA_TYPES

DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
TIME = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.\d+)?)?$")
DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?$")
INTEGER = re.compile(r"^-?\d+$")
MAX_ANSWER = 10_000      # characters in a typed answer
MAX_DIGITS = 18          # digits of an integer answer (ODK integers are 32-bit; ledgers need no more)
DECIMAL_DIGITS = 28      # significant digits of a decimal answer
DECIMAL_EXPONENT = 30    # 1E+30 … 1E-30
MAX_ATTACHMENT = 8 << 20  # bytes of one photo, recording or file kept with the answers

MESSAGES = {
    "required": {"中文": "必填：{label}", "English": "Required: {label}"},
    "constraint": {"中文": "{label}不符合规则：{rule}", "English": "{label} breaks the rule: {rule}"},
    "integer": {"中文": "{label}应为整数", "English": "{label} must be a whole number"},
    "decimal": {"中文": "{label}应为数字", "English": "{label} must be a number"},
    "date": {"中文": "{label}应为日期（年-月-日）", "English": "{label} must be a date (YYYY-MM-DD)"},
    "time": {"中文": "{label}应为时间（时:分）", "English": "{label} must be a time (HH:MM)"},
    "datetime": {"中文": "{label}应为日期和时间（年-月-日 时:分）",
                 "English": "{label} must be a date and time (YYYY-MM-DD HH:MM)"},
    "geopoint": {"中文": "{label}应为“纬度 经度”，纬度在 -90 到 90 之间，经度在 -180 到 180 之间",
                 "English": "{label} must be 'latitude longitude', latitude -90 to 90, longitude -180 to 180"},
    "range": {"中文": "{label}应在 {start} 到 {end} 之间，步长 {step}",
              "English": "{label} must be from {start} to {end} in steps of {step}"},
    "choice": {"中文": "{label}：“{value}”不是可选项", "English": "{label}: '{value}' is not one of the choices"},
    "text": {"中文": "{label}应为文字", "English": "{label} must be text"},
    "repeat": {"中文": "{label}应为多条记录的列表", "English": "{label} must be a list of entries"},
    "too_long": {"中文": "{label}过长：最多 {limit} 个字符", "English": "{label} is too long: at most {limit} characters"},
    "digits": {"中文": "{label}的数字过大：最多 {limit} 位", "English": "{label} has too many digits: at most {limit}"},
    "decimal_digits": {"中文": "{label}的数字超出范围：最多 {limit} 位有效数字，数量级不超过 10 的 ±{exponent} 次方",
                       "English": "{label} is out of range: at most {limit} significant digits, magnitude within 1E±{exponent}"},
    "attachment": {"中文": "{label}应为附件（文件名和内容）", "English": "{label} must be an attached file (name and content)"},
    "attachment_size": {"中文": "{label}的附件过大：最多 {limit} MB", "English": "{label}: the attachment is over {limit} MB"},
    "too_many": {"中文": "{label}最多 {limit} 条记录", "English": "{label}: at most {limit} entries"},
    "limit": {"中文": "{label}的计算结果超出限制（{limit}），请检查表单",
              "English": "{label}: the calculation exceeds the limit ({limit}); check the form"},
}
LIMITS = {"too_long": MAX_ANSWER, "digits": MAX_DIGITS, "decimal_digits": DECIMAL_DIGITS,
          "attachment_size": MAX_ATTACHMENT >> 20}


def message(key: str, lang: str, **kw) -> str:
    kw.setdefault("limit", LIMITS.get(key, ""))
    kw.setdefault("exponent", DECIMAL_EXPONENT)
    table = MESSAGES[key]
    return (table.get(lang) or table[DEFAULT_LANGUAGE]).format_map(_Blank(kw))


class _Blank(dict):
    def __missing__(self, key):
        return ""


def empty(value) -> bool:
    return value is None or value == "" or value == [] or value == ()


def _integer(value):
    if isinstance(value, bool):
        return value, "integer"
    if isinstance(value, int):  # str() of an int over 4,300 digits raises
        return (value, None) if abs(value) < 10 ** MAX_DIGITS else (None, "digits")
    text = str(value).strip()
    if not INTEGER.match(text):
        return value, "integer"
    return (int(text), None) if len(text.lstrip("-")) <= MAX_DIGITS else (text[:20] + "…", "digits")


def _decimal_value(value):
    """(Decimal, None) or (shown value, rule)."""
    if isinstance(value, bool):
        return value, "decimal"
    try:
        d = Decimal(str(value).strip())
    except InvalidOperation:
        return value, "decimal"
    if not d.is_finite():
        return value, "decimal"
    if d and (len(d.as_tuple().digits) > DECIMAL_DIGITS or abs(d.adjusted()) > DECIMAL_EXPONENT):
        return str(value)[:20], "decimal_digits"
    return d, None


def plain(d: Decimal) -> str:
    return format(d.normalize() if d == d.to_integral() else d, "f")


def _decimal(value):
    d, rule = _decimal_value(value)
    return (d, rule) if rule else (plain(d), None)


def _date(value):
    text = str(value).strip()
    try:
        return (text, None) if DATE.match(text) and date.fromisoformat(text) else (value, "date")
    except ValueError:
        return value, "date"


def _time(value):
    m = TIME.match(str(value).strip())
    return (f"{m.group(1)}:{m.group(2)}:{m.group(3) or '00'}", None) if m else (value, "time")


def _datetime(value):
    m = DATETIME.match(str(value).strip())
    if not m:
        return value, "datetime"
    try:
        date.fromisoformat(m.group(1))
    except ValueError:
        return value, "datetime"
    return f"{m.group(1)}T{m.group(2)}:{m.group(3)}:{m.group(4) or '00'}", None


def _geopoint(value):
    parts = str(value).replace(",", " ").split()
    if not 2 <= len(parts) <= 4:
        return value, "geopoint"
    try:
        nums = [Decimal(p) for p in parts]
    except InvalidOperation:
        return value, "geopoint"
    if not all(n.is_finite() for n in nums) or abs(nums[0]) > 90 or abs(nums[1]) > 180:
        return value, "geopoint"
    return " ".join(plain(n) for n in nums), None


def _range(q: Question, value):
    p = q.parameters
    start, end, step = (p.get(k, d) for k, d in (("start", "1"), ("end", "10"), ("step", "1")))
    d, rule = _decimal_value(value)
    if rule:
        return value, "decimal"
    try:
        lo, hi, st = sorted((Decimal(start), Decimal(end))) + [abs(Decimal(step))]
    except InvalidOperation:
        return value, "range"
    if not lo <= d <= hi or (st and (d - lo) % st):
        return value, "range"
    return (int(d) if d == d.to_integral() else plain(d)), None


def _select(q: Question, value, form: FormDef, many: bool):
    names = form.choice_names(q.list_name)
    if not many:
        text = str(value).strip()
        return (text, None) if text in names else (value, "choice")
    items = value.split() if isinstance(value, str) else value
    if not isinstance(items, (list, tuple)) or not all(isinstance(i, str) for i in items):
        return value, "choice"
    bad = [i for i in items if i not in names]
    return (bad[0], "choice") if bad else (list(dict.fromkeys(items)), None)


def _attachment(value):
    """A photo, recording or file as answered: {"name", "data" (base64)}; stored with its size
    and SHA-256 inside the encrypted store, like every answer."""
    if not isinstance(value, dict) or not isinstance(value.get("name"), str) or not isinstance(value.get("data"), str):
        return None, "attachment"
    if len(value["data"]) > (MAX_ATTACHMENT * 4) // 3 + 4:
        return None, "attachment_size"
    try:
        raw = base64.b64decode(value["data"], validate=True)
    except (binascii.Error, ValueError):
        return None, "attachment"
    name = value["name"].replace("\\", "/").rsplit("/", 1)[-1][:200]
    return {"name": name, "size": len(raw), "sha256": hashlib.sha256(raw).hexdigest(), "data": value["data"]}, None


def is_attachment(value) -> bool:
    """A stored attachment: {"name", "size", "sha256", "data"}."""
    return isinstance(value, dict) and {"name", "size", "sha256", "data"} <= set(value)


def attachment_summaries(answers):
    """The answers with each attached file as its name, type (MIME, from the name), size and
    SHA-256 instead of its content: what a listing shows. Repeats (lists of answer sets) too."""
    if is_attachment(answers):
        kind = mimetypes.guess_type(answers["name"])[0] or "application/octet-stream"
        return {"name": answers["name"], "type": kind, "size": answers["size"], "sha256": answers["sha256"]}
    if isinstance(answers, dict):
        return {k: attachment_summaries(v) for k, v in answers.items()}
    if isinstance(answers, list):
        return [attachment_summaries(v) for v in answers]
    return answers


def _text(value):
    if isinstance(value, str):
        return value.strip(), None
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        return str(value), None
    return value, "text"


_BY_TYPE = {"integer": _integer, "decimal": _decimal, "date": _date, "time": _time, "datetime": _datetime,
            "geopoint": _geopoint, "text": _text, "barcode": _text, "hidden": _text,
            "start": _datetime, "end": _datetime, "today": _date}


def coerce(q: Question, value, form: FormDef):
    """(clean value, rule broken or None). Empty stays None."""
    if empty(value):
        return None, None
    if isinstance(value, str) and len(value) > MAX_ANSWER:
        return value[:20] + "…", "too_long"
    t = q.type
    if t in MEDIA_TYPES:
        return _attachment(value)
    if t in ("select_one", "select_multiple", "rank"):
        return _select(q, value, form, t != "select_one")
    if t == "range":
        return _range(q, value)
    if t == "acknowledge":
        return ("OK", None) if str(value).strip().lower() in ("ok", "yes", "true", "1") else (value, "choice")
    if t in _BY_TYPE:
        return _BY_TYPE[t](value)
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds"), None
    return _text(value) if t in ("deviceid", "username", "email", "phonenumber", "subscriberid",
                                 "simserial", "instanceid") else (value, None)
