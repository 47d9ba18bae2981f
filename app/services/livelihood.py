"""What a household lives on, as the duties watch it: out-of-pocket medical costs per year
against 25 % of last year's per-capita disposable income (003 #12; above it, a risk clue), the
months each labourer worked outside the county per year (003 #2, #9(3): six or more is stable),
and the quarterly income check of 脱贫户 and 监测户 (003 #6(2)) with the sharp drop (003 #3)."""
from __future__ import annotations

from datetime import date

from app.core import clock, duties
from app.core.enums import HouseholdCategory
from app.core.errors import ValidationError
from app.core.household import parse_date, parse_int, parse_text
from app.core.income import parse_yuan
from app.storage.store import Store

from . import clues, config, duty_state
from .kept import kept


def add_medical_cost(store: Store, household_id: str, year, amount_yuan: str, member_id: str | None = None,
                     note: str | None = None, today: date | None = None) -> dict:
    """Record a year's out-of-pocket medical costs after 基本医保、大病保险、医疗救助; above the
    threshold a clue (source 大额医疗支出) is opened with it. Returns the record and `clue`."""
    today = today or clock.today()
    year = parse_int(year, "year", 2000, today.year)
    if year is None:
        raise ValidationError("year", "required", "year: 必填 (required)")
    fen = parse_yuan(str(amount_yuan), "amount")
    policy = config.duty_policy(store)
    with store.transaction():
        household = store.records.require("households", household_id)
        if member_id:
            store.records.require("members", member_id)
        record = store.records.insert("medical_costs", {
            "household_id": household_id, "member_id": member_id, "year": year, "out_of_pocket_fen": fen,
            "recorded_on": today.isoformat(), "note": parse_text(note, "note", max_len=2000)})
        total = store.conn.execute("SELECT sum(out_of_pocket_fen) FROM medical_costs WHERE household_id = ?"
                                   " AND year = ? AND deleted = 0", [household_id, year]).fetchone()[0]
        threshold, source = policy.medical_threshold_fen(household["province"], year)
        record["threshold_fen"], record["threshold_source"], record["clue"] = threshold, source, None
        open_clue = store.conn.execute("SELECT 1 FROM clues WHERE household_id = ? AND source = 'medical'"
                                       " AND handled_on IS NULL AND deleted = 0", [household_id]).fetchone()
        if threshold is not None and total > threshold and not open_clue:
            record["clue"] = clues.add_clue(
                store, household_id, "medical", today, f"{year}年自付医疗费用 {total / 100:.2f} 元，超过上年度人均"
                f"可支配收入的{policy.medical_share_pct}%（{threshold / 100:.2f} 元）", risk_types=["illness"],
                origin=record["id"], today=today)
    return record


def set_work_months(store: Store, member_id: str, year, months, place: str | None = None,
                    note: str | None = None, today: date | None = None) -> dict:
    today = today or clock.today()
    year = parse_int(year, "year", 2000, today.year)
    months = parse_int(months, "months", 0, 12)
    if year is None or months is None:
        raise ValidationError("months", "required", "year/months: 必填 (required)")
    with store.transaction():
        member = store.records.require("members", member_id)
        row = store.conn.execute("SELECT id FROM work_years WHERE member_id = ? AND year = ? AND deleted = 0",
                                 [member_id, year]).fetchone()
        fields = {"months_outside": months, "place": parse_text(place, "place", max_len=200),
                  "note": parse_text(note, "note", max_len=2000)}
        if row:
            return store.records.update("work_years", row[0], fields)
        return store.records.insert("work_years", {"household_id": member["household_id"], "member_id": member_id,
                                                   "year": year, **fields})


def work_history(store: Store, household_id: str | None = None) -> list[dict]:
    where, params = "w.deleted = 0", []
    if household_id:
        where += " AND w.household_id = ?"
        params.append(household_id)
    return store.query("SELECT w.*, m.name FROM work_years w JOIN members m ON m.id = w.member_id AND m.deleted = 0"
                       f" WHERE {where} ORDER BY w.household_id, m.name, w.year", params)


