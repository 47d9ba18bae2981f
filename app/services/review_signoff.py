"""The leader's approval before a batch is sealed, and the village's choice to review or not
(DOMAIN.md §1: the team leader reviews the team's records before the monthly sync).

An approval is a `review_approvals` record: who (the leader's user id and name), when, the
month, and the range of this device's audit chain approved — from the first entry not yet
sent to the last entry there is, with that entry's hash — signed with the leader's Ed25519 key
(the one that signs forms; `app.sync.envelope.approval_message`). Sealing carries in a batch
only the outbox entries the latest approval covers; with review on and nothing covered it
refuses, naming what to do. Turning review off or on again is a record of the same table, signed
the same way, with its reason; every batch says which it was. Until the leader chooses, review is on
when two or more people work on the laptop and off for one person alone (its batches say so).

The county learns the leader's public key from the `users` record the device sends (inside the
device-signed envelope, as for signed forms) and checks the approval against it.
"""
from __future__ import annotations

from app.core import clock
from app.core.errors import StateError, ValidationError
from app.storage.store import Store
from app.sync import envelope

from .review import month_of, require_leader
from .review_returns import clear_corrected

# Review's own records: they never need an approval (the approval itself is one).
REVIEW_TABLES = ("review_returns", "review_approvals")
_NOT_REVIEW = "tbl NOT IN ('review_returns', 'review_approvals')"
NOT_APPROVED = ("本月记录尚未经队长审核批准：请队长在“审核”页点“批准本月”或运行 zhucun review approve；"
                "一人工作队可用 zhucun review off --reason … 关闭审核"
                " (this month's records are not yet approved by the team leader: the leader approves them on the"
                " Review page or with `zhucun review approve`; a one-person team may turn review off with"
                " `zhucun review off --reason …`)")


class ReviewRequired(StateError):
    """Sealing refused: review is on and the pending records are not approved."""


ONE_PERSON = "一人工作队，无人可审 (a one-person team: nobody else's records to review)"
REMOTE = ("队长在另一台电脑上审核：本机记录上传后，队长的电脑收到它们再审核批准"
          " (the leader reviews on another laptop: this laptop's records are approved there once they arrive)")


def review_state(store: Store) -> dict:
    """{"on": bool, "remote": bool, "leader", "reason", "by", "at", "id"}: the latest choice made on
    this laptop (each laptop seals its own chain, approved by the leader signed in on it). Without
    one, review is on as soon as a second person works on this laptop; on a member's own laptop
    (the leader known from the team's records but without an account here) it is remote: its
    batches go up marked to wait for the leader, whose laptop receives them and approves them
    (`approve`, `down_to`); for one person alone it is off (nobody's records to review)."""
    row = store.conn.execute("SELECT id, kind, reason, approver_name, approved_at FROM review_approvals"
                             " WHERE kind IN ('off', 'on') AND deleted = 0 AND device_id = ? ORDER BY hlc DESC LIMIT 1",
                             [store.device_id]).fetchone()
    if row is None:
        here = store.conn.execute("SELECT count(*), coalesce(sum(u.role = 'leader'), 0) FROM users u"
                                  " JOIN user_secrets k ON k.user_id = u.id WHERE u.deleted = 0 AND u.active = 1"
                                  ).fetchone()
        away = store.conn.execute("SELECT name FROM users u WHERE role = 'leader' AND deleted = 0 AND active = 1"
                                  " AND NOT EXISTS (SELECT 1 FROM user_secrets k WHERE k.user_id = u.id)"
                                  " ORDER BY updated_at DESC LIMIT 1").fetchone()
        base = {"remote": False, "leader": None, "by": None, "at": None, "id": None}
        if not here[1] and away is not None:
            return {**base, "on": False, "remote": True, "leader": away[0], "reason": REMOTE}
        return {**base, "on": here[0] > 1, "reason": None if here[0] > 1 else ONE_PERSON}
    return {"on": row[1] == "on", "remote": False, "leader": None, "reason": row[2], "by": row[3], "at": row[4],
            "id": row[0]}


def _signed(store: Store, user: dict, fields: dict) -> dict:
    key = store.signing_key()
    public = envelope.public_hex(key.public_key())
    if public != user.get("public_key"):
        raise StateError("签名密钥与用户记录不符 (the signing key is not the one in the users record)")
    approval = {"approver": user["id"], "approver_name": user["name"], "approved_at": clock.now().isoformat(
        timespec="seconds"), "device_id": store.device_id, "reason": None, "audit_from": None, "audit_to": None,
        "audit_head": None, "records": None, **fields}
    approval["signer_key"] = public
    approval["signature"] = envelope.sign_approval(approval, key)
    approval.pop("device_id")  # the record's own column: the device that wrote it
    return store.records.insert("review_approvals", approval)


