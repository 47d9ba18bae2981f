"""Publishing the county's tables from the console, by the same checks and the same signed
publications as `zhucun-county publish-form`, `publish-baseline`, `publish-visit-policy`,
`publish-duties` and `roster set` (cli.py, county.py): a form version (an XLSForm uploaded, read
by the device's own form parser, its questions or its refusal shown before it is published),
the baselines, the visit policy, the duties' thresholds, a county edit of a household. Each
publication is listed with the villages that have taken it (taken.py)."""
from __future__ import annotations

import json
import re
import secrets
import tempfile
from datetime import timedelta
from pathlib import Path

from fastapi import HTTPException, Request
from sqlalchemy import delete, func, insert, not_, or_, select

from app.core import clock, limits
from app.core.errors import NotFound, StateError, ValidationError
from app.core.forms.definition import DEFAULT_LANGUAGE, FormError, load_file, load_rows

from .. import county as cty
from .. import db, taken
from .web import Actor, console_router, engine_of, page_args, pages, posted, quoted, render, see_other

router = console_router()
TABLES = {"baseline": "收入监测基准 (baselines)", "visit_policy": "走访制度 (visit policy)",
          "duties": "责任落实阈值 (duties' thresholds)"}
KINDS = {"form": "表单 (form)", "roster": "户信息修改 (roster edit)", "warnings": "部门预警 (warnings)", **TABLES}
FORM_SUFFIXES = (".xlsx", ".xls", ".md", ".json", ".yaml", ".yml")
PREVIEW = "form_preview"      # console_cache: a form read and shown, until it is published or expires
PREVIEW_HOURS = 24            # …a day after its upload, or at its uploader's next upload


def read_form(data: bytes, filename: str):
    """The uploaded definition read by the device's parser (a FormDef), or FormError."""
    suffix = Path(filename or "").suffix.lower()
    if suffix not in FORM_SUFFIXES:
        raise FormError(filename or "?", "表单应为 .xlsx、.xls、.md、.json 或 .yaml 文件 (a form is an XLSForm, .json or .yaml)")
    with tempfile.TemporaryDirectory(prefix="zhucun-form-") as folder:   # a form definition, no personal data
        path = Path(folder) / ((re.sub(r"[^\w.-]", "_", Path(filename).stem)[:80] or "form") + suffix)  # as uploaded
        path.write_bytes(data)
        return load_file(path)


def expire_previews(engine, uploader: str | None = None) -> None:
    """Delete the form previews uploaded PREVIEW_HOURS ago or more, and every preview of
    `uploader` (who is uploading another). A preview's key starts with its upload time (one
    kept by an earlier version, without it, is stale)."""
    c = db.console_cache
    stale = or_(c.c.key < _preview_cutoff(), not_(c.c.key.like("____-__-__T__:__:__.%")),
                *([c.c.token == uploader] if uploader else []))
    with db.reading(engine) as conn:
        found = conn.execute(select(c.c.key).where(c.c.name == PREVIEW, stale).limit(1)).first()
    if found is not None:
        with engine.begin() as conn:
            conn.execute(delete(c).where(c.c.name == PREVIEW, stale))


def _preview_cutoff() -> str:
    return (clock.now() - timedelta(hours=PREVIEW_HOURS)).isoformat(timespec="seconds")


def questions(form) -> list[dict]:
    def label(q) -> str:
        return q.labels.get(DEFAULT_LANGUAGE) or next(iter(q.labels.values()), "")
    return [{"name": q.name, "type": q.type, "label": label(q), "required": q.required is True,
             "list": q.list_name or ""} for q in form.walk()]


def publication_rows(conn, offset: int, limit: int) -> tuple[list[dict], int]:
    p = db.publications
    where = p.c.kind.in_(list(KINDS))
    total = conn.execute(select(func.count()).select_from(p).where(where)).scalar()
    held = taken.by_village(conn)
    out = []
    for r in conn.execute(select(p.c.seq, p.c.kind, p.c.village, p.c.published_at, p.c.doc).where(where)
                          .order_by(p.c.seq.desc()).offset(offset).limit(limit)).mappings():
        data = json.loads(r["doc"])["body"]["data"]
        out.append({"seq": r["seq"], "kind": KINDS[r["kind"]], "village": r["village"], "at": r["published_at"],
                    "what": _what(r["kind"], data), "villages": taken.villages_taking(conn, r["seq"], r["village"], held)})
    return out, total


def _what(kind: str, data: dict) -> str:
    if kind == "form":
        settings = data.get("settings") or {}
        settings = (settings or [{}])[0] if isinstance(settings, list) else settings
        title = next((v for k, v in settings.items() if k.startswith("form_title")), "") if isinstance(settings, dict) else ""
        return f"{settings.get('form_id') or ''} v{settings.get('version') or ''} {title}".strip()
    if kind == "roster":
        return f"{data.get('household_id')}: {', '.join(data.get('changes') or {})}"
    return "、".join(sorted(str(k) for k in data)[:6])


