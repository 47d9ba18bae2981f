"""The duties in the month report (驻村工作月报): one line per duty, in Chinese and English, as the
month stood on its last day (or today, for the current month)."""
from __future__ import annotations

from datetime import date

from app.core import duties
from app.core.monitoring import add_months
from app.storage.store import Store

from . import config, credit, duty_checks, duty_state, plan, screening
from .pairing import cadre_on


def _line(key: str, zh: str, en: str, warn: bool = False) -> dict:
    return {"key": key, "zh": zh, "en": en, "warn": warn}


def month_duties(store: Store, start: date, end: date, as_of: date) -> list[dict]:
    """A line per duty (key, zh, en, warn); none for a village without households yet."""
    if not store.conn.execute("SELECT 1 FROM households WHERE deleted = 0").fetchone():
        return []
    policy = config.duty_policy(store)
    s, e, a = start.isoformat(), end.isoformat(), as_of.isoformat()
    lines = []
    new = store.query("SELECT source, count(*) AS n FROM clues WHERE deleted = 0 AND found_on BETWEEN ? AND ?"
                      " GROUP BY source", [s, e])
    by = "、".join(f"{duties.CLUE_SOURCES[r['source']][0]} {r['n']}" for r in new)
    handled = store.conn.execute("SELECT count(*) FROM clues WHERE deleted = 0 AND handled_on BETWEEN ? AND ?",
                                 [s, e]).fetchone()[0]
    pending = store.query("SELECT deadline FROM clues WHERE deleted = 0 AND found_on <= ?"
                          " AND (handled_on IS NULL OR handled_on > ?)", [a, a])
    late = sum(1 for r in pending if r["deadline"] < a)
    total = sum(r["n"] for r in new)
    lines.append(_line("clues", f"本月新增风险线索 {total} 条{f'（{by}）' if by else ''}，处理 {handled} 条，"
                                f"待核实 {len(pending)} 条（逾期 {late} 条）",
                       f"{total} new risk clues, {handled} handled, {len(pending)} awaiting verification ({late} late)",
                       late > 0))
    since = add_months(as_of, -policy.screening_months).isoformat()
    recent = store.query("SELECT id FROM screening_campaigns WHERE deleted = 0 AND start_date <= ? AND end_date >= ?"
                         " ORDER BY start_date DESC LIMIT 1", [a, since])
    if recent:
        p = screening.campaign_progress(store, recent[0]["id"])
        lines.append(_line("screening", f"全覆盖排查「{p['title']}」（{p['start_date']}–{p['end_date']}）：已排查 "
                                        f"{len(p['screened'])}/{p['households']} 户，发现风险 {p['at_risk']} 户",
                           f"screening {p['title']}: {len(p['screened'])}/{p['households']} households screened, "
                           f"{p['at_risk']} at risk", bool(p["not_screened"]) and p["end_date"] < a))
    else:
        lines.append(_line("screening", f"近{policy.screening_months}个月没有全覆盖排查（每半年一次，003 #23）",
                           f"no full-coverage screening in the last {policy.screening_months} months", True))
    findings = duty_checks.duty_findings(store, _households(store), as_of, ["medical.", "work.", "loan."])
    count = {rule: len({f.household_id for f in findings if f.rule == rule})
             for rule in ("medical.large_costs", "work.unstable", "work.falling", "loan.overdue", "loan.due_soon")}
    lines.append(_line("medical", f"自付医疗费用超过上年人均可支配收入{policy.medical_share_pct}%的 {count['medical.large_costs']} 户",
                       f"{count['medical.large_costs']} households with medical costs above the line",
                       count["medical.large_costs"] > 0))
    lines.append(_line("work", f"务工不足{policy.stable_work_months}个月的 {count['work.unstable']} 户，"
                               f"务工月数比上年减少的 {count['work.falling']} 户",
                       f"{count['work.unstable']} households with labourers working under {policy.stable_work_months}"
                       f" months, {count['work.falling']} falling", count["work.unstable"] + count["work.falling"] > 0))
    loans = [r for r in credit.list_loans(store, today=as_of) if r["start_date"] <= a]
    active = [r for r in loans if r["status"] != "repaid"]
    lines.append(_line("loans", f"小额信贷在贷 {len(active)} 笔，即将到期 {count['loan.due_soon']} 户，"
                                f"逾期 {count['loan.overdue']} 户",
                       f"{len(active)} micro-credit loans outstanding, {count['loan.due_soon']} households due soon, "
                       f"{count['loan.overdue']} overdue", count["loan.overdue"] > 0))
    lines.append(_cadre_visits(store, s, e))
    year_plans = plan.plans(store, as_of.year, as_of)
    if year_plans:
        p = year_plans[0]
        lines.append(_line("plan", f"{p['title']}：完成 {p['done']}/{len(p['items'])} 项，逾期 {p['overdue']} 项",
                           f"yearly plan: {p['done']}/{len(p['items'])} items done, {p['overdue']} overdue",
                           p["overdue"] > 0))
    else:
        lines.append(_line("plan", f"{as_of.year}年没有年度工作计划 (003 #22)", f"no plan for {as_of.year}", True))
    return lines


