from dataclasses import replace

import pytest

from app.core.enums import Health, HouseholdCategory, HouseholdFlag, HousingGrade, SchoolStatus
from app.core.errors import ValidationError
from app.core.situations import HouseholdFacts, MemberFacts, check_situations, yuan

BASELINE = 690_000  # 6,900 元 (2022, 003 #3)


def member(name, health=Health.HEALTHY, grade=None, school=SchoolStatus.NONE):
    return MemberFacts(name, health, grade, school)


def household(**kw):
    base = dict(
        category=HouseholdCategory.ORDINARY, risk_eliminated=False, flags=frozenset(),
        housing_grade=HousingGrade.A, can_fix_housing_alone=False,
        per_capita_fen=1_200_000, baseline_fen=BASELINE, has_supporter=False,
        three_guarantees_secured=True, water_secured=True, can_solve_alone=False,
        members=(member("张三"),),
    )
    base.update(kw)
    return HouseholdFacts(**base)


def numbers(h):
    return [f.number for f in check_situations(h)]


def test_a_household_without_risk_meets_no_situation():
    assert check_situations(household()) == []


# --- ① 整户低保 with serious illness or student ---------------------------------------------------

def test_situation_1_whole_dibao_lifted_household_with_seriously_ill_member():
    h = household(category=HouseholdCategory.LIFTED, flags=frozenset({HouseholdFlag.DIBAO_WHOLE}),
                  members=(member("张三"), member("李四", Health.SERIOUS_ILLNESS)))
    [f] = check_situations(h)
    assert f.number == 1 and f.members == ("李四",)
    assert "整户低保" in f.reason_zh and "李四患有大病" in f.reason_zh and "脱贫户" in f.reason_zh
    assert f.title_zh.startswith("脱贫户或已消除风险户")


def test_situation_1_student_including_preschool_and_eliminated_households():
    h = household(category=HouseholdCategory.MONITORED, risk_eliminated=True,
                  flags=frozenset({HouseholdFlag.DIBAO_WHOLE}),
                  members=(member("王五", school=SchoolStatus.PRESCHOOL),))
    [f] = check_situations(h)
    assert f.number == 1 and "王五为在校生(学前教育)" in f.reason_zh and "已消除风险" in f.reason_zh


@pytest.mark.parametrize("change", [
    dict(flags=frozenset({HouseholdFlag.DIBAO})),                       # not the whole household
    dict(category=HouseholdCategory.ORDINARY),                          # neither lifted nor eliminated
    dict(members=(member("李四", Health.CHRONIC),)),                     # chronic is not 大病
    dict(members=(member("李四", school=SchoolStatus.DROPPED_OUT),)),    # dropped out is not a student
])
def test_situation_1_negative(change):
    h = household(category=HouseholdCategory.LIFTED, flags=frozenset({HouseholdFlag.DIBAO_WHOLE}),
                  members=(member("李四", Health.SERIOUS_ILLNESS),))
    assert 1 in numbers(h)
    assert 1 not in numbers(replace(h, **change))


# --- ② C/D dangerous house ---------------------------------------------------------------------

@pytest.mark.parametrize("grade", [HousingGrade.C, HousingGrade.D])
def test_situation_2_dangerous_house_that_cannot_be_fixed_alone(grade):
    [f] = check_situations(household(category=HouseholdCategory.LIFTED, housing_grade=grade))
    assert f.number == 2 and grade.zh in f.reason_zh


@pytest.mark.parametrize("change", [
    dict(housing_grade=HousingGrade.B),
    dict(housing_grade=None),
    dict(can_fix_housing_alone=True),
    dict(category=HouseholdCategory.ORDINARY),
])
def test_situation_2_negative(change):
    h = household(category=HouseholdCategory.LIFTED, housing_grade=HousingGrade.D)
    assert numbers(h) == [2]
    assert numbers(replace(h, **change)) == []


# --- ③ low income, 大病/重残, no supporter ------------------------------------------------------

def test_situation_3_low_income_severe_disability_no_supporter():
    h = household(per_capita_fen=500_000, members=(member("赵六", Health.DISABLED, grade=2),))
    [f] = check_situations(h)
    assert f.number == 3 and f.members == ("赵六",)
    assert "人均纯收入5,000元低于基准线6,900元" in f.reason_zh
    assert "赵六为2级残疾(重残)" in f.reason_zh and "无赡养人" in f.reason_zh


def test_situation_3_serious_illness_any_household_category():
    h = household(per_capita_fen=612_345, members=(member("钱七", Health.SERIOUS_ILLNESS),))
    [f] = check_situations(h)
    assert f.number == 3 and "6,123.45元" in f.reason_zh and "钱七患有大病" in f.reason_zh


