"""The work team's month (DOMAIN §7): monthly work prompts (驻村工作提示) with their tasks,
attendance days in the village, and problem lists closed item by item (清单式管理, 销号)."""
from __future__ import annotations

from datetime import date

from app.core import clock
from app.core.errors import StateError, ValidationError
from app.core.household import parse_date, parse_int, parse_month, parse_text
from app.storage.store import Store

MIN_DAYS_IN_VILLAGE = 20  # 003 #22: at least 20 days a month in the village


# -- prompts -------------------------------------------------------------
def add_prompt(store: Store, month: str, title: str | None = None, tasks: list[dict] | None = None,
               issued_by: str | None = None, source: str = "team", ids=None) -> dict:
    """`ids`: the records' ids given (the prompt's, then each task's), else new ones."""
    month = parse_month(month)
    y, m = month.split("-")
    title = parse_text(title, "title", max_len=200) or f"{y}年{int(m)}月驻村工作提示"
    ids = iter(ids or ())
    with store.transaction():
        prompt = store.records.insert("prompts", {"month": month, "title": title, "issued_by": issued_by,
                                                  "source": source, **_given(ids)})
        prompt["tasks"] = [add_task(store, prompt["id"], t, next(ids, None)) for t in tasks or []]
    return prompt


def _given(ids) -> dict:
    """{"id": the next of `ids`} or {} when there is none."""
    rid = next(ids, None)
    return {"id": rid} if rid else {}


def add_task(store: Store, prompt_id: str, task: dict, record_id: str | None = None) -> dict:
    fields = {"prompt_id": prompt_id,
              "title": parse_text(task.get("title"), "title", required=True, max_len=300),
              "due_date": parse_date(task.get("due_date"), "due_date"),
              "done_on": parse_date(task.get("done_on"), "done_on"),
              "done_by": parse_text(task.get("done_by"), "done_by", max_len=40),
              "note": parse_text(task.get("note"), "note", max_len=2000), **({"id": record_id} if record_id else {})}
    with store.transaction():
        store.records.require("prompts", prompt_id)
        return store.records.insert("prompt_tasks", fields)


def complete_task(store: Store, task_id: str, done_on=None, note: str | None = None,
                  done_by: str | None = None, today: date | None = None) -> dict:
    today = today or clock.today()
    with store.transaction():
        task = store.records.require("prompt_tasks", task_id)
        if task["done_on"]:
            raise StateError(f"task already done on {task['done_on']}")
        return store.records.update("prompt_tasks", task_id, {
            "done_on": parse_date(done_on or today, "done_on", today),
            "done_by": done_by or (store.user["name"] if store.user else None),
            "note": parse_text(note, "note", max_len=2000) or task["note"]})


def prompts_for_month(store: Store, month: str, today: date | None = None) -> list[dict]:
    month = parse_month(month)
    today_iso = (today or clock.today()).isoformat()
    prompts = store.query("SELECT * FROM prompts WHERE month = ? AND deleted = 0 ORDER BY created_at", [month])
    for p in prompts:
        p["tasks"] = store.query("SELECT * FROM prompt_tasks WHERE prompt_id = ? AND deleted = 0"
                                 " ORDER BY due_date, created_at", [p["id"]])
        for t in p["tasks"]:
            t["status"] = "done" if t["done_on"] else (
                "overdue" if t["due_date"] and t["due_date"] < today_iso else "open")
        p["done"] = sum(1 for t in p["tasks"] if t["done_on"])
    return prompts


