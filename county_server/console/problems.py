"""Work prompts and problem lists as the console writes them (a line per task or item, or the
national system's 问题数据清单 workbook), and what each village has taken of a publication:
the devices keep a county publication as their own record (source "county", same month and
title), synced back with the village's next batch, closed item by item (销号)."""
from __future__ import annotations

import io
import json
import re
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.engine import Connection

from app.core.errors import ValidationError

from .. import db
from .queries import field, records

SEPARATORS = re.compile(r"\s*[|｜\t]\s*")
HEADERS = {  # the workbook's column → the item's field, by the words its header holds
    "household_number": ("户编号", "户码", "家庭编号", "户号"),
    "id_number": ("身份证", "证件号码", "证件号"),
    "description": ("问题描述", "疑点问题", "疑点描述", "问题内容", "预警内容", "问题"),
    "measure": ("整改措施", "措施"),
    "responsible": ("责任人",),
    "deadline": ("整改时限", "完成时限", "时限", "截止"),
    "village": ("行政村", "村名", "所在村"),
}
MAX_ITEMS = 5000


def check_title(title: str) -> str:
    title = title.strip()
    if not title or len(title) > 200:
        raise ValidationError("title", "1-200 characters", "title: 请给出标题 (1-200字) (give a title)")
    return title


def task_lines(text: str) -> list[dict]:
    """`任务 | 2026-12-10` a line: a task and its due date (optional)."""
    out = []
    for line in text.splitlines():
        if line.strip():
            parts = SEPARATORS.split(line.strip(), maxsplit=1)
            out.append({"title": parts[0], "due_date": parts[1] if len(parts) > 1 and parts[1] else None})
    return out


def problem_lines(text: str) -> list[dict]:
    """`户编号或户ID | 问题 | 整改措施 | 责任人 | 时限` a line (the last three optional)."""
    out = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = SEPARATORS.split(line.strip())
        if len(parts) < 2:
            raise ValidationError("items", "户编号 | 问题 a line",
                                  f"items: 第{n}行应为 户编号 | 问题 (line {n}: household | problem)")
        out.append(_item(dict(zip(("household_number", "description", "measure", "responsible", "deadline"),
                                  parts)), f"items 第{n}行 (line {n})"))
    if not out:
        raise ValidationError("items", "at least one", "items: 至少一项问题 (at least one problem)")
    return out


def _item(raw: dict, where: str) -> dict:
    item = {k: str(v).strip() for k, v in raw.items() if v is not None and str(v).strip()}
    if not item.get("description") or len(item["description"]) > 2000:
        raise ValidationError("description", "1-2000 characters",
                              f"{where}: 请写明问题 (1-2000字) (describe the problem)")
    if item.get("deadline"):
        try:
            item["deadline"] = date.fromisoformat(item["deadline"][:10]).isoformat()
        except ValueError:
            raise ValidationError("deadline", "YYYY-MM-DD",
                                  f"{where}: 时限应为 YYYY-MM-DD (deadline as YYYY-MM-DD)") from None
    return item


def read_problem_workbook(data: bytes, village: str | None) -> dict[str | None, list[dict]]:
    """The items of a 问题数据清单 workbook (.xlsx), by village when it has a village column
    (otherwise all for `village`). The header row is found by its words (HEADERS)."""
    from openpyxl import load_workbook
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise ValidationError("file", "an .xlsx workbook", "file: 不是可读的Excel文件(.xlsx) (not a readable"
                                                            " .xlsx workbook)") from None
    rows = iter(book.worksheets[0].iter_rows(values_only=True))
    columns, header = None, 0
    for header, row in enumerate(rows, 1):
        columns = _columns(row)
        if "description" in columns and len(columns) > 1:   # not the sheet's title "问题数据清单"
            break
        if header >= 20:
            columns = None
            break
    if not columns or "description" not in columns or len(columns) < 2:
        raise ValidationError("file", "a header row with 问题",
                              "file: 前20行中找不到含“问题”的表头 (no header row naming 问题 in the first 20 rows)")
    out: dict[str | None, list[dict]] = {}
    for n, row in enumerate(rows, header + 1):
        raw = {k: _cell(row[i]) if i < len(row) else None for k, i in columns.items()}
        if not any(raw.values()):
            continue
        where = (raw.pop("village", None) or village) if "village" in columns else village
        out.setdefault(where, []).append(_item(raw, f"file 第{n}行 (row {n})"))
        if sum(len(v) for v in out.values()) > MAX_ITEMS:
            raise ValidationError("file", f"at most {MAX_ITEMS} items", f"file: 最多{MAX_ITEMS}项 (at most {MAX_ITEMS})")
    if not out:
        raise ValidationError("file", "at least one item", "file: 表中没有问题 (the workbook lists no problem)")
    return out


def _columns(row) -> dict[str, int]:
    found: dict[str, int] = {}
    for i, cell in enumerate(row or ()):
        text = str(cell or "").strip()
        for key, words in HEADERS.items():
            if key not in found and text and any(w in text for w in words):
                found[key] = i
                break
    return found


def _cell(value):
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return None if value is None else str(value)


