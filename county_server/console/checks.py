"""The county checks computed village by village (review.county_checks is the same checks over
the whole county at once).

Each village contributes, under its token (queries.village_tokens) and the day: keys in
`check_keys` — the SHA-256 of each member's ID number and of each household's latest income
items — and the findings it makes alone (households marked eliminated without the elimination
steps, visits crowded on one day), kept in `console_cache`. After a sync only that village's
contribution is computed again; the findings across villages come from the keys that more
than one village holds (one indexed GROUP BY), and only those households are read to word them
by the device's rule engine (app.core.quality).
"""
from __future__ import annotations

import hashlib
import json
from collections import Counter
from datetime import date

from sqlalchemy import delete, func, insert, select
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from app.core import clock, quality
from app.core.enums import HouseholdCategory

from .. import db
import county_server.console.queries as q
import county_server.console.summaries as summaries

LOCAL = "checks_village"        # console_cache: a village's own findings
ACROSS = "checks_across"        # console_cache: the findings across villages (they do not depend on the day)
SHARED = "checks_shared"        # console_cache: the keys held in more than one village, by kind
KINDS = ("id", "income")
CHUNK = 500
CLUSTER_SHARE = 0.5             # a village's visits of a month, more than half on one day…
CLUSTER_MIN = 10                # …of at least this many visits


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def income_key(items) -> str | None:
    key = tuple(sorted((k, v) for k, v in items.items() if v)) if isinstance(items, dict) else ()
    return _digest(json.dumps(key, ensure_ascii=False, default=str)) if key else None


def latest_incomes(conn: Connection, village: str | None) -> dict[str, dict]:
    """{household id: its latest income assessment with items} of the village (None: county)."""
    latest: dict[str, dict] = {}
    for _, i in q.records(conn, "income_assessments", None, village):
        hid = i.get("household_id")
        if isinstance(i.get("items"), dict) and (
                hid not in latest or (i.get("assessed_on") or "") > (latest[hid].get("assessed_on") or "")):
            latest[hid] = i
    return latest


def eliminated_without_steps(homes: dict[str, tuple[str, dict]], eliminated_cases: set) -> list[dict]:
    return [{"village": v, "household_id": hid, "household": quality.label(h), "title": "标注风险消除但没有消除程序",
             "message": "户标注为风险已消除，但没有风险消除的监测帮扶记录（入户核实、民主评议、公示、审核）",
             "hint": "按程序补齐风险消除的各环节，或改正“风险已消除”的标注。", "others": ""}
            for hid, (v, h) in homes.items()
            if h.get("category") == HouseholdCategory.MONITORED.value and h.get("risk_eliminated")
            and hid not in eliminated_cases]


def cluster_since(today: date) -> str:
    """The first day of the months whose visits the clustering check reads (the last four)."""
    return date(today.year - (today.month <= 3), (today.month - 4) % 12 + 1, 1).isoformat()


def clustered_visits(conn: Connection, township: str | None, today: date, village: str | None = None) -> list[dict]:
    """Villages whose visits of a recent month crowd onto one day (补录, not visiting); each
    finding names its `month` (refresh keeps a village's findings for the later days too)."""
    since = cluster_since(today)
    days: dict[tuple[str, str], Counter] = {}
    for v, day in ((v, str(x or "")) for v, x in q.village_fields(conn, "visits", "visit_date", township, village)):
        if day >= since:
            days.setdefault((v, day[:7]), Counter())[day] += 1
    out = []
    for (v, month), counts in sorted(days.items()):
        total = sum(counts.values())
        day, n = counts.most_common(1)[0]
        if total >= CLUSTER_MIN and n > CLUSTER_SHARE * total:
            out.append({"village": v, "household_id": None, "household": "", "title": "走访集中在同一天",
                        "message": f"{month}月共{total}次走访，其中{n}次记在{day}",
                        "hint": "核实是否集中补录；走访应按实际日期记录。", "others": "", "month": month})
    return out


def contribution(conn: Connection, village: str, today: date) -> tuple[list[dict], list[dict]]:
    """The village's keys (rows of check_keys) and its own findings."""
    homes = {h["id"]: (village, h) for _, h in q.records(conn, "households", None, village)}
    keys = []
    for _, m in q.records(conn, "members", None, village):
        if m.get("id_number") and m.get("household_id") in homes:
            keys.append({"village": village, "kind": "id", "ref": m["id"], "household_id": m["household_id"],
                         "key": _digest(m["id_number"].strip().upper())})
    for hid, i in latest_incomes(conn, village).items():
        key = income_key(i["items"])
        if hid in homes and key:
            keys.append({"village": village, "kind": "income", "ref": i["id"], "household_id": hid, "key": key})
    eliminated = {c.get("household_id") for _, c in q.records(conn, "cases", None, village) if c.get("eliminated_date")}
    return keys, eliminated_without_steps(homes, eliminated) + clustered_visits(conn, None, today, village)


