"""Each investigator's hand sample: kept signed in the store, used by the same-hand check across
different texts, named in the finding; a reviewer's verdict keeps a finding from coming back."""
from __future__ import annotations

import subprocess
from datetime import date

import pytest

from app.core import handwriting, signature
from app.core.errors import ValidationError
from app.services import checks, hand_samples, printing
from app.services.checks import run_checks

TODAY = date(2026, 11, 20)
INVESTIGATOR = handwriting.Writer(7_100_001)


def sheet(writer=INVESTIGATOR, texts=hand_samples.SHEET) -> list[dict]:
    return [{"text": t, "strokes": writer.sign(t, 50 + k)} for k, t in enumerate(texts)]


def signed_form(store, household_id: str, investigator: str, investigator_strokes, household_name: str,
                household_strokes) -> str:
    inst = store.records.insert("form_instances", {
        "form_id": "household_info", "form_version": "1", "household_id": household_id, "state": "signed",
        "answers": {}, "investigator": investigator, "filled_on": "2026-10-01"})
    ids = {}
    for role, name, strokes in (("investigator", investigator, investigator_strokes),
                                ("household", household_name, household_strokes)):
        ids[role] = store.records.insert("form_signatures", {
            "instance_id": inst["id"], "role": role, "signer_name": name, "strokes": strokes,
            "image_hash": signature.image_hash(strokes)})["id"]
    return ids["household"]


def test_a_sample_is_kept_signed_and_replaced(store):
    first = hand_samples.record(store, sheet(), today=TODAY)
    assert first["user_name"] == "王芳" and first["recorded_on"] == "2026-11-20"
    assert [i["text"] for i in first["items"]] == list(hand_samples.SHEET)
    assert hand_samples.verified(store, first)
    again = hand_samples.record(store, sheet()[:5], today=TODAY)
    assert again["id"] == first["id"] and again["revision"] == 2 and len(again["items"]) == 5
    assert list(hand_samples.samples_by_name(store)) == ["王芳"]
    # In the audit log and the outbox like every record: it goes to the county in the next batch.
    assert store.conn.execute("SELECT COUNT(*) FROM outbox WHERE tbl = 'hand_samples'").fetchone()[0] == 2
    assert store.verify_audit().ok


def test_a_tampered_sample_is_not_used(store):
    sample = hand_samples.record(store, sheet(), today=TODAY)
    items = sample["items"]
    items[0]["strokes"]["strokes"][0][0][0] += 1
    store.conn.execute("UPDATE hand_samples SET items = json(?) WHERE id = ?",
                       [__import__("json").dumps(items), sample["id"]])
    assert not hand_samples.verified(store, store.records.get("hand_samples", sample["id"]))
    assert hand_samples.samples_by_name(store) == {}


@pytest.mark.parametrize("items, field", [
    ("not a list", "items"),
    ([{"text": "", "strokes": INVESTIGATOR.sign("张三", 1)}], "items[0].text"),
    ([{"text": "张三", "strokes": {"width": 0}}], "items[0].strokes"),
    (sheet()[:4], "items"),
    (sheet()[:4] + [sheet()[0]], "items"),  # the same text twice counts once
])
def test_a_sheet_that_is_not_enough_names_the_item(store, items, field):
    with pytest.raises(ValidationError) as e:
        hand_samples.record(store, items, today=TODAY)
    assert e.value.field == field and str(e.value)


def test_the_check_uses_the_sample_and_says_so(store, hh):
    """A household line the investigator wrote is found by the sample; an honest head's
    signature is not; the finding names the reference it was judged by."""
    forged_home = hh.household("王建国")  # a name the sheet has: the hand wrote it for the sample too
    honest_home = hh.household("张三")
    own = INVESTIGATOR.sign("王芳", 1)
    forged = signed_form(store, forged_home["id"], "王芳", own, "王建国", INVESTIGATOR.sign("王建国", 9))
    sample_items = sheet()
    honest = next(s for s in (handwriting.Writer(7_100_100 + k).sign("张三", k) for k in range(40))
                  if signature.distance(s, own) > signature.SAME_HAND_THRESHOLD + 0.3
                  and min(signature.distance(s, i["strokes"]) for i in sample_items) > signature.SAMPLE_THRESHOLD + 0.2)
    signed_form(store, honest_home["id"], "王芳", own, "张三", honest)

    before = run_checks(store, today=TODAY, rules=["signature"])
    assert all("未录入笔迹样本" in f.message for f in before)

    hand_samples.record(store, sample_items, today=TODAY)
    found = run_checks(store, today=TODAY, rules=["signature"])
    assert [(f.rule, f.record[1]) for f in found] == [("signature.same_hand", forged)]
    assert "参照调查人王芳的笔迹样本“王建国”（样本8项不同字词，2026-11-20录入）" in found[0].message
    assert f"阈值{signature.SAMPLE_THRESHOLD:.2f}" in found[0].message and "误报率" in found[0].message

    e = checks.signature_evidence(store, found[0])
    assert e["reference"] == "sample" and e["distance"] <= e["threshold"] == signature.SAMPLE_THRESHOLD
    assert e["household"].id == forged and e["reference_strokes"] == sample_items[0]["strokes"]
    assert len(e["spread"]) == 8 * 7 // 2 and e["false_alarms"] == signature.MEASURED_SAMPLE_FALSE_ALARMS


