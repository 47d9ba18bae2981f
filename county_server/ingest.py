"""A device's batch into the county's records (docs/sync.md, "Ingest and the receipt").

The whole batch is refused (`Refused`, nothing stored) when it is not the sending device's,
the device is unknown or revoked, the envelope does not open, or its audit entries do not
continue the device's chain from the head the county holds. Otherwise each record is
accepted or rejected with a reason, and the accepted ones are stored, all in one transaction
together with the device's new audit head and the signed receipt.

Households merge field by field against the county's own edits: each field carries the clock
of its last edit, the newer edit wins, and the losing value goes to the conflicts table.
"""
from __future__ import annotations

import gc
import hashlib
import json
import operator
import re
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature
from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy import text as sql_text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError

from app.core import canonical
from app.core.forms.signed import signed_content
from app.storage.audit import ENTRY_FIELDS, GENESIS, record_hash
from app.storage.records import utc_now
from app.storage.schema import ADDED_COLUMNS, RECORD_TABLES
from app.sync import envelope

from . import approvals, db
from .county import NotInitialised, county_from_row, get_record

# Record columns that say who wrote a revision, not what the household is: not merged by field.
META_FIELDS = {"id", "created_at", "created_by", "device_id", "updated_at", "updated_by", "revision", "hlc"}
MAX_REASON = 300
MAX_REVISION = 2**31 - 1   # records.revision is an INTEGER column: 32 bits on PostgreSQL


class Refused(Exception):
    """The county refuses the whole batch (HTTP 422); nothing of it is stored."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


class Conflict(Exception):
    """The batch id is known with other content (HTTP 409)."""


def ingest(bind: Engine | Connection, envelope_bytes: bytes, *, sender_device_id: str | None = None,
           now: str | None = None, batch_id: str | None = None) -> dict:
    """Ingest one envelope; returns the county-signed receipt (docs/sync.md).

    `sender_device_id`: the device that sent it (over HTTP: the authenticated one); `batch_id`:
    the id it was sent under. A batch already ingested with the same content answers its
    receipt again, marked duplicate.

    Given an engine, the batch is opened and checked on a reading connection, outside any lock,
    and written in a short transaction that locks only the sending device's chain head and the
    records it writes, so several workers ingest several devices' batches at once."""
    with _collector_paused():
        return _ingest_bind(bind, envelope_bytes, sender_device_id, now, batch_id)


_pause_lock = threading.Lock()
_pauses = 0


@contextmanager
def _collector_paused():
    """Python's cycle collector off while a batch is ingested (and back on after, when no other
    thread's batch still runs): a batch makes about a million objects that the reference counts
    free at its end, and full collections walking them cost 10-15 % of ingest's CPU."""
    global _pauses
    with _pause_lock:
        ours = _pauses > 0 or gc.isenabled()   # off already, by the program: left so
        if ours:
            _pauses += 1
            gc.disable()
    try:
        yield
    finally:
        if ours:
            with _pause_lock:
                _pauses -= 1
                if _pauses == 0:
                    gc.enable()


def _ingest_bind(bind: Engine | Connection, envelope_bytes: bytes, sender_device_id: str | None, now: str | None,
                 batch_id: str | None) -> dict:
    if isinstance(bind, Engine):
        for attempt in range(_RETRIES):
            with db.reading(bind) as conn:
                seen = _verify(conn, envelope_bytes, sender_device_id, batch_id)
            if isinstance(seen, dict):
                return seen
            try:
                with bind.begin() as conn:
                    return _write(conn, seen, now or utc_now())
            except DBAPIError as e:  # two batches writing the same records in another order
                if attempt + 1 == _RETRIES or not _deadlock(e):
                    raise
    if bind.in_transaction():
        with bind.begin_nested():
            return _ingest(bind, envelope_bytes, sender_device_id, now, batch_id)
    with bind.begin():
        return _ingest(bind, envelope_bytes, sender_device_id, now, batch_id)


_RETRIES = 5


