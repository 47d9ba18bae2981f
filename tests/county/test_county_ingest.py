"""Ingest: a device's batch into the county's records, all or nothing, with a signed receipt."""
from __future__ import annotations

import json

import pytest
from tests.support.countykit import count_records, held, later, rechain, signed_form
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import select

from app.services import households
from app.storage.audit import GENESIS
from app.sync import envelope
from county_server import county as cty
from county_server import db
from county_server.ingest import Conflict, Refused, ingest


def receipt_body(county, receipt) -> dict:
    return envelope.verify_document(receipt, county.sign_key.public_key())


def device_state(engine, device_id):
    with engine.connect() as conn:
        return cty.device_row(conn, device_id)


def test_a_batch_is_accepted_record_by_record(engine, county, device):
    h = device.household()
    device.visit(h["id"])
    device.visit(h["id"], "缺少劳动力")
    data = device.batch()
    body = receipt_body(county, ingest(engine, data))
    kinds = [a[0] for a in body["accepted"]]
    assert sorted(kinds) == ["households", "members", "users", "visits", "visits"]
    assert body["rejected"] == [] and body["duplicate"] is False
    assert body["content_hash"] == envelope.content_hash(data) and body["device_id"] == device.id
    assert body["audit_head"] == device.store.audit.head
    stats = cty.stats(engine)
    assert (stats["households"], stats["members"], stats["visits"], stats["users"], stats["batches"]) == (1, 1, 2, 1, 1)
    assert held(engine, "households", h["id"])["head_name"] == "李大山"
    state = device_state(engine, device.id)
    assert (state["audit_head"], state["audit_seq"]) == (device.store.audit.head, device.store.audit.head_seq)


def test_the_same_batch_again_answers_its_receipt_marked_duplicate(engine, county, device):
    device.household()
    data = device.batch()
    first = receipt_body(county, ingest(engine, data))
    again = receipt_body(county, ingest(engine, data))
    assert again["duplicate"] is True
    assert {k: v for k, v in again.items() if k != "duplicate"} == {k: v for k, v in first.items() if k != "duplicate"}
    assert cty.stats(engine)["batches"] == 1


def test_the_same_batch_id_with_other_content_is_a_conflict(engine, device):
    device.household()
    body = device.body()
    ingest(engine, device.seal(body))
    with pytest.raises(Conflict):
        ingest(engine, device.seal(body))  # sealed again: another envelope under the same id


def test_an_altered_envelope_is_refused_and_nothing_is_stored(engine, device):
    device.household()
    data = bytearray(device.batch())
    data[-40] ^= 0x01
    with pytest.raises(Refused, match="decrypt"):
        ingest(engine, bytes(data))
    assert count_records(engine) == 0
    assert device_state(engine, device.id)["audit_head"] == GENESIS
    assert cty.stats(engine)["batches"] == 0


def test_a_batch_sealed_by_one_device_and_sent_by_another_is_refused(engine, device, other_device):
    device.household()
    data = device.batch()
    with pytest.raises(Refused, match="sent by device"):
        ingest(engine, data, sender_device_id=other_device.id)
    assert count_records(engine) == 0


def test_a_batch_signed_with_another_key_is_refused(engine, device):
    device.household()
    data = device.seal(device.body(), key=Ed25519PrivateKey.generate())
    with pytest.raises(Refused, match="signature"):
        ingest(engine, data)
    assert count_records(engine) == 0


def test_unknown_and_revoked_devices_are_refused(engine, county, device, tmp_path):
    from tests.support.countykit import Device, make_store
    stranger = Device(make_store(tmp_path / "x", "陌生人"), county)
    try:
        stranger.household("张三")
        with pytest.raises(Refused, match="unknown device"):
            ingest(engine, stranger.batch())
    finally:
        stranger.store.close()
    device.household()
    cty.revoke(engine, device.id)
    with pytest.raises(Refused, match="revoked"):
        ingest(engine, device.batch())
    assert count_records(engine) == 0


def test_a_gap_in_the_audit_chain_refuses_the_batch(engine, device):
    h = device.household()
    first = device.batch()
    device.visit(h["id"])
    second = device.batch()
    device.visit(h["id"], "第三次")
    third = device.batch()
    ingest(engine, first)
    with pytest.raises(Refused, match="audit chain"):
        ingest(engine, third)  # the second never arrived: the third does not continue the chain
    assert cty.stats(engine)["visits"] == 0
    ingest(engine, second)
    ingest(engine, third)
    assert cty.stats(engine)["visits"] == 2
    assert device_state(engine, device.id)["audit_head"] == device.store.audit.head


def test_a_rewritten_audit_entry_refuses_the_batch(engine, device):
    device.household()
    body = device.body()
    body["audit"]["entries"][1]["user_id"] = "someone-else"   # its hash no longer matches
    with pytest.raises(Refused, match="does not match its hash"):
        ingest(engine, device.seal(body))
    assert count_records(engine) == 0


