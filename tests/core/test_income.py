import json

import pytest
from hypothesis import given, strategies as st

from app.core import canonical
from app.core.errors import ValidationError
from app.core.income import (
    Baselines, IncomeItems, compare_to_baseline, format_yuan, income_warnings, parse_yuan,
    per_capita, wage_warning,
)

# A household of four, 12 months, in fen.
EXAMPLE = IncomeItems(
    wage=3_000_000,            # 30,000 yuan 务工
    welfare_post=600_000,      # 6,000 公益岗位
    business=800_000,          # 8,000 种养殖
    property=50_000,           # 500 土地流转
    dividend=30_000,           # 300 资产收益分红
    pension=240_000,           # 2,400 养老金
    eco_compensation=12_000,   # 120 生态补偿
    other_transfer=18_000,     # 180 其他
    business_expense=300_000,  # 3,000 生产经营性支出
)


# --- formula -------------------------------------------------------------------------------

def test_sub_totals():
    assert EXAMPLE.wage_income == 3_600_000
    assert EXAMPLE.business_income == 800_000
    assert EXAMPLE.property_income == 80_000
    assert EXAMPLE.transfer_income == 270_000


def test_net_income_worked_example():
    # 3,600,000 + 800,000 + 80,000 + 270,000 - 300,000
    assert EXAMPLE.net_income == 4_450_000


def test_per_capita_rounds_down():
    assert per_capita(EXAMPLE, 4) == 1_112_500
    assert per_capita(EXAMPLE, 3) == 1_483_333   # 1,483,333.33... fen
    assert per_capita(IncomeItems(dibao=10), 3) == 3


def test_every_transfer_item_counts():
    items = IncomeItems(pension=1, family_planning=10, eco_compensation=100, dibao=1000,
                        tekun=10000, other_transfer=100000)
    assert items.transfer_income == 111111
    assert items.net_income == 111111


def test_business_loss_gives_negative_net_and_floor():
    items = IncomeItems(business=100, business_expense=200)
    assert items.net_income == -100
    assert per_capita(items, 3) == -34


@pytest.mark.parametrize("size", [0, -1, 2.0, True, "4", None])
def test_household_size_must_be_positive_int(size):
    with pytest.raises(ValidationError) as e:
        per_capita(EXAMPLE, size)
    assert e.value.field == "household_size"


@given(st.lists(st.integers(min_value=0, max_value=10**9), min_size=12, max_size=12),
       st.integers(min_value=1, max_value=20))
def test_net_and_per_capita_properties(values, size):
    items = IncomeItems(*values)
    d = items.to_dict()
    assert items.net_income == sum(d.values()) - 2 * d["business_expense"]
    pc = per_capita(items, size)
    assert pc * size <= items.net_income < (pc + 1) * size


# --- validation ----------------------------------------------------------------------------

@pytest.mark.parametrize("value, rule", [
    (100.0, "integer fen"), (1.5, "integer fen"), ("100", "integer fen"), (None, "integer fen"),
    (True, "integer fen"), (-1, "not negative"), (10**14, "within range"),
])
def test_items_reject_bad_amounts_naming_the_item(value, rule):
    with pytest.raises(ValidationError) as e:
        IncomeItems(dividend=value)
    assert e.value.field == "dividend"
    assert e.value.rule == rule


def test_from_dict_and_to_dict_round_trip():
    d = EXAMPLE.to_dict()
    assert set(d) == {"wage", "welfare_post", "business", "property", "dividend", "pension",
                      "family_planning", "eco_compensation", "dibao", "tekun", "other_transfer",
                      "business_expense"}
    assert IncomeItems.from_dict(d) == EXAMPLE
    assert IncomeItems.from_dict({"wage": 5}).to_dict()["tekun"] == 0
    # the dict is canonical-JSON safe (integers only)
    assert canonical.dumps(d).startswith('{"business":800000,')


def test_from_dict_rejects_unknown_key():
    with pytest.raises(ValidationError) as e:
        IncomeItems.from_dict({"wage": 1, "salary": 2})
    assert e.value.field == "salary"
    assert e.value.rule == "unknown income item"


def test_from_dict_rejects_float_naming_item():
    with pytest.raises(ValidationError) as e:
        IncomeItems.from_dict({"pension": 2400.0})
    assert e.value.field == "pension"


def test_from_dict_rejects_non_mapping():
    with pytest.raises(ValidationError):
        IncomeItems.from_dict([("wage", 1)])


def test_items_are_frozen():
    with pytest.raises(AttributeError):
        EXAMPLE.wage = 0


# --- baselines -----------------------------------------------------------------------------

def test_shipped_table_has_known_values_and_note():
    b = Baselines.load()
    assert b.for_year(None, 2022) == 690_000
    assert b.for_year("52", 2023) == 730_000
    assert "configurable" in b.note.lower()
    for year in range(2021, 2027):
        assert year in b.default


def test_lookup_fallbacks():
    b = Baselines.from_dict({
        "default": {"2021": 600_000, "2022": 690_000, "2024": 750_000},
        "provinces": {"52": {"2023": 730_000}},
    })
    assert b.for_year(None, 2022) == 690_000
    assert b.for_year(None, 2023) == 690_000        # missing year: latest earlier
    assert b.for_year(None, 2030) == 750_000
    assert b.for_year("52", 2023) == 730_000        # province row first
    assert b.for_year("520102", 2023) == 730_000    # any region code inside the province
    assert b.for_year("52", 2025) == 730_000        # province line carries forward
    assert b.for_year("52", 2022) == 690_000        # province has nothing that early: default
    assert b.for_year("11", 2023) == 690_000        # province without a row: default
    with pytest.raises(ValidationError) as e:
        b.for_year(None, 2020)
    assert e.value.field == "year"
    with pytest.raises(ValidationError) as e:
        b.for_year("5", 2023)
    assert e.value.field == "province_code"


