"""`zhucun clue …`, `screening …`, `medical …`, `work …`, `loan …`, `pairing …`, `plan …`: the
duties the policy documents require beyond the case (app/core/duties.py): risk clues and
department warnings, the half-yearly screening, large medical costs, months of work, micro-credit,
the pairing cadre's history and the team's yearly plan."""
from __future__ import annotations

from app.cli.runtime import Commands, emit, emit_checklist, emit_table, open_store, today
from app.core import duties


def _household(store, ref: str) -> str:
    from app.services import households
    return households.get_household(store, ref)["id"]


# -- clues ---------------------------------------------------------------------------------------
def cmd_clue_add(args):
    from app.services import clues
    with open_store(args) as store:
        if args.id_number:
            clue = clues.add_warning(store, args.id_number, args.department, args.date, args.description,
                                     args.risks, today=today(args))
        else:
            clue = clues.add_clue(store, _household(store, args.household), args.source, args.date, args.description,
                                  department=args.department, risk_types=args.risks, today=today(args))
    emit(args, clue, f"已登记风险线索 (clue recorded): 核实期限 {clue['deadline']}  id={clue['id']}")


def cmd_clue_handle(args):
    from app.services import clues
    with open_store(args) as store:
        clue = clues.handle_clue(store, args.id, args.outcome, args.date, args.note, args.case, today=today(args))
    emit(args, clue, f"已处理 (handled): {duties.CLUE_OUTCOMES[clue['outcome']][0]}"
                     f"{'  case=' + clue['case_id'] if clue['case_id'] else ''}")


def cmd_clue_list(args):
    from app.services import clues
    with open_store(args) as store:
        hid = _household(store, args.household) if args.household else None
        rows = clues.list_clues(store, open_only=args.open, household_id=hid, today=today(args))
    emit_table(args, rows, [("head_name", "户主"), ("source", "来源"), ("found_on", "发现"), ("deadline", "核实期限"),
                            ("status", "状态"), ("description", "线索"), ("id", "id")],
               lambda r: {**r, "source": duties.CLUE_SOURCES[r["source"]][0]
                          + (f"·{duties.DEPARTMENTS[r['department']][0]}" if r["department"] else ""),
                          "status": duties.CLUE_STATUS[r["status"]]})


# -- screening -----------------------------------------------------------------------------------
def cmd_screening_new(args):
    from app.services import screening
    groups = [g for g in (args.groups or "").replace("，", ",").split(",") if g.strip()]
    with open_store(args) as store:
        c = screening.add_campaign(store, args.title, args.start, args.end, groups, args.note)
    emit(args, c, f"已建立排查 (campaign added): {c['title']} {c['start_date']}–{c['end_date']}  id={c['id']}")


def cmd_screening_record(args):
    from app.services import screening
    with open_store(args) as store:
        r = screening.record_screening(store, args.campaign, _household(store, args.household), args.date,
                                       args.findings, args.at_risk, args.risks, args.screener, today=today(args))
    emit(args, r, f"已记录排查 (screened){'，已转为风险线索 (clue opened)' if r['clue_id'] else ''}  id={r['id']}")


def cmd_screening_show(args):
    from app.services import screening
    with open_store(args) as store:
        p = screening.campaign_progress(store, args.campaign)
    lines = [f"{p['title']}  {p['start_date']}–{p['end_date']}  已排查 {len(p['screened'])}/{p['households']}"
             f"  发现风险 {p['at_risk']}"]
    lines += ["未排查 (not yet screened):"] + [f"  {h['group_name'] or ''} {h['head_name']} {h['number'] or ''}"
                                               for h in p["not_screened"]]
    emit(args, p, "\n".join(lines))


def cmd_screening_list(args):
    from app.services import screening
    with open_store(args) as store:
        rows = screening.campaigns(store)
    rows = [{**{k: v for k, v in r.items() if k != "not_screened"}, "screened": len(r["screened"])} for r in rows]
    emit_table(args, rows, [("title", "排查"), ("start_date", "开始"), ("end_date", "结束"), ("progress", "已排查"),
                            ("at_risk", "发现风险"), ("id", "id")],
               lambda r: {**r, "progress": f"{r['screened']}/{r['households']}"})


# -- medical costs and work ----------------------------------------------------------------------
def cmd_medical_add(args):
    from app.services import livelihood
    with open_store(args) as store:
        r = livelihood.add_medical_cost(store, _household(store, args.household), args.year, args.amount,
                                        args.member, args.note, today=today(args))
    above = r["clue"] is not None
    emit(args, r, f"已记录自付医疗费用 (recorded){'，超过标准，已登记风险线索 (above the line: clue opened)' if above else ''}")


def cmd_work_set(args):
    from app.services import livelihood
    with open_store(args) as store:
        r = livelihood.set_work_months(store, args.member, args.year, args.months, args.place, args.note, today(args))
    emit(args, r, f"{r['year']} 年务工 {r['months_outside']} 个月 (months worked)")


