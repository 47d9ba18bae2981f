"""The due list for a month: who needs a home visit, a phone/WeChat contact, a 回头看 check
or their annual visit, and who is overdue, each with the rule that put it there."""
from __future__ import annotations

from datetime import date

from app.core.enums import DueKind, HouseholdCategory, Residence, VisitMode
from app.core.household import parse_month
from app.core.monitoring import add_months
from app.core.schedule import HouseholdDueFacts, VisitPolicy, due_for_month
from app.storage.store import Store

from . import config


def period_keys(year: int, month: int) -> list[str]:
    """The contact_periods keys the rules look at: this and the previous month, quarter, year."""
    prev = add_months(date(year, month, 1), -1)
    q = (month + 2) // 3
    pq_year, pq = (year, q - 1) if q > 1 else (year - 1, 4)
    return [f"m{year:04d}-{month:02d}", f"m{prev.year:04d}-{prev.month:02d}", f"q{year:04d}-{q}",
            f"q{pq_year:04d}-{pq}", f"y{year:04d}", f"y{year - 1:04d}"]


def _visit_samples(store: Store, year: int, month: int) -> dict[str, list]:
    """For each household, its latest visit by mode in each period the rules look at. Any
    period with a visit keeps one, so the schedule reaches the same answer as from every
    visit, from a few rows per household."""
    keys = period_keys(year, month)
    sql = (f"SELECT household_id, last_home, last_phone, last_wechat FROM contact_periods"
           f" WHERE period IN ({', '.join('?' * len(keys))})")
    out: dict[str, list] = {}
    fromiso = date.fromisoformat
    home, phone, wechat = VisitMode.HOME, VisitMode.PHONE, VisitMode.WECHAT
    for hid, h, p, w in store.conn.execute(sql, keys):
        samples = out.get(hid)
        if samples is None:
            samples = out[hid] = []
        if h:
            samples.append((fromiso(h), home))
        if p:
            samples.append((fromiso(p), phone))
        if w:
            samples.append((fromiso(w), wechat))
    return out


def due_list(store: Store, month: str, today: date | None = None, include_done: bool = False) -> list[dict]:
    month = parse_month(month)
    year, mon = map(int, month.split("-"))
    today = today or date.today()
    visits = _visit_samples(store, year, mon)
    cases: dict[str, tuple] = {}
    for hid, eliminated, identified in store.conn.execute(
            "SELECT household_id, eliminated_date, identified_date FROM cases WHERE deleted = 0"
            " AND identified_date IS NOT NULL ORDER BY identified_date"):
        cases[hid] = (eliminated, identified)
    followups: dict[str, list] = {}
    for hid, on in store.conn.execute("SELECT household_id, on_date FROM case_events"
                                      " WHERE kind = 'followup' AND deleted = 0"):
        followups.setdefault(hid, []).append(date.fromisoformat(on))
    info: dict[str, tuple] = {}
    facts = []
    categories = {c.value: c for c in HouseholdCategory}
    residences = {r.value: r for r in Residence}
    for hid, head, group, category, residence, eliminated_flag in store.conn.execute(
            "SELECT id, head_name, group_name, category, residence, risk_eliminated FROM households WHERE deleted = 0"):
        info[hid] = (head, group)
        eliminated_on, identified_on = cases.get(hid, (None, None))
        monitored = category == HouseholdCategory.MONITORED.value
        risk_eliminated = bool(eliminated_flag) and monitored
        facts.append(HouseholdDueFacts(
            household_id=hid, category=categories[category], residence=residences[residence], monitored=monitored,
            risk_eliminated=risk_eliminated,
            eliminated_on=date.fromisoformat(eliminated_on) if eliminated_on and risk_eliminated else None,
            followups_done=tuple(followups.get(hid, ())), visits=tuple(visits.get(hid, ())),
            monitored_on=date.fromisoformat(identified_on) if identified_on and monitored else None))
    policy = VisitPolicy.from_dict(config.visit_policy_table(store))
    rows = []
    for item in due_for_month(facts, year, mon, today, policy):
        if item.status == "done" and not include_done:
            continue
        head, group = info[item.household_id]
        rows.append({"household_id": item.household_id, "head_name": head, "group_name": group,
                     "kind": item.kind.value, "kind_zh": DueKind(item.kind).zh, "rule": item.rule,
                     "rule_zh": item.rule_zh, "status": item.status,
                     "period_start": item.period_start.isoformat(), "period_end": item.period_end.isoformat(),
                     "last_contact": item.last_contact.isoformat() if item.last_contact else None,
                     "overdue_reason_zh": item.overdue_reason_zh})
    return rows