def medical_costs(store: Store, household_id: str | None = None) -> list[dict]:
    where, params = "deleted = 0", []
    if household_id:
        where += " AND household_id = ?"
        params.append(household_id)
    return store.query(f"SELECT * FROM medical_costs WHERE {where} ORDER BY household_id, year", params)


INCOME_CHECKED = (HouseholdCategory.LIFTED.value, HouseholdCategory.MONITORED.value)


def _latest(store: Store, s: str, e: str, ids: list[str] | None = None) -> dict:
    """{household id: (latest assessment up to `e`, latest within `s`–`e`)} of `ids` (else all)."""
    only = "" if ids is None else f" AND household_id IN ({', '.join('?' * len(ids))})"
    return {hid: (last, within) for hid, last, within in store.conn.execute(
        "SELECT household_id, max(assessed_on), max(CASE WHEN assessed_on >= ? THEN assessed_on END)"
        f" FROM income_assessments WHERE deleted = 0 AND assessed_on <= ?{only} GROUP BY household_id",
        [s, e] + (ids or []))}


def income_check_due(store: Store, year: int, month: int, today: date | None = None,
                     roster: list | None = None, only_these: bool = False) -> list[dict]:
    """The quarterly income check (003 #6(2) 每季度监测脱贫户和监测户增收情况) of the quarter `month`
    falls in, for every household that was a 脱贫户 or 监测户 at the quarter's end: due in the quarter's last month, done when an income
    assessment lies within the quarter, overdue once the quarter has ended without one. A monitored
    household owes it from the quarter it was identified (or its 纳入监测时间) on. `roster` is the
    due list's [(id, head, group, category, monitored since)], read here when not given;
    `only_these`: it is a few households (what changed), whose assessments and category changes
    are read alone."""
    today = today or clock.today()
    q = (month + 2) // 3
    start, end = duties.quarter_bounds(year, q)
    if month != 3 * q:
        return []
    s, e = start.isoformat(), end.isoformat()
    if roster is None:
        identified = dict(store.conn.execute("SELECT household_id, min(on_date) FROM case_events WHERE"
                                             " kind = 'identify' AND deleted = 0 GROUP BY household_id").fetchall())
        roster = [(hid, head, group, category, date.fromisoformat(identified[hid]) if hid in identified else
                   date.fromisoformat(since + "-01") if since else None)
                  for hid, head, group, category, since in store.conn.execute(
                      "SELECT id, head_name, group_name, category, monitoring_since FROM households WHERE deleted = 0")]
    # Each household's latest assessment up to the quarter's end and its latest within it, kept
    # until an assessment is written.
    ids = [r[0] for r in roster] if only_these else None
    latest = _latest(store, s, e, ids) if only_these else kept(
        store, f"income check {s}", ("income_assessments",), lambda: _latest(store, s, e))
    # Each household's category during the quarter's last month, not today's (duty_state).
    history = duty_state.category_history(store, ids)
    out = []
    for hid, head, group, category, since in roster:
        category = duty_state.category_on(history, hid, category, end)
        if category not in INCOME_CHECKED or category == "monitored" and since and since > end:
            continue
        last, within = latest.get(hid, (None, None))
        status = "done" if within else ("overdue" if end < today else "due")
        out.append({"household_id": hid, "head_name": head, "group_name": group,
                    "kind": "income_check", "rule": "income_check_quarterly",
                    "rule_zh": "每季度监测脱贫户和监测户增收情况：本季度内测算一次收入 (003 #6(2))",
                    "status": status, "period_start": s, "period_end": e, "last_contact": within or last,
                    "overdue_reason_zh": "" if status != "overdue" else f"{s}–{e} 本季度没有收入测算"})
    return out
