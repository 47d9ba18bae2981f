"""area(), distance(), randomize() and weighted-checklist() against JavaRosa's own test values
(getodk/javarosa: GeoUtilsTest, GeoAreaTest, GeoDistanceTest, FisherYatesExamplesTest), so that a
form computes here what it computes in ODK Collect."""
from __future__ import annotations

import math
from datetime import date
from decimal import Decimal

import pytest

from app.core.forms.definition import load_rows
from app.core.forms.engine import evaluate
from app.core.forms.expr import Context, Nodeset, parse
from app.core.forms.shuffle import shuffle

TODAY = date(2026, 11, 20)
# JavaRosa's GeoUtilsTest path 1 (mapdevelopers.com/area_finder.php): 151,452 m², 1,801 m.
PATH1 = ["38.253094215699576 21.756382658677467 0 0", "38.25021274773806 21.756382658677467 0 0",
         "38.25007793942195 21.763892843919166 0 0", "38.25290886154963 21.763935759263404 0 0",
         "38.25146813817506 21.758421137528785 0 0"]
PATH2 = ["38.25304740874071 21.75644703234866", "38.25308110946615 21.763377860443143",
         "38.25078942453431 21.763399318115262", "38.25090738066984 21.756640151397733",
         "38.25197740258244 21.75892539347842"]
PATH3 = ["38.252845204059824 21.763313487426785", "38.25303055837213 21.755867675201443",
         "38.25072202094234 21.755803302185086", "38.25062091543717 21.76294870700076",
         "38.25183417221606 21.75692982997134"]
CIRCUMFERENCE = 2 * math.pi * 6_378_100   # JavaRosa's EARTH_EQUATORIAL_CIRCUMFERENCE_METERS


def ev(text: str, **values):
    return parse(text).evaluate(Context(values.__getitem__, TODAY))


@pytest.mark.parametrize("path,area,distance", [(PATH1, 151_452, 1_801), (PATH2, 122_755, 1_685),
                                                (PATH3, 93_912, 2_076)])
def test_area_and_distance_of_a_repeats_geopoints_as_javarosa(path, area, distance):
    assert abs(ev("area(${p})", p=Nodeset(path)) - area) <= Decimal("0.5")
    assert abs(ev("distance(${p})", p=Nodeset(path)) - distance) <= Decimal("0.5")


def test_area_and_distance_of_a_shape_text_and_of_concat():
    shape = "; ".join(PATH1) + ";"   # a geoshape as ODK stores it
    assert abs(ev("area(${s})", s=shape) - 151_452) <= Decimal("0.5")
    points = {f"p{i}": p for i, p in enumerate(PATH1, 1)}
    built = ev("distance(concat(${p1}, ';', ${p2}, ';', ${p3}, ';', ${p4}, ';', ${p5}))", **points)
    assert abs(built - 1_801) <= Decimal("0.5")


@pytest.mark.parametrize("text,expected", [
    ("distance('0 0; 0 1')", CIRCUMFERENCE / 360),            # one degree around the equator
    ("distance('0 0; 0 90')", CIRCUMFERENCE / 4),
    ("distance('0 1 0 0; 0 91 0 0;')", CIRCUMFERENCE / 4),    # GeoDistanceTest, a geotrace
    ("distance('0 1 0 0; 0 91 0 0; 0 1 0 0;')", CIRCUMFERENCE / 2),
    ("distance('90 0; 90 1')", 0),                            # a longitude step at the pole
])
def test_distance_round_the_earth_as_javarosa(text, expected):
    assert abs(float(ev(text)) - expected) < 1e-6


def test_area_under_three_points_is_zero_and_a_bad_point_is_empty():
    assert ev("area(${s})", s=PATH1[0] + ";") == 0
    assert ev("area(${s})", s=f"{PATH1[0]}; {PATH1[1]};") == 0
    assert ev("area('38.2 abc; 1 2; 3 4')") is None
    assert ev("distance('91 0; 0 0')") is None                # latitude beyond 90
    assert ev("distance(${p})", p=None) == 0


@pytest.mark.parametrize("items,seed,expected", [           # FisherYatesExamplesTest
    (list(range(10)), 33, [3, 5, 4, 8, 2, 0, 1, 6, 9, 7]),
    (list(range(10)), 42, [0, 5, 9, 1, 8, 4, 6, 3, 7, 2]),
    (list("ABCDEF"), 42, list("AFCBDE")),
    (list("ABCDEF"), -42, list("EDAFBC")),
    (list("ABCDEF"), 1, list("BFEACD")),
    (list("ABCDEF"), 11111111, list("ACDBFE")),
])
def test_a_seeded_shuffle_orders_as_javarosa(items, seed, expected):
    assert shuffle(items, seed) == expected


