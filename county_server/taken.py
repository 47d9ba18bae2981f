"""What each village has taken of the county's publications.

A device asks for the publications after the last one it read (`GET /publications?after=N`,
routes/publications.py), so a device that asked with N holds every publication up to N: the
county keeps each device's highest N (`device_pulls`). A village has taken a publication when one
of its live devices has.
"""
from __future__ import annotations

import weakref

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from app.core import clock

from . import db

_ready: weakref.WeakSet = weakref.WeakSet()


def ensure_table(engine: Engine) -> None:
    if engine not in _ready:
        db.metadata.create_all(engine, tables=[db.device_pulls])
        _ready.add(engine)


def note(engine: Engine, device_id: str, after: int) -> None:
    """The device asked for the publications after `after`: it holds those up to it."""
    ensure_table(engine)
    t = db.device_pulls
    with db.reading(engine) as conn:
        held = conn.execute(select(t.c.after).where(t.c.device_id == device_id)).scalar()
    if held is not None and held >= after:
        return
    at = clock.now().isoformat(timespec="seconds")
    try:
        with db.unsynced(engine) as conn:   # a pull lost to a power cut is noted at the next
            if held is None:
                conn.execute(insert(t).values(device_id=device_id, after=after, at=at))
            else:
                conn.execute(update(t).where(t.c.device_id == device_id, t.c.after < after).values(after=after, at=at))
    except IntegrityError:  # the device's other request noted it first
        pass


def by_village(conn: Connection) -> dict[str, int]:
    """{village: the highest publication any of its live devices holds}."""
    t, d = db.device_pulls, db.devices
    out: dict[str, int] = {}
    for village, after in conn.execute(select(d.c.village, t.c.after).join(t, t.c.device_id == d.c.device_id)
                                       .where(d.c.revoked_at.is_(None))):
        out[village] = max(out.get(village, 0), int(after))
    return out


def villages_taking(conn: Connection, seq: int, village: str | None, held: dict[str, int]) -> list[dict]:
    """Each village the publication `seq` is for (`village`, or every village with a live
    device), with whether it has taken it."""
    d = db.devices
    every = sorted({v for (v,) in conn.execute(select(d.c.village).where(d.c.revoked_at.is_(None)))})
    return [{"village": v, "taken": held.get(v, 0) >= seq} for v in ([village] if village else every)]
