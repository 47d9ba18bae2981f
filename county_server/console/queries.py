"""What the console shows, computed from what the county holds: records (canonical JSON, one row
per record, written by a device) and the devices that wrote them. A record's village is its
device's village, and a township reviewer's every query is limited to the devices of their
township (`township`); the county's people pass None and see every village.
"""
from __future__ import annotations

import json
import re
from datetime import date, timedelta

from sqlalchemy import Text, case, func, literal, literal_column, select
from sqlalchemy.engine import Connection
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from app.core import clock, duties
from app.core.enums import CaseState, HouseholdCategory
from app.core.errors import StateError, ValidationError
from app.core.monitoring import CaseEvent, CasePolicy, add_months, replay
from app.core.schedule import HouseholdDueFacts, due_for_month

from .. import db

CATEGORIES = [(c.value, c.zh) for c in HouseholdCategory]
OVERVIEW_SORTS = ("village", "township", "devices", "last_sync", "pending", "rejected", "households",
                  "monitored", "visits_done", "visits_due", "missed", "problems_open", "attendance")


class JsonField(FunctionElement):
    """A field of a JSON text column: SQLite json_extract, PostgreSQL ->> on the text cast to json."""
    type = Text()
    inherit_cache = True
    name = "json_field"


def _plain_key(key) -> str | None:
    """A field name written into the SQL itself (field(): a literal column, part of the statement's
    cache key), so the expression matches the index on household_id (db.household_index)."""
    name = getattr(key, "name", None) if getattr(key, "is_literal", False) else None
    return name if isinstance(name, str) and re.fullmatch(r"[a-z_]{1,40}", name) else None


@compiles(JsonField)
def _json_field(element, compiler, **kw):
    column, key = element.clauses
    plain = _plain_key(key)
    path = f"'$.{plain}'" if plain else f"'$.' || {compiler.process(key, **kw)}"
    return f"json_extract({compiler.process(column, **kw)}, {path})"


@compiles(JsonField, "postgresql")
def _json_field_pg(element, compiler, **kw):
    column, key = element.clauses
    plain = _plain_key(key)
    return f"(CAST({compiler.process(column, **kw)} AS json) ->> {repr(plain) if plain else compiler.process(key, **kw)})"


def field(name: str):
    """A field of a record's JSON, as text."""
    plain = re.fullmatch(r"[a-z_]{1,40}", name)
    return JsonField(db.records.c.data, literal_column(name) if plain else literal(name))


def scoped(q, township: str | None, village: str | None = None):
    """`q` (which joins devices) limited to a township's and a village's devices."""
    d = db.devices
    if township is not None:
        q = q.where(d.c.township == township)
    if village is not None:
        q = q.where(d.c.village == village)
    return q


def village_list(conn: Connection, township: str | None, village: str | None = None) -> list[dict]:
    d = db.devices
    q = scoped(select(d.c.village, func.max(d.c.township), func.count(d.c.device_id),
                      func.count(d.c.revoked_at)).group_by(d.c.village), township, village)
    return [{"village": v, "township": t, "devices": n - revoked, "devices_revoked": revoked}
            for v, t, n, revoked in conn.execute(q.order_by(d.c.village))]


def records(conn: Connection, tbl: str, township: str | None, village: str | None = None, where=()):
    """(village, record) of the live records of `tbl` in scope. The scope's devices are looked
    up first (they are few), so the records are read by device (records_device) or, for the
    whole county, by table, never joined row by row."""
    for v, data in village_fields(conn, tbl, None, township, village, where):
        yield v, json.loads(data)


def village_fields(conn: Connection, tbl: str, name: str | None, township: str | None, village: str | None = None,
                   where=()):
    """(village, the field `name` of a live record of `tbl` in scope; None: the whole record as text)."""
    d, r = db.devices, db.records
    villages = dict(conn.execute(scoped(select(d.c.device_id, d.c.village), township, village)).all())
    q = select(r.c.device_id, r.c.data if name is None else field(name)).where(r.c.tbl == tbl, r.c.deleted == 0,
                                                                                 *where)
    if township is not None or village is not None:
        if not villages:
            return
        q = q.where(r.c.device_id.in_(list(villages)))
    for device_id, value in conn.execute(q):
        v = villages.get(device_id)
        if v is not None:
            yield v, value


