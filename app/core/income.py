"""Household income assessment (收入测算, DOMAIN §3) and the monitoring baseline (监测收入基准线).

家庭纯收入 = 工资性收入 + 生产经营性收入 + 财产性收入 + 转移性收入 − 生产经营性支出
人均纯收入 = 家庭纯收入 ÷ 家庭人口数

All money is integer fen (分): no floats anywhere, because these figures go into canonical JSON
that is hashed and signed (app.core.canonical).
"""
import builtins
import json
import re
import unicodedata
from dataclasses import asdict, dataclass, fields
from decimal import Decimal
from pathlib import Path

from .errors import ValidationError

# Far above any household's income, far below SQLite's int64: catches typed-in nonsense
# (a wage entered in fen twice over) before sums could overflow storage.
MAX_FEN = 10**13

# Auditors' plausibility thresholds (DOMAIN §8, national data-check code), in fen.
LOW_PER_CAPITA_FEN = 400_000            # 人均纯收入 < 4,000 元 needs a note
HIGH_IDENTIFICATION_FEN = 2_000_000     # 识别纳入时人均纯收入 > 20,000 元 needs a note
MIN_MONTHLY_WAGE_FEN = 10_000           # 月工资 < 100 元
MAX_MONTHLY_WAGE_FEN = 3_000_000        # 月工资 > 30,000 元

UNSOURCED_ZH = "默认估计值，未见公开文件出处，应以本省公布的基准线替换 (a default estimate with no published source)"
DEFAULT_BASELINES_PATH = Path(__file__).resolve().parents[2] / "resources" / "baselines.json"


def _check_fen(value, field: str) -> int:
    """`value` as a non-negative int of fen, else ValidationError naming `field`."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(
            field, "integer fen",
            f"{field}: 金额须为整数（分），不接受{type(value).__name__} (amount must be integer fen, got {value!r})")
    if value < 0:
        raise ValidationError(field, "not negative", f"{field}: 金额不能为负数 (amount must not be negative, got {value})")
    if value > MAX_FEN:
        raise ValidationError(field, "within range", f"{field}: 金额过大 (amount larger than {MAX_FEN} fen)")
    return value


@dataclass(frozen=True)
class IncomeItems:
    """One household's income items for the 12 months before the assessment, in fen."""
    wage: int = 0               # 务工收入 (工资性收入)
    welfare_post: int = 0       # 公益性岗位收入 (part of 工资性收入)
    business: int = 0           # 生产经营性收入
    property: int = 0           # 财产性收入 (rent, land transfer, interest)
    dividend: int = 0           # 资产收益扶贫分红 (part of 财产性收入)
    pension: int = 0            # 养老金
    family_planning: int = 0    # 计划生育金
    eco_compensation: int = 0   # 生态补偿金
    dibao: int = 0              # 低保金
    tekun: int = 0              # 特困供养金
    other_transfer: int = 0     # 其他转移性收入
    business_expense: int = 0   # 生产经营性支出

    def __post_init__(self):
        for f in fields(self):
            _check_fen(getattr(self, f.name), f.name)

    # The field named `property` shadows the builtin inside this class body.
    @builtins.property
    def wage_income(self) -> int:
        """工资性收入."""
        return self.wage + self.welfare_post

    @builtins.property
    def business_income(self) -> int:
        """生产经营性收入 (before expenses)."""
        return self.business

    @builtins.property
    def property_income(self) -> int:
        """财产性收入."""
        return self.property + self.dividend

    @builtins.property
    def transfer_income(self) -> int:
        """转移性收入."""
        return (self.pension + self.family_planning + self.eco_compensation
                + self.dibao + self.tekun + self.other_transfer)

    @builtins.property
    def net_income(self) -> int:
        """家庭纯收入; negative when business expenses exceed all income."""
        return (self.wage_income + self.business_income + self.property_income
                + self.transfer_income - self.business_expense)

    @classmethod
    def from_dict(cls, d: dict) -> "IncomeItems":
        """Items from a mapping of item name to fen; missing items are 0, unknown names rejected."""
        if not isinstance(d, dict):
            raise ValidationError("income", "mapping of items", "income: 收入明细须为字典 (income items must be a mapping)")
        known = {f.name for f in fields(cls)}
        for key in d:
            if key not in known:
                raise ValidationError(
                    str(key), "unknown income item",
                    f"{key}: 未知的收入项目 (unknown income item; known: {', '.join(sorted(known))})")
        return cls(**d)

    def to_dict(self) -> dict:
        """Every item, zeros included, so the canonical form does not depend on what was filled."""
        return asdict(self)