def test_a_record_changed_after_its_audit_entry_is_rejected_and_the_others_accepted(engine, county, device):
    h = device.household()
    v = device.visit(h["id"])
    body = device.body()
    for r in body["records"]:
        if r["tbl"] == "visits":
            r["data"]["findings"] = "改过的记录"
    receipt = receipt_body(county, ingest(engine, device.seal(body)))
    assert [(r["tbl"], r["id"]) for r in receipt["rejected"]] == [("visits", v["id"])]
    assert "record_hash" in receipt["rejected"][0]["reason"]
    assert sorted(a[0] for a in receipt["accepted"]) == ["households", "members", "users"]
    assert held(engine, "visits", v["id"]) is None
    assert held(engine, "households", h["id"]) is not None


def test_unknown_tables_and_records_without_an_audit_entry_are_rejected(engine, county, device):
    h = device.household()
    body = device.body()
    record = dict(body["records"][0])
    body["records"].append({**record, "tbl": "secrets"})
    body["records"].append({**record, "id": "made-up", "data": {**record["data"], "id": "made-up"}})
    receipt = receipt_body(county, ingest(engine, device.seal(body)))
    reasons = {r["tbl"] + ":" + r["id"]: r["reason"] for r in receipt["rejected"]}
    assert "unknown table" in reasons[f"secrets:{record['id']}"]
    assert "no audit entry" in reasons[f"{record['tbl']}:made-up"]
    assert held(engine, "households", h["id"]) is not None


def test_a_signed_form_is_verified(engine, county, device):
    h = device.household()
    ingest(engine, device.batch())
    form = signed_form(device.store, h["id"])
    receipt = receipt_body(county, ingest(engine, device.batch()))
    assert ["form_instances", form["id"], form["revision"]] in receipt["accepted"]
    assert receipt["rejected"] == []
    assert held(engine, "form_instances", form["id"])["state"] == "signed"


def test_a_signed_form_whose_signature_does_not_verify_is_rejected(engine, county, device):
    h = device.household()
    form = signed_form(device.store, h["id"])
    body = device.body()
    for r in body["records"]:
        if r["tbl"] == "form_instances":
            r["data"]["answers"]["inc_wage"] = "99999"  # changed after signing, and the chain forged to match
    rechain(body)
    receipt = receipt_body(county, ingest(engine, device.seal(body)))
    assert [(r["tbl"], r["id"]) for r in receipt["rejected"]] == [("form_instances", form["id"])]
    assert "content_hash" in receipt["rejected"][0]["reason"] or "signature" in receipt["rejected"][0]["reason"]
    assert held(engine, "form_instances", form["id"]) is None
    assert held(engine, "households", h["id"]) is not None


def test_a_form_signed_with_a_key_that_is_not_the_users_is_rejected(engine, county, device):
    h = device.household()
    form = signed_form(device.store, h["id"])
    body = device.body()
    from app.core.forms.signed import signed_content
    forger = Ed25519PrivateKey.generate()
    sigs = [r["data"] for r in body["records"] if r["tbl"] == "form_signatures"]
    for r in body["records"]:
        if r["tbl"] == "form_instances":
            inst = r["data"]
            inst["signer_key"] = envelope.public_hex(forger.public_key())
            inst["signature"] = forger.sign(signed_content(inst, sigs, inst["signed_at"], inst["signed_by"])).hex()
    rechain(body)
    receipt = receipt_body(county, ingest(engine, device.seal(body)))
    assert [(r["tbl"], r["id"], r["reason"][:10]) for r in receipt["rejected"]] == [
        ("form_instances", form["id"], "signer_key")]


def test_tombstones_and_newer_revisions_replace_what_is_held(engine, county, device):
    h = device.household()
    ingest(engine, device.batch())
    members = households.members(device.store, h["id"])
    households.delete_member(device.store, members[0]["id"], "录入错误")
    receipt = receipt_body(county, ingest(engine, device.batch()))
    assert ["members", members[0]["id"], 2] in receipt["accepted"]
    assert held(engine, "members", members[0]["id"])["deleted"] == 1
    assert cty.stats(engine)["members"] == 0 and cty.stats(engine)["tombstones"] == 1


def test_a_county_edit_and_a_device_edit_of_a_household_merge_field_by_field(engine, county, device):
    h = device.household(phone="13800138000", address="一组 1 号")
    ingest(engine, device.batch())
    households.update_household(device.store, h["id"], {"phone": "13811111111"})    # device, before the county
    later()
    cty.roster_set(engine, h["id"], {"phone": "13922222222", "address": "二组 8 号"})  # the county
    later()
    households.update_household(device.store, h["id"], {"address": "三组 3 号"})      # device, after the county
    receipt = receipt_body(county, ingest(engine, device.batch()))
    assert receipt["rejected"] == []
    record = held(engine, "households", h["id"])
    assert record["phone"] == "13922222222"       # the county's edit is newer
    assert record["address"] == "三组 3 号"        # the device's edit is newer
    assert record["head_name"] == "李大山"
    conflicts = {c["field"]: c for c in cty.list_conflicts(engine)}
    assert set(conflicts) == {"phone", "address"}
    assert (conflicts["phone"]["winner"], conflicts["phone"]["kept_value"], conflicts["phone"]["lost_value"]) == (
        "county", "13922222222", "13811111111")
    assert (conflicts["address"]["winner"], conflicts["address"]["kept_value"],
            conflicts["address"]["lost_value"]) == ("device", "三组 3 号", "二组 8 号")
    assert conflicts["phone"]["kept_hlc"] > conflicts["phone"]["lost_hlc"]
    assert conflicts["address"]["kept_hlc"] > conflicts["address"]["lost_hlc"]


