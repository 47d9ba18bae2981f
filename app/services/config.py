"""Policy tables the county may replace through sync (baselines, visit policy).

The store keeps the county's latest copy in `meta`; without one, the defaults shipped in
resources/ apply.
"""
from __future__ import annotations

import json
from pathlib import Path

from app.core import canonical
from app.core.income import Baselines
from app.storage.store import Store

RESOURCES = Path(__file__).resolve().parent.parent.parent / "resources"


def _table(store: Store, key: str, filename: str) -> dict:
    stored = store.meta(key)
    if stored:
        return json.loads(stored)
    return json.loads((RESOURCES / filename).read_text("utf-8"))


def baselines(store: Store) -> Baselines:
    return Baselines.from_dict(_table(store, "baselines", "baselines.json"))


def set_baselines(store: Store, table: dict) -> None:
    Baselines.from_dict(table)  # refuse a table that does not load
    _put(store, "baselines", table)


def visit_policy_table(store: Store) -> dict:
    return _table(store, "visit_policy", "visit_policy.json")


def set_visit_policy(store: Store, table: dict) -> None:
    from app.core.schedule import VisitPolicy
    VisitPolicy.from_dict(table)
    _put(store, "visit_policy", table)


def _put(store: Store, key: str, table: dict) -> None:
    with store.transaction():
        store.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, canonical.dumps(table)])
