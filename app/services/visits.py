"""Visits (走访): saved once, never edited. A correction is a new visit that supersedes the
old one and says why; both stay in the record."""
from __future__ import annotations

from datetime import date

from app.core import clock
from app.core.enums import RiskType, VisitMode
from app.core.errors import StateError, ValidationError
from app.core.household import parse_date, parse_enum_list, parse_text
from app.storage.store import Store


def clean_visit(data: dict, today: date) -> dict:
    out = {
        "visit_date": parse_date(data.get("visit_date") or data.get("date"), "date", today),
        "mode": VisitMode.parse(data.get("mode") or "", "mode").value,
        "visitor": parse_text(data.get("visitor"), "visitor", required=True, max_len=40),
        "met_person": parse_text(data.get("met_person"), "met_person", max_len=40),
        "findings": parse_text(data.get("findings") or data.get("note"), "note", required=True, max_len=4000),
        "risks_seen": parse_enum_list(data.get("risks_seen"), RiskType, "risks_seen"),
        "followups": parse_text(data.get("followups"), "followups", max_len=2000),
    }
    if not out["visit_date"]:
        raise ValidationError("date", "required", "date: 走访日期必填 (required)")
    return out


def add_visit(store: Store, household_id: str, data: dict, today: date | None = None,
              source_form: str | None = None) -> dict:
    data = {"visitor": store.user["name"] if store.user else None, **data}
    fields = clean_visit(data, today or clock.today())
    if source_form:
        fields["source_form"] = source_form  # the signed visit-record form it came from
    with store.transaction():
        store.records.require("households", household_id)
        return store.records.insert("visits", {"household_id": household_id, **fields})


def correct_visit(store: Store, visit_id: str, data: dict, reason: str, today: date | None = None) -> dict:
    """A new visit that supersedes `visit_id`; unchanged fields are carried over."""
    reason = parse_text(reason, "reason", required=True, max_len=500)
    with store.transaction():
        old = store.records.require("visits", visit_id)
        if store.conn.execute("SELECT 1 FROM visits WHERE supersedes = ? AND deleted = 0", [visit_id]).fetchone():
            raise StateError("this visit was already corrected: correct the newest version")
        keep = {k: old[k] for k in ("visit_date", "mode", "visitor", "met_person", "findings", "risks_seen",
                                    "followups")}
        fields = clean_visit({**keep, **data}, today or clock.today())
        return store.records.insert("visits", {"household_id": old["household_id"], **fields,
                                               "supersedes": visit_id, "supersede_reason": reason})


def list_visits(store: Store, household_id: str, include_superseded: bool = False) -> list[dict]:
    sql = "SELECT * FROM visits v WHERE household_id = ? AND deleted = 0"
    if not include_superseded:
        sql += " AND NOT EXISTS (SELECT 1 FROM visits n WHERE n.supersedes = v.id AND n.deleted = 0)"
    rows = store.query(sql + " ORDER BY visit_date DESC, created_at DESC", [household_id])
    return [store.records.decode("visits", r) for r in rows]
