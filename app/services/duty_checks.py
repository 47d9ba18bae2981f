"""The duties' findings for `check` (rules clue., screening., income.sharp_drop,
income.check_missing, medical., work., loan., pairing., plan.): a few bulk reads each."""
from __future__ import annotations

from datetime import date, timedelta

from app.core import duties
from app.core.monitoring import add_months
from app.core.quality import Finding, finding, selected
from app.storage.store import Store

from . import config, credit, duty_state, plan, screening
from .livelihood import INCOME_CHECKED

GROUPS = ("clue.", "screening.", "income.sharp_drop", "income.check_missing", "medical.", "work.", "loan.",
          "pairing.", "plan.")


def duty_findings(store: Store, households: dict, today: date, prefixes=None,
                  household_id: str | None = None, incomes: dict[str, list[dict]] | None = None) -> list[Finding]:
    """`incomes`: every household's live assessments, oldest first, when the caller has read them."""
    policy = config.duty_policy(store)
    out: list[Finding] = []

    def on(group: str) -> bool:
        return any(selected(r, prefixes) for r in _rules(group))

    if on("clue."):
        # Open on `today`: found by then and not handled by then (a past day sees later handling as not yet).
        day = today.isoformat()
        for r in store.query("SELECT id, household_id, found_on, deadline, source, description FROM clues"
                             " WHERE deleted = 0 AND (handled_on IS NULL OR handled_on > ?) AND deadline < ?"
                             " AND found_on <= ?", [day, day, day]):
            out.append(finding("clue.overdue", households.get(r["household_id"]), "clues",
                               f"{duties.CLUE_SOURCES[r['source']][0]}线索（{r['found_on']}）应于 {r['deadline']} 前核实："
                               f"{r['description']}", ("clues", r["id"])))
    if on("screening."):
        out += _screening(store, households, today, policy)
    if on("income.sharp_drop") or on("income.check_missing"):
        out += _incomes(store, households, today, policy, incomes)
    if on("medical."):
        out += _medical(store, households, policy)
    if on("work."):
        out += _work(store, households, today, policy)
    if on("loan."):
        for loan in credit.list_loans(store, today=today):
            if loan["status"] in ("overdue", "due_soon") and loan["start_date"] <= today.isoformat():
                out.append(finding(f"loan.{loan['status']}", households.get(loan["household_id"]), "loans",
                                   f"小额信贷 {loan['amount_fen'] / 100:.0f} 元（{loan['purpose']}），到期 {loan['end_date']}"
                                   f"{'，已逾期' if loan['status'] == 'overdue' else ''}", ("loans", loan["id"])))
    if on("pairing."):
        out += _pairing(store, households, today)
    if on("plan."):
        for item in plan.overdue_items(store, today):
            out.append(finding("plan.item_overdue", None, "plan_items",
                               f"{item['year']}年度计划：{item['description']}（时限 {item['deadline']}，"
                               f"责任人 {item['responsible'] or '未定'}）", ("plan_items", item["id"])))
    if household_id:
        out = [f for f in out if f.household_id == household_id]
    return out


def _rules(group: str) -> list[str]:
    from app.core.quality import RULES
    return [r for r in RULES if r.startswith(group)]


def _screening(store: Store, households: dict, today: date, policy) -> list[Finding]:
    out = []
    since = add_months(today, -policy.screening_months).isoformat()
    for c in store.query("SELECT id FROM screening_campaigns WHERE deleted = 0 AND end_date < ? AND end_date >= ?",
                         [today.isoformat(), since]):
        progress = screening.campaign_progress(store, c["id"])
        for h in progress["not_screened"]:
            out.append(finding("screening.not_screened", households.get(h["id"]), "screenings",
                               f"{progress['title']}（{progress['start_date']}–{progress['end_date']}）未排查本户",
                               ("screening_campaigns", c["id"])))
    return out


def _incomes(store: Store, households: dict, today: date, policy, incomes=None) -> list[Finding]:
    out = []
    last: dict[str, list] = {}
    # As the incomes stood on `today` (a past day: the assessments made by then).
    day = today.isoformat()
    if incomes is None:
        source = store.conn.execute(
            "SELECT household_id, assessed_on, per_capita_fen, id FROM income_assessments WHERE deleted = 0"
            " AND assessed_on <= ? ORDER BY household_id, assessed_on, created_at", [day])
    else:
        source = ((r["household_id"], r["assessed_on"], r["per_capita_fen"], r["id"])
                  for hid in incomes for r in incomes[hid] if r["assessed_on"] <= day)
    for hid, on, pc, rid in source:
        rows = last.setdefault(hid, [])
        rows.append((on, pc, rid))
        del rows[:-2]
    oldest = (today - timedelta(days=policy.income_check_max_days)).isoformat()
    categories = duty_state.category_history(store)
    for hid, h in households.items():
        rows = last.get(hid, [])
        if len(rows) == 2:
            drop = duties.income_drop_pct(rows[0][1], rows[1][1])
            if drop >= policy.income_drop_ratio_pct:
                out.append(finding("income.sharp_drop", h, "per_capita_fen",
                                   f"人均纯收入 {rows[0][1] / 100:.0f} 元（{rows[0][0]}）→ {rows[1][1] / 100:.0f} 元"
                                   f"（{rows[1][0]}），下降 {drop}%（阈值 {policy.income_drop_ratio_pct}%）",
                                   ("income_assessments", rows[1][2])))
        # A household never assessed is on the due list, overdue each quarter (livelihood.income_check_due).
        if duty_state.category_on(categories, hid, h["category"], today) in INCOME_CHECKED and rows \
                and rows[-1][0] < oldest:
            out.append(finding("income.check_missing", h, "income_assessments",
                               f"最近一次收入测算：{rows[-1][0]}（超过 {policy.income_check_max_days} 天）",
                               ("income_assessments", rows[-1][2])))
    return out


