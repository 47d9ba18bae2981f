"""The duties in the demo village (app/core/duties.py): each of them once or more, through the
services like a team's own entries — pairing cadres with a history (one change with its reason),
risk clues from each source (one overdue), this half-year's screening campaign and the last one,
medical costs above and below the line, months of work (some short or falling), micro-credit loans
in every state and the year's plan. The same seed gives the same records."""
from __future__ import annotations

import random
from datetime import date, timedelta

from app.core.monitoring import add_months
from app.services import clues, credit, livelihood, pairing, plan, screening
from app.storage.store import Store


def seed_duties(store: Store, seed: int, today: date, team: list[str]) -> dict:
    rnd = random.Random(f"duties-{seed}")
    rows = store.query("SELECT id, category, pairing_cadre, risk_eliminated, monitoring_since FROM households"
                       " WHERE deleted = 0 ORDER BY group_name, number")
    if not rows:
        return {}
    out = {"pairings": 0, "clues": 0, "screenings": 0, "loans": 0}
    with store.transaction():
        # Pairing cadres as people with a history; one was replaced, with the reason.
        for h in rows:
            if h["pairing_cadre"]:
                since = (h["monitoring_since"] + "-01") if h["monitoring_since"] else add_months(today, -18).isoformat()
                pairing.assign(store, h["id"], h["pairing_cadre"], min(since, today.isoformat()), today=today)
                out["pairings"] += 1
        changed_on = add_months(today, -2).isoformat()
        paired = [h for h in rows if h["pairing_cadre"] and (h["monitoring_since"] or "") + "-01" < changed_on]
        if paired and len(team) > 1:
            h = paired[0]
            other = next(t for t in team if t != h["pairing_cadre"])
            pairing.assign(store, h["id"], other, changed_on, reason="原帮扶责任人调离本镇",
                           today=today)
        # Clues from each source: a self-report and a department's warning still open (the warning late).
        pick = rnd.sample(rows, min(4, len(rows)))
        specs = [("self_report", None, 3, "农户自主申报：家中老人突发重病住院", ["illness"]),
                 ("department", "medical_insurance", 25, "医保部门预警：年度住院自付费用较高", ["illness"]),
                 ("department", "human_resources", 9, "人社部门预警：务工人员失业登记", ["unstable_work"]),
                 ("visit", None, 40, "走访发现：房屋墙体开裂", ["housing"])]
        for h, (source, dept, days, text, risks) in zip(pick, specs):
            c = clues.add_clue(store, h["id"], source, today - timedelta(days=days), text, department=dept,
                               risk_types=risks, today=today)
            out["clues"] += 1
            if source == "visit":
                clues.handle_clue(store, c["id"], "no_risk", today - timedelta(days=35),
                                  "住建部门鉴定为C级以下轻微裂缝，已自行修补", today=today)
        # Screening: last half-year's campaign (one household missed) and this half-year's, under way.
        half = date(today.year, 1 if today.month <= 6 else 7, 1)
        last = screening.add_campaign(store, f"{add_months(half, -6).year}年{'上' if half.month == 7 else '下'}半年全覆盖排查",
                                      add_months(half, -6), half - timedelta(days=1))
        now = screening.add_campaign(store, f"{half.year}年{'上' if half.month == 1 else '下'}半年全覆盖排查",
                                     half, add_months(half, 6) - timedelta(days=1))
        people = team or ["驻村工作队"]
        for i, h in enumerate(rows):
            if i != len(rows) // 2:
                screening.record_screening(store, last["id"], h["id"], add_months(half, -6) + timedelta(days=10 + i % 60),
                                           "收入稳定，“三保障”和饮水安全无问题", screener=people[i % len(people)], today=today)
                out["screenings"] += 1
            if i % 3 == 0 and half + timedelta(days=i % 20) <= today:
                at_risk = i == 0
                screening.record_screening(store, now["id"], h["id"], half + timedelta(days=i % 20),
                                           "户主务工受伤停工，收入骤减" if at_risk else "无新增风险",
                                           at_risk=at_risk, risk_types=["accident"] if at_risk else None,
                                           screener=people[i % len(people)], today=today)
                out["screenings"] += 1
        # Medical costs: one household above 25 % of last year's disposable income, one below.
        if len(rows) > 5:
            livelihood.add_medical_cost(store, rows[5]["id"], today.year - 1, "8600", note="住院，三重保障后自付",
                                        today=today)
            livelihood.add_medical_cost(store, rows[4]["id"], today.year - 1, "1200", today=today)
        # Months of work outside the county for labourers of a few households.
        for m in store.query("SELECT id FROM members WHERE deleted = 0 AND labour IN ('ordinary', 'skilled')"
                             " ORDER BY household_id, birth_date LIMIT 12"):
            before = rnd.randint(5, 12)
            livelihood.set_work_months(store, m["id"], today.year - 2, before, "广东", today=today)
            livelihood.set_work_months(store, m["id"], today.year - 1, max(0, before - rnd.choice((0, 0, 1, 4))),
                                       "广东", today=today)
        # Micro-credit loans in every state.
        lifted = [h for h in rows if h["category"] in ("lifted", "monitored")][:5]
        starts = [(add_months(today, -12), 36), (add_months(today, -36), 36), (add_months(today, -37), 36),
                  (add_months(today, -30), 24), (add_months(today, -20), 12)]
        loans = []
        for h, (start, term), purpose in zip(lifted, starts, ("养牛", "种植茶叶", "养殖生猪", "开办农家乐", "购置农机")):
            loans.append(credit.add_loan(store, h["id"], rnd.choice(("30000", "50000")), start, term, purpose,
                                         today=today))
            out["loans"] += 1
        if len(loans) > 3:
            credit.extend_loan(store, loans[3]["id"], add_months(today, 10).isoformat(), "受灾减产，申请展期一年")
        if len(loans) > 4:
            credit.repay_loan(store, loans[4]["id"], today - timedelta(days=30), today=today)
        # The year's plan, tracked: some items done, one overdue.
        p = plan.add_plan(store, today.year)
        items = [("开展上半年全覆盖排查", f"{today.year}-06-30", True), ("监测户帮扶计划逐户落实", f"{today.year}-03-31", True),
                 ("小额信贷到期户续贷展期", f"{today.year}-{max(1, today.month - 1):02d}-15", False),
                 ("开展下半年全覆盖排查", f"{today.year}-12-31", False), ("稳岗就业培训两期", f"{today.year}-11-30", False)]
        for i, (text, deadline, done) in enumerate(items):
            item = plan.add_item(store, p["id"], text, people[i % len(people)], deadline)
            if done and deadline <= today.isoformat():
                plan.complete_item(store, item["id"], deadline, today=today)
    return out
