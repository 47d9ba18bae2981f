from datetime import date

import pytest
from hypothesis import given, strategies as st

from app.core import clock
from app.core.enums import Sex
from app.core.errors import ValidationError
from app.core.idnumber import (
    check_digit, check_member_identity, make_id_number, mask_id_number, parse_id_number,
)

PUBLISHED = "11010519491231002X"  # widely published sample: Beijing Chaoyang, 1949-12-31, female


def _valid(first17: str) -> str:
    return first17 + check_digit(first17)


# --- check digit --------------------------------------------------------------------------

@pytest.mark.parametrize("first17, expected", [
    ("11010519491231002", "X"),
    ("44052418800101001", "4"),   # the example printed in GB 11643-1999 itself
    ("43052119900101123", "9"),
    ("52010219850615002", "X"),
])
def test_check_digit_known_values(first17, expected):
    assert check_digit(first17) == expected


def _iso7064_recursive(digits: str) -> str:
    """ISO 7064 MOD 11-2 by the standard's recursive method, independent of the weight table."""
    p = 0
    for c in digits:
        p = ((p + int(c)) * 2) % 11
    r = (12 - p) % 11
    return "X" if r == 10 else str(r)


@given(st.text(alphabet="0123456789", min_size=17, max_size=17))
def test_check_digit_matches_recursive_method(first17):
    assert check_digit(first17) == _iso7064_recursive(first17)


def test_check_digit_hand_computed():
    # 1*7+1*9+0*10+1*5+0*8+5*4+1*2+9*1+4*6+9*3+1*7+2*9+3*10+1*5+0*8+0*4+2*2 = 167; 167 % 11 = 2 -> "X"
    assert check_digit("11010519491231002") == "X"


@pytest.mark.parametrize("bad", ["1101051949123100", "110105194912310021", "1101051949123100A", "", "１１０１０５１９４９１２３１００２"])
def test_check_digit_needs_17_ascii_digits(bad):
    with pytest.raises(ValidationError) as e:
        check_digit(bad)
    assert e.value.rule == "17 digits before check digit"


# --- parsing -------------------------------------------------------------------------------

def test_parse_published_example():
    info = parse_id_number(PUBLISHED)
    assert info.number == PUBLISHED
    assert info.region == "110105"
    assert info.birth_date == date(1949, 12, 31)
    assert info.sex is Sex.FEMALE


def test_parse_normalizes_case_space_and_full_width():
    assert parse_id_number("  11010519491231002x \n").number == PUBLISHED
    assert parse_id_number("１１０１０５１９４９１２３１００２Ｘ").number == PUBLISHED


def test_odd_17th_digit_is_male():
    number = _valid("43052119900101123")  # 17th digit 3
    info = parse_id_number(number)
    assert info.sex is Sex.MALE
    assert info.birth_date == date(1990, 1, 1)


def test_age_on():
    info = parse_id_number(PUBLISHED)
    assert info.age_on(date(2024, 12, 30)) == 74
    assert info.age_on(date(2024, 12, 31)) == 75


@pytest.mark.parametrize("text, rule", [
    ("11010519491231002", "18 characters"),
    ("11010519491231002XX", "18 characters"),
    ("110105491231002", "18 characters"),  # old 15-digit number
    ("", "18 characters"),
    ("1101051949123100XX", "17 digits then digit or X"),
    ("11010519491231002Y", "17 digits then digit or X"),
    ("1101A519491231002X", "17 digits then digit or X"),
])
def test_parse_rejects_malformed(text, rule):
    with pytest.raises(ValidationError) as e:
        parse_id_number(text, field="member.id_number")
    assert e.value.field == "member.id_number"
    assert e.value.rule == rule


def test_parse_rejects_impossible_date_even_with_correct_check_digit():
    for first17 in ("11010519490230002", "11010519491301002", "11010520230229002", "11010519490000002"):
        with pytest.raises(ValidationError) as e:
            parse_id_number(_valid(first17))
        assert e.value.rule == "birth date is a real date"


def test_leap_day_is_accepted():
    assert parse_id_number(_valid("11010520000229002")).birth_date == date(2000, 2, 29)


def test_gb11643_example_passes_the_check_digit_then_meets_the_plausibility_rule():
    """GB 11643's published example 440524188001010014 has a right check digit: it is refused
    only by the separate, overridable rule that a birth year before 1900 is implausible — with
    its own message, not the wrong-check-digit one."""
    with pytest.raises(ValidationError) as e:
        parse_id_number("440524188001010014")
    assert e.value.rule == "plausible birth year"
    assert "校验位正确" in str(e.value) and "1880" in str(e.value)
    info = parse_id_number("440524188001010014", allow_early_birth=True)
    assert info.birth_date == date(1880, 1, 1) and info.sex is Sex.MALE


def test_the_check_digit_is_reported_before_plausibility():
    """A mistyped check digit on an implausibly old number is reported as the check digit."""
    with pytest.raises(ValidationError) as e:
        parse_id_number("440524188001010015")
    assert e.value.rule == "GB 11643 check digit"
    with pytest.raises(ValidationError) as e:
        parse_id_number("440524188001010015", allow_early_birth=True)
    assert e.value.rule == "GB 11643 check digit"


