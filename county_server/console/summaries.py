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
from datetime import date, timedelta

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from app.core import clock

from .. import db
import county_server.console.queries as q

CHUNK = 500


def _text(token) -> str:
    return json.dumps(token, ensure_ascii=False, default=str)


def token_text(token, today: date | None = None) -> str:
    """A village's token (and a day, where what was computed depends on it), as stored beside
    what was computed from them."""
    return _text([token, None if today is None else today.isoformat()])


def _now() -> str:
    return clock.now().isoformat(timespec="seconds")


def compute_village(conn: Connection, village: str, today: date) -> tuple[dict, list[dict]]:
    """The village's overview row and its households' rows on `today`, from the records."""
    facts = q.due_facts(conn, None, village, today)
    overdue = q.overdue_steps(conn, None, village, today)
    return (q.village_summary(conn, village, today, facts, overdue),
            q.village_households(conn, None, village, today, facts, overdue))


def next_month(day: date) -> date:
    return date(day.year + (day.month == 12), day.month % 12 + 1, 1)


def compute_span(conn: Connection, village: str, today: date) -> tuple[dict, list[dict]]:
    """The village's rows as kept: what does not depend on the day, the month's numbers for this
    month (as of today) and the next (as of its first day), and the missed deadlines as steps on
    the days they change — good from today until `_until` (the month after next, or the first
    day a visit dated after today counts). `resolve` reads them on a day; they equal
    compute_village on it."""
    later: list[date] = []
    facts = q.due_facts(conn, None, village, today, later)
    homes = facts.get(village, {})
    following = next_month(today)
    until = min([next_month(following), *later])
    days = [today + timedelta(days=n) for n in range((until - today).days)]
    overdue = q.overdue_days(conn, None, village, days)
    row = q.village_base(conn, village, homes)
    months, dues = {}, {}
    for day in (today, following):
        if day < until:
            months[day.isoformat()[:7]], dues[day.isoformat()[:7]] = q.month_part(conn, village, homes, day)
    missed, last = [], None
    for n, day in enumerate(days):
        counts = q.missed_counts({hid: steps[n] for hid, steps in overdue.items()})
        if counts != last:
            missed.append([day.isoformat(), counts])
            last = counts
    row.update({"_months": months, "_missed": missed, "_until": until.isoformat()})
    rows = q.households_base(conn, None, village, homes)
    for r in rows:
        steps, changes, last = overdue.get(r["id"]), [], None
        for n, day in enumerate(days if steps else days[:1]):
            count = len(steps[n]) if steps else 0
            if count != last:
                changes.append([day.isoformat(), count])
                last = count
        r.update({"_due": {m: due.get(r["id"], "—") for m, due in dues.items()}, "_missed": changes})
    return row, rows


def _on(changes: list, day: str):
    """The value of a list of [day, value] changes on `day`."""
    value = None
    for since, v in changes:
        if since > day:
            break
        value = v
    return value


def resolve(row: dict, day: date) -> dict:
    """A kept overview row (compute_span) on `day`."""
    out = {k: v for k, v in row.items() if not k.startswith("_")}
    out.update(row["_months"][day.isoformat()[:7]])
    out.update(_on(row["_missed"], day.isoformat()))
    return out


def resolve_home(row: dict, day: date) -> dict:
    """A kept household row (compute_span) on `day`."""
    out = {k: v for k, v in row.items() if not k.startswith("_")}
    out["missed"] = _on(row["_missed"], day.isoformat()) or 0
    out["due"] = row["_due"][day.isoformat()[:7]]
    return out


def good_on(row: dict, computed_on: str, day: date) -> bool:
    """Whether a kept row computed on `computed_on` holds `day` (a row is kept for about two months)."""
    return computed_on <= day.isoformat() < row.get("_until", "") and day.isoformat()[:7] in row.get("_months", {})


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
    """{village: its overview row on `today`} for the villages in scope (`only`: that village
    alone), recomputing those whose token changed since their rows were stored or whose rows
    do not hold today (compute_span: about two months)."""
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
            if held is not None and held[0] == token:
                row = json.loads(held[2])
                if good_on(row, held[1], today):
                    out[village] = resolve(row, today)
                    continue
            row, homes = compute_span(conn, village, today)
            computed[village] = (token, row, homes)
            out[village] = resolve(row, today)
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
    rows = [resolve_home(r, today) for r in rows]
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
