"""Batches with their receipts (accepted, rejected with reasons), conflicts with both values, and
the county-level checks the villages cannot run: the same ID number in two villages, identical
incomes across villages, households marked eliminated without the elimination steps, visits
crowded on one day. The checks use the device's rule engine (app.core.quality); a finding
becomes a problem item sent to its village in one click."""
from __future__ import annotations

import json
from collections import Counter
from datetime import date

from fastapi import HTTPException, Request
from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from app.core import clock, quality
from app.core.enums import HouseholdCategory
from app.core.errors import NotFound, ValidationError

from .. import approvals
from .. import county as cty
from .. import db
from .pages import scope
import county_server.console.summaries as summaries
from .queries import records, scoped
from .web import Actor, Viewer, console_router, engine_of, page_args, pages, posted, quoted, render, see_other

router = console_router()
CLUSTER_SHARE = 0.5       # a village's visits of a month, more than half on one day…
CLUSTER_MIN = 10          # …of at least this many visits


# -- batches and conflicts ----------------------------------------------------------------------------
def batch_rows(conn: Connection, township: str | None, offset: int, limit: int) -> tuple[list[dict], int]:
    b, d = db.batches, db.devices
    base = scoped(select(b.c.device_id).join(d, d.c.device_id == b.c.device_id), township)
    total = conn.execute(select(func.count()).select_from(base.subquery())).scalar()
    q = scoped(select(b.c.batch_id, b.c.device_id, b.c.state, b.c.size, b.c.parts, b.c.started_at, b.c.received_at,
                      b.c.receipt, d.c.village).join(d, d.c.device_id == b.c.device_id), township)
    out = []
    for r in conn.execute(q.order_by(b.c.started_at.desc()).offset(offset).limit(limit)).mappings():
        item = {k: r[k] for k in ("batch_id", "device_id", "state", "size", "parts", "started_at", "received_at",
                                  "village")}
        receipt = json.loads(r["receipt"]) if r["receipt"] else {}
        body = receipt.get("body") or {}
        item.update(accepted=len(body.get("accepted") or []), rejected=body.get("rejected") or [],
                    reason=receipt.get("refused"))
        out.append(item)
    approvals.attach(conn, out)
    return out, total


@router.get("/batches")
def batches(request: Request, s: Viewer, page: int = 1):
    offset, limit = page_args(page)
    with db.reading(engine_of(request)) as conn:
        rows, total = batch_rows(conn, scope(s), offset, limit)
        conflicts = conflict_rows(conn, scope(s))
    return render(request, "batches.html", s, rows=rows, pager=pages(total, page), conflicts=conflicts)


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


# -- county-level checks -----------------------------------------------------------------------------
def county_checks(conn: Connection, township: str | None, today: date) -> list[dict]:
    """Findings across villages, each with its village; a reviewer sees those of their villages
    (the other village is named, its household not)."""
    homes: dict[str, tuple[str, dict]] = {h["id"]: (v, h) for v, h in records(conn, "households", None)}
    visible = {hid for _, h in records(conn, "households", township) for hid in [h["id"]]}
    out: list[dict] = []

    def add(f: quality.Finding, village: str, others: set[str]):
        if f.household_id in visible:
            elsewhere = "、".join(sorted(others - {village}))
            # A reviewer reads the other village's name, not its household's.
            message = f.message if township is None else f"{f.title}：与{elsewhere}的户相同（其他乡镇，详情问县里）"
            out.append({"village": village, "household_id": f.household_id, "household": f.household,
                        "title": f.title, "message": message, "hint": f.hint, "others": elsewhere})

    by_number: dict[str, list[dict]] = {}
    for _, m in records(conn, "members", None):
        if m.get("id_number") and m.get("household_id") in homes:
            by_number.setdefault(m["id_number"].strip().upper(), []).append(m)
    for group in by_number.values():
        villages = {homes[m["household_id"]][0] for m in group}
        if len(villages) > 1:
            for f in quality.duplicate_ids(group, {hid: h for hid, (_, h) in homes.items()}):
                add(f, homes[f.household_id][0], villages)

    latest: dict[str, dict] = {}
    for _, i in records(conn, "income_assessments", None):
        hid = i.get("household_id")
        if hid in homes and isinstance(i.get("items"), dict) and (
                hid not in latest or (i.get("assessed_on") or "") > (latest[hid].get("assessed_on") or "")):
            latest[hid] = i
    groups: dict[tuple, dict[str, dict]] = {}
    for hid, i in latest.items():
        key = tuple(sorted((k, v) for k, v in i["items"].items() if v))
        if key:
            groups.setdefault(key, {})[hid] = i
    for group in groups.values():
        villages = {homes[hid][0] for hid in group}
        if len(villages) > 1:
            for f in quality.identical_incomes(group, {hid: homes[hid][1] for hid in group}):
                add(f, homes[f.household_id][0], villages)

    eliminated_cases = {c.get("household_id") for _, c in records(conn, "cases", None) if c.get("eliminated_date")}
    for hid, (v, h) in homes.items():
        if h.get("category") == HouseholdCategory.MONITORED.value and h.get("risk_eliminated") \
                and hid not in eliminated_cases and hid in visible:
            out.append({"village": v, "household_id": hid, "household": quality.label(h),
                        "title": "标注风险消除但没有消除程序",
                        "message": "户标注为风险已消除，但没有风险消除的监测帮扶记录（入户核实、民主评议、公示、审核）",
                        "hint": "按程序补齐风险消除的各环节，或改正“风险已消除”的标注。", "others": ""})
    out.extend(clustered_visits(conn, township, today))
    out.sort(key=lambda f: (f["village"], f["title"], f["household"]))
    return out


def clustered_visits(conn: Connection, township: str | None, today: date) -> list[dict]:
    """Villages whose visits of a recent month crowd onto one day (补录, not visiting)."""
    since = date(today.year - (today.month <= 3), (today.month - 4) % 12 + 1, 1).isoformat()
    days: dict[tuple[str, str], Counter] = {}
    for v, visit in records(conn, "visits", township):
        day = str(visit.get("visit_date") or "")
        if day >= since:
            days.setdefault((v, day[:7]), Counter())[day] += 1
    out = []
    for (v, month), counts in sorted(days.items()):
        total = sum(counts.values())
        day, n = counts.most_common(1)[0]
        if total >= CLUSTER_MIN and n > CLUSTER_SHARE * total:
            out.append({"village": v, "household_id": None, "household": "", "title": "走访集中在同一天",
                        "message": f"{month}月共{total}次走访，其中{n}次记在{day}",
                        "hint": "核实是否集中补录；走访应按实际日期记录。", "others": ""})
    return out


@router.get("/checks")
def checks(request: Request, s: Viewer, page: int = 1, done: str | None = None, error: str | None = None):
    today = clock.today()
    findings = summaries.cached(engine_of(request), "checks", (scope(s), today.isoformat()),
                                lambda conn: county_checks(conn, scope(s), today))
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

