"""The team leader's approval a batch carries, checked and kept at the county (README, "The
leader's review").

A device seals a batch only over what its leader approved, or says review was off and why
(`app/services/review_signoff.py`). The approval is signed with the leader's Ed25519 key — the
key of the leader's `users` record, which reaches the county in the device's batches inside
the device-signed envelope, exactly as a form signer's key does. So the county checks: the
approver is a user this device sent, with the leader role and that public key; the signature
verifies over the approval's fields (`app.sync.envelope.approval_message`); the approval is
this device's; and every audit entry of the batch (review's own records aside) lies in the
approved range, the hash at its end the approved one.

A signature that does not verify, or a key or approver that is not the device's leader, refuses
the batch (nothing stored). A batch without a review (a device from before review), or whose
entries run past the approved range, is stored and flagged. Each batch's verdict is a row of
`batch_reviews`, which the console's batches page shows.
"""
from __future__ import annotations

import json

from sqlalchemy import exists, insert, select
from sqlalchemy.engine import Connection

from app.sync import envelope

from . import db, remote_review
from .county import get_record

REVIEW_TABLES = {"review_returns", "review_approvals"}

batch_reviews = db.batch_reviews

# The console's batches page filters by the review (console/review.py): its choices, and for
# each the batches it shows, as a condition on a batch (db.batches). A batch refused for its
# approval (a reason starting with one of REFUSALS) has a review of state "refused"
# (store_refusal).
FILTERS = {"all": ("全部", "All"),
           "approved": ("已审核批准", "Approved"),
           "unreviewed": ("未经审核", "Not reviewed"),
           "awaiting_leader": ("待队长审核（队员电脑）", "Waiting for the leader (a member's laptop)"),
           "off": ("审核关闭（一人工作队）", "Review off (a one-person team)"),
           "invalid": ("审批无效", "Approval not valid")}
REFUSALS = ("approval:", "review off:", "review:")
STATES = {"approved": ("approved",), "awaiting_leader": ("awaiting_leader",), "off": ("off",),
          "invalid": ("not_covered", "refused")}


def refused_for_approval(reason) -> bool:
    return isinstance(reason, str) and reason.startswith(REFUSALS)


def filter_where(choice: str) -> list:
    """The conditions of a filter choice on a batch ("all" or unknown: none): whether it has a
    review of the choice's states (one lookup by its key, so the page is read in the order of
    db.batches' index)."""
    b, r = db.batches, batch_reviews

    def reviewed(*where):
        return exists().where(r.c.device_id == b.c.device_id, r.c.batch_id == b.c.batch_id, *where)
    if choice in STATES:
        return [reviewed(r.c.state.in_(STATES[choice]))]
    if choice == "unreviewed":
        return [b.c.state == "done", ~reviewed(r.c.state != "unreviewed")]
    return []


class ApprovalRefused(ValueError):
    """The batch's approval is forged or not its leader's: the batch is refused."""


def _user(conn: Connection, user_id, good: dict, device_id: str) -> dict | None:
    item = good.get(("users", user_id))
    if item is not None:
        return item["data"]
    row = get_record(conn, "users", user_id) if isinstance(user_id, str) else None
    return json.loads(row["data"]) if row is not None and row["device_id"] == device_id else None


def _signed_by_leader(conn: Connection, doc: dict, good: dict, device_id: str, what: str) -> dict:
    """The approver's users record, after checking `doc`'s signature, key and role; ApprovalRefused else."""
    user = _user(conn, doc.get("approver"), good, device_id)
    if user is None:
        raise ApprovalRefused(f"{what}: the approver is not a user known from this device")
    if user.get("public_key") != doc.get("signer_key"):
        raise ApprovalRefused(f"{what}: signer_key is not the approver's key (users record)")
    if user.get("role") != "leader":
        raise ApprovalRefused(f"{what}: the approver is not the team leader (队长)")
    if doc.get("device_id") != device_id:
        raise ApprovalRefused(f"{what}: made on another device")
    try:
        envelope.verify_approval(doc, doc["signer_key"])
    except envelope.EnvelopeError:
        raise ApprovalRefused(f"{what}: the signature does not verify (altered after signing)") from None
    return user


def check(conn: Connection, batch: dict, good: dict, entries: list[dict], device_id: str) -> dict:
    """The batch's review verdict (a `batch_reviews` row without its keys); ApprovalRefused for a
    forged approval. `good`: the batch's records that stand on their own, by (tbl, id)."""
    review = batch.get("review")
    if not isinstance(review, dict):
        return {"state": "unreviewed", "verified": 0, "detail": "the batch carries no review"}
    if review.get("state") == "remote":
        return remote_review.awaiting(review)
    if review.get("state") == "off":
        out = {"state": "off", "verified": 0, "approver": _short(review.get("by")),
               "approved_at": _short(review.get("at")), "reason": _short(review.get("reason"), 300)}
        item = good.get(("review_approvals", review.get("id")))
        if item is not None:  # the choice itself is in this batch: its signature is checked too
            _signed_by_leader(conn, item["data"], good, device_id, "review off")
            out["verified"] = 1
        return out
    doc = review.get("approval")
    if review.get("state") != "approved" or not isinstance(doc, dict) or doc.get("kind") != "approve":
        raise ApprovalRefused("review: neither an approval nor review off")
    user = _signed_by_leader(conn, doc, good, device_id, "approval")
    out = {"state": "approved", "verified": 1, "approver": _short(user.get("name")),
           "approved_at": _short(doc.get("approved_at")), "month": _short(doc.get("month")),
           "audit_from": _int(doc.get("audit_from")), "audit_to": _int(doc.get("audit_to")),
           "down_to": _int(doc.get("down_to"))}
    past = [e["seq"] for e in entries if e["tbl"] not in REVIEW_TABLES and e["seq"] > out["audit_to"]]
    at_end = [e for e in entries if e["seq"] == out["audit_to"]]
    if past:
        out.update(state="not_covered", detail=f"audit entries {past[0]}–{past[-1]} after the approved range")
    elif at_end and at_end[0]["hash"] != doc.get("audit_head"):
        out.update(state="not_covered", detail=f"audit entry {out['audit_to']} is not the one approved")
    return out


def store(conn: Connection, device_id: str, batch_id: str, verdict: dict | None) -> None:
    if verdict is None:
        return
    verdict = dict(verdict)
    down_to = verdict.pop("down_to", None)
    conn.execute(insert(batch_reviews).values(device_id=device_id, batch_id=batch_id, **verdict))
    if verdict["state"] == "approved":
        remote_review.cover(conn, device_id, verdict, down_to)


def store_refusal(conn: Connection, device_id: str, batch_id: str, reason: str) -> None:
    """A batch just refused (batches.py): when for its approval, the verdict "refused"."""
    if refused_for_approval(reason):
        store(conn, device_id, batch_id, {"state": "refused", "verified": 0, "detail": _short(reason, 300)})


def attach(conn: Connection, rows: list[dict]) -> None:
    """Each batch row (with device_id and batch_id) gets its "review" verdict, or None."""
    keys = {(r["device_id"], r["batch_id"]) for r in rows}
    found = {}
    if keys:
        q = select(batch_reviews).where(batch_reviews.c.batch_id.in_([k[1] for k in keys]))
        found = {(r["device_id"], r["batch_id"]): dict(r) for r in conn.execute(q).mappings()}
    for r in rows:
        r["review"] = found.get((r["device_id"], r["batch_id"]))


def _short(v, n: int = 100):
    return v[:n] if isinstance(v, str) else None


def _int(v):
    return v if type(v) is int else None