def held_tokens(conn: Connection) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """Each village's token now, and the token and findings its stored contribution has. A
    contribution does not depend on the day: its keys and findings are the village's, and the
    clustering check's months are filtered on the day they are read (`on_day`)."""
    c = db.console_cache
    tokens = {v: summaries.token_text(t) for v, t in q.village_tokens(conn, None).items()}
    return tokens, {k: (t, d) for k, t, d in conn.execute(select(c.c.key, c.c.token, c.c.data)
                                                          .where(c.c.name == LOCAL))}


def refresh(engine: Engine, today: date, only: str | None = None) -> list[dict]:
    """Every village's own findings on `today`, its contribution computed again where its token
    changed (`only`: that village alone, after its batch)."""
    c = db.console_cache
    with db.reading(engine) as conn:
        tokens, held = held_tokens(conn)
        stale = [v for v, t in tokens.items() if held.get(v, ("",))[0] != t and only in (None, v)]
        gone = set(held) - set(tokens) if only is None else set()
        before, affected = contributions_state(conn), village_keys(conn, [*stale, *gone])
        fresh = {v: contribution(conn, v, today) for v in stale}
    for village, (keys, findings) in fresh.items():
        try:
            with engine.begin() as conn:
                conn.execute(delete(db.check_keys).where(db.check_keys.c.village == village))
                for i in range(0, len(keys), CHUNK):
                    conn.execute(insert(db.check_keys), keys[i:i + CHUNK])
                conn.execute(delete(c).where(c.c.name == LOCAL, c.c.key == village))
                conn.execute(insert(c).values(name=LOCAL, key=village, token=tokens[village],
                                              data=json.dumps(findings, ensure_ascii=False)))
        except IntegrityError:   # another worker stored the same village at the same moment
            continue
    if gone:
        with engine.begin() as conn:
            conn.execute(delete(c).where(c.c.name == LOCAL, c.c.key.in_(list(gone))))
            conn.execute(delete(db.check_keys).where(db.check_keys.c.village.in_(list(gone))))
    affected |= {(k["kind"], k["key"]) for keys, _ in fresh.values() for k in keys}
    update_shared(engine, before, affected)
    if only is not None:
        return []
    out = []
    for village in tokens:
        out.extend(on_day(fresh[village][1] if village in fresh else json.loads(held[village][1]), today))
    return out


def on_day(findings: list[dict], today: date) -> list[dict]:
    """A village's kept findings on `today`: the clustering check's of the months it reads then."""
    since = cluster_since(today)[:7]
    return [{k: v for k, v in f.items() if k != "month"} for f in findings if f.get("month", since) >= since]


def contributions_state(conn: Connection) -> str:
    """What changes whenever a village's contribution (its keys) does: the kept contributions' tokens."""
    c = db.console_cache
    rows = conn.execute(select(c.c.key, c.c.token).where(c.c.name == LOCAL).order_by(c.c.key)).all()
    return _digest(json.dumps([list(r) for r in rows], ensure_ascii=False))


def village_keys(conn: Connection, villages: list[str]) -> set[tuple[str, str]]:
    k, out = db.check_keys, set()
    for i in range(0, len(villages), CHUNK):
        out.update(tuple(r) for r in conn.execute(select(k.c.kind, k.c.key).where(k.c.village.in_(villages[i:i + CHUNK]))))
    return out


def shared_among(conn: Connection, kind: str, among: set[str] | None) -> set[str]:
    """The keys of `kind` (of `among`; None: every key) held in more than one village."""
    k = db.check_keys
    q = select(k.c.key).where(k.c.kind == kind).group_by(k.c.key).having(func.count(func.distinct(k.c.village)) > 1)
    if among is None:
        return set(conn.execute(q).scalars())
    among, out = sorted(among), set()
    for i in range(0, len(among), CHUNK):
        out.update(conn.execute(q.where(k.c.key.in_(among[i:i + CHUNK]))).scalars())
    return out


def update_shared(engine: Engine, before: str, affected: set[tuple[str, str]]) -> None:
    """Keep the keys held in more than one village (console_cache SHARED, under
    contributions_state): from the kept ones, only the keys of the villages whose contribution
    changed (`affected`, old and new) are looked at again, by the index — not the whole
    county's keys — when what was kept is of the state `before` those changes."""
    c = db.console_cache
    with db.reading(engine) as conn:
        state = contributions_state(conn)
        kept = {kind: (token, data) for kind, token, data in conn.execute(
            select(c.c.key, c.c.token, c.c.data).where(c.c.name == SHARED))}
        if not affected and all(kept.get(kind, ("",))[0] == state for kind in KINDS):
            return
        out = {}
        for kind in KINDS:
            token, data = kept.get(kind, ("", None))
            if token == state and not affected:
                out[kind] = set(json.loads(data))
            elif token == before and data is not None:
                changed = {key for kd, key in affected if kd == kind}
                out[kind] = (set(json.loads(data)) - changed) | shared_among(conn, kind, changed)
            else:
                out[kind] = shared_among(conn, kind, None)
    try:
        with engine.begin() as conn:
            conn.execute(delete(c).where(c.c.name == SHARED))
            conn.execute(insert(c), [{"name": SHARED, "key": kind, "token": state, "data": json.dumps(sorted(keys))}
                                     for kind, keys in out.items()])
    except IntegrityError:   # another worker kept them at the same moment
        pass