def cmd_work_list(args):
    from app.services import livelihood
    with open_store(args) as store:
        rows = livelihood.work_history(store, _household(store, args.household) if args.household else None)
    emit_table(args, rows, [("name", "成员"), ("year", "年度"), ("months_outside", "务工月数"), ("place", "地点")])


# -- loans ---------------------------------------------------------------------------------------
def cmd_loan_add(args):
    from app.services import credit
    with open_store(args) as store:
        r = credit.add_loan(store, _household(store, args.household), args.amount, args.start, args.term,
                            args.purpose, args.borrower, args.note, today(args))
    emit(args, r, f"已登记小额信贷 (loan recorded)  id={r['id']}")


def cmd_loan_extend(args):
    from app.services import credit
    with open_store(args) as store:
        r = credit.extend_loan(store, args.id, args.until, args.reason)
    emit(args, r, f"已展期至 (extended to) {r['extended_to']}")


def cmd_loan_repay(args):
    from app.services import credit
    with open_store(args) as store:
        r = credit.repay_loan(store, args.id, args.date, today(args))
    emit(args, r, f"已还清 (repaid) {r['repaid_on']}")


def cmd_loan_overdue(args):
    from app.services import credit
    with open_store(args) as store:
        r = credit.mark_overdue(store, args.id)
    emit(args, r, "已标记逾期 (marked overdue)")


def cmd_loan_list(args):
    from app.services import credit
    with open_store(args) as store:
        rows = credit.list_loans(store, _household(store, args.household) if args.household else None, today(args))
    emit_table(args, rows, [("head_name", "户主"), ("amount", "金额(元)"), ("purpose", "用途"), ("start_date", "放贷"),
                            ("end_date", "到期"), ("status", "状态"), ("id", "id")],
               lambda r: {**r, "amount": f"{r['amount_fen'] / 100:.0f}", "status": duties.LOAN_STATUS[r["status"]]})


# -- pairing -------------------------------------------------------------------------------------
def cmd_pairing_set(args):
    from app.services import pairing
    with open_store(args) as store:
        r = pairing.assign(store, _household(store, args.household), args.cadre, args.date, args.reason,
                           args.phone, today(args))
    emit(args, r, f"帮扶责任人 (pairing cadre): {r['cadre']} 自 {r['start_date']}")


def cmd_pairing_history(args):
    from app.services import pairing
    with open_store(args) as store:
        rows = pairing.history(store, _household(store, args.household))
    emit_table(args, rows, [("cadre", "帮扶责任人"), ("start_date", "开始"), ("end_date", "结束"), ("reason", "更换原因")])


# -- plan ----------------------------------------------------------------------------------------
def cmd_plan_new(args):
    from app.services import plan
    with open_store(args) as store:
        p = plan.add_plan(store, args.year, args.title, args.note)
    emit(args, p, f"已建立年度计划 (plan added): {p['title']}  id={p['id']}")


def cmd_plan_add(args):
    from app.services import plan
    with open_store(args) as store:
        i = plan.add_item(store, args.plan, args.description, args.responsible, args.deadline)
    emit(args, i, f"已添加计划事项 (item added)  id={i['id']}")


def cmd_plan_done(args):
    from app.services import plan
    with open_store(args) as store:
        i = plan.complete_item(store, args.id, args.date, args.note, today(args))
    emit(args, i, f"已完成 (done) {i['done_on']}")


def cmd_plan_list(args):
    from app.services import plan
    with open_store(args) as store:
        rows = plan.plans(store, args.year, today(args))
    emit_checklist(args, rows, lambda p: f"{p['title']}  (完成 {p['done']}/{len(p['items'])}，逾期 {p['overdue']})"
                                         f"  id={p['id']}",
                   lambda i: f"{i['description']}  责任人 {i['responsible'] or '-'}  时限 {i['deadline'] or '-'}"
                             f"  id={i['id']}", "没有年度计划 (no plan)")


