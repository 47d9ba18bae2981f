"""Batches up to the county: sealing once, sending in parts, resuming after a cut, and
believing nothing but a verified receipt for this batch and this content."""
from __future__ import annotations

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.core.errors import StateError
from app.services import households, sync
from app.storage import schema
from app.sync import envelope

from tests.support.stores import add_household


def outbox(store) -> list[dict]:
    return store.query("SELECT seq, tbl, record_id, batch_id, acked FROM outbox ORDER BY seq")


def small_parts(monkeypatch, size: int = 512) -> None:
    monkeypatch.setattr(sync.upload, "PART_SIZE", size)


def village(store, n: int = 3) -> list[dict]:
    return [add_household(store, f"户主{i}", note=f"第{i}户 " + "情况说明" * 40) for i in range(n)]


# -- the schema ---------------------------------------------------------------------------------
def test_sync_tables_are_device_local(store):
    names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"sync_settings", "sync_batches", "sync_rejections", "sync_conflicts", "sync_field_clocks"} <= names
    assert not {n for n in names if n.startswith("sync_")} & set(schema.RECORD_TABLES)
    assert "0004_sync" in [m.name for m in schema.migrations.applied(store.db)]


def test_not_enrolled_cannot_seal(store):
    add_household(store, "张三")
    with pytest.raises(StateError, match="not enrolled"):
        sync.seal_pending(store)
    st = sync.status(store)
    assert st["enrolled"] is False and st["pending"] == 3  # the user, the household, its member


# -- sealing --------------------------------------------------------------------------------------
def test_seal_is_stable_and_new_changes_go_to_the_next_batch(enrolled, county):
    store = enrolled
    first = village(store, 2)
    a = sync.seal_pending(store)
    assert a["state"] == "ready" and a["outbox_from"] == 1
    rows = outbox(store)
    assert {r["batch_id"] for r in rows} == {a["batch_id"]} and a["outbox_to"] == rows[-1]["seq"]
    # Asking again, and after reopening nothing: the same batch, the same bytes.
    again = sync.seal_pending(store)
    assert again["batch_id"] == a["batch_id"] and bytes(again["envelope"]) == bytes(a["envelope"])
    assert envelope.content_hash(bytes(again["envelope"])) == a["sha256"]

    households.update_household(store, first[0]["id"], {"phone": "13812345678"})
    assert sync.seal_pending(store)["batch_id"] == a["batch_id"]  # still the ready one, unchanged
    assert outbox(store)[-1]["batch_id"] is None
    assert sync.status(store)["pending"] == 5  # the user, 2 households, 2 members; one changed again

    # The county opens it: the body is what the store holds, under this device's signature.
    header, body = envelope.open_envelope(bytes(a["envelope"]), county_key=county.hpke_key,
                                          device_key=envelope.ed25519_private(
                                              sync.settings(store)["device_key"]).public_key())
    assert header.batch_id == a["batch_id"] and body["outbox"] == [a["outbox_from"], a["outbox_to"]]
    assert {r["id"] for r in body["records"] if r["tbl"] == "households"} == {h["id"] for h in first}

    with sync.client_for(store, transport=county.transport(), backoff=(0, 0)) as client:
        sync.push(store, client)
        b = sync.seal_pending(store)
    assert b["batch_id"] != a["batch_id"] and b["outbox_from"] == a["outbox_to"] + 1
    assert sync.status(store)["pending"] == 1


def test_sync_sends_everything_and_marks_it_acknowledged(enrolled, county):
    store = enrolled
    village(store, 3)
    result = sync.sync(store, transport=county.transport())
    assert set(result) >= {"pushed", "accepted", "rejected", "pulled", "conflicts", "batches"}
    assert result["pushed"] == result["accepted"] == 7 and result["rejected"] == 0  # and the user
    assert all(r["acked"] == 1 for r in outbox(store))
    batch = store.query("SELECT * FROM sync_batches")[0]
    assert batch["state"] == "done" and batch["envelope"] is None and batch["receipt"]
    st = sync.status(store)
    assert st["pending"] == 0 and st["ready_batches"] == 0 and st["last_sync"]
    # Nothing new: a second sync sends nothing.
    assert sync.sync(store, transport=county.transport())["batches"] == []
    assert len(county.batches) == 1
    # The county's copy of the chain continues: the next batch is accepted too.
    add_household(store, "后来户")
    assert sync.sync(store, transport=county.transport())["accepted"] == 2