@pytest.mark.parametrize("change", [
    dict(has_supporter=True),
    dict(per_capita_fen=BASELINE),            # at the baseline is not below it
    dict(per_capita_fen=None),                # income not assessed: not evaluated
    dict(baseline_fen=None),
    dict(members=(member("赵六", Health.DISABLED, grade=3),)),   # grade 3 is not 重残
    dict(members=(member("赵六", Health.CHRONIC),)),
])
def test_situation_3_negative(change):
    h = household(per_capita_fen=500_000, members=(member("赵六", Health.DISABLED, grade=1),))
    assert numbers(h) == [3]
    assert numbers(replace(h, **change)) == []


# --- ④ low income, 3+ students -----------------------------------------------------------------

def test_situation_4_three_students_named():
    kids = (member("孙一", school=SchoolStatus.PRIMARY), member("孙二", school=SchoolStatus.JUNIOR),
            member("孙三", school=SchoolStatus.COLLEGE), member("孙父"))
    [f] = check_situations(household(per_capita_fen=600_000, members=kids))
    assert f.number == 4 and f.members == ("孙一", "孙二", "孙三")
    assert "3个在校生" in f.reason_zh and "孙三(大专及以上)" in f.reason_zh


def test_situation_4_negative():
    two = (member("孙一", school=SchoolStatus.PRIMARY), member("孙二", school=SchoolStatus.SENIOR),
           member("孙三", school=SchoolStatus.DROPPED_OUT))
    assert numbers(household(per_capita_fen=600_000, members=two)) == []
    three = two[:2] + (member("孙四", school=SchoolStatus.PRESCHOOL),)
    assert numbers(household(per_capita_fen=600_000, members=three)) == [4]
    assert numbers(household(per_capita_fen=700_000, members=three)) == []


# --- ⑤ low-income household, 三保障 or water not secured -----------------------------------------

@pytest.mark.parametrize("flag", [HouseholdFlag.DIBAO, HouseholdFlag.TEKUN_SCATTERED, HouseholdFlag.DIBAO_EDGE])
def test_situation_5_low_income_household_water_not_secured(flag):
    [f] = check_situations(household(flags=frozenset({flag}), water_secured=False))
    assert f.number == 5 and flag.zh in f.reason_zh and "安全饮水" in f.reason_zh


def test_situation_5_three_guarantees():
    [f] = check_situations(household(flags=frozenset({HouseholdFlag.DIBAO}), three_guarantees_secured=False))
    assert "“三保障”" in f.reason_zh and "安全饮水" not in f.reason_zh


@pytest.mark.parametrize("change", [
    dict(can_solve_alone=True),
    dict(water_secured=True),
    dict(flags=frozenset({HouseholdFlag.TEKUN_CENTRAL})),   # 集中供养 is not in the list
    dict(flags=frozenset()),
])
def test_situation_5_negative(change):
    h = household(flags=frozenset({HouseholdFlag.DIBAO_EDGE}), water_secured=False)
    assert numbers(h) == [5]
    assert numbers(replace(h, **change)) == []


# --- together --------------------------------------------------------------------------------

def test_several_situations_in_number_order():
    h = household(category=HouseholdCategory.LIFTED, housing_grade=HousingGrade.C, per_capita_fen=400_000,
                  flags=frozenset({HouseholdFlag.DIBAO_WHOLE}), three_guarantees_secured=False,
                  members=(member("甲", Health.SERIOUS_ILLNESS), member("乙", school=SchoolStatus.PRIMARY),
                           member("丙", school=SchoolStatus.PRIMARY), member("丁", school=SchoolStatus.JUNIOR)))
    assert numbers(h) == [1, 2, 3, 4, 5]


def test_household_already_monitored_is_not_flagged():
    h = household(category=HouseholdCategory.MONITORED, risk_eliminated=False, per_capita_fen=400_000,
                  members=(member("甲", Health.SERIOUS_ILLNESS),))
    assert check_situations(h) == []
    assert numbers(replace(h, risk_eliminated=True)) == [3]


def test_facts_are_validated_and_accept_chinese_names():
    assert member("甲", "患有大病").health is Health.SERIOUS_ILLNESS
    with pytest.raises(ValidationError) as e:
        member("甲", Health.DISABLED, grade=5)
    assert e.value.field == "disability_grade"
    with pytest.raises(ValidationError) as e:
        household(per_capita_fen=6900.0)
    assert e.value.field == "per_capita_fen"
    with pytest.raises(ValidationError):
        household(flags=frozenset({"not_a_flag"}))
    assert household(flags=["整户低保"]).flags == frozenset({HouseholdFlag.DIBAO_WHOLE})


def test_yuan_formats_fen_without_floats():
    assert yuan(690_000) == "6,900元"
    assert yuan(612_345) == "6,123.45元"
    assert yuan(5) == "0.05元"
    assert yuan(-150) == "-1.50元"