def shared(conn: Connection, kind: str) -> dict[str, list[tuple[str, str, str]]]:
    """{key: [(village, ref, household id)]} of the keys of `kind` held in more than one village
    (as kept by update_shared, or found by one GROUP BY when what is kept is not of now)."""
    k, c = db.check_keys, db.console_cache
    kept = conn.execute(select(c.c.token, c.c.data).where(c.c.name == SHARED, c.c.key == kind)).first()
    if kept is not None and kept[0] == contributions_state(conn):
        keys = json.loads(kept[1])
    else:
        keys = sorted(shared_among(conn, kind, None))
    out: dict[str, list] = {}
    for i in range(0, len(keys), CHUNK):
        for key, village, ref, hid in conn.execute(select(k.c.key, k.c.village, k.c.ref, k.c.household_id)
                                                   .where(k.c.kind == kind, k.c.key.in_(keys[i:i + CHUNK]))):
            out.setdefault(key, []).append((village, ref, hid))
    return out


def by_id(conn: Connection, tbl: str, ids) -> dict[str, dict]:
    r, ids, out = db.records, list(ids), {}
    for i in range(0, len(ids), CHUNK):
        for rid, data in conn.execute(select(r.c.id, r.c.data).where(r.c.tbl == tbl, r.c.id.in_(ids[i:i + CHUNK]))):
            out[rid] = json.loads(data)
    return out


def across(conn: Connection) -> list[dict]:
    """The findings across villages: one ID number in two villages, identical incomes."""
    ids, incomes = shared(conn, "id"), shared(conn, "income")
    village_of = {hid: v for rows in (*ids.values(), *incomes.values()) for v, _, hid in rows}
    homes = by_id(conn, "households", village_of)
    members = by_id(conn, "members", {ref for rows in ids.values() for _, ref, _ in rows})
    assessments = by_id(conn, "income_assessments", {ref for rows in incomes.values() for _, ref, _ in rows})
    out = []

    def add(f: quality.Finding, villages: set[str]):
        village = village_of[f.household_id]
        out.append({"village": village, "household_id": f.household_id, "household": f.household, "title": f.title,
                    "message": f.message, "hint": f.hint, "others": "、".join(sorted(villages - {village}))})
    for rows in ids.values():
        group = [members[ref] for _, ref, _ in rows if ref in members]
        for f in quality.duplicate_ids(group, homes):
            add(f, {v for v, _, _ in rows})
    for rows in incomes.values():
        group = {hid: assessments[ref] for _, ref, hid in rows if ref in assessments}
        for f in quality.identical_incomes(group, {hid: homes[hid] for hid in group if hid in homes}):
            add(f, {v for v, _, _ in rows})
    return out


def county_findings(engine: Engine, today: date) -> list[dict]:
    """Every finding of the county, each village's part brought up to date first."""
    local = refresh(engine, today)
    found = summaries.cached(engine, ACROSS, "", across) + local
    found.sort(key=lambda f: (f["village"], f["title"], f["household"]))
    return found


def scoped_findings(engine: Engine, township: str | None, today: date) -> list[dict]:
    """The findings a person sees: a reviewer those of their township's villages, naming the
    other village but not its household."""
    found = summaries.cached(engine, "checks", cluster_since(today), lambda _conn: county_findings(engine, today))
    if township is None:
        return found
    with db.reading(engine) as conn:
        mine = {v["village"] for v in q.village_list(conn, township)}
    return [{**f, "message": f"{f['title']}：与{f['others']}的户相同（其他乡镇，详情问县里）"} if f["others"] else f
            for f in found if f["village"] in mine]


def after_batch(engine: Engine, village: str) -> None:
    """Bring one village's rows and its part of the county checks up to date after a batch from
    it was ingested (run after the device has its receipt), so the console's next look reads
    them ready. A failure here costs only that: the page computes them when asked."""
    from app import log
    from .. import users
    try:
        users.ensure_tables(engine)
        today = clock.today()
        summaries.refresh(engine, None, today, only=village)
        refresh(engine, today, only=village)
        with db.reading(engine) as conn:
            tokens, held = held_tokens(conn)
        if all(held.get(v, ("",))[0] == t for v, t in tokens.items()):   # no other village waits
            scoped_findings(engine, None, today)                          # the county's findings, ready too
    except Exception as e:   # noqa: BLE001 — the batch is in; the console recomputes on the next look
        log.log_unexpected(e, f"console summaries after a batch of {village}", to=log.county_logger)


def refresh_county(engine: Engine) -> int:
    """Every village's rows and the county checks computed for today (`zhucun-county
    console-refresh`, nightly: the first look of the day then reads them ready); the villages."""
    from .. import users
    users.ensure_tables(engine)
    today = clock.today()
    rows = summaries.refresh(engine, None, today)
    scoped_findings(engine, None, today)
    return len(rows)