def per_capita(items: IncomeItems, household_size: int) -> int:
    """人均纯收入 in fen, rounded down (floor)."""
    if isinstance(household_size, bool) or not isinstance(household_size, int) or household_size < 1:
        raise ValidationError(
            "household_size", "at least 1",
            f"household_size: 家庭人口数须为不小于1的整数 (must be an integer >= 1, got {household_size!r})")
    return items.net_income // household_size


class Baselines:
    """监测收入基准线 per province and year, fen per person per year (configurable data, DOMAIN §3).

    JSON form: {"note": ..., "default": {"2022": 690000, ...}, "provinces": {"52": {"2023": 730000}},
    "sources": {"default": {"2022": "seed 003 …"}, "52": {"2023": "…"}}}. `sources` names the
    published document behind a row; a row without one is a default estimate and says so
    wherever it is shown (`source_zh`).
    """

    def __init__(self, default: dict[int, int], provinces: dict[str, dict[int, int]], note: str = "",
                 sources: dict[str, dict[int, str]] | None = None):
        self.default = default
        self.provinces = provinces
        self.note = note
        self.sources = sources or {}

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Baselines":
        p = Path(path) if path is not None else DEFAULT_BASELINES_PATH
        with open(p, encoding="utf-8") as fh:
            return cls.from_dict(json.load(fh))

    @classmethod
    def from_dict(cls, d: dict) -> "Baselines":
        if not isinstance(d, dict):
            raise ValidationError("baselines", "JSON object", "baselines: 基准线表须为JSON对象 (must be an object)")
        unknown = set(d) - {"note", "default", "provinces", "sources"}
        if unknown:
            raise ValidationError("baselines", "known keys",
                                  f"baselines: 未知的键 {sorted(unknown)} (unknown keys)")
        default = cls._rows(d.get("default", {}), "baselines.default")
        provinces_raw = d.get("provinces", {})
        if not isinstance(provinces_raw, dict):
            raise ValidationError("baselines.provinces", "JSON object",
                                  "baselines.provinces: 须为JSON对象 (must be an object)")
        provinces = {}
        for code, rows in provinces_raw.items():
            if not (isinstance(code, str) and re.fullmatch(r"\d{2}", code)):
                raise ValidationError("baselines.provinces", "2-digit province code",
                                      f"baselines.provinces: 省级代码应为2位数字 (province code must be 2 digits, got {code!r})")
            provinces[code] = cls._rows(rows, f"baselines.provinces.{code}")
        sources_raw = d.get("sources", {})
        if not isinstance(sources_raw, dict):
            raise ValidationError("baselines.sources", "JSON object", "baselines.sources: 须为JSON对象 (must be an object)")
        sources: dict[str, dict[int, str]] = {}
        for key, rows in sources_raw.items():
            table = default if key == "default" else provinces.get(key)
            if table is None or not isinstance(rows, dict):
                raise ValidationError("baselines.sources", "a source per existing row",
                                      f"baselines.sources: “{key}”没有对应的基准线行 (no such row)")
            for year, text in rows.items():
                if not (isinstance(year, str) and year.isdigit() and int(year) in table) or not isinstance(text, str) \
                        or not text.strip():
                    raise ValidationError("baselines.sources", "a source per existing row",
                                          f"baselines.sources.{key}.{year}: 出处须为文字且对应已有年份 (text for an existing year)")
            sources[key] = {int(y): t.strip() for y, t in rows.items()}
        return cls(default, provinces, str(d.get("note", "")), sources)

    @staticmethod
    def _rows(rows, field: str) -> dict[int, int]:
        if not isinstance(rows, dict):
            raise ValidationError(field, "JSON object", f"{field}: 须为JSON对象 (must be an object of year: fen)")
        out = {}
        for year, fen in rows.items():
            if not (isinstance(year, str) and re.fullmatch(r"\d{4}", year)):
                raise ValidationError(field, "4-digit year keys",
                                      f"{field}: 年份应为4位数字 (year must be 4 digits, got {year!r})")
            _check_fen(fen, f"{field}.{year}")
            if fen == 0:
                raise ValidationError(f"{field}.{year}", "positive", f"{field}.{year}: 基准线须大于0 (must be positive)")
            out[int(year)] = fen
        return out

    def to_dict(self) -> dict:
        return {
            "note": self.note,
            "default": {str(y): v for y, v in sorted(self.default.items())},
            "provinces": {c: {str(y): v for y, v in sorted(rows.items())}
                          for c, rows in sorted(self.provinces.items())},
            "sources": {k: {str(y): t for y, t in sorted(rows.items())} for k, rows in sorted(self.sources.items())},
        }

    def for_year(self, province_code: str | None, year: int) -> int:
        """The baseline in fen for a province (2-digit code, or any longer region code) and year.

        The province's own row is used if it has this year or an earlier one (the latest earlier
        year carries forward: a province keeps its line until it publishes a new one); otherwise
        the default row, the same way. Nothing at or before `year` → ValidationError.
        """
        key, row_year = self._row(province_code, year)
        return (self.default if key == "default" else self.provinces[key])[row_year]

    def _row(self, province_code: str | None, year: int) -> tuple[str, int]:
        """("default" or the province's code, the year of the row) that `for_year` reads."""
        rows = []
        if province_code is not None:
            code = str(province_code).strip()
            if not re.fullmatch(r"\d{2}(\d{4})?(\d{3})?(\d{3})?", code):
                raise ValidationError("province_code", "2-digit province or region code",
                                      f"province_code: 省级代码应为2位数字或行政区划代码 (got {province_code!r})")
            if code[:2] in self.provinces:
                rows.append((code[:2], self.provinces[code[:2]]))
        rows.append(("default", self.default))
        for key, row in rows:
            earlier = [y for y in row if y <= year]
            if earlier:
                return key, max(earlier)
        raise ValidationError("year", "baseline configured",
                              f"year: {year}年及以前没有监测收入基准线 (no income baseline configured for {year} or before)")

    def source(self, province_code: str | None, year: int) -> str | None:
        """The published source of the row `for_year` reads, or None for a default estimate."""
        key, row_year = self._row(province_code, year)
        return self.sources.get(key, {}).get(row_year)

    def source_zh(self, province_code: str | None, year: int) -> str:
        """Where the baseline comes from, for showing beside it."""
        src = self.source(province_code, year)
        if src:
            return f"出处：{src}"
        return UNSOURCED_ZH

    def unsourced(self) -> list[str]:
        """The rows without a source, as "default 2024" / "52 2023"."""
        return [f"{key} {y}" for key, row in (("default", self.default), *sorted(self.provinces.items()))
                for y in sorted(row) if y not in self.sources.get(key, {})]


