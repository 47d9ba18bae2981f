"""A county's devices for the tests: a device made of a real store and its enrolled key, which
builds and seals batches and signs HTTP requests as the device side does; what the county holds."""
from __future__ import annotations

import hashlib
import json
import time
from datetime import date

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from sqlalchemy import func, select

from app.services import households
from app.storage.audit import entry_hash, record_hash
from app.storage.records import new_id
from app.storage.store import Store
from app.sync import batch as batches
from app.sync import envelope
from county_server import county as cty
from county_server import db
from tests.support.stores import id_number, make_store

__all__ = ["Device", "count_records", "held", "id_number", "later",
           "make_store", "rechain", "signed_form", "strokes"]

VILLAGE = "石门村"


# -- devices --------------------------------------------------------------------------------------
class Device:
    """A real store and the key it enrolled with; builds and seals batches as a device does."""

    def __init__(self, store: Store, county: cty.County, key: Ed25519PrivateKey | None = None):
        self.store = store
        self.county = county
        self.key = key or Ed25519PrivateKey.generate()

    @property
    def id(self) -> str:
        return self.store.device_id

    @property
    def public(self) -> str:
        return envelope.public_hex(self.key.public_key())

    def enroll_request(self, code: str) -> dict:
        return {"code": code, "device_id": self.id, "store_id": self.store.store_id, "device_key": self.public,
                "label": "笔记本 1"}

    def enroll(self, engine, village: str = VILLAGE) -> dict:
        code = cty.new_code(engine, village, "城关镇")["code"]
        return cty.enroll_device(engine, self.enroll_request(code))

    # households and visits through the services, as a work team enters them
    def household(self, head: str = "李大山", **fields) -> dict:
        h = households.add_household(self.store, {"head_name": head, "village": VILLAGE, **fields})
        households.add_member(self.store, h["id"], {
            "name": head, "relation": "head", "id_number": id_number("1968-03-02", "male")})
        return households.get_household(self.store, h["id"])

    def visit(self, household_id: str, findings: str = "家中正常") -> dict:
        from app.services.visits import add_visit
        return add_visit(self.store, household_id, {"date": "2026-11-02", "mode": "home", "findings": findings},
                         today=date(2026, 11, 20))

    # batches
    def body(self, batch_id: str | None = None, mark: bool = True) -> dict:
        """The pending batch's body; `mark` puts its outbox entries in it (as sealing does)."""
        rng = batches.pending_range(self.store)
        assert rng is not None, "nothing pending"
        batch_id = batch_id or new_id()
        body = batches.build_body(self.store, batch_id, *rng)
        if mark:
            with self.store.transaction():
                self.store.conn.execute("UPDATE outbox SET batch_id = ? WHERE seq BETWEEN ? AND ?",
                                        [batch_id, *rng])
        return body

    def seal(self, body: dict, key: Ed25519PrivateKey | None = None) -> bytes:
        return envelope.seal(body, batch_id=body["batch_id"], device_id=body["device_id"],
                             device_key=key or self.key, county_key=self.county.hpke_key.public_key())

    def batch(self) -> bytes:
        return self.seal(self.body())

    # signed HTTP requests
    def nonce(self, client) -> str:
        """A nonce the county issues to this device id ("-" when it issues none: unknown, revoked)."""
        r = client.post("/api/v1/nonce", headers={"X-Zhucun-Device": self.id})
        return r.json()["nonce"] if r.status_code == 200 else "-"

    def headers(self, method: str, path: str, body: bytes = b"", extra: dict | None = None, *, nonce: str) -> dict:
        return {"X-Zhucun-Device": self.id, "X-Zhucun-Nonce": nonce, "X-Zhucun-Signature": envelope.request_signature(
            self.key, method, path, body, nonce), **(extra or {})}

    def request(self, client, method: str, path: str, *, json_body=None, content: bytes = b"",
                headers: dict | None = None, nonce: str | None = None):
        """A signed request, with a nonce the county issued for it (asked for here unless given)."""
        if json_body is not None:
            content = json.dumps(json_body).encode()
            headers = {"Content-Type": "application/json", **(headers or {})}
        nonce = nonce or self.nonce(client)
        return client.request(method, path, content=content,
                              headers=self.headers(method, path, content, headers, nonce=nonce))

    def upload(self, client, data: bytes, batch_id: str, part_size: int = 1000):
        parts = -(-len(data) // part_size)
        r = self.request(client, "POST", f"/api/v1/batches/{batch_id}", json_body={
            "size": len(data), "sha256": hashlib.sha256(data).hexdigest(), "part_size": part_size, "parts": parts})
        assert r.status_code == 200, r.text
        for n in range(parts):
            self.put_part(client, batch_id, n, data[n * part_size:(n + 1) * part_size])
        return self.request(client, "POST", f"/api/v1/batches/{batch_id}/commit", json_body={})

    def put_part(self, client, batch_id: str, n: int, chunk: bytes, sha: str | None = None):
        r = self.request(client, "PUT", f"/api/v1/batches/{batch_id}/parts/{n}", content=chunk, headers={
            "Content-Type": "application/octet-stream",
            "X-Part-SHA256": sha or hashlib.sha256(chunk).hexdigest()})
        return r


def rechain(body: dict) -> None:
    """After a test changes a record in `body`, make its audit entries agree again (as a device
    that forged the change would): each record's last entry takes the record's hash, and every
    entry's hash and link are recomputed."""
    last = {}
    for e in body["audit"]["entries"]:
        last[(e["tbl"], e["record_id"])] = e
    for r in body["records"]:
        last[(r["tbl"], r["id"])]["record_hash"] = record_hash(r["data"])
    prev = body["audit"]["prev"]
    for e in body["audit"]["entries"]:
        e["prev_hash"] = prev
        e["hash"] = prev = entry_hash(e)


def held(engine, tbl: str, record_id: str) -> dict | None:
    with engine.connect() as conn:
        row = cty.get_record(conn, tbl, record_id)
    return None if row is None else json.loads(row["data"])


def count_records(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(db.records)).scalar()


def later() -> None:
    """Let the millisecond clocks move on, so two edits are ordered by time."""
    time.sleep(0.005)


# -- a signed form ---------------------------------------------------------------------------------
FORM_DAY = date(2026, 11, 20)


def strokes(seed: int, n: int = 30) -> dict:
    """A plain, valid handwritten signature: one wavy stroke whose shape depends on `seed`."""
    pts = [[10 + i * 15, 100 + ((i * seed) % 40) - 20, i * 16] for i in range(n)]
    return {"width": 600, "height": 200, "strokes": [pts]}


def signed_form(store: Store, household_id: str) -> dict:
    """A household survey filled from the household file and signed by investigator and head."""
    from app.services import forms
    answers = forms.prefill(store, forms.get_form(store, "household_info"), household_id, FORM_DAY)
    for row in answers["members"]:
        row.setdefault("m_medical_insurance", "yes")
    answers.update({"inc_wage": "36000", "inc_business": "5200", "inc_business_expense": "1200",
                    "education_ok": "yes", "medical_ok": "yes", "housing_grade": "B",
                    "water_quantity_ok": "yes", "water_quality_ok": "yes", "water_access_ok": "yes",
                    "water_reliable_ok": "yes", "has_supporter": "yes", "risk_types": [],
                    "income_explanation": "外出务工，收入稳定"})
    inst = forms.fill(store, "household_info", household_id, answers, today=FORM_DAY)
    return forms.sign(store, inst["id"], {"investigator": strokes(3), "household": strokes(7)}, today=FORM_DAY)
