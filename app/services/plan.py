"""The team's yearly plan (003 #22 帮扶规划和年度计划; 002 列出计划、明确时限): a plan per year
with its items, each with the person responsible and a deadline, tracked to done; open items past
their deadline are overdue (home page, month report, `check`)."""
from __future__ import annotations

from datetime import date

from app.core import clock
from app.core.errors import StateError, ValidationError
from app.core.household import parse_date, parse_int, parse_text
from app.storage.store import Store


def add_plan(store: Store, year, title: str | None = None, note: str | None = None) -> dict:
    year = parse_int(year, "year", 2000, 2100)
    if year is None:
        raise ValidationError("year", "required", "year: 必填 (required)")
    if store.conn.execute("SELECT 1 FROM plans WHERE year = ? AND deleted = 0", [year]).fetchone():
        raise StateError(f"{year} 年度计划已存在 (the plan of {year} exists)")
    return store.records.insert("plans", {"year": year, "title": parse_text(title, "title", max_len=200)
                                          or f"{year}年度驻村帮扶工作计划", "note": parse_text(note, "note", max_len=2000)})


def add_item(store: Store, plan_id: str, description: str, responsible: str | None = None, deadline=None) -> dict:
    with store.transaction():
        plan = store.records.require("plans", plan_id)
        return store.records.insert("plan_items", {"plan_id": plan_id,
                                                   **_item_fields(plan, description, responsible, deadline)})


def update_plan(store: Store, plan_id: str, title: str | None = None, note: str | None = None) -> dict:
    """A plan's title and note edited (its year stays)."""
    with store.transaction():
        p = store.records.require("plans", plan_id)
        return store.records.update("plans", plan_id, {
            "title": parse_text(title, "title", max_len=200) or f"{p['year']}年度驻村帮扶工作计划",
            "note": parse_text(note, "note", max_len=2000)})


def update_item(store: Store, item_id: str, description: str, responsible: str | None = None, deadline=None) -> dict:
    """An item's description, person responsible and deadline edited, within its plan's year."""
    with store.transaction():
        item = store.records.require("plan_items", item_id)
        p = store.records.require("plans", item["plan_id"])
        fields = _item_fields(p, description, responsible, deadline)
        return store.records.update("plan_items", item_id, fields)


def _item_fields(p: dict, description: str, responsible: str | None, deadline) -> dict:
    day = parse_date(deadline, "deadline")
    if day and not day.startswith(str(p["year"])):
        raise ValidationError("deadline", "within the plan's year",
                              f"deadline: {day} 不在计划年度 {p['year']} 内 (outside the plan's year)")
    return {"description": parse_text(description, "description", required=True, max_len=2000),
            "responsible": parse_text(responsible, "responsible", max_len=40), "deadline": day}


def complete_item(store: Store, item_id: str, on=None, note: str | None = None, today: date | None = None) -> dict:
    today = today or clock.today()
    with store.transaction():
        item = store.records.require("plan_items", item_id)
        if item["done_on"]:
            raise StateError(f"已于 {item['done_on']} 完成 (already done)")
        return store.records.update("plan_items", item_id, {"done_on": parse_date(on or today, "date", today),
                                                            "note": parse_text(note, "note", max_len=2000)})


def item_status(item: dict, today: date) -> str:
    """Done, overdue or open on `today`: an item done after it was still open then."""
    if item["done_on"] and item["done_on"] <= today.isoformat():
        return "done"
    return "overdue" if item["deadline"] and item["deadline"] < today.isoformat() else "open"


def plans(store: Store, year: int | None = None, today: date | None = None) -> list[dict]:
    today = today or clock.today()
    sql, params = "SELECT * FROM plans WHERE deleted = 0", []
    if year:
        sql += " AND year = ?"
        params.append(int(year))
    out = store.query(sql + " ORDER BY year DESC", params)
    for p in out:
        p["items"] = store.query("SELECT * FROM plan_items WHERE plan_id = ? AND deleted = 0"
                                 " ORDER BY deadline IS NULL, deadline, created_at", [p["id"]])
        for i in p["items"]:
            i["status"] = item_status(i, today)
        p["done"] = sum(1 for i in p["items"] if i["status"] == "done")
        p["overdue"] = sum(1 for i in p["items"] if i["status"] == "overdue")
    return out


def overdue_items(store: Store, today: date | None = None) -> list[dict]:
    day = (today or clock.today()).isoformat()
    return store.query("SELECT i.*, p.year FROM plan_items i JOIN plans p ON p.id = i.plan_id AND p.deleted = 0"
                       " WHERE i.deleted = 0 AND (i.done_on IS NULL OR i.done_on > ?) AND i.deadline < ?"
                       " ORDER BY i.deadline", [day, day])
