"""Conflicts decided value by value: a field edited both at the county and in the village keeps
one value by the sync's rule (the later edit); the console shows both side by side and the county
monitor chooses. Choosing the value that was kept confirms it; choosing the one that lost writes
it as the county's edit of the household (county.roster_set, as `zhucun-county roster set`),
which goes down to the village's devices with their records and a roster publication. Either
way the decision is recorded (who, when, which value) and shown."""
from __future__ import annotations

import json

from fastapi import HTTPException, Request
from sqlalchemy import func, insert, select, update

from app.core import clock
from app.core.errors import NotFound, StateError, ValidationError

from .. import county as cty
from .. import db
from .pages import scope
from .queries import scoped
from .web import Actor, Viewer, console_router, engine_of, page_args, pages, posted, quoted, render, see_other

router = console_router()


def conflict_page(conn, township: str | None, decided: bool, offset: int, limit: int) -> tuple[list[dict], int]:
    c, d, k, r = db.conflicts, db.devices, db.conflict_decisions, db.records
    q = scoped(select(c, d.c.village, k.c.choice, k.c.decided_by, k.c.decided_at, k.c.publication)
               .join(d, d.c.device_id == c.c.device_id).outerjoin(k, k.c.conflict_id == c.c.id), township)
    q = q.where(k.c.conflict_id.is_not(None) if decided else (k.c.conflict_id.is_(None) & (c.c.reviewed == 0)))
    total = conn.execute(select(func.count()).select_from(q.subquery())).scalar()
    rows = [dict(x) for x in conn.execute(q.order_by(c.c.id.desc() if decided else c.c.id)
                                          .offset(offset).limit(limit)).mappings()]
    ids = list({x["record_id"] for x in rows if x["tbl"] == "households"})
    heads = {i: json.loads(data) for i, data in conn.execute(
        select(r.c.id, r.c.data).where(r.c.tbl == "households", r.c.id.in_(ids)))} if ids else {}
    for x in rows:
        h = heads.get(x["record_id"]) or {}
        x["household"] = " ".join(v for v in (h.get("head_name"), h.get("number")) if v)
        x["kept"], x["lost"] = _shown(x["kept_value"]), _shown(x["lost_value"])
        x["now"] = _shown(json.dumps(h.get(x["field"]))) if h else ""
    return rows, total


def _shown(text) -> str:
    return "" if text is None else json.dumps(json.loads(text), ensure_ascii=False).strip('"')


@router.get("/conflicts")
def conflicts(request: Request, s: Viewer, page: int = 1, decided: int = 0, done: str | None = None,
              error: str | None = None):
    offset, limit = page_args(page)
    with db.reading(engine_of(request)) as conn:
        rows, total = conflict_page(conn, scope(s), bool(decided), offset, limit)
    return render(request, "conflicts.html", s, rows=rows, pager=pages(total, page), decided=bool(decided),
                  done=done, error=error)


def decide(engine, conflict_id: int, choice: str, user_name: str) -> dict:
    """Record the decision; a value that lost is written back as the county's edit."""
    if choice not in ("kept", "lost"):
        raise ValidationError("choice", "kept or lost", "choice: 请选择一个值 (choose one of the two values)")
    c, k = db.conflicts, db.conflict_decisions
    with db.reading(engine) as conn:
        row = conn.execute(select(c).where(c.c.id == conflict_id)).mappings().first()
        if row is None:
            raise NotFound(f"没有这条冲突 (no conflict {conflict_id})")
        if conn.execute(select(k.c.conflict_id).where(k.c.conflict_id == conflict_id)).first():
            raise StateError("这条冲突已经决定过了 (this conflict was decided already)")
    value = row["kept_value"] if choice == "kept" else row["lost_value"]
    publication = None
    if choice == "lost":
        if row["tbl"] != "households":
            raise ValidationError("choice", "households only", "只有户信息的冲突可以改用另一个值 (only a household's field)")
        out = cty.roster_set(engine, row["record_id"], {row["field"]: json.loads(value)})
        publication = out["publication"]
    with engine.begin() as conn:
        conn.execute(insert(k).values(conflict_id=conflict_id, choice=choice, value=value, decided_by=user_name,
                                      decided_at=clock.now().isoformat(timespec="seconds"), publication=publication))
        conn.execute(update(c).where(c.c.id == conflict_id).values(reviewed=1))
    return {"conflict_id": conflict_id, "choice": choice, "publication": publication}


@router.post("/conflicts/{conflict_id}/decide")
async def decide_conflict(request: Request, conflict_id: int, s: Actor):
    form = await posted(request, s)
    try:
        out = decide(engine_of(request), conflict_id, str(form.get("choice") or ""), s.user.name)
    except NotFound as e:
        raise HTTPException(404, str(e)) from None
    except (ValidationError, StateError) as e:
        return see_other("/conflicts?error=" + quoted(str(e)))
    sent = f"，已发往村里 #{out['publication']} (sent to the village)" if out["publication"] else ""
    return see_other("/conflicts?done=" + quoted(f"已决定冲突 {conflict_id}{sent} (decided)"))
