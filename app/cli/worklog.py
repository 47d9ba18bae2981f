"""`zhucun prompt …`, `attendance …`, `problem …`: the team's month — work prompts (驻村工作提示),
days in the village (在村天数), problem lists (问题清单)."""
from __future__ import annotations

from app.cli.runtime import Commands, emit, emit_checklist, emit_table, open_store, today


def cmd_prompt_add(args):
    from app.services import worklog
    tasks = []
    for spec in args.task or []:
        title, _, due_date = spec.partition("@")
        tasks.append({"title": title, "due_date": due_date or None})
    with open_store(args) as store:
        prompt = worklog.add_prompt(store, args.month, args.title, tasks, args.issued_by)
    emit(args, prompt, f"已添加工作提示 (prompt added): {prompt['title']}, {len(prompt['tasks'])} 项任务")


def cmd_prompt_list(args):
    from app.services import worklog
    with open_store(args) as store:
        prompts = worklog.prompts_for_month(store, args.month, today(args))
    emit_checklist(args, prompts, lambda p: f"{p['title']}  ({p['done']}/{len(p['tasks'])} 已完成)",
                   lambda t: f"{t['title']}  截止 {t['due_date'] or '-'}"
                             f"{'  完成 ' + t['done_on'] if t['done_on'] else ''}  id={t['id']}",
                   "本月没有工作提示 (no prompt this month)", key="tasks")


def cmd_prompt_done(args):
    from app.services import worklog
    with open_store(args) as store:
        task = worklog.complete_task(store, args.task_id, args.date, args.note)
    emit(args, task, f"已完成 (done): {task['title']} {task['done_on']}")


def cmd_attendance_set(args):
    from app.services import worklog
    with open_store(args) as store:
        record = worklog.set_attendance(store, args.person or store.user["name"], args.month, args.days, args.note)
    emit(args, record, f"{record['person']} {record['month']}: {record['days']} 天")


def cmd_attendance_list(args):
    from app.services import worklog
    with open_store(args) as store:
        rows = worklog.attendance_for_month(store, args.month)
    for r in rows:
        r["flag"] = "不足20天" if r["short"] else ""
    emit_table(args, rows, [("person", "队员"), ("days", "在村天数"), ("flag", ""), ("note", "备注")])


def cmd_problem_list_add(args):
    from app.services import worklog
    with open_store(args) as store:
        plist = worklog.add_problem_list(store, args.title, source=args.source)
    emit(args, plist, f"已建立问题清单 (list added): {plist['title']}  id={plist['id']}")


def cmd_problem_add(args):
    from app.services import households, worklog
    with open_store(args) as store:
        hid = households.get_household(store, args.household)["id"] if args.household else None
        item = worklog.add_problem(store, args.list, {"description": args.description, "household_id": hid,
                                                      "measure": args.measure, "responsible": args.responsible,
                                                      "deadline": args.deadline})
    emit(args, item, f"已添加问题 (problem added): id={item['id']}")


def cmd_problem_close(args):
    from app.services import worklog
    with open_store(args) as store:
        item = worklog.close_problem(store, args.id, args.note, args.date)
    emit(args, item, f"已销号 (closed): {item['description']}")


def cmd_problems(args):
    from app.services import worklog
    with open_store(args) as store:
        lists = worklog.problem_lists(store, open_only=args.open, today=today(args))
    def item(i):
        duty = "  ".join(x for x in (f"措施 {i['measure']}" if i["measure"] else "",
                                     f"责任人 {i['responsible']}" if i["responsible"] else "",
                                     f"时限 {i['deadline']}" if i["deadline"] else "") if x)
        return f"{i['description']}  {duty}  id={i['id']}"
    emit_checklist(args, lists, lambda pl: f"{pl['title']}  (未销号 {pl['open']}/{len(pl['items'])}，逾期 {pl['overdue']})"
                                           f"  id={pl['id']}", item, "没有问题清单 (no problem lists)")


def register(commands: Commands) -> None:
    add = commands.add
    g = commands.group("prompt", "monthly work prompts (驻村工作提示)")
    p = add("add", cmd_prompt_add, "add a month's prompt", g)
    p.add_argument("--month", required=True)
    p.add_argument("--title")
    p.add_argument("--issued-by")
    p.add_argument("--task", action="append", metavar="TITLE[@YYYY-MM-DD]")
    p = add("list", cmd_prompt_list, "a month's prompts and tasks", g)
    p.add_argument("--month", required=True)
    p.add_argument("--today")
    p = add("done", cmd_prompt_done, "complete a task", g)
    p.add_argument("task_id")
    p.add_argument("--date")
    p.add_argument("--note")

    g = commands.group("attendance", "days in the village (在村天数)")
    p = add("set", cmd_attendance_set, "set a member's days for a month", g)
    p.add_argument("--person")
    p.add_argument("--month", required=True)
    p.add_argument("--days", required=True)
    p.add_argument("--note")
    p = add("list", cmd_attendance_list, "a month's attendance", g)
    p.add_argument("--month", required=True)

    g = commands.group("problem", "problem lists (问题清单), closed item by item")
    p = add("new-list", cmd_problem_list_add, "start a problem list", g)
    p.add_argument("--title", required=True)
    p.add_argument("--source", default="team")
    p = add("add", cmd_problem_add, "add a problem to a list", g)
    p.add_argument("--list", required=True)
    p.add_argument("--description", required=True)
    p.add_argument("--household")
    p.add_argument("--measure", help="整改措施")
    p.add_argument("--responsible", help="责任人")
    p.add_argument("--deadline", help="整改时限 YYYY-MM-DD")
    p = add("close", cmd_problem_close, "close (销号) a problem", g)
    p.add_argument("id")
    p.add_argument("--note", required=True)
    p.add_argument("--date")
    p = add("list", cmd_problems, "problem lists", g)
    p.add_argument("--open", action="store_true")
    p.add_argument("--today")
