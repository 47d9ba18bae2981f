"""`check` reads the store in a few set-based passes (forms and signatures once each, visits
filtered by the table's own scan, kept handwriting pairs split by the threshold in SQL): its
findings must be those of the rules applied record by record, the plain way. Compared on a
five-year demo village with signed forms and a few planted problems."""
from datetime import date

import pytest

from app.core import handwriting, quality, signature
from app.demo import build as demo
from app.demo.plan import FIVE_YEARS
from app.services import duty_checks, forms
from app.services.checks import run_checks
from app.services.signature_distances import live_signatures, stored_distances
from app.storage.store import Store
from tests.support.stores import FAST_KDF

TODAY = date(2026, 11, 20)
LIVE = ("x.deleted = 0 AND NOT EXISTS (SELECT 1 FROM {t} n WHERE n.supersedes = x.id AND n.deleted = 0)"
        " AND (x.household_id IS NULL OR x.household_id IN (SELECT id FROM households WHERE deleted = 0))")


def plant(store) -> None:
    """Forms and visits the rules fire on, and a new investigator whose first forms share a day,
    one household line of them signed as he signs."""
    homes = [r[0] for r in store.conn.execute("SELECT id FROM households WHERE deleted = 0 ORDER BY number LIMIT 6")]
    for k, (investigator, on) in enumerate((("\u3000", "2026-10-01"), ("王芳", None), ("王芳", "2026-12-01"),
                                            (" 王芳", "2026-10-02"))):
        store.records.insert("form_instances", {"form_id": "household_info", "form_version": "1",
                                                "household_id": homes[k], "state": "complete", "answers": {},
                                                "investigator": investigator, "filled_on": on})
    store.records.insert("visits", {"household_id": homes[0], "visitor": " ", "visit_date": "2026-10-01",
                                    "mode": "home", "findings": "入户"})
    hand = handwriting.Writer(77)
    for k, hid in enumerate(homes):
        form = store.records.insert("form_instances", {
            "form_id": "household_info", "form_version": "1", "household_id": hid, "state": "signed",
            "answers": {}, "investigator": "赵测", "filled_on": "2022-09-01"})
        line = hand.sign("赵测", 50) if k == 2 else handwriting.Writer(300 + k).sign(f"户{k}", k)
        for role, name, strokes in (("investigator", "赵测", hand.sign("赵测", k)), ("household", f"户{k}", line)):
            store.records.insert("form_signatures", {"instance_id": form["id"], "role": role, "signer_name": name,
                                                     "strokes": strokes, "image_hash": signature.image_hash(strokes)})


@pytest.fixture(scope="module")
def village(tmp_path_factory):
    folder = tmp_path_factory.mktemp("same") / "v"
    demo.build_demo(folder, "demo1234", 30, seed=4, today=TODAY, kdf_params=FAST_KDF, annual_forms=True,
                    **FIVE_YEARS)
    with Store.open(folder, "demo1234") as store:
        plant(store)
    return folder


def plain_findings(store) -> list[quality.Finding]:
    """The form, visit and handwriting rules record by record, every live record read."""
    households = {r["id"]: r for r in store.query("SELECT id, head_name, number FROM households WHERE deleted = 0")}
    titles = {f["id"]: f["title"] for f in forms.list_forms(store, all_versions=True)}
    out = []
    for form in store.query("SELECT x.id, x.household_id, x.form_id, x.investigator, x.filled_on FROM"
                            f" form_instances x WHERE {LIVE.format(t='form_instances')}"):
        out += quality.form_findings(households.get(form["household_id"]), dict(form, title=titles.get(form["form_id"])),
                                     TODAY)
    for visit in store.query(f"SELECT x.id, x.household_id, x.visitor, x.visit_date FROM visits x"
                             f" WHERE {LIVE.format(t='visits')}"):
        out += quality.visit_findings(households.get(visit["household_id"]), visit, TODAY)
    kept = stored_distances(store, signature)

    def same_hand(a, b) -> bool:
        key = (min(a.id, b.id), max(a.id, b.id))
        d = kept[key] if key in kept else signature.distance(a.data, b.data)
        return d <= signature.SAME_HAND_THRESHOLD

    def strokes(sid):
        return lambda: store.conn.execute("SELECT strokes FROM form_signatures WHERE id = ?", [sid]).fetchone()[0]
    out += quality.signature_findings(live_signatures(store, strokes), households, same_hand)
    return out


def key(f: quality.Finding) -> tuple:
    # A handwriting finding's message ends with its evidence (distance, reference): the finding is what it names.
    return f.rule, f.household_id, f.field, f.record, f.message.split("。")[0]


def test_the_set_based_check_finds_what_the_rules_find_record_by_record(village):
    with Store.open(village, "demo1234") as store:
        found = run_checks(store, today=TODAY, rules=["form", "visit", "signature"])
        plain = plain_findings(store)
        assert sorted(map(key, found)) == sorted(map(key, plain))
        rules = {f.rule for f in found}
        assert {"form.no_investigator", "form.no_date", "form.future_date", "visit.no_visitor"} <= rules
        assert any(f.rule.startswith("signature.") and "户2" in f.message for f in found)  # the first day's line
        assert all("阈值" in f.message for f in found if f.rule.startswith("signature."))
        assert run_checks(store, today=TODAY, rules=["form", "visit", "signature"]) == found


def test_the_income_duties_judge_the_assessments_check_read_as_they_read_them_alone(village):
    rules = ["income.sharp_drop", "income.check_missing"]
    with Store.open(village, "demo1234") as store:
        households = {r["id"]: r for r in store.query(
            "SELECT id, head_name, number, category FROM households WHERE deleted = 0")}
        alone = duty_checks.duty_findings(store, households, TODAY, rules)
        assert alone and sorted(map(key, run_checks(store, today=TODAY, rules=rules))) == sorted(map(key, alone))
