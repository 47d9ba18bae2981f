"""What each side holds, side by side: the device's records against the county's `records`
table, the device's receipted batches against the county's, and the audit chain's head on
both sides. `assert_exactly_once` is the end-to-end promise of sync: every record the device
has is at the county, once, at the revision the device has, and nothing else is there."""
from __future__ import annotations

import json
from collections import Counter

from sqlalchemy import select

from app.storage.schema import RECORD_TABLES
from app.storage.store import Store
from county_server import county as cty
from county_server import db


def device_records(store: Store) -> dict[tuple[str, str], tuple[int, int]]:
    """{(table, id): (revision, deleted)} of every record on the device."""
    out = {}
    for tbl in RECORD_TABLES:
        for rid, revision, deleted in store.conn.execute(f"SELECT id, revision, deleted FROM {tbl}"):
            out[(tbl, rid)] = (revision, int(deleted))
    return out


def county_records(engine, device_id: str | None = None) -> dict[tuple[str, str], tuple[int, int]]:
    r = db.records
    q = select(r.c.tbl, r.c.id, r.c.revision, r.c.deleted)
    if device_id is not None:
        q = q.where(r.c.device_id == device_id)
    with db.reading(engine) as conn:
        rows = conn.execute(q).all()
    pairs = [((t, i), (rev, int(d))) for t, i, rev, d in rows]
    assert len(pairs) == len(dict(pairs)), "a record held twice at the county"
    return dict(pairs)


def device_counts(store: Store) -> dict[str, int]:
    """The device's live records by the names `zhucun-county stats` uses."""
    return {kind: store.conn.execute(f"SELECT count(*) FROM {tbl} WHERE deleted = 0").fetchone()[0]
            for kind, tbl in cty.KINDS.items()}


def county_batches(engine, device_id: str) -> dict[str, str]:
    b = db.batches
    with db.reading(engine) as conn:
        return dict(conn.execute(select(b.c.batch_id, b.c.state).where(b.c.device_id == device_id)).all())


def county_audit(engine, device_id: str) -> tuple[str, int]:
    d = db.devices
    with db.reading(engine) as conn:
        row = conn.execute(select(d.c.audit_head, d.c.audit_seq).where(d.c.device_id == device_id)).first()
    return row[0], row[1]


def device_batches(store: Store) -> dict[str, str]:
    return dict(store.conn.execute("SELECT batch_id, state FROM sync_batches"))


def receipted_revisions(store: Store) -> Counter:
    """How often each (table, id, revision) was accepted, over every receipt the device holds."""
    seen = Counter()
    for (receipt,) in store.conn.execute("SELECT receipt FROM sync_batches WHERE state = 'done'"):
        for tbl, rid, revision in json.loads(receipt)["body"]["accepted"]:
            seen[(tbl, rid, revision)] += 1
    return seen


def assert_exactly_once(store: Store, engine) -> None:
    """Everything the device has is at the county exactly once, and nothing is still pending."""
    mine = device_records(store)
    held = county_records(engine, store.device_id)
    lost = sorted(set(mine) - set(held))
    extra = sorted(set(held) - set(mine))
    assert not lost, f"{len(lost)} records lost on the way: {lost[:5]}"
    assert not extra, f"{len(extra)} records at the county the device does not have: {extra[:5]}"
    stale = {k: (mine[k], held[k]) for k in mine if mine[k] != held[k]}
    assert not stale, f"records at another revision at the county: {list(stale.items())[:5]}"

    batches = device_batches(store)
    assert set(batches.values()) <= {"done"}, f"batches not receipted: {batches}"
    at_county = county_batches(engine, store.device_id)
    done_there = {b for b, state in at_county.items() if state == "done"}
    assert done_there == set(batches), (done_there ^ set(batches))

    twice = {k: n for k, n in receipted_revisions(store).items() if n > 1}
    assert not twice, f"revisions accepted more than once: {list(twice)[:5]}"
    head, seq = county_audit(engine, store.device_id)
    assert (head, seq) == (store.audit.head, store.audit.head_seq)

    pending = store.conn.execute("SELECT count(*) FROM outbox WHERE acked = 0").fetchone()[0]
    assert pending == 0, f"{pending} outbox entries not acknowledged"
