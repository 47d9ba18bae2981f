"""Results worth keeping while a store is open (the category history, the imported forms):
kept per store beside it, not on it, and given back until the tables they read are written."""
from __future__ import annotations

from typing import Callable, Hashable, TypeVar
from weakref import WeakKeyDictionary

from app.storage.store import Store

T = TypeVar("T")

_by_store: WeakKeyDictionary[Store, dict[str, tuple[Hashable, object]]] = WeakKeyDictionary()


def kept(store: Store, name: str, tables: tuple[str, ...], build: Callable[[], T]) -> T:
    """What `build` gives, kept for this store under `name` until one of `tables` is written."""
    slots = _by_store.setdefault(store, {})
    now = tuple(store.writes.get(t, 0) for t in tables)  # writes per table since opening
    hit = slots.get(name)
    if hit is not None and hit[0] == now:
        return hit[1]  # type: ignore[return-value]
    value = build()
    slots[name] = (now, value)
    return value


def forget(store: Store) -> None:
    """Drop what is kept for this store (a benchmark's cold start)."""
    _by_store.pop(store, None)
