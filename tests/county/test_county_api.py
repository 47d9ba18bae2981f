"""The HTTP API: enrollment, signed requests, batches in parts, receipts and publications."""
from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone

import pytest
from tests.support.countykit import Device, count_records, held, make_store

from app.sync import envelope
from county_server import county as cty


def start(device, client, data: bytes, batch_id: str, part_size: int):
    return device.request(client, "POST", f"/api/v1/batches/{batch_id}", json_body={
        "size": len(data), "sha256": hashlib.sha256(data).hexdigest(), "part_size": part_size,
        "parts": -(-len(data) // part_size)})


def verified(county, receipt) -> dict:
    return envelope.verify_document(receipt, county.sign_key.public_key())


# -- enrollment ------------------------------------------------------------------------------------
@pytest.fixture
def fresh(store, county) -> Device:
    return Device(store, county)


def test_enroll_binds_the_device_and_answers_the_county_keys(client, engine, county, fresh):
    code = cty.new_code(engine, "石门村", "城关镇")["code"]
    r = client.post("/api/v1/enroll", json=fresh.enroll_request(code))
    assert r.status_code == 200, r.text
    answer = r.json()
    assert answer == {"county_id": county.id, "county_name": "测试县", "sign_key": county.sign_public,
                      "hpke_key": county.hpke_public, "village": "石门村", "township": "城关镇",
                      "device_id": fresh.id}
    [device] = cty.list_devices(engine)
    assert (device["device_id"], device["public_key"], device["village"]) == (fresh.id, fresh.public, "石门村")
    # the answer lost on the way: asking again with the same code, device and key answers the same
    assert client.post("/api/v1/enroll", json=fresh.enroll_request(code)).json() == answer


def test_an_enrollment_code_is_single_use(client, engine, fresh, other_store, county):
    code = cty.new_code(engine, "石门村")["code"]
    assert client.post("/api/v1/enroll", json=fresh.enroll_request(code)).status_code == 200
    other = Device(other_store, county)
    r = client.post("/api/v1/enroll", json=other.enroll_request(code))
    assert r.status_code == 410 and "used" in r.json()["detail"]
    assert len(cty.list_devices(engine)) == 1


def test_an_expired_or_wrong_code_is_refused(client, engine, fresh):
    past = (datetime.now(timezone.utc) - timedelta(days=15)).isoformat().replace("+00:00", "Z")
    old = cty.new_code(engine, "石门村", now=past)["code"]
    assert client.post("/api/v1/enroll", json=fresh.enroll_request(old)).status_code == 410
    assert client.post("/api/v1/enroll", json=fresh.enroll_request("AAAA-BBBB-CCCC")).status_code == 404
    assert client.post("/api/v1/enroll", json=fresh.enroll_request("not a code")).status_code == 422
    assert cty.list_devices(engine) == []


def test_a_device_id_enrolled_with_another_key_is_a_conflict(client, engine, device, county):
    imposter = Device(device.store, county)  # same device id, another key
    code = cty.new_code(engine, "石门村")["code"]
    assert client.post("/api/v1/enroll", json=imposter.enroll_request(code)).status_code == 409


def test_garbage_enrollment_is_a_4xx(client):
    for body in ({}, {"code": 1}, [], {"code": "AAAA-BBBB-CCCC", "device_id": "../etc", "store_id": "s",
                                        "device_key": "00" * 32}):
        assert client.post("/api/v1/enroll", json=body).status_code == 422
    assert client.post("/api/v1/enroll", content=b"\xff\xfe", headers={"Content-Type": "application/json"}
                       ).status_code == 422


# -- requests are signed ------------------------------------------------------------------------------
def test_requests_need_a_known_device_and_its_signature(client, device, engine):
    path = "/api/v1/publications?after=0"
    assert client.get(path).status_code == 401
    assert device.request(client, "GET", path).status_code == 200
    bad = device.headers("GET", "/api/v1/publications?after=1", nonce=device.nonce(client))  # for another path
    assert client.get(path, headers=bad).status_code == 401
    stranger = Device(device.store, device.county)  # not the enrolled key
    assert stranger.request(client, "GET", path).status_code == 401
    cty.revoke(engine, device.id)
    assert device.request(client, "GET", path).status_code == 403


def test_a_revoked_device_cannot_send_a_batch(client, engine, device):
    device.household()
    data = device.batch()
    cty.revoke(engine, device.id)
    assert start(device, client, data, "b-1", 1000).status_code == 403
    assert count_records(engine) == 0


# -- batches in parts -----------------------------------------------------------------------------------
def test_parts_out_of_order_and_a_resumed_upload(client, engine, county, device):
    h = device.household()
    for i in range(3):
        device.visit(h["id"], f"第{i}次走访" * 20)
    body = device.body()
    data = device.seal(body)
    size = -(-len(data) // 4)
    chunks = [data[i * size:(i + 1) * size] for i in range(4)]
    bid = body["batch_id"]
    assert start(device, client, data, bid, size).json() == {"state": "receiving", "have": []}
    assert device.put_part(client, bid, 2, chunks[2]).json() == {"part": 2, "have": [2]}
    assert device.put_part(client, bid, 0, chunks[0]).json() == {"part": 0, "have": [0, 2]}
    # the connection is cut; the next attempt asks what the county has and sends the rest
    assert start(device, client, data, bid, size).json() == {"state": "receiving", "have": [0, 2]}
    for n in (3, 1):
        assert device.put_part(client, bid, n, chunks[n]).status_code == 200
    r = device.request(client, "POST", f"/api/v1/batches/{bid}/commit", json_body={})
    assert r.status_code == 200, r.text
    receipt = verified(county, r.json()["receipt"])
    assert receipt["batch_id"] == bid and len(receipt["accepted"]) == 6 and not receipt["duplicate"]
    assert receipt["content_hash"] == hashlib.sha256(data).hexdigest()
    got = device.request(client, "GET", f"/api/v1/batches/{bid}/receipt")
    assert got.status_code == 200 and verified(county, got.json()["receipt"]) == receipt
    # sent again: the same receipt, marked duplicate, both at the start and at the commit
    again = start(device, client, data, bid, size).json()
    assert again["state"] == "done" and verified(county, again["receipt"])["duplicate"] is True
    again = device.request(client, "POST", f"/api/v1/batches/{bid}/commit", json_body={})
    assert verified(county, again.json()["receipt"])["accepted"] == receipt["accepted"]
    assert cty.stats(engine)["visits"] == 3
    [row] = cty.list_batches(engine)
    assert row["state"] == "done"


def test_a_part_that_does_not_match_its_hash_is_refused(client, device):
    device.household()
    body = device.body()
    data = device.seal(body)
    start(device, client, data, body["batch_id"], 500)
    r = device.put_part(client, body["batch_id"], 0, data[:500], sha="0" * 64)
    assert r.status_code == 400 and "X-Part-SHA256" in r.json()["detail"]
    r = device.put_part(client, body["batch_id"], 0, data[:499])  # the wrong length
    assert r.status_code == 400
    r = device.put_part(client, body["batch_id"], 999, data[:500])  # no such part
    assert r.status_code == 400
    assert start(device, client, data, body["batch_id"], 500).json()["have"] == []


def test_commit_with_parts_missing_names_them(client, engine, device):
    device.household()
    body = device.body()
    data = device.seal(body)
    start(device, client, data, body["batch_id"], 300)
    device.put_part(client, body["batch_id"], 1, data[300:600])
    r = device.request(client, "POST", f"/api/v1/batches/{body['batch_id']}/commit", json_body={})
    parts = -(-len(data) // 300)
    assert r.status_code == 400
    assert r.json()["missing"] == [n for n in range(parts) if n != 1]
    assert count_records(engine) == 0


def test_the_same_batch_id_with_another_hash_is_409(client, device):
    device.household()
    body = device.body()
    first, second = device.seal(body), device.seal(body)
    assert device.upload(client, first, body["batch_id"]).status_code == 200
    assert start(device, client, second, body["batch_id"], 1000).status_code == 409


def test_an_altered_envelope_is_refused_with_422_and_nothing_stored(client, engine, device):
    device.household()
    body = device.body()
    data = bytearray(device.seal(body))
    data[len(data) // 2] ^= 0x80
    r = device.upload(client, bytes(data), body["batch_id"])
    assert r.status_code == 422 and "decrypt" in r.json()["detail"]
    assert count_records(engine) == 0
    assert device.request(client, "GET", f"/api/v1/batches/{body['batch_id']}/receipt").status_code == 404
    [row] = cty.list_batches(engine)
    assert row["state"] == "refused"


def test_a_batch_sealed_by_another_device_is_refused(client, engine, device, other_device):
    device.household()
    body = device.body()
    data = device.seal(body)
    r = other_device.upload(client, data, body["batch_id"])
    assert r.status_code == 422 and "sent by device" in r.json()["detail"]
    assert count_records(engine) == 0


def test_a_batch_of_another_device_is_not_found(client, device, other_device):
    device.household()
    body = device.body()
    data = device.seal(body)
    assert device.upload(client, data, body["batch_id"]).status_code == 200
    r = other_device.request(client, "GET", f"/api/v1/batches/{body['batch_id']}/receipt")
    assert r.status_code == 404
    # the same id declared by another device is that device's own batch, not this one
    r = start(other_device, client, data, body["batch_id"], 1000)
    assert r.status_code == 200 and r.json()["state"] == "receiving"
    r = device.request(client, "GET", f"/api/v1/batches/{body['batch_id']}/receipt")
    assert r.status_code == 200 and r.json()["receipt"]["body"]["device_id"] == device.id


def test_batch_declarations_are_checked(client, device):
    sha = "a" * 64
    for bad in ({"size": 10, "sha256": sha, "part_size": 3, "parts": 3},        # parts do not cover it
                {"size": 0, "sha256": sha, "part_size": 1, "parts": 0},
                {"size": 10, "sha256": "xyz", "part_size": 10, "parts": 1},
                {"size": 10, "sha256": sha, "part_size": 9 * 2**20, "parts": 1},
                {"size": 10 * 2**30, "sha256": sha, "part_size": 2**20, "parts": 10240}):
        assert device.request(client, "POST", "/api/v1/batches/b1", json_body=bad).status_code == 422, bad
    ok = {"size": 10, "sha256": sha, "part_size": 10, "parts": 1}
    assert device.request(client, "POST", "/api/v1/batches/" + "x" * 65, json_body=ok).status_code == 422
    assert device.request(client, "POST", "/api/v1/batches/a%20b", json_body=ok).status_code == 422
    assert device.request(client, "PUT", "/api/v1/batches/b1/parts/-1", content=b"x").status_code == 422
    assert device.request(client, "PUT", "/api/v1/batches/nope/parts/0", content=b"x",
                          headers={"X-Part-SHA256": hashlib.sha256(b"x").hexdigest()}).status_code == 404
    assert device.request(client, "POST", "/api/v1/batches/nope/commit", json_body={}).status_code == 404


def test_a_part_larger_than_any_part_may_be_is_413(client, device):
    r = device.request(client, "PUT", "/api/v1/batches/b1/parts/0", content=b"x" * (8 * 2**20 + 65 * 1024))
    assert r.status_code == 413


# -- publications ------------------------------------------------------------------------------------------
def test_publications_after_n_for_the_village_signed(client, engine, county, device):
    prompts = cty.publish(engine, "prompts", {"month": "2026-12", "title": "十二月工作提示", "tasks": [
        {"title": "走访监测户", "due_date": "2026-12-20"}]}, "石门村")
    cty.publish(engine, "prompts", {"month": "2026-12", "title": "别村", "tasks": []}, "白沙村")
    baseline = cty.publish(engine, "baseline", {"default": {"2026": 720000}}, None)
    r = device.request(client, "GET", "/api/v1/publications?after=0")
    assert r.status_code == 200
    items = r.json()["items"]
    bodies = [envelope.verify_document(doc, county.sign_key.public_key()) for doc in items]
    assert [b["seq"] for b in bodies] == [prompts["body"]["seq"], baseline["body"]["seq"]]
    assert bodies[0]["kind"] == "prompts" and bodies[0]["data"]["tasks"][0]["title"] == "走访监测户"
    assert bodies[1]["village"] is None
    assert r.json()["last"] == baseline["body"]["seq"]
    after = device.request(client, "GET", f"/api/v1/publications?after={prompts['body']['seq']}").json()
    assert [d["body"]["seq"] for d in after["items"]] == [baseline["body"]["seq"]]
    nothing = device.request(client, "GET", f"/api/v1/publications?after={baseline['body']['seq']}").json()
    assert nothing == {"items": [], "last": baseline["body"]["seq"]}
    assert device.request(client, "GET", "/api/v1/publications?after=-1").status_code == 422
    assert device.request(client, "GET", "/api/v1/publications?after=x").status_code == 422


def test_a_roster_edit_is_published_to_the_household_village(client, engine, county, device):
    from county_server.ingest import ingest
    h = device.household(phone="13800138000")
    ingest(engine, device.batch())
    result = cty.roster_set(engine, h["id"], {"phone": "13922222222"})
    items = device.request(client, "GET", "/api/v1/publications?after=0").json()["items"]
    [doc] = items
    body = envelope.verify_document(doc, county.sign_key.public_key())
    assert body["kind"] == "roster" and body["village"] == "石门村"
    assert body["data"] == {"household_id": h["id"], "changes": {"phone": "13922222222"}, "hlc": result["hlc"]}
    assert body["data"]["hlc"].endswith("-county")
    assert held(engine, "households", h["id"])["phone"] == "13922222222"


def test_health_and_the_openapi_document(client, county):
    r = client.get("/api/v1/health")
    assert r.status_code == 200 and r.json()["county_id"] == county.id
    spec = client.get("/openapi.json").json()
    assert {"/api/v1/enroll", "/api/v1/batches/{batch_id}", "/api/v1/batches/{batch_id}/parts/{n}",
            "/api/v1/batches/{batch_id}/commit", "/api/v1/batches/{batch_id}/receipt",
            "/api/v1/publications", "/api/v1/health"} <= set(spec["paths"])


def test_a_device_enrolled_in_another_store_cannot_pass_off_a_batch(client, engine, county, device, tmp_path):
    """A store copied to a second laptop keeps its device id: the county binds one key to it."""
    copy = Device(make_store(tmp_path / "c", "复制"), county)
    try:
        code = cty.new_code(engine, "石门村")["code"]
        req = copy.enroll_request(code) | {"device_id": device.id}
        assert client.post("/api/v1/enroll", json=req).status_code == 409
    finally:
        copy.store.close()