def _deadlock(e: DBAPIError) -> bool:
    return getattr(e.orig, "sqlstate", None) in ("40P01", "40001")


def duplicate_receipt(stored: str, key) -> dict:
    body = dict(json.loads(stored)["body"])
    body["duplicate"] = True
    return envelope.sign_document(body, key)


@dataclass
class _Checked:
    """A batch opened and checked against the device's chain head `device` held when it was read."""
    data: bytes
    header: Any
    digest: str
    county: Any
    device: dict
    known: dict | None
    entries: list[dict]
    verdicts: list[tuple[Any, str | None]]
    by_record: dict[tuple[str, str], list[dict]]
    texts: dict[tuple[str, str], str]     # each accepted record's canonical text, made once
    sender: str | None
    expected_id: str | None
    review: dict | None = None            # the leader's approval, checked (county_server/approvals.py)


def _ingest(conn: Connection, data: bytes, sender: str | None, now: str | None, expected_id: str | None) -> dict:
    seen = _verify(conn, data, sender, expected_id)
    return seen if isinstance(seen, dict) else _write(conn, seen, now or utc_now())


def _verify(conn: Connection, data: bytes, sender: str | None, expected_id: str | None) -> _Checked | dict:
    """Open and check the batch (reads only); a dict: the receipt of a batch already ingested."""
    try:
        header = envelope.read_header(data)
    except envelope.EnvelopeError as e:
        raise Refused(f"envelope: {e}") from None
    if "\x00" in header.batch_id + header.device_id:  # a USB file's header, not checked against a URL
        raise Refused("envelope: header ids")
    if expected_id is not None and header.batch_id != expected_id:
        raise Refused(f"the envelope is batch {header.batch_id}, sent as {expected_id}")
    if sender is not None and header.device_id != sender:
        raise Refused(f"sealed by device {header.device_id}, sent by device {sender}")
    county_row = conn.execute(select(db.county)).mappings().first()
    if county_row is None:
        raise NotInitialised("数据库未初始化 (no county in this database): zhucun-county init")
    county = county_from_row(conn, county_row)
    device = conn.execute(select(db.devices).where(db.devices.c.device_id == header.device_id)).mappings().first()
    if device is None:
        raise Refused(f"unknown device {header.device_id}")
    if device["revoked_at"] is not None:
        raise Refused(f"device {header.device_id} was revoked")
    device = dict(device)
    digest = hashlib.sha256(data).hexdigest()

    known = _known(conn, header)
    if known is not None:
        if known["sha256"] != digest:
            raise Conflict(f"batch {header.batch_id} is known with other content")
        if known["state"] == "done":
            return duplicate_receipt(known["receipt"], county.sign_key)

    try:
        _, batch = envelope.open_envelope(data, county_key=county.hpke_key,
                                          device_key=envelope.ed25519_public(device["public_key"]))
    except envelope.EnvelopeError as e:
        raise Refused(f"envelope: {e}") from None
    if batch.get("store_id") != device["store_id"]:
        raise Refused(f"batch from store {batch.get('store_id')!r}, the device was enrolled with another store")
    entries = _check_chain(batch.get("audit"), device)
    items = batch.get("records")
    if not isinstance(items, list):
        raise Refused("records: not a list")

    last_entry: dict[tuple[str, str], dict] = {}
    by_record: dict[tuple[str, str], list[dict]] = {}
    for e in entries:
        last_entry[(e["tbl"], e["record_id"])] = e
        by_record.setdefault((e["tbl"], e["record_id"]), []).append(e)

    # First pass: each record on its own (shape, table, hash against its audit entry).
    checked: list[tuple[dict, str | None]] = []
    texts: dict[tuple[str, str], str] = {}
    for item in items:
        why, text = _check_record(item, last_entry)
        if why is None and (item["tbl"], item["id"]) in texts:
            why = "listed twice in the batch"
        if why is None:
            texts[(item["tbl"], item["id"])] = text
        checked.append((item, why))
    good = {(i["tbl"], i["id"]): i for i, why in checked if why is None}

    # Second pass: signed forms, which need the signatures and the signer from the same
    # device (in this batch or held from earlier ones).
    signed = {i["id"] for i, why in checked
              if why is None and i["tbl"] == "form_instances" and i["data"].get("state") == "signed"}
    signatures = _form_signatures(conn, signed, good, device["device_id"])
    verdicts: list[tuple[dict, str | None]] = []
    for item, why in checked:
        if why is None and item["tbl"] == "form_instances" and item["data"].get("state") == "signed":
            why = _check_signed_form(conn, item["data"], good, signatures[item["id"]], device["device_id"])
            if why is not None:
                good.pop(("form_instances", item["id"]), None)
        verdicts.append((item, why))
    try:
        review = approvals.check(conn, batch, good, entries, device["device_id"])
    except approvals.ApprovalRefused as e:
        raise Refused(str(e)) from None
    return _Checked(data, header, digest, county, device, known, entries, verdicts, by_record, texts,
                    sender, expected_id, review)


