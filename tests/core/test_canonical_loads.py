"""canonical.loads reads JSON as json.loads does; canonical.encode_plain writes plain values canonically."""
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.core import canonical

plain = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-2**63, max_value=2**64 - 1) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20)


@given(plain)
def test_loads_reads_what_json_reads(value):
    text = json.dumps(value, ensure_ascii=False)
    assert canonical.loads(text.encode("utf-8")) == json.loads(text)
    assert canonical.loads(text) == json.loads(text)


@given(plain)
def test_encode_plain_is_the_canonical_form(value):
    assert canonical.encode_plain(value) == canonical.reference_dumps(value).encode("utf-8")


def test_encode_plain_takes_the_careful_way_for_what_orjson_refuses():
    assert canonical.encode_plain({"n": 2**70}) == b'{"n":1180591620717411303424}'
    with pytest.raises(TypeError):
        canonical.encode_plain({1: "a"})


@pytest.mark.parametrize("text", [b'"\\ud800"', b'{"a": 1, "a": 2}', b'[1.5, -0, 1e3]'])
def test_loads_leaves_to_json_what_orjson_refuses(text):
    got, want = canonical.loads(text), json.loads(text.decode("utf-8"))
    assert repr(got) == repr(want)


@pytest.mark.parametrize("text", [b'{"a": ', b"\xff\xfe", b"[" * 100_000, b'{"a": NaN}', b"[-Infinity]",
                                  b"[1e400]", b'["\\ud800", NaN]'])
def test_loads_refuses_as_json_does(text):
    with pytest.raises((ValueError, RecursionError)):
        canonical.loads(text)


def test_a_whole_number_beyond_64_bits_is_read_as_a_float_which_canonical_json_refuses():
    value = canonical.loads(b'{"n": 123456789012345678901234567890}')
    with pytest.raises(TypeError):
        canonical.dumps(value)


@given(plain)
def test_encode_loaded_is_encode_for_what_loads_reads(value):
    read = canonical.loads(json.dumps(value, ensure_ascii=False).encode("utf-8"))
    assert canonical.encode_loaded(read) == canonical.encode(read)


def test_encode_loaded_refuses_floats():
    with pytest.raises(TypeError):
        canonical.encode_loaded(canonical.loads(b'{"a": [1, 2.5]}'))
