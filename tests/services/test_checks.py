"""run_checks over a small store built through the services (and the records layer for what
validation refuses today: records entered before a rule existed, or synced from elsewhere)."""
from datetime import date

import pytest

from app.core import handwriting, signature
from app.services import cases, incomes, visits
from app.services.checks import run_checks

TODAY = date(2026, 11, 22)
ITEMS = {"wage": 2_400_000, "business": 500_000, "business_expense": 120_000, "pension": 0}


def rules_of(findings, household_id=None) -> list[str]:
    return sorted(f.rule for f in findings if household_id is None or f.household_id == household_id)


@pytest.fixture
def village(store, hh):
    zhang = hh.household("张三", category="lifted", number="001")
    li = hh.household("李四", number="002")
    wang = hh.household("王五", number="003")
    return {"zhang": zhang, "li": li, "wang": wang}


def test_a_clean_village_has_no_findings(store, village):
    for key in ("zhang", "li"):
        visits.add_visit(store, village[key]["id"], {"visit_date": "2026-11-01", "mode": "home",
                                                     "findings": "情况稳定"}, today=TODAY)
    assert run_checks(store, today=TODAY) == []


def test_copied_incomes_are_found_in_both_households(store, village):
    for key in ("zhang", "li"):
        incomes.add_income(store, village[key]["id"], "2026-10-01", ITEMS, today=TODAY)
    incomes.add_income(store, village["wang"]["id"], "2026-10-01", dict(ITEMS, wage=2_400_100), today=TODAY)
    found = [f for f in run_checks(store, today=TODAY) if f.rule == "income.identical"]
    assert sorted(f.household for f in found) == ["张三（001）", "李四（002）"]
    assert "李四（002）" in next(f for f in found if f.household_id == village["zhang"]["id"]).message
    # Only the latest assessment counts: a new one for 李四 ends the match.
    incomes.add_income(store, village["li"]["id"], "2026-11-01", dict(ITEMS, wage=1_800_000), today=TODAY)
    assert "income.identical" not in rules_of(run_checks(store, today=TODAY))


def test_visits_without_visitor_or_in_the_future_and_corrections(store, village):
    hid = village["zhang"]["id"]
    blank = store.records.insert("visits", {"household_id": hid, "visitor": "", "visit_date": "2026-10-01",
                                            "mode": "home", "findings": "入户"})
    store.records.insert("visits", {"household_id": hid, "visitor": "王芳", "visit_date": "2026-12-24",
                                    "mode": "phone", "findings": "电话"})
    found = run_checks(store, today=TODAY, rules=["visit"])
    assert rules_of(found) == ["visit.future_date", "visit.no_visitor"]
    assert next(f for f in found if f.rule == "visit.no_visitor").record == ("visits", blank["id"])
    # A live correction replaces the blank visit; a tombstoned visit is gone.
    visits.correct_visit(store, blank["id"], {"visitor": "王芳"}, "补写走访人", today=TODAY)
    future = store.conn.execute("SELECT id FROM visits WHERE visit_date = '2026-12-24'").fetchone()[0]
    store.records.delete("visits", future, "日期录错")
    assert run_checks(store, today=TODAY, rules=["visit"]) == []


def test_duplicate_id_numbers_and_mismatches(store, hh, village):
    number = hh.id_number("1980-01-01", "male")
    store.records.insert("members", {"household_id": village["li"]["id"], "name": "李甲", "relation": "son",
                                     "sex": "male", "birth_date": "1980-01-01", "id_number": number})
    store.records.insert("members", {"household_id": village["wang"]["id"], "name": "王甲", "relation": "son",
                                     "sex": "female", "birth_date": "1980-01-01", "id_number": number})
    found = run_checks(store, today=TODAY, rules=["member.id"])
    assert rules_of(found) == ["member.id_duplicate", "member.id_duplicate", "member.id_mismatch"]
    assert {f.household_id for f in found if f.rule == "member.id_duplicate"} == {village["li"]["id"],
                                                                                 village["wang"]["id"]}


def test_missed_deadlines_of_a_case(store, village):
    hid = village["li"]["id"]
    cases.open_case(store, hid, "2026-10-01", "王芳", {"risk_types": ["illness"]}, today=TODAY)
    [f] = run_checks(store, today=TODAY, rules=["case"])
    assert f.rule == "case.identify_deadline" and f.household_id == hid and "2026-10-16" in f.message
    assert run_checks(store, today=date(2026, 10, 10), rules=["case"]) == []


def test_monitored_household_without_measures_and_situation(store, hh):
    monitored = hh.household("赵六", category="monitored", monitoring_category="edge_at_risk",
                             pairing_cadre="刘干部")
    found = rules_of(run_checks(store, today=TODAY), monitored["id"])
    assert "case.no_measures" in found
    lifted = hh.household("钱七", category="lifted", housing_grade="D", can_fix_housing_alone=False)
    assert rules_of(run_checks(store, today=TODAY, rules=["situation"])) == ["situation.2"]
    assert run_checks(store, today=TODAY, household_id=lifted["id"])[0].rule == "situation.2"