def _known(conn: Connection, header) -> dict | None:
    row = conn.execute(select(db.batches).where(*_batch_key(header))).mappings().first()
    return None if row is None else dict(row)


def _batch_key(header):
    return db.batches.c.device_id == header.device_id, db.batches.c.batch_id == header.batch_id


def _write(conn: Connection, c: _Checked, now: str) -> dict:
    """Store a checked batch: under the device's lock, from the chain head it was checked against
    (checked again here, under the lock, when another batch of the device came in between)."""
    db.share_county(conn)  # a county edit of a household waits for ingests under way, not they for each other
    device = db.lock_device(conn, c.header.device_id)
    if device is None or dict(device) != c.device or _known(conn, c.header) != c.known:
        seen = _verify(conn, c.data, c.sender, c.expected_id)
        if isinstance(seen, dict):
            return seen
        c = seen
    header, device = c.header, c.device
    accepted, rejected = [], []
    houses: dict[tuple[str, str], dict] = {}
    others: list[dict] = []
    for item, why in c.verdicts:
        if why is None:
            if item["tbl"] == "households":
                houses[("households", item["id"])] = item
            else:
                others.append(_values(item, device["device_id"], header.batch_id, c.texts.get((item["tbl"], item["id"]))))
            accepted.append([item["tbl"], item["id"], item["revision"]])
        else:
            rejected.append({"tbl": _text(item.get("tbl") if isinstance(item, dict) else None),
                             "id": _text(item.get("id") if isinstance(item, dict) else None),
                             "revision": _int(item.get("revision") if isinstance(item, dict) else None),
                             "reason": why[:MAX_REASON]})
    # Households merge field by field with what the county holds (read and locked here);
    # every other record is written over the held one only when newer, by one statement.
    _write_households(conn, c, houses, now)
    _upsert(conn, others)

    entries = c.entries
    head, seq = (entries[-1]["hash"], entries[-1]["seq"]) if entries else (device["audit_head"], device["audit_seq"])
    conn.execute(update(db.devices).where(db.devices.c.device_id == device["device_id"])
                 .values(audit_head=head, audit_seq=seq))
    receipt = envelope.sign_document({
        "batch_id": header.batch_id, "device_id": header.device_id, "content_hash": c.digest,
        "received_at": now, "duplicate": False, "accepted": accepted, "rejected": rejected,
        "audit_head": head}, c.county.sign_key)
    values = {"state": "done", "received_at": now, "receipt": canonical.dumps(receipt)}
    if c.known is None:
        conn.execute(insert(db.batches).values(batch_id=header.batch_id, device_id=header.device_id,
                                               sha256=c.digest, size=len(c.data), part_size=len(c.data), parts=1,
                                               started_at=now, **values))
    else:
        conn.execute(update(db.batches).where(*_batch_key(header)).values(**values))
    conn.execute(delete(db.batch_parts).where(db.batch_parts.c.device_id == header.device_id,
                                              db.batch_parts.c.batch_id == header.batch_id))
    approvals.store(conn, header.device_id, header.batch_id, c.review)
    return receipt


