"""Income assessments (收入核算): the 12 months before the assessment, in fen."""
from __future__ import annotations

from datetime import date

from app.core import clock
from app.core.errors import ValidationError
from app.core.household import parse_date, parse_int
from app.core.income import IncomeItems, compare_to_baseline, income_warnings, per_capita
from app.storage.store import Store

from . import config


def add_income(store: Store, household_id: str, assessed_on, items: dict, household_size=None,
               note: str | None = None, today: date | None = None) -> dict:
    """Record an assessment; returns the record plus `comparison` and `warnings`."""
    day = parse_date(assessed_on, "assessed_on", today or clock.today())
    if not day:
        raise ValidationError("assessed_on", "required")
    parsed = IncomeItems.from_dict(items)
    with store.transaction():
        household = store.records.require("households", household_id)
        size = parse_int(household_size, "household_size", 1, 30)
        if size is None:
            size = store.conn.execute("SELECT count(*) FROM members WHERE household_id = ? AND deleted = 0",
                                      [household_id]).fetchone()[0]
            if size == 0:
                raise ValidationError("household_size", "at least 1",
                                      "household_size: 本户尚无成员，请填写家庭人口数 (no members yet: give household_size)")
        pc = per_capita(parsed, size)
        table = config.baselines(store)
        baseline = table.for_year(household.get("province"), int(day[:4]))
        record = store.records.insert("income_assessments", {
            "household_id": household_id, "assessed_on": day, "household_size": size,
            "items": parsed.to_dict(), "net_fen": parsed.net_income, "per_capita_fen": pc,
            "baseline_fen": baseline, "note": note})
    record["comparison"] = compare_to_baseline(pc, baseline)
    # Whether the line is a published figure or the table's default estimate, wherever it is shown.
    record["baseline_source"] = table.source(household.get("province"), int(day[:4]))
    record["baseline_source_zh"] = table.source_zh(household.get("province"), int(day[:4]))
    record["warnings"] = income_warnings(pc)
    if record["warnings"] and not note:
        record["warnings"].append("请在备注中说明 (add a note explaining this)")
    return record


def list_incomes(store: Store, household_id: str) -> list[dict]:
    rows = store.query("SELECT * FROM income_assessments WHERE household_id = ? AND deleted = 0"
                       " ORDER BY assessed_on DESC", [household_id])
    return [store.records.decode("income_assessments", r) for r in rows]


def latest_per_capita(store: Store, household_id: str, on: str | None = None) -> tuple[int, int] | None:
    """(per capita, baseline) in fen of the latest assessment, or of the latest made on or
    before the ISO date `on`: a step judges the facts as they stood on its date."""
    row = store.conn.execute("SELECT per_capita_fen, baseline_fen FROM income_assessments WHERE household_id = ?"
                             " AND deleted = 0 AND assessed_on <= ? ORDER BY assessed_on DESC, created_at DESC LIMIT 1",
                             [household_id, on or "9999-12-31"]).fetchone()
    return (row[0], row[1]) if row else None
