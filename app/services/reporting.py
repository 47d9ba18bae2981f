"""What the printed month documents say (DOMAIN §7, §9): the work team's monthly report
(驻村工作月报) and the village public notice (公示) of the month's identification and
elimination decisions.

Both are plain JSON-able data built from the store through the other services; the printing
is in app/reports. A notice entry is built from an allow-list of fields (NOTICE_FIELDS), so no
ID number, phone, bank or health record can reach it (DOMAIN §4); the printed notice shows
fewer still (no risk types: 因病 or 因残 on a village board would disclose an illness).
"""
from __future__ import annotations

import json
import re
from datetime import date, timedelta

from app.core import clock
from app.core.enums import DueKind, HouseholdCategory, MonitoringCategory, RiskType, VisitMode
from app.core.errors import ValidationError
from app.core.household import parse_month
from app.core.monitoring import KIND_ZH, month_end, replay
from app.core.words import CASE_STEP, zh, zh_names
from app.storage.store import Store

from . import cases, due, duty_report, worklog

PLACE_FIELDS = ("province", "county", "township", "village")
DECISION_IDENTIFY = "纳入监测"
DECISION_ELIMINATE = "风险消除"
# The only fields a notice entry may carry (DOMAIN §4: never ID, phone, bank or health data).
NOTICE_FIELDS = ("head_name", "group_name", "category", "decision", "date", "risk_types", "procedure")
# The identification steps a notice may name, in their order (only those a case recorded).
PROCEDURE_STEPS = ("check", "village_review", "notice", "township_review")

_CHECKIN = re.compile(r"签到:\d{4}-\d{2}-\d{2}")  # the daily check-in marks kept in the attendance note
_SOURCE_NOTE = re.compile(r"\s*[(（][^()（）]*\d{3}\s*#[^()（）]*[)）]\s*$")  # "(003 #5)" after a rule


# -- month ---------------------------------------------------------------------------------------
def month_bounds(month: str) -> tuple[str, date, date]:
    """The month as "YYYY-MM" with its first and last day; ValidationError(month, …) if malformed."""
    month = parse_month(month)
    year, mon = map(int, month.split("-"))
    return month, date(year, mon, 1), month_end(year, mon)


