"""Property tests: canonical JSON (the bytes that are hashed and signed) and the hybrid clock."""
from __future__ import annotations

import json
import random

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from app.core import canonical
from app.core.hlc import Clock, Timestamp

# -- canonical JSON -------------------------------------------------------------------------

text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
scalars = st.none() | st.booleans() | st.integers(min_value=-(10 ** 15), max_value=10 ** 15) | text
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(text, inner, max_size=5),
                      max_leaves=30)


def shuffled(value, rnd: random.Random):
    """The same value with every dict rebuilt in another insertion order."""
    if isinstance(value, dict):
        items = list(value.items())
        rnd.shuffle(items)
        return {k: shuffled(v, rnd) for k, v in items}
    if isinstance(value, list):
        return [shuffled(v, rnd) for v in value]
    return value


@given(values, st.randoms(use_true_random=False))
def test_dumps_ignores_insertion_order(value, rnd):
    assert canonical.dumps(shuffled(value, rnd)) == canonical.dumps(value)
    assert canonical.encode(value) == canonical.dumps(value).encode("utf-8")


@given(values)
def test_dumps_round_trips(value):
    out = canonical.dumps(value)
    assert json.loads(out) == value
    assert canonical.dumps(json.loads(out)) == out  # a fixed point
    assert "\n" not in out  # control characters are escaped: one line, always


@given(st.dictionaries(text, scalars, min_size=1, max_size=8))
def test_keys_sorted_and_no_whitespace(value):
    out = canonical.dumps(value)
    assert list(json.loads(out)) == sorted(value)
    assert out == json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def test_utf8_not_escaped():
    assert canonical.dumps({"name": "张三丰"}) == '{"name":"张三丰"}'
    assert canonical.encode({"name": "张"}) == '{"name":"张"}'.encode("utf-8")


@st.composite
def with_float_inside(draw):
    """A value with one float hidden somewhere in its nesting."""
    f = draw(st.floats(allow_nan=True, allow_infinity=True))
    value = f
    for _ in range(draw(st.integers(0, 5))):
        if draw(st.booleans()):
            siblings = draw(st.lists(scalars, max_size=3))
            value = siblings[:draw(st.integers(0, len(siblings)))] + [value] + siblings
        else:
            others = draw(st.dictionaries(text, scalars, max_size=3))
            key = draw(text)
            others.pop(key, None)
            value = {**others, key: value}
    return value


@given(with_float_inside())
def test_floats_rejected_anywhere(value):
    with pytest.raises(TypeError):
        canonical.dumps(value)
    with pytest.raises(TypeError):
        canonical.encode(value)


def test_float_error_names_the_path():
    with pytest.raises(TypeError, match=r"\$?\.a\.b\[1\]"):
        canonical.dumps({"a": {"b": [1, 2.5]}})
    with pytest.raises(TypeError):
        canonical.dumps({"money": 1.0})  # even a whole-valued float: money is integer fen
    with pytest.raises(TypeError):
        canonical.dumps({"nan": float("nan")})


def test_non_string_keys_rejected():
    for value in ({1: "a"}, {True: "a"}, {"x": {2: "b"}}, {1: "a", "1": "b"}):
        with pytest.raises(TypeError):
            canonical.dumps(value)


# -- hybrid logical clock -------------------------------------------------------------------

class FakeWall:
    def __init__(self, start: int):
        self.now = start

    def __call__(self) -> int:
        return self.now


wall_steps = st.lists(st.integers(min_value=-10 ** 7, max_value=10 ** 7), min_size=1, max_size=60)


@given(st.integers(min_value=0, max_value=10 ** 13), wall_steps)
def test_now_strictly_increases_even_when_wall_goes_back(start, steps):
    wall = FakeWall(start)
    clock = Clock("dev-a", wall=wall)
    previous = clock.now()
    for step in steps:
        wall.now = max(0, wall.now + step)
        stamp = clock.now()
        assert Timestamp.decode(stamp) > Timestamp.decode(previous)
        assert stamp > previous  # text order is time order
        assert Timestamp.decode(stamp).millis >= wall.now
        previous = stamp


@given(st.integers(min_value=0, max_value=10 ** 13), st.integers(min_value=0, max_value=10 ** 13),
       st.integers(min_value=0, max_value=99), st.booleans())
def test_receive_moves_past_remote(local_wall, remote_millis, remote_counter, tick_first):
    wall = FakeWall(local_wall)
    clock = Clock("dev-a", wall=wall)
    if tick_first:
        clock.now()
    before = clock._last
    remote = Timestamp(remote_millis, remote_counter, "dev-b").encode()
    got = clock.receive(remote)
    assert Timestamp.decode(got) > Timestamp.decode(remote)
    assert Timestamp.decode(got) > before
    assert got > remote
    assert clock.now() > got  # and keeps going forward after it


def test_resumes_after_restart_with_clock_set_back():
    """A store reopened with its last stamp continues after it, whatever the wall says."""
    clock = Clock("dev-a", wall=FakeWall(2_000_000_000_000))
    last = clock.now()
    reopened = Clock("dev-a", last, wall=FakeWall(1_000_000_000_000))
    assert reopened.now() > last


@given(st.lists(st.tuples(st.integers(min_value=0, max_value=10 ** 14), st.integers(min_value=0, max_value=99_999),
                          st.sampled_from(["a", "b", "dev-01a2", "zz"])), min_size=2, max_size=30))
def test_encoded_strings_sort_like_timestamps(parts):
    stamps = [Timestamp(*p) for p in parts]
    assert sorted(s.encode() for s in stamps) == [s.encode() for s in sorted(stamps)]
    for s in stamps:
        assert Timestamp.decode(s.encode()) == s


@given(st.lists(st.sampled_from(["now", "send"]), min_size=1, max_size=40), st.randoms(use_true_random=False))
@settings(max_examples=50)
def test_two_devices_exchanging_stay_ordered(actions, rnd):
    """Causality: a stamp made after receiving another sorts after it."""
    wall_a, wall_b = FakeWall(1_000), FakeWall(900_000)  # b's clock runs far ahead
    a, b = Clock("a", wall=wall_a), Clock("b", wall=wall_b)
    last_seen = None
    for action in actions:
        wall_a.now += rnd.randint(-50, 50)
        wall_b.now += rnd.randint(-50, 50)
        assume(wall_a.now >= 0)
        if action == "send":
            sent = b.now()
            got = a.receive(sent)
            assert got > sent
            last_seen = got
        else:
            stamp = a.now()
            if last_seen:
                assert stamp > last_seen
            last_seen = stamp


def test_counter_overflow_keeps_text_order():
    clock = Clock("a", wall=lambda: 1_000)
    previous = clock.now()
    for _ in range(100_001):
        stamp = clock.now()
        assert stamp > previous
        previous = stamp


wide = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=12)
                    | st.sampled_from(["1.5,", "2e5]", "3e4a", ".0}", "null", "a\\\"b"]),
                    lambda inner: st.lists(inner, max_size=5) | st.tuples(inner, inner)
                    | st.dictionaries(st.text(max_size=8), inner, max_size=5), max_leaves=30)


@given(wide)
def test_the_fast_way_writes_the_reference_bytes(value):
    """orjson's way and the standard library's agree byte for byte (stored hashes and signatures
    were made with the standard library's), integers beyond 64 bits and tuples included; text
    that looks like a float is text."""
    assert canonical.dumps(value) == canonical.reference_dumps(value)
    assert canonical.encode(value) == canonical.reference_dumps(value).encode("utf-8")
