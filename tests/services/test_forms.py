"""Forms: prefill, fill, sign, lock, amend, verify, and the household file they update."""
from __future__ import annotations

import hashlib
import json
from datetime import date

import pytest

from app.core.errors import StateError, ValidationError
from app.services import forms, households, incomes
from app.storage import schema

TODAY = date(2026, 11, 20)


def strokes(seed: int, n: int = 30) -> dict:
    """A plain, valid signature: one wavy stroke whose shape depends on `seed`."""
    pts = [[10 + i * 15, 100 + ((i * seed) % 40) - 20, i * 16] for i in range(n)]
    return {"width": 600, "height": 200, "strokes": [pts]}


@pytest.fixture
def family(hh):
    return hh.household("李大山", [("李大山", "head", "1968-03-02", "male"),
                                  ("王秀英", "spouse", "1970-07-15", "female"),
                                  ("李小明", "son", "2012-09-01", "male", {"school_status": "primary",
                                                                          "labour": "none"})],
                        category="lifted", residence="at_home")


def complete_answers(store, household_id) -> dict:
    """The household file's answers plus what a visit finds out."""
    answers = forms.prefill(store, forms.get_form(store, "household_info"), household_id, TODAY)
    for row in answers["members"]:
        row.setdefault("m_medical_insurance", "yes")
    answers.update({"inc_wage": "36000", "inc_business": "5200.50", "inc_business_expense": "1200",
                    "education_ok": "yes", "medical_ok": "yes", "housing_grade": "B",
                    "water_quantity_ok": "yes", "water_quality_ok": "yes", "water_access_ok": "yes",
                    "water_reliable_ok": "yes", "has_supporter": "yes", "risk_types": []})
    return answers


def signed_form(store, household_id) -> dict:
    inst = forms.fill(store, "household_info", household_id, complete_answers(store, household_id), today=TODAY)
    return forms.sign(store, inst["id"], {"investigator": strokes(3), "household": strokes(7)}, today=TODAY)


def test_prefill_takes_the_household_file(store, family):
    answers = forms.prefill(store, forms.get_form(store, "household_info"), family["id"], TODAY)
    assert answers["head_name"] == "李大山" and answers["category"] == "lifted"
    assert [m["m_name"] for m in answers["members"]] == ["李大山", "王秀英", "李小明"]
    assert answers["members"][2]["m_school_status"] == "primary"
    assert answers["baseline"]  # the monitoring baseline for the year, in yuan


def test_prefill_answers_the_guarantees_the_file_knows(store, family):
    """The 三保障 and water questions start from the household file: all insured, the child in
    school, water secured; the house not yet graded stays unanswered, then follows its grade."""
    visit = forms.get_form(store, "visit_record")
    answers = forms.prefill(store, visit, family["id"], TODAY)
    assert (answers["education_ok"], answers["medical_ok"], answers["water_ok"]) == ("yes", "yes", "yes")
    assert "housing_ok" not in answers
    households.update_household(store, family["id"], {"housing_grade": "D"})
    son = households.members(store, family["id"])[2]
    households.update_member(store, son["id"], {"school_status": "dropped_out"})
    answers = forms.prefill(store, visit, family["id"], TODAY)
    assert (answers["housing_ok"], answers["education_ok"]) == ("no", "no")
    check = forms.prefill(store, forms.get_form(store, "risk_elimination_check"), family["id"], TODAY)
    assert (check["housing_ok"], check["medical_ok"]) == ("no", "yes")


def test_fill_lists_every_violation(store, family):
    answers = complete_answers(store, family["id"])
    answers["members"][0]["m_id_number"] = "430521196803020000"  # bad check digit
    answers["inc_wage"] = "-5"
    del answers["housing_grade"]
    with pytest.raises(forms.FormInvalid) as e:
        forms.fill(store, "household_info", family["id"], answers, today=TODAY)
    found = {(i.path, i.rule) for i in e.value.issues}
    assert ("members[1].m_id_number", "constraint") in found
    assert ("inc_wage", "constraint") in found
    assert ("housing_grade", "required") in found
    assert store.query("SELECT count(*) AS n FROM form_instances")[0]["n"] == 0


