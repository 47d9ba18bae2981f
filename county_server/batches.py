"""A device's batch at the county: start → parts → commit → receipt (docs/sync.md).

A batch is declared with its size and hash, its parts arrive in any order and as often as a
cut connection makes the device send them, the commit joins them, checks the whole against the
declaration and ingests it; the signed receipt is kept, so a batch committed again is answered
with the same receipt marked duplicate. A batch the county refused stays refused until it is
started again. No HTTP here: a refusal is a `BatchRefused` carrying the status it answers with.
"""
from __future__ import annotations

import hashlib
import json

from sqlalchemy import delete, insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from app.storage.records import utc_now

from . import approvals
from . import county as cty
from . import db
from .ingest import Conflict, Refused, duplicate_receipt, ingest

MAX_PART = 8 * 2**20
MAX_PARTS = 100_000
MAX_BATCH = 512 * 2**20


class BatchRefused(Exception):
    """What the device asked cannot be done: `status` is the HTTP answer, `missing` the parts
    the county lacks (a commit before every part arrived)."""

    def __init__(self, status: int, detail, missing: list[int] | None = None):
        super().__init__(detail)
        self.status, self.detail, self.missing = status, detail, missing


def start(engine: Engine, device_id: str, batch_id: str, *, size: int, sha256: str, part_size: int,
          parts: int) -> dict:
    """Declare a batch (or declare it again after a cut): its state and the parts held."""
    c = cty.load_county(engine)
    try:
        with engine.begin() as conn:
            db.lock_device(conn, device_id)
            row = _batch(conn, device_id, batch_id)
            if row is not None:
                if row["sha256"] != sha256:
                    raise BatchRefused(409, f"batch {batch_id} is known with other content")
                if row["state"] == "done":
                    return {"state": "done", "receipt": duplicate_receipt(row["receipt"], c.sign_key)}
                if row["state"] == "refused" or (row["size"], row["part_size"], row["parts"]) != (size, part_size, parts):
                    conn.execute(delete(db.batch_parts).where(*_parts_of(device_id, batch_id)))
                conn.execute(update(db.batches).where(*_key(device_id, batch_id)).values(
                    state="receiving", size=size, part_size=part_size, parts=parts, receipt=None))
            else:
                conn.execute(insert(db.batches).values(
                    batch_id=batch_id, device_id=device_id, sha256=sha256, size=size, part_size=part_size,
                    parts=parts, state="receiving", started_at=utc_now()))
            return {"state": "receiving", "have": _have(conn, device_id, batch_id)}
    except IntegrityError:
        raise BatchRefused(409, f"batch {batch_id} is known with other content") from None


def put_part(engine: Engine, device_id: str, batch_id: str, n: int, data: bytes, sha256: str | None) -> dict:
    """Keep part `n` (again, when it came before): the part number and the parts held."""
    digest = hashlib.sha256(data).hexdigest()
    if sha256 is None or sha256.lower() != digest:
        raise BatchRefused(400, "X-Part-SHA256: the part does not match its hash (send it again)")
    with engine.begin() as conn:
        row = _own_batch(conn, device_id, batch_id)
        if row["state"] != "receiving":
            raise BatchRefused(409, f"batch {batch_id} is {row['state']}: start it again")
        if n >= row["parts"]:
            raise BatchRefused(400, f"part {n}: the batch has parts 0 to {row['parts'] - 1}")
        want = row["part_size"] if n < row["parts"] - 1 else row["size"] - row["part_size"] * (row["parts"] - 1)
        if len(data) != want:
            raise BatchRefused(400, f"part {n}: {len(data)} bytes, expected {want}")
        conn.execute(delete(db.batch_parts).where(*_parts_of(device_id, batch_id), db.batch_parts.c.n == n))
        conn.execute(insert(db.batch_parts).values(device_id=device_id, batch_id=batch_id, n=n, data=data,
                                                   sha256=digest))
        return {"part": n, "have": _have(conn, device_id, batch_id)}


def commit(engine: Engine, device_id: str, batch_id: str) -> dict:
    """Join the parts, check the whole and ingest it: the signed receipt."""
    c = cty.load_county(engine)
    with engine.begin() as conn:
        row = _own_batch(conn, device_id, batch_id)
        if row["state"] == "done":
            return duplicate_receipt(row["receipt"], c.sign_key)
        if row["state"] == "refused":
            raise BatchRefused(422, json.loads(row["receipt"]).get("refused", "refused"))
        missing = sorted(set(range(row["parts"])) - set(_have(conn, device_id, batch_id)))
        if missing:
            raise BatchRefused(400, "parts missing", missing[:10000])
        data = b"".join(r[0] for r in conn.execute(
            select(db.batch_parts.c.data).where(*_parts_of(device_id, batch_id)).order_by(db.batch_parts.c.n)))
        whole_ok = len(data) == row["size"] and hashlib.sha256(data).hexdigest() == row["sha256"]
        if not whole_ok:
            conn.execute(delete(db.batch_parts).where(*_parts_of(device_id, batch_id)))
    if not whole_ok:
        raise BatchRefused(400, "the parts together do not match the declared size and sha256: send them again",
                           list(range(row["parts"]))[:10000])
    try:
        return ingest(engine, data, sender_device_id=device_id, batch_id=batch_id)
    except Refused as e:
        with engine.begin() as conn:
            conn.execute(delete(db.batch_parts).where(*_parts_of(device_id, batch_id)))
            conn.execute(update(db.batches).where(*_key(device_id, batch_id), db.batches.c.state == "receiving")
                         .values(state="refused", received_at=utc_now(), receipt=json.dumps({"refused": e.reason})))
            approvals.store_refusal(conn, device_id, batch_id, e.reason)
        raise BatchRefused(422, e.reason) from None
    except Conflict as e:
        raise BatchRefused(409, str(e)) from None


def receipt(engine: Engine, device_id: str, batch_id: str) -> dict:
    """The receipt of a batch committed before (a device that lost the answer asks again)."""
    with db.reading(engine) as conn:
        row = _batch(conn, device_id, batch_id, lock=False)
    if row is None or row["state"] != "done":
        raise BatchRefused(404, f"no receipt for batch {batch_id}")
    return json.loads(row["receipt"])


def _key(device_id: str, batch_id: str) -> tuple:
    return db.batches.c.device_id == device_id, db.batches.c.batch_id == batch_id


def _parts_of(device_id: str, batch_id: str) -> tuple:
    return db.batch_parts.c.device_id == device_id, db.batch_parts.c.batch_id == batch_id


def _batch(conn: Connection, device_id: str, batch_id: str, lock: bool = True):
    """The device's own batch of this id: another device's batch of the same id is another batch."""
    q = select(db.batches).where(*_key(device_id, batch_id))
    if lock and db.is_postgres(conn):
        q = q.with_for_update()
    return conn.execute(q).mappings().first()


def _own_batch(conn: Connection, device_id: str, batch_id: str):
    row = _batch(conn, device_id, batch_id)
    if row is None:
        raise BatchRefused(404, f"no batch {batch_id}: start it first")
    return row


def _have(conn: Connection, device_id: str, batch_id: str) -> list[int]:
    return [r[0] for r in conn.execute(select(db.batch_parts.c.n).where(*_parts_of(device_id, batch_id))
                                       .order_by(db.batch_parts.c.n))]