def test_parse_rejects_future_birth():
    number = make_id_number("110105", date(2025, 6, 2), Sex.MALE, 7)
    assert parse_id_number(number, today=date(2025, 6, 2)).birth_date == date(2025, 6, 2)
    with pytest.raises(ValidationError) as e:
        parse_id_number(number, today=date(2025, 6, 1))
    assert e.value.rule == "birth date not in the future"


def test_parse_rejects_wrong_check_digit_and_names_expected():
    with pytest.raises(ValidationError) as e:
        parse_id_number("110105194912310021")
    assert e.value.field == "id_number"
    assert e.value.rule == "GB 11643 check digit"
    assert "should be X" in str(e.value)


# --- member identity -----------------------------------------------------------------------

def test_member_identity_agrees():
    info = check_member_identity(PUBLISHED, date(1949, 12, 31), Sex.FEMALE)
    assert info.region == "110105"
    # Chinese sex name and ISO date text are accepted too
    check_member_identity(PUBLISHED, "1949-12-31", "女")
    # unfilled fields are not compared
    check_member_identity(PUBLISHED, None, None)


def test_member_birth_date_mismatch():
    with pytest.raises(ValidationError) as e:
        check_member_identity(PUBLISHED, date(1949, 12, 30), Sex.FEMALE)
    assert e.value.field == "birth_date"
    assert e.value.rule == "birth date matches ID number"


def test_member_sex_mismatch():
    with pytest.raises(ValidationError) as e:
        check_member_identity(PUBLISHED, date(1949, 12, 31), "男")
    assert e.value.field == "sex"
    assert e.value.rule == "sex matches ID number"


def test_member_identity_bad_number_uses_field():
    with pytest.raises(ValidationError) as e:
        check_member_identity("110105194912310021", None, None, field="members[2].id_number")
    assert e.value.field == "members[2].id_number"


def test_member_identity_bad_date_text():
    with pytest.raises(ValidationError) as e:
        check_member_identity(PUBLISHED, "1949/12/31", None)
    assert e.value.field == "birth_date"


# --- generation ----------------------------------------------------------------------------

def test_make_id_number_sequence_and_parity():
    male = make_id_number("520102", date(1985, 6, 15), Sex.MALE, 0)
    female = make_id_number("520102", date(1985, 6, 15), Sex.FEMALE, 499)
    assert male[:17] == "52010219850615001"
    assert female[:17] == "52010219850615998"
    assert parse_id_number(male).sex is Sex.MALE
    assert parse_id_number(female).sex is Sex.FEMALE


@pytest.mark.parametrize("region, seq", [("52010", 1), ("52010a", 1), ("520102", -1), ("520102", 500), ("520102", True)])
def test_make_id_number_rejects_bad_input(region, seq):
    with pytest.raises(ValidationError):
        make_id_number(region, date(1985, 6, 15), Sex.MALE, seq)


regions = st.text(alphabet="0123456789", min_size=6, max_size=6)
births = st.dates(min_value=date(1900, 1, 1), max_value=clock.today())
sexes = st.sampled_from([Sex.MALE, Sex.FEMALE])
seqs = st.integers(min_value=0, max_value=499)


@given(regions, births, sexes, seqs)
def test_make_round_trips_through_parse(region, birth, sex, seq):
    number = make_id_number(region, birth, sex, seq)
    info = parse_id_number(number)
    assert (info.number, info.region, info.birth_date, info.sex) == (number, region, birth, sex)
    assert int(number[14:17]) // 2 == seq


@given(regions, births, sexes, seqs, st.integers(min_value=0, max_value=17), st.data())
def test_any_single_character_change_is_detected(region, birth, sex, seq, pos, data):
    number = make_id_number(region, birth, sex, seq)
    choices = "0123456789X" if pos == 17 else "0123456789"
    new = data.draw(st.sampled_from([c for c in choices if c != number[pos]]))
    changed = number[:pos] + new + number[pos + 1:]
    with pytest.raises(ValidationError):
        parse_id_number(changed)


@given(regions, births, sexes, seqs, st.integers(min_value=0, max_value=15))
def test_adjacent_transposition_is_detected(region, birth, sex, seq, pos):
    number = make_id_number(region, birth, sex, seq)
    if number[pos] == number[pos + 1]:
        return
    swapped = number[:pos] + number[pos + 1] + number[pos] + number[pos + 2:]
    with pytest.raises(ValidationError):
        parse_id_number(swapped)


# --- masking -------------------------------------------------------------------------------

def test_mask_keeps_first_and_last_four():
    assert mask_id_number(PUBLISHED) == "1101**********002X"
    assert mask_id_number(" 11010519491231002x ") == "1101**********002X"


def test_mask_never_leaks_short_input():
    assert mask_id_number("12345678") == "********"
    assert mask_id_number("") == ""
    assert mask_id_number(None) == ""