def test_read_only_answers_come_from_the_file_not_the_input(store, family):
    answers = complete_answers(store, family["id"]) | {"head_name": "冒名"}
    inst = forms.fill(store, "household_info", family["id"], answers, today=TODAY)
    assert inst["answers"]["head_name"] == "李大山"


def test_sign_locks_and_updates_the_household_file(store, family):
    inst = signed_form(store, family["id"])
    assert inst["state"] == "signed" and inst["signature"] and inst["content_hash"]
    income = incomes.list_incomes(store, family["id"])[0]
    assert income["source_form"] == inst["id"]
    assert income["items"]["wage"] == 3_600_000 and income["items"]["business"] == 520_050
    assert income["household_size"] == 3
    house = households.get_household(store, family["id"])
    assert house["housing_grade"] == "B" and house["water_secured"] == 1 and house["source_form"] == inst["id"]
    assert {m["source_form"] for m in households.members(store, family["id"])} == {inst["id"]}
    with pytest.raises(StateError):
        forms.update_answers(store, inst["id"], {}, today=TODAY)
    with pytest.raises(Exception, match="locked"):
        store.conn.execute("UPDATE form_instances SET answers = '{}' WHERE id = ?", [inst["id"]])
    assert forms.verify(store)["ok"]
    assert store.verify_audit().ok


def test_signing_needs_both_signatures_and_a_proxy_reason(store, family):
    inst = forms.fill(store, "household_info", family["id"], complete_answers(store, family["id"]), today=TODAY)
    with pytest.raises(ValidationError) as e:
        forms.sign(store, inst["id"], {"investigator": strokes(3)}, today=TODAY)
    assert e.value.field == "household_signature"
    with pytest.raises(ValidationError) as e:
        forms.sign(store, inst["id"], {"investigator": strokes(3),
                                       "household": {"strokes": strokes(5), "proxy": True, "proxy_name": "李小红"}})
    assert e.value.field == "proxy_reason"
    with pytest.raises(ValidationError):
        forms.sign(store, inst["id"], {"investigator": {"width": 600, "height": 200, "strokes": []},
                                       "household": strokes(5)})
    assert store.records.get("form_instances", inst["id"])["state"] == "complete"
    assert store.query("SELECT count(*) AS n FROM form_signatures")[0]["n"] == 0
    signed = forms.sign(store, inst["id"], {"investigator": strokes(3), "household": {
        "strokes": strokes(5), "proxy": True, "proxy_name": "李小红", "proxy_reason": "户主不识字"}}, today=TODAY)
    sig = next(s for s in forms.signatures_of(store, signed["id"]) if s["role"] == "household")
    assert sig["signer_name"] == "李小红" and sig["proxy"] == 1 and sig["proxy_reason"] == "户主不识字"


def _tamper(store, sql, params):
    store.conn.execute("DROP TRIGGER form_instances_locked")
    store.conn.execute(sql, params)


def test_verify_finds_changed_answers(store, family):
    inst = signed_form(store, family["id"])
    answers = dict(inst["answers"], inc_wage="9000")
    _tamper(store, "UPDATE form_instances SET answers = ? WHERE id = ?", [json.dumps(answers), inst["id"]])
    result = forms.verify(store)
    assert not result["ok"] and result["failed"] == 1
    assert "content does not match what was signed" in result["forms"][0]["problems"]


def test_verify_finds_changed_strokes_and_forged_signature(store, family):
    inst = signed_form(store, family["id"])
    sig = forms.signatures_of(store, inst["id"])[0]
    moved = dict(sig["strokes"])
    moved["strokes"] = [[[x + 1, y, t] for x, y, t in s] for s in moved["strokes"]]
    store.conn.execute("UPDATE form_signatures SET strokes = ? WHERE id = ?", [json.dumps(moved), sig["id"]])
    problems = forms.verify(store)["forms"][0]["problems"]
    assert any("strokes do not match" in p for p in problems)
    # A re-hashed image still fails: the hash was inside what the key signed.
    from app.core import signature
    store.conn.execute("UPDATE form_signatures SET image_hash = ? WHERE id = ?",
                       [signature.image_hash(moved), sig["id"]])
    assert "content does not match what was signed" in forms.verify(store)["forms"][0]["problems"]


