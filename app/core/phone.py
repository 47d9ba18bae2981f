"""Contact phone numbers (联系电话): mainland mobiles and landlines with area code.

Normalized forms: mobile "13812345678"; landline "0731-84567890" (区号-号码).
"""
import re
import unicodedata

from .errors import ValidationError

_MOBILE = re.compile(r"1[3-9]\d{9}")
# Area codes: 010 and 020-029 have three digits with the leading 0, all others four (0xxx).
# Local numbers have 7 or 8 digits and never start with 0 or 1.
_LANDLINE = re.compile(r"(0(?:10|2\d|[3-9]\d\d))([2-9]\d{6,7})")
# What people type between digits: spaces, dashes, brackets around the area code.
_SEPARATORS = re.compile(r"[\s\-()]")
_COUNTRY = re.compile(r"^(?:\+86|0086|86)(?=\d)")


def normalize_phone(text: str, field: str = "phone") -> str:
    """The normalized phone number, or ValidationError naming `field`.

    Accepts spaces, dashes and brackets, full-width digits, and a +86 / 0086 / 86 prefix
    (after a country prefix a landline's leading 0 is dropped, so it is put back).
    """
    raw = unicodedata.normalize("NFKC", text).strip() if isinstance(text, str) else ""
    if not raw:
        raise ValidationError(field, "not empty", f"{field}: 电话号码不能为空 (phone number is empty)")
    digits = _SEPARATORS.sub("", raw)
    # Neither a mobile (1...) nor a landline with area code (0...) starts with 8, so a leading
    # 86 can only be the country code.
    stripped = _COUNTRY.sub("", digits)
    had_country = stripped != digits
    digits = stripped
    if not digits.isascii() or not digits.isdigit():
        raise ValidationError(
            field, "digits only",
            f"{field}: 电话号码只能包含数字、空格和短横线 (phone may hold only digits, spaces and dashes: {raw!r})")
    if _MOBILE.fullmatch(digits):
        return digits
    if had_country and not digits.startswith("0"):
        digits = "0" + digits
    m = _LANDLINE.fullmatch(digits)
    if m:
        return f"{m.group(1)}-{m.group(2)}"
    if digits.startswith("1"):
        raise ValidationError(
            field, "mobile: 11 digits starting 13-19",
            f"{field}: 手机号应为11位、以13至19开头 (mobile must be 11 digits starting 13-19: {raw!r})")
    raise ValidationError(
        field, "landline: area code 0xx(x) + 7-8 digits",
        f"{field}: 固定电话应为以0开头的3–4位区号加7–8位号码 (landline must be area code 0xx(x) + 7-8 digit number: {raw!r})")


def mask_phone(number: str) -> str:
    """Hide the middle of a phone number: 138****5678, 0731-****7890.

    Never raises: unrecognised input keeps only its last 4 characters visible.
    """
    try:
        n = normalize_phone(number)
    except ValidationError:
        n = (number or "").strip() if isinstance(number, str) else ""
        return "*" * len(n) if len(n) <= 4 else "*" * (len(n) - 4) + n[-4:]
    if "-" in n:
        area, local = n.split("-")
        return f"{area}-{'*' * (len(local) - 4)}{local[-4:]}"
    return n[:3] + "****" + n[-4:]
