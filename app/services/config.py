"""Policy tables the county may replace through sync (baselines, visit policy).

The store keeps the county's latest copy in `meta`; without one, the defaults shipped in
resources/ apply.
"""
from __future__ import annotations

import json
from pathlib import Path

from app.core import canonical
from app.core.errors import ValidationError
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


def _loads(table, name: str, load) -> None:
    """Refuse a table that does not load, naming it: a wrong shape is invalid input, not a crash."""
    try:
        load(table)
    except ValidationError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as e:
        raise ValidationError(name, "the table's shape", f"{name}: 表的结构不对 (the table's shape is wrong: "
                                                         f"{type(e).__name__} {e})") from None


def set_baselines(store: Store, table: dict) -> None:
    _loads(table, "baselines", Baselines.from_dict)
    _put(store, "baselines", table)


def visit_policy_table(store: Store) -> dict:
    return _table(store, "visit_policy", "visit_policy.json")


def set_visit_policy(store: Store, table: dict) -> None:
    from app.core.schedule import VisitPolicy
    _loads(table, "visit-policy", VisitPolicy.from_dict)
    _put(store, "visit_policy", table)


def duties_table(store: Store) -> dict:
    """The duties' thresholds and the disposable-income table (resources/duties.json)."""
    return _table(store, "duties", "duties.json")


def duty_policy(store: Store):
    from app.core.duties import DutyPolicy
    return DutyPolicy.from_dict(duties_table(store))


def set_duties(store: Store, table: dict) -> None:
    from app.core.duties import DutyPolicy
    _loads(table, "duties", DutyPolicy.from_dict)
    _put(store, "duties", table)


def _put(store: Store, key: str, table: dict) -> None:
    with store.transaction():
        store.conn.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [key, canonical.dumps(table)])
