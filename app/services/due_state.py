"""The due list kept between calls while a store is open, so that its cost follows what changed.

The store marks every household whose due list a write can move (`due_marks`, migration 0008:
triggers on households, cases, case steps and contact_periods — whoever writes, the window, a
sync pull, a ledger import or another program). Kept here, per open store: each household's
roster entry and, for each month asked, each household's items, both as of a change number.
A call reads the households marked since then and computes those again, nothing else; the
items stay in the list's order (overdue first, then by period end, household, rule; the
quarterly income check in the households' order), so no sort of the whole village either.

Inside an open transaction the marks may still roll back: the list is then computed in full
and not kept.
"""
from __future__ import annotations

import json
from bisect import bisect_left, insort
from datetime import date
from operator import itemgetter
from typing import Callable
from weakref import WeakKeyDictionary

from app.storage.store import Store

# Beyond this share of the village changed at once (an import, a pull), and more than a few
# households, computing it all is cheaper.
FULL_SHARE = 8
FEW = 64
# The home page's chart asks for six months, two of them with the quarterly income check, and
# the month shown: all of them kept (some 6 MB a month at 6,000 households).
MONTHS_KEPT = 12

_first = itemgetter(0)


class _Rows:
    """Rows as of change `mark` (and `version`): (order key, row) in order, and each household's
    order keys. `order(household id, row, n)` is the n-th row of a household's order key."""
    __slots__ = ("mark", "version", "order", "ordered", "keys")

    def __init__(self, mark: int, order: Callable, version=None):
        self.mark, self.order, self.version = mark, order, version
        self.ordered: list[tuple[tuple, dict]] = []
        self.keys: dict[str, list[tuple]] = {}

    def put(self, items: list[tuple[str, dict]]) -> None:
        """Add items given in order (each household's in its own order)."""
        fresh = not self.ordered
        for hid, row in items:
            keys = self.keys.setdefault(hid, [])
            key = self.order(hid, row, len(keys))
            keys.append(key)
            if fresh:
                self.ordered.append((key, row))
            else:
                insort(self.ordered, (key, row), key=_first)

    def drop(self, hid: str) -> None:
        for key in self.keys.pop(hid, ()):
            del self.ordered[bisect_left(self.ordered, key, key=_first)]


def due_order(hid: str, row: dict, n: int) -> tuple:
    """The due list's order: overdue first, then by period end, household, and the household's own."""
    return (row["status"] != "overdue", row["period_end"], hid, n)


class _Kept:
    __slots__ = ("mark", "info", "roster", "months")

    def __init__(self, mark: int, info: dict, roster: dict):
        self.mark, self.info, self.roster = mark, info, roster
        self.months: dict[tuple, _Rows] = {}


_by_store: WeakKeyDictionary[Store, _Kept] = WeakKeyDictionary()


def latest_mark(store: Store) -> int | None:
    """The number of the latest change marked, or None inside an open transaction."""
    if store.conn.in_transaction:
        return None
    return store.conn.execute("SELECT coalesce(max(seq), 0) FROM due_marks").fetchone()[0]


def marked_since(store: Store, mark: int) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT household_id FROM due_marks WHERE seq > ?", [mark])]


def current(store: Store, read_roster: Callable, fresh: bool = False) -> tuple[int | None, dict, dict]:
    """(the latest change, info, roster), up to date: `read_roster(hids or None)` gives
    ({id: (head, group)}, {id: (rowid, entry)}) of those households (all when None). The change
    is None when nothing may be kept (`fresh`, or inside a transaction)."""
    mark = None if fresh else latest_mark(store)
    if mark is None:
        return None, *read_roster(None)
    kept = _by_store.get(store)
    if kept is None or _too_many(store, kept.mark, len(kept.roster)):
        info, roster = read_roster(None)
        kept = _by_store[store] = _Kept(mark, info, roster)
    elif kept.mark != mark:
        changed = marked_since(store, kept.mark)
        info, roster = read_roster(changed)
        for hid in changed:
            kept.info.pop(hid, None)
            kept.roster.pop(hid, None)
        kept.info.update(info)
        kept.roster.update(roster)
        kept.mark = mark
    return mark, kept.info, kept.roster


def rows(store: Store, mark: int | None, key: tuple, build: Callable, order: Callable = due_order,
         version=None) -> list[dict]:
    """The rows `key` names, in `order`, up to date: `build(hids or None)` gives (household id,
    row) of those households (all when None), in order; all are built again when `version`
    changes. The rows are the kept ones: copy before changing them."""
    if mark is None:
        out = _Rows(0, order)
        out.put(build(None))
        return [row for _, row in out.ordered]
    kept = _by_store[store]
    month = kept.months.get(key)
    if month is not None and month.version != version:
        month = None
    if month is not None and month.mark != mark:
        changed = marked_since(store, month.mark)
        if _many(len(changed), len(kept.roster)):
            month = None
        else:
            for hid in changed:
                month.drop(hid)
            month.put(build(changed))
            month.mark = mark
    if month is None:
        month = _Rows(mark, order, version)
        month.put(build(None))
        kept.months.pop(key, None)
        kept.months[key] = month
        while len(kept.months) > MONTHS_KEPT:
            kept.months.pop(next(iter(kept.months)))
    return [row for _, row in month.ordered]


def _too_many(store: Store, mark: int, households: int) -> bool:
    return _many(store.conn.execute("SELECT count(*) FROM due_marks WHERE seq > ?", [mark]).fetchone()[0], households)


def _many(changed: int, households: int) -> bool:
    return changed > FEW and changed * FULL_SHARE > households


def forget(store: Store) -> None:
    """Drop what is kept for this store (a benchmark's cold start)."""
    _by_store.pop(store, None)


def month_key(year: int, month: int, today: date, policy_table: dict) -> tuple:
    return (year, month, today, json.dumps(policy_table, sort_keys=True, ensure_ascii=False))