# -- the audit chain ----------------------------------------------------------------------------
_ENTRY_KEYS = frozenset(ENTRY_FIELDS + ("hash",))
_entry_texts = operator.itemgetter(*(k for k in ENTRY_FIELDS + ("hash",) if k not in ("seq", "revision")))


def _check_chain(audit, device) -> list[dict]:
    """The batch's audit entries, each recomputed, continuing the device's chain."""
    if not isinstance(audit, dict) or not isinstance(audit.get("entries"), list):
        raise Refused("audit: missing or not {prev, entries}")
    prev, entries = audit.get("prev"), audit["entries"]
    if prev != device["audit_head"]:
        held = "none yet" if device["audit_head"] == GENESIS else f"entry {device['audit_seq']}"
        raise Refused(f"audit chain: the batch continues from {str(prev)[:16]}…, the county holds"
                      f" {device['audit_head'][:16]}… ({held}): a batch is missing or was rewritten")
    expected_seq = device["audit_seq"] + 1
    for i, e in enumerate(entries):
        if type(e) is not dict or e.keys() != _ENTRY_KEYS:
            raise Refused(f"audit entry {i}: fields")
        try:  # join takes text only: one C call checks every text field's type
            joined = "".join(_entry_texts(e))
        except TypeError:
            joined = None
        if joined is None or type(e["seq"]) is not int or type(e["revision"]) is not int:
            raise Refused(f"audit entry {i}: field types")
        if "\x00" in joined:
            raise Refused(f"audit entry {i}: a NUL character")  # no text column can hold one
        if e["seq"] != expected_seq:
            raise Refused(f"audit chain: entry {expected_seq} missing (next is {e['seq']})")
        if e["prev_hash"] != prev:
            raise Refused(f"audit chain: entry {e['seq']} does not link to the one before")
        body = dict(e)
        del body["hash"]
        try:  # text and whole numbers only (checked above): canonical without a search for floats
            if hashlib.sha256(canonical.encode_plain(body)).hexdigest() != e["hash"]:
                raise Refused(f"audit chain: entry {e['seq']} does not match its hash")
        except (TypeError, ValueError):
            raise Refused(f"audit entry {e['seq']}: not canonical") from None
        prev, expected_seq = e["hash"], e["seq"] + 1
    return entries


# -- one record ----------------------------------------------------------------------------------
def _text(v) -> str:
    return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=str)[:100]


def _int(v) -> int:
    return v if type(v) is int else 0


def _check_record(item, last_entry) -> tuple[str | None, str | None]:
    """(None, its canonical text) for a record that stands on its own, else (why not, None)."""
    if not isinstance(item, dict):
        return "not a record", None
    tbl, rid, rev, data = item.get("tbl"), item.get("id"), item.get("revision"), item.get("data")
    if not isinstance(tbl, str) or tbl not in RECORD_TABLES:
        return f"unknown table {_text(tbl)}", None
    if not isinstance(rid, str) or not rid or len(rid) > 64:
        return "id: 1-64 characters", None
    if type(rev) is not int or not 1 <= rev <= MAX_REVISION:
        return f"revision: a whole number from 1 to {MAX_REVISION}", None
    if not isinstance(data, dict):
        return "data: not a record", None
    if data.get("id") != rid or data.get("revision") != rev:
        return "data does not match the record's id and revision", None
    if not isinstance(data.get("hlc"), str) or data.get("hlc") != item.get("hlc"):
        return "hlc does not match the record's", None
    if "\x00" in item["hlc"]:
        return "hlc: a NUL character", None
    if item.get("op") != ("delete" if data.get("deleted") else "upsert"):
        return "op does not match the record's tombstone", None
    entry = last_entry.get((tbl, rid))
    if entry is None:
        return "no audit entry for this record in the batch", None
    if entry["revision"] != rev:
        return f"revision {rev} is not the audited revision {entry['revision']}", None
    try:  # the batch was read by canonical.loads: no NaN or infinity in it to look for
        raw = canonical.encode_loaded(data)
        text = raw.decode("utf-8")
    except (TypeError, ValueError):
        return "data is not canonical (floats or non-text keys)", None
    # record_hash leaves out a later column while it is empty (app/storage/audit.py)
    digest = record_hash(data) if any(data.get(k, 0) is None for k in ADDED_COLUMNS) \
        else hashlib.sha256(raw).hexdigest()
    if digest != entry["record_hash"]:
        return "record_hash: the record does not match its audit entry (changed after it was written)", None
    return None, text