def _check_signed_fen(value, field: str) -> int:
    """An int of fen that may be negative (a per-capita net income after business losses)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(field, "integer fen", f"{field}: 须为整数（分） (must be integer fen, got {value!r})")
    return value


def compare_to_baseline(per_capita_fen: int, baseline_fen: int) -> dict:
    """Where per-capita income stands against the baseline; integers only (canonical JSON).

    below: strictly under the baseline; gap_fen: how much short (0 when at or above);
    ratio_pct: per-capita as a percentage of the baseline, rounded down.
    """
    _check_signed_fen(per_capita_fen, "per_capita")
    _check_fen(baseline_fen, "baseline")
    if baseline_fen == 0:
        raise ValidationError("baseline", "positive", "baseline: 基准线须大于0 (must be positive)")
    return {
        "per_capita_fen": per_capita_fen,
        "baseline_fen": baseline_fen,
        "below": per_capita_fen < baseline_fen,
        "gap_fen": max(0, baseline_fen - per_capita_fen),
        "ratio_pct": per_capita_fen * 100 // baseline_fen,
    }


def format_yuan(fen: int) -> str:
    """6900_00 → "6,900.00 元"."""
    _check_signed_fen(fen, "amount")
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    return f"{sign}{yuan:,}.{cents:02d} 元"


def plain_yuan(fen: int) -> str:
    """6900_50 → "6900.50", 6900_00 → "6900": an amount as a person types it back in."""
    sign = "-" if fen < 0 else ""
    yuan, cents = divmod(abs(fen), 100)
    return f"{sign}{yuan}.{cents:02d}" if cents else f"{sign}{yuan}"


# Either plain digits or correctly grouped thousands; at most 2 decimals checked separately
# so that the error can say which rule was broken.
_YUAN = re.compile(r"(\d+|\d{1,3}(?:,\d{3})+)(?:\.(\d+))?")


def parse_yuan(text: str, field: str) -> int:
    """Yuan as typed ("6900", "6900.5", "6,900.50", "¥6900", "6900元") → fen, exactly (Decimal)."""
    if not isinstance(text, str):
        raise ValidationError(field, "text", f"{field}: 金额须为文本 (amount must be text, got {type(text).__name__})")
    t = unicodedata.normalize("NFKC", text).strip()  # full-width digits and ，．
    t = t.removeprefix("¥").removesuffix("元").strip()
    if not t:
        raise ValidationError(field, "not empty", f"{field}: 金额不能为空 (amount is empty)")
    if t.startswith("-"):
        raise ValidationError(field, "not negative", f"{field}: 金额不能为负数 (amount must not be negative: {text!r})")
    m = _YUAN.fullmatch(t)
    if not m:
        raise ValidationError(field, "yuan amount format",
                              f"{field}: 金额格式错误，应如 6900 或 6,900.50 (amount should look like 6900 or 6,900.50: {text!r})")
    if m.group(2) is not None and len(m.group(2)) > 2:
        raise ValidationError(field, "at most 2 decimals",
                              f"{field}: 金额最多两位小数（分） (at most 2 decimal places: {text!r})")
    fen = int(Decimal(t.replace(",", "")) * 100)
    return _check_fen(fen, field)


def income_warnings(per_capita_fen: int, identification: bool = False) -> list[str]:
    """Auditors' plausibility checks on per-capita income (DOMAIN §8): each needs a written note."""
    _check_signed_fen(per_capita_fen, "per_capita")
    warnings = []
    if per_capita_fen < LOW_PER_CAPITA_FEN:
        warnings.append(f"人均纯收入{format_yuan(per_capita_fen)}低于4,000元，需填写说明 "
                        f"(per-capita net income below 4,000 yuan needs a note)")
    if identification and per_capita_fen > HIGH_IDENTIFICATION_FEN:
        warnings.append(f"识别纳入时人均纯收入{format_yuan(per_capita_fen)}高于20,000元，需填写说明 "
                        f"(per-capita income above 20,000 yuan at identification needs a note)")
    return warnings


def wage_warning(monthly_wage_fen: int) -> str | None:
    """Warning for an implausible monthly wage (< 100 or > 30,000 yuan), else None.

    Call it only for members who worked: 0 is below 100 yuan and is warned about.
    """
    _check_signed_fen(monthly_wage_fen, "monthly_wage")
    if monthly_wage_fen < MIN_MONTHLY_WAGE_FEN:
        return (f"月工资{format_yuan(monthly_wage_fen)}低于100元，请核实 "
                f"(monthly wage below 100 yuan, please check)")
    if monthly_wage_fen > MAX_MONTHLY_WAGE_FEN:
        return (f"月工资{format_yuan(monthly_wage_fen)}高于30,000元，请核实 "
                f"(monthly wage above 30,000 yuan, please check)")
    return None
