"""Records down to a village's devices (docs/sync.md, "Records down"), and the restore code.

Every record the county holds, and every conflict it kept, has a place in one feed: a number
given when it was written and given again each time it changes. A device asks for what lies
after the place it has read to (its cursor) and gets only its village's records, as they stand
now — a household merged field by field from every device, with each field's clock — signed by
the county and encrypted to that device (app/sync/down.py). Places are given under the county's
lock, in the same transaction that reads the page, so a place is never visible before a lower
one: a device that has read to N has everything up to N.

A record is placed in the village of the device whose batch first brought it. One written since
from a device of another village is withheld from both villages (a device never receives another
village's records); the county's own edits (roster) keep the record's village.
"""
from __future__ import annotations

import base64
import graphlib
import json
import re
import threading
import time
import weakref
from concurrent.futures import Future, ThreadPoolExecutor

import orjson

from sqlalchemy import bindparam, delete, exists, insert, select, update
from sqlalchemy.engine import Connection, Engine

from app.core.errors import NotFound, StateError
from app.storage.schema import RECORD_TABLES
from app.sync import down, envelope

from . import db

PAGE_ITEMS = 2000
MAX_PAGE_ITEMS = 20_000
CHUNK = 500
_ready: weakref.WeakSet = weakref.WeakSet()
# The device's foreign keys: a record's parent must be there before it (members → households…).
PARENTS = {tbl: re.findall(r"(\w+) TEXT(?: NOT NULL)? REFERENCES (\w+)\(id\)", columns)
           for tbl, columns in RECORD_TABLES.items()}
# A batch's records are placed parents' tables first, so a page seldom needs a parent placed after it.
RANK = {tbl: k for k, tbl in enumerate(graphlib.TopologicalSorter(
    {tbl: {parent for _, parent in parents} - {tbl} for tbl, parents in PARENTS.items()}).static_order())}


def ensure_tables(engine: Engine) -> None:
    """The feed's tables in a county database made before they existed (once per engine)."""
    if engine not in _ready:
        db.metadata.create_all(engine, tables=list(db.DOWN_TABLES))
        _ready.add(engine)


def mark(conn: Connection, tbl: str, record_id: str) -> None:
    """A record the county itself changed: placed anew at the next page asked for."""
    m = db.down_marks
    if conn.execute(select(m.c.tbl).where(m.c.tbl == tbl, m.c.id == record_id)).first() is None:
        conn.execute(insert(m).values(tbl=tbl, id=record_id))


# -- placing --------------------------------------------------------------------------------------
def refresh(conn: Connection) -> int:
    """Place what changed since the last call: records of batches not yet placed, records the
    county changed, conflicts not yet placed. Call under db.lock_county. Returns the last place."""
    state = conn.execute(select(db.down_state.c.seq).where(db.down_state.c.id == 1)).scalar()
    if state is None:
        conn.execute(insert(db.down_state).values(id=1, seq=0))
        state = 0
    counter = [state]
    villages = dict(conn.execute(select(db.devices.c.device_id, db.devices.c.village)).all())
    b, s, r = db.batches, db.down_batches, db.records
    new = conn.execute(select(b.c.device_id, b.c.batch_id).where(
        b.c.state == "done", ~exists().where(s.c.device_id == b.c.device_id, s.c.batch_id == b.c.batch_id))
        .order_by(b.c.received_at, b.c.device_id, b.c.batch_id)).all()
    for device_id, batch_id in new:
        keys = sorted((tuple(k) for k in conn.execute(select(r.c.tbl, r.c.id).where(
            r.c.device_id == device_id, r.c.batch_id == batch_id))), key=lambda k: (RANK.get(k[0], len(RANK)), k))
        _place(conn, keys, villages.get(device_id, ""), counter, county_edit=False)
        conn.execute(insert(s).values(device_id=device_id, batch_id=batch_id))
    marks = [tuple(k) for k in conn.execute(select(db.down_marks.c.tbl, db.down_marks.c.id))]
    if marks:
        _place(conn, marks, "", counter, county_edit=True)
        conn.execute(delete(db.down_marks))
    c, dc, x = db.conflicts, db.down_conflicts, db.down_index
    fresh = conn.execute(select(c.c.id, x.c.village).join(x, (x.c.tbl == c.c.tbl) & (x.c.id == c.c.record_id))
                         .where(~exists().where(dc.c.conflict_id == c.c.id)).order_by(c.c.id)).all()
    rows = []
    for conflict_id, village in fresh:
        counter[0] += 1
        rows.append({"conflict_id": conflict_id, "village": village, "seq": counter[0]})
    if rows:
        conn.execute(insert(dc), rows)
    if counter[0] != state:
        conn.execute(update(db.down_state).where(db.down_state.c.id == 1).values(seq=counter[0]))
    return counter[0]