def test_verify_finds_a_resigned_content_hash(store, family):
    inst = signed_form(store, family["id"])
    answers = dict(inst["answers"], inc_wage="1")
    fake = hashlib.sha256(b"x").hexdigest()
    _tamper(store, "UPDATE form_instances SET answers = ?, content_hash = ? WHERE id = ?",
            [json.dumps(answers), fake, inst["id"]])
    problems = forms.verify(store)["forms"][0]["problems"]
    assert "signature does not verify" in problems


def test_amendment_supersedes_and_says_why(store, family):
    inst = signed_form(store, family["id"])
    answers = dict(inst["answers"], inc_wage="40000")
    with pytest.raises(ValidationError):
        forms.amend(store, inst["id"], answers, reason=" ", today=TODAY)
    new = forms.amend(store, inst["id"], answers, reason="工资收入漏算一个月", today=TODAY)
    assert new["supersedes"] == inst["id"] and new["state"] == "complete"
    assert forms.current_version(store, inst["id"]) == new["id"]
    with pytest.raises(StateError):
        forms.amend(store, inst["id"], answers, reason="again", today=TODAY)
    forms.sign(store, new["id"], {"investigator": strokes(3), "household": strokes(7)}, today=TODAY)
    listed = {r["id"]: r for r in forms.list_instances(store, family["id"])}
    assert listed[inst["id"]]["superseded"] and not listed[new["id"]]["superseded"]
    assert store.records.get("form_instances", inst["id"])["state"] == "signed"  # the old one is kept
    assert incomes.list_incomes(store, family["id"])[0]["items"]["wage"] == 4_000_000


def test_drafts_stay_on_the_device(store, family):
    draft = forms.save_draft(store, "household_info", "2026.1", family["id"], {"inc_wage": "100"})
    again = forms.save_draft(store, "household_info", "2026.1", family["id"], {"inc_wage": "200"})
    assert draft == again
    assert forms.get_draft(store, draft)["answers"] == {"inc_wage": "200"}
    # Not a record: nothing in the audit log or the outbox, so it never syncs.
    assert "form_drafts" not in schema.RECORD_TABLES
    assert store.query("SELECT count(*) AS n FROM outbox WHERE tbl = 'form_drafts'")[0]["n"] == 0
    inst = forms.fill(store, "household_info", family["id"], complete_answers(store, family["id"]),
                      draft_id=draft, today=TODAY)
    assert inst["state"] == "complete" and forms.list_drafts(store) == []


def test_drafts_are_encrypted_at_rest(store, family):
    marker = "独特的草稿文字 draft-marker-7f3a9c"
    forms.save_draft(store, "household_info", "2026.1", family["id"], {"risk_description": marker})
    assert forms.list_drafts(store)[0]["answers"]["risk_description"] == marker
    store.conn.execute("PRAGMA wal_checkpoint(FULL)")
    raw = b"".join(p.read_bytes() for p in store.data_dir.iterdir() if p.is_file())
    assert marker.encode() not in raw and b"draft-marker-7f3a9c" not in raw


def test_import_xlsform(store, tmp_path, family):
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "survey"
    ws.append(["type", "name", "label::中文", "required", "relevant", "constraint", "constraint_message::中文"])
    ws.append(["integer", "pigs", "生猪存栏（头）", "yes", "", ". >= 0", "不能为负数"])
    ws.append(["select_one yn", "sold", "今年是否出栏", "yes", "", "", ""])
    ws.append(["integer", "sold_count", "出栏头数", "yes", "${sold} = 'y'", ". <= ${pigs}", "不能多于存栏"])
    ws.append(["signature", "inv_sig", "调查人签名", "", "", "", ""])
    ws.cell(row=5, column=8, value="role=investigator")
    ws.cell(row=1, column=8, value="parameters")
    c = wb.create_sheet("choices")
    c.append(["list_name", "name", "label::中文"])
    c.append(["yn", "y", "是"])
    c.append(["yn", "n", "否"])
    s = wb.create_sheet("settings")
    s.append(["form_id", "version", "form_title::中文"])
    s.append(["pig_survey", 3, "生猪养殖调查"])
    path = tmp_path / "pigs.xlsx"
    wb.save(path)
    result = forms.import_form(store, path)
    assert result["imported"] and result["id"] == "pig_survey" and result["version"] == "3"
    assert forms.import_form(store, path)["imported"] is False  # same version, same content: no change
    assert any(f["id"] == "pig_survey" for f in forms.list_forms(store))
    with pytest.raises(forms.FormInvalid) as e:
        forms.fill(store, "pig_survey", family["id"], {"pigs": 3, "sold": "y", "sold_count": 5}, today=TODAY)
    assert [(i.path, i.message) for i in e.value.issues] == [("sold_count", "不能多于存栏")]
    inst = forms.fill(store, "pig_survey", family["id"], {"pigs": 3, "sold": "n", "sold_count": 5}, today=TODAY)
    assert inst["answers"] == {"pigs": 3, "sold": "n"}  # a hidden answer is not kept
    signed = forms.sign(store, inst["id"], {"investigator": strokes(2)}, today=TODAY)
    assert signed["state"] == "signed" and forms.verify(store)["ok"]