def _data(raw) -> dict:
    if isinstance(raw, dict):
        return raw
    try:
        value = json.loads(raw or "{}")
    except (TypeError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


# -- place and team ------------------------------------------------------------------------------
def village_place(store: Store) -> dict:
    """Where most of the store's households are: {province, county, township, village}."""
    rows = store.query("SELECT province, county, township, village, count(*) AS n FROM households"
                       " WHERE deleted = 0 GROUP BY 1, 2, 3, 4 ORDER BY n DESC LIMIT 1")
    return {k: (rows[0][k] or "") if rows else "" for k in PLACE_FIELDS}


def _team(store: Store, attendance: list[dict]) -> tuple[list[str], str | None]:
    users = [u for u in store.users() if u["active"]]
    names = [r["person"] for r in attendance]
    names += [u["name"] for u in users if u["name"] not in names]
    leader = next((u["name"] for u in users if u["role"] == "leader"), None)
    return names, leader


# -- the month summary ---------------------------------------------------------------------------
def month_summary(store: Store, month: str, today: date | None = None) -> dict:
    """Everything the monthly work report prints for `month` ("YYYY-MM"), as seen on `today`:
    a month that has not begun is refused. Counts are ints, dates ISO strings."""
    today = today or clock.today()
    month, start, end = month_bounds(month)
    if start > today:
        raise ValidationError("month", "not after the current month",
                              f"month: {month} 尚未开始 (the month has not begun)")
    as_of = min(end, today)
    place = village_place(store)
    attendance = month_attendance(store, month, end)
    team, leader = _team(store, attendance["people"])
    visits_made, risky = _visits(store, start, end)
    summary = {
        "month": month, "start": start.isoformat(), "end": end.isoformat(),
        "as_of": as_of.isoformat(), "today": today.isoformat(),
        "place": place, "village": place["village"],
        "place_name": "".join(place[k] for k in ("county", "township", "village")),
        "team": team, "leader": leader,
        "prompts": _prompts(store, month, today),
        "due": _due(store, month, today),
        "visits": visits_made,
        "attendance": attendance,
        "problems": _problems(store, start, end, today),
        "deadlines": _deadlines(store, start, end, as_of),
        "duties": duty_report.month_duties(store, start, end, as_of),
    }
    summary["tasks"] = _task_totals(summary["prompts"])
    summary["risks"], summary["cases"] = _case_events(store, start, end, risky)
    summary["figures"] = _figures(summary)
    return summary


def _prompts(store: Store, month: str, today: date) -> list[dict]:
    out = []
    for p in worklog.prompts_for_month(store, month, today):
        tasks = [{"title": t["title"], "due_date": t["due_date"], "done_on": t["done_on"],
                  "done_by": t["done_by"], "note": t["note"], "status": t["status"],
                  "late": bool(t["done_on"] and t["due_date"] and t["done_on"] > t["due_date"])}
                 for t in p["tasks"]]
        out.append({"title": p["title"], "issued_by": p["issued_by"], "source": p["source"],
                    "tasks": tasks, "total": len(tasks), "done": p["done"],
                    "open": len(tasks) - p["done"],
                    "overdue": sum(1 for t in tasks if t["status"] == "overdue")})
    return out


def _task_totals(prompts: list[dict]) -> dict:
    tasks = [t for p in prompts for t in p["tasks"]]
    return {"total": len(tasks), "done": sum(1 for t in tasks if t["done_on"]),
            "open": sum(1 for t in tasks if not t["done_on"]),
            "overdue": sum(1 for t in tasks if t["status"] == "overdue"),
            "late": sum(1 for t in tasks if t["late"])}


def _counts(rows: list[dict]) -> dict:
    done = sum(1 for r in rows if r["status"] == "done")
    return {"due": len(rows), "done": done, "open": len(rows) - done,
            "overdue": sum(1 for r in rows if r["status"] == "overdue")}


def _due(store: Store, month: str, today: date) -> dict:
    rows = due.due_list(store, month, today, include_done=True)
    kinds = [{"kind": k.value, **_counts([r for r in rows if r["kind"] == k.value])}
             for k in DueKind]
    rules: dict[str, dict] = {}
    for r in rows:
        rules.setdefault(r["rule"], {"rule": r["rule"], "rule_zh": _SOURCE_NOTE.sub("", r["rule_zh"]),
                                     "kind": r["kind"], "rows": []})["rows"].append(r)
    by_rule = [{**{k: v for k, v in g.items() if k != "rows"}, **_counts(g["rows"])} for g in rules.values()]
    kind_order = {k.value: i for i, k in enumerate(DueKind)}
    by_rule.sort(key=lambda g: (kind_order.get(g["kind"], len(kind_order)), g["rule"]))
    order = {"overdue": 0, "due": 1}
    missing = sorted((r for r in rows if r["status"] != "done"),
                     key=lambda r: (order[r["status"]], r["group_name"] or "", r["head_name"], r["kind"]))
    return {"kinds": [k for k in kinds if k["due"]], "rules": by_rule, "total": _counts(rows),
            "not_done": [{"head_name": r["head_name"], "group_name": r["group_name"] or "",
                          "kind": r["kind"], "status": r["status"],
                          "last_contact": r["last_contact"]} for r in missing]}


_LIVE_VISIT = "v.deleted = 0 AND NOT EXISTS (SELECT 1 FROM visits n WHERE n.supersedes = v.id AND n.deleted = 0)"


def _visits(store: Store, start: date, end: date) -> tuple[dict, list[dict]]:
    """The month's visits (a corrected visit counts once) by mode and visitor, and those that saw risks."""
    rows = store.query(
        "SELECT v.household_id, v.visit_date, v.mode, v.visitor, v.risks_seen, v.followups,"
        " h.head_name, h.group_name FROM visits v JOIN households h ON h.id = v.household_id"
        f" WHERE v.visit_date BETWEEN ? AND ? AND h.deleted = 0 AND {_LIVE_VISIT}"
        " ORDER BY v.visit_date, v.created_at", [start.isoformat(), end.isoformat()])
    by_mode = [{"mode": m.value, "count": sum(1 for r in rows if r["mode"] == m.value)}
               for m in VisitMode]
    visitors: dict[str, int] = {}
    for r in rows:
        visitors[r["visitor"]] = visitors.get(r["visitor"], 0) + 1
    risky = []
    for r in rows:
        risks = store.records.decode("visits", {"risks_seen": r["risks_seen"]})["risks_seen"]
        if risks:
            risky.append({"date": r["visit_date"], "head_name": r["head_name"], "group_name": r["group_name"] or "",
                          "visitor": r["visitor"], "mode": r["mode"],
                          "risk_types": zh_names(RiskType, risks), "followups": r["followups"] or ""})
    return {"total": len(rows), "households": len({r["household_id"] for r in rows}), "by_mode": by_mode,
            "by_visitor": [{"visitor": k, "count": v}
                           for k, v in sorted(visitors.items(), key=lambda kv: (-kv[1], kv[0]))]}, risky


def _events_in(store: Store, start: date, end: date, kinds: tuple[str, ...]) -> list[dict]:
    return store.query(
        "SELECT e.case_id, e.kind, e.on_date, e.by_person, e.data, h.head_name, h.group_name, h.category,"
        " h.monitoring_category FROM case_events e JOIN cases c ON c.id = e.case_id AND c.deleted = 0"
        " JOIN households h ON h.id = e.household_id AND h.deleted = 0"
        f" WHERE e.deleted = 0 AND e.on_date BETWEEN ? AND ? AND e.kind IN ({', '.join('?' * len(kinds))})"
        " ORDER BY e.on_date, h.group_name, h.head_name, e.created_at",
        [start.isoformat(), end.isoformat(), *kinds])


def _case_events(store: Store, start: date, end: date, risky_visits: list[dict]) -> tuple[dict, dict]:
    risks = {"visits": risky_visits, "clues": [], "reverts": []}
    decided = {"identified": [], "eliminated": [], "rejected": []}
    for e in _events_in(store, start, end, ("clue", "revert", "identify", "eliminate", "reject")):
        d = _data(e["data"])
        base = {"date": e["on_date"], "head_name": e["head_name"], "group_name": e["group_name"] or "",
                "by": e["by_person"]}
        if e["kind"] == "clue":
            risks["clues"].append({**base, "source": str(d.get("source") or ""), "note": str(d.get("note") or ""),
                                   "risk_types": zh_names(RiskType, d.get("risk_types"))})
        elif e["kind"] == "revert":
            risks["reverts"].append({**base, "note": str(d.get("reason") or d.get("note") or ""),
                                     "risk_types": zh_names(RiskType, d.get("risk_types"))})
        elif e["kind"] == "identify":
            category = d.get("monitoring_category")
            decided["identified"].append({**base, "monitoring_category": category,
                                          "risk_types": zh_names(RiskType, d.get("risk_types"))})
        elif e["kind"] == "eliminate":
            category = e["monitoring_category"]
            decided["eliminated"].append({**base, "monitoring_category": category,
                                          "method": str(d.get("method") or "")})
        else:
            decided["rejected"].append({**base, "reason": str(d.get("reason") or "")})
    return risks, decided


def _deadlines(store: Store, start: date, end: date, as_of: date) -> list[dict]:
    """Case deadlines missed, as the case stood at the month's end (or today, inside the month):
    steps still not done after their deadline (识别认定 15 days, 帮扶计划 10 days, the quarterly
    回头看), and steps done this month but after their deadline."""
    out = []
    month_first, month_last = start.isoformat(), end.isoformat()
    for c in store.query("SELECT c.id, h.head_name, h.group_name FROM cases c JOIN households h"
                         " ON h.id = c.household_id AND h.deleted = 0 WHERE c.deleted = 0 ORDER BY c.clue_date"):
        events = [e for e in cases.case_events(store, c["id"]) if e.on <= as_of]
        if not events:
            continue
        status = replay(events)
        base = {"head_name": c["head_name"], "group_name": c["group_name"] or "",
                "state": status.state.value if status.state else None}
        texts = status.overdue_zh(as_of)
        for code, text in zip(status.overdue(as_of), texts):
            if code in CASE_STEP:
                deadline = status.identify_by if code == "identify" else status.plan_by
            else:
                deadline = status.followup_due[int(code.split("_")[1]) - 1]
            out.append({**base, "step": code, "deadline": deadline.isoformat(),
                        "done_on": None, "days_late": (as_of - deadline).days, "text": text})
        for code in status.late_steps():
            if code == "identify":
                done = status.identified_date or status.rejected_date
                deadline = status.identify_by
            else:
                done = status.plan_date
                deadline = status.identified_date + timedelta(days=status.policy.plan_within_days)
            if done is None or not month_first <= done.isoformat() <= month_last:
                continue
            out.append({**base, "step": code, "deadline": deadline.isoformat(),
                        "done_on": done.isoformat(), "days_late": (done - deadline).days,
                        "text": f"{CASE_STEP[code]}超期完成：应于 {deadline} 前完成，{done} 才完成"})
    out.sort(key=lambda d: (d["done_on"] is not None, d["deadline"], d["head_name"]))
    return out


def month_attendance(store: Store, month: str, end: date) -> dict:
    people = []
    for r in worklog.attendance_for_month(store, month):
        note = _CHECKIN.sub("", r["note"] or "").strip(" ,，;；、")
        people.append({"person": r["person"], "days": int(r["days"]), "short": bool(r["short"]), "note": note})
    return {"min_days": worklog.MIN_DAYS_IN_VILLAGE, "days_in_month": end.day, "people": people,
            "short": sum(1 for p in people if p["short"])}


def _problems(store: Store, start: date, end: date, today: date) -> dict:
    """Problem items open at the month's end (those past their deadline marked overdue, judged
    at the month's end or today, whichever is earlier), and how many were closed in the month."""
    first, last, as_of = start.isoformat(), end.isoformat(), today.isoformat()
    heads = {r["id"]: (r["head_name"], r["group_name"] or "")
             for r in store.query("SELECT id, head_name, group_name FROM households")}
    open_items, closed = [], 0
    for pl in worklog.problem_lists(store):
        if pl["created_on"] > last:
            continue
        for item in pl["items"]:
            if item["closed_on"] and first <= item["closed_on"] <= last:
                closed += 1
            if item["closed_on"] and item["closed_on"] <= last:
                continue
            head, group = heads.get(item["household_id"], ("", ""))
            overdue = bool(item.get("deadline") and item["deadline"] < min(last, as_of))
            open_items.append({"list_title": pl["title"], "source": pl["source"], "created_on": pl["created_on"],
                               "head_name": head, "group_name": group, "description": item["description"],
                               "measure": item.get("measure") or "", "responsible": item.get("responsible") or "",
                               "deadline": item.get("deadline") or "", "overdue": overdue})
    # Overdue first (清单 with 时限: what is late is what the township asks about), then by list.
    open_items.sort(key=lambda i: (not i["overdue"], i["created_on"], i["list_title"], i["group_name"], i["head_name"]))
    return {"open": open_items, "closed_in_month": closed,
            "overdue": sum(1 for i in open_items if i["overdue"])}


def _figures(s: dict) -> dict:
    total = s["due"]["total"]
    return {"tasks_total": s["tasks"]["total"], "tasks_done": s["tasks"]["done"],
            "tasks_open": s["tasks"]["open"],
            "visits_due": total["due"], "visits_due_done": total["done"],
            "visits_due_rate": round(100 * total["done"] / total["due"]) if total["due"] else 0,
            "visits": s["visits"]["total"], "households_visited": s["visits"]["households"],
            "risk_visits": len(s["risks"]["visits"]), "new_clues": len(s["risks"]["clues"]),
            "identified": len(s["cases"]["identified"]), "eliminated": len(s["cases"]["eliminated"]),
            "deadlines_missed": len(s["deadlines"]),
            "attendance_short": s["attendance"]["short"],
            "problems_open": len(s["problems"]["open"]), "problems_closed": s["problems"]["closed_in_month"],
            "problems_overdue": s["problems"]["overdue"]}


# -- the public notice ---------------------------------------------------------------------------
def _procedure(store: Store, case_ids: list[str]) -> dict[str, str]:
    """For each case, the identification steps it recorded with their dates ("入户核查1月4日、…")."""
    if not case_ids:
        return {}
    out: dict[str, list[str]] = {}
    rows = store.conn.execute(
        f"SELECT case_id, kind, on_date FROM case_events WHERE deleted = 0 AND case_id IN ({', '.join('?' * len(case_ids))})"
        f" AND kind IN ({', '.join('?' * len(PROCEDURE_STEPS))}) ORDER BY on_date, created_at",
        [*case_ids, *PROCEDURE_STEPS])
    seen = set()
    for case_id, kind, on in rows:
        if (case_id, kind) not in seen:
            seen.add((case_id, kind))
            out.setdefault(case_id, []).append(f"{KIND_ZH[kind]}{int(on[5:7])}月{int(on[8:10])}日")
    return {k: "、".join(v) for k, v in out.items()}


def notice_entries(store: Store, month: str) -> list[dict]:
    """The month's identification (纳入监测) and elimination (风险消除) decisions for the village
    notice: head name, village group, category, decision, date and (for an identification) the
    risk types. Built field by field from NOTICE_FIELDS: nothing else leaves the store."""
    month, start, end = month_bounds(month)
    entries = []
    decisions = _events_in(store, start, end, ("identify", "eliminate"))
    steps = _procedure(store, [e["case_id"] for e in decisions if e["kind"] == "identify"])
    for e in decisions:
        d = _data(e["data"])
        if e["kind"] == "identify":
            category = d.get("monitoring_category") or e["monitoring_category"]
            entry = {"head_name": e["head_name"], "group_name": e["group_name"] or "",
                     "category": zh(MonitoringCategory, category) or zh(HouseholdCategory, e["category"]),
                     "decision": DECISION_IDENTIFY, "date": e["on_date"],
                     "risk_types": "、".join(zh_names(RiskType, d.get("risk_types"))),
                     "procedure": steps.get(e["case_id"], "")}
        else:
            category = zh(MonitoringCategory, e["monitoring_category"])
            entry = {"head_name": e["head_name"], "group_name": e["group_name"] or "",
                     "category": category or zh(HouseholdCategory, e["category"]),
                     "decision": DECISION_ELIMINATE, "date": e["on_date"], "risk_types": "", "procedure": ""}
        entries.append({k: str(entry[k]) for k in NOTICE_FIELDS})
    order = {DECISION_IDENTIFY: 0, DECISION_ELIMINATE: 1}
    entries.sort(key=lambda x: (order[x["decision"]], x["date"], x["group_name"], x["head_name"]))
    return entries