def _stored_data(conn: Connection, tbl: str, record_id: str, device_id: str) -> dict | None:
    row = get_record(conn, tbl, record_id)
    if row is None or row["device_id"] != device_id:
        return None
    return json.loads(row["data"])


_INSTANCE_ID = re.compile(r'"instance_id":("(?:[^"\\]|\\.)*")')


def _stored_signatures(conn: Connection, instance_ids: set[str], device_id: str) -> list[dict]:
    """The handwritten signatures of these forms that this device sent in earlier batches: one
    pass over the device's held signatures, whatever the number of forms (a row is parsed only
    when its text names one of them)."""
    r = db.records
    out = []
    for (text,) in conn.execute(select(r.c.data).where(r.c.tbl == "form_signatures", r.c.device_id == device_id)):
        if not any(json.loads(m.group(1)) in instance_ids for m in _INSTANCE_ID.finditer(text)):
            continue
        d = json.loads(text)
        if isinstance(d.get("instance_id"), str) and d["instance_id"] in instance_ids:
            out.append(d)
    return out


def _form_signatures(conn: Connection, instance_ids: set[str], good: dict, device_id: str) -> dict[str, dict]:
    """For each signed form of the batch, its handwritten signatures by id: those held from
    earlier batches, then the batch's own."""
    out: dict[str, dict] = {i: {} for i in instance_ids}
    if not instance_ids:
        return out
    for s in _stored_signatures(conn, instance_ids, device_id):
        out[s["instance_id"]][s["id"]] = s
    for (tbl, _), item in good.items():
        owner = item["data"].get("instance_id") if tbl == "form_signatures" else None
        if isinstance(owner, str) and owner in out:
            out[owner][item["id"]] = item["data"]
    return out


def _check_signed_form(conn: Connection, inst: dict, good: dict, sigs: dict, device_id: str) -> str | None:
    """A signed form: its signature verifies with the signer's key, and that key is the
    `users` record's of the signer, from this device. `sigs`: its handwritten signatures by id
    (`_form_signatures`)."""
    for k in ("signature", "signer_key", "signed_at", "signed_by"):
        if not isinstance(inst.get(k), str) or not inst[k]:
            return f"signed form without {k}"
    user = good.get(("users", inst["signed_by"]))
    user_data = user["data"] if user else _stored_data(conn, "users", inst["signed_by"], device_id)
    if user_data is None:
        return "signer_key: the signer is not a user known from this device"
    if user_data.get("public_key") != inst["signer_key"]:
        return "signer_key: not the signer's key (users record)"
    rows = [s for s in sigs.values() if not s.get("deleted")]
    try:
        content = signed_content(inst, rows, inst["signed_at"], inst["signed_by"])
    except (KeyError, TypeError, ValueError):
        return "signature: the form or its handwritten signatures are incomplete"
    if inst.get("content_hash") is not None and hashlib.sha256(content).hexdigest() != inst["content_hash"]:
        return "content_hash: does not match the signed content"
    try:
        envelope.ed25519_public(inst["signer_key"]).verify(bytes.fromhex(inst["signature"]), content)
    except (InvalidSignature, ValueError):
        return "signature: does not verify (the form or its signatures changed after signing)"
    return None


