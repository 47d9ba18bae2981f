import pytest

from app.core.errors import ValidationError
from app.core.phone import mask_phone, normalize_phone


@pytest.mark.parametrize("text, expected", [
    ("13812345678", "13812345678"),
    ("138 1234 5678", "13812345678"),
    ("138-1234-5678", "13812345678"),
    ("+86 138 1234 5678", "13812345678"),
    ("+8613812345678", "13812345678"),
    ("8613812345678", "13812345678"),
    ("0086 13812345678", "13812345678"),
    ("19912345678", "19912345678"),
    ("１３８１２３４５６７８", "13812345678"),
    ("0731-84567890", "0731-84567890"),
    ("0731 8456789", "0731-8456789"),
    ("073184567890", "0731-84567890"),
    ("(0851)85551234", "0851-85551234"),
    ("010-88886666", "010-88886666"),
    ("01088886666", "010-88886666"),
    ("020 3888 6666", "020-38886666"),
    ("+86 731 84567890", "0731-84567890"),
    ("+86 10 88886666", "010-88886666"),
])
def test_accepts(text, expected):
    assert normalize_phone(text) == expected


@pytest.mark.parametrize("text, rule", [
    ("", "not empty"),
    ("   ", "not empty"),
    ("12812345678", "mobile: 11 digits starting 13-19"),
    ("1381234567", "mobile: 11 digits starting 13-19"),
    ("138123456789", "mobile: 11 digits starting 13-19"),
    ("84567890", "landline: area code 0xx(x) + 7-8 digits"),       # no area code
    ("0731-0456789", "landline: area code 0xx(x) + 7-8 digits"),   # local number starts with 0
    ("0731-845678901", "landline: area code 0xx(x) + 7-8 digits"),  # 9-digit local number
    ("0731-845678", "landline: area code 0xx(x) + 7-8 digits"),    # 6-digit local number
    ("138.1234.5678", "digits only"),
    ("电话13812345678", "digits only"),
])
def test_rejects(text, rule):
    with pytest.raises(ValidationError) as e:
        normalize_phone(text, field="household.phone")
    assert e.value.field == "household.phone"
    assert e.value.rule == rule


def test_rejects_non_text():
    with pytest.raises(ValidationError) as e:
        normalize_phone(None)
    assert e.value.field == "phone"


def test_normalized_form_is_a_fixed_point():
    for text in ("+86 138 1234 5678", "(0851)85551234", "010 8888 6666"):
        n = normalize_phone(text)
        assert normalize_phone(n) == n


def test_mask_phone():
    assert mask_phone("+86 138-1234-5678") == "138****5678"
    assert mask_phone("0731-84567890") == "0731-****7890"
    assert mask_phone("010-8888666") == "010-***8666"
    # unrecognised input still shows no more than the last four characters
    assert mask_phone("12345") == "*2345"
    assert mask_phone("123") == "***"
    assert mask_phone("") == ""