@pytest.mark.parametrize("d, field", [
    ({"default": {"22": 1}}, "baselines.default"),
    ({"default": {"2022": 6900.0}}, "baselines.default.2022"),
    ({"default": {"2022": 0}}, "baselines.default.2022"),
    ({"provinces": {"520": {"2022": 1}}}, "baselines.provinces"),
    ({"provinces": {"52": {"2022": -5}}}, "baselines.provinces.52.2022"),
    ({"defaults": {}}, "baselines"),
])
def test_baselines_reject_bad_tables(d, field):
    with pytest.raises(ValidationError) as e:
        Baselines.from_dict(d)
    assert e.value.field == field


def test_baselines_dict_round_trip(tmp_path):
    b = Baselines.load()
    p = tmp_path / "b.json"
    p.write_text(json.dumps(b.to_dict()), encoding="utf-8")
    again = Baselines.load(p)
    assert again.to_dict() == b.to_dict()
    canonical.dumps(b.to_dict())  # integers only


# --- comparison ----------------------------------------------------------------------------

def test_compare_below():
    r = compare_to_baseline(600_000, 690_000)
    assert r == {"per_capita_fen": 600_000, "baseline_fen": 690_000, "below": True,
                 "gap_fen": 90_000, "ratio_pct": 86}
    canonical.dumps(r)


def test_compare_at_and_above():
    assert compare_to_baseline(690_000, 690_000)["below"] is False
    assert compare_to_baseline(690_000, 690_000)["ratio_pct"] == 100
    r = compare_to_baseline(1_380_000, 690_000)
    assert (r["below"], r["gap_fen"], r["ratio_pct"]) == (False, 0, 200)
    # one fen short is below, and the ratio rounds down so it never reads 100 %
    r = compare_to_baseline(689_999, 690_000)
    assert (r["below"], r["gap_fen"], r["ratio_pct"]) == (True, 1, 99)


def test_compare_rejects_floats_and_zero_baseline():
    with pytest.raises(ValidationError):
        compare_to_baseline(600_000.0, 690_000)
    with pytest.raises(ValidationError):
        compare_to_baseline(600_000, 0)


# --- yuan text -----------------------------------------------------------------------------

@pytest.mark.parametrize("fen, text", [
    (690_000, "6,900.00 元"), (5, "0.05 元"), (0, "0.00 元"), (123_456_789, "1,234,567.89 元"),
    (-5, "-0.05 元"), (-690_050, "-6,900.50 元"),
])
def test_format_yuan(fen, text):
    assert format_yuan(fen) == text


def test_format_yuan_rejects_float():
    with pytest.raises(ValidationError):
        format_yuan(6900.0)


@pytest.mark.parametrize("text, fen", [
    ("6900", 690_000), ("6900.5", 690_050), ("6,900.50", 690_050), ("6900.05", 690_005),
    ("0.01", 1), ("0", 0), ("0.29", 29), ("1,234,567.89", 123_456_789), (" 6900 ", 690_000),
    ("６９００．５", 690_050), ("¥6900", 690_000), ("￥6,900元", 690_000), ("6900 元", 690_000),
    ("007", 700),
])
def test_parse_yuan_accepts(text, fen):
    assert parse_yuan(text, "wage") == fen


@pytest.mark.parametrize("text, rule", [
    ("6900.505", "at most 2 decimals"), ("6900.500", "at most 2 decimals"),
    ("", "not empty"), ("元", "not empty"), ("-5", "not negative"),
    ("6,90", "yuan amount format"), ("69,00.5", "yuan amount format"), ("6900.", "yuan amount format"),
    (".5", "yuan amount format"), ("1e3", "yuan amount format"), ("abc", "yuan amount format"),
    ("6 900", "yuan amount format"), ("NaN", "yuan amount format"),
])
def test_parse_yuan_rejects(text, rule):
    with pytest.raises(ValidationError) as e:
        parse_yuan(text, "wage")
    assert e.value.field == "wage"
    assert e.value.rule == rule


def test_parse_yuan_rejects_non_text():
    with pytest.raises(ValidationError) as e:
        parse_yuan(6900.5, "pension")
    assert (e.value.field, e.value.rule) == ("pension", "text")


@given(st.integers(min_value=0, max_value=10**12))
def test_format_then_parse_round_trips(fen):
    assert parse_yuan(format_yuan(fen), "x") == fen


# --- auditors' plausibility checks -----------------------------------------------------------

def test_income_warnings_low_per_capita():
    assert len(income_warnings(399_999)) == 1
    assert "4,000" in income_warnings(399_999)[0]
    assert income_warnings(400_000) == []


def test_income_warnings_identification_high():
    assert income_warnings(2_000_001) == []
    w = income_warnings(2_000_001, identification=True)
    assert len(w) == 1 and "20,000" in w[0]
    assert income_warnings(2_000_000, identification=True) == []


@pytest.mark.parametrize("fen, warns", [
    (0, True), (9_999, True), (10_000, False), (500_000, False), (3_000_000, False), (3_000_001, True),
])
def test_wage_warning(fen, warns):
    assert (wage_warning(fen) is not None) == warns


def test_plain_yuan_is_what_a_person_types_back():
    from app.core.income import parse_yuan, plain_yuan
    assert [plain_yuan(f) for f in (690050, 690000, 5, -150)] == ["6900.50", "6900", "0.05", "-1.50"]
    for fen in (0, 1, 99, 100, 123456789):
        assert parse_yuan(plain_yuan(fen), "x") == fen