# -- storing ---------------------------------------------------------------------------------------
def _held(conn: Connection, items: list[dict], chunk: int = 500, lock: bool = False) -> dict[tuple[str, str], dict]:
    """What the county holds of these records, read a few hundred at a time (PostgreSQL: all of a
    table at once, its ids as one array), not one query each; `lock`: locked for this transaction
    (PostgreSQL), in one order whatever the batch's."""
    ids: dict[str, list[str]] = {}
    for item in items:
        ids.setdefault(item["tbl"], []).append(item["id"])
    r, out = db.records, {}
    for tbl in sorted(ids):
        rids = sorted(ids[tbl])
        if db.is_postgres(conn):
            rows = conn.exec_driver_sql(f"SELECT {', '.join(_COLUMNS)} FROM records WHERE tbl = %s AND id = ANY(%s)"
                                        f" ORDER BY id{' FOR UPDATE' if lock else ''}", (tbl, rids)).mappings()
            out.update(((row["tbl"], row["id"]), row) for row in rows)
            continue
        for start in range(0, len(rids), chunk):
            q = select(r).where(r.c.tbl == tbl, r.c.id.in_(rids[start:start + chunk]))
            for row in conn.execute(q).mappings():
                out[(row["tbl"], row["id"])] = row
    return out


def _write_households(conn: Connection, c: _Checked, houses: dict[tuple[str, str], dict], now: str) -> None:
    """Merge the batch's households into the county's: new ones inserted, held ones rewritten."""
    if not houses:
        return
    device_id, batch_id = c.device["device_id"], c.header.batch_id
    held = _held(conn, list(houses.values()), lock=db.is_postgres(conn))
    inserts: list[dict] = []
    updates: list[dict] = []
    conflicts: list[dict] = []

    def merge(key) -> None:
        row = held.get(key)
        values, found = _merged(row, houses[key], c.by_record.get(key, []), device_id, batch_id, now, c.texts.get(key))
        (inserts if row is None else updates).append(values)
        conflicts.extend(found)
    for key in houses:
        merge(key)
    missed = _insert_new(conn, inserts)
    if missed:  # written by another device's batch since they were read: now held, merged as such
        held = _held(conn, [houses[k] for k in missed], lock=True)
        inserts = []
        for key in missed:
            merge(key)
        _insert_new(conn, inserts)
    if updates:
        _update_held(conn, updates)
    if conflicts:
        conn.execute(insert(db.conflicts), conflicts)


def _insert_new(conn: Connection, rows: list[dict]) -> list[tuple[str, str]]:
    """Insert records new to the county in one statement; returns those another transaction
    inserted first (PostgreSQL; on SQLite writers queue, so there are none)."""
    if not rows:
        return []
    rows = sorted(rows, key=lambda v: (v["tbl"], v["id"]))
    if not db.is_postgres(conn):
        conn.execute(insert(db.records), rows)
        return []
    cols = ", ".join(_COLUMNS)
    _copy_in(conn, "ingest_new", rows)
    done = set(map(tuple, conn.exec_driver_sql(
        f"INSERT INTO records ({cols}) SELECT {cols} FROM ingest_new ORDER BY tbl, id"
        " ON CONFLICT (tbl, id) DO NOTHING RETURNING tbl, id").all()))
    return [(v["tbl"], v["id"]) for v in rows if (v["tbl"], v["id"]) not in done]


_COLUMNS = ("tbl", "id", "revision", "hlc", "device_id", "batch_id", "deleted", "data", "field_hlc")
_NEWER = "(excluded.revision, excluded.hlc COLLATE \"C\") > (records.revision, records.hlc COLLATE \"C\")"
_sqlite_upsert = sqlite_insert(db.records)
_SQLITE_UPSERT = _sqlite_upsert.on_conflict_do_update(
    index_elements=["tbl", "id"], set_={c: _sqlite_upsert.excluded[c] for c in _COLUMNS[2:]},
    where=sql_text(_NEWER.replace(' COLLATE "C"', "")))  # SQLite compares text by its bytes: code point order


