"""Enrollment (over the network and from the county's file) and the USB-stick route: a batch
file out, the county's receipt file back, the same state as after a network sync."""
from __future__ import annotations

import json
import os
import stat

import httpx
import pytest

from app.core import canonical
from app.core.errors import StateError, ValidationError
from app.services import households, sync, worklog
from app.sync import envelope

from tests.support.stores import add_household


# -- enrollment ----------------------------------------------------------------------------------
def test_enroll_over_the_network_keeps_the_county_keys(store, county):
    code = county.new_code()
    st = sync.enroll(store, "http://county.test/", code, transport=county.transport())
    assert st["enrolled"] and st["county_name"] == county.name and st["village"] == county.village
    assert st["county_url"] == "http://county.test"
    s = sync.settings(store)
    assert s["sign_key"] == envelope.public_hex(county.sign_key.public_key())
    assert s["hpke_key"] == envelope.public_hex(county.hpke_key.public_key())
    # The county holds the device's public key; the private one never left the store.
    device_key = envelope.ed25519_private(s["device_key"])
    assert county.devices[store.device_id]["key"] == envelope.public_hex(device_key.public_key())
    assert county.devices[store.device_id]["store_id"] == store.store_id
    # Enrolling again (a lost answer) keeps the same key, so the county still knows it.
    sync.enroll(store, "http://county.test", code, transport=county.transport())
    assert sync.settings(store)["device_key"] == s["device_key"]


@pytest.mark.parametrize("status,words", [(404, "code not known"), (410, "used or expired"),
                                          (409, "another key")])
def test_enroll_refusals_say_why(store, county, status, words):
    county.fault = lambda request: httpx.Response(status, json={"detail": "no"})
    with pytest.raises(sync.SyncError, match=words):
        sync.enroll(store, "http://county.test", "ABCD-EFGH-JKMN", transport=county.transport())
    assert sync.status(store)["enrolled"] is False


def test_enroll_answer_that_is_not_the_county(store, county):
    county.fault = lambda request: httpx.Response(200, text="<html>portal</html>",
                                                  headers={"Content-Type": "text/html"})
    with pytest.raises(sync.SyncError, match="not from the county"):
        sync.enroll(store, "http://county.test", county.new_code(), transport=county.transport())
    county.fault = lambda request: httpx.Response(200, json={"county_id": "x", "sign_key": "00", "hpke_key": "11"})
    with pytest.raises(sync.SyncError, match="not usable"):
        sync.enroll(store, "http://county.test", county.new_code(), transport=county.transport())
    assert sync.status(store)["enrolled"] is False


def test_county_not_reachable_and_bad_url(store):
    def down(request):
        raise httpx.ConnectError("name or service not known")
    with pytest.raises(sync.SyncError, match="county not reachable"):
        sync.enroll(store, "http://county.test", "ABCD-EFGH-JKMN", transport=httpx.MockTransport(down))
    with pytest.raises(ValidationError, match="http://") as info:
        sync.enroll(store, "county.test", "ABCD-EFGH-JKMN")
    assert info.value.field == "--server"


def test_enroll_from_the_county_file(store, county, tmp_path):
    code = county.new_code()
    stick = tmp_path / "usb"
    stick.mkdir()
    (stick / f"enroll-{code}.json").write_text(json.dumps(county.enrollment_file(code, "http://county.test")),
                                               "utf-8")
    result = sync.enroll_from_file(store, stick / f"enroll-{code}.json")
    request_path = stick / f"enroll-request-{store.device_id}.json"
    assert result["request"] == str(request_path) and result["enrolled"]
    assert result["county_url"] == "http://county.test"
    req = json.loads(request_path.read_text("utf-8"))
    assert set(req) == {"code", "device_id", "store_id", "device_key", "label", "signature"}
    fields = {k: v for k, v in req.items() if k != "signature"}
    envelope.ed25519_public(req["device_key"]).verify(bytes.fromhex(req["signature"]), canonical.encode(fields))
    county.import_enroll_request(req)  # `zhucun-county import enroll-request-DEVICE.json`
    add_household(store, "张三")
    assert sync.sync(store, transport=county.transport())["accepted"] == 3


def test_enroll_file_must_be_whole(store, tmp_path):
    path = tmp_path / "enroll.json"
    path.write_text(json.dumps({"code": "X", "county_id": "1", "county_name": "县", "sign_key": "zz",
                                "hpke_key": "00" * 32, "village": "村"}), "utf-8")
    with pytest.raises(ValidationError) as info:
        sync.enroll_from_file(store, path)
    assert info.value.field == "sign_key"
    path.write_text("{}", "utf-8")
    with pytest.raises(ValidationError, match="code"):
        sync.enroll_from_file(store, path)


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_what_sync_writes_is_readable_by_this_user_alone(store, county, tmp_path):
    code = county.new_code()
    path = tmp_path / f"enroll-{code}.json"
    path.write_text(json.dumps({**county.enrollment_file(code, "https://county.test"), "tls_sha256": "ab" * 32}),
                    "utf-8")
    request = sync.enroll_from_file(store, path)["request"]
    assert sync.settings(store)["tls_sha256"] == "ab" * 32   # the pin, from the county's file
    county.import_enroll_request(json.loads(open(request, encoding="utf-8").read()))
    add_household(store, "张三")
    batch = sync.export_batch(store, tmp_path / "out")["file"]
    assert {stat.S_IMODE(os.stat(f).st_mode) for f in (request, batch)} == {0o600}
    path.write_text(json.dumps({**county.enrollment_file(code), "tls_sha256": "abcd"}), "utf-8")
    with pytest.raises(ValidationError, match="fingerprint") as info:   # a pin is the whole SHA-256
        sync.enroll_from_file(store, path)
    assert info.value.field == "tls_sha256"


