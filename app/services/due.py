"""The due list for a month: who needs a home visit, a phone/WeChat contact, a 回头看 check
or their annual visit, and who is overdue, each with the rule that put it there."""
from __future__ import annotations

from datetime import date
from operator import itemgetter

from app.core import clock
from app.core.enums import HouseholdCategory, Residence, VisitMode
from app.core.household import parse_month
from app.core.monitoring import add_months, month_end
from app.core.schedule import HouseholdDueFacts, RuleScope, VisitPolicy, due_for_month
from app.storage.store import Store

from . import config, due_state, livelihood


def period_keys(year: int, month: int) -> dict[str, list[str]]:
    """The contact_periods keys the rules look at, by period: this and the previous one."""
    prev = add_months(date(year, month, 1), -1)
    q = (month + 2) // 3
    pq_year, pq = (year, q - 1) if q > 1 else (year - 1, 4)
    return {"month": [f"m{year:04d}-{month:02d}", f"m{prev.year:04d}-{prev.month:02d}"],
            "quarter": [f"q{year:04d}-{q}", f"q{pq_year:04d}-{pq}"],
            # The schedule judges a missed previous year only within its 13 months: in January.
            "year": [f"y{year:04d}"] + ([f"y{year - 1:04d}"] if month == 1 else [])}


_MONITORED = "h.category = 'monitored'"


def _scope_sql(scope: RuleScope) -> tuple[str, list]:
    """The households a rule may apply to, as SQL over `households h` (as due_list reads them)."""
    terms, params = ["1"], []
    if scope.categories is not None:
        terms.append(f"h.category IN ({', '.join('?' * len(scope.categories))})")
        params += [c.value for c in scope.categories]
    if scope.residences is not None:
        terms.append(f"h.residence IN ({', '.join('?' * len(scope.residences))})")
        params += [r.value for r in scope.residences]
    if scope.monitored is not None:
        terms.append(f"({_MONITORED}) = {int(scope.monitored)}")
    # Not the risk's state: a past month is judged on the state then, not on the file's today.
    return " AND ".join(terms), params


def _visit_samples(store: Store, year: int, month: int, policy: VisitPolicy,
                   hids: list[str] | None = None) -> dict[str, list]:
    """For each household (of `hids`, else every one), its latest visit by mode in each period
    its rules look at. Any period with a visit keeps one, so the schedule reaches the same answer
    as from every visit, from a few rows per household; only the periods a household's rules use
    are read."""
    keys = period_keys(year, month)
    out: dict[str, list] = {}
    fromiso = date.fromisoformat
    home, phone, wechat = VisitMode.HOME, VisitMode.PHONE, VisitMode.WECHAT
    only, only_params = _only("h.id", hids)
    for period, period_keys_ in keys.items():
        scopes = [_scope_sql(r.scope) for r in policy.rules if r.period == period and r.evidence == "visits"]
        if not scopes:
            continue
        where = " OR ".join(f"({sql})" for sql, _ in scopes)
        # CROSS JOIN keeps households the outer loop: the scope filters them first, then each
        # needed period is one primary-key seek.
        sql = (f"SELECT h.id, c.last_home, c.last_phone, c.last_wechat FROM households h"
               f" CROSS JOIN contact_periods c ON c.period IN ({', '.join('?' * len(period_keys_))}) AND c.household_id = h.id"
               f" WHERE h.deleted = 0 AND ({where}){only}")
        for hid, h, p, w in store.conn.execute(sql, period_keys_ + [x for _, ps in scopes for x in ps] + only_params):
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


def _only(column: str, hids: list[str] | None) -> tuple[str, list]:
    """An SQL term limiting `column` to `hids` (none when every household is wanted)."""
    if hids is None:
        return "", []
    return f" AND {column} IN ({', '.join('?' * len(hids))})", list(hids)


def read_roster(store: Store, hids: list[str] | None = None) -> tuple[dict, dict]:
    """What the due list needs of each live household (of `hids`, else every one) apart from its
    visits: its category and residence, when it was first monitored (识别纳入, else the 纳入监测时间
    its file holds), and the dates its risk was eliminated and reverted, so that any month is
    judged on the state the household was in then. Returns ({id: (head, group)},
    {id: (rowid, roster entry)}) in the households' table order."""
    fromiso = date.fromisoformat
    identified: dict[str, date] = {}
    changes: dict[str, list] = {}     # (date, True for 风险消除 / False for 回退), in order
    followups: dict[str, list] = {}
    only, params = _only("e.household_id", hids)
    for hid, kind, on in store.conn.execute(
            "SELECT e.household_id, e.kind, e.on_date FROM case_events e JOIN cases c ON c.id = e.case_id"
            " AND c.deleted = 0 WHERE e.deleted = 0 AND e.kind IN ('identify', 'eliminate', 'revert', 'followup')"
            f"{only} ORDER BY e.on_date, e.created_at", params):
        day = fromiso(on)
        if kind == "identify":
            identified.setdefault(hid, day)
        elif kind == "followup":
            followups.setdefault(hid, []).append(day)
        else:
            changes.setdefault(hid, []).append((day, kind == "eliminate"))
    categories = {c.value: c for c in HouseholdCategory}
    residences = {r.value: r for r in Residence}
    info: dict[str, tuple] = {}
    roster: dict[str, tuple] = {}
    only, params = _only("id", hids)
    for rowid, hid, head, group, category, residence, eliminated_flag, since in store.conn.execute(
            "SELECT rowid, id, head_name, group_name, category, residence, risk_eliminated, monitoring_since"
            f" FROM households WHERE deleted = 0{only} ORDER BY rowid", params):
        info[hid] = (head, group)
        monitored = category == HouseholdCategory.MONITORED.value
        monitored_on = identified.get(hid) or (fromiso(since + "-01") if since else None) if monitored else None
        # Without a case the file's flag stands (records from before cases were kept here).
        history = tuple(changes.get(hid, ())) if hid in identified or hid in changes else None
        roster[hid] = (rowid, (hid, categories[category], residences[residence], monitored,
                               bool(eliminated_flag) and monitored, history, tuple(followups.get(hid, ())),
                               monitored_on))
    return info, roster