def register(commands: Commands) -> None:
    add = commands.add
    sources = ", ".join(f"{c} ({zh})" for c, (zh, _) in duties.CLUE_SOURCES.items())
    depts = ", ".join(f"{c} ({zh})" for c, (zh, _) in duties.DEPARTMENTS.items())
    g = commands.group("clue", "risk clues (风险线索) with their source and verification deadline")
    p = add("add", cmd_clue_add, "record a clue (or a department's warning by --id-number)", g)
    p.add_argument("--household", help="household id or number (or --id-number for a department's warning)")
    p.add_argument("--id-number", help="a department's warning about this person (部门预警)")
    p.add_argument("--source", default="visit", help=sources)
    p.add_argument("--department", help=depts)
    p.add_argument("--date", required=True, help="found on")
    p.add_argument("--description", required=True)
    p.add_argument("--risks", help="risk types, comma-separated")
    p.add_argument("--today")
    p = add("handle", cmd_clue_handle, "close a clue: case (open the procedure), no_risk, existing", g)
    p.add_argument("id")
    p.add_argument("--outcome", required=True, help="case | no_risk | existing")
    p.add_argument("--date")
    p.add_argument("--note")
    p.add_argument("--case", help="link an existing case instead of opening one")
    p.add_argument("--today")
    p = add("list", cmd_clue_list, "clues, open first", g)
    p.add_argument("--open", action="store_true")
    p.add_argument("--household")
    p.add_argument("--today")

    g = commands.group("screening", "the half-yearly full-coverage screening (全覆盖排查)")
    p = add("new", cmd_screening_new, "a campaign with its period and scope", g)
    p.add_argument("--title", required=True)
    p.add_argument("--start", required=True)
    p.add_argument("--end", required=True)
    p.add_argument("--groups", help="only these groups, comma-separated (default: the whole village)")
    p.add_argument("--note")
    p = add("record", cmd_screening_record, "a household's screening record", g)
    p.add_argument("--campaign", required=True)
    p.add_argument("--household", required=True)
    p.add_argument("--date", required=True)
    p.add_argument("--findings", required=True)
    p.add_argument("--at-risk", action="store_true", help="found at risk: a clue is opened")
    p.add_argument("--risks")
    p.add_argument("--screener")
    p.add_argument("--today")
    p = add("show", cmd_screening_show, "screened and not yet screened households", g)
    p.add_argument("campaign")
    add("list", cmd_screening_list, "campaigns and their progress", g)

    g = commands.group("medical", "out-of-pocket medical costs per year (大额医疗支出)")
    p = add("add", cmd_medical_add, "record a year's costs after the three insurances, in yuan", g)
    p.add_argument("--household", required=True)
    p.add_argument("--year", required=True)
    p.add_argument("--amount", required=True, help="yuan")
    p.add_argument("--member")
    p.add_argument("--note")
    p.add_argument("--today")

    g = commands.group("work", "months worked outside the county per year (务工稳定性)")
    p = add("set", cmd_work_set, "a member's months of work in a year", g)
    p.add_argument("--member", required=True)
    p.add_argument("--year", required=True)
    p.add_argument("--months", required=True)
    p.add_argument("--place")
    p.add_argument("--note")
    p.add_argument("--today")
    p = add("list", cmd_work_list, "months of work by member and year", g)
    p.add_argument("--household")

    g = commands.group("loan", "micro-credit loans (小额信贷)")
    p = add("add", cmd_loan_add, "record a loan", g)
    p.add_argument("--household", required=True)
    p.add_argument("--amount", required=True, help="yuan")
    p.add_argument("--start", required=True)
    p.add_argument("--term", required=True, help="months")
    p.add_argument("--purpose", required=True)
    p.add_argument("--borrower")
    p.add_argument("--note")
    p.add_argument("--today")
    p = add("extend", cmd_loan_extend, "renew or extend (续贷/展期) to a new end, with the reason", g)
    p.add_argument("id")
    p.add_argument("--until", required=True)
    p.add_argument("--reason", required=True)
    p = add("repay", cmd_loan_repay, "the loan is repaid", g)
    p.add_argument("id")
    p.add_argument("--date")
    p.add_argument("--today")
    p = add("overdue", cmd_loan_overdue, "the bank reports the loan overdue", g)
    p.add_argument("id")
    p = add("list", cmd_loan_list, "loans with their end and state", g)
    p.add_argument("--household")
    p.add_argument("--today")

    g = commands.group("pairing", "the pairing cadre (结对帮扶责任人) and its history")
    p = add("set", cmd_pairing_set, "pair a household with a cadre; a change needs --reason", g)
    p.add_argument("--household", required=True)
    p.add_argument("--cadre", required=True)
    p.add_argument("--date")
    p.add_argument("--reason")
    p.add_argument("--phone")
    p.add_argument("--today")
    p = add("history", cmd_pairing_history, "a household's cadres over time", g)
    p.add_argument("--household", required=True)

    g = commands.group("plan", "the team's yearly plan (年度计划)")
    p = add("new", cmd_plan_new, "a year's plan", g)
    p.add_argument("--year", required=True)
    p.add_argument("--title")
    p.add_argument("--note")
    p = add("add", cmd_plan_add, "an item with its person responsible and deadline", g)
    p.add_argument("--plan", required=True)
    p.add_argument("--description", required=True)
    p.add_argument("--responsible")
    p.add_argument("--deadline")
    p = add("done", cmd_plan_done, "an item is done", g)
    p.add_argument("id")
    p.add_argument("--date")
    p.add_argument("--note")
    p.add_argument("--today")
    p = add("list", cmd_plan_list, "plans with their items", g)
    p.add_argument("--year")
    p.add_argument("--today")
