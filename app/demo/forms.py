"""Signed household information forms for the demo village, honest ones and a few fabricated.

Each form is filled from the household file, checked by the form's own rules, signed in
synthetic handwriting (the investigator in one hand, each head of household in their own)
and locked, through the same service as a real form. The fabrications are what auditors
found (DOMAIN §8), so the checks have something to find:
- the investigator signing for the household (the same hand on both lines);
- forms entered without investigator, or dated after today;
- several households with exactly the same income and expenses; visits without a visitor.
"""
from __future__ import annotations

import json
import random
import zlib
from datetime import date, timedelta

from app.core.handwriting import Writer
from app.services import forms
from app.storage.store import Store

SHARE = 5            # about one household in SHARE has a signed form
SAME_HAND = 3        # forms where the investigator also wrote the household's signature
NO_INVESTIGATOR = 2  # paper forms typed in without the investigator's name
FUTURE_DATED = 1


def _writer(name: str) -> Writer:
    return Writer(zlib.crc32(name.encode("utf-8")))


def answers_for(store: Store, form, household_id: str, today: date) -> dict:
    """What a visit would find, consistent with the household file."""
    answers = forms.prefill(store, form, household_id, today)
    secured = answers.get("water_secured", "yes")
    answers.pop("water_secured", None)
    for key in ("water_quantity_ok", "water_quality_ok", "water_access_ok", "water_reliable_ok"):
        answers[key] = secured
    answers.setdefault("housing_grade", "A")
    answers.update(education_ok="yes", medical_ok="yes")
    for row in answers.get("members", []):
        row.setdefault("m_medical_insurance", "yes")
    if answers.get("risk_types"):
        answers["risk_description"] = "入户核查发现的风险情况见走访记录"
    answers["income_explanation"] = "经入户核实，收入以务工和转移性收入为主"
    return answers


def seed_forms(store: Store, household_ids: list[str], seed: int, today: date) -> dict:
    form = forms.get_form(store, "household_info")
    rng = random.Random(seed * 7919 + 17)
    investigator = store.user["name"]
    hand = _writer(investigator)
    chosen = [hid for hid in household_ids if rng.randrange(SHARE) == 0]
    counts = {"signed": 0, "same_hand": 0, "no_investigator": 0, "future": 0, "skipped": 0}
    planted: dict[str, list[str]] = {"same_hand": [], "no_investigator": [], "future_date": []}
    for n, hid in enumerate(chosen):
        answers = answers_for(store, form, hid, today)
        day = today - timedelta(days=rng.randrange(1, 180))
        state = forms.check(store, form, hid, answers, day)
        if not state.complete:
            counts["skipped"] += 1  # the file breaks a rule the form enforces: no honest form to sign
            continue
        fields = {"form_id": form.form_id, "form_version": form.version, "household_id": hid,
                  "state": "complete", "answers": forms.portable_answers(state.values),
                  "investigator": investigator, "filled_on": day.isoformat()}
        if counts["no_investigator"] < NO_INVESTIGATOR and n % 97 == 11:
            store.records.insert("form_instances", {**fields, "investigator": None})
            counts["no_investigator"] += 1
            planted["no_investigator"].append(hid)
            continue
        if counts["future"] < FUTURE_DATED and n % 89 == 7:
            fields["filled_on"] = (today + timedelta(days=20)).isoformat()
            counts["future"] += 1
            planted["future_date"].append(hid)
        head = answers.get("head_name") or "户主"
        forged = counts["same_hand"] < SAME_HAND and n % 53 == 5
        with store.transaction():
            inst = store.records.insert("form_instances", fields)
            forms.sign(store, inst["id"], {
                "investigator": hand.sign(investigator, rng.randrange(1 << 30)),
                "household": (hand if forged else _writer(f"{head}{n}")).sign(head, rng.randrange(1 << 30)),
            }, today=today, update_file=False)
        counts["signed"] += 1
        counts["same_hand"] += forged
        if forged:
            planted["same_hand"].append(hid)
    counts["planted"] = planted
    return counts


COPIED_INCOMES = 3   # households whose income items were copied from another's
NO_VISITOR = 2


def seed_fabrications(store: Store, household_ids: list[str], seed: int, today: date) -> dict:
    """Records as a careless entry clerk leaves them, written through the records layer (the
    services refuse a visit without a visitor): the checks must find every one."""
    rng = random.Random(seed * 104729 + 3)
    with_income = [r["household_id"] for r in store.query(
        "SELECT DISTINCT household_id FROM income_assessments WHERE deleted = 0 ORDER BY household_id")]
    if len(with_income) < 2 * COPIED_INCOMES:
        return {"income_identical": [], "no_visitor": []}
    picks = rng.sample(with_income, 2 * COPIED_INCOMES)
    day = (today - timedelta(days=10)).isoformat()
    with store.transaction():
        for source, target in zip(picks[::2], picks[1::2]):
            row = store.query("SELECT * FROM income_assessments WHERE household_id = ? AND deleted = 0"
                              " ORDER BY assessed_on DESC LIMIT 1", [source])[0]
            size = store.conn.execute("SELECT count(*) FROM members WHERE household_id = ? AND deleted = 0",
                                      [target]).fetchone()[0] or 1
            store.records.insert("income_assessments", {
                "household_id": target, "assessed_on": day, "household_size": size,
                "items": json.loads(row["items"]), "net_fen": row["net_fen"],
                "per_capita_fen": row["net_fen"] // size, "baseline_fen": row["baseline_fen"]})
        blank = rng.sample(household_ids, NO_VISITOR)
        for hid in blank:
            store.records.insert("visits", {"household_id": hid, "visitor": "", "visit_date": day, "mode": "home",
                                            "findings": "入户了解家庭情况，无异常"})
    return {"income_identical": picks, "no_visitor": blank}
