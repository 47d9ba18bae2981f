"""What a malicious enrolled device and a listener on the wire can do to the county, and what
they cannot: squat another device's batch id, replay a captured request, guess enrollment codes."""
from __future__ import annotations

import hashlib
from datetime import datetime, timedelta, timezone

from tests.support.countykit import Device, count_records
from sqlalchemy import func, select

from app.sync import envelope
from county_server import county as cty
from county_server import db, ratelimit
from county_server.ingest import ingest


def declare(dev, client, data: bytes, batch_id: str, part_size: int = 1000):
    return dev.request(client, "POST", f"/api/v1/batches/{batch_id}", json_body={
        "size": len(data), "sha256": hashlib.sha256(data).hexdigest(), "part_size": part_size,
        "parts": -(-len(data) // part_size)})


def batches_of(engine, device_id: str) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        return conn.execute(select(db.batches.c.batch_id, db.batches.c.state)
                            .where(db.batches.c.device_id == device_id)).all()


def a_batch(device) -> tuple[bytes, str, int]:
    """A's pending batch: its bytes, its id (as the header and the URL show it to anyone), and
    how many records it holds."""
    device.household("张秀英")
    device.household("李建国")
    body = device.body()
    return device.seal(body), body["batch_id"], len(body["records"])


# -- squatting a batch id ---------------------------------------------------------------------------
def test_a_batch_id_declared_by_another_device_does_not_block_its_owner(client, engine, device, other_device):
    data, batch_id, n = a_batch(device)
    r = declare(other_device, client, data, batch_id)      # B declares A's id, and nothing more
    assert r.status_code == 200 and r.json() == {"state": "receiving", "have": []}
    r = device.upload(client, data, batch_id)              # A syncs as if nothing happened
    assert r.status_code == 200, r.text
    receipt = envelope.verify_document(r.json()["receipt"], device.county.sign_key.public_key())
    assert receipt["device_id"] == device.id and len(receipt["accepted"]) == n and not receipt["duplicate"]
    again = device.upload(client, data, batch_id)          # once more: the same receipt, nothing twice
    assert again.status_code == 200 and again.json()["receipt"]["body"]["duplicate"] is True
    assert count_records(engine) == n
    assert batches_of(engine, device.id) == [(batch_id, "done")]
    assert batches_of(engine, other_device.id) == [(batch_id, "receiving")]  # B's own, harmless


def test_another_device_uploading_a_real_batch_is_refused_and_the_owner_still_syncs(client, engine, device,
                                                                                      other_device):
    data, batch_id, n = a_batch(device)
    r = other_device.upload(client, data, batch_id)        # A's real bytes, sent by B
    assert r.status_code == 422 and "sent by device" in r.json()["detail"]
    assert count_records(engine) == 0
    assert batches_of(engine, other_device.id) == [(batch_id, "refused")]
    r = device.upload(client, data, batch_id)
    assert r.status_code == 200 and not r.json()["receipt"]["body"]["duplicate"]
    assert count_records(engine) == n
    # B cannot read A's receipt nor touch A's batch
    assert other_device.request(client, "GET", f"/api/v1/batches/{batch_id}/receipt").status_code == 404
    assert declare(other_device, client, data, batch_id).status_code == 200   # B's refused one, restarted
    assert batches_of(engine, device.id) == [(batch_id, "done")]


def test_a_squatted_id_still_imports_from_a_usb_stick(client, engine, device, other_device):
    data, batch_id, n = a_batch(device)
    assert declare(other_device, client, data, batch_id).status_code == 200
    assert other_device.upload(client, data, batch_id).status_code == 422
    receipt = ingest(engine, data)                         # zhucun-county import FILE.zhb
    assert receipt["body"]["device_id"] == device.id and len(receipt["body"]["accepted"]) == n
    assert ingest(engine, data)["body"]["duplicate"] is True
    r = device.upload(client, data, batch_id)              # and the network afterwards: the same receipt
    assert r.status_code == 200 and r.json()["receipt"]["body"]["duplicate"] is True
    assert count_records(engine) == n


# -- replaying a captured request --------------------------------------------------------------------
def test_a_captured_request_cannot_be_sent_again(client, engine, device):
    data, batch_id, _ = a_batch(device)
    path = f"/api/v1/batches/{batch_id}"
    content = (b'{"size":%d,"sha256":"%s","part_size":%d,"parts":1}'
               % (len(data), hashlib.sha256(data).hexdigest().encode(), len(data)))
    headers = device.headers("POST", path, content, {"Content-Type": "application/json"}, nonce=device.nonce(client))
    first = client.post(path, content=content, headers=headers)
    assert first.status_code == 200 and first.headers["X-Zhucun-Nonce"]   # the next nonce comes with it
    replay = client.post(path, content=content, headers=headers)          # the same bytes, heard on the wire
    assert replay.status_code == 401 and replay.json()["detail"].startswith("nonce")
    # the device goes on with the nonce the answer gave it
    r = device.request(client, "PUT", f"{path}/parts/0", content=data, nonce=first.headers["X-Zhucun-Nonce"],
                       headers={"Content-Type": "application/octet-stream",
                                "X-Part-SHA256": hashlib.sha256(data).hexdigest()})
    assert r.status_code == 200
    commit_headers = device.headers("POST", f"{path}/commit", b"{}", {"Content-Type": "application/json"},
                                    nonce=r.headers["X-Zhucun-Nonce"])
    assert client.post(f"{path}/commit", content=b"{}", headers=commit_headers).status_code == 200
    assert client.post(f"{path}/commit", content=b"{}", headers=commit_headers).status_code == 401


def test_a_nonce_is_the_device_it_was_issued_to_and_lasts_minutes_by_the_county_clock(engine, device,
                                                                                      other_device):
    now = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)
    with engine.begin() as conn:
        mine = cty.issue_nonce(conn, device.id, now)
        assert not cty.use_nonce(conn, other_device.id, mine, now)          # another device's: no
        late = cty.issue_nonce(conn, device.id, now)
        assert not cty.use_nonce(conn, device.id, late, now + timedelta(seconds=cty.NONCE_SECONDS))
        assert cty.use_nonce(conn, device.id, mine, now + timedelta(seconds=cty.NONCE_SECONDS - 1))
        assert not cty.use_nonce(conn, device.id, mine, now)                 # once
        for _ in range(cty.MAX_NONCES + 20):                                 # asking often keeps a bounded few
            cty.issue_nonce(conn, device.id, now)
        assert conn.execute(select(func.count()).select_from(db.nonces)).scalar() <= cty.MAX_NONCES


def test_a_nonce_is_given_to_enrolled_devices_only(client, engine, device):
    assert client.post("/api/v1/nonce").status_code == 401
    assert client.post("/api/v1/nonce", headers={"X-Zhucun-Device": "someone"}).status_code == 401
    r = client.post("/api/v1/nonce", headers={"X-Zhucun-Device": device.id})
    assert r.status_code == 200 and r.json()["expires_in"] == cty.NONCE_SECONDS
    cty.revoke(engine, device.id)
    assert client.post("/api/v1/nonce", headers={"X-Zhucun-Device": device.id}).status_code == 403


# -- guessing enrollment codes ------------------------------------------------------------------------
def test_wrong_enrollment_codes_are_limited(client, engine, store, county):
    fresh = Device(store, county)
    good = cty.new_code(engine, "石门村")["code"]
    for i in range(ratelimit.PER_CLIENT):
        guess = "ABCD-EFGH-" + "23456789"[i % 8] * 3 + "ABCDEFGHJK"[i]
        r = client.post("/api/v1/enroll", json=fresh.enroll_request(guess))
        assert r.status_code == 404, r.text
    r = client.post("/api/v1/enroll", json=fresh.enroll_request(good))  # even the right one waits now
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 0
    assert "too many" in r.json()["detail"]
    later = ratelimit.utc_now() + timedelta(seconds=ratelimit.WINDOW + 1)
    client.app.state.enroll_attempts.clock = lambda: later               # the window has passed
    assert client.post("/api/v1/enroll", json=fresh.enroll_request(good)).status_code == 200


def test_the_overall_limit_holds_across_addresses(engine):
    t = [datetime(2026, 11, 20, 8, 0, tzinfo=timezone.utc)]
    attempts = ratelimit.Attempts(engine, "enroll", per_client=3, overall=5, window=60, clock=lambda: t[0])
    for i in range(5):
        assert attempts.wait(f"10.0.0.{i}") == 0
        attempts.failed(f"10.0.0.{i}")
    assert attempts.wait("10.0.0.99") == 61
    signins = ratelimit.Attempts(engine, "login", per_client=3, overall=5, window=60, clock=lambda: t[0])
    assert signins.wait("10.0.0.99") == 0                                # another kind counts apart
    t[0] += timedelta(seconds=30)
    assert attempts.wait("10.0.0.99") == 31
    t[0] += timedelta(seconds=31)
    assert attempts.wait("10.0.0.99") == 0
