"""A record sent back to its author by the leader, with a note (DOMAIN.md §1, 谁录入、谁负责).

A return is a `review_returns` record (audited and synced like any other, so it reaches the
author's laptop through the county). It stays on the author's list until the record is
corrected: changed after it was returned (its clock moved on), or — for records that are never
edited once saved — superseded by a correction (a visit), followed by a later step (a case
step) or the form re-saved (a handwritten signature).
"""
from __future__ import annotations

from app.core import clock
from app.core.errors import NotFound, ValidationError
from app.storage.store import Store

from .review import KINDS, KIND_ZH, household_of, require_leader

MAX_NOTE = 500


def send_back(store: Store, tbl: str, record_id: str, note: str) -> dict:
    """The leader sends `tbl`/`record_id` back to whoever last wrote it, with `note`."""
    require_leader(store, "退回记录", "send a record back")
    note = (note or "").strip()
    if not note:
        raise ValidationError("note", "required", "退回说明：必填，写明要改什么 (note: required — say what to correct)")
    if len(note) > MAX_NOTE:
        raise ValidationError("note", "length", f"退回说明：最多 {MAX_NOTE} 字 (note: at most {MAX_NOTE} characters)")
    if tbl not in KINDS:
        raise ValidationError("tbl", "kind", f"只能退回走访、表单、案例和农户档案 (only visits, forms, cases and"
                                             f" household records can be sent back): {tbl}")
    record = store.records.get(tbl, record_id)
    if record is None:
        raise NotFound(f"没有这条记录 (no such record): {tbl} {record_id}")
    return store.records.insert("review_returns", {
        "tbl": tbl, "record_id": record_id, "household_id": household_of(store, tbl, record_id),
        "author": record["updated_by"], "record_hlc": record["hlc"], "note": note,
        "returned_on": clock.today().isoformat(), "returned_by": store.user_id})


def corrected(store: Store, ret: dict) -> bool:
    """Whether the returned record was corrected after it was sent back."""
    record = store.records.get(ret["tbl"], ret["record_id"], include_deleted=True)
    if record is None or record["hlc"] != ret["record_hlc"]:
        return True
    later = {
        "visits": ("SELECT 1 FROM visits WHERE supersedes = ? AND deleted = 0", ret["record_id"]),
        "case_events": ("SELECT 1 FROM case_events WHERE case_id = ? AND hlc > ? AND deleted = 0",
                        record.get("case_id")),
        "form_signatures": ("SELECT 1 FROM form_instances WHERE id = ? AND hlc > ?", record.get("instance_id")),
    }.get(ret["tbl"])
    if later is None:
        return False
    sql, key = later
    params = [key] if sql.count("?") == 1 else [key, ret["hlc"]]
    return store.conn.execute(sql, params).fetchone() is not None


def returned(store: Store, author: str | None = None, *, include_done: bool = False) -> list[dict]:
    """The records sent back (to `author`, or to anyone), oldest first, each with its note, who
    sent it back, and whether it is corrected; corrected ones only with `include_done`."""
    names = {u["id"]: u["name"] for u in store.users()}
    sql = "SELECT id FROM review_returns WHERE deleted = 0 AND resolved_on IS NULL"
    params: list = []
    if author:
        sql += " AND author = ?"
        params.append(author)
    out = []
    for (rid,) in store.conn.execute(sql + " ORDER BY hlc", params).fetchall():
        ret = store.records.get("review_returns", rid)
        done = corrected(store, ret)
        if done and not include_done:
            continue
        head = None
        if ret["household_id"]:
            h = store.records.get("households", ret["household_id"], include_deleted=True)
            head = h["head_name"] if h else None
        out.append({"id": rid, "tbl": ret["tbl"], "record_id": ret["record_id"],
                    "kind": KIND_ZH[KINDS[ret["tbl"]]], "household_id": ret["household_id"], "household": head,
                    "author": names.get(ret["author"], ret["author"]), "author_id": ret["author"],
                    "by": names.get(ret["returned_by"], ret["returned_by"]), "note": ret["note"],
                    "returned_on": ret["returned_on"], "corrected": done})
    return out


def clear_corrected(store: Store) -> int:
    """Mark the corrected returns resolved (when the leader approves): they leave every list."""
    done = [r["id"] for r in returned(store, include_done=True) if r["corrected"]]
    today = clock.today().isoformat()
    with store.transaction():
        for rid in done:
            store.records.update("review_returns", rid, {"resolved_on": today})
    return len(done)