def test_without_a_match_in_the_sample_the_forms_decide_and_the_finding_says_so(store, hh):
    """The investigator's own signature copied into the household line: the sample (other
    texts) does not match it, the form's investigator signature does."""
    home = hh.household("李四")
    own = INVESTIGATOR.sign("王芳", 1)
    sid = signed_form(store, home["id"], "王芳", own, "李四", own)
    hand_samples.record(store, sheet(texts=hand_samples.SHEET[1:]), today=TODAY)
    found = run_checks(store, today=TODAY, rules=["signature"])
    assert [(f.rule, f.record[1]) for f in found] == [("signature.same_hand", sid)]
    e = checks.signature_evidence(store, found[0])
    if e["sample_distance"] > signature.SAMPLE_THRESHOLD:
        assert e["reference"] == "forms" and e["distance"] == 0.0
        assert "参照调查人王芳在表单上的签名（与其笔迹样本最近距离" in found[0].message


def test_a_reviewed_finding_does_not_come_back(store, hh):
    home = hh.household("李四")
    own = INVESTIGATOR.sign("王芳", 1)
    sid = signed_form(store, home["id"], "王芳", own, "李四", own)
    assert [f.rule for f in run_checks(store, today=TODAY, rules=["signature"])] == ["signature.same_hand"]
    review = hand_samples.review(store, sid, "signature.same_hand", "入户见户主本人签名", today=TODAY)
    assert review["reviewer"] == "王芳" and review["verdict"] == "different_people"
    assert run_checks(store, today=TODAY, rules=["signature"]) == []
    entry = store.conn.execute("SELECT action, tbl FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    assert tuple(entry) == ("insert", "signature_reviews")
    with pytest.raises(ValidationError):
        hand_samples.review(store, sid, "signature.same_hand", verdict="same_person")
    with pytest.raises(ValidationError):
        hand_samples.review(store, sid, "income.identical")


def test_the_printed_review_list_shows_both_signatures(store, hh, tmp_path):
    home = hh.household("李四")
    own = INVESTIGATOR.sign("王芳", 1)
    signed_form(store, home["id"], "王芳", own, "李四", own)
    found = run_checks(store, today=TODAY)
    out = tmp_path / "review.pdf"
    assert printing.review_sheet(store, found, out, TODAY) >= 1
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    text = "".join(text.split())
    assert "签名笔迹核实单" in text and "李四" in text and "误报率" in text and "核实结论" in text
    assert printing.review_sheet(store, [f for f in found if not f.rule.startswith("signature.")],
                                     tmp_path / "none.pdf", TODAY) == 0
    assert not (tmp_path / "none.pdf").exists()


def test_the_sample_and_a_review_go_to_the_county_in_the_next_batch(store, hh):
    from app.sync.batch import build_body, pending_range
    home = hh.household("李四")
    own = INVESTIGATOR.sign("王芳", 1)
    sid = signed_form(store, home["id"], "王芳", own, "李四", own)
    sample = hand_samples.record(store, sheet(), today=TODAY)
    hand_samples.review(store, sid, "signature.same_hand", "入户核实", today=TODAY)
    body = build_body(store, "b1", *pending_range(store))
    sent = {r["tbl"]: r["data"] for r in body["records"]}
    assert sent["hand_samples"]["signature"] == sample["signature"] and sent["hand_samples"]["items"] == sample["items"]
    assert sent["signature_reviews"]["signature_id"] == sid
    # Signed with the writer's key, which their user record (also in the batch) holds.
    assert sent["hand_samples"]["signer_key"] == store.conn.execute(
        "SELECT public_key FROM users WHERE id = ?", [store.user_id]).fetchone()[0]


def test_the_county_accepts_the_sample_and_the_review(store, hh, engine, tmp_path):
    from app.services import sync
    from county_server import api
    from county_server import county as cty
    from county_server.inprocess import InProcess
    from county_server.ingest import ingest
    transport = InProcess(api.create_app(engine.url_text))
    sync.enroll(store, "http://county.test", cty.new_code(engine, "石门村", "城关镇")["code"], transport=transport)
    home = hh.household("李四")
    own = INVESTIGATOR.sign("王芳", 1)
    sid = signed_form(store, home["id"], "王芳", own, "李四", own)
    hand_samples.record(store, sheet(), today=TODAY)
    hand_samples.review(store, sid, "signature.same_hand", today=TODAY)
    out = sync.export_batch(store, tmp_path / "b.zhb")
    receipt = ingest(engine, (tmp_path / "b.zhb").read_bytes())
    body = receipt["body"]
    # (The form itself, marked signed here without the investigator's key signature, is refused.)
    assert [r["tbl"] for r in body["rejected"]] == ["form_instances"]
    assert {t for t, _, _ in body["accepted"]} >= {"hand_samples", "signature_reviews"}
    assert out["records"] == len(body["accepted"]) + 1


def test_a_second_run_compares_nothing_again(store, hh, monkeypatch):
    home = hh.household("王建国")
    own = INVESTIGATOR.sign("王芳", 1)
    signed_form(store, home["id"], "王芳", own, "王建国", INVESTIGATOR.sign("王建国", 9))
    hand_samples.record(store, sheet(), today=TODAY)
    first = run_checks(store, today=TODAY, rules=["signature"])

    def no(*_a, **_k):
        raise AssertionError("compared again")
    monkeypatch.setattr(signature, "features", no)
    monkeypatch.setattr(signature, "distance", no)
    assert run_checks(store, today=TODAY, rules=["signature"]) == first