def _households(store: Store) -> dict:
    return {r["id"]: r for r in store.query("SELECT id, head_name, number, category, risk_eliminated, pairing_cadre"
                                            " FROM households WHERE deleted = 0")}


def _cadre_visits(store: Store, s: str, e: str) -> dict:
    """Monitored households whose risk was not eliminated at the month's end (as they stood then):
    how many had their cadre's home visit."""
    categories, risks, day = duty_state.category_history(store), duty_state.risk_history(store), date.fromisoformat(e)
    monitored = [r["id"] for r in store.query("SELECT id, category, risk_eliminated FROM households WHERE deleted = 0")
                 if duty_state.at_risk_on(categories, risks, r, day)]
    pairings: dict[str, list] = {}
    for r in store.query("SELECT household_id, cadre, start_date, end_date FROM pairings WHERE deleted = 0"
                         " ORDER BY start_date"):
        pairings.setdefault(r["household_id"], []).append(r)
    visited = {(r["household_id"], r["visitor"]) for r in store.query(
        "SELECT household_id, visitor FROM visits WHERE deleted = 0 AND mode = 'home' AND visit_date BETWEEN ? AND ?",
        [s, e])}
    with_cadre = [h for h in monitored if cadre_on(pairings.get(h, []), e)]
    done = sum(1 for h in with_cadre if (h, cadre_on(pairings[h], e)) in visited)
    return _line("pairing", f"风险未消除的监测户 {len(monitored)} 户，有结对帮扶责任人 {len(with_cadre)} 户，"
                            f"本月由责任人入户 {done} 户",
                 f"{len(monitored)} monitored households at risk, {len(with_cadre)} with a pairing cadre, "
                 f"{done} visited at home by their cadre this month", done < len(monitored))


def household_duties(store: Store, household_id: str, today: date) -> dict:
    """One household's duties for its file: clues, screenings, medical costs, months of work,
    loans and its pairing cadres over time."""
    from . import clues, livelihood, pairing
    return {
        "clues": clues.list_clues(store, household_id=household_id, today=today),
        "screenings": store.query("SELECT s.*, c.title FROM screenings s JOIN screening_campaigns c ON c.id = s.campaign_id"
                                  " WHERE s.household_id = ? AND s.deleted = 0 ORDER BY s.screened_on DESC", [household_id]),
        "medical": livelihood.medical_costs(store, household_id),
        "work": livelihood.work_history(store, household_id),
        "loans": credit.list_loans(store, household_id, today),
        "pairings": pairing.history(store, household_id),
    }


def household_duties_lines(d: dict) -> list[str]:
    """`household_duties` as the lines of `zhucun household show`."""
    from app.core.income import format_yuan
    lines = []
    for p in d["pairings"]:
        lines.append(f"帮扶责任人: {p['cadre']} 自 {p['start_date']}"
                     + (f" 至 {p['end_date']}" if p["end_date"] else "（现任）")
                     + (f"  更换原因: {p['reason']}" if p["reason"] else ""))
    for c in d["clues"]:
        source = duties.CLUE_SOURCES[c["source"]][0] + (f"·{duties.DEPARTMENTS[c['department']][0]}"
                                                        if c["department"] else "")
        handled = f"{c['handled_on']} {duties.CLUE_OUTCOMES[c['outcome']][0]}" if c["handled_on"] else \
            f"{duties.CLUE_STATUS[c['status']]}，核实期限 {c['deadline']}"
        lines.append(f"风险线索 {c['found_on']} {source}: {c['description']}（{handled}）")
    for s in d["screenings"]:
        lines.append(f"排查 {s['screened_on']} {s['title']} {s['screener']}: {s['findings']}"
                     f"{'（发现风险）' if s['at_risk'] else ''}")
    for m in d["medical"]:
        lines.append(f"自付医疗费用 {m['year']}年: {format_yuan(m['out_of_pocket_fen'])}")
    for w in d["work"]:
        lines.append(f"务工 {w['year']}年 {w['name']}: {w['months_outside']} 个月 {w['place'] or ''}".rstrip())
    for loan in d["loans"]:
        lines.append(f"小额信贷 {loan['start_date']} {format_yuan(loan['amount_fen'])} {loan['term_months']} 个月"
                     f"（{loan['purpose']}），到期 {loan['end_date']}，{duties.LOAN_STATUS[loan['status']]}")
    return lines
