"""What the county refuses over HTTP, and that a refusal changes nothing: an envelope with one
flipped byte (sent with good request signatures, declared and uploaded under its own hash) is
refused whole and the device's untampered batch then goes through; a revoked device is turned
away with a clear message and nothing on it is marked as synced; and what no database column
can hold is refused, not a server error."""
from __future__ import annotations

import hashlib
import json
import random
import struct
from datetime import date

import httpx
import pytest
from tests.support.countykit import id_number
from ledger import assert_exactly_once, county_batches, county_records
from servers import county_cli, device_cli

from app.services import households, sync, visits
from app.storage.audit import GENESIS
from app.storage.store import Store
from app.sync import batch as batches
from app.sync import envelope
from county_server import county as cty

API = "/api/v1"
PART_SIZE = 700


def _work(store, n: int = 3) -> None:
    for i in range(n):
        h = households.add_household(store, {"head_name": f"李{i}", "village": "石门村", "phone": "13812345678"})
        households.add_member(store, h["id"], {"name": f"李{i}", "relation": "head",
                                               "id_number": id_number("1971-08-0%d" % (1 + i), "male")})
        visits.add_visit(store, h["id"], {"date": "2026-11-03", "mode": "home", "findings": "家中正常"},
                         today=date(2026, 11, 20))


