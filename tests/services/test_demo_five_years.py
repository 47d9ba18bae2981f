"""The five-year village of the benchmarks: five years of visits at the policy's pace, and a
signed information form from most households each autumn that `form verify` accepts."""
from __future__ import annotations

import random
from collections import Counter
from datetime import date

import pytest

from app.core import signature
from app.core.handwriting import Writer
from app.demo import build as demo
from app.demo.annual_forms import autumns, vary
from app.demo.plan import FIVE_YEARS, build_village_plan
from app.services import forms
from app.storage.store import Store

from tests.support.stores import FAST_KDF

TODAY = date(2026, 11, 20)


def _months(plan) -> set[str]:
    return {v["date"][:7] for h in plan["households"] for v in h["visits"]}


def test_years_span_the_visits_prompts_and_attendance():
    two = build_village_plan(120, seed=4, today=TODAY)
    five = build_village_plan(120, seed=4, today=TODAY, years=5)
    assert min(_months(two)) == "2024-11" and max(_months(two)) == "2026-10"
    assert min(_months(five)) == "2021-11" and max(_months(five)) == "2026-10"
    assert len(five["prompts"]) == 60 and five["prompts"][-1]["month"] == "2026-11"
    assert Counter(a["person"] for a in five["attendance"]) == {t["name"]: 60 for t in five["team"]}
    # the same households either way: the span changes only what is drawn after them
    assert [h["members"][0]["name"] for h in two["households"][:1]] == \
        [h["members"][0]["name"] for h in five["households"][:1]]


def test_policy_pace_keeps_every_required_contact_and_drops_most_extras():
    busy = build_village_plan(300, seed=2, today=TODAY, years=5)
    lean = build_village_plan(300, seed=2, today=TODAY, **FIVE_YEARS)
    n_busy = sum(len(h["visits"]) for h in busy["households"])
    n_lean = sum(len(h["visits"]) for h in lean["households"])
    assert n_lean < 0.6 * n_busy
    # DOMAIN §10: about 200,000 visits in five years of 6,000 households, 33 a household
    assert 25 <= n_lean / 300 <= 45
    for h in lean["households"]:
        if h["category"] == "lifted" and h["residence"] == "at_home":
            home_months = {v["date"][:7] for v in h["visits"] if v["mode"] == "home"}
            assert len(home_months) >= 45, h["key"]  # a home visit nearly every month (a few missed)


def test_autumns_end_before_today():
    assert autumns(date(2026, 11, 20), 2) == [(date(2025, 9, 10).toordinal(), date(2025, 11, 30).toordinal()),
                                               (date(2026, 9, 10).toordinal(), date(2026, 11, 19).toordinal())]
    assert autumns(date(2026, 3, 1), 1) == [(date(2025, 9, 10).toordinal(), date(2025, 11, 30).toordinal())]


def test_a_varied_signature_is_valid_and_the_same_hand():
    hand = Writer(7)
    base = hand.sign("王建国", 1)
    other = vary(base, random.Random(3))
    assert signature.validate(other) == other
    assert other != base
    assert signature.distance(base, other) < signature.SAME_HAND_THRESHOLD
    assert signature.distance(base, Writer(8).sign("李秀英", 1)) > signature.distance(base, other)


@pytest.fixture(scope="module")
def village(tmp_path_factory):
    folder = tmp_path_factory.mktemp("five") / "v"
    info = demo.build_demo(folder, "demo1234", 40, seed=2, today=TODAY, kdf_params=FAST_KDF, annual_forms=True,
                           **FIVE_YEARS)
    return folder, info


def test_most_households_sign_each_autumn_and_every_form_verifies(village):
    folder, info = village
    with Store.open(folder, "demo1234") as store:
        rows = store.query("SELECT household_id, substr(filled_on, 1, 4) AS year, investigator FROM form_instances"
                           " WHERE state = 'signed' AND deleted = 0")
        team = {r["name"] for r in store.query("SELECT DISTINCT signer_name AS name FROM form_signatures"
                                               " WHERE role = 'investigator'")}
        result = forms.verify(store)
    assert info["forms"] == len(rows) == result["checked"]
    assert result["ok"], [f["problems"] for f in result["forms"] if not f["ok"]][:3]
    per_year = Counter(r["year"] for r in rows)
    assert sorted(per_year) == ["2022", "2023", "2024", "2025", "2026"]
    assert all(0.45 * 40 <= c <= 0.9 * 40 for c in per_year.values()), per_year
    assert len({(r["household_id"], r["year"]) for r in rows}) == len(rows)  # one form a household a year
    assert len(team) >= 2 and {r["investigator"] for r in rows} == team


def test_the_same_seed_signs_the_same_forms(tmp_path):
    def signed(folder):
        demo.build_demo(folder, "demo1234", 8, seed=5, today=TODAY, kdf_params=FAST_KDF, annual_forms=True,
                        years=2, extra_visits=0.15)
        with Store.open(folder, "demo1234") as store:
            return sorted(store.conn.execute(
                "SELECT h.number, f.filled_on, f.investigator, f.signed_at, s.role, s.image_hash FROM form_instances f"
                " JOIN households h ON h.id = f.household_id JOIN form_signatures s ON s.instance_id = f.id"
            ).fetchall())
    first = signed(tmp_path / "a")
    assert first and first == signed(tmp_path / "b")