def state_on(monitored: bool, flag: bool, history: tuple | None, day: date) -> tuple[bool, date | None]:
    """(risk eliminated, since when) on `day`: the latest 风险消除 on or before it that no
    回退 followed by then."""
    if not monitored:
        return False, None
    if history is None:
        return flag, None
    eliminated_on = None
    for on, eliminated in history:
        if on > day:
            break
        eliminated_on = on if eliminated else None
    return eliminated_on is not None, eliminated_on


def month_items(store: Store, year: int, mon: int, today: date, policy: VisitPolicy, info: dict,
                roster: dict, hids: list[str] | None = None) -> list[tuple[str, dict]]:
    """(household id, row) for each item of the month's schedule of the households of `hids`
    (else of every one), in the due list's order."""
    visits = _visit_samples(store, year, mon, policy, hids)
    end = month_end(year, mon)
    facts = []
    for hid in (roster if hids is None else hids):
        entry = roster.get(hid)
        if entry is None:
            continue  # gone
        hid, category, residence, monitored, flag, history, followups, monitored_on = entry[1]
        eliminated, eliminated_on = state_on(monitored, flag, history, end)
        facts.append(HouseholdDueFacts.trusted(hid, category, residence, monitored, eliminated, eliminated_on,
                                               followups, visits.get(hid) or [], monitored_on))
    out = []
    iso: dict[date, str] = {}  # one string a day, shared by the rows kept (due_state)

    def text(day: date) -> str:
        s = iso.get(day)
        if s is None:
            s = iso[day] = day.isoformat()
        return s

    for item in due_for_month(facts, year, mon, today, policy):
        head, group = info[item.household_id]
        out.append((item.household_id, {
            "household_id": item.household_id, "head_name": head, "group_name": group,
            "kind": item.kind.value, "rule": item.rule, "rule_zh": item.rule_zh, "status": item.status,
            "period_start": text(item.period_start), "period_end": text(item.period_end),
            "last_contact": text(item.last_contact) if item.last_contact else None,
            "overdue_reason_zh": item.overdue_reason_zh}))
    return out


def due_list(store: Store, month: str, today: date | None = None, include_done: bool = False,
             fresh: bool = False) -> list[dict]:
    """The month's due list. Kept between calls while the store is open and brought up to date
    household by household from what changed (due_state); `fresh` computes it all again."""
    month = parse_month(month)
    year, mon = map(int, month.split("-"))
    today = today or clock.today()
    table = config.visit_policy_table(store)
    policy = VisitPolicy.from_dict(table)
    mark, info, roster = due_state.current(store, lambda hids: read_roster(store, hids), fresh)
    key = due_state.month_key(year, mon, today, table)
    rows = due_state.rows(store, mark, key, lambda hids: month_items(store, year, mon, today, policy, info, roster,
                                                                     hids))
    # The quarterly income check of 脱贫户 and 监测户 (003 #6(2)), in the quarter's last month.
    if mon % 3 == 0:
        rows = rows + due_state.rows(
            store, mark, key + ("income check",), lambda hids: income_items(store, year, mon, today, info, roster, hids),
            lambda hid, row, n: (roster[hid][0], n))
    return [dict(r) for r in rows if include_done or r["status"] != "done"]


def household_due(store: Store, household_id: str, month: str, today: date | None = None,
                  include_done: bool = False) -> list[dict]:
    """One household's rows of the month's due list, in the list's order, worked out from that
    household's own rows (the due list's code, limited to it): what the whole list would show for
    it, at the cost of one household. Empty when it owes nothing or is gone."""
    month = parse_month(month)
    year, mon = map(int, month.split("-"))
    today = today or clock.today()
    policy = VisitPolicy.from_dict(config.visit_policy_table(store))
    hids = [household_id]
    info, roster = read_roster(store, hids)
    rows = [r for _, r in month_items(store, year, mon, today, policy, info, roster, hids)]
    if mon % 3 == 0:
        rows += [r for _, r in income_items(store, year, mon, today, info, roster, hids)]
    return [r for r in rows if include_done or r["status"] != "done"]


def income_items(store: Store, year: int, mon: int, today: date, info: dict, roster: dict,
                 hids: list[str] | None = None) -> list[tuple[str, dict]]:
    """(household id, row) of the quarterly income check of the households of `hids` (else of
    every one), in the households' table order."""
    entries = sorted(roster.values() if hids is None else [roster[h] for h in hids if h in roster],
                     key=itemgetter(0))
    checked = [(r[0], *info[r[0]], r[1].value, r[7]) for _, r in entries]
    return [(r["household_id"], r) for r in livelihood.income_check_due(store, year, mon, today, checked,
                                                                        only_these=hids is not None)]