def test_signed_visit_record_becomes_a_visit(store, family):
    answers = {"visit_date": "2026-11-18", "mode": "phone", "met_person": "王秀英", "findings": "在外务工，收入稳定",
               "food_clothing_ok": "yes", "education_ok": "yes", "medical_ok": "yes", "housing_ok": "yes",
               "water_ok": "yes", "income_changed": "no", "new_rigid_expense": "no", "risks_seen": []}
    inst = forms.fill(store, "visit_record", family["id"], answers, today=TODAY)
    # A phone call has no household signature line: the investigator's alone signs it.
    signed = forms.sign(store, inst["id"], {"investigator": strokes(4)}, today=TODAY)
    visit = store.query("SELECT * FROM visits WHERE household_id = ?", [family["id"]])[0]
    assert (visit["mode"], visit["visit_date"], visit["source_form"]) == ("phone", "2026-11-18", signed["id"])
    assert visit["visitor"] == "王芳"
    assert forms.verify(store)["ok"]


def test_verify_finds_changed_timing(store, family):
    inst = signed_form(store, family["id"])
    sig = forms.signatures_of(store, inst["id"])[1]
    slower = dict(sig["strokes"])
    slower["strokes"] = [[[x, y, t * 2] for x, y, t in s] for s in slower["strokes"]]
    store.conn.execute("UPDATE form_signatures SET strokes = ? WHERE id = ?", [json.dumps(slower), sig["id"]])
    assert "content does not match what was signed" in forms.verify(store)["forms"][0]["problems"]


def test_required_signatures_follow_the_answers_they_read(store):
    """The signatures a form requires are worked out once per form version and per value of the
    answers their relevance reads, and agree with evaluating the whole form."""
    from app.core.forms.engine import evaluate
    visit = forms.get_form(store, "visit_record")
    for mode in ("home", "phone", "home", "phone", None):
        inst = {"answers": {"mode": mode, "findings": f"第{mode}次"} if mode else {}, "filled_on": "2026-11-18"}
        relevant = evaluate(visit, inst["answers"], TODAY).relevant
        fresh = [q.role for q in visit.signatures() if relevant.get(q.name, True)]
        assert [q.role for q in forms.required_signatures(visit, inst)] == fresh
    assert [q.role for q in forms.required_signatures(visit, {"answers": {"mode": "phone"}})] == ["investigator"]
    info = forms.get_form(store, "household_info")
    assert [q.role for q in forms.required_signatures(info, {"answers": {}})] == ["investigator", "household"]


def test_verify_still_accepts_strokes_stored_in_another_json_layout(store, family):
    """Strokes whose stored text is not the canonical bytes (written by hand, another program)
    are checked the long way, and verify as before when their content is what was signed."""
    inst = signed_form(store, family["id"])
    sig = forms.signatures_of(store, inst["id"])[0]
    store.conn.execute("UPDATE form_signatures SET strokes = ? WHERE id = ?",
                       [json.dumps(sig["strokes"], indent=1), sig["id"]])
    result = forms.verify(store)
    assert result["ok"] and result["checked"] == 1
    assert forms.signatures_of(store, inst["id"])[0]["strokes"] == sig["strokes"]