def _place(conn: Connection, keys: list[tuple[str, str]], village: str, counter: list[int], *,
           county_edit: bool) -> None:
    x = db.down_index
    held: dict[tuple[str, str], str] = {}
    by_tbl: dict[str, list[str]] = {}
    for tbl, rid in keys:
        by_tbl.setdefault(tbl, []).append(rid)
    for tbl, ids in by_tbl.items():
        for start in range(0, len(ids), CHUNK):
            for t, i, v in conn.execute(select(x.c.tbl, x.c.id, x.c.village).where(
                    x.c.tbl == tbl, x.c.id.in_(ids[start:start + CHUNK]))):
                held[(t, i)] = v
    inserts, updates = [], []
    for key in keys:
        counter[0] += 1
        if key in held:
            place = held[key] if county_edit or held[key] == village else ""
            updates.append({"k_tbl": key[0], "k_id": key[1], "village": place, "seq": counter[0]})
        elif not county_edit and village:
            inserts.append({"tbl": key[0], "id": key[1], "village": village, "seq": counter[0]})
    if inserts:
        conn.execute(insert(x), inserts)
    if updates:
        conn.execute(update(x).where(x.c.tbl == bindparam("k_tbl"), x.c.id == bindparam("k_id"))
                     .values(village=bindparam("village"), seq=bindparam("seq")), updates)


# -- a page -----------------------------------------------------------------------------------------
def page(engine: Engine, device_id: str, village: str, after: int, limit: int = PAGE_ITEMS) -> dict:
    """What the device's village holds after place `after`, at most `limit` records: {device_id,
    village, after, last, more, items}. A record the device itself wrote last (and that no other
    device merged into) is left out: it has it."""
    ensure_tables(engine)
    limit = max(1, min(int(limit), MAX_PAGE_ITEMS))
    x, r, dc, c = db.down_index, db.records, db.down_conflicts, db.conflicts
    with engine.begin() as conn:
        db.lock_county(conn)
        top = refresh(conn)
        rows = conn.execute(
            select(x.c.seq, r.c.tbl, r.c.id, r.c.revision, r.c.hlc, r.c.device_id, r.c.deleted, r.c.data,
                   r.c.field_hlc)
            .join(r, (r.c.tbl == x.c.tbl) & (r.c.id == x.c.id))
            .where(x.c.village == village, x.c.seq > after).order_by(x.c.seq).limit(limit)).all()
        more = len(rows) == limit
        last = rows[-1][0] if more else max(top, after)
        conflicts = conn.execute(
            select(dc.c.seq, c).join(c, c.c.id == dc.c.conflict_id)
            .where(dc.c.village == village, dc.c.seq > after, dc.c.seq <= last).order_by(dc.c.seq)).mappings().all()
    items = [_item(row) for row in rows if row[5] != device_id or row[1] == "households"]
    items = _parents_first(engine, village, last, items)
    for row in conflicts:
        items.append({"seq": row["seq"], "order": (row["seq"], 1), "conflict": {
            "id": row["id"], "tbl": row["tbl"], "record_id": row["record_id"], "field": row["field"],
            "kept": json.loads(row["kept_value"]) if row["kept_value"] is not None else None,
            "lost": json.loads(row["lost_value"]) if row["lost_value"] is not None else None,
            "winner": row["winner"], "kept_hlc": row["kept_hlc"], "lost_hlc": row["lost_hlc"], "at": row["at"]}})
    items.sort(key=lambda i: i["order"])
    for i in items:
        del i["order"]
    return {"device_id": device_id, "village": village, "after": after, "last": last, "more": more,
            "items": items}


def _item(row, order=None) -> dict:
    seq, tbl, rid, revision, hlc, author, deleted, data, field_hlc = row
    return {"seq": seq, "order": order or (seq, 0), "tbl": tbl, "id": rid, "revision": revision, "hlc": hlc,
            "author": author, "deleted": bool(deleted), "data": _loads(data),
            "field_hlc": _loads(field_hlc) if field_hlc else None}


