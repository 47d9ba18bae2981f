"""`zhucun case …`: monitoring cases (监测帮扶), one command per step of the procedure."""
from __future__ import annotations

from app.cli.runtime import Commands, emit, open_store, sets, table, today
from app.core.enums import CaseState
from app.core.words import zh

STEPS = {"clue": "open a case from a risk clue (target: household)", "check": "household check (入户核查)",
         "village_review": "village democratic review (村级民主评议)",
         "notice": "village public notice posted (村内公示, at least 5 days)",
         "township_review": "township review (乡镇审核)",
         "identify": "identified as 监测对象 (county decision)", "reject": "checked, not included",
         "plan": "help plan with measures", "measure": "add a measure", "eliminate": "risk eliminated",
         "followup": "quarterly look-back (回头看)", "revert": "back to monitoring on new risk",
         "stable": "stable after the year of follow-ups"}
STEP_OPTS = ("risks", "measures", "category", "source", "note", "method", "result", "reason")


def cmd_case(args):
    from app.services import cases, households
    with open_store(args) as store:
        by = args.by or store.user["name"]
        data = _case_data(args)
        if args.step == "clue":
            hid = households.get_household(store, args.target)["id"]
            result = cases.open_case(store, hid, args.date, by, data, today=today(args))
        else:
            result = cases.record_step(store, args.target, args.step, args.date, by, data, today=today(args))
    emit(args, result, cases.render_text(result))


def _case_data(args) -> dict:
    data = sets(args.set)
    for key in STEP_OPTS:
        value = getattr(args, key, None)
        if value is not None:
            data[{"risks": "risk_types", "category": "monitoring_category"}.get(key, key)] = value
    for key in ("risk_types", "measures"):
        if isinstance(data.get(key), str):
            data[key] = [v for v in data[key].replace("，", ",").replace("、", ",").split(",") if v.strip()]
    return data


def cmd_case_show(args):
    from app.services import cases
    with open_store(args) as store:
        result = cases.case_view(store, args.id, today(args))
    emit(args, result, cases.render_text(result))


def cmd_case_list(args):
    from app.services import cases
    with open_store(args) as store:
        rows = cases.list_cases(store, args.state, today(args))
    shown = [{**r, "state": zh(CaseState, r["state"])} for r in rows]
    emit(args, rows, table(shown, [("head_name", "户主"), ("state", "状态"), ("clue_date", "线索"),
                                   ("identified_date", "识别"), ("overdue", "逾期"), ("id", "id")]))


def register(commands: Commands) -> None:
    add = commands.add
    g = commands.group("case", "monitoring cases (监测帮扶)")
    for step, text in STEPS.items():
        p = add(step, cmd_case, text, g)
        p.set_defaults(step=step)
        p.add_argument("target", help="household id/number for clue, else case id")
        p.add_argument("--date", required=True)
        p.add_argument("--by", help="person (default: you)")
        p.add_argument("--today")
        for opt in STEP_OPTS:
            p.add_argument("--" + opt)
        p.add_argument("--set", action="append", metavar="FIELD=VALUE")
    p = add("show", cmd_case_show, "a case with its steps and deadlines", g)
    p.add_argument("id")
    p.add_argument("--today")
    p = add("list", cmd_case_list, "cases", g)
    p.add_argument("--state")
    p.add_argument("--today")
