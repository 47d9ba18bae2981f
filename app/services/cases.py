"""Monitoring cases (监测帮扶): each step is an immutable event; the case row caches where
the case stands, and the household follows (category, monitoring category, risk types)."""
from __future__ import annotations

from datetime import date

from app.core import clock
from app.core.enums import CaseState, HouseholdCategory, LabourCapacity, Measure, MonitoringCategory, RiskType
from app.core.errors import StateError, ValidationError
from app.core.household import parse_bool, parse_date, parse_int
from app.core.monitoring import (KIND_ZH, CaseEvent, CasePolicy, CaseStatus, apply, guarantee_gaps, new_risks,
                                 replay, yuan_zh)
from app.core.words import zh
from app.storage.store import Store

from . import incomes

OPEN_STATES = (CaseState.CLUE, CaseState.IDENTIFIED, CaseState.HELPING, CaseState.ELIMINATED)
_INT_KEYS = ("per_capita_fen", "baseline_fen")
_BOOL_KEYS = ("has_labour", "three_guarantees_secured", "water_secured")


def _event(kind: str, on, by: str, data: dict, today: date) -> CaseEvent:
    day = parse_date(on, "date", today)
    if not day:
        raise ValidationError("date", "required")
    data = {k: v for k, v in data.items() if v is not None}
    for key in _INT_KEYS:
        if key in data:
            data[key] = parse_int(data[key], key)
    for key in _BOOL_KEYS:
        if key in data:
            data[key] = parse_bool(data[key], key)
    return CaseEvent(kind=kind, on=date.fromisoformat(day), by=by, data=data)


def case_events(store: Store, case_id: str) -> list[CaseEvent]:
    """The case's live events, in the order they happened."""
    rows = store.query("SELECT kind, on_date, by_person, data FROM case_events WHERE case_id = ? AND deleted = 0"
                       " ORDER BY on_date, created_at", [case_id])
    return [CaseEvent.from_dict({"kind": r["kind"], "on": r["on_date"], "by": r["by_person"],
                                 "data": store.records.decode("case_events", {"data": r["data"]})["data"]})
            for r in rows]


def _case_columns(status: CaseStatus) -> dict:
    iso = lambda d: d.isoformat() if d else None  # noqa: E731
    return {"state": status.state.value,
            "monitoring_category": status.monitoring_category.value if status.monitoring_category else None,
            "risk_types": [r.value for r in status.risk_types], "measures": [m.value for m in status.measures],
            "clue_date": iso(status.clue_date), "identified_date": iso(status.identified_date),
            "plan_date": iso(status.plan_date), "eliminated_date": iso(status.eliminated_date),
            "identify_by": iso(status.identify_by), "plan_by": iso(status.plan_by)}


def _fill_elimination_facts(store: Store, household_id: str, data: dict, on: str, status: CaseStatus) -> dict:
    """The facts an elimination rests on, from the household's file as it stood on the step's
    date `on` (003 #11): the latest income assessment made on or before it, labour, “三保障”,
    safe water and any risk the case has not taken in. Figures typed in cannot replace them."""
    data = dict(data)
    latest = incomes.latest_per_capita(store, household_id, on=on)
    if latest is None:
        later = incomes.latest_per_capita(store, household_id)
        raise ValidationError("per_capita_fen", "an income assessment on or before the elimination date",
                              f"per_capita_fen: 风险消除({on})须依据当日或之前的收入核算"
                              f"{'；本户的收入核算都在该日之后' if later else '，请先核算收入'}"
                              f" (an income assessment dated on or before {on} is required)")
    data["per_capita_fen"], data["baseline_fen"] = latest
    rows = store.query("SELECT name, birth_date, labour, school_status, medical_insurance FROM members"
                       " WHERE household_id = ? AND deleted = 0", [household_id])
    if "has_labour" not in data:
        data["has_labour"] = any(r["labour"] and LabourCapacity(r["labour"]).can_work for r in rows)
    household = store.records.require("households", household_id)
    gaps, water = guarantee_gaps(household, rows, date.fromisoformat(on))
    if gaps:
        data["three_guarantees_secured"] = False
    if water:
        data["water_secured"] = False
    if gaps or water:
        data["unsecured"] = gaps + water
    risks = new_risks(status, household.get("risk_types") or [])
    if risks:
        data["new_risks"] = risks
    return data


def _follow_household(store: Store, household_id: str, event: CaseEvent, status: CaseStatus) -> None:
    changes: dict = {}
    if event.kind == "identify":
        changes = {"category": HouseholdCategory.MONITORED.value,
                   "monitoring_category": status.monitoring_category.value,
                   "monitoring_since": event.on.isoformat()[:7], "risk_eliminated": False}
    elif event.kind == "eliminate":
        changes = {"risk_eliminated": True}
    elif event.kind == "revert":
        changes = {"risk_eliminated": False}
        if status.monitoring_category:
            changes["monitoring_category"] = status.monitoring_category.value
    if event.kind in ("identify", "revert"):
        changes["risk_types"] = [r.value for r in status.risk_types]
    if changes:
        store.records.update("households", household_id, changes)