def _medical(store: Store, households: dict, policy) -> list[Finding]:
    out = []
    for hid, year, total in store.conn.execute(
            "SELECT household_id, year, sum(out_of_pocket_fen) FROM medical_costs WHERE deleted = 0"
            " GROUP BY household_id, year"):
        h = households.get(hid)
        if h is None:
            continue
        province = store.conn.execute("SELECT province FROM households WHERE id = ?", [hid]).fetchone()[0]
        threshold, source = policy.medical_threshold_fen(province, year)
        if threshold is not None and total > threshold:
            out.append(finding("medical.large_costs", h, "medical_costs",
                               f"{year}年自付医疗费用 {total / 100:.2f} 元 > {threshold / 100:.2f} 元"
                               f"（上年人均可支配收入的{policy.medical_share_pct}%"
                               f"{'' if source else '，默认估计值 (unsourced default)'}）"))
    return out


def _work(store: Store, households: dict, today: date, policy) -> list[Finding]:
    out = []
    by_member: dict[str, list] = {}
    for r in store.query("SELECT w.id, w.household_id, w.member_id, w.year, w.months_outside, m.name, m.labour"
                         " FROM work_years w JOIN members m ON m.id = w.member_id AND m.deleted = 0"
                         " WHERE w.deleted = 0 AND w.year < ? ORDER BY w.member_id, w.year", [today.year + 1]):
        by_member.setdefault(r["member_id"], []).append(r)
    for rows in by_member.values():
        latest = rows[-1]
        h = households.get(latest["household_id"])
        if h is None or latest["labour"] in ("none", "lost"):
            continue
        if not duties.work_stable(latest["months_outside"], policy):
            out.append(finding("work.unstable", h, "work_years",
                               f"{latest['name']} {latest['year']}年务工 {latest['months_outside']} 个月"
                               f"（稳定就业须 {policy.stable_work_months} 个月以上）", ("work_years", latest["id"])))
        if len(rows) > 1 and rows[-2]["year"] == latest["year"] - 1 and latest["months_outside"] < rows[-2]["months_outside"]:
            out.append(finding("work.falling", h, "work_years",
                               f"{latest['name']} 务工月数 {rows[-2]['year']}年 {rows[-2]['months_outside']} → "
                               f"{latest['year']}年 {latest['months_outside']}", ("work_years", latest["id"])))
    return out


def _pairing(store: Store, households: dict, today: date) -> list[Finding]:
    """Last month's home visits of each monitored household whose risk is not eliminated, against
    the cadre paired with it then; and a cadre named on the file without a pairing record."""
    out = []
    first = add_months(today.replace(day=1), -1)
    last = today.replace(day=1) - timedelta(days=1)
    pairings: dict[str, list] = {}
    for r in store.query("SELECT household_id, cadre, start_date, end_date FROM pairings WHERE deleted = 0"
                         " ORDER BY start_date"):
        pairings.setdefault(r["household_id"], []).append(r)
    visitors: dict[str, set] = {}
    for hid, visitor in store.conn.execute(
            "SELECT household_id, visitor FROM visits v WHERE deleted = 0 AND mode = 'home' AND visit_date BETWEEN ? AND ?"
            " AND NOT EXISTS (SELECT 1 FROM visits n WHERE n.supersedes = v.id AND n.deleted = 0)",
            [first.isoformat(), last.isoformat()]):
        visitors.setdefault(hid, set()).add(visitor)
    from .pairing import cadre_on
    categories, risks = duty_state.category_history(store), duty_state.risk_history(store)
    for hid, h in households.items():
        if h["category"] == "monitored" and h["pairing_cadre"] and hid not in pairings:
            out.append(finding("pairing.no_history", h, "pairing_cadre",
                               f"帮扶责任人 {h['pairing_cadre']} 没有结对记录（开始日期、更换原因）"))
        # Judged on last month as it stood: monitored then, its risk not eliminated by its end.
        if not duty_state.at_risk_on(categories, risks, {**h, "id": hid}, last):
            continue
        cadre = cadre_on(pairings.get(hid, []), last.isoformat())
        if cadre and cadre not in visitors.get(hid, set()):
            seen = "、".join(sorted(visitors.get(hid, ()))) or "无人入户"
            out.append(finding("pairing.visit_not_by_cadre", h, "visits",
                               f"{first.year}年{first.month}月 帮扶责任人 {cadre} 未入户（入户：{seen}）"))
    return out