def set_review(store: Store, on: bool, reason: str | None = None) -> dict:
    """Turn review off (a reason is required) or on again: a signed record in the audit chain."""
    user = require_leader(store, "开关审核", "turn review off or on")
    reason = (reason or "").strip() or None
    if not on and not reason:
        raise ValidationError("reason", "required", "--reason: 关闭审核须写明原因，如“一人工作队”"
                                                   " (turning review off needs a reason, e.g. a one-person team)")
    month = clock.today().strftime("%Y-%m")
    return _signed(store, user, {"kind": "on" if on else "off", "month": month, "reason": reason})


def pending_scope(store: Store) -> dict:
    """What an approval now would cover: the audit entries not yet in a batch (from, to, the hash
    at `to`) and the records changed in them (review's own aside)."""
    sent = store.conn.execute("SELECT max(audit_seq) FROM outbox WHERE batch_id IS NOT NULL").fetchone()[0] or 0
    top = store.conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    records = store.conn.execute(f"SELECT count(*) FROM (SELECT DISTINCT tbl, record_id FROM outbox"
                                 f" WHERE batch_id IS NULL AND {_NOT_REVIEW})").fetchone()[0]
    return {"audit_from": sent + 1, "audit_to": top[0] if top else 0, "audit_head": top[1] if top else None,
            "records": records}


def approve(store: Store, month: str | None = None) -> dict:
    """The leader approves the pending range (labelled with `month`, default this month)."""
    user = require_leader(store, "批准", "approve")
    with store.transaction():
        clear_corrected(store)
        return _signed(store, user, {"kind": "approve", "month": month_of(month), **pending_scope(store),
                                     "down_to": down_cursor(store)})


def down_cursor(store: Store) -> int | None:
    """The place in the county's records-down feed this laptop has read to (None before the first
    pull): what the team's other laptops sent that the leader has seen here. The county marks
    their batches waiting for the leader as approved up to it."""
    row = store.conn.execute("SELECT value FROM sync_settings WHERE key = 'last_record'").fetchone()
    return int(row[0]) if row and row[0] else None


def latest_approval(store: Store) -> dict | None:
    """This device's latest approval (approvals of the team's other devices cover their own chains)."""
    row = store.conn.execute("SELECT id FROM review_approvals WHERE kind = 'approve' AND deleted = 0"
                             " AND device_id = ? ORDER BY audit_to DESC, hlc DESC LIMIT 1", [store.device_id]).fetchone()
    return store.records.get("review_approvals", row[0]) if row else None


def approval_doc(approval: dict) -> dict:
    """An approval as a batch carries it: the signed fields, the signature and the key."""
    optional = {k: approval[k] for k in envelope.APPROVAL_OPTIONAL if approval.get(k) is not None}
    return {**{k: approval.get(k) for k in envelope.APPROVAL_FIELDS}, **optional, "id": approval["id"],
            "signer_key": approval["signer_key"], "signature": approval["signature"]}


def seal_scope(store: Store, first: int, last: int) -> tuple[int, dict, set]:
    """(the last outbox seq a batch over first..last may carry, the batch's "review" section, the
    records it must leave out). With review on: up to the first entry the latest approval does
    not cover, leaving out the records changed again after it (a batch carries a record as it
    stands, which the leader has not seen; it goes with the next approval); ReviewRequired when
    the approval covers none of the entries."""
    state = review_state(store)
    if state["remote"]:
        return last, {"state": "remote", "leader": state["leader"], "reason": state["reason"]}, set()
    if not state["on"]:
        return last, {"state": "off", "reason": state["reason"], "by": state["by"], "at": state["at"],
                      "id": state["id"]}, set()
    approval = latest_approval(store)
    covered_to = approval["audit_to"] if approval else -1
    row = store.conn.execute(f"SELECT min(seq) FROM outbox WHERE seq BETWEEN ? AND ? AND batch_id IS NULL"
                             f" AND {_NOT_REVIEW} AND audit_seq > ?", [first, last, covered_to]).fetchone()
    stop = last if row[0] is None else row[0] - 1
    if approval is None or stop < first:
        raise ReviewRequired(NOT_APPROVED)
    held = {(t, r) for t, r in store.conn.execute(
        "SELECT DISTINCT tbl, record_id FROM outbox WHERE seq > ? AND seq <= ? AND batch_id IS NULL", [stop, last])}
    return stop, {"state": "approved", "approval": approval_doc(approval)}, held


def status(store: Store) -> dict:
    """For the review page and `zhucun review status`: review on or off, the latest approval,
    and what is waiting for one."""
    approval = latest_approval(store)
    scope = pending_scope(store)
    waiting = store.conn.execute(f"SELECT count(*) FROM outbox WHERE batch_id IS NULL AND {_NOT_REVIEW}"
                                 " AND audit_seq > ?", [approval["audit_to"] if approval else -1]).fetchone()[0]
    return {"review": review_state(store), "approval": approval_doc(approval) if approval else None,
            "pending_records": scope["records"], "unapproved_changes": waiting}
