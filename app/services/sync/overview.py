"""What the sync page and `zhucun sync status` show: enrolment, what waits to be sent, the
records the county refused and the conflicts to look at."""
from __future__ import annotations

import json

from app.core.errors import NotFound
from app.storage import outbox
from app.storage.store import Store

from .common import settings


def status(store: Store) -> dict:
    s = settings(store)
    enrolled = all(s.get(k) for k in ("device_key", "sign_key", "hpke_key"))
    pending = outbox.pending(store)
    ready = store.conn.execute("SELECT count(*) FROM sync_batches WHERE state = 'ready'").fetchone()[0]
    rejected_n = store.conn.execute("SELECT count(*) FROM sync_rejections WHERE resolved_at IS NULL").fetchone()[0]
    conflicts_n = store.conn.execute("SELECT count(*) FROM sync_conflicts WHERE reviewed = 0").fetchone()[0]
    return {"enrolled": enrolled, "device_id": store.device_id, "store_id": store.store_id,
            "county_id": s.get("county_id"), "county_name": s.get("county_name"),
            "county_url": s.get("county_url"), "village": s.get("village"), "township": s.get("township"),
            "enrolled_at": s.get("enrolled_at"), "last_sync": s.get("last_sync"),
            "last_publication": int(s.get("last_publication") or 0), "last_record": int(s.get("last_record") or 0),
            "restored_from": json.loads(s["restored_from"]) if s.get("restored_from") else None,
            "pending": pending, "ready_batches": ready, "rejected": rejected_n, "conflicts": conflicts_n}


def rejected(store: Store, include_resolved: bool = False) -> list[dict]:
    """Records the county refused, with its reason, and whether a fix is waiting to be sent."""
    sql = "SELECT * FROM sync_rejections" + ("" if include_resolved else " WHERE resolved_at IS NULL")
    rows = store.query(sql + " ORDER BY at, tbl, record_id")
    for r in rows:
        current = (store.records.get(r["tbl"], r["record_id"], include_deleted=True)
                   if is_record_table(r["tbl"]) else None)
        r["current_revision"] = current["revision"] if current else None
        r["fixed"] = bool(current and current["revision"] > r["revision"])
        r["label"] = record_label(r["tbl"], current)
    return rows


def conflicts(store: Store, include_reviewed: bool = False) -> list[dict]:
    sql = "SELECT * FROM sync_conflicts" + ("" if include_reviewed else " WHERE reviewed = 0")
    rows = store.query(sql + " ORDER BY id")
    for r in rows:
        for k in ("kept_value", "lost_value"):
            r[k] = json.loads(r[k]) if r[k] is not None else None
        r["reviewed"] = bool(r["reviewed"])
        record = (store.records.get(r["tbl"], r["record_id"], include_deleted=True)
                  if is_record_table(r["tbl"]) else None)
        r["label"] = record_label(r["tbl"], record)
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


def is_record_table(tbl: str) -> bool:
    from app.storage.schema import RECORD_TABLES
    return tbl in RECORD_TABLES


def record_label(tbl: str, record: dict | None) -> str:
    if not record:
        return ""
    for key in ("head_name", "name", "title", "form_id", "signer_name", "person"):
        if record.get(key):
            return str(record[key])
    return ""


def restore_notice(store: Store) -> dict | None:
    """On a laptop enrolled in place of a lost one: which device it replaces, and what the county
    cannot give back because it never had it. None on an ordinary laptop."""
    s = settings(store)
    if not s.get("restored_from"):
        return None
    lost = json.loads(s["restored_from"])
    when = lost.get("last_batch_at")
    return {"restored_from": lost, "not_restored": [
        "从未同步的表单草稿：只在旧电脑上 (form drafts that were never synced: they were on the old laptop only)",
        (f"旧电脑最后一次同步（{when}）之后的更改 (changes made on the old laptop after its last sync, {when})" if when
         else "旧电脑从未同步过的一切 (everything on the old laptop: it never synced)"),
        "旧电脑的用户与口令、打印记录和本机设置 (the old laptop's own users and passphrases, print history and"
        " settings)"]}
