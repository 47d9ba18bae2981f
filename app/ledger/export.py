"""The month's ledgers (台账) as Excel workbooks, the way a township office keeps them:
走访台账, 监测对象台账, 工作提示完成情况, 问题清单, 驻村考勤.

Each ledger is one sheet named by its title under a caption "XX村 走访台账（2026年10月）".
Households appear by 户编号, 户主姓名 and 村民小组, people by name, codes by their Chinese
names. Where a ledger shows a state (a case, a task, a problem item) it is the state at the
month's end, or today inside the current month; the date columns keep the real dates, so a
task done after the month shows its completion date beside 逾期.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.core import clock
from app.core.enums import HouseholdCategory, RiskType, VisitMode
from app.core.errors import ValidationError
from app.core.monitoring import CaseEvent, replay
from app.core.words import month_zh, zh, zh_list
from app.services import reporting, worklog
from app.services.cases import OPEN_STATES
from app.storage.search import group_sort_key
from app.storage.store import Store

from .sheet import Column, add_sheet, new_workbook, save

KINDS: dict[str, str] = {"visits": "走访台账", "cases": "监测对象台账", "prompts": "工作提示完成情况",
                         "problems": "问题清单", "attendance": "驻村考勤"}
_ALIASES = {
    "visit": "visits", "走访": "visits", "走访记录": "visits", "走访台帐": "visits",
    "case": "cases", "监测": "cases", "监测对象": "cases", "监测户": "cases", "监测帮扶": "cases",
    "监测对象台帐": "cases",
    "prompt": "prompts", "tasks": "prompts", "工作提示": "prompts", "提示": "prompts", "任务": "prompts",
    "驻村工作提示": "prompts",
    "problem": "problems", "问题": "problems", "问题台账": "problems", "问题数据清单": "problems",
    "考勤": "attendance", "在村天数": "attendance", "驻村天数": "attendance", "考勤表": "attendance",
}
_SOURCE_ZH = {"county": "县反馈", "team": "工作队自查"}
_SUPERSEDED = "已被更正"


@dataclass
class ExportResult:
    kind: str
    month: str
    path: Path
    rows: int


def parse_kind(text: str) -> str:
    """The ledger code named by `text`: its code, its Chinese title or a common short name."""
    t = (text or "").strip()
    key = t.lower()
    if key in KINDS:
        return key
    for code, title in KINDS.items():
        if t == title:
            return code
    if key in _ALIASES:
        return _ALIASES[key]
    allowed = "、".join(f"{code}({title})" for code, title in KINDS.items())
    raise ValidationError("kind", f"one of {allowed}", f"kind: '{t}' 不是台账类型，应为 {allowed} (not a ledger kind)")


def export_ledger(store: Store, kind: str, month: str, out: Path, today: date | None = None) -> ExportResult:
    """Write the `kind` ledger of `month` ("YYYY-MM") to `out` (.xlsx). A month that has not
    begun is refused; an empty month still gives the header."""
    kind = parse_kind(kind)
    today = today or clock.today()
    month, start, end = reporting.month_bounds(month)
    if start > today:
        raise ValidationError("month", "not after the current month",
                              f"month: {month} 尚未开始 (the month has not begun)")
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise ValidationError("out", "an .xlsx file", f"out: '{out.name}' 应为 .xlsx 文件 (expected an .xlsx file)")
    as_of = min(end, today)
    columns, rows = _BUILDERS[kind](store, month, start, end, as_of)
    title = KINDS[kind]
    village = reporting.village_place(store)["village"]
    caption = f"{village} {title}（{month_zh(month)}）" if village else f"{title}（{month_zh(month)}）"
    wb = new_workbook()
    wb.properties.title = caption
    add_sheet(wb, title, columns, rows, caption=caption)
    save(wb, out)
    return ExportResult(kind=kind, month=month, path=out, rows=len(rows))


# -- helpers ---------------------------------------------------------------------------------------
def _zh(enum, value) -> str | None:
    return zh(enum, value) or None  # an empty cell, not an empty text


def _household_key(h: dict) -> tuple:
    return (group_sort_key(h.get("group_name")), h.get("number") or "", h.get("head_name") or "")


def _households(store: Store, include_deleted: bool = False) -> dict[str, dict]:
    sql = "SELECT id, number, head_name, group_name, category, pairing_cadre FROM households"
    return {h["id"]: h for h in store.query(sql if include_deleted else sql + " WHERE deleted = 0")}


# -- 走访台账 ---------------------------------------------------------------------------------------
VISIT_COLUMNS = [Column("走访日期", "date"), Column("村民小组"), Column("户编号"), Column("户主姓名"),
                 Column("户类型"), Column("走访方式"), Column("走访人"), Column("见到的人"),
                 Column("发现的情况"), Column("发现的风险"), Column("后续事项"), Column("备注")]


def _visits(store: Store, month: str, start: date, end: date, as_of: date):
    """Every visit dated in the month, corrections and the visits they corrected alike."""
    rows = store.query(
        "SELECT v.visit_date, v.mode, v.visitor, v.met_person, v.findings, v.risks_seen, v.followups,"
        " v.supersede_reason, v.supersedes, o.visit_date AS corrected_date, v.created_at,"
        " EXISTS (SELECT 1 FROM visits n WHERE n.supersedes = v.id AND n.deleted = 0) AS superseded,"
        " h.number, h.head_name, h.group_name, h.category"
        " FROM visits v JOIN households h ON h.id = v.household_id AND h.deleted = 0"
        " LEFT JOIN visits o ON o.id = v.supersedes"
        " WHERE v.deleted = 0 AND v.visit_date BETWEEN ? AND ?", [start.isoformat(), end.isoformat()])
    rows.sort(key=lambda v: (v["visit_date"], _household_key(v), v["created_at"]))
    out = []
    for v in rows:
        risks = store.records.decode("visits", {"risks_seen": v["risks_seen"]})["risks_seen"]
        notes = []
        if v["supersedes"]:
            notes.append(f"更正 {v['corrected_date'] or ''} 的记录：{v['supersede_reason'] or ''}")
        if v["superseded"]:
            notes.append(_SUPERSEDED)
        out.append([v["visit_date"], v["group_name"], v["number"], v["head_name"],
                    _zh(HouseholdCategory, v["category"]), _zh(VisitMode, v["mode"]), v["visitor"],
                    v["met_person"], v["findings"], zh_list(RiskType, risks), v["followups"], "；".join(notes)])
    return VISIT_COLUMNS, out


# -- 监测对象台账 -----------------------------------------------------------------------------------
CASE_COLUMNS = [Column("户编号"), Column("户主姓名"), Column("村民小组"), Column("家庭人口", "int"),
                Column("监测对象类别"), Column("风险类型"), Column("当前状态"), Column("线索日期", "date"),
                Column("识别纳入日期", "date"), Column("帮扶计划日期", "date"), Column("帮扶措施"),
                Column("风险消除日期", "date"), Column("最近一次收入评估日期", "date"),
                Column("人均纯收入（元）", "money"), Column("监测线（元）", "money"), Column("帮扶责任人"),
                Column("期限提醒")]


def _case_events(store: Store, end: date) -> dict[str, list[CaseEvent]]:
    """Each case's events up to `end`, in order (one query for the whole village)."""
    events: dict[str, list[CaseEvent]] = {}
    for r in store.query("SELECT case_id, kind, on_date, by_person, data FROM case_events"
                         " WHERE deleted = 0 AND on_date <= ? ORDER BY case_id, on_date, created_at",
                         [end.isoformat()]):
        data = store.records.decode("case_events", {"data": r["data"]})["data"]
        events.setdefault(r["case_id"], []).append(
            CaseEvent.from_dict({"kind": r["kind"], "on": r["on_date"], "by": r["by_person"], "data": data}))
    return events