def _loads(text: str):
    """A stored record's JSON: orjson's reading when it can (several times the standard
    library's speed), the standard library's for what orjson refuses (an integer beyond 64 bits)."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError:
        return json.loads(text)


def _parents_first(engine: Engine, village: str, last: int, items: list[dict]) -> list[dict]:
    """Each record's parents come before it, so the device's foreign keys hold: one later in the
    page (a household changed since its members were placed) moves up to just before its first
    child; one placed after the page comes in it too, and again in its own place (then held)."""
    by_key = {(i["tbl"], i["id"]): i for i in items}
    out, todo, absent, n = list(items), sorted(items, key=lambda i: i["order"]), set(), 0
    with db.reading(engine) as conn:
        while todo:
            moved = []
            later = _placed_later(conn, village, last, todo, by_key, absent)
            for item in todo:
                for column, parent in PARENTS.get(item["tbl"], ()):
                    key = (parent, item["data"].get(column))
                    if not isinstance(key[1], str) or key in absent:
                        continue
                    found = by_key.get(key)
                    if found is None:
                        row = later.get(key)
                        if row is None:   # held by the device already (or not this village's)
                            absent.add(key)
                            continue
                        found = by_key[key] = _item(row)
                        out.append(found)
                    elif found["order"] < item["order"]:
                        continue
                    n += 1   # a grandparent, moved later, comes before its child's parent
                    found["order"] = (item["order"][0], -n)
                    moved.append(found)
            todo = moved
    return out


def _placed_later(conn: Connection, village: str, last: int, items: list[dict], by_key: dict, absent: set) -> dict:
    """The parents of `items` neither in the page nor known absent, placed after it: one query
    a table (of CHUNK ids), not one a parent."""
    x, r = db.down_index, db.records
    wanted: dict[str, set[str]] = {}
    for item in items:
        for column, parent in PARENTS.get(item["tbl"], ()):
            key = (parent, item["data"].get(column))
            if isinstance(key[1], str) and key not in absent and key not in by_key:
                wanted.setdefault(parent, set()).add(key[1])
    found = {}
    for tbl, ids in wanted.items():
        ids = sorted(ids)
        for start in range(0, len(ids), CHUNK):
            for row in conn.execute(
                    select(x.c.seq, r.c.tbl, r.c.id, r.c.revision, r.c.hlc, r.c.device_id, r.c.deleted, r.c.data,
                           r.c.field_hlc).join(r, (r.c.tbl == x.c.tbl) & (r.c.id == x.c.id))
                    .where(x.c.tbl == tbl, x.c.id.in_(ids[start:start + CHUNK]), x.c.village == village,
                           x.c.seq > last)):
                found[(row[1], row[2])] = row
    return found


def sealed_page(engine: Engine, county, device_id: str, after: int, limit: int = PAGE_ITEMS) -> bytes:
    """A page for an enrolled, not revoked device, sealed to it (app/sync/down.py); `county`:
    the county with its keys (county.load_county).

    A full page of a long transfer (a laptop restored) is followed at once by the next one,
    built in the background while the device applies this one, and kept for READ_AHEAD_S for
    that device's next request: the county's work and the device's overlap instead of taking
    turns. The device is looked up (revoked?) at every request all the same; a page built a
    moment early is the page a request at that moment would have had."""
    device = _device(engine, device_id)
    key = (engine, device_id, device["public_key"], after, limit)
    sealed = _ahead_take(key)
    if sealed is not None:
        sealed, body = sealed
    else:
        sealed, body = _build(engine, county, device, after, limit)
    if body["more"] and body["last"] > after and limit >= READ_AHEAD_MIN:
        _ahead_start((engine, device_id, device["public_key"], body["last"], limit),
                     lambda: _build(engine, county, device, body["last"], limit))
    return sealed


READ_AHEAD_S = 120.0
READ_AHEAD_MIN = 500        # pages this size and up: a long transfer, worth building ahead
_ahead_pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="records-ahead")
_ahead: dict[tuple, tuple[float, Future]] = {}
_ahead_lock = threading.Lock()


def _ahead_take(key: tuple) -> tuple[bytes, dict] | None:
    """The page built ahead for this request, if any (waiting for it if it is being built)."""
    with _ahead_lock:
        now = time.monotonic()
        for k in [k for k, (at, _) in _ahead.items() if now - at > READ_AHEAD_S]:
            _ahead.pop(k)[1].cancel()
        found = _ahead.pop(key, None)
    if found is None or found[1].cancel():     # not started yet: built here instead
        return None
    try:
        return found[1].result()
    except Exception:  # noqa: BLE001 — built again for the request, which says what is wrong
        return None


def _ahead_start(key: tuple, build) -> None:
    with _ahead_lock:
        if key not in _ahead and len(_ahead) < 32:
            _ahead[key] = (time.monotonic(), _ahead_pool.submit(build))


def _device(engine: Engine, device_id: str):
    with db.reading(engine) as conn:
        device = conn.execute(select(db.devices).where(db.devices.c.device_id == device_id)).mappings().first()
    if device is None:
        raise NotFound(f"没有这台设备 (no device {device_id}): zhucun-county devices")
    if device["revoked_at"] is not None:
        raise StateError(f"此设备已停用 (device {device_id} was revoked)")
    return device


def _build(engine: Engine, county, device, after: int, limit: int) -> tuple[bytes, dict]:
    body = page(engine, device["device_id"], device["village"], after, limit)
    return down.seal_page(body, device_id=device["device_id"], after=body["after"], last=body["last"],
                          county_key=county.sign_key, device_key=envelope.ed25519_public(device["public_key"])), body


def build_sealed(engine: Engine, county, device_id: str, after: int, limit: int) -> tuple[bytes, dict]:
    return _build(engine, county, _device(engine, device_id), after, limit)


FILE_FORMAT = "zhucun-records/1"


def export_file(engine: Engine, county, device_id: str, after: int = 0) -> dict:
    """The records down for a device as a file for a USB stick (the township computer carries
    it; only the device can open it): every page after `after`, in order."""
    pages, last = [], after
    while True:
        sealed, body = build_sealed(engine, county, device_id, last, MAX_PAGE_ITEMS)
        pages.append(base64.b64encode(sealed).decode("ascii"))
        done, last = not body["more"] or body["last"] <= last, body["last"]
        if done:
            break
    return {"format": FILE_FORMAT, "device_id": device_id, "after": after, "last": last, "pages": pages}
