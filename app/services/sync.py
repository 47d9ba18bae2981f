"""Sync with the county server (docs/sync.md): enrollment, batches up, receipts, publications
down, the USB-stick route. Used by the CLI and the GUI; no Qt here.

Nothing local is marked as sent until the county's signed receipt for that batch and that
content hash is verified. A batch is sealed once and kept, bytes and all, so a resend after a
cut connection is the same bytes and the county deduplicates it. Publications from the county
are verified before any is applied, and a page of them is applied in one transaction together
with remembering how far the device has read.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import socket
import tempfile
from datetime import datetime
from pathlib import Path

from app.core import canonical, limits
from app.core.errors import NotFound, StateError, ValidationError
from app.core.hlc import Timestamp
from app.core.household import clean_household
from app.storage.files import atomic_file
from app.storage.records import new_id, utc_now
from app.storage.store import Store
from app.sync import envelope
from app.sync.batch import build_body, pending_range
from app.sync.client import CountyClient, SyncError, normalize_pin

from . import config, forms, households, worklog

__all__ = ["SyncError", "SyncCancelled", "enroll", "enroll_from_file", "status", "seal_pending", "push",
           "apply_receipt", "apply_publications", "pull", "sync", "export_batch", "import_receipt",
           "rejected", "conflicts", "review_conflicts"]

API = "/api/v1"
PART_SIZE = 256 * 1024
COMMIT_ROUNDS = 3          # commit → "missing parts" → send them → commit again, at most this often
PART_ATTEMPTS = 3          # a part whose hash the county finds wrong is sent again, this often
MAX_PAGES = 1000           # publication pages in one pull
SETTINGS = ("county_url", "county_id", "county_name", "sign_key", "hpke_key", "village", "township",
            "device_key", "enrolled_at", "last_sync", "last_publication", "tls_sha256")
ENROLL_FILE_FIELDS = ("code", "county_id", "county_name", "sign_key", "hpke_key", "village")
PUBLICATION_KINDS = ("prompts", "baseline", "problems", "roster", "form")


class SyncCancelled(SyncError):
    """The person cancelled; what was sent stays sent and the next sync resumes."""

    def __init__(self, step: str = ""):
        super().__init__("已取消同步 (sync cancelled)；下次同步会接着传 (the next sync resumes)", step)


# -- settings (device-local, never synced) -------------------------------------
def settings(store: Store) -> dict:
    return {k: v for k, v in store.conn.execute("SELECT key, value FROM sync_settings")}


def _put(store: Store, **values) -> None:
    with store.transaction():
        for key, value in values.items():
            if key not in SETTINGS:
                raise KeyError(key)
            if value is None:
                store.conn.execute("DELETE FROM sync_settings WHERE key = ?", [key])
            else:
                store.conn.execute("INSERT OR REPLACE INTO sync_settings VALUES (?, ?)", [key, str(value)])


def _device_key(store: Store, create: bool = False):
    text = settings(store).get("device_key")
    if text:
        return envelope.ed25519_private(text)
    if not create:
        raise StateError("本机尚未登记到县服务器 (this device is not enrolled): zhucun enroll")
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    key = Ed25519PrivateKey.generate()
    _put(store, device_key=envelope.private_hex(key))
    return key


def _enrolled(store: Store) -> dict:
    s = settings(store)
    if not all(s.get(k) for k in ("device_key", "sign_key", "hpke_key")):
        raise StateError("本机尚未登记到县服务器 (this device is not enrolled): "
                         "zhucun enroll --server URL --code CODE，或 (or) zhucun enroll --file enroll-CODE.json")
    return s


def _county_sign_key(store: Store):
    return envelope.ed25519_public(_enrolled(store)["sign_key"])


def _check_key(value, field: str) -> str:
    try:
        raw = bytes.fromhex(value) if isinstance(value, str) else b""
    except ValueError:
        raw = b""
    if len(raw) != 32:
        raise ValidationError(field, "hex of a 32-byte public key",
                              f"{field}: 不是县服务器的公钥 (not a county public key: hex of 32 bytes)")
    return value.lower()


def _label(store: Store) -> str:
    user = store.user["name"] if store.user else "?"
    return f"{user}@{socket.gethostname()}"[:80]


def _check_pin(value, field: str, whole: bool = False) -> str | None:
    """A certificate fingerprint to pin (None: none given)."""
    if value in (None, ""):
        return None
    pin = normalize_pin(value)
    if pin is None or (whole and len(pin) != 64):
        raise ValidationError(field, "the certificate's SHA-256 in hex",
                              f"{field}: 不是证书指纹 (not a certificate fingerprint: SHA-256 as hex digits,"
                              f" {'all 64' if whole else 'at least the first 16'})")
    return pin


def _keep_county(store: Store, info: dict, server: str | None, tls_sha256: str | None = None) -> None:
    """Store what enrollment told about the county. A ready batch sealed for another county's key
    could never be opened there: it goes back to the outbox and is sealed again."""
    old = settings(store)
    hpke_key = _check_key(info.get("hpke_key"), "hpke_key")
    sign_key = _check_key(info.get("sign_key"), "sign_key")
    for field in ("county_id", "village"):
        if not isinstance(info.get(field), str) or not info[field].strip():
            raise ValidationError(field, "required", f"{field}: 县服务器的回答缺少此项 (missing from the county's answer)")
    with store.transaction():
        if old.get("hpke_key") and old["hpke_key"] != hpke_key:
            for (batch_id,) in store.conn.execute("SELECT batch_id FROM sync_batches WHERE state = 'ready'").fetchall():
                store.conn.execute("UPDATE outbox SET batch_id = NULL WHERE batch_id = ?", [batch_id])
                store.conn.execute("DELETE FROM sync_batches WHERE batch_id = ?", [batch_id])
        if old.get("county_id") and old["county_id"] != info["county_id"]:
            _put(store, last_publication=None)  # another county numbers its publications afresh
        _put(store, county_id=info["county_id"], county_name=info.get("county_name") or info["county_id"],
             sign_key=sign_key, hpke_key=hpke_key, village=info["village"], township=info.get("township"),
             enrolled_at=utc_now(), tls_sha256=tls_sha256)
        if isinstance(server, str) and server.strip():
            _put(store, county_url=server.strip().rstrip("/"))


# -- enrollment ---------------------------------------------------------------
def enroll(store: Store, server: str, code: str, *, transport=None, label: str | None = None,
           fingerprint: str | None = None) -> dict:
    """Enroll over the network with a one-time code: the county binds this device's key to the
    village and answers with its public keys. `fingerprint`: the SHA-256 of the county's
    certificate (as the county printed it with the code), pinned before the code is sent."""
    code = (code or "").strip().upper()
    if not code:
        raise ValidationError("code", "required", "code: 请给出登记码 (give the enrollment code)")
    pin = _check_pin(fingerprint, "--fingerprint")
    if pin and not str(server).startswith("https://"):
        raise ValidationError("--fingerprint", "an https:// server",
                              "--fingerprint: 证书指纹只用于 https:// 地址 (a fingerprint pins an https:// server)")
    key = _device_key(store, create=True)
    request = {"code": code, "device_id": store.device_id, "store_id": store.store_id,
               "device_key": envelope.public_hex(key.public_key()), "label": label or _label(store)}
    with CountyClient(server, transport=transport, pin=pin) as client:
        status_code, data = client.post_json(f"{API}/enroll", request, step="enroll", signed=False)
        pinned = client.certificate or pin
    if status_code == 404:
        raise SyncError("登记码不对 (enrollment code not known: check it)", "enroll", 404)
    if status_code == 410:
        raise SyncError("登记码已用过或已过期 (enrollment code used or expired: ask the county for a new one)",
                        "enroll", 410)
    if status_code == 429:
        raise SyncError(f"登记码错误次数太多，请稍后再试 (too many wrong enrollment codes from here: try again later):"
                        f" {_detail(data)}", "enroll", 429)
    if status_code == 409:
        raise SyncError(f"县服务器拒绝登记 (refused: this device id is enrolled with another key, or revoked):"
                        f" {_detail(data)}", "enroll", 409)
    if status_code != 200 or not isinstance(data, dict):
        raise SyncError(f"县服务器拒绝登记 (refused: enrollment, HTTP {status_code}): {_detail(data)}",
                        "enroll", status_code)
    if data.get("device_id") not in (None, store.device_id):
        raise SyncError("县服务器的回答是给另一台设备的 (the county's answer names another device)", "enroll")
    try:
        _keep_county(store, data, server, pinned)
    except ValidationError as e:
        raise SyncError(f"县服务器的回答不完整 (the county's answer is not usable): {e}", "enroll") from None
    return status(store)


def enroll_from_file(store: Store, path, out_dir=None) -> dict:
    """Enroll from the county's file on a USB stick: keep its keys, write the signed request
    `enroll-request-DEVICE.json` beside it (or into `out_dir`) for `zhucun-county import`."""
    path = Path(path)
    info = _read_json(path, "file", "enrolment")
    missing = [f for f in ENROLL_FILE_FIELDS if not info.get(f)]
    if missing:
        raise ValidationError(missing[0], "required",
                              f"{missing[0]}: 登记文件缺少此项 (missing from the enrollment file {path.name})")
    pin = _check_pin(info.get("tls_sha256"), "tls_sha256", whole=True)
    key = _device_key(store, create=True)
    _keep_county(store, info, info.get("server"), pin)
    request = {"code": str(info["code"]).strip().upper(), "device_id": store.device_id, "store_id": store.store_id,
               "device_key": envelope.public_hex(key.public_key()), "label": _label(store)}
    request["signature"] = key.sign(canonical.encode(request)).hex()
    out = Path(out_dir) if out_dir else path.parent
    target = out / f"enroll-request-{store.device_id}.json"
    _write_atomic(target, (json.dumps(request, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return {**status(store), "request": str(target)}


# -- status and lists -----------------------------------------------------------
def status(store: Store) -> dict:
    s = settings(store)
    enrolled = all(s.get(k) for k in ("device_key", "sign_key", "hpke_key"))
    pending = store.conn.execute(
        "SELECT count(*) FROM (SELECT DISTINCT o.tbl, o.record_id FROM outbox o"
        " LEFT JOIN sync_batches b ON b.batch_id = o.batch_id"
        " WHERE o.batch_id IS NULL OR b.state = 'ready')").fetchone()[0]
    ready = store.conn.execute("SELECT count(*) FROM sync_batches WHERE state = 'ready'").fetchone()[0]
    rejected_n = store.conn.execute("SELECT count(*) FROM sync_rejections WHERE resolved_at IS NULL").fetchone()[0]
    conflicts_n = store.conn.execute("SELECT count(*) FROM sync_conflicts WHERE reviewed = 0").fetchone()[0]
    return {"enrolled": enrolled, "device_id": store.device_id, "store_id": store.store_id,
            "county_id": s.get("county_id"), "county_name": s.get("county_name"),
            "county_url": s.get("county_url"), "village": s.get("village"), "township": s.get("township"),
            "enrolled_at": s.get("enrolled_at"), "last_sync": s.get("last_sync"),
            "last_publication": int(s.get("last_publication") or 0),
            "pending": pending, "ready_batches": ready, "rejected": rejected_n, "conflicts": conflicts_n}


def rejected(store: Store, include_resolved: bool = False) -> list[dict]:
    """Records the county refused, with its reason, and whether a fix is waiting to be sent."""
    sql = "SELECT * FROM sync_rejections" + ("" if include_resolved else " WHERE resolved_at IS NULL")
    rows = store.query(sql + " ORDER BY at, tbl, record_id")
    for r in rows:
        current = (store.records.get(r["tbl"], r["record_id"], include_deleted=True)
                   if _is_record_table(r["tbl"]) else None)
        r["current_revision"] = current["revision"] if current else None
        r["fixed"] = bool(current and current["revision"] > r["revision"])
        r["label"] = _record_label(r["tbl"], current)
    return rows


def conflicts(store: Store, include_reviewed: bool = False) -> list[dict]:
    sql = "SELECT * FROM sync_conflicts" + ("" if include_reviewed else " WHERE reviewed = 0")
    rows = store.query(sql + " ORDER BY id")
    for r in rows:
        for k in ("kept_value", "lost_value"):
            r[k] = json.loads(r[k]) if r[k] is not None else None
        r["reviewed"] = bool(r["reviewed"])
        record = (store.records.get(r["tbl"], r["record_id"], include_deleted=True)
                  if _is_record_table(r["tbl"]) else None)
        r["label"] = _record_label(r["tbl"], record)
    return rows


def review_conflicts(store: Store, ids: list[int]) -> int:
    """Mark conflicts as looked at (they stay listed with `include_reviewed`)."""
    with store.transaction():
        n = 0
        for conflict_id in ids:
            n += store.conn.execute("UPDATE sync_conflicts SET reviewed = 1 WHERE id = ?", [int(conflict_id)]).rowcount
    if n < len(ids):
        raise NotFound(f"没有这些冲突记录 (no such conflict): {', '.join(map(str, ids))}")
    return n


def _is_record_table(tbl: str) -> bool:
    from app.storage.schema import RECORD_TABLES
    return tbl in RECORD_TABLES


def _record_label(tbl: str, record: dict | None) -> str:
    if not record:
        return ""
    for key in ("head_name", "name", "title", "form_id", "signer_name", "person"):
        if record.get(key):
            return str(record[key])
    return ""


# -- batches ----------------------------------------------------------------------
def _batch_row(store: Store, batch_id: str) -> dict | None:
    rows = store.query("SELECT * FROM sync_batches WHERE batch_id = ?", [batch_id])
    return rows[0] if rows else None


def ready_batches(store: Store) -> list[dict]:
    return store.query("SELECT * FROM sync_batches WHERE state = 'ready' ORDER BY created_at, batch_id")


def seal_pending(store: Store) -> dict | None:
    """The batch to send: the one already sealed and not yet receipted (its bytes never change),
    else a new one over every outbox entry not in a batch yet; None when nothing is pending."""
    existing = ready_batches(store)
    if existing:
        return existing[0]
    s = _enrolled(store)
    device_key = envelope.ed25519_private(s["device_key"])
    county_key = envelope.x25519_public(s["hpke_key"])
    with store.transaction():
        span = pending_range(store)
        if span is None:
            return None
        first, last = span
        batch_id = new_id()
        body = build_body(store, batch_id, first, last)
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


def _batch_records(store: Store, batch_id: str) -> int:
    return store.conn.execute("SELECT count(*) FROM (SELECT DISTINCT tbl, record_id FROM outbox WHERE batch_id = ?)",
                              [batch_id]).fetchone()[0]


def _cancelled(cancel) -> bool:
    if cancel is None:
        return False
    if hasattr(cancel, "is_set"):
        return cancel.is_set()
    return bool(cancel())


def push(store: Store, client: CountyClient, report=None, cancel=None) -> list[dict]:
    """Send every ready batch in parts and apply its receipt. Returns one summary per batch."""
    return [push_batch(store, client, b, report, cancel) for b in ready_batches(store)]


def push_batch(store: Store, client: CountyClient, batch: dict, report=None, cancel=None) -> dict:
    """One batch: declare it, send the parts the county lacks, commit, apply the receipt."""
    batch_id, data = batch["batch_id"], batch["envelope"]
    base = f"{API}/batches/{batch_id}"
    parts, part_size = batch["parts"], batch["part_size"]
    summary = {"batch_id": batch_id, "size": batch["size"], "parts": parts, "sent": 0,
               "records": _batch_records(store, batch_id)}
    have = None
    for _ in range(COMMIT_ROUNDS):
        if have is None:  # what the county has: at the start, and when it dropped the parts
            if _cancelled(cancel):
                raise SyncCancelled("declare")
            declared = _declare(client, base, batch)
            if declared.get("state") == "done":
                return {**summary, **_receipt_summary(apply_receipt(store, declared.get("receipt")))}
            have = _have(declared, parts)
            _parts_sent(store, batch_id, len(have))
            _report(report, "upload", len(have), parts)
        for n in range(parts):
            if n in have:
                continue
            if _cancelled(cancel):
                raise SyncCancelled("part")
            have = _send_part(store, client, base, batch_id, data, n, part_size, have)
            summary["sent"] += 1
            _report(report, "upload", len(have), parts)
        if _cancelled(cancel):
            raise SyncCancelled("commit")
        code, answer = client.post_json(f"{base}/commit", {}, step="commit")
        if code == 400:
            missing = answer.get("missing") if isinstance(answer, dict) else None
            if isinstance(missing, list) and missing:
                have = set(have) - {n for n in missing if isinstance(n, int)}
            else:  # the parts together did not make the batch: the county dropped them
                have = None
            continue
        _refused_if_422(code, answer, "commit")
        if code != 200 or not isinstance(answer, dict):
            raise _unexpected("commit", code, answer)
        return {**summary, **_receipt_summary(apply_receipt(store, answer.get("receipt")))}
    raise SyncError(f"县服务器一直说缺少分段 (the county keeps missing parts after {COMMIT_ROUNDS} tries)"
                    "；下次同步会接着传 (the next sync resumes)", "commit", 400)


def _declare(client: CountyClient, base: str, batch: dict) -> dict:
    code, answer = client.post_json(base, {"size": batch["size"], "sha256": batch["sha256"],
                                           "part_size": batch["part_size"], "parts": batch["parts"]},
                                    step="declare")
    if code == 409:
        raise SyncError("县服务器已有同一编号、内容不同的批次 (refused: the county holds another batch with"
                        f" this id, 409) — {batch['batch_id']}", "declare", 409)
    _refused_if_422(code, answer, "declare")
    if code != 200 or not isinstance(answer, dict) or answer.get("state") not in ("done", "receiving"):
        raise _unexpected("declare", code, answer)
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
        _refused_if_422(code, answer, f"part {n}")
        raise _unexpected(f"part {n}", code, answer)
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


def _report(report, stage: str, done: int, total: int) -> None:
    if report is not None:
        report(stage, done, total)


def _detail(answer) -> str:
    if isinstance(answer, dict) and "detail" in answer:
        answer = answer["detail"]
    text = answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)
    return text[:300]


def _refused_if_422(code: int, answer, step: str) -> None:
    if code == 422:
        raise SyncError(f"县服务器拒收 (refused: {_detail(answer)}) — {step}", step, 422,
                        answer.get("detail") if isinstance(answer, dict) else answer)


def _unexpected(step: str, code: int, answer) -> SyncError:
    return SyncError(f"县服务器的回答不对 (unexpected answer from the county: HTTP {code}, {_detail(answer)})"
                     f" — {step}", step, code)


# -- receipts -----------------------------------------------------------------------
def _receipt_body(store: Store, receipt_doc) -> dict:
    try:
        body = envelope.verify_document(receipt_doc, _county_sign_key(store))
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
        key = _county_sign_key(store)
        for doc in publications:
            _publication_body(doc, key)
    batch = _batch_row(store, body["batch_id"])
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


def _receipt_summary(result: dict) -> dict:
    return {k: result[k] for k in ("accepted", "rejected", "duplicate")}


# -- publications --------------------------------------------------------------------
def _publication_body(doc, key) -> dict:
    try:
        body = envelope.verify_document(doc, key)
    except envelope.EnvelopeError as e:
        seq = doc.get("body", {}).get("seq") if isinstance(doc, dict) and isinstance(doc.get("body"), dict) else "?"
        raise SyncError(f"县里的发布 {seq} 未通过验证 (publication {seq} does not verify: {e})；"
                        "一项也未采用 (none applied)", "publications") from None
    if not isinstance(body.get("seq"), int) or not isinstance(body.get("kind"), str) or "data" not in body:
        raise SyncError("县里的发布格式不对 (publication fields not as the protocol says)", "publications")
    return body


def apply_publications(store: Store, docs: list, last: int | None = None) -> dict:
    """Verify every document first, then apply the new ones in order in one transaction with
    remembering the last seq read (`last` when the county says it has read further for us).
    A document meant for another village is passed over; one that cannot be applied here (a
    household this device does not have, a form version that clashes) is passed over and named
    in `skipped`, so one bad publication never blocks the ones after it."""
    key = _county_sign_key(store)
    if not isinstance(docs, list):
        raise SyncError("县里的发布格式不对 (publications are not a list)", "publications")
    bodies = sorted((_publication_body(d, key) for d in docs), key=lambda b: b["seq"])
    s = settings(store)
    done = int(s.get("last_publication") or 0)
    village = s.get("village")
    out = {"pulled": 0, "conflicts": 0, "skipped": [], "last_publication": done}
    fresh = [b for b in bodies if b["seq"] > done]
    top = max([done, *(b["seq"] for b in fresh), *([last] if isinstance(last, int) else [])])
    if top == done:
        return out
    with store.transaction():
        for body in fresh:
            if body.get("village") not in (None, village):
                continue
            store.conn.execute("SAVEPOINT publication")
            try:
                out["conflicts"] += _apply_one(store, body)
            except Exception as e:  # noqa: BLE001 — named in `skipped`, never half-applied
                store.conn.execute("ROLLBACK TO publication")
                store.conn.execute("RELEASE publication")
                store.audit.reload()
                out["skipped"].append({"seq": body["seq"], "kind": body["kind"], "reason": str(e) or type(e).__name__})
                continue
            store.conn.execute("RELEASE publication")
            out["pulled"] += 1
        _put(store, last_publication=top)
    out["last_publication"] = top
    return out


def _apply_one(store: Store, body: dict) -> int:
    kind, data = body["kind"], body["data"]
    if kind not in PUBLICATION_KINDS:
        raise StateError(f"本版本不认识这种发布 (a kind of publication this version does not know: {kind})")
    if kind == "prompts":
        worklog.add_prompt(store, data["month"], data.get("title"), data.get("tasks") or [],
                           issued_by=settings(store).get("county_name"), source="county")
    elif kind == "baseline":
        config.set_baselines(store, data)
    elif kind == "problems":
        items = [_problem_item(store, item) for item in data.get("items") or []]
        worklog.add_problem_list(store, data["title"], items, source="county",
                                 created_on=(body.get("published_at") or "")[:10] or None)
    elif kind == "roster":
        return merge_roster(store, data)
    elif kind == "form":
        _import_form(store, data)
    return 0


def _problem_item(store: Store, item: dict) -> dict:
    if not isinstance(item, dict):
        raise ValidationError("items", "a list of problems")
    hid = item.get("household_id")
    household = store.records.get("households", hid) if hid else None
    number = item.get("household_number")
    if household is None and number:
        household = households._by_number(store, str(number))
    out = {"description": item.get("description"), "household_id": household["id"] if household else None}
    # 整改措施、责任人、时限 as the county's list gives them (003 §四).
    out.update({k: item[k] for k in ("measure", "responsible", "deadline") if item.get(k)})
    if household is None and (hid or number):
        out["description"] = f"{item.get('description')}（户 {number or hid} 本机未找到 / household not found here）"
    return out


def _import_form(store: Store, definition: dict) -> None:
    if not isinstance(definition, dict):
        raise ValidationError("form", "a form definition")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "county-form.json"
        path.write_text(json.dumps(definition, ensure_ascii=False), "utf-8")
        forms.import_form(store, path)


# -- roster merge: field by field, the newer edit by hybrid clock wins ----------------------------
def _field_clocks(store: Store, tbl: str, record_id: str) -> tuple[dict, tuple]:
    """Each field's last local change: {field: (hlc, audit_seq, how)}, how = insert, update or
    county (a county value applied here: its clock is the county's), and the insert's clock."""
    clocks: dict[str, tuple[str, int, str]] = {}
    created = None
    for seq, hlc, action, changes in store.conn.execute(
            "SELECT seq, hlc, action, changes FROM audit_log WHERE tbl = ? AND record_id = ? ORDER BY seq",
            [tbl, record_id]):
        changes = json.loads(changes)
        if action == "insert":
            created = created or (hlc, seq, "insert")
            for field in changes.get("fields", []):
                clocks[field] = (hlc, seq, "insert")
        elif action == "update":
            for field in changes:
                clocks[field] = (hlc, seq, "update")
    for field, hlc, seq in store.conn.execute(
            "SELECT field, hlc, audit_seq FROM sync_field_clocks WHERE tbl = ? AND record_id = ?", [tbl, record_id]):
        if field in clocks and clocks[field][1] == seq:
            clocks[field] = (hlc, seq, "county")
    return clocks, created


def _norm(value):
    if isinstance(value, bool):
        return int(value)
    return value


def _county_knew(store: Store, audit_seq: int, county_hlc: str) -> bool:
    """Had the county received this local change before it made its own edit?"""
    row = store.conn.execute(
        "SELECT o.acked, b.receipt FROM outbox o LEFT JOIN sync_batches b ON b.batch_id = o.batch_id"
        " WHERE o.audit_seq = ?", [audit_seq]).fetchone()
    if not row or not row[0] or not row[1]:
        return False
    try:
        received = json.loads(row[1])["body"]["received_at"]
        millis = int(datetime.fromisoformat(received.replace("Z", "+00:00")).timestamp() * 1000)
    except (ValueError, KeyError, TypeError, AttributeError):
        return False
    return millis <= Timestamp.decode(county_hlc).millis


def merge_roster(store: Store, data: dict) -> int:
    """A county edit of a household, merged field by field: for each field the county's clock is
    compared with the clock of the last local change of that field; the newer wins. The losing
    value is kept in sync_conflicts when it was a real edit the other side had not seen.
    Returns the number of conflicts recorded."""
    hid, changes, county_hlc = data.get("household_id"), data.get("changes"), data.get("hlc")
    if not isinstance(changes, dict) or not isinstance(county_hlc, str):
        raise ValidationError("roster", "household_id, changes and hlc")
    Timestamp.decode(county_hlc)  # ValueError when it is not a clock
    household = store.records.get("households", hid) if isinstance(hid, str) else None
    if household is None:
        raise NotFound(f"本机没有这一户 (household not on this device): {hid}")
    cleaned = clean_household(changes, partial=True)
    store.clock.receive(county_hlc)
    clocks, created = _field_clocks(store, "households", hid)
    created = created or (household["hlc"], 0, "insert")
    now = utc_now()
    county_wins, found = {}, 0
    for field, value in cleaned.items():
        local = household.get(field)
        if _norm(local) == _norm(value):
            continue
        local_hlc, local_seq, how = clocks.get(field, created)
        if county_hlc > local_hlc:
            county_wins[field] = value
            lost = how == "update" and not _county_knew(store, local_seq, county_hlc)
            if lost:
                _conflict(store, hid, field, kept=value, lost=local, winner="county",
                          kept_hlc=county_hlc, lost_hlc=local_hlc, at=now)
                found += 1
        elif how != "county":  # a newer local edit the county had not seen: the device's value stays
            _conflict(store, hid, field, kept=local, lost=value, winner="device",
                      kept_hlc=local_hlc, lost_hlc=county_hlc, at=now)
            found += 1
    if county_wins:
        store.records.update("households", hid, county_wins)
        households._reindex(store, hid)
        seq = store.audit.head_seq
        for field in county_wins:
            store.conn.execute("INSERT OR REPLACE INTO sync_field_clocks VALUES ('households', ?, ?, ?, ?)",
                               [hid, field, county_hlc, seq])
    return found


def _conflict(store: Store, record_id: str, field: str, *, kept, lost, winner: str, kept_hlc: str,
              lost_hlc: str, at: str) -> None:
    store.conn.execute(
        "INSERT INTO sync_conflicts (tbl, record_id, field, kept_value, lost_value, winner, kept_hlc, lost_hlc, at)"
        " VALUES ('households', ?, ?, ?, ?, ?, ?, ?, ?)",
        [record_id, field, canonical.dumps(_norm(kept)), canonical.dumps(_norm(lost)), winner, kept_hlc,
         lost_hlc, at])


# -- pulling and the whole trip ---------------------------------------------------------------
def pull(store: Store, client: CountyClient, report=None, cancel=None) -> dict:
    """New publications from the county, page by page, each page applied in one transaction."""
    total = {"pulled": 0, "conflicts": 0, "skipped": []}
    after = int(settings(store).get("last_publication") or 0)
    for _ in range(MAX_PAGES):
        if _cancelled(cancel):
            raise SyncCancelled("publications")
        code, answer = client.get_json(f"{API}/publications?after={after}", step="publications")
        if code != 200 or not isinstance(answer, dict) or not isinstance(answer.get("items"), list):
            raise _unexpected("publications", code, answer)
        items, last = answer["items"], answer.get("last")
        last = last if isinstance(last, int) else None
        if not items:
            if last is not None and last > after:
                apply_publications(store, [], last)
            break
        result = apply_publications(store, items)
        total["pulled"] += result["pulled"]
        total["conflicts"] += result["conflicts"]
        total["skipped"] += result["skipped"]
        _report(report, "publications", total["pulled"], total["pulled"])
        if result["last_publication"] <= after:
            break  # nothing new: the county is repeating itself
        after = result["last_publication"]
    total["last_publication"] = int(settings(store).get("last_publication") or 0)
    return total


def client_for(store: Store, server: str | None = None, *, transport=None, **options) -> CountyClient:
    s = _enrolled(store)
    url = server or s.get("county_url")
    if not url:
        raise ValidationError("--server", "required", "--server: 请给出县服务器地址 (the county server's URL;"
                              " the enrollment file did not name one)")
    return CountyClient(url, device_id=store.device_id, device_key=envelope.ed25519_private(s["device_key"]),
                        transport=transport, pin=s.get("tls_sha256"), **options)


def sync(store: Store, server: str | None = None, report=None, cancel=None, *, transport=None,
         client: CountyClient | None = None) -> dict:
    """The monthly trip: seal and send what is pending, apply the receipts, then take the
    county's publications. Raises SyncError when a step fails; what was done stays done.

    `report(stage, done, total)`: stage "upload" (parts of the batch the county has) or
    "publications"; `cancel`: a threading.Event or a callable, checked between requests
    (SyncCancelled)."""
    own = client is None
    client = client or client_for(store, server, transport=transport)
    out = {"pushed": 0, "accepted": 0, "rejected": 0, "pulled": 0, "conflicts": 0, "skipped": [], "batches": []}
    try:
        for _ in range(10):  # the ready batch, then one more for what changed after it was sealed
            batch = seal_pending(store)
            if batch is None:
                break
            result = push_batch(store, client, batch, report, cancel)
            out["batches"].append(result)
            out["pushed"] += result["records"]
            out["accepted"] += result["accepted"]
            out["rejected"] += result["rejected"]
        pulled = pull(store, client, report, cancel)
        out["pulled"], out["conflicts"], out["skipped"] = pulled["pulled"], pulled["conflicts"], pulled["skipped"]
    finally:
        if own:
            client.close()
    _put(store, last_sync=utc_now(), **({"county_url": server.rstrip("/")} if server else {}))
    return out


# -- the USB stick ------------------------------------------------------------------------------
def export_batch(store: Store, out) -> dict | None:
    """Write the pending batch's envelope (sealing one when none is ready) to `out` (.zhb).
    None when nothing is pending."""
    batch = seal_pending(store)
    if batch is None:
        return None
    out = Path(out)
    if out.is_dir():
        out = out / f"zhucun-{store.device_id[:8]}-{batch['batch_id']}.zhb"
    _write_atomic(out, bytes(batch["envelope"]))
    return {"batch_id": batch["batch_id"], "file": str(out), "size": batch["size"], "sha256": batch["sha256"],
            "records": _batch_records(store, batch["batch_id"])}


def import_receipt(store: Store, path) -> dict:
    """The county's FILE.receipt.json from the USB stick: the receipt and the village's
    publications, verified and applied as a network sync would."""
    doc = _read_json(Path(path), "file", "receipt")
    if "receipt" not in doc:
        raise ValidationError("receipt", "required", f"receipt: 不是县里的回执文件 (not a county receipt file: {path})")
    publications = doc.get("publications") or []
    if not isinstance(publications, list):
        raise ValidationError("publications", "a list")
    result = {"pulled": 0, "conflicts": 0, "skipped": [], **apply_receipt(store, doc["receipt"], publications)}
    _put(store, last_sync=utc_now())
    return result


# -- files ---------------------------------------------------------------------------------------
def _read_json(path: Path, field: str, kind: str) -> dict:
    data = limits.load_json(path, kind, field)   # size and nesting checked before parsing
    if not isinstance(data, dict):
        raise ValidationError(field, "a JSON object", f"{field}: {path} 格式不对 (not a JSON object)")
    return data


def _write_atomic(path: Path, data: bytes) -> None:
    """Write a sync file whole, readable by this user alone (0600) before a byte is in it."""
    try:
        with atomic_file(path) as f:
            if hasattr(os, "fchmod"):
                os.fchmod(f.fileno(), 0o600)
            f.write(data)
    except OSError as e:
        raise ValidationError("--out", "a writable file", f"--out: {path} 无法写入 (cannot write: {e})") from None
