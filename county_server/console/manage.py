"""The console's actions for the county's people (admin, monitor): enrol a village's device from
the screen (one-time code, its QR code, a printable sheet), revoke one, and publish the month's
work prompts and problem lists through the same signed publications the devices already pull
(county.py), then watch what each village has taken and closed."""
from __future__ import annotations

import json

import segno
from fastapi import HTTPException, Request
from fastapi.responses import Response
from sqlalchemy import select

from app.core import clock
from app.core.errors import NotFound, ValidationError
from app.core.monitoring import add_months

from .. import county as cty
from .. import db
import county_server.console.problems as pr
from .web import (Actor, console_router, engine_of, page_args, pages, posted, quoted, render, secure_headers,
                   see_other)

router = console_router()


def _villages(conn) -> list[str]:
    return sorted({r[0] for r in conn.execute(select(db.devices.c.village))}
                  | {r[0] for r in conn.execute(select(db.enrollment_codes.c.village))})


# -- devices ----------------------------------------------------------------------------------------
@router.get("/devices")
def devices(request: Request, s: Actor, error: str | None = None, done: str | None = None, page: int = 1):
    engine = engine_of(request)
    rows = cty.list_devices(engine)    # a county's devices: hundreds, read at once, shown a page at a time
    pager = pages(len(rows), page)
    offset, limit = page_args(pager["page"])
    rows = rows[offset:offset + limit]
    with db.reading(engine) as conn:
        codes = conn.execute(select(db.enrollment_codes).where(db.enrollment_codes.c.used_by.is_(None))
                             .order_by(db.enrollment_codes.c.created_at.desc()).limit(20)).mappings().all()
    server = str(request.base_url).rstrip("/")
    return render(request, "devices.html", s, rows=rows, codes=codes, server=server, error=error, done=done,
                  pager=pager)


@router.post("/devices/enrol")
async def enrol(request: Request, s: Actor):
    form = await posted(request, s)
    engine = engine_of(request)
    try:
        code = cty.new_code(engine, str(form.get("village") or ""), str(form.get("township") or ""),
                            str(form.get("server") or "").strip() or None)
    except ValidationError as e:
        return see_other(f"/devices?error={quoted(str(e))}")
    return see_other(f"/devices/enrol/{code['code']}")


def _enrolment(request: Request, code: str) -> tuple[dict, dict]:
    """The code's row and its enrollment file (as `zhucun-county enroll` writes it)."""
    engine = engine_of(request)
    with db.reading(engine) as conn:
        row = conn.execute(select(db.enrollment_codes).where(
            db.enrollment_codes.c.code == (cty.normalize_code(code) or ""))).mappings().first()
    if row is None:
        raise HTTPException(404, "没有这个登记码 (no such enrollment code)")
    return dict(row), cty.enrollment_file(cty.load_county(engine), dict(row), cty.certificate(engine))


@router.get("/devices/enrol/{code}.json")
def enrolment_file(request: Request, code: str, s: Actor):
    row, document = _enrolment(request, code)
    body = (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    return secure_headers(Response(body, media_type="application/json", headers={
        "Content-Disposition": f'attachment; filename="enroll-{row["code"]}.json"'}))


@router.get("/devices/enrol/{code}")
def enrolment_sheet(request: Request, code: str, s: Actor):
    row, document = _enrolment(request, code)
    qr = segno.make(json.dumps(document, ensure_ascii=False, separators=(",", ":")), error="m")
    svg = qr.svg_inline(scale=4, border=4, title=f"登记码 {row['code']}", omitsize=True)
    return render(request, "enrol_sheet.html", s, code=row, document=document, qr_svg=svg,
                  county_name=document["county_name"])


@router.post("/devices/{device_id}/revoke")
async def revoke(request: Request, device_id: str, s: Actor):
    await posted(request, s)
    try:
        row = cty.revoke(engine_of(request), device_id)
    except NotFound as e:
        raise HTTPException(404, str(e)) from None
    return see_other(f"/devices?done={quoted('已停用设备 ' + row['device_id'] + ' (device revoked)')}")


# -- publications -----------------------------------------------------------------------------------------
@router.get("/publications")
def publications(request: Request, s: Actor, page: int = 1, error: str | None = None, done: str | None = None):
    engine = engine_of(request)
    offset, limit = page_args(page)
    with db.reading(engine) as conn:
        items, total = pr.publication_list(conn, offset, limit)
        villages = _villages(conn)
    nxt = add_months(clock.today().replace(day=1), 1)
    return render(request, "publications.html", s, items=items, pager=pages(total, page), villages=villages,
                  error=error, done=done, next_month=f"{nxt.year:04d}-{nxt.month:02d}",
                  next_title=f"{nxt.year}年{nxt.month}月驻村工作提示")


@router.get("/publications/{seq}")
def publication(request: Request, seq: int, s: Actor):
    with db.reading(engine_of(request)) as conn:
        detail = pr.publication_detail(conn, seq, clock.today())
    if detail is None:
        raise HTTPException(404, "没有这项发布 (no such publication)")
    return render(request, "publication.html", s, p=detail)


@router.post("/publications/prompts")
async def publish_prompts(request: Request, s: Actor):
    form = await posted(request, s)
    try:
        data = cty.check_prompts({"month": str(form.get("month") or ""), "title": str(form.get("title") or ""),
                                  "tasks": pr.task_lines(str(form.get("tasks") or ""))})
        doc = cty.publish(engine_of(request), "prompts", data, str(form.get("village") or "").strip() or None)
    except ValidationError as e:
        return see_other(f"/publications?error={quoted(str(e))}")
    return see_other(f"/publications?done={quoted('已发布工作提示 #' + str(doc['body']['seq']) + ' (prompts published)')}")


@router.post("/publications/problems")
async def publish_problems(request: Request, s: Actor):
    form = await posted(request, s)
    engine = engine_of(request)
    upload = form.get("file")
    try:
        title = pr.check_title(str(form.get("title") or ""))
        village = str(form.get("village") or "").strip() or None
        if upload is not None and getattr(upload, "filename", ""):
            lists = pr.read_problem_workbook(await upload.read(), village)
        else:
            lists = {village: pr.problem_lines(str(form.get("items") or ""))}
        seqs = []
        for where, items in lists.items():
            with db.reading(engine) as conn:
                items = pr.resolve_households(conn, items)
            seqs.append(cty.publish(engine, "problems", {"title": title, "items": items}, where)["body"]["seq"])
    except ValidationError as e:
        return see_other(f"/publications?error={quoted(str(e))}")
    done = "、".join(f"#{n}" for n in seqs)
    return see_other(f"/publications?done={quoted('已发布问题清单 ' + done + ' (problem list published)')}")