def test_randomize_in_an_expression():
    letters = Nodeset("ABCDEF")
    assert ev("join('', randomize(${l}, 42))", l=letters) == "AFCBDE"
    assert ev("join('', randomize(${l}, ${seed}))", l=letters, seed="42") == "AFCBDE"
    # RandomizeTest: the largest of a shuffled 1 … 6 is 6, seeded or not.
    assert ev("max(randomize(${n}, 42))", n=Nodeset([1, 2, 3, 4, 5, 6])) == 6
    assert ev("max(randomize(${n}))", n=Nodeset([1, 2, 3, 4, 5, 6])) == 6
    unseeded = ev("randomize(${l})", l=letters)
    assert sorted(unseeded) == list("ABCDEF")
    assert ev("randomize(${l}, 'abc')", l=letters) is None   # a seed that is not a number


@pytest.mark.parametrize("text,expected", [
    ("weighted-checklist(9, 9, ${a}, 2, ${b}, 7, ${c}, 3)", True),     # 2 + 7
    ("weighted-checklist(10, -1, ${a}, 2, ${b}, 7, ${c}, 3)", False),  # 9 < 10, no maximum
    ("weighted-checklist(-1, 9, ${a}, 2, ${b}, 7, ${c}, 3)", True),
    ("weighted-checklist(1, 2, ${c}, 3)", False),                      # nothing true: 0
    ("weighted-checklist(5, 5, ${flags}, ${weights})", True),          # a nodeset of each: 1 + 4
])
def test_weighted_checklist(text, expected):
    values = {"a": True, "b": "yes", "c": "", "flags": Nodeset(["x", "", "y"]), "weights": Nodeset([1, 2, 4])}
    assert ev(text, **values) is expected


def test_a_form_measures_a_field_walked_point_by_point():
    form = load_rows({"settings": {"form_id": "plot", "version": "1"}, "survey": [
        {"type": "begin repeat", "name": "corners"}, {"type": "geopoint", "name": "corner"}, {"type": "end repeat"},
        {"type": "calculate", "name": "area_m2", "calculation": "round(area(${corner}), 0)"},
        {"type": "calculate", "name": "mu", "calculation": "round(area(${corner}) * 3 div 2000, 1)"},
        {"type": "calculate", "name": "walk", "calculation": "round(distance(${corner}), 0)"},
    ]}, "plot.yaml")
    state = evaluate(form, {"corners": [{"corner": p} for p in PATH1]}, TODAY)
    assert state.complete, state.problems()
    assert state.values["area_m2"] == 151452 and state.values["walk"] == 1801
    assert str(state.values["mu"]) == "227.2"   # 亩: 666.67 m² each


def test_a_select_with_randomize_offers_its_choices_in_javarosas_seeded_order(tmp_path):
    from app.core.forms.engine import available_choices, initial_answers
    from app.core.forms.xlsform import read_xlsform
    path = tmp_path / "fruit.md"
    path.write_text("""
| survey |  |  |  |  |
|  | type | name | label | parameters |
|  | integer | s | Seed | |
|  | select_one fruits | by_question | Fruit | randomize=true seed=${s} |
|  | select_one fruits | fixed | Fruit | randomize=true seed=42 |
|  | select_one fruits | unseeded | Fruit | randomize=true |
|  | select_one fruits | plain | Fruit | |
| choices |  |  |  | |
|  | list_name | name | label | |
""" + "".join(f"|  | fruits | {c} | {c} | |\n" for c in "ABCDEF"), "utf-8")
    form = load_rows(read_xlsform(path), "fruit.md")

    def order(name, answers):
        return "".join(c.name for c in available_choices(form, form.by_name[name], answers, TODAY))

    answers = initial_answers(form, today=TODAY) | {"s": 42}
    assert order("fixed", answers) == order("by_question", answers) == "AFCBDE"
    assert order("by_question", answers | {"s": 1}) == "BFEACD"
    assert order("plain", answers) == "ABCDEF"
    unseeded = order("unseeded", answers)
    assert sorted(unseeded) == list("ABCDEF") and order("unseeded", answers | {"s": 7}) == unseeded
    state = evaluate(form, answers | {"fixed": "F"}, TODAY)
    assert state.values["fixed"] == "F" and not state.issues