def resolve_households(conn: Connection, items: list[dict]) -> list[dict]:
    """Items name their household by the id the county holds when it can: a 户编号 or ID number
    the county knows becomes a household id (the device then finds it even when renumbered)."""
    numbers = {i["household_number"] for i in items if i.get("household_number")}
    ids = {i["id_number"].upper() for i in items if i.get("id_number")}
    r = db.records
    known = {x[0] for x in conn.execute(select(r.c.id).where(r.c.tbl == "households", r.c.id.in_(numbers)))} \
        if numbers else set()
    by_id_number = {}
    if ids:
        for data in conn.execute(select(r.c.data).where(r.c.tbl == "members", r.c.deleted == 0,
                                                        func.upper(field("id_number")).in_(ids))).scalars():
            m = json.loads(data)
            by_id_number[m["id_number"].upper()] = m["household_id"]
    out = []
    for i in items:
        item = {k: v for k, v in i.items() if k != "id_number"}
        hid = by_id_number.get((i.get("id_number") or "").upper())
        if i.get("household_number") in known:
            item["household_id"] = item.pop("household_number")
        elif hid:
            item.pop("household_number", None)
            item["household_id"] = hid
        out.append(item)
    return out


# -- what the villages took ------------------------------------------------------------------------
def publication_list(conn: Connection, offset: int, limit: int) -> tuple[list[dict], int]:
    p = db.publications
    total = conn.execute(select(func.count()).select_from(p).where(p.c.kind.in_(("prompts", "problems")))).scalar()
    rows = conn.execute(select(p.c.seq, p.c.kind, p.c.village, p.c.published_at, p.c.doc)
                        .where(p.c.kind.in_(("prompts", "problems"))).order_by(p.c.seq.desc())
                        .offset(offset).limit(limit)).mappings().all()
    every = sorted({r[0] for r in conn.execute(select(db.devices.c.village).where(db.devices.c.revoked_at.is_(None)))})
    out = []
    for r in rows:
        data = json.loads(r["doc"])["body"]["data"]
        villages = [r["village"]] if r["village"] else every
        taken = prompts_taken(conn, data) if r["kind"] == "prompts" else problems_taken(conn, data)
        out.append({**r, "data": data, "villages": [{"village": v, **taken.get(v, {})} for v in villages]})
    return out, total


def prompts_taken(conn: Connection, data: dict) -> dict[str, dict]:
    """{village: {taken, done, total}} of the villages whose devices keep these prompts."""
    prompts = {p["id"]: v for v, p in records(conn, "prompts", None, where=[
        field("source") == "county", field("month") == data.get("month"), field("title") == data.get("title")])}
    out = {v: {"taken": True, "done": 0, "total": 0} for v in prompts.values()}
    if prompts:
        for v, t in records(conn, "prompt_tasks", None, where=[field("prompt_id").in_(list(prompts))]):
            out[v]["total"] += 1
            out[v]["done"] += bool(t.get("done_on"))
    return out


def problems_taken(conn: Connection, data: dict) -> dict[str, dict]:
    """{village: {taken, done (closed items), total}} of the villages whose devices keep the list."""
    lists = {p["id"]: v for v, p in records(conn, "problem_lists", None, where=[
        field("source") == "county", field("title") == data.get("title")])}
    out = {v: {"taken": True, "done": 0, "total": 0} for v in lists.values()}
    if lists:
        for v, i in records(conn, "problem_items", None, where=[field("list_id").in_(list(lists))]):
            out[v]["total"] += 1
            out[v]["done"] += bool(i.get("closed_on"))
    return out


def publication_detail(conn: Connection, seq: int, today: date) -> dict | None:
    """One prompts or problems publication and, for each village that took it, its tasks or
    items as the village's records stand: done or closed (with the closing note), overdue, open."""
    p = db.publications
    row = conn.execute(select(p.c.seq, p.c.kind, p.c.village, p.c.published_at, p.c.doc)
                       .where(p.c.seq == seq, p.c.kind.in_(("prompts", "problems")))).mappings().first()
    if row is None:
        return None
    data = json.loads(row["doc"])["body"]["data"]
    if row["kind"] == "prompts":
        parents = {x["id"]: v for v, x in records(conn, "prompts", None, row["village"], where=[
            field("source") == "county", field("month") == data.get("month"), field("title") == data.get("title")])}
        children = records(conn, "prompt_tasks", None, row["village"], where=[field("prompt_id").in_(list(parents))])
        done_key, due_key = "done_on", "due_date"
    else:
        parents = {x["id"]: v for v, x in records(conn, "problem_lists", None, row["village"], where=[
            field("source") == "county", field("title") == data.get("title")])}
        children = records(conn, "problem_items", None, row["village"], where=[field("list_id").in_(list(parents))])
        done_key, due_key = "closed_on", "deadline"
    villages: dict[str, list[dict]] = {v: [] for v in parents.values()}
    for v, item in (children if parents else ()):
        due = item.get(due_key)
        item["status"] = "done" if item.get(done_key) else ("overdue" if due and due < today.isoformat() else "open")
        villages.setdefault(v, []).append(item)
    ids = [i["household_id"] for items in villages.values() for i in items if i.get("household_id")]
    r = db.records
    heads = {hid: json.loads(data) for hid, data in conn.execute(
        select(r.c.id, r.c.data).where(r.c.tbl == "households", r.c.id.in_(ids)))} if ids else {}
    for items in villages.values():
        for i in items:
            h = heads.get(i.get("household_id")) or {}
            i["household"] = " ".join(x for x in (h.get("head_name"), h.get("number")) if x)
        items.sort(key=lambda i: (i["status"] == "done", i.get(due_key) or "9999", i.get("title") or
                                  i.get("description") or ""))
    return {**row, "data": data, "villages": dict(sorted(villages.items()))}
