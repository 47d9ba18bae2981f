"""The leader's approval of the team's other laptops (README, "The leader's review").

A member's own laptop, where the leader has no account, seals its batches marked to wait for the
leader (`"review": {"state": "remote"}`, app/services/review_signoff.py): their verdict here is
`awaiting_leader`. The leader's laptop receives those records through the records-down feed and
the leader approves them there; the approval, signed with the leader's key, names the place in
the feed that laptop had read to (`down_to`). When that approval arrives, every batch of the
village's other devices still waiting whose records all lie in the feed at or before that place
— the leader had them on screen — becomes approved, naming the approval. A record changed again
since has a later place, so its batch waits for the next approval.
"""
from __future__ import annotations

from sqlalchemy import and_, exists, select, update
from sqlalchemy.engine import Connection

from . import db

AWAITING = "awaiting_leader"


def awaiting(review: dict) -> dict:
    """The verdict of a batch sealed on a member's laptop to wait for the leader."""
    leader = review.get("leader")
    return {"state": AWAITING, "verified": 0, "approver": leader[:100] if isinstance(leader, str) else None,
            "detail": "sealed on a member's laptop: waiting for the leader's approval from the leader's laptop"}


def cover(conn: Connection, device_id: str, verdict: dict, down_to) -> int:
    """Mark approved the village's other devices' batches waiting for the leader that the approval
    in `verdict` (from `device_id`, read to feed place `down_to`) covers. Returns how many."""
    if type(down_to) is not int or down_to <= 0:
        return 0
    d, r, x, br = db.devices, db.records, db.down_index, db.batch_reviews
    village = conn.execute(select(d.c.village).where(d.c.device_id == device_id)).scalar()
    if village is None:
        return 0
    waiting = conn.execute(select(br.c.device_id, br.c.batch_id).join(d, d.c.device_id == br.c.device_id).where(
        br.c.state == AWAITING, d.c.village == village, br.c.device_id != device_id)).all()
    detail = (f"由队长在本村另一台电脑审核批准（至记录 {down_to}） (approved by the leader on the team's"
              f" other laptop, records down to place {down_to})")
    done = 0
    for dev, batch in waiting:
        unseen = exists().where(r.c.device_id == dev, r.c.batch_id == batch, ~exists().where(
            and_(x.c.tbl == r.c.tbl, x.c.id == r.c.id, x.c.village == village, x.c.seq <= down_to)))
        if conn.execute(select(unseen)).scalar():
            continue
        conn.execute(update(br).where(br.c.device_id == dev, br.c.batch_id == batch).values(
            state="approved", verified=1, approver=verdict.get("approver"), approved_at=verdict.get("approved_at"),
            month=verdict.get("month"), detail=detail))
        done += 1
    return done
