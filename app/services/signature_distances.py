"""The handwriting distances kept between signatures (table `signature_distances`): forms
write them while a form's strokes are at hand, the same-hand check reads them instead of
comparing again. Kept only while the comparison that made them is today's."""
from __future__ import annotations

from app.storage.store import Store


def stored_distances(store: Store, signature) -> dict[tuple[str, str], float]:
    """The distances kept in this store, if the comparison that made them is today's."""
    if store.meta("signature_distance_version") != signature.DISTANCE_VERSION:
        with store.transaction():
            store.conn.execute("DELETE FROM signature_distances")
            store.conn.execute("INSERT OR REPLACE INTO meta VALUES ('signature_distance_version', ?)",
                               [signature.DISTANCE_VERSION])
        return {}
    return {(a, b): d for a, b, d in store.conn.execute("SELECT a, b, distance FROM signature_distances")}


def remember_distances(store: Store, rows: list[tuple[str, str, float]]) -> None:
    """Keep (id, id, distance) rows, the two ids in order."""
    if rows:
        with store.transaction():
            store.conn.executemany("INSERT OR REPLACE INTO signature_distances (a, b, distance) VALUES (?, ?, ?)",
                                   [(min(a, b), max(a, b), d) for a, b, d in rows])