def fields_of(conn: Connection, tbl: str, names: tuple[str, ...], township: str | None,
              village: str | None = None, where=()) -> list:
    """Some fields of the live records of `tbl` in scope, extracted by the database (cheaper
    than reading whole records where a page needs a few fields of many)."""
    d, r = db.devices, db.records
    devices = [x[0] for x in conn.execute(scoped(select(d.c.device_id), township, village))]
    q = select(*(field(n) for n in names)).where(r.c.tbl == tbl, r.c.deleted == 0, *where)
    if township is not None or village is not None:
        if not devices:
            return []
        q = q.where(r.c.device_id.in_(devices))
    return conn.execute(q).all()


def _day(text) -> date | None:
    try:
        return date.fromisoformat(str(text)[:10]) if text else None
    except ValueError:
        return None


# -- the overview -------------------------------------------------------------------------------------
def change_token(conn: Connection) -> tuple:
    """What changes whenever what the county holds does: a batch ingested (records from the
    villages), a device enrolled or revoked, a publication (a county edit of a household
    publishes one). Cheap: batches, devices and publications are few beside records."""
    b, p, d = db.batches, db.publications, db.devices
    return (*conn.execute(select(func.count(), func.max(b.c.received_at)).where(b.c.state == "done")).one(),
            *conn.execute(select(func.count(), func.count(d.c.revoked_at))).one(),
            conn.execute(select(func.max(p.c.seq))).scalar())


def village_tokens(conn: Connection, township: str | None) -> dict[str, tuple]:
    """Per village in scope, what changes when its data does: its batches (count, the last
    received, those still arriving), its devices (enrolled, revoked), and the county's last
    roster edit (which changes a village's household without a batch)."""
    b, d, p = db.batches, db.devices, db.publications
    roster = conn.execute(select(func.max(p.c.seq)).where(p.c.kind == "roster")).scalar()
    devices = {v: (n, revoked) for v, n, revoked in conn.execute(scoped(
        select(d.c.village, func.count(), func.count(d.c.revoked_at)).group_by(d.c.village), township))}
    batches = {v: (n, last, receiving) for v, n, last, receiving in conn.execute(scoped(
        select(d.c.village, func.count(), func.max(b.c.received_at), func.sum(case_when(b.c.state == "receiving")))
        .join(d, d.c.device_id == b.c.device_id).group_by(d.c.village), township))}
    return {v: (n, batches.get(v), roster) for v, n in devices.items()}


def case_when(condition):
    return case((condition, 1), else_=0)


def village_summary(conn: Connection, village: str, today: date, facts: dict | None = None,
                    overdue: dict | None = None) -> dict:
    """The village's overview row; `facts` (due_facts of the village) and `overdue`
    (overdue_steps) when the caller has them already."""
    households = (due_facts(conn, None, village, today) if facts is None else facts).get(village, {})
    row = village_base(conn, village, households)
    row.update(month_part(conn, village, households, today)[0])
    row.update(missed_counts(overdue_steps(conn, None, village, today) if overdue is None else overdue))
    return row


def village_base(conn: Connection, village: str, households: dict) -> dict:
    """What of the village's overview row does not depend on the day: devices, batches,
    households by category, open problem items."""
    [info] = village_list(conn, None, village) or [{"village": village, "township": None, "devices": 0,
                                                    "devices_revoked": 0}]
    row = {**info, "last_sync": None, "pending": 0, "rejected": 0, "households": 0,
           "by_category": {c: 0 for c, _ in CATEGORIES}, "monitored": 0, "problems_open": 0}
    for state, received, receipt in conn.execute(scoped(
            select(db.batches.c.state, db.batches.c.received_at, db.batches.c.receipt)
            .join(db.devices, db.devices.c.device_id == db.batches.c.device_id), None, village)):
        if state == "done":
            row["last_sync"] = max(row["last_sync"] or "", received or "") or None
            row["rejected"] += len(json.loads(receipt)["body"].get("rejected") or []) if receipt else 0
        elif state == "receiving":
            row["pending"] += 1
    for h, _ in households.values():
        row["households"] += 1
        category = h.get("category")
        if category in row["by_category"]:
            row["by_category"][category] += 1
        row["monitored"] += category == HouseholdCategory.MONITORED.value
    row["problems_open"] = sum(1 for _ in records(conn, "problem_items", None, village,
                                                  where=[field("closed_on").is_(None)]))
    return row


