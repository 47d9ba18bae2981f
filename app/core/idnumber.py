"""Chinese resident ID numbers (居民身份证号码, GB 11643-1999).

18 characters: 6-digit region code (行政区划代码), 8-digit birth date (出生日期码, YYYYMMDD),
3-digit sequence code (顺序码, odd for men, even for women) and a check character (校验码,
ISO 7064 MOD 11-2, 0-9 or X). The birth date and sex in the number must agree with the
member's own fields (DOMAIN §2).
"""
import unicodedata
from dataclasses import dataclass
from datetime import date

from . import clock
from .enums import Sex
from .errors import ValidationError

# Weight of position i is 2**(17-i) mod 11 (ISO 7064 MOD 11-2).
_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
# Check character for (weighted sum mod 11).
_CHECK_CHARS = "10X98765432"
# No resident alive or registered was born before this; an earlier year is a typing error.
_EARLIEST_BIRTH_YEAR = 1900
PLAUSIBLE_BIRTH_RULE = "plausible birth year"


@dataclass(frozen=True)
class IdNumberInfo:
    """What a valid ID number says about its holder."""
    number: str          # normalized: stripped, upper-case X
    region: str          # 6-digit 行政区划代码 where the number was issued
    birth_date: date
    sex: Sex

    def age_on(self, day: date) -> int:
        """Age in full years on `day` (周岁)."""
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


def check_digit(first17: str) -> str:
    """The GB 11643 check character ('0'-'9' or 'X') for the first 17 digits."""
    if not (isinstance(first17, str) and len(first17) == 17 and first17.isascii() and first17.isdigit()):
        raise ValidationError(
            "id_number", "17 digits before check digit",
            f"id_number: 校验位计算需要17位数字 (check digit needs exactly 17 digits, got {first17!r})")
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS))
    return _CHECK_CHARS[total % 11]


def parse_id_number(text: str, field: str = "id_number", today: date | None = None,
                    allow_early_birth: bool = False) -> IdNumberInfo:
    """Validate an 18-character ID number and decode it: its form, its birth date, its check
    digit, then whether the birth year is plausible (before 1900 it is refused unless
    `allow_early_birth`, a person having confirmed it; rule PLAUSIBLE_BIRTH_RULE).

    `today` is only for tests; a birth date after it is rejected.
    """
    # NFKC: numbers pasted from documents often carry full-width digits (１２３) or ｘ.
    number = unicodedata.normalize("NFKC", text).strip().upper() if isinstance(text, str) else ""
    if len(number) != 18:
        old = "; 15位旧号码需换发为18位 (old 15-digit numbers are not accepted)" if len(number) == 15 else ""
        raise ValidationError(
            field, "18 characters",
            f"{field}: 身份证号应为18位，实际{len(number)}位{old} (must be 18 characters)")
    body, last = number[:17], number[17]
    if not (body.isascii() and body.isdigit() and last in "0123456789X"):
        raise ValidationError(
            field, "17 digits then digit or X",
            f"{field}: 身份证号前17位须为数字，末位为数字或X (17 digits then a digit or X)")

    y, m, d = int(number[6:10]), int(number[10:12]), int(number[12:14])
    try:
        birth = date(y, m, d)
    except ValueError:
        raise ValidationError(
            field, "birth date is a real date",
            f"{field}: 身份证号中的出生日期{number[6:14]}不存在 (birth date is not a real date)") from None
    # The check digit first: a number that fails it was mistyped, whatever its dates say.
    expected = check_digit(body)
    if last != expected:
        raise ValidationError(
            field, "GB 11643 check digit",
            f"{field}: 身份证号校验位错误 (GB 11643 check digit should be {expected}, got {last})")
    if birth > (today or clock.today()):
        raise ValidationError(
            field, "birth date not in the future",
            f"{field}: 身份证号中的出生日期{birth.isoformat()}晚于今天 (birth date is in the future)")
    # Then plausibility, a separate rule a person may override after looking at the card.
    if y < _EARLIEST_BIRTH_YEAR and not allow_early_birth:
        raise ValidationError(
            field, PLAUSIBLE_BIRTH_RULE,
            f"{field}: 校验位正确，但出生年份{y}早于{_EARLIEST_BIRTH_YEAR}年，不合常理；核对证件无误的，"
            f"请确认出生年份无误后保存 (check digit is right but the birth year {y} is before "
            f"{_EARLIEST_BIRTH_YEAR}: confirm it to save)")

    sex = Sex.MALE if int(number[16]) % 2 else Sex.FEMALE
    return IdNumberInfo(number=number, region=number[:6], birth_date=birth, sex=sex)


def check_member_identity(id_number: str, birth_date: date | str | None, sex: Sex | str | None,
                          field: str = "id_number", allow_early_birth: bool = False) -> IdNumberInfo:
    """Raise ValidationError if the member's stated birth date or sex disagrees with the number.

    A stated value of None is not compared (not yet filled in). Returns the decoded number.
    """
    info = parse_id_number(id_number, field, allow_early_birth=allow_early_birth)
    if birth_date is not None:
        if isinstance(birth_date, str):
            try:
                birth_date = date.fromisoformat(birth_date.strip())
            except ValueError:
                raise ValidationError(
                    "birth_date", "ISO date YYYY-MM-DD",
                    f"birth_date: 出生日期格式应为YYYY-MM-DD (expected YYYY-MM-DD, got {birth_date!r})") from None
        if birth_date != info.birth_date:
            raise ValidationError(
                "birth_date", "birth date matches ID number",
                f"birth_date: 出生日期{birth_date.isoformat()}与身份证号中的{info.birth_date.isoformat()}不一致 "
                f"(birth date does not match the ID number)")
    if sex is not None:
        stated = Sex.parse(sex, "sex")
        if stated != info.sex:
            raise ValidationError(
                "sex", "sex matches ID number",
                f"sex: 性别{stated.zh}与身份证号（第17位）所示{info.sex.zh}不一致 (sex does not match the ID number)")
    return info


def make_id_number(region6: str, birth: date, sex: Sex, seq: int) -> str:
    """A valid ID number (for demo data). `seq` 0..499 picks the sequence code; parity follows `sex`."""
    if not (isinstance(region6, str) and len(region6) == 6 and region6.isascii() and region6.isdigit()):
        raise ValidationError("region", "6 digits", f"region: 行政区划代码应为6位数字 (must be 6 digits, got {region6!r})")
    if not (_EARLIEST_BIRTH_YEAR <= birth.year <= 9999):
        raise ValidationError("birth_date", f"birth year from {_EARLIEST_BIRTH_YEAR}",
                              f"birth_date: 出生年份须不早于{_EARLIEST_BIRTH_YEAR} (birth year before {_EARLIEST_BIRTH_YEAR})")
    if isinstance(seq, bool) or not isinstance(seq, int) or not 0 <= seq <= 499:
        raise ValidationError("seq", "0..499", f"seq: 顺序号应在0至499之间 (must be 0..499, got {seq!r})")
    sex = Sex.parse(sex, "sex")
    code = seq * 2 + (1 if sex is Sex.MALE else 0)  # odd 17th digit = male
    first17 = f"{region6}{birth.year:04d}{birth.month:02d}{birth.day:02d}{code:03d}"
    return first17 + check_digit(first17)


def mask_id_number(number: str) -> str:
    """Keep the first 4 and last 4 characters, star the rest (e.g. 4305**********123X).

    Never raises: short or malformed input is starred completely so nothing leaks.
    """
    n = (number or "").strip().upper()
    if len(n) <= 8:
        return "*" * len(n)
    return n[:4] + "*" * (len(n) - 8) + n[-4:]
