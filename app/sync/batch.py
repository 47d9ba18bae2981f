"""What a batch carries, read from the store (docs/sync.md, "A batch").

A batch is every outbox entry not yet in a batch: each record it touched as it stands now
(which is its state at the range's last entry for it, since the range runs to the newest
change) and the audit entries since the last batch, whole, so the county can recompute the
chain. Reading only: sealing, sending and marking are `app/services/sync/`.
"""
from __future__ import annotations

from app.storage.audit import ENTRY_FIELDS, GENESIS
from app.storage.records import utc_now
from app.storage.store import Store


def pending_range(store: Store) -> tuple[int, int] | None:
    """(first, last) outbox seq of the changes not in any batch yet, or None."""
    row = store.conn.execute("SELECT min(seq), max(seq) FROM outbox WHERE batch_id IS NULL").fetchone()
    return (row[0], row[1]) if row and row[0] is not None else None


def audit_sent(store: Store) -> int:
    """The last audit seq that some earlier batch carried (0: none yet)."""
    row = store.conn.execute("SELECT max(audit_seq) FROM outbox WHERE batch_id IS NOT NULL").fetchone()
    return row[0] or 0


def build_body(store: Store, batch_id: str, first: int, last: int) -> dict:
    """The batch body for outbox entries first..last (see docs/sync.md)."""
    rows = store.conn.execute("SELECT tbl, record_id, audit_seq FROM outbox WHERE seq BETWEEN ? AND ?"
                              " ORDER BY seq", [first, last]).fetchall()
    after = audit_sent(store)
    top = max((r[2] for r in rows), default=after)
    cols = ENTRY_FIELDS + ("hash",)
    entries = [dict(zip(cols, r)) for r in store.conn.execute(
        f"SELECT {', '.join(cols)} FROM audit_log WHERE seq > ? AND seq <= ? ORDER BY seq", [after, top])]
    prev = store.conn.execute("SELECT hash FROM audit_log WHERE seq = ?", [after]).fetchone()
    touched: dict[tuple[str, str], None] = {}
    for tbl, record_id, _ in rows:
        touched.pop((tbl, record_id), None)
        touched[(tbl, record_id)] = None  # in order of each record's last change
    records = []
    for tbl, record_id in touched:
        data = store.records.get(tbl, record_id, include_deleted=True)
        if data is None:
            continue
        records.append({"tbl": tbl, "id": record_id, "revision": data["revision"], "hlc": data["hlc"],
                        "op": "delete" if data["deleted"] else "upsert", "data": data})
    return {"batch_id": batch_id, "device_id": store.device_id, "store_id": store.store_id,
            "created_at": utc_now(), "outbox": [first, last],
            "audit": {"prev": prev[0] if prev else GENESIS, "entries": entries},
            "records": records}