def month_part(conn: Connection, village: str, households: dict, day: date) -> tuple[dict, dict[str, str]]:
    """The overview's numbers of `day`'s month as of `day` (visits due and done, the team's
    attendance) and each household's due label. Within a month they change with the day only
    when a visit dated after the day is held (summaries.py keeps them for the month)."""
    items = due_for_month([f for _, f in households.values() if f is not None], day.year, day.month, day)
    statuses: dict[str, list[str]] = {}
    for i in items:
        statuses.setdefault(i.household_id, []).append(i.status)
    row = {"visits_due": len(items), "visits_done": sum(1 for i in items if i.status == "done"),
           "attendance": 0, "team": 0}
    month = f"{day.year:04d}-{day.month:02d}"
    for _, a in records(conn, "attendance", None, village, where=[field("month") == month]):
        row["team"] += 1
        row["attendance"] += int(a.get("days") or 0) >= 20
    return row, {hid: due_label(s) for hid, s in statuses.items()}


def due_label(statuses: list[str]) -> str:
    return ("已完成" if statuses and all(s == "done" for s in statuses)
            else ("逾期" if "overdue" in statuses else ("待走访" if statuses else "—")))


def missed_counts(overdue: dict[str, list[str]]) -> dict:
    """The overview's missed deadlines from overdue_steps."""
    row = {"missed_identify": 0, "missed_plan": 0, "missed_followup": 0, "missed": 0}
    for missed in overdue.values():
        row["missed_identify"] += "identify" in missed
        row["missed_plan"] += "plan" in missed
        row["missed_followup"] += sum(1 for m in missed if m.startswith("followup"))
        row["missed"] += len(missed)
    return row


def sort_rows(rows: list[dict], sort: str, desc: bool) -> list[dict]:
    key = sort if sort in OVERVIEW_SORTS else "village"
    text = key in ("village", "township", "last_sync")
    return sorted(rows, key=lambda r: (r.get(key) or "") if text else (r.get(key) or 0), reverse=desc)


def overdue_steps(conn: Connection, township: str | None, village: str | None, today: date) -> dict[str, list[str]]:
    """{household id: the steps of its case past their deadline}, by the device's own case rules
    (the case's events replayed, `CaseStatus.overdue`): "identify" (15 days from the clue),
    "plan" (10 days from identification), "followup_1"… (a quarter after elimination without
    回头看). A case whose events are not held (or do not replay) is judged by its dates."""
    return {hid: steps[0] for hid, steps in overdue_days(conn, township, village, [today]).items()}


def overdue_days(conn: Connection, township: str | None, village: str | None,
                 days: list[date]) -> dict[str, list[list[str]]]:
    """overdue_steps on each of `days` ({household id: [its steps on each day]}), each case's
    events replayed once."""
    events: dict[str, list[dict]] = {}
    for _, e in records(conn, "case_events", township, village):
        events.setdefault(e.get("case_id"), []).append(e)
    out = {}
    for _, c in records(conn, "cases", township, village):
        status = None
        if events.get(c["id"]):
            try:
                status = replay(CaseEvent.from_dict({"kind": e.get("kind"), "on": e.get("on_date"),
                                                     "by": e.get("by_person"), "data": e.get("data") or {}})
                                for e in sorted(events[c["id"]], key=lambda e: (e.get("on_date") or "",
                                                                                e.get("created_at") or "")))
                status.overdue(days[0])
            except (ValidationError, StateError):
                status = None
        out[c.get("household_id")] = [missed_deadlines(c, d) if status is None else status.overdue(d) for d in days]
    return out