# -- the USB stick ---------------------------------------------------------------------------------
def test_usb_round_trip_is_the_same_as_a_network_sync(enrolled, county, tmp_path):
    store = enrolled
    h = add_household(store, "张三")
    county.publish("prompts", {"month": "2026-11", "title": "11月驻村工作提示", "tasks": [{"title": "走访"}]})
    stick = tmp_path / "usb"
    out = sync.export_batch(store, stick / "zijing.zhb")
    assert out["records"] == 3 and (stick / "zijing.zhb").read_bytes()[:12] == b"ZHUCUN-BATCH"
    # Exporting again before the receipt is back writes the very same bytes.
    again = sync.export_batch(store, stick / "again.zhb")
    assert again["batch_id"] == out["batch_id"]
    assert (stick / "again.zhb").read_bytes() == (stick / "zijing.zhb").read_bytes()

    receipt_file = county.import_file(stick / "zijing.zhb")["file"]
    assert receipt_file.name == "zijing.receipt.json"
    result = sync.import_receipt(store, receipt_file)
    assert (result["accepted"], result["rejected"], result["pulled"]) == (3, 0, 1)
    st = sync.status(store)
    assert st["ready_batches"] == 0 and st["last_publication"] == 1 and st["last_sync"]
    assert st["pending"] == 2  # the county's prompt and its task, now records written here
    assert len(worklog.prompts_for_month(store, "2026-11")) == 1
    assert all(r[0] for r in store.conn.execute("SELECT acked FROM outbox WHERE batch_id = ?", [out["batch_id"]]))

    # The same file again changes nothing; nothing pending exports nothing.
    assert sync.import_receipt(store, receipt_file)["already"] is True
    assert len(worklog.prompts_for_month(store, "2026-11")) == 1
    households.update_household(store, h["id"], {"note": "新的"})
    prompt_record_only = sync.export_batch(store, stick / "next.zhb")
    assert prompt_record_only["records"] == 3  # the county's prompt and task, and the household
    sync.import_receipt(store, county.import_file(stick / "next.zhb")["file"])
    assert sync.export_batch(store, stick / "none.zhb") is None and not (stick / "none.zhb").exists()


def test_a_tampered_receipt_file_applies_nothing(enrolled, county, tmp_path):
    store = enrolled
    add_household(store, "张三")
    county.publish("prompts", {"month": "2026-11", "title": "提示", "tasks": []})
    sync.export_batch(store, tmp_path / "b.zhb")
    path = county.import_file(tmp_path / "b.zhb")["file"]
    doc = json.loads(path.read_text("utf-8"))
    doc["receipt"]["body"]["rejected"] = []
    doc["receipt"]["body"]["accepted"] = doc["receipt"]["body"]["accepted"][:1]
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(sync.SyncError, match="does not verify"):
        sync.import_receipt(store, path)
    doc = json.loads(path.read_text("utf-8"))
    doc["receipt"] = county.import_file(tmp_path / "b.zhb")["receipt"]
    doc["publications"][0]["body"]["data"]["title"] = "改过的"
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(sync.SyncError, match="publication 1 does not verify"):
        sync.import_receipt(store, path)
    st = sync.status(store)
    assert st["ready_batches"] == 1 and st["last_publication"] == 0
    assert worklog.prompts_for_month(store, "2026-11") == []
    with pytest.raises(ValidationError):
        sync.import_receipt(store, tmp_path / "missing.json")


def test_export_needs_enrollment(store, tmp_path):
    add_household(store, "张三")
    with pytest.raises(StateError, match="not enrolled"):
        sync.export_batch(store, tmp_path / "b.zhb")


def test_enrolling_with_a_county_of_other_keys_reseals_the_ready_batch(enrolled, county):
    """A batch sealed for one county's key could never open at another: it goes back to the
    outbox and is sealed again for the new key."""
    store = enrolled
    add_household(store, "张三")
    old = sync.seal_pending(store)
    other = type(county)()
    sync.enroll(store, "http://other.test", other.new_code(), transport=other.transport())
    assert sync.status(store)["ready_batches"] == 0
    new = sync.seal_pending(store)
    assert new["batch_id"] != old["batch_id"] and (new["outbox_from"], new["outbox_to"]) == \
        (old["outbox_from"], old["outbox_to"])
    envelope.open_envelope(bytes(new["envelope"]), county_key=other.hpke_key,
                           device_key=envelope.ed25519_private(sync.settings(store)["device_key"]).public_key())


@pytest.mark.parametrize("what, size", [("enrolment", 256 * 1024 + 1), ("receipt", 16 * 1024 * 1024 + 1)])
def test_an_oversized_usb_file_is_refused_before_it_is_read(store, tmp_path, what, size):
    """A file from a USB stick is measured before it is read: an enrollment file over 256 KB or
    a receipt over 16 MB is refused with its name and the limit, and nothing changes."""
    path = tmp_path / f"{what}.json"
    with open(path, "wb") as f:
        f.truncate(size)                   # sparse: the size is what counts, not the bytes
    before = sync.status(store)
    with pytest.raises(ValidationError, match="超出限制"):
        if what == "enrolment":
            sync.enroll_from_file(store, path)
        else:
            sync.import_receipt(store, path)
    assert sync.status(store) == before