def _cases(store: Store, month: str, start: date, end: date, as_of: date):
    """Every case open at some point in the month (风险线索 to 风险已消除, still in 回头看) or with
    a step in it, as it stood at the month's end."""
    homes = _households(store)
    events = _case_events(store, end)
    sizes = {r["household_id"]: r["n"] for r in store.query(
        "SELECT household_id, count(*) AS n FROM members WHERE deleted = 0 GROUP BY household_id")}
    incomes: dict[str, dict] = {}
    for r in store.query("SELECT household_id, assessed_on, per_capita_fen, baseline_fen FROM income_assessments"
                         " WHERE deleted = 0 AND assessed_on <= ? ORDER BY assessed_on, created_at",
                         [end.isoformat()]):
        incomes[r["household_id"]] = r       # the latest on or before the month's end wins
    first = start.isoformat()
    picked = []
    for c in store.query("SELECT id, household_id FROM cases WHERE deleted = 0"):
        h = homes.get(c["household_id"])
        evs = events.get(c["id"])
        if h is None or not evs:
            continue
        before = [e for e in evs if e.on < start]
        in_month = any(e.on.isoformat() >= first for e in evs)
        was_open = bool(before) and replay(before).state in OPEN_STATES
        if in_month or was_open:
            picked.append((h, replay(evs)))
    picked.sort(key=lambda p: (_household_key(p[0]), p[1].clue_date or date.min))
    out = []
    for h, s in picked:
        income = incomes.get(h["id"]) or {}
        # Before identification the risk types are those the clue reported.
        risks = "、".join(r.zh for r in s.risk_types) or zh_list(RiskType, s.events[0].data.get("risk_types"))
        out.append([h["number"], h["head_name"], h["group_name"], sizes.get(h["id"]),
                    s.monitoring_category.zh if s.monitoring_category else None,
                    risks, s.state.zh if s.state else None,
                    s.clue_date, s.identified_date, s.plan_date, "、".join(m.zh for m in s.measures),
                    s.eliminated_date, income.get("assessed_on"), income.get("per_capita_fen"),
                    income.get("baseline_fen"), h["pairing_cadre"], "；".join(s.overdue_zh(as_of))])
    return CASE_COLUMNS, out