def missed_deadlines(case: dict, today: date, policy: CasePolicy | None = None) -> list[str]:
    """The case's deadlines passed without their step: "identify" (识别, 15 days from the clue)
    and "plan" (帮扶计划, 10 days from identification)."""
    policy = policy or CasePolicy.default()
    if case.get("state") == CaseState.REJECTED.value:
        return []
    out = []
    clue, identified = _day(case.get("clue_date")), _day(case.get("identified_date"))
    if clue and not identified and clue + timedelta(days=policy.identify_within_days) < today:
        out.append("identify")
    if identified and not case.get("plan_date") and identified + timedelta(days=policy.plan_within_days) < today:
        out.append("plan")
    return out


def due_facts(conn: Connection, township: str | None, village: str | None, today: date,
              later: list | None = None) -> dict[str, dict[str, tuple[dict, HouseholdDueFacts | None]]]:
    """{village: {household id: (household, its due facts)}}; facts None for a household the
    rules cannot read (it is counted, not scheduled). `later` (a list) receives the dates of the
    visits dated after today (left out of the facts)."""
    since = add_months(date(today.year, today.month, 1), -13).isoformat()
    visits: dict[str, list] = {}
    superseded = set()
    for hid, vid, day, mode, supersedes in fields_of(conn, "visits", ("household_id", "id", "visit_date", "mode",
                                                                      "supersedes"), township, village,
                                                     where=[field("visit_date") >= since]):
        visits.setdefault(hid, []).append((vid, day, mode))
        if supersedes:
            superseded.add(supersedes)
    out: dict[str, dict] = {}
    for v, h in records(conn, "households", township, village):
        seen = [(_day(day), mode) for vid, day, mode in visits.get(h["id"], ()) if vid not in superseded]
        if later is not None:
            later.extend(s[0] for s in seen if s[0] and s[0] > today)
        monitored = h.get("category") == HouseholdCategory.MONITORED.value
        try:
            facts = HouseholdDueFacts(h["id"], h.get("category"), h.get("residence") or "at_home", monitored,
                                      bool(h.get("risk_eliminated")) and monitored, None, (),
                                      tuple(s for s in seen if s[0] and s[0] <= today),
                                      _day(h.get("monitoring_since")))
        except ValidationError:
            facts = None
        out.setdefault(v, {})[h["id"]] = (h, facts)
    return out


# -- a village and a household --------------------------------------------------------------------------
def village_households(conn: Connection, township: str | None, village: str, today: date,
                       facts: dict | None = None, overdue: dict | None = None) -> list[dict]:
    facts = (due_facts(conn, township, village, today) if facts is None else facts).get(village, {})
    _, due = month_part(conn, village, facts, today)
    overdue = overdue_steps(conn, township, village, today) if overdue is None else overdue
    out = households_base(conn, township, village, facts)
    for row in out:
        row["missed"] = len(overdue.get(row["id"], ()))
        row["due"] = due.get(row["id"], "—")
    return out


def households_base(conn: Connection, township: str | None, village: str, facts: dict) -> list[dict]:
    """The village page's rows without what depends on the day (due, missed), in page order."""
    members: dict[str, int] = {}
    for _, m in records(conn, "members", township, village):
        members[m.get("household_id")] = members.get(m.get("household_id"), 0) + 1
    cases = {c.get("household_id"): c for _, c in records(conn, "cases", township, village)}
    out = []
    for hid, (h, _f) in facts.items():
        case = cases.get(hid)
        out.append({"id": hid, "number": h.get("number") or "", "head_name": h.get("head_name") or "",
                    "group_name": h.get("group_name") or "", "category": _zh(HouseholdCategory, h.get("category")),
                    "members": members.get(hid, 0), "case": _zh(CaseState, case.get("state")) if case else ""})
    out.sort(key=lambda r: (r["group_name"], r["number"], r["head_name"]))
    return out


def _zh(enum, code) -> str:
    try:
        return enum(code).zh
    except ValueError:
        return str(code or "")


def household_village(conn: Connection, township: str | None, household_id: str) -> str | None:
    """The village of a household in scope (None: not held, or not the reviewer's)."""
    r, d = db.records, db.devices
    q = scoped(select(d.c.village).join(d, d.c.device_id == r.c.device_id)
               .where(r.c.tbl == "households", r.c.id == household_id), township)
    return conn.execute(q).scalar()


