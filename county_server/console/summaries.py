"""What the overview and a village's page read, kept in the county's database: one row per village
(`village_summaries`: households by category, monitored, visits done and due this month, missed
deadlines, open problem items, attendance, last sync, pending and rejected) and one per
household (`household_summaries`: the village page's row, ordered by an index, paginated by
the database).

A village's rows carry its token (queries.village_tokens: its batches, its devices, the county's
last roster edit) and the day they were computed for. A look at the overview recomputes only the
villages whose token or day changed — after a sync, the village that synced — and every worker
process reads the same rows. `refresh_village` (called after a batch is ingested) brings one
village up to date at once, so the first look after a sync need not.

Results computed from the whole county (the county checks) are kept the same way in
`console_cache`, under the county's change token (queries.change_token).
"""
from __future__ import annotations

import json
from datetime import date

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from app.core import clock

from .. import db
import county_server.console.queries as q

CHUNK = 500


def _text(token) -> str:
    return json.dumps(token, ensure_ascii=False, default=str)


def token_text(token, today: date) -> str:
    """A village's token and the day, as stored beside what was computed from them."""
    return _text([token, today.isoformat()])


def _now() -> str:
    return clock.now().isoformat(timespec="seconds")


def compute_village(conn: Connection, village: str, today: date) -> tuple[dict, list[dict]]:
    """The village's overview row and its households' rows, from the records."""
    facts = q.due_facts(conn, None, village, today)
    overdue = q.overdue_steps(conn, None, village, today)
    return (q.village_summary(conn, village, today, facts, overdue),
            q.village_households(conn, None, village, today, facts, overdue))


def _store(engine: Engine, computed: dict[str, tuple[str, dict, list[dict]]], today: date) -> None:
    """Replace the villages' rows; another worker storing the same village at the same moment
    stored the same rows, so its win is no loss."""
    vs, hs = db.village_summaries, db.household_summaries
    for village, (token, row, homes) in computed.items():
        try:
            with engine.begin() as conn:
                conn.execute(delete(vs).where(vs.c.village == village))
                conn.execute(delete(hs).where(hs.c.village == village))
                conn.execute(insert(vs).values(village=village, token=token, day=today.isoformat(),
                                               data=_text(row), computed_at=_now()))
                rows = [{"village": village, "household_id": h["id"], "group_name": h["group_name"],
                         "number": h["number"], "head_name": h["head_name"], "data": _text(h)} for h in homes]
                for i in range(0, len(rows), CHUNK):
                    conn.execute(insert(hs), rows[i:i + CHUNK])
        except IntegrityError:
            continue


def refresh(engine: Engine, township: str | None, today: date, only: str | None = None) -> dict[str, dict]:
    """{village: its overview row} for the villages in scope (`only`: that village alone),
    recomputing those whose token or day changed since their rows were stored."""
    vs = db.village_summaries
    with db.reading(engine) as conn:
        tokens = q.village_tokens(conn, township)
        if only is not None:
            tokens = {v: t for v, t in tokens.items() if v == only}
        stored = {}
        names = list(tokens)
        for i in range(0, len(names), CHUNK):
            for village, token, day, data in conn.execute(
                    select(vs.c.village, vs.c.token, vs.c.day, vs.c.data).where(vs.c.village.in_(names[i:i + CHUNK]))):
                stored[village] = (token, day, data)
        out, computed = {}, {}
        for village, token in tokens.items():
            token = _text(token)
            held = stored.get(village)
            if held is not None and held[0] == token and held[1] == today.isoformat():
                out[village] = json.loads(held[2])
                continue
            row, homes = compute_village(conn, village, today)
            computed[village] = (token, row, homes)
            out[village] = row
    if computed:
        _store(engine, computed, today)
    return out


def overview(engine: Engine, township: str | None, today: date) -> list[dict]:
    """One row per village in scope, in the order of the village's name."""
    rows = refresh(engine, township, today)
    return [rows[v] for v in sorted(rows)]


def households_page(engine: Engine, village: str, today: date, offset: int, limit: int) -> tuple[list[dict], int]:
    """A page of the village's households (by group, number, head) and how many it has."""
    refresh(engine, None, today, only=village)
    hs = db.household_summaries
    with db.reading(engine) as conn:
        total = conn.execute(select(func.count()).select_from(hs).where(hs.c.village == village)).scalar()
        rows = [json.loads(d) for (d,) in conn.execute(
            select(hs.c.data).where(hs.c.village == village)
            .order_by(hs.c.group_name, hs.c.number, hs.c.head_name).offset(offset).limit(limit))]
    return rows, total


def cached(engine: Engine, name: str, key, compute):
    """compute() (JSON), kept in the database until the county's data changes (change_token):
    what reads every village is computed once per change, whichever worker is asked."""
    c = db.console_cache
    key = _text(key)
    with db.reading(engine) as conn:
        token = _text(q.change_token(conn))
        held = conn.execute(select(c.c.token, c.c.data).where(c.c.name == name, c.c.key == key)).first()
        if held is not None and held[0] == token:
            return json.loads(held[1])
        value = compute(conn)
    try:
        with engine.begin() as conn:
            conn.execute(delete(c).where(c.c.name == name, c.c.key == key))
            conn.execute(insert(c).values(name=name, key=key, token=token, data=_text(value)))
    except IntegrityError:
        pass
    return json.loads(_text(value))
