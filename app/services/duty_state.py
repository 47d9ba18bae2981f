"""A household's category and risk state on a past day, for the duties that judge a past month
(the quarterly income check, `check --today`, the month report): each month is judged on the
household as it stood then, not on its file today.

- Category (脱贫户/监测户/一般户): the file's category changes are in the audit chain (old → new);
  a change to 监测户 takes effect on the case's 识别纳入 date, any other on the day it was saved
  (never after today). Before its first recorded change a household had that change's old value;
  a household without changes has always had its category. A change that arrived by sync is logged
  here without its old value, so such a household is judged on its category since the last change
  made on this laptop (the case's 识别纳入 date still bounds a 监测户's duties where its due rules read it).
- Risk eliminated: the case's 风险消除 and 回退 steps by their dates; without a case, the file's flag.
"""
from __future__ import annotations

import json
from datetime import date

from app.core import clock
from app.storage.store import Store

from .kept import kept

MONITORED = "monitored"


def category_history(store: Store, hids: list[str] | None = None) -> dict[str, list[tuple[date, str, str]]]:
    """{household id: [(effective day, old category, new category)]} by day; kept until a
    household or a case step is written. With `hids`, of those households only, read now."""
    if hids is not None:
        return _read_categories(store, hids)
    return kept(store, "category history", ("households", "case_events"), lambda: _read_categories(store))


def _read_categories(store: Store, hids: list[str] | None = None) -> dict[str, list[tuple[date, str, str]]]:
    only = "" if hids is None else f" AND {{}} IN ({', '.join('?' * len(hids))})"
    params = [] if hids is None else list(hids)
    identified = dict(store.conn.execute("SELECT household_id, min(on_date) FROM case_events WHERE kind = 'identify'"
                                         f" AND deleted = 0{only.format('household_id')} GROUP BY household_id",
                                         params).fetchall())
    today = clock.today()
    out: dict[str, list] = {}
    for hid, at, changes in store.conn.execute(
            "SELECT record_id, at, changes FROM audit_log WHERE tbl = 'households' AND action = 'update'"
            f" AND changes LIKE '%\"category\"%'{only.format('record_id')} ORDER BY seq", params):
        pair = json.loads(changes).get("category")
        if not isinstance(pair, list) or len(pair) != 2:
            continue
        old, new = pair
        day = min(date.fromisoformat(at[:10]), today)
        if new == MONITORED and hid in identified:
            day = min(day, date.fromisoformat(identified[hid]))
        out.setdefault(hid, []).append((day, old, new))
    for changes in out.values():
        changes.sort(key=lambda c: c[0])
    return out


def category_on(history: dict, household_id: str, current: str, day: date) -> str:
    """The household's category on `day`: the last change on or before it, else the first
    change's old value; `current` when no change is recorded."""
    changes = history.get(household_id)
    if not changes:
        return current
    category = changes[0][1]
    for on, _old, new in changes:
        if on > day:
            break
        category = new
    return category


def risk_history(store: Store) -> dict[str, list[tuple[date, bool]]]:
    """{household id: [(day, True for 风险消除 / False for 识别 or 回退)]} from the cases' steps."""
    return kept(store, "risk history", ("cases", "case_events"), lambda: _read_risks(store))


def _read_risks(store: Store) -> dict[str, list[tuple[date, bool]]]:
    out: dict[str, list] = {}
    for hid, kind, on in store.conn.execute(
            "SELECT e.household_id, e.kind, e.on_date FROM case_events e JOIN cases c ON c.id = e.case_id"
            " AND c.deleted = 0 WHERE e.deleted = 0 AND e.kind IN ('identify', 'eliminate', 'revert')"
            " ORDER BY e.on_date, e.created_at"):
        out.setdefault(hid, []).append((date.fromisoformat(on), kind == "eliminate"))
    return out


def at_risk_on(categories: dict, risks: dict, household: dict, day: date) -> bool:
    """A 监测户 whose risk was not eliminated on `day` (`household`: id, category, risk_eliminated)."""
    hid = household["id"]
    if category_on(categories, hid, household["category"], day) != MONITORED:
        return False
    steps = risks.get(hid)
    if steps is None:
        return not household["risk_eliminated"]
    eliminated = None
    for on, is_elimination in steps:
        if on > day:
            break
        eliminated = is_elimination
    # Identified after `day` with no step by then: not yet monitored.
    return eliminated is False
