"""The leader's review before a month is sealed (DOMAIN.md §1, 谁采集、谁录入、谁负责): the
month's changes by team member — visits, forms, cases, household edits — with the checks'
findings on the households they touched listed first.

Read from the audit chain (who, when, what table and record), so it needs no state of its own.
Sending a record back is `review_returns`, the leader's signed approval `review_signoff`."""
from __future__ import annotations

import re
from datetime import date

from app.core import clock
from app.core.enums import Role
from app.core.errors import AccessDenied, ValidationError
from app.storage.store import Store

# The kinds a leader reads, by record table.
KINDS = {"visits": "visits", "form_instances": "forms", "form_signatures": "forms",
         "cases": "cases", "case_events": "cases", "households": "households", "members": "households",
         "income_assessments": "households"}
KIND_ZH = {"visits": "走访", "forms": "表单", "cases": "案例", "households": "农户档案"}


def require_leader(store: Store, what: str, what_en: str) -> dict:
    """The signed-in user when they are the team leader, else AccessDenied naming the action."""
    user = store.user
    if not user or user.get("role") != Role.LEADER.value:
        raise AccessDenied(f"只有队长可以{what} (only the team leader may {what_en})")
    return user


def month_of(text: str | None) -> str:
    """'YYYY-MM' (default: this month)."""
    if not text:
        return clock.today().strftime("%Y-%m")
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", text):
        raise ValidationError("--month", "YYYY-MM", f"--month: 月份写作 YYYY-MM，如 2026-11 (month as YYYY-MM): {text}")
    return text


def household_of(store: Store, tbl: str, record_id: str) -> str | None:
    if tbl == "households":
        return record_id
    record = store.records.get(tbl, record_id, include_deleted=True)
    return record.get("household_id") if record else None


def _owners(store: Store, tables: set[str]) -> dict[tuple[str, str], tuple[str | None, str | None]]:
    """Each record's (household, author from another laptop), for these tables, in one query per
    table (not one per record). A record another laptop of the team wrote arrives here through the
    county and is logged under whoever was signed in: its author is the record's `updated_by`."""
    out = {}
    for tbl in sorted(tables):
        column = "id" if tbl == "households" else "household_id"
        if tbl != "households" and column not in store.records.columns(tbl):
            column = "NULL"
        for rid, hid, author in store.conn.execute(
                f"SELECT id, {column}, CASE WHEN device_id != ? THEN updated_by END FROM {tbl}", [store.device_id]):
            out[(tbl, rid)] = (hid, author)
    return out


def month_changes(store: Store, month: str | None = None, *, today: date | None = None) -> dict:
    """{"month", "members": [{"user", "role", "counts": {kind: n}, "records": [...]}], "findings"}:
    each member's records changed in the month (latest change per record), and the checks'
    findings on the households any of them touched, most severe first."""
    month = month_of(month)
    names = {u["id"]: u for u in store.users()}
    rows = store.query("SELECT user_id, tbl, record_id, max(at) AS at, count(*) AS changes, min(action) AS action"
                       " FROM audit_log WHERE substr(at, 1, 7) = ? GROUP BY user_id, tbl, record_id"
                       " ORDER BY user_id, at", [month])
    members: dict[str, dict] = {}
    touched: set[str] = set()
    owners = _owners(store, {r["tbl"] for r in rows} & set(KINDS))
    for r in rows:
        kind = KINDS.get(r["tbl"])
        if kind is None:
            continue
        household, author = owners.get((r["tbl"], r["record_id"]), (None, None))
        author = author or r["user_id"]
        user = names.get(author, {"name": author, "role": None})
        m = members.setdefault(author, {"user": user["name"], "role": user.get("role"),
                                        "counts": {k: 0 for k in KIND_ZH}, "records": []})
        m["counts"][kind] += 1
        if household:
            touched.add(household)
        m["records"].append({"tbl": r["tbl"], "id": r["record_id"], "kind": kind, "at": r["at"],
                             "changes": r["changes"], "household_id": household})
    from . import checks    # the rules' modules load when the review is read, not with the window
    findings = [f.as_dict() for f in checks.run_checks(store, today=today) if f.household_id in touched]
    return {"month": month, "findings": findings, "members": list(members.values())}
