"""Handwriting distances of signed forms that come down from the county (app/services/sync/
inbound.py): a laptop's first pull of the village (a restore) leaves them to the next check;
a later pull compares and keeps those of the forms it brings, as signing keeps them."""
from __future__ import annotations

from datetime import date

import pytest

from app.core import handwriting
from app.services import forms, sync
from app.services.checks import remember_all_distances

from tests.support.stores import add_household

from .down_support import laptops

TODAY = date(2026, 11, 22)


def signed_form(store, hid: str, on: str, seed: int) -> None:
    """A visit-record form filled and signed through the service, by the laptop's user and the household."""
    answers = {"visit_date": on, "mode": "home", "met_person": "户主", "findings": "情况稳定",
               "food_clothing_ok": "yes", "education_ok": "yes", "medical_ok": "yes", "housing_ok": "yes",
               "water_ok": "yes", "income_changed": "no", "new_rigid_expense": "no", "risks_seen": []}
    inst = forms.fill(store, "visit_record", hid, answers, filled_on=on, today=TODAY)
    forms.sign(store, inst["id"], {"investigator": handwriting.Writer(10).sign(store.user["name"], seed),
                                   "household": handwriting.Writer(40).sign("张三", seed)}, today=TODAY)


def kept(store) -> int:
    return store.conn.execute("SELECT count(*) FROM signature_distances").fetchone()[0]


@pytest.fixture
def village(store, tmp_path, engine):
    transport, others = laptops(store, tmp_path, engine)
    other = others[0]
    home = add_household(store, "张三")
    for k in range(3):
        signed_form(store, home["id"], f"2026-09-0{k + 1}", k)
    sent = sync.sync(store, transport=transport)
    assert sent["rejected"] == 0, sent
    yield transport, store, other, home
    other.close()


def test_a_first_pull_leaves_distances_and_a_later_one_keeps_them(village):
    transport, a, b, home = village
    result = sync.sync(b, pull_only=True, transport=transport)
    assert result["records_skipped"] == []
    assert b.conn.execute("SELECT count(*) FROM form_signatures").fetchone()[0] == 6
    # Kept deflated on the receiving laptop as on the author's, and verifying there.
    assert b.conn.execute("SELECT count(*) FROM form_signatures WHERE typeof(strokes) = 'blob'").fetchone()[0] == 6
    assert forms.verify(b)["ok"] and b.verify_audit().ok
    assert kept(b) == 0                                # the restore: left to the next check
    signed_form(a, home["id"], "2026-10-01", 9)
    sync.sync(a, transport=transport)
    sync.sync(b, pull_only=True, transport=transport)
    assert kept(b) >= 2                                # the new form's own pair, and its investigator's earlier forms'
    arrived = kept(b)
    assert remember_all_distances(b) > 0               # the restore's forms, compared by the check
    assert kept(b) > arrived
