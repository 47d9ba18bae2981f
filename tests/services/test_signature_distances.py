"""The handwriting distances kept at signing: a form signed through the service keeps every
distance the same-hand rules will read for it, so `check` compares nothing; and the findings
from kept distances are those of comparing afresh."""
from datetime import date

from app.core import handwriting, signature
from app.services import forms
from app.services.checks import remember_all_distances, run_checks

TODAY = date(2026, 11, 22)
ZHAO, QIAN = handwriting.Writer(11), handwriting.Writer(12)


def earlier_form(store, hid, name, writer, on, seed):
    """A form of another investigator, as a sync brings it (written by the records layer)."""
    inst = store.records.insert("form_instances", {
        "form_id": "visit_record", "form_version": "1", "household_id": hid, "state": "signed",
        "answers": {}, "investigator": name, "filled_on": on})
    strokes = writer.sign(name, seed)
    store.records.insert("form_signatures", {"instance_id": inst["id"], "role": "investigator", "signer_name": name,
                                             "strokes": strokes, "image_hash": signature.image_hash(strokes)})


def visit_form(store, hid, on, household_strokes, seed):
    answers = {"visit_date": on, "mode": "home", "met_person": "户主", "findings": "情况稳定",
               "food_clothing_ok": "yes", "education_ok": "yes", "medical_ok": "yes", "housing_ok": "yes",
               "water_ok": "yes", "income_changed": "no", "new_rigid_expense": "no", "risks_seen": []}
    inst = forms.fill(store, "visit_record", hid, answers, filled_on=on, today=TODAY)
    own = handwriting.Writer(10).sign(store.user["name"], seed)
    return forms.sign(store, inst["id"], {"investigator": own, "household": household_strokes}, today=TODAY)


def kept(store) -> int:
    return store.conn.execute("SELECT count(*) FROM signature_distances").fetchone()[0]


def test_signing_keeps_what_the_check_reads_and_the_findings_match_a_fresh_comparison(store, hh):
    homes = [hh.household(n, number=f"00{k}") for k, n in enumerate(("张三", "李四", "王五", "赵六"))]
    for k in range(4):
        earlier_form(store, homes[k]["id"], "赵强", ZHAO, f"2026-09-0{k + 1}", k)
        earlier_form(store, homes[k]["id"], "钱刚", QIAN, f"2026-09-1{k + 1}", k)
        earlier_form(store, homes[k]["id"], store.user["name"], handwriting.Writer(10), f"2026-09-2{k + 1}", 20 + k)
    lines = [handwriting.Writer(20).sign("张三", 1), ZHAO.sign("李四", 2),  # 李四's line in 赵强's hand
             handwriting.Writer(21).sign("王五", 3), handwriting.Writer(10).sign(store.user["name"], 4)]
    for k, (home, line) in enumerate(zip(homes, lines)):
        visit_form(store, home["id"], f"2026-10-0{k + 1}", line, 40 + k)
    stored = kept(store)
    assert stored > 4  # more than each form's own pair: the investigators' samples of earlier forms

    with_kept = run_checks(store, today=TODAY, rules=["signature"])
    assert kept(store) == stored  # the check compared nothing: signing kept every distance it reads
    store.conn.execute("DELETE FROM signature_distances")
    fresh = run_checks(store, today=TODAY, rules=["signature"])
    assert fresh == with_kept and kept(store) == stored
    assert homes[3]["id"] in {f.household_id for f in with_kept}  # signed in the investigator's own hand


def test_a_campaigns_first_forms_are_judged_and_the_check_keeps_what_later_forms_changed(store, hh):
    """No form of anyone before: each line is judged against the investigators' earliest
    forms, which the forms signed after it complete; the check compares those pairs once."""
    homes = [hh.household(n, number=f"00{k}") for k, n in enumerate(("张三", "李四", "王五", "赵六", "钱七"))]
    lines = [handwriting.Writer(20 + k).sign(home["head_name"], k) for k, home in enumerate(homes)]
    lines[1] = handwriting.Writer(10).sign(homes[1]["head_name"], 50)  # 李四's line in the investigator's hand
    for k, (home, line) in enumerate(zip(homes, lines)):
        visit_form(store, home["id"], "2026-10-01", line, 40 + k)
    at_signing = kept(store)
    found = run_checks(store, today=TODAY, rules=["signature"])
    compared = kept(store) - at_signing
    assert compared > 0 and run_checks(store, today=TODAY, rules=["signature"]) == found
    assert kept(store) == at_signing + compared  # kept: the second check compared nothing
    store.conn.execute("DELETE FROM signature_distances")
    assert remember_all_distances(store) == at_signing + compared


def test_backfill_keeps_every_distance_once(store, hh):
    homes = [hh.household(n, number=f"00{k}") for k, n in enumerate(("张三", "李四"))]
    for k, home in enumerate(homes):
        earlier_form(store, home["id"], "赵强", ZHAO, f"2026-09-0{k + 1}", k)
        visit_form(store, home["id"], f"2026-10-0{k + 1}", handwriting.Writer(30 + k).sign("户主", k), k)
    # A form of the investigator's own from September arrives (as by sync) after both were
    # signed: the pairs it adds were not known at signing, and the first check (or the
    # backfill) compares them.
    earlier_form(store, homes[0]["id"], store.user["name"], handwriting.Writer(10), "2026-09-15", 9)
    at_signing = kept(store)
    added = remember_all_distances(store)
    assert added >= 1 and kept(store) == at_signing + added
    store.conn.execute("DELETE FROM signature_distances")
    seen = []
    assert remember_all_distances(store, progress=seen.append) == at_signing + added
    assert remember_all_distances(store) == 0
    assert kept(store) == at_signing + added


def test_signatures_that_arrive_by_sync_are_compared_on_arrival(store, hh):
    from app.services.signature_distances import remember_arrived
    home = hh.household("张三", number="001")
    earlier_form(store, home["id"], "赵强", ZHAO, "2026-09-01", 1)
    inst = store.records.insert("form_instances", {
        "form_id": "visit_record", "form_version": "1", "household_id": home["id"], "state": "signed",
        "answers": {}, "investigator": "赵强", "filled_on": "2026-10-01"})
    ids = [store.records.insert("form_signatures", {
        "instance_id": inst["id"], "role": role, "signer_name": name, "strokes": strokes,
        "image_hash": signature.image_hash(strokes)})["id"]
        for role, name, strokes in (("investigator", "赵强", ZHAO.sign("赵强", 5)),
                                    ("household", "张三", handwriting.Writer(40).sign("张三", 1)))]
    assert remember_arrived(store, ids, most=0) == 0  # too many forms at once: left to the check
    made = remember_arrived(store, ids)
    assert made == kept(store) >= 2  # the form's own pair and 赵强's earlier form
    assert remember_all_distances(store) == 0