# -- parts and resuming -------------------------------------------------------------------------------
def test_push_resumes_after_a_cut_sending_only_missing_parts(enrolled, county, client, monkeypatch):
    store = enrolled
    small_parts(monkeypatch)
    village(store, 4)
    batch = sync.seal_pending(store)
    parts = batch["parts"]
    assert parts >= 5

    def cut_third_part(request):
        if request.method == "PUT" and request.url.path.endswith("/parts/2"):
            raise httpx.ConnectError("connection reset by peer")
    county.fault = cut_third_part
    with pytest.raises(sync.SyncError) as info:
        sync.push(store, client)
    assert info.value.step == "part 2" and "not reachable" in str(info.value)
    assert county.count("PUT", r"/parts/2$") == 3  # bounded retries, then give up
    assert sync.status(store)["ready_batches"] == 1 and not any(r["acked"] for r in outbox(store))
    assert store.query("SELECT parts_sent FROM sync_batches")[0]["parts_sent"] == 2

    county.fault = None
    county.log.clear()
    [result] = sync.push(store, client)
    assert result["sent"] == parts - 2 == county.count("PUT", r"/parts/")
    assert county.count("PUT", r"/parts/[01]$") == 0
    assert result["accepted"] == 9 and all(r["acked"] for r in outbox(store))
    assert sync.seal_pending(store) is None


def test_a_lost_commit_answer_is_found_done_next_time(enrolled, county, client, monkeypatch):
    """The county ingested the batch but the answer never came back: the next sync learns it at
    the declare step and uploads nothing again."""
    store = enrolled
    village(store, 1)
    sync.seal_pending(store)
    real = county.handle

    def lose_answer(request):
        if request.url.path.endswith("/commit"):
            county.fault = None
            real(request)
            raise httpx.ReadTimeout("timed out")
    county.fault = lose_answer
    client.attempts = 1
    with pytest.raises(sync.SyncError, match="commit"):
        sync.push(store, client)
    assert sync.status(store)["ready_batches"] == 1
    county.log.clear()
    [result] = sync.push(store, client)
    assert result["duplicate"] and result["sent"] == 0 and result["accepted"] == 3
    assert county.count("PUT", ".") == 0 and all(r["acked"] for r in outbox(store))


def test_a_part_damaged_on_the_way_is_sent_again(enrolled, county, client, monkeypatch):
    store = enrolled
    small_parts(monkeypatch)
    village(store, 2)
    sync.seal_pending(store)
    damaged = []

    def damage_once(request):
        if request.method == "PUT" and request.url.path.endswith("/parts/1") and not damaged:
            damaged.append(1)
            return httpx.Response(400, json={"detail": "part hash"})
    county.fault = damage_once
    [result] = sync.push(store, client)
    assert result["accepted"] == 5 and county.count("PUT", r"/parts/1$") == 2


def test_parts_the_county_dropped_are_sent_again_in_the_same_sync(enrolled, county, client, monkeypatch):
    """A commit whose parts did not add up (the county drops them, 400 without a list): the
    device declares again and sends them all once more, within the same push."""
    store = enrolled
    small_parts(monkeypatch)
    village(store, 2)
    batch = sync.seal_pending(store)
    dropped = []

    def drop_once(request):
        if request.url.path.endswith("/commit") and not dropped:
            dropped.append(1)
            county.batches[batch["batch_id"]]["have"].clear()
            return httpx.Response(400, json={"detail": "the parts together do not match"})
    county.fault = drop_once
    [result] = sync.push(store, client)
    assert result["sent"] == 2 * batch["parts"] and result["accepted"] == 5
    assert county.count("POST", r"/batches/[^/]+$") == 2 and county.count("POST", "/commit$") == 2


def test_cancel_stops_between_parts_and_the_next_push_resumes(enrolled, county, client, monkeypatch):
    store = enrolled
    small_parts(monkeypatch)
    village(store, 3)
    sync.seal_pending(store)
    seen = []

    def report(stage, done, total):
        seen.append((stage, done, total))
    with pytest.raises(sync.SyncCancelled):
        sync.push(store, client, report=report, cancel=lambda: len(seen) >= 3)
    sent_before = county.count("PUT", ".")
    assert sent_before == 2 and not any(r["acked"] for r in outbox(store))
    [result] = sync.push(store, client, report=report)
    assert result["sent"] == result["parts"] - sent_before
    assert seen[-1][1] == seen[-1][2] == result["parts"]


def test_retries_are_bounded_when_the_county_is_not_reachable(enrolled, county, client):
    village(enrolled, 1)

    def down(request):
        raise httpx.ConnectError("no route to host")
    county.fault = down
    county.log.clear()
    with pytest.raises(sync.SyncError, match="county not reachable") as info:
        sync.sync(enrolled, client=client)
    assert info.value.step == "declare" and len(county.log) == 3


# -- receipts: only a verified one counts ------------------------------------------------------------
def _answer_commit_with(county, make):
    real = county.handle

    def fault(request):
        if request.url.path.endswith("/commit"):
            county.fault = None
            answer = real(request)
            county.fault = fault
            return make(answer)
    county.fault = fault


@pytest.mark.parametrize("case", ["other county key", "other content hash", "captive portal", "no receipt",
                                  "unsigned receipt"])