# -- 工作提示完成情况 ------------------------------------------------------------------------------
PROMPT_COLUMNS = [Column("提示"), Column("下发单位"), Column("任务"), Column("截止日期", "date"),
                  Column("完成日期", "date"), Column("完成人"), Column("状态"), Column("备注")]


def task_status_zh(task: dict, as_of: date) -> str:
    """已完成 by `as_of`; else 逾期 when its due date was before `as_of`; else 未完成."""
    day = as_of.isoformat()
    if task.get("done_on") and task["done_on"] <= day:
        return "已完成"
    if task.get("due_date") and task["due_date"] < day:
        return "逾期"
    return "未完成"


def _prompts(store: Store, month: str, start: date, end: date, as_of: date):
    out = []
    for p in worklog.prompts_for_month(store, month, as_of):
        if not p["tasks"]:
            out.append([p["title"], p["issued_by"], None, None, None, None, None, None])
        for t in p["tasks"]:
            out.append([p["title"], p["issued_by"], t["title"], t["due_date"], t["done_on"], t["done_by"],
                        task_status_zh(t, as_of), t["note"]])
    return PROMPT_COLUMNS, out


# -- 问题清单 ---------------------------------------------------------------------------------------
# 问题清单、整改措施清单、责任清单 (003 §四): each item's measure, person responsible and deadline.
PROBLEM_COLUMNS = [Column("清单"), Column("来源"), Column("问题"), Column("户编号"), Column("户主姓名"),
                   Column("村民小组"), Column("提出日期", "date"), Column("整改措施"), Column("责任人"),
                   Column("整改时限", "date"), Column("状态"), Column("销号日期", "date"),
                   Column("销号人"), Column("销号说明")]


def _problems(store: Store, month: str, start: date, end: date, as_of: date):
    """Every item open at some time in the month: its list was made by the month's end and it
    was not closed before the month began."""
    first, last, day = start.isoformat(), end.isoformat(), as_of.isoformat()
    homes = _households(store, include_deleted=True)
    lists = sorted(worklog.problem_lists(store), key=lambda pl: (pl["created_on"], pl["created_at"]))
    out = []
    for pl in lists:
        if pl["created_on"] > last:
            continue
        for item in pl["items"]:
            if item["closed_on"] and item["closed_on"] < first:
                continue
            h = homes.get(item["household_id"]) or {}
            closed = bool(item["closed_on"]) and item["closed_on"] <= day
            late = not closed and bool(item.get("deadline")) and item["deadline"] < day
            out.append([pl["title"], _SOURCE_ZH.get(pl["source"], pl["source"]), item["description"],
                        h.get("number"), h.get("head_name"), h.get("group_name"), pl["created_on"],
                        item.get("measure"), item.get("responsible"), item.get("deadline"),
                        "已销号" if closed else ("逾期未销号" if late else "未销号"),
                        item["closed_on"], item["closed_by"], item["note"]])
    return PROBLEM_COLUMNS, out


# -- 驻村考勤 ---------------------------------------------------------------------------------------
ATTENDANCE_COLUMNS = [Column("姓名"), Column("月份"), Column("在村天数", "int"), Column("要求天数", "int"),
                      Column("是否达标"), Column("备注")]


def _attendance(store: Store, month: str, start: date, end: date, as_of: date):
    """Days in the village against the rule of at least 20 a month (003 #22)."""
    required = worklog.MIN_DAYS_IN_VILLAGE
    month_text = month_zh(month)
    out = [[p["person"], month_text, p["days"], required, "是" if p["days"] >= required else "否", p["note"]]
           for p in reporting.month_attendance(store, month, end)["people"]]
    return ATTENDANCE_COLUMNS, out


_BUILDERS = {"visits": _visits, "cases": _cases, "prompts": _prompts, "problems": _problems,
             "attendance": _attendance}
