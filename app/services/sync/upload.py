"""Batches up: sealed once and kept, bytes and all, so a resend after a cut connection is the
same bytes and the county deduplicates it; sent in parts, only the parts the county lacks."""
from __future__ import annotations

import hashlib
import math

from app.storage.records import new_id
from app.storage.store import Store
from app.sync import envelope
from app.sync.batch import build_body, pending_range
from app.sync.client import CountyClient, SyncError

from ..review_signoff import seal_scope

from .common import API, SyncCancelled, cancelled, enrolled, refused_if_422, report_progress, unexpected
from .receipts import apply_receipt, receipt_summary


PART_SIZE = 256 * 1024
COMMIT_ROUNDS = 3          # commit → "missing parts" → send them → commit again, at most this often
PART_ATTEMPTS = 3          # a part whose hash the county finds wrong is sent again, this often


def ready_batches(store: Store) -> list[dict]:
    return store.query("SELECT * FROM sync_batches WHERE state = 'ready' ORDER BY created_at, batch_id")


def seal_pending(store: Store) -> dict | None:
    """The batch to send: the one already sealed and not yet receipted (its bytes never change),
    else a new one over the outbox entries not in a batch yet that the leader's approval covers
    (all of them when review is off; `review_signoff.seal_scope`); None when nothing is pending."""
    existing = ready_batches(store)
    if existing:
        return existing[0]
    s = enrolled(store)
    device_key = envelope.ed25519_private(s["device_key"])
    county_key = envelope.x25519_public(s["hpke_key"])
    with store.transaction():
        span = pending_range(store)
        if span is None:
            return None
        first, last = span
        last, review_section, held = seal_scope(store, first, last)  # ReviewRequired: not approved, review on
        batch_id = new_id()
        body = build_body(store, batch_id, first, last)
        body["review"] = review_section
        if held:  # changed again after the approval: their audit entries go, they follow approved
            body["records"] = [r for r in body["records"] if (r["tbl"], r["id"]) not in held]
        sealed = envelope.seal(body, batch_id=batch_id, device_id=store.device_id, device_key=device_key,
                               county_key=county_key)
        row = {"batch_id": batch_id, "created_at": body["created_at"], "outbox_from": first, "outbox_to": last,
               "size": len(sealed), "sha256": envelope.content_hash(sealed), "part_size": PART_SIZE,
               "parts": max(1, math.ceil(len(sealed) / PART_SIZE)), "parts_sent": 0, "state": "ready",
               "envelope": sealed, "receipt": None, "done_at": None}
        store.conn.execute(f"INSERT INTO sync_batches ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                           list(row.values()))
        store.conn.execute("UPDATE outbox SET batch_id = ? WHERE seq BETWEEN ? AND ? AND batch_id IS NULL",
                           [batch_id, first, last])
    return row


def batch_records(store: Store, batch_id: str) -> int:
    return store.conn.execute("SELECT count(*) FROM (SELECT DISTINCT tbl, record_id FROM outbox WHERE batch_id = ?)",
                              [batch_id]).fetchone()[0]


def push(store: Store, client: CountyClient, report=None, cancel=None) -> list[dict]:
    """Send every ready batch in parts and apply its receipt. Returns one summary per batch."""
    return [push_batch(store, client, b, report, cancel) for b in ready_batches(store)]


def push_batch(store: Store, client: CountyClient, batch: dict, report=None, cancel=None) -> dict:
    """One batch: declare it, send the parts the county lacks, commit, apply the receipt."""
    batch_id, data = batch["batch_id"], batch["envelope"]
    base = f"{API}/batches/{batch_id}"
    parts, part_size = batch["parts"], batch["part_size"]
    summary = {"batch_id": batch_id, "size": batch["size"], "parts": parts, "sent": 0,
               "records": batch_records(store, batch_id)}
    have = None
    for _ in range(COMMIT_ROUNDS):
        if have is None:  # what the county has: at the start, and when it dropped the parts
            if cancelled(cancel):
                raise SyncCancelled("declare")
            declared = _declare(client, base, batch)
            if declared.get("state") == "done":
                return {**summary, **receipt_summary(apply_receipt(store, declared.get("receipt")))}
            have = _have(declared, parts)
            _parts_sent(store, batch_id, len(have))
            report_progress(report, "upload", len(have), parts)
        for n in range(parts):
            if n in have:
                continue
            if cancelled(cancel):
                raise SyncCancelled("part")
            have = _send_part(store, client, base, batch_id, data, n, part_size, have)
            summary["sent"] += 1
            report_progress(report, "upload", len(have), parts)
        if cancelled(cancel):
            raise SyncCancelled("commit")
        code, answer = client.post_json(f"{base}/commit", {}, step="commit")
        if code == 400:
            missing = answer.get("missing") if isinstance(answer, dict) else None
            if isinstance(missing, list) and missing:
                have = set(have) - {n for n in missing if isinstance(n, int)}
            else:  # the parts together did not make the batch: the county dropped them
                have = None
            continue
        refused_if_422(code, answer, "commit")
        if code != 200 or not isinstance(answer, dict):
            raise unexpected("commit", code, answer)
        return {**summary, **receipt_summary(apply_receipt(store, answer.get("receipt")))}
    raise SyncError(f"县服务器一直说缺少分段 (the county keeps missing parts after {COMMIT_ROUNDS} tries)"
                    "；下次同步会接着传 (the next sync resumes)", "commit", 400)


def _declare(client: CountyClient, base: str, batch: dict) -> dict:
    code, answer = client.post_json(base, {"size": batch["size"], "sha256": batch["sha256"],
                                           "part_size": batch["part_size"], "parts": batch["parts"]},
                                    step="declare")
    if code == 409:
        raise SyncError("县服务器已有同一编号、内容不同的批次 (refused: the county holds another batch with"
                        f" this id, 409) — {batch['batch_id']}", "declare", 409)
    refused_if_422(code, answer, "declare")
    if code != 200 or not isinstance(answer, dict) or answer.get("state") not in ("done", "receiving"):
        raise unexpected("declare", code, answer)
    return answer


def _send_part(store, client, base, batch_id, data: bytes, n: int, part_size: int, have: set) -> set:
    chunk = data[n * part_size:(n + 1) * part_size]
    headers = {"X-Part-SHA256": hashlib.sha256(chunk).hexdigest()}
    for _ in range(PART_ATTEMPTS):
        code, answer = client.put_bytes(f"{base}/parts/{n}", chunk, headers, step=f"part {n}")
        if code == 200 and isinstance(answer, dict) and answer.get("part") == n:
            have = _have(answer, None) | {n} if isinstance(answer.get("have"), list) else set(have) | {n}
            _parts_sent(store, batch_id, len(have))
            return have
        if code == 400:  # damaged on the way: the same bytes again
            continue
        refused_if_422(code, answer, f"part {n}")
        raise unexpected(f"part {n}", code, answer)
    raise SyncError(f"分段 {n} 多次传坏 (part {n} arrived damaged {PART_ATTEMPTS} times)"
                    "；下次同步会接着传 (the next sync resumes)", f"part {n}", 400)


def _have(answer: dict, parts: int | None) -> set:
    have = answer.get("have")
    if not isinstance(have, list):
        return set()
    return {n for n in have if isinstance(n, int) and n >= 0 and (parts is None or n < parts)}


def _parts_sent(store: Store, batch_id: str, n: int) -> None:
    with store.transaction():
        store.conn.execute("UPDATE sync_batches SET parts_sent = ? WHERE batch_id = ?", [n, batch_id])
