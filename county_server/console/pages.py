"""The console's reading pages: the village overview (the first page), a village, a household's
read-only file, and the access log. A township reviewer's pages hold their township's villages
only: every query takes the reviewer's township (queries.py)."""
from __future__ import annotations

from fastapi import HTTPException, Request

from app.core import clock
from app.core.errors import NotFound, StateError, ValidationError
from app.core.monitoring import KIND_ZH

from .. import db, users
import county_server.console.queries as q
import county_server.console.summaries as summaries
from .web import (Admin, Viewer, client_of, console_router, engine_of, page_args, pages, posted, quoted, render,
                   see_other)

router = console_router()


def scope(s: users.Session) -> str | None:
    """The township a person's pages are limited to (None: the whole county)."""
    return s.user.township if s.user.role == "township" else None


@router.get("/")
def overview(request: Request, s: Viewer, sort: str = "village", desc: int = 0, page: int = 1):
    today = clock.today()
    rows = summaries.overview(engine_of(request), scope(s), today)
    rows = q.sort_rows(rows, sort, bool(desc))
    p = pages(len(rows), page)
    offset, limit = page_args(p["page"])
    totals = {k: sum(r[k] for r in rows) for k in ("devices", "households", "monitored", "visits_done",
                                                     "visits_due", "missed", "problems_open", "pending",
                                                     "rejected")}
    return render(request, "overview.html", s, rows=rows[offset:offset + limit], totals=totals, sort=sort,
                  desc=bool(desc), pager=p, today=today, categories=q.CATEGORIES, villages=len(rows))


@router.get("/villages/{village}")
def village(request: Request, village: str, s: Viewer, page: int = 1):
    today = clock.today()
    engine = engine_of(request)
    with db.reading(engine) as conn:
        known = {v["village"]: v for v in q.village_list(conn, scope(s), village)}
    if village not in known:
        raise HTTPException(404, "没有这个村，或不在您的乡镇 (no such village in your view)")
    offset, limit = page_args(page)
    rows, total = summaries.households_page(engine, village, today, offset, limit)
    p = pages(total, page)
    if p["page"] != page:
        rows, _ = summaries.households_page(engine, village, today, *page_args(p["page"]))
    return render(request, "village.html", s, village=known[village], rows=rows, pager=p, today=today)


@router.get("/households/{household_id}")
def household(request: Request, household_id: str, s: Viewer, all_visits: int = 0):
    engine = engine_of(request)
    with db.reading(engine) as conn:
        file = q.household_file(conn, scope(s), household_id)
    if file is None:
        raise HTTPException(404, "没有这户，或不在您的乡镇 (no such household in your view)")
    users.log_access(engine, s.user, "view", household_id, "户档案 household file", client_of(request))
    return render(request, "household.html", s, f=file, yuan=q.yuan, all_visits=bool(all_visits), kinds=KIND_ZH)


@router.get("/access-log")
def access_log(request: Request, s: Admin, page: int = 1):
    offset, limit = page_args(page)
    rows, total = users.access_log(engine_of(request), offset, limit)
    return render(request, "access_log.html", s, rows=rows, pager=pages(total, page))


# -- accounts (admin) ---------------------------------------------------------------------------------
@router.get("/users")
def accounts(request: Request, s: Admin, error: str | None = None, done: str | None = None):
    return render(request, "users.html", s, rows=users.list_users(engine_of(request)), roles=users.ROLES,
                  error=error, done=done)


@router.post("/users")
async def add_account(request: Request, s: Admin):
    form = await posted(request, s)
    try:
        out = users.add_user(engine_of(request), str(form.get("name") or ""), str(form.get("role") or ""),
                             str(form.get("password") or ""), str(form.get("township") or ""))
    except (ValidationError, StateError) as e:
        return see_other("/users?error=" + quoted(str(e)))
    return see_other("/users?done=" + quoted(f"已添加用户 {out['name']} (user added)"))


@router.post("/users/{name}/disable")
async def disable_account(request: Request, name: str, s: Admin):
    await posted(request, s)
    if name == s.user.name:
        return see_other("/users?error=" + quoted("不能停用自己的账号 (you cannot disable your own account)"))
    try:
        users.disable_user(engine_of(request), name)
    except NotFound as e:
        raise HTTPException(404, str(e)) from None
    return see_other("/users?done=" + quoted(f"已停用用户 {name} (user disabled)"))
