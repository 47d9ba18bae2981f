"""Risk clues (风险线索) and where they came from (001: 基层主动发现申报、多部门联动的风险预警):
the team's own visit, the household's self-report (农户自主申报), a department's warning
(部门筛查预警: 医保, 民政, 人社, 住建 …, published down by ID number), a screening campaign or
large medical costs. Each clue has its verification deadline (15 days, resources/duties.json)
and is open — on the home page, in `check` — until handled: a case opened from it (the
monitoring procedure), verified as no risk, or the household already monitored."""
from __future__ import annotations

from datetime import date

from app.core import clock, duties
from app.core.enums import RiskType
from app.core.errors import NotFound, StateError, ValidationError
from app.core.household import parse_date, parse_text
from app.core.idnumber import parse_id_number
from app.storage.store import Store

from . import config


def risk_codes(values) -> list[str]:
    """Risk types as codes, from codes or Chinese names, a list or text separated by , 、 ，."""
    if isinstance(values, str):
        values = values.replace("，", ",").replace("、", ",").split(",")
    return [RiskType.parse(v, "risk_types").value for v in values or [] if str(v).strip()]


def add_clue(store: Store, household_id: str, source, found_on, description: str, *, department=None,
             risk_types=None, reported_by: str | None = None, origin: str | None = None,
             today: date | None = None, record_id: str | None = None) -> dict:
    """Record a clue; its deadline is `found_on` plus the verification days. `record_id`: the id
    given (a county's warning makes the same clue on every laptop of the team), else a new one."""
    today = today or clock.today()
    source = duties.clue_source(source)
    dept = duties.department(department) if department else None
    if source == "department" and not dept:
        raise ValidationError("department", "required for a department's warning",
                              "department: 部门预警须注明部门 (医保、民政、人社、住建…) (name the department)")
    day = parse_date(found_on, "found_on", today)
    if day is None:
        raise ValidationError("found_on", "required", "found_on: 必填 (required)")
    deadline = duties.clue_deadline(date.fromisoformat(day), config.duty_policy(store))
    with store.transaction():
        store.records.require("households", household_id)
        return store.records.insert("clues", {
            "household_id": household_id, "source": source, "department": dept, "found_on": day,
            "deadline": deadline.isoformat(),
            "description": parse_text(description, "description", required=True, max_len=2000),
            "risk_types": risk_codes(risk_types),
            "reported_by": reported_by or (store.user["name"] if store.user else None), "origin": origin,
            **({"id": record_id} if record_id else {})})


def household_of_id_number(store: Store, id_number: str) -> str:
    """The household of the live member with this ID number (a department warns by ID number)."""
    number = parse_id_number(id_number, allow_early_birth=True).number
    row = store.conn.execute("SELECT m.household_id FROM members m JOIN households h ON h.id = m.household_id"
                             " AND h.deleted = 0 WHERE m.id_number = ? AND m.deleted = 0", [number]).fetchone()
    if row is None:
        raise NotFound("本村没有这个身份证号的成员 (no member of this village has this ID number)")
    return row[0]


def add_warning(store: Store, id_number: str, department, found_on, description: str, risk_types=None,
                today: date | None = None, record_id: str | None = None) -> dict:
    """A department's warning (部门筛查预警) about a person, by ID number: a clue of their household."""
    hid = household_of_id_number(store, id_number)
    return add_clue(store, hid, "department", found_on, description, department=department,
                    risk_types=risk_types, reported_by=duties.DEPARTMENTS[duties.department(department)][0],
                    today=today, record_id=record_id)


def apply_warnings(store: Store, data: dict, today: date | None = None, ids=None) -> dict:
    """The county's published warnings ({department, found_on, items: [{id_number, description,
    risk_types}]}); an ID number not of this village is skipped and counted. `ids`: each item's
    clue id, the same on every laptop of the team, so a clue a teammate's laptop already made and
    sent through the county is not made again (counted as `came_down`)."""
    out = {"added": 0, "not_here": 0, "came_down": 0}
    ids = list(ids or ())
    for k, item in enumerate(data.get("items") or []):
        rid = ids[k] if k < len(ids) else None
        if rid and store.records.get("clues", rid, include_deleted=True) is not None:
            out["came_down"] += 1
            continue
        try:
            add_warning(store, item["id_number"], item.get("department") or data.get("department"),
                        item.get("found_on") or data.get("found_on"), item.get("description") or "部门预警",
                        item.get("risk_types"), today=today, record_id=rid)
            out["added"] += 1
        except NotFound:
            out["not_here"] += 1
    return out


def handle_clue(store: Store, clue_id: str, outcome, on=None, note: str | None = None, case_id: str | None = None,
                today: date | None = None) -> dict:
    """Close a clue: `case` (open the monitoring procedure from it, or link the case given),
    `no_risk` (verified, with a note saying how) or `existing` (already monitored)."""
    from . import cases
    today = today or clock.today()
    outcome = duties.clue_outcome(outcome)
    day = parse_date(on or today, "date", today)
    with store.transaction():
        clue = store.records.require("clues", clue_id)
        if clue["handled_on"]:
            raise StateError(f"线索已于 {clue['handled_on']} 处理 (clue already handled)")
        if day < clue["found_on"]:
            raise ValidationError("date", "not before the clue",
                                  f"date: {day} 早于发现线索日期 {clue['found_on']} (before the clue was found)")
        if outcome == "no_risk" and not (note or "").strip():
            raise ValidationError("note", "required", "note: 核实无风险须写明核实情况 (say how it was verified)")
        by = store.user["name"] if store.user else ""
        if outcome == "case" and not case_id:
            source = duties.CLUE_SOURCES[clue["source"]][0]
            case = cases.open_case(store, clue["household_id"], clue["found_on"], by,
                                   {"source": source, "risk_types": clue["risk_types"]} if clue["risk_types"]
                                   else {"source": source}, today=today)
            case_id = case["id"]
        return store.records.update("clues", clue_id, {
            "handled_on": day, "handled_by": by, "outcome": outcome, "case_id": case_id,
            "note": parse_text(note, "note", max_len=2000)})


def list_clues(store: Store, open_only: bool = False, household_id: str | None = None,
               today: date | None = None) -> list[dict]:
    """Clues, oldest deadline first, each with its `status` (open, overdue, handled)."""
    today = today or clock.today()
    where, params = ["c.deleted = 0"], []
    if open_only:
        where.append("c.handled_on IS NULL")
    if household_id:
        where.append("c.household_id = ?")
        params.append(household_id)
    rows = store.query("SELECT c.*, h.head_name, h.number, h.group_name FROM clues c JOIN households h"
                       f" ON h.id = c.household_id AND h.deleted = 0 WHERE {' AND '.join(where)}"
                       " ORDER BY c.handled_on IS NOT NULL, c.deadline, c.created_at", params)
    for r in rows:
        store.records.decode("clues", r)
        r["status"] = duties.clue_status(r, today)
    return rows
