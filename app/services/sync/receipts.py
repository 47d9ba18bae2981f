"""Receipts: nothing local is marked as sent until the county's signed receipt for that batch
and that content hash is verified."""
from __future__ import annotations

from app.core import canonical
from app.storage.records import utc_now
from app.storage.store import Store
from app.sync import envelope
from app.sync.client import SyncError

from .common import county_sign_key
from .publications import apply_publications, publication_body


def batch_row(store: Store, batch_id: str) -> dict | None:
    rows = store.query("SELECT * FROM sync_batches WHERE batch_id = ?", [batch_id])
    return rows[0] if rows else None


def _receipt_body(store: Store, receipt_doc) -> dict:
    try:
        body = envelope.verify_document(receipt_doc, county_sign_key(store))
    except envelope.EnvelopeError as e:
        raise SyncError(f"回执无效 (not a valid receipt: {e})；本地数据未标记为已同步 (nothing marked as synced)",
                        "receipt") from None
    shape = (isinstance(body.get("batch_id"), str) and isinstance(body.get("content_hash"), str)
             and isinstance(body.get("accepted"), list) and isinstance(body.get("rejected"), list)
             and all(isinstance(a, list) and len(a) == 3 for a in body["accepted"])
             and all(isinstance(r, dict) and {"tbl", "id", "revision"} <= set(r) for r in body["rejected"]))
    if not shape:
        raise SyncError("回执格式不对 (receipt fields not as the protocol says)", "receipt")
    return body


def apply_receipt(store: Store, receipt_doc, publications: list | None = None) -> dict:
    """Verify the county's receipt and, in one transaction, acknowledge the accepted records,
    list the rejected ones with their reason, and call the batch done. With `publications`,
    apply the ones not yet applied (after the receipt)."""
    body = _receipt_body(store, receipt_doc)
    if publications:  # every document checked before anything is applied
        if not isinstance(publications, list):
            raise SyncError("县里的发布格式不对 (publications are not a list)", "publications")
        key = county_sign_key(store)
        for doc in publications:
            publication_body(doc, key)
    batch = batch_row(store, body["batch_id"])
    if batch is None:
        raise SyncError(f"回执所指的批次本机没有 (receipt for a batch this device does not have: {body['batch_id']})",
                        "receipt")
    if body.get("device_id") != store.device_id:
        raise SyncError("回执是给另一台设备的 (receipt for another device)", "receipt")
    if body["content_hash"] != batch["sha256"]:
        raise SyncError("回执的内容哈希与本机批次不符 (receipt is for other content than this batch)"
                        "；本地数据未标记为已同步 (nothing marked as synced)", "receipt")
    try:
        accepted = [(str(t), str(i), int(r)) for t, i, r in body["accepted"]]
        refused = [(str(r["tbl"]), str(r["id"]), int(r["revision"]), str(r.get("reason") or ""))
                   for r in body["rejected"]]
    except (TypeError, ValueError):
        raise SyncError("回执格式不对 (receipt fields not as the protocol says)", "receipt") from None
    result = {"batch_id": batch["batch_id"], "accepted": len(accepted), "rejected": len(refused),
              "duplicate": bool(body.get("duplicate")), "already": batch["state"] == "done"}
    if batch["state"] != "done":
        now = utc_now()
        with store.transaction():
            # Each record's outbox entries in the batch, by seq: one lookup per entry, not a
            # scan of the batch per accepted record.
            in_batch: dict[tuple[str, str], list[int]] = {}
            for seq, t, i in store.conn.execute(
                    "SELECT seq, tbl, record_id FROM outbox WHERE batch_id = ?", [batch["batch_id"]]):
                in_batch.setdefault((t, i), []).append(seq)
            for tbl, rid, revision in accepted:
                if (tbl, rid) not in in_batch:
                    continue
                store.conn.executemany("UPDATE outbox SET acked = 1 WHERE seq = ?", [(s,) for s in in_batch[(tbl, rid)]])
                store.conn.execute("UPDATE sync_rejections SET resolved_at = ? WHERE tbl = ? AND record_id = ?"
                                   " AND revision <= ? AND resolved_at IS NULL", [now, tbl, rid, revision])
            for tbl, rid, revision, reason in refused:
                if (tbl, rid) not in in_batch:
                    continue
                store.conn.execute("INSERT OR REPLACE INTO sync_rejections VALUES (?, ?, ?, ?, ?, ?, NULL)",
                                   [tbl, rid, revision, batch["batch_id"], reason or "-", now])
            # The envelope's work is done: its bytes leave the store, the receipt stays.
            store.conn.execute("UPDATE sync_batches SET state = 'done', receipt = ?, done_at = ?, envelope = NULL,"
                               " parts_sent = parts WHERE batch_id = ?",
                               [canonical.dumps(receipt_doc), now, batch["batch_id"]])
    if publications:
        result.update(apply_publications(store, publications))
    return result


def receipt_summary(result: dict) -> dict:
    return {k: result[k] for k in ("accepted", "rejected", "duplicate")}