def test_a_200_that_is_not_a_verified_receipt_marks_nothing(enrolled, county, client, case):
    store = enrolled
    village(store, 2)
    stranger = Ed25519PrivateKey.generate()

    def make(answer):
        receipt = answer.json()["receipt"]
        if case == "other county key":
            return httpx.Response(200, json={"receipt": county.receipt(receipt["body"], stranger)})
        if case == "other content hash":
            return httpx.Response(200, json={"receipt": county.receipt({**receipt["body"], "content_hash": "0" * 64})})
        if case == "captive portal":
            return httpx.Response(200, text="<html>请登录 Wi-Fi</html>", headers={"Content-Type": "text/html"})
        if case == "no receipt":
            return httpx.Response(200, json={"ok": True})
        return httpx.Response(200, json={"receipt": {"body": receipt["body"], "signature": ""}})
    _answer_commit_with(county, make)
    with pytest.raises(sync.SyncError) as info:
        sync.sync(store, client=client)
    assert info.value.step in ("receipt", "commit")
    assert not any(r["acked"] for r in outbox(store))
    assert sync.status(store)["ready_batches"] == 1 and sync.status(store)["last_sync"] is None

    # Nothing was lost: the next sync (the county answers properly) sends the same batch and
    # the county finds it ingested already.
    county.fault = None
    result = sync.sync(store, client=client)
    assert result["accepted"] == 5 and result["batches"][0]["duplicate"]
    assert all(r["acked"] for r in outbox(store))


def test_a_receipt_for_another_batch_or_device_is_refused(enrolled, county):
    store = enrolled
    village(store, 1)
    batch = sync.seal_pending(store)
    body = {"batch_id": batch["batch_id"], "device_id": store.device_id, "content_hash": batch["sha256"],
            "received_at": "2026-11-05T08:00:00.000Z", "duplicate": False, "accepted": [], "rejected": [],
            "audit_head": "0" * 64}
    for wrong in ({"batch_id": "nope"}, {"device_id": "another"}, {"content_hash": "f" * 64}):
        with pytest.raises(sync.SyncError):
            sync.apply_receipt(store, county.receipt({**body, **wrong}))
    assert sync.status(store)["ready_batches"] == 1
    sync.apply_receipt(store, county.receipt(body))  # the right one (accepting nothing) is applied
    assert sync.status(store)["ready_batches"] == 0


@pytest.mark.parametrize("status,detail,words", [
    (422, "audit chain: entry 3 broken", "refused: audit chain: entry 3 broken"),
    (403, "revoked", "revoked"),
    (401, "bad signature", "device unknown"),
    (409, "another hash", "another batch with this id"),
])
def test_refusals_name_the_reason_and_keep_the_batch(enrolled, county, client, status, detail, words):
    village(enrolled, 1)
    step = "/commit" if status == 422 else ""

    def refuse(request):
        if request.url.path.endswith(step) and "/batches/" in request.url.path:
            return httpx.Response(status, json={"detail": detail})
    county.fault = refuse
    with pytest.raises(sync.SyncError, match=words) as info:
        sync.sync(enrolled, client=client)
    assert info.value.status == status
    assert sync.status(enrolled)["ready_batches"] == 1 and len(county.log) <= 4


def test_revoked_device_is_refused(enrolled, county, client):
    village(enrolled, 1)
    county.devices[enrolled.device_id]["revoked"] = True
    with pytest.raises(sync.SyncError, match="revoked"):
        sync.sync(enrolled, client=client)


# -- rejected records ---------------------------------------------------------------------------------
def test_rejected_records_are_listed_kept_and_resent_after_a_fix(enrolled, county, client):
    store = enrolled
    good = add_household(store, "张三")
    bad = add_household(store, "李四", note="待核实")
    county.reject = lambda item: ("note: 待核实 is not allowed" if item["tbl"] == "households"
                                  and item["data"].get("note") == "待核实" else None)
    result = sync.sync(store, client=client)
    assert result["rejected"] == 1 and result["accepted"] == 4
    [row] = sync.rejected(store)
    assert (row["tbl"], row["record_id"], row["revision"]) == ("households", bad["id"], bad["revision"])
    assert row["reason"] == "note: 待核实 is not allowed" and row["label"] == "李四" and not row["fixed"]
    assert store.records.get("households", bad["id"])["note"] == "待核实"  # kept as it is
    acked = {r["record_id"]: r["acked"] for r in outbox(store)}
    assert acked[bad["id"]] == 0 and acked[good["id"]] == 1
    assert sync.status(store)["rejected"] == 1 and sync.status(store)["pending"] == 0

    households.update_household(store, bad["id"], {"note": "已核实"})
    assert sync.rejected(store)[0]["fixed"] is True
    result = sync.sync(store, client=client)
    assert result["accepted"] == 1 and result["rejected"] == 0
    assert sync.rejected(store) == [] and sync.status(store)["rejected"] == 0
    [resolved] = sync.rejected(store, include_resolved=True)
    assert resolved["resolved_at"] and resolved["record_id"] == bad["id"]
    assert county.records[("households", bad["id"])]["note"] == "已核实"
