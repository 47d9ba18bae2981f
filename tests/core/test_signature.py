import hashlib
import itertools
import random
import statistics

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core import signature
from app.core.errors import ValidationError
from app.core.handwriting import Writer, random_name
from app.core.signature import (SAME_HAND_THRESHOLD, distance, features, image_hash, same_hand, to_svg,
                                validate)

# Writer seeds far from bench/signatures.py's (seed * 1,000,000 + i, default seed 1).
TEST_BASE = 7_000_000

SIMPLE = {"width": 600, "height": 200, "strokes": [[[10, 20, 0], [30, 40, 15], [50, 45, 30]], [[100, 100, 200]]]}


def with_(**changes):
    return {**SIMPLE, **changes}


# --- validate -------------------------------------------------------------------------------

@pytest.mark.parametrize("data, field", [
    ("not a dict", "signature"),
    ([], "signature"),
    (with_(width=0), "width"),
    (with_(width=4001), "width"),
    (with_(width=600.0), "width"),
    (with_(width=True), "width"),
    (with_(width="600"), "width"),
    (with_(height=-1), "height"),
    ({"width": 600, "strokes": SIMPLE["strokes"]}, "height"),
    (with_(strokes=None), "strokes"),
    (with_(strokes=[[]]), "strokes[0]"),
    (with_(strokes=[[[1, 2, 0]], "x"]), "strokes[1]"),
    (with_(strokes=[[[1, 2]]]), "strokes[0][0]"),
    (with_(strokes=[[[1, 2, 0, 4]]]), "strokes[0][0]"),
    (with_(strokes=[[[1, 2, 0], [1.5, 2, 3]]]), "strokes[0][1]"),
    (with_(strokes=[[[1, 2, 0], [1, 2, False]]]), "strokes[0][1]"),
    (with_(strokes=[[[1, 2, 0], [1, "2", 3]]]), "strokes[0][1]"),
    (with_(strokes=[[[601, 2, 0]]]), "strokes[0][0]"),
    (with_(strokes=[[[1, 201, 0]]]), "strokes[0][0]"),
    (with_(strokes=[[[1, 2, 0]], [[-1, 2, 5]]]), "strokes[1][0]"),
    (with_(strokes=[[[1, 2, 0], [3, 4, 20], [5, 6, 19]]]), "strokes[0][2]"),
    (with_(strokes=[[[1, 2, 0], [3, 4, 20]], [[5, 6, 10]]]), "strokes[1][0]"),  # t runs on across strokes
    (with_(strokes=[[[1, 2, -5]]]), "strokes[0][0]"),
])
def test_validate_names_the_field(data, field):
    with pytest.raises(ValidationError) as e:
        validate(data)
    assert e.value.field == field
    assert e.value.rule and str(e.value)


def test_validate_empty_strokes():
    with pytest.raises(ValidationError) as e:
        validate(with_(strokes=[]))
    assert (e.value.field, e.value.rule) == ("strokes", "at least one stroke")
    assert "a signature needs at least one stroke" in str(e.value)


def test_validate_too_many_points():
    pts = [[i % 600, 10, i] for i in range(signature.MAX_POINTS + 1)]
    with pytest.raises(ValidationError) as e:
        validate(with_(strokes=[pts[:10_000], pts[10_000:]]))
    assert e.value.field == "strokes" and "20,000" in e.value.rule
    validate(with_(strokes=[pts[:signature.MAX_POINTS]]))


def test_validate_returns_a_clean_copy():
    raw = {"width": 600, "height": 200, "strokes": [[(0, 0, 0), [600, 200, 0]]], "extra": 1}
    clean = validate(raw)
    assert clean == {"width": 600, "height": 200, "strokes": [[[0, 0, 0], [600, 200, 0]]]}  # the edges are on the pad
    clean["strokes"][0][0][0] = 5
    assert raw["strokes"][0][0] == (0, 0, 0)


# --- image ----------------------------------------------------------------------------------

def test_svg_is_deterministic_and_hash_is_of_the_svg():
    copy = {"strokes": [[list(p) for p in s] for s in SIMPLE["strokes"]], "height": 200, "width": 600}
    assert to_svg(SIMPLE) == to_svg(copy)
    svg = to_svg(SIMPLE)
    assert svg.startswith("<svg") and svg.count("<polyline") == 1 and svg.count("<circle") == 1
    assert 'stroke-linecap="round"' in svg and 'viewBox="0 0 600 200"' in svg
    assert image_hash(SIMPLE) == hashlib.sha256(svg.encode("utf-8")).hexdigest()
    assert len(image_hash(SIMPLE)) == 64


def test_hash_changes_when_one_point_moves():
    moved = with_(strokes=[[[10, 20, 0], [31, 40, 15], [50, 45, 30]], [[100, 100, 200]]])
    assert image_hash(moved) != image_hash(SIMPLE)
    dot_moved = with_(strokes=[SIMPLE["strokes"][0], [[100, 101, 200]]])
    assert image_hash(dot_moved) != image_hash(SIMPLE)


def test_pen_width_follows_the_pad():
    big = {"width": 1200, "height": 400, "strokes": [[[20, 40, 0], [60, 80, 15]]]}
    assert 'stroke-width="3.16"' in to_svg(SIMPLE)
    assert 'stroke-width="6.32"' in to_svg(big)


# --- distance -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pair_of_writers():
    a, b = Writer(TEST_BASE + 901), Writer(TEST_BASE + 902)
    return a, b, a.sign("王建国", 1), a.sign("李秀英", 2), b.sign("王建国", 3)