def open_case(store: Store, household_id: str, on, by: str, data: dict, today: date | None = None) -> dict:
    today = today or clock.today()
    event = _event("clue", on, by, data, today)
    with store.transaction():
        store.records.require("households", household_id)
        for row in store.query("SELECT id, state FROM cases WHERE household_id = ? AND deleted = 0", [household_id]):
            if CaseState(row["state"]) in OPEN_STATES:
                raise StateError(f"本户已有未结案例 (this household already has an open case): {row['id']}")
        status = apply(CaseStatus(policy=CasePolicy.default()), event, today)
        case = store.records.insert("cases", {"household_id": household_id, **_case_columns(status)})
        _save_event(store, case["id"], household_id, event)
    return case_view(store, case["id"], today)


def record_step(store: Store, case_id: str, kind: str, on, by: str, data: dict, today: date | None = None) -> dict:
    today = today or clock.today()
    with store.transaction():
        case = store.records.require("cases", case_id)
        before = replay(case_events(store, case_id))
        if kind == "eliminate" and before.state is CaseState.HELPING:
            day = parse_date(on, "date", today)
            if day:
                data = _fill_elimination_facts(store, case["household_id"], data, day, before)
        event = _event(kind, on, by, data, today)
        status = apply(before, event, today)
        _save_event(store, case_id, case["household_id"], event)
        store.records.update("cases", case_id, _case_columns(status))
        _follow_household(store, case["household_id"], event, status)
    return case_view(store, case_id, today)


def insert_case(store: Store, household_id: str, events: list[CaseEvent]) -> dict:
    """A case with these events as they stand (a demo village, an import): no step is judged
    against today; the case's columns are what replaying the events gives."""
    case = store.records.insert("cases", {"household_id": household_id, **_case_columns(replay(events))})
    for e in events:
        _save_event(store, case["id"], household_id, e)
    return case


def _save_event(store: Store, case_id: str, household_id: str, event: CaseEvent) -> None:
    store.records.insert("case_events", {"case_id": case_id, "household_id": household_id, "kind": event.kind,
                                         "on_date": event.on.isoformat(), "by_person": event.by,
                                         "data": dict(event.data)})


def case_view(store: Store, case_id: str, today: date | None = None) -> dict:
    today = today or clock.today()
    case = store.records.require("cases", case_id)
    status = replay(case_events(store, case_id))
    household = store.records.get("households", case["household_id"], include_deleted=True)
    return {**case, "head_name": household["head_name"],
            "events": [e.to_dict() for e in status.events],
            "followup_due": [d.isoformat() for d in status.followup_due],
            "followups_done": [d.isoformat() for d in status.followups],
            "followups_satisfied": list(status.followups_satisfied),
            "stable_from": status.stable_from.isoformat() if status.stable_from else None,
            "overdue": status.overdue(today), "overdue_zh": status.overdue_zh(today),
            "late_steps": status.late_steps()}


def list_cases(store: Store, state: str | None = None, today: date | None = None) -> list[dict]:
    sql = ("SELECT c.id, c.household_id, h.head_name, c.state, c.clue_date, c.identified_date, c.plan_date,"
           " c.eliminated_date, c.identify_by, c.plan_by FROM cases c JOIN households h ON h.id = c.household_id"
           " WHERE c.deleted = 0")
    params = []
    if state:
        sql += " AND c.state = ?"
        params.append(CaseState.parse(state, "state").value)
    rows = store.query(sql + " ORDER BY c.clue_date DESC", params)
    today_iso = (today or clock.today()).isoformat()
    for r in rows:
        late = (r["state"] == "clue" and r["identify_by"] < today_iso) or (
            r["state"] == "identified" and r["plan_by"] and r["plan_by"] < today_iso)
        r["overdue"] = "逾期" if late else ""
    return rows


def render_text(view: dict) -> str:
    lines = [f"案例 (case) {view['id']}  {view['head_name']}  状态: {zh(CaseState, view['state'])}"]
    if view.get("monitoring_category"):
        lines.append(f"  监测类别: {MonitoringCategory(view['monitoring_category']).zh}")
    if view.get("risk_types"):
        lines.append("  风险类型: " + "、".join(RiskType(r).zh for r in view["risk_types"]))
    if view.get("measures"):
        lines.append("  帮扶措施: " + "、".join(Measure(m).zh for m in view["measures"]))
    for e in view["events"]:
        line = f"  {e['on']}  {KIND_ZH.get(e['kind'], e['kind'])}({e['kind']})  {e['by']}"
        d = e.get("data") or {}
        if e["kind"] == "eliminate" and isinstance(d.get("per_capita_fen"), int) and isinstance(d.get("baseline_fen"), int):
            line += f"  人均纯收入 {yuan_zh(d['per_capita_fen'])}，基准线 {yuan_zh(d['baseline_fen'])}"
        lines.append(line)
    if view["state"] == "clue":
        lines.append(f"  识别期限 (identify by): {view['identify_by']}")
    if view["state"] == "identified":
        lines.append(f"  帮扶计划期限 (plan by): {view['plan_by']}")
    if view["followup_due"]:
        lines.append(f"  回头看 (follow-ups due): {', '.join(view['followup_due'])}; 已完成 {len(view['followups_done'])}")
    lines += ["  ! " + o for o in view["overdue_zh"]]
    return "\n".join(lines)


def latest_case_id(store: Store, household_id: str) -> str | None:
    """The household's newest case, if it has one."""
    row = store.conn.execute("SELECT id FROM cases WHERE household_id = ? AND deleted = 0 ORDER BY created_at DESC"
                             " LIMIT 1", [household_id]).fetchone()
    return row[0] if row else None
