"""Batches with their receipts (accepted, rejected with reasons), conflicts with both values, and
the county-level checks the villages cannot run: the same ID number in two villages, identical
incomes across villages, households marked eliminated without the elimination steps, visits
crowded on one day. The checks use the device's rule engine (app.core.quality); a finding
becomes a problem item sent to its village in one click."""
from __future__ import annotations

import json

from fastapi import HTTPException, Request
from sqlalchemy import func, select, tuple_
from sqlalchemy.engine import Connection

from app.core import clock
from app.core.errors import NotFound, ValidationError

from .. import approvals
from .. import county as cty
from .. import db
from .pages import scope
import county_server.console.checks as checks_of
from .queries import scoped
from .web import Actor, Viewer, console_router, engine_of, page_args, pages, posted, quoted, render, see_other

router = console_router()


# -- batches and conflicts ----------------------------------------------------------------------------
def batch_rows(conn: Connection, township: str | None, offset: int, limit: int,
               review: str = "all") -> tuple[list[dict], int]:
    """A page of the batches in scope, newest first, with those the review filter keeps
    (approvals.FILTERS), and how many it keeps in all."""
    b, d = db.batches, db.devices
    where = approvals.filter_where(review)

    def joined(q):   # devices only for a township's scope: the page's order is read from an index of batches
        if township is not None:
            q = q.join(d, d.c.device_id == b.c.device_id)
        return scoped(q.where(*where), township)
    total = conn.execute(select(func.count()).select_from(joined(select(b.c.device_id)).subquery())).scalar()
    # The page's keys first, sorted without the receipts (a receipt lists every accepted record),
    # then those 50 batches whole.
    page = [tuple(k) for k in conn.execute(joined(select(b.c.device_id, b.c.batch_id))
                                           .order_by(b.c.started_at.desc(), b.c.device_id.desc(), b.c.batch_id.desc())
                                           .offset(offset).limit(limit))]
    found = {}
    if page:
        q = select(b.c.batch_id, b.c.device_id, b.c.state, b.c.size, b.c.parts, b.c.started_at, b.c.received_at,
                   b.c.receipt, d.c.village).join(d, d.c.device_id == b.c.device_id)
        found = {(row["device_id"], row["batch_id"]): row
                 for row in conn.execute(q.where(tuple_(b.c.device_id, b.c.batch_id).in_(page))).mappings()}
    out = []
    for row in (found[k] for k in page if k in found):
        item = {k: row[k] for k in ("batch_id", "device_id", "state", "size", "parts", "started_at", "received_at",
                                    "village")}
        receipt = json.loads(row["receipt"]) if row["receipt"] else {}
        body = receipt.get("body") or {}
        item.update(accepted=len(body.get("accepted") or []), rejected=body.get("rejected") or [],
                    reason=receipt.get("refused"))
        out.append(item)
    approvals.attach(conn, out)
    return out, total


@router.get("/batches")
def batches(request: Request, s: Viewer, page: int = 1, review: str = "all"):
    review = review if review in approvals.FILTERS else "all"
    offset, limit = page_args(page)
    with db.reading(engine_of(request)) as conn:
        rows, total = batch_rows(conn, scope(s), offset, limit, review)
        conflicts = conflict_rows(conn, scope(s))
    return render(request, "batches.html", s, rows=rows, pager=pages(total, page), conflicts=conflicts,
                  review=review, filters=approvals.FILTERS)


def conflict_rows(conn: Connection, township: str | None) -> list[dict]:
    c, d = db.conflicts, db.devices
    q = scoped(select(c, d.c.village).join(d, d.c.device_id == c.c.device_id).where(c.c.reviewed == 0), township)
    return [{**r, "kept": _value(r["kept_value"]), "lost": _value(r["lost_value"])}
            for r in conn.execute(q.order_by(c.c.id).limit(200)).mappings()]


def _value(text):
    return "" if text is None else json.dumps(json.loads(text), ensure_ascii=False)


@router.post("/conflicts/{conflict_id}/reviewed")
async def conflict_reviewed(request: Request, conflict_id: int, s: Actor):
    await posted(request, s)
    try:
        cty.mark_reviewed(engine_of(request), conflict_id)
    except NotFound as e:
        raise HTTPException(404, str(e)) from None
    return see_other("/batches")


# -- county-level checks (checks.py) ----------------------------------------------------------------
@router.get("/checks")
def checks(request: Request, s: Viewer, page: int = 1, done: str | None = None, error: str | None = None):
    today = clock.today()
    findings = checks_of.scoped_findings(engine_of(request), scope(s), today)
    p = pages(len(findings), page)
    offset, limit = page_args(p["page"])
    return render(request, "checks.html", s, rows=findings[offset:offset + limit], pager=p, done=done, error=error)


@router.post("/checks/problem")
async def finding_to_problem(request: Request, s: Actor):
    """A finding as an item of a problem list for its village, sent with the next sync."""
    form = await posted(request, s)
    village = str(form.get("village") or "").strip()
    description = str(form.get("description") or "").strip()
    if not village or not description or len(description) > 2000:
        return see_other("/checks?error=" + quoted("description: 请写明问题 (describe the problem)"))
    item = {"description": description}
    if form.get("household_id"):
        item["household_id"] = str(form.get("household_id"))
    try:
        doc = cty.publish(engine_of(request), "problems",
                          {"title": f"县级核查发现（{clock.today().isoformat()}）", "items": [item]}, village)
    except ValidationError as e:
        return see_other("/checks?error=" + quoted(str(e)))
    return see_other("/checks?done=" + quoted(f"已作为问题清单 #{doc['body']['seq']} 发往{village} (sent as a problem list)"))