@router.get("/publications/tables")
def tables(request: Request, s: Actor, page: int = 1, error: str | None = None, done: str | None = None):
    offset, limit = page_args(page)
    engine = engine_of(request)
    expire_previews(engine)
    with db.reading(engine) as conn:
        rows, total = publication_rows(conn, offset, limit)
        villages = sorted({v for (v,) in conn.execute(select(db.devices.c.village))})
    return render(request, "tables.html", s, rows=rows, pager=pages(total, page), villages=villages, kinds=TABLES,
                  error=error, done=done)


@router.post("/publications/form/preview")
async def form_preview(request: Request, s: Actor):
    form = await posted(request, s)
    upload = form.get("file")
    village = str(form.get("village") or "").strip()
    if upload is None or not getattr(upload, "filename", ""):
        return see_other("/publications/tables?error=" + quoted("file: 请选择表单文件 (choose a form file)"))
    engine = engine_of(request)
    expire_previews(engine, s.user.name)
    data = await upload.read(limits.MAX_BYTES["form"] + 1)
    refusal, parsed, token = None, None, None
    try:
        if len(data) > limits.MAX_BYTES["form"]:
            raise FormError(upload.filename, "文件太大 (the file is too large)")
        parsed = read_form(data, upload.filename)
    except (FormError, limits.LimitExceeded, ValidationError) as e:
        refusal = str(e)
    if parsed is not None:
        token = f"{clock.now().isoformat(timespec='seconds')}.{secrets.token_urlsafe(18)}"
        c = db.console_cache
        with engine.begin() as conn:
            conn.execute(insert(c).values(name=PREVIEW, key=token, token=s.user.name,
                                          data=json.dumps(cty.portable(parsed.rows), ensure_ascii=False)))
    return render(request, "form_preview.html", s, filename=upload.filename, refusal=refusal, form=parsed,
                  questions=questions(parsed) if parsed else [], token=token, village=village)


@router.post("/publications/form")
async def publish_form(request: Request, s: Actor):
    form = await posted(request, s)
    engine, c = engine_of(request), db.console_cache
    token = str(form.get("token") or "")
    expire_previews(engine)
    where = (c.c.name == PREVIEW, c.c.key == token, c.c.token == s.user.name)
    with db.reading(engine) as conn:
        rows = conn.execute(select(c.c.data).where(*where)).scalar()
    if rows is None:
        raise HTTPException(404, "这份表单预览已发布或已过期，请重新上传 (this preview is gone: upload the form again)")
    rows = json.loads(rows)
    try:
        parsed = load_rows(rows, "form")
        doc = cty.publish(engine, "form", rows, str(form.get("village") or "").strip() or None)
    except (FormError, ValidationError) as e:
        return see_other("/publications/tables?error=" + quoted(str(e)))
    with engine.begin() as conn:
        conn.execute(delete(c).where(*where))
    return see_other("/publications/tables?done=" + quoted(
        f"已发布表单 {parsed.form_id} {parsed.version} #{doc['body']['seq']} (form published)"))


@router.post("/publications/table")
async def publish_table(request: Request, s: Actor):
    form = await posted(request, s)
    kind = str(form.get("kind") or "")
    if kind not in TABLES:
        return see_other("/publications/tables?error=" + quoted("kind: 请选择要发布的表 (choose a table)"))
    upload = form.get("file")
    text = (await upload.read(limits.MAX_BYTES["form"])).decode("utf-8", "replace") \
        if upload is not None and getattr(upload, "filename", "") else str(form.get("json") or "")
    try:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as e:
            raise ValidationError("JSON", "valid JSON", f"JSON: 不是有效的JSON，第{e.lineno}行 (not valid JSON, line {e.lineno})") from None
        data = cty.check_baseline(data) if kind == "baseline" else cty.check_table(kind, data)
        doc = cty.publish(engine_of(request), kind, data, str(form.get("village") or "").strip() or None)
    except (ValidationError, TypeError, AttributeError) as e:
        message = str(e) if isinstance(e, ValidationError) else f"{kind}: 表的格式不对 (not the table's layout)"
        return see_other("/publications/tables?error=" + quoted(message))
    return see_other("/publications/tables?done=" + quoted(f"已发布{TABLES[kind]} #{doc['body']['seq']}"))


@router.post("/publications/roster")
async def publish_roster(request: Request, s: Actor):
    """A county edit of a household (`zhucun-county roster set`): lines FIELD=VALUE."""
    form = await posted(request, s)
    changes = {}
    for line in str(form.get("changes") or "").splitlines():
        if line.strip():
            field, sep, value = line.partition("=")
            if not sep or not field.strip():
                return see_other("/publications/tables?error=" + quoted(f"changes: 每行写“字段=值”，不是“{line[:40]}” (FIELD=VALUE)"))
            changes[field.strip()] = value.strip()
    try:
        out = cty.roster_set(engine_of(request), str(form.get("household_id") or "").strip(), changes)
    except (ValidationError, StateError, NotFound) as e:
        return see_other("/publications/tables?error=" + quoted(str(e)))
    if not out["changes"]:
        return see_other("/publications/tables?done=" + quoted("没有改动 (nothing changed)"))
    return see_other("/publications/tables?done=" + quoted(
        f"已修改 {', '.join(out['changes'])}，发布 #{out['publication']} → {out['village']} (roster edit published)"))
