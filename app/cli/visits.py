"""`zhucun visit …` and `income …`: visits (走访) and income assessments (收入)."""
from __future__ import annotations

from app.cli.runtime import Commands, emit, open_store, table


def cmd_visit_add(args):
    from app.services import households, visits
    with open_store(args) as store:
        hid = households.get_household(store, args.household)["id"]
        data = {"visit_date": args.date, "mode": args.mode, "findings": args.note, "met_person": args.met,
                "risks_seen": args.risks, "followups": args.followups}
        if args.visitor:
            data["visitor"] = args.visitor
        record = visits.add_visit(store, hid, data)
    emit(args, record, f"已记录走访 (visit saved): {record['visit_date']} {record['mode']}  id={record['id']}")


def cmd_visit_correct(args):
    from app.services import visits
    with open_store(args) as store:
        data = {k: v for k, v in {"visit_date": args.date, "mode": args.mode, "findings": args.note,
                                  "met_person": args.met, "risks_seen": args.risks,
                                  "followups": args.followups}.items() if v is not None}
        record = visits.correct_visit(store, args.id, data, args.reason)
    emit(args, record, f"已更正 (correction saved): id={record['id']} supersedes {args.id}")


def cmd_visit_list(args):
    from app.services import households, visits
    with open_store(args) as store:
        rows = visits.list_visits(store, households.get_household(store, args.household)["id"])
    emit(args, rows, table(rows, [("visit_date", "日期"), ("mode", "方式"), ("visitor", "走访人"),
                                  ("met_person", "见到"), ("findings", "情况"), ("id", "id")]))


INCOME_ITEMS = ["wage", "welfare_post", "business", "property", "dividend", "pension", "family_planning",
                "eco_compensation", "dibao", "tekun", "other_transfer", "business_expense"]


def cmd_income_add(args):
    from app.core.income import format_yuan, parse_yuan
    from app.services import households, incomes
    items = {k: parse_yuan(getattr(args, k), k) for k in INCOME_ITEMS if getattr(args, k) is not None}
    with open_store(args) as store:
        hid = households.get_household(store, args.household)["id"]
        record = incomes.add_income(store, hid, args.date, items, args.size, args.note)
    c = record["comparison"]
    text = (f"家庭纯收入 (net): {format_yuan(record['net_fen'])}  人均 (per capita): {format_yuan(c['per_capita_fen'])}"
            f"  基准线 (baseline): {format_yuan(c['baseline_fen'])}  {'低于基准线 BELOW' if c['below'] else '高于基准线'}")
    emit(args, record, "\n".join([text, f"  基准线{record['baseline_source_zh']}"] + record["warnings"]))


def cmd_income_list(args):
    from app.services import households, incomes
    with open_store(args) as store:
        rows = incomes.list_incomes(store, households.get_household(store, args.household)["id"])
    emit(args, rows)


def register(commands: Commands) -> None:
    add = commands.add
    g = commands.group("visit", "visits (走访)")
    p = add("add", cmd_visit_add, "record a visit", g)
    p.add_argument("--household", required=True)
    p.add_argument("--date", required=True)
    p.add_argument("--mode", required=True, help="home|phone|wechat")
    p.add_argument("--note", required=True, help="what was found")
    p2 = add("correct", cmd_visit_correct, "record a correction that supersedes a visit", g)
    p2.add_argument("id")
    p2.add_argument("--reason", required=True)
    p2.add_argument("--date")
    p2.add_argument("--mode")
    p2.add_argument("--note")
    for q in (p, p2):
        q.add_argument("--met", help="who was met")
        q.add_argument("--risks", help="risk types seen, comma separated")
        q.add_argument("--followups")
    p.add_argument("--visitor")
    p = add("list", cmd_visit_list, "a household's visits", g)
    p.add_argument("--household", required=True)

    g = commands.group("income", "income assessments (收入)")
    p = add("add", cmd_income_add, "record an income assessment (amounts in yuan)", g)
    p.add_argument("--household", required=True)
    p.add_argument("--date", required=True)
    p.add_argument("--size", help="household size (default: members)")
    p.add_argument("--note")
    for item in INCOME_ITEMS:
        p.add_argument("--" + item.replace("_", "-"), dest=item, metavar="YUAN")
    p = add("list", cmd_income_list, "a household's assessments", g)
    p.add_argument("--household", required=True)