def _upload(client, batch_id: str, data: bytes):
    """Declare, send every part, commit: as the device does, signed by its key."""
    parts = -(-len(data) // PART_SIZE)
    code, answer = client.post_json(f"{API}/batches/{batch_id}", {
        "size": len(data), "sha256": hashlib.sha256(data).hexdigest(), "part_size": PART_SIZE, "parts": parts},
        step="declare")
    assert (code, answer["state"], answer["have"]) == (200, "receiving", []), answer
    for n in range(parts):
        chunk = data[n * PART_SIZE:(n + 1) * PART_SIZE]
        code, answer = client.put_bytes(f"{API}/batches/{batch_id}/parts/{n}", chunk,
                                        {"X-Part-SHA256": hashlib.sha256(chunk).hexdigest()}, step="part")
        assert code == 200 and answer["part"] == n, answer
    return client.post_json(f"{API}/batches/{batch_id}/commit", {}, step="commit")


def _records_and_batches(stats: dict) -> dict:
    return {k: v for k, v in stats.items() if k != "batches_refused"}


def test_one_flipped_byte_is_refused_and_nothing_is_ingested(enrolled, engine, server, db_url):
    store = enrolled
    _work(store)
    rng = random.Random(99)
    s = sync.settings(store)
    device_key, county_key = envelope.ed25519_private(s["device_key"]), envelope.x25519_public(s["hpke_key"])
    first, last = batches.pending_range(store)
    before = county_cli(db_url, "stats").json
    assert before["batches"] == 0 and before["households"] == 0

    with sync.client_for(store, server.url) as client:
        for n, where in enumerate(("magic and header length", "header", "ciphertext", "authentication tag")):
            # The device's pending changes, sealed properly under a batch id of their own, then
            # one bit of one byte flipped; the declared hash and the part hashes are of the
            # flipped bytes, so only opening the envelope can tell.
            batch_id = f"tampered-{n}"
            sealed = envelope.seal(batches.build_body(store, batch_id, first, last), batch_id=batch_id,
                                   device_id=store.device_id, device_key=device_key, county_key=county_key)
            (head_len,) = struct.unpack(">I", sealed[len(envelope.MAGIC):len(envelope.MAGIC) + 4])
            head_end = len(envelope.MAGIC) + 4 + head_len
            low, high = {"magic and header length": (0, len(envelope.MAGIC) + 4),
                         "header": (len(envelope.MAGIC) + 4, head_end),
                         "ciphertext": (head_end, len(sealed) - 16),
                         "authentication tag": (len(sealed) - 16, len(sealed))}[where]
            tampered = bytearray(sealed)
            tampered[rng.randrange(low, high)] ^= 1 << rng.randrange(8)
            assert len(sealed) > 2 * PART_SIZE

            code, answer = _upload(client, batch_id, bytes(tampered))
            assert code == 422, (where, code, answer)
            assert isinstance(answer["detail"], str) and answer["detail"], answer
            # Refused it stays: committing again is refused again, and nothing was stored.
            assert client.post_json(f"{API}/batches/{batch_id}/commit", {}, step="commit")[0] == 422
            stats = county_cli(db_url, "stats").json
            assert _records_and_batches(stats) == _records_and_batches(before)
            assert stats["batches_refused"] == n + 1
            assert county_records(engine) == {}
            with engine.connect() as conn:
                assert cty.device_row(conn, store.device_id)["audit_head"] == GENESIS

    # The device's own batch, untouched, goes through as if nothing had happened.
    pending = sync.status(store)["pending"]
    result = sync.sync(store)
    assert result["accepted"] == result["pushed"] == pending and result["rejected"] == 0
    stats = county_cli(db_url, "stats").json
    assert (stats["batches"], stats["batches_refused"], stats["households"], stats["visits"]) == (1, 4, 3, 3)
    assert_exactly_once(store, engine)


def test_a_revoked_device_is_refused_and_nothing_is_marked_synced(enrolled, engine, server, db_url, tmp_path):
    store = enrolled
    _work(store, 1)
    assert sync.sync(store)["rejected"] == 0
    _work(store, 2)
    data, device_id = store.data_dir, store.device_id
    held, at_county = county_records(engine), county_batches(engine, device_id)

    def snapshot(s: Store) -> dict:
        st = sync.status(s)
        return {"status": {k: st[k] for k in ("pending", "ready_batches", "rejected", "last_sync")},
                "acked": s.conn.execute("SELECT count(*) FROM outbox WHERE acked = 1").fetchone()[0],
                "done": s.conn.execute("SELECT count(*) FROM sync_batches WHERE state = 'done'").fetchone()[0]}
    before = snapshot(store)
    assert before["status"]["pending"] == 6  # two households, their heads and their visits

    revoked = county_cli(db_url, "revoke", device_id).json
    assert revoked["device_id"] == device_id and revoked["revoked_at"]
    assert county_cli(db_url, "stats").json["devices_revoked"] == 1

    with pytest.raises(sync.SyncError) as refused:
        sync.sync(store)
    assert refused.value.status == 403 and "revoked" in str(refused.value)
    after = snapshot(store)
    assert {**after, "status": {**after["status"], "ready_batches": 0}} == before  # sealed, not sent
    assert after["status"]["ready_batches"] == 1

    # `zhucun sync` says the same, and exits 2 (refused).
    store.close()
    run = device_cli(data, "sync")
    assert run.code == 2 and "revoked" in run.err, run
    assert json.loads(run.out)["status"] == 403
    with Store.open(data, "passphrase1") as again:
        assert snapshot(again) == after
        assert [b["state"] for b in sync.ready_batches(again)] == ["ready"]
    assert county_records(engine) == held and county_batches(engine, device_id) == at_county


def test_what_no_database_column_holds_is_refused_not_a_server_error(server, engine, tmp_path):
    """Inputs SQLite stores and PostgreSQL cannot (a NUL character in text, a number beyond a
    32-bit INTEGER) are answered with a 4xx or a rejected record on both databases, never a 5xx."""
    from tests.support.countykit import Device, make_store, rechain

    device = Device(make_store(tmp_path / "forger"), cty.load_county(engine))
    with httpx.Client(base_url=server.url, timeout=30) as http:
        # Enrollment with a NUL in the label: 422, and the code is still good afterwards.
        code = cty.new_code(engine, "石门村")["code"]
        r = http.post(f"{API}/enroll", json={**device.enroll_request(code), "label": "笔记本\x00"})
        assert r.status_code == 422 and "label" in r.json()["detail"], r.text
        assert http.post(f"{API}/enroll", json=device.enroll_request(code)).status_code == 200

        # Publications after a seq beyond any the county has.
        r = device.request(http, "GET", f"{API}/publications?after={2**53}")
        assert r.status_code == 200 and r.json() == {"items": [], "last": 2**53}, r.text

        big, odd, plain = (device.household(head) for head in ("李一", "李二", "李三"))
        # An audit entry with a NUL in its clock (which the county keeps with a conflict): the
        # batch is refused whole.
        body = device.body(mark=False)
        body["audit"]["entries"][0]["hlc"] += "\x00"
        rechain(body)
        r = device.upload(http, device.seal(body), body["batch_id"], part_size=PART_SIZE)
        assert r.status_code == 422 and "NUL" in r.json()["detail"], r.text

        # A revision beyond 2**31 - 1 and a clock with a NUL: those two records are rejected
        # with their reasons, the rest of the batch is stored.
        body = device.body()
        for item in body["records"]:
            if item["id"] == big["id"]:
                item["revision"] = item["data"]["revision"] = 2**31
            if item["id"] == odd["id"]:
                item["hlc"] = item["data"]["hlc"] = item["hlc"] + "\x00"
        for entry in body["audit"]["entries"]:
            if entry["record_id"] == big["id"]:
                entry["revision"] = 2**31
        rechain(body)
        r = device.upload(http, device.seal(body), body["batch_id"], part_size=PART_SIZE)
        assert r.status_code == 200, r.text
        receipt = r.json()["receipt"]["body"]
        reasons = {x["id"]: x["reason"] for x in receipt["rejected"]}
        assert reasons.keys() == {big["id"], odd["id"]}, reasons
        assert reasons[big["id"]].startswith("revision") and "NUL" in reasons[odd["id"]]
        assert ("households", plain["id"]) in {(t, i) for t, i, _ in receipt["accepted"]}
    held = county_records(engine)
    assert ("households", plain["id"]) in held and ("households", big["id"]) not in held
    device.store.close()
