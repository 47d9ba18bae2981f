"""The village a store belongs to, as a printed page's header names it."""
from __future__ import annotations

from app.storage.store import Store


def place_text(store: Store) -> str:
    """County, township and village of most of the store's households, run together."""
    row = store.conn.execute(
        "SELECT county, township, village FROM households WHERE deleted = 0 GROUP BY county, township, village"
        " ORDER BY count(*) DESC LIMIT 1").fetchone()
    return "".join(x for x in (row or ()) if x) if row else ""