def form(store, household_id, investigator="王芳", filled_on="2026-10-01", state="complete") -> dict:
    return store.records.insert("form_instances", {
        "form_id": "household_info", "form_version": "1", "household_id": household_id, "state": state,
        "answers": {}, "investigator": investigator, "filled_on": filled_on})


def test_forms_without_investigator_date_or_in_the_future(store, village):
    hid = village["zhang"]["id"]
    form(store, hid, investigator=None)
    form(store, hid, filled_on=None)
    old = form(store, hid, filled_on="2027-01-01")
    assert rules_of(run_checks(store, today=TODAY, rules=["form"])) == ["form.future_date", "form.no_date",
                                                                      "form.no_investigator"]
    # An amendment that supersedes the future-dated form replaces it.
    store.records.insert("form_instances", {"form_id": "household_info", "form_version": "1", "household_id": hid,
                                            "state": "complete", "answers": {}, "investigator": "王芳",
                                            "filled_on": "2026-10-02", "supersedes": old["id"]})
    assert "form.future_date" not in rules_of(run_checks(store, today=TODAY, rules=["form"]))


def test_household_signature_in_the_investigators_hand(store, village):
    investigator = handwriting.Writer(1).sign("王芳", 1)
    # 张三 signs in a hand clearly not the investigator's (how well hands are told apart is
    # test_signature's business); 李四's line was written by the investigator.
    honest = next(s for s in (handwriting.Writer(k).sign("张三", k) for k in range(2, 60))
                  if signature.distance(s, investigator) > signature.SAME_HAND_THRESHOLD + 0.2)
    forged = handwriting.Writer(1).sign("王芳", 7)  # the investigator signed the household's line as he signs
    assert signature.same_hand(forged, investigator)
    for key, household_strokes in (("zhang", honest), ("li", forged)):
        inst = form(store, village[key]["id"], state="signed")
        for role, name, strokes in (("investigator", "王芳", investigator), ("household", key, household_strokes)):
            store.records.insert("form_signatures", {"instance_id": inst["id"], "role": role, "signer_name": name,
                                                     "strokes": strokes, "image_hash": signature.image_hash(strokes)})
    found = run_checks(store, today=TODAY, rules=["signature"])
    assert [(f.rule, f.household_id) for f in found if f.rule == "signature.same_hand"] == [
        ("signature.same_hand", village["li"]["id"])]


def test_filters_and_order(store, village):
    store.records.insert("visits", {"household_id": village["li"]["id"], "visitor": "", "visit_date": "2026-10-01",
                                    "mode": "home", "findings": "入户"})
    store.records.insert("members", {"household_id": village["wang"]["id"], "name": "王小", "relation": "son",
                                     "sex": "male", "birth_date": "2015-01-01", "school_status": "none",
                                     "labour": "none"})
    found = run_checks(store, today=TODAY)
    assert [f.severity for f in found] == sorted((f.severity for f in found), key=["error", "warning", "review"].index)
    assert found[0].rule == "visit.no_visitor"
    only = run_checks(store, today=TODAY, household_id=village["wang"]["id"])
    assert {f.household_id for f in only} == {village["wang"]["id"]} and rules_of(only) == ["member.school_age"]
    assert run_checks(store, today=TODAY, rules=["income"]) == []


def test_records_of_a_deleted_household_are_not_checked(store, village):
    hid = village["wang"]["id"]
    store.records.insert("visits", {"household_id": hid, "visitor": "", "visit_date": "2026-10-01",
                                    "mode": "home", "findings": "入户"})
    form(store, hid, investigator=None)
    assert rules_of(run_checks(store, today=TODAY)) == ["form.no_investigator", "visit.no_visitor"]
    store.records.delete("households", hid, "重复建档")
    assert run_checks(store, today=TODAY) == []


def test_distances_from_an_older_comparison_are_recomputed(store, village):
    from app.core import handwriting, signature
    from app.services.checks import stored_distances
    investigator = handwriting.Writer(1).sign("王芳", 1)
    inst = form(store, village["li"]["id"], state="signed")
    ids = [store.records.insert("form_signatures", {
        "instance_id": inst["id"], "role": role, "signer_name": name, "strokes": investigator,
        "image_hash": signature.image_hash(investigator)})["id"] for role, name in (("investigator", "王芳"),
                                                                                ("household", "李四"))]
    run_checks(store, today=TODAY, rules=["signature"])
    assert stored_distances(store, signature) == {tuple(sorted(ids)): 0.0}
    # An older version's distance, far apart: it must not hide the same hand.
    store.conn.execute("UPDATE signature_distances SET distance = 99")
    store.conn.execute("UPDATE meta SET value = 'older' WHERE key = 'signature_distance_version'")
    found = run_checks(store, today=TODAY, rules=["signature"])
    assert [f.rule for f in found] == ["signature.same_hand"]