def _upsert(conn: Connection, rows: list[dict]) -> None:
    """Write records (not households) in one statement: a record new to the county is inserted,
    a held one rewritten when the batch's is newer by (revision, hlc), else left as held. On
    PostgreSQL the rows go by COPY and one INSERT … ON CONFLICT DO UPDATE … WHERE, in key order."""
    if not rows:
        return
    if not db.is_postgres(conn):
        conn.execute(_SQLITE_UPSERT, rows)
        return
    cols = ", ".join(_COLUMNS)
    sets = ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS[2:])
    _copy_in(conn, "ingest_new", rows)
    conn.exec_driver_sql(f"INSERT INTO records ({cols}) SELECT {cols} FROM ingest_new ORDER BY tbl, id"
                         f" ON CONFLICT (tbl, id) DO UPDATE SET {sets} WHERE {_NEWER}")


def _copy_in(conn: Connection, table: str, rows: list[dict]) -> None:
    """PostgreSQL: the rows by COPY into a temporary table of the session, emptied first."""
    conn.exec_driver_sql(f"CREATE TEMP TABLE IF NOT EXISTS {table} (LIKE records) ON COMMIT DELETE ROWS")
    conn.exec_driver_sql(f"DELETE FROM {table}")
    with conn.connection.dbapi_connection.cursor() as cur, \
            cur.copy(f"COPY {table} ({', '.join(_COLUMNS)}) FROM STDIN") as copy:
        for v in rows:
            copy.write_row([v[c] for c in _COLUMNS])


_UPDATE = (update(db.records).where(db.records.c.tbl == bindparam("k_tbl"), db.records.c.id == bindparam("k_id"))
           .values({c: bindparam(c) for c in _COLUMNS[2:]}))


def _update_held(conn: Connection, rows: list[dict]) -> None:
    """Rewrite held records (locked by `_held`) in one statement: on PostgreSQL an UPDATE … FROM
    the rows copied in, on SQLite one statement executed for many rows."""
    if db.is_postgres(conn):
        _copy_in(conn, "ingest_held", rows)
        sets = ", ".join(f"{c} = h.{c}" for c in _COLUMNS[2:])
        conn.exec_driver_sql(f"UPDATE records r SET {sets} FROM ingest_held h WHERE r.tbl = h.tbl AND r.id = h.id")
        return
    conn.execute(_UPDATE, [{"k_tbl": v["tbl"], "k_id": v["id"], **{k: v[k] for k in _COLUMNS[2:]}} for v in rows])


def _values(item: dict, device_id: str, batch_id: str, text: str | None) -> dict:
    """The `records` row of an accepted record (not a household). `text`: its canonical JSON,
    when already made."""
    data = item["data"]
    return {"tbl": item["tbl"], "id": item["id"], "revision": item["revision"], "hlc": item["hlc"],
            "device_id": device_id, "batch_id": batch_id, "deleted": 1 if data.get("deleted") else 0,
            "data": text if text is not None else canonical.dumps(data), "field_hlc": None}


def _device_clocks(item: dict, entries: list[dict], loads) -> tuple[dict, dict]:
    """Per field: the clock of the batch's last entry that changed it, and the value that
    change replaced (an edit made on top of the county's value saw it: no conflict)."""
    clocks, before = {}, {}
    for e in entries:
        try:
            changes = loads(e["changes"])
        except ValueError:  # json's and orjson's JSONDecodeError
            changes = {}
        if e["action"] == "insert":
            for f in item["data"]:
                clocks[f] = e["hlc"]
                before.pop(f, None)
        elif e["action"] == "delete":
            for f in ("deleted", "delete_reason"):
                clocks[f] = e["hlc"]
                before.pop(f, None)
        elif isinstance(changes, dict):
            for f, change in changes.items():
                clocks[f] = e["hlc"]
                if isinstance(change, list) and len(change) == 2:
                    before[f] = change[0]
                else:
                    before.pop(f, None)
    return clocks, before