def test_distance_to_itself_is_zero_and_symmetric(pair_of_writers):
    _, _, x, y, z = pair_of_writers
    assert distance(x, x) == 0.0
    assert distance(x, y) == distance(y, x) > 0
    assert distance(x, z) == distance(features(z), features(x))


def test_distance_ignores_pad_size_and_point_count(pair_of_writers):
    _, _, x, y, _ = pair_of_writers
    # The same path on a pad twice the size, with a point between every two the pad reported.
    dense = []
    for stroke in x["strokes"]:
        out = [[2 * stroke[0][0], 2 * stroke[0][1], stroke[0][2]]]
        for (x0, y0, t0), (x1, y1, t1) in zip(stroke, stroke[1:]):
            out += [[x0 + x1, y0 + y1, (t0 + t1) // 2], [2 * x1, 2 * y1, t1]]
        dense.append(out)
    big = {"width": 1200, "height": 400, "strokes": dense}
    assert distance(x, big) < 0.1 * distance(x, y)


def test_same_writer_different_names_closer_than_different_writers():
    same, other = [], []
    for i in range(8):
        w, v = Writer(TEST_BASE + 800 + i), Writer(TEST_BASE + 850 + i)
        own = w.sign(random_name(i), 0)
        same.append(distance(own, w.sign(random_name(100 + i), 1)))
        other.append(distance(own, v.sign(random_name(100 + i), 1)))
    assert sum(same) / len(same) < 0.9 * sum(other) / len(other)
    assert sum(s < o for s, o in zip(same, other)) >= 6


def test_a_dot_compares():
    dot = {"width": 600, "height": 200, "strokes": [[[5, 5, 0]]]}
    assert distance(dot, dot) == 0.0
    assert distance(dot, SIMPLE) > 0


def test_on_held_out_writers_few_false_alarms_and_the_same_name_found():
    """48 writers the threshold never saw. The threshold is chosen on real pen data (SVC2004
    users 1-20) for at most 2 % false alarms on different people; on the generator's writers it
    flags few different hands writing different names, and finds one hand writing one name again.
    One hand writing another name is found far less often (BENCHMARKS.md has the figure): the
    path of a new name is as unlike as another person's; the hand sample is there for that."""
    n = 48
    names = [random_name(TEST_BASE + i) for i in range(n)]
    sigs = []
    for i in range(n):
        w = Writer(TEST_BASE + i)
        sigs += [(i, names[i], features(w.sign(names[i], k))) for k in (0, 1)]
        sigs += [(i, names[j % n], features(w.sign(names[j % n], 10 + j))) for j in (i + 1, i + 5)]
    same_name, other_name, different = [], [], []
    for a, b in itertools.combinations(sigs, 2):
        if a[0] == b[0]:
            (same_name if a[1] == b[1] else other_name).append((a[2], b[2]))
        elif a[1] != b[1]:
            different.append((a[2], b[2]))
    different = random.Random(TEST_BASE).sample(different, 2 * len(other_name))
    false_alarms = sum(same_hand(a, b) for a, b in different) / len(different)
    recall_same_name = sum(same_hand(a, b) for a, b in same_name) / len(same_name)
    assert false_alarms <= 0.02 and recall_same_name >= 0.9, (false_alarms, recall_same_name)
    median = lambda pairs: statistics.median(distance(a, b) for a, b in pairs)  # noqa: E731
    assert median(other_name) < median(different)


def test_same_hand_uses_the_threshold(pair_of_writers):
    _, _, x, y, _ = pair_of_writers
    assert same_hand(x, x)
    assert same_hand(x, y) == (distance(x, y) <= SAME_HAND_THRESHOLD)


# --- generator ------------------------------------------------------------------------------

def test_generator_is_deterministic():
    assert Writer(3).sign("张伟", 7) == Writer(3).sign("张伟", 7)
    assert Writer(3).sign("张伟", 7) != Writer(3).sign("张伟", 8)
    assert Writer(3).sign("张伟", 7) != Writer(4).sign("张伟", 7)
    assert random_name(5) == random_name(5)


def test_generator_leaves_global_random_alone():
    random.seed(123)
    state = random.getstate()
    Writer(11).sign(random_name(11), 2)
    assert random.getstate() == state


def test_generator_rejects_an_empty_name():
    with pytest.raises(ValueError):
        Writer(1).sign("  ", 0)


@settings(max_examples=40, deadline=None)
@given(seed=st.integers(0, 2**32), rng_seed=st.integers(0, 2**32),
       text=st.text(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=6))
def test_generator_output_is_valid(seed, rng_seed, text):
    data = Writer(seed).sign(text, rng_seed)
    assert validate(data) == data
    assert data["strokes"][0][0][2] == 0
    assert 20 <= sum(len(s) for s in data["strokes"]) <= signature.MAX_POINTS


def test_generator_handles_mixed_text():
    data = Writer(9).sign("欧阳 Na 娜", 1)
    assert validate(data) == data


def test_outlines_too_unlike_are_not_compared():
    from app.core.signature import plausible
    assert plausible((10, 3000), (14, 5000)) and not plausible((3, 1000), (12, 9000))
    one = {"width": 600, "height": 200, "strokes": [[[10, 10, 0], [50, 60, 400]]]}
    many = {"width": 600, "height": 200, "strokes": [[[10 + 30 * k, 10, 100 * k], [30 + 30 * k, 60, 100 * k + 50]]
                                                     for k in range(12)]}
    assert distance(one, many) == float("inf") and not same_hand(one, many)