def household_file(conn: Connection, township: str | None, household_id: str) -> dict | None:
    """The household's read-only file: members, incomes, cases and their events, visits, forms
    with their signatures (a signed form the county accepted had its signature verified)."""
    village = household_village(conn, township, household_id)
    if village is None:
        return None
    r = db.records
    row = conn.execute(select(r.c.data, r.c.deleted).where(r.c.tbl == "households", r.c.id == household_id)).first()
    h = json.loads(row[0])

    def of(tbl: str, key: str = "household_id", value: str = household_id) -> list[dict]:
        return [x for _, x in records(conn, tbl, township, village, where=[field(key) == value])]
    forms = sorted(of("form_instances"), key=lambda f: f.get("filled_on") or "")
    for f in forms:
        f["signatures"] = of("form_signatures", "instance_id", f["id"])
        f["verification"] = ("签名已核验 (signature verified at the county)" if f.get("state") == "signed"
                             else "未签名 (not signed)")
    visits = of("visits")
    superseded = {v.get("supersedes") for v in visits if v.get("supersedes")}
    for v in visits:
        v["superseded"] = v["id"] in superseded
    members = sorted(of("members"), key=lambda m: (m.get("relation") != "head", m.get("birth_date") or ""))
    return {"village": village, "household": h, "deleted": bool(row[1]), "duties": duties_of(of, members),
            "category": _zh(HouseholdCategory, h.get("category")),
            "members": members,
            "incomes": sorted(of("income_assessments"), key=lambda i: i.get("assessed_on") or "", reverse=True),
            "cases": [{**c, "state_zh": _zh(CaseState, c.get("state"))} for c in of("cases")],
            "events": sorted(of("case_events"), key=lambda e: e.get("on_date") or ""),
            "visits": sorted(visits, key=lambda v: v.get("visit_date") or "", reverse=True),
            "forms": forms}


def duties_of(of, members: list[dict]) -> dict[str, list[dict]]:
    """The household's duties records (migration 0007, synced up): risk clues with their state,
    screenings with their campaign, medical costs, months of work by member, loans with their
    state, the pairing cadres over time. `of(tbl, key, value)` reads a table's records of it."""
    today, policy = clock.today(), duties.DutyPolicy()
    names = {m.get("id"): m.get("name") or "" for m in members}
    clues = sorted(of("clues"), key=lambda c: c.get("found_on") or "", reverse=True)
    for c in clues:
        c["source_zh"] = duties.CLUE_SOURCES.get(c.get("source"), (c.get("source") or "",))[0]
        c["status_zh"] = duties.CLUE_STATUS[duties.clue_status(c, today)]
        c["outcome_zh"] = duties.CLUE_OUTCOMES.get(c.get("outcome"), (c.get("outcome") or "",))[0]
    screenings = sorted(of("screenings"), key=lambda x: x.get("screened_on") or "", reverse=True)
    for x in screenings:
        campaign = of("screening_campaigns", "id", x.get("campaign_id") or "") if x.get("campaign_id") else []
        x["campaign"] = campaign[0].get("title") if campaign else ""
    loans = sorted(of("loans"), key=lambda x: x.get("start_date") or "", reverse=True)
    for x in loans:
        try:
            x["status_zh"] = duties.LOAN_STATUS[duties.loan_status(x, today, policy)]
        except (KeyError, TypeError, ValueError):
            x["status_zh"] = ""
    work = sorted(of("work_years"), key=lambda x: (-int(x.get("year") or 0), names.get(x.get("member_id"), "")))
    medical = sorted(of("medical_costs"), key=lambda x: (-int(x.get("year") or 0), x.get("recorded_on") or ""))
    for x in work + medical:
        x["member"] = names.get(x.get("member_id"), "")
    return {"clues": clues, "screenings": screenings, "medical": medical, "work": work, "loans": loans,
            "pairings": sorted(of("pairings"), key=lambda x: x.get("start_date") or "", reverse=True)}


def yuan(fen) -> str:
    try:
        return f"{int(fen) / 100:,.2f}"
    except (TypeError, ValueError):
        return ""


def month_bounds(today: date) -> tuple[str, str]:
    start = date(today.year, today.month, 1)
    return start.isoformat(), (add_months(start, 1) - timedelta(days=1)).isoformat()
