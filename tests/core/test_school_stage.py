"""A school stage the age rules out is refused wherever a member is entered: the member rules
(command line, ledger import and the window all go through them) and an edit of a stored member."""
from __future__ import annotations

from datetime import date

import pytest

from app.core.enums import SchoolStatus, Sex
from app.core.errors import ValidationError
from app.core.household import SCHOOL_STAGE_AGES, check_school_stage_age, clean_member
from app.core.idnumber import make_id_number
from app.services import households as hs

TODAY = date(2026, 11, 20)


def born(years: int) -> date:
    return TODAY.replace(year=TODAY.year - years, month=1, day=2)


def member(years: int, stage: str, **more) -> dict:
    return {"name": "张小宝", "relation": "son", "school_status": stage,
            "id_number": make_id_number("430521", born(years), Sex.MALE, 401), **more}


@pytest.mark.parametrize("years, stage", [(6, "college"), (40, "primary"), (3, "junior"), (50, "senior"),
                                          (12, "preschool")])
def test_an_age_the_stage_rules_out_is_refused_naming_the_field(years, stage):
    with pytest.raises(ValidationError) as caught:
        clean_member(member(years, stage), today=TODAY)
    assert caught.value.field == "school_status"
    assert f"{years}岁" in str(caught.value) and SchoolStatus(stage).zh in str(caught.value)


@pytest.mark.parametrize("years, stage", [(6, "primary"), (16, "primary"), (14, "junior"), (19, "senior"),
                                          (45, "college"), (40, "none"), (12, "dropped_out"), (5, "preschool")])
def test_ages_a_stage_can_have_pass(years, stage):
    assert clean_member(member(years, stage), today=TODAY)["school_status"] == stage


def test_the_boundaries():
    low, high = SCHOOL_STAGE_AGES["primary"]
    check_school_stage_age("primary", low)
    check_school_stage_age("primary", high)
    for age in (low - 1, high + 1):
        with pytest.raises(ValidationError):
            check_school_stage_age("primary", age)


def test_editing_a_stored_member_checks_the_stage_against_the_stored_birth(store):
    home = hs.add_household(store, {"head_name": "张三", "category": "ordinary"})
    child = hs.add_member(store, home["id"], member(8, "primary"), today=TODAY)
    with pytest.raises(ValidationError) as caught:
        hs.update_member(store, child["id"], {"school_status": "college"}, today=TODAY)
    assert caught.value.field == "school_status"
    assert hs.update_member(store, child["id"], {"school_status": "preschool"}, today=TODAY)["school_status"] == "preschool"