def _node(hlc: str | None) -> str | None:
    return hlc.split("-", 2)[2] if hlc and hlc.count("-") >= 2 else None


def _merged(row, item, entries, device_id, batch_id, now, text) -> tuple[dict, list[dict]]:
    """`_merge_household`, its texts read by orjson; by json when orjson read a held whole
    number beyond 64 bits as a float (canonical JSON refuses it: TypeError)."""
    try:
        return _merge_household(row, item, entries, device_id, batch_id, now, text, canonical.loads)
    except TypeError:
        return _merge_household(row, item, entries, device_id, batch_id, now, text, json.loads)


def _merge_household(row, item, entries, device_id, batch_id, now, text, loads) -> tuple[dict, list[dict]]:
    """The household's row to write over `row`, what the county holds of it (None: nothing),
    and the conflicts the merge keeps. `text`: the batch's record as canonical JSON, when made."""
    data, rec_hlc = item["data"], item["hlc"]
    clocks, before = _device_clocks(item, entries, loads)
    if row is None:
        field_hlc = {f: clocks.get(f, rec_hlc) for f in data if f not in META_FIELDS}
        return ({"tbl": "households", "id": item["id"], "revision": item["revision"], "hlc": rec_hlc,
                 "device_id": device_id, "batch_id": batch_id, "deleted": 1 if data.get("deleted") else 0,
                 "data": text if text is not None else canonical.dumps(data),
                 "field_hlc": canonical.dumps(field_hlc)}, [])
    merged = loads(row["data"])
    field_hlc = loads(row["field_hlc"]) if row["field_hlc"] else {}
    conflicts: list[dict] = []
    for f, value in data.items():
        if f in META_FIELDS:
            continue
        dclock = clocks.get(f)
        if f not in merged:
            merged[f], field_hlc[f] = value, dclock or rec_hlc
            continue
        if dclock is None:          # not edited in this batch: what the county holds stands
            continue
        held, cclock = merged[f], field_hlc.get(f)
        if value == held:
            field_hlc[f] = max(dclock, cclock or "")
            continue
        # Edited both here and there: unless the device edited on top of the county's value.
        both = cclock is not None and _node(cclock) != _node(dclock) and before.get(f, _MISSING) != held
        if cclock is None or dclock > cclock:
            merged[f], field_hlc[f] = value, dclock
            if both:
                conflicts.append(_conflict(row, f, value, held, "device", dclock, cclock, device_id, batch_id, now))
        elif _node(cclock) != _node(dclock):
            conflicts.append(_conflict(row, f, held, value, "county" if _node(cclock) == "county" else "device",
                                       cclock, dclock, device_id, batch_id, now))
    if rec_hlc > merged.get("hlc", ""):
        for f in META_FIELDS - {"id", "created_at", "created_by", "device_id"}:
            if f in data:
                merged[f] = data[f]
    revision = max(item["revision"], row["revision"])
    merged["revision"] = max(revision, merged.get("revision", 0))
    hlc = max(rec_hlc, row["hlc"])
    return ({"tbl": "households", "id": item["id"], "revision": revision, "hlc": hlc, "device_id": device_id,
             "batch_id": batch_id, "deleted": 1 if merged.get("deleted") else 0,
             "data": canonical.dumps(merged), "field_hlc": canonical.dumps(field_hlc)}, conflicts)


_MISSING = object()


def _conflict(row, field, kept, lost, winner, kept_hlc, lost_hlc, device_id, batch_id, now) -> dict:
    """A `conflicts` row: the value kept and the one lost, for the county to review."""
    return {"tbl": row["tbl"], "record_id": row["id"], "field": field, "kept_value": canonical.dumps(kept),
            "lost_value": canonical.dumps(lost), "winner": winner, "kept_hlc": kept_hlc, "lost_hlc": lost_hlc,
            "device_id": device_id, "batch_id": batch_id, "at": now, "reviewed": 0}