# -- attendance ----------------------------------------------------------
def set_attendance(store: Store, person: str, month: str, days, note: str | None = None) -> dict:
    person = parse_text(person, "person", required=True, max_len=40)
    month = parse_month(month)
    y, m = map(int, month.split("-"))
    last = (date(y + m // 12, m % 12 + 1, 1) - date(y, m, 1)).days
    days = parse_int(days, "days", 0, last)
    if days is None:
        raise ValidationError("days", "required")
    with store.transaction():
        row = store.conn.execute("SELECT id FROM attendance WHERE person = ? AND month = ? AND deleted = 0",
                                 [person, month]).fetchone()
        if row:
            return store.records.update("attendance", row[0], {"days": days, "note": note})
        return store.records.insert("attendance", {"person": person, "month": month, "days": days, "note": note})


def attendance_for_month(store: Store, month: str) -> list[dict]:
    rows = store.query("SELECT person, month, days, note FROM attendance WHERE month = ? AND deleted = 0"
                       " ORDER BY person", [parse_month(month)])
    for r in rows:
        r["short"] = r["days"] < MIN_DAYS_IN_VILLAGE
    return rows


# -- problem lists -------------------------------------------------------
def add_problem_list(store: Store, title: str, items: list[dict] | None = None, source: str = "team",
                     created_on=None, ids=None) -> dict:
    """`ids`: the records' ids given (the list's, then each item's), else new ones."""
    ids = iter(ids or ())
    with store.transaction():
        plist = store.records.insert("problem_lists", {
            "title": parse_text(title, "title", required=True, max_len=200), "source": source,
            "created_on": parse_date(created_on or clock.today(), "created_on"), **_given(ids)})
        plist["items"] = [add_problem(store, plist["id"], item, next(ids, None)) for item in items or []]
    return plist


def add_problem(store: Store, list_id: str, item: dict, record_id: str | None = None) -> dict:
    """An item of a problem list as the documents keep it (003 §四 问题清单、整改措施清单、
    责任清单; 002 列出计划、明确时限): the problem, its 整改措施 (`measure`), the person
    responsible (`responsible`) and the deadline (`deadline`, not before the list's date)."""
    with store.transaction():
        plist = store.records.require("problem_lists", list_id)
        if item.get("household_id"):
            store.records.require("households", item["household_id"])
        deadline = parse_date(item.get("deadline"), "deadline")
        if deadline and deadline < plist["created_on"]:
            raise ValidationError("deadline", "not before the list",
                                  f"deadline: 整改时限 {deadline} 早于问题清单建立日期 {plist['created_on']} "
                                  f"(the deadline is before the list was made)")
        return store.records.insert("problem_items", {
            **({"id": record_id} if record_id else {}), "list_id": list_id, "household_id": item.get("household_id"),
            "description": parse_text(item.get("description"), "description", required=True, max_len=2000),
            "measure": parse_text(item.get("measure"), "measure", max_len=2000),
            "responsible": parse_text(item.get("responsible"), "responsible", max_len=40),
            "deadline": deadline,
            "closed_on": parse_date(item.get("closed_on"), "closed_on"),
            "closed_by": item.get("closed_by"), "note": item.get("note")})


def problem_status(item: dict, today: date) -> str:
    """"closed" (销号), "overdue" (open past its deadline) or "open"."""
    if item.get("closed_on"):
        return "closed"
    return "overdue" if item.get("deadline") and item["deadline"] < today.isoformat() else "open"


def overdue_problems(store: Store, today: date | None = None) -> list[dict]:
    """Open items past their deadline, oldest deadline first, with their list's title and source."""
    day = (today or clock.today()).isoformat()
    return store.query(
        "SELECT i.*, l.title AS list_title, l.source AS source FROM problem_items i"
        " JOIN problem_lists l ON l.id = i.list_id AND l.deleted = 0"
        " WHERE i.deleted = 0 AND i.closed_on IS NULL AND i.deadline < ? ORDER BY i.deadline, i.created_at", [day])


def close_problem(store: Store, item_id: str, note: str, closed_on=None, today: date | None = None) -> dict:
    """销号: an item closes with a note saying how it was fixed."""
    today = today or clock.today()
    note = parse_text(note, "note", required=True, max_len=2000)
    with store.transaction():
        item = store.records.require("problem_items", item_id)
        if item["closed_on"]:
            raise StateError(f"problem already closed on {item['closed_on']}")
        return store.records.update("problem_items", item_id, {
            "closed_on": parse_date(closed_on or today, "closed_on", today),
            "closed_by": store.user["name"] if store.user else None, "note": note})


def problem_lists(store: Store, open_only: bool = False, today: date | None = None) -> list[dict]:
    """Lists newest first; each item with its `status` (open, overdue, closed) on `today`."""
    today = today or clock.today()
    lists = store.query("SELECT * FROM problem_lists WHERE deleted = 0 ORDER BY created_on DESC")
    for pl in lists:
        sql = "SELECT * FROM problem_items WHERE list_id = ? AND deleted = 0"
        if open_only:
            sql += " AND closed_on IS NULL"
        pl["items"] = store.query(sql + " ORDER BY created_at", [pl["id"]])
        for item in pl["items"]:
            item["status"] = problem_status(item, today)
        pl["open"] = sum(1 for i in pl["items"] if not i["closed_on"])
        pl["overdue"] = sum(1 for i in pl["items"] if i["status"] == "overdue")
    return lists


def open_tasks_before(store: Store, month: str, today: date) -> list[dict]:
    """Tasks of prompts before `month` not yet done, newest month first."""
    rows = store.query(
        "SELECT p.month, p.title AS prompt_title, t.id, t.title, t.due_date, t.note FROM prompt_tasks t"
        " JOIN prompts p ON p.id = t.prompt_id WHERE t.deleted = 0 AND p.deleted = 0 AND t.done_on IS NULL"
        " AND p.month < ? ORDER BY p.month DESC, t.due_date, t.created_at", [month])
    today_iso = today.isoformat()
    for r in rows:
        r["status"] = "overdue" if r["due_date"] and r["due_date"] < today_iso else "open"
    return rows


def open_problem_households(store: Store) -> set[str]:
    """The households with a problem not yet closed."""
    rows = store.query("SELECT DISTINCT household_id FROM problem_items"
                       " WHERE closed_on IS NULL AND deleted = 0 AND household_id IS NOT NULL")
    return {r["household_id"] for r in rows}


def latest_attendance_people(store: Store) -> set[str]:
    """Who has days in the village in the latest month of attendance."""
    return {r["person"] for r in store.query(
        "SELECT person FROM attendance WHERE deleted = 0 AND month = (SELECT max(month) FROM attendance"
        " WHERE deleted = 0)")}


def team(store: Store) -> list[dict]:
    """The work team, one roster for every page: the users of this store (队长 and 采集员, in
    the order they joined), then the people with days in the village in the latest month of
    attendance who have no login here (`role` None)."""
    users = store.users()
    names = {u["name"] for u in users}
    return ([dict(u) for u in users]
            + [{"name": p, "role": None, "active": 1, "created_at": None}
               for p in sorted(latest_attendance_people(store) - names)])