def test_a_device_edit_made_on_top_of_the_county_value_is_no_conflict(engine, device):
    h = device.household(address="一组 1 号")
    ingest(engine, device.batch())
    cty.roster_set(engine, h["id"], {"address": "二组 8 号"})
    later()
    # The device applied the roster publication, then someone corrected the address again.
    households.update_household(device.store, h["id"], {"address": "二组 8 号"})
    households.update_household(device.store, h["id"], {"address": "二组 9 号"})
    ingest(engine, device.batch())
    assert held(engine, "households", h["id"])["address"] == "二组 9 号"
    assert cty.list_conflicts(engine) == []


def test_ingest_is_all_or_nothing(engine, device, monkeypatch):
    h = device.household()
    device.visit(h["id"])
    data = device.batch()
    from county_server import ingest as module
    real = module._upsert
    calls = []

    def failing(conn, rows):
        calls.append(len(rows))
        real(conn, rows)  # the household and the other records written, then the disk fills
        raise RuntimeError("disk full")
    monkeypatch.setattr(module, "_upsert", failing)
    with pytest.raises(RuntimeError):
        ingest(engine, data)
    assert calls and calls[0] >= 1
    assert count_records(engine) == 0
    assert device_state(engine, device.id)["audit_seq"] == 0
    with engine.connect() as conn:
        assert conn.execute(select(db.batches)).first() is None
    monkeypatch.setattr(module, "_upsert", real)
    ingest(engine, data)
    assert count_records(engine) == 4


def test_the_receipt_is_stored_with_the_batch(engine, county, device):
    device.household()
    receipt = ingest(engine, device.batch())
    [row] = cty.list_batches(engine)
    assert (row["state"], row["accepted"], row["rejected"]) == ("done", 3, 0)
    with engine.connect() as conn:
        stored = json.loads(conn.execute(select(db.batches.c.receipt)).scalar())
    assert stored == receipt


def test_a_held_record_is_rewritten_only_by_a_newer_revision(engine, county):
    """Records other than households go in by one upsert: new ones inserted, held ones replaced
    when the batch's (revision, hlc) is later, left as held otherwise."""
    from county_server import ingest as module

    def row(rid, revision, hlc, note):
        return {"tbl": "visits", "id": rid, "revision": revision, "hlc": hlc, "device_id": "d1", "batch_id": "b",
                "deleted": 0, "data": json.dumps({"id": rid, "note": note}), "field_hlc": None}
    with engine.begin() as conn:
        conn.execute(db.records.insert(), [row("v1", 3, "0003", "held"), row("v2", 3, "0003", "held"),
                                           row("v3", 3, "0003", "held")])
    with engine.begin() as conn:
        module._upsert(conn, [row("v1", 2, "0009", "older"), row("v2", 4, "0001", "newer"),
                              row("v3", 3, "0004", "same revision, later clock"), row("v4", 1, "0001", "new")])
    notes = {rid: json.loads(held_row["data"])["note"] for rid in ("v1", "v2", "v3", "v4")
             for held_row in [held_raw(engine, rid)]}
    assert notes == {"v1": "held", "v2": "newer", "v3": "same revision, later clock", "v4": "new"}


def held_raw(engine, rid):
    with engine.connect() as conn:
        return conn.execute(select(db.records).where(db.records.c.id == rid)).mappings().one()


def test_ingest_leaves_the_cycle_collector_as_it_found_it(engine, device):
    import gc
    device.household()
    assert gc.isenabled()
    ingest(engine, device.batch())
    assert gc.isenabled()
    gc.disable()
    try:
        device.household()
        ingest(engine, device.batch())
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_held_whole_number_beyond_64_bits_survives_the_merge():
    from app.core import canonical
    from county_server import ingest as module
    hlc1, hlc2 = "0001793491200000-0000-dev1", "0001793491300000-0000-dev1"
    held_data = {"id": "h1", "revision": 1, "hlc": hlc1, "land": 2**70, "phone": "1"}
    row = {"tbl": "households", "id": "h1", "revision": 1, "hlc": hlc1, "data": canonical.dumps(held_data),
           "field_hlc": canonical.dumps({"land": hlc1, "phone": hlc1})}
    item = {"tbl": "households", "id": "h1", "revision": 2, "hlc": hlc2,
            "data": {"id": "h1", "revision": 2, "hlc": hlc2, "phone": "2"}}
    entry = {"action": "update", "hlc": hlc2, "changes": canonical.dumps({"phone": ["1", "2"]})}
    values, conflicts = module._merged(row, item, [entry], "dev1", "b1", "now", None)
    assert json.loads(values["data"]) == {"id": "h1", "revision": 2, "hlc": hlc2, "land": 2**70, "phone": "2"}
    assert conflicts == []
