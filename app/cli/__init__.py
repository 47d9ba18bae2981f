"""The command line: every operation of the application, scriptable, JSON out with --json.

Exit status: 0 ok, 2 refused (wrong passphrase, no store, store busy), 3 invalid input (the
message names the field and the rule).
"""
from __future__ import annotations

import argparse
import getpass
import json
import sys
from datetime import date
from pathlib import Path

from app.core import clock
from app.core.enums import Role
from app.core.errors import AccessDenied, NotFound, StateError, ValidationError, ZhucunError
from app.exitcodes import EXIT_INVALID, EXIT_OK, EXIT_REFUSED  # noqa: F401 - re-exported


def default_data_dir() -> Path:
    from app.storage.location import default_data_dir as where  # %APPDATA%\Zhucun on Windows
    return where()


# -- passphrases -----------------------------------------------------------
class Secrets:
    """Passphrases come from the terminal, or one per line on standard input."""

    def __init__(self, from_stdin: bool):
        self.from_stdin = from_stdin

    def ask(self, prompt: str, confirm: bool = False) -> str:
        if self.from_stdin:
            line = sys.stdin.readline()
            if not line:
                raise AccessDenied(f"no passphrase on standard input ({prompt.strip(': ')})")
            return line.rstrip("\r\n")
        value = getpass.getpass(prompt)
        if confirm and getpass.getpass("再输入一次 (again): ") != value:
            raise ValidationError("passphrase", "both entries match", "passphrase: 两次输入不一致 (entries differ)")
        return value


# -- output ----------------------------------------------------------------
def emit(args, data, text: str | None = None) -> None:
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=1, default=str))
    elif text is not None:
        print(text)
    else:
        print(json.dumps(data, ensure_ascii=False, indent=1, default=str))


def _open(args):
    from app.storage.store import Store
    store = Store.open(args.data, Secrets(args.passphrase_stdin).ask("密码 (passphrase): "), args.user)
    return store


def _today(args) -> date:
    return date.fromisoformat(args.today) if getattr(args, "today", None) else clock.today()


def _sets(pairs: list[str] | None) -> dict:
    out = {}
    for pair in pairs or []:
        if "=" not in pair:
            raise ValidationError("--set", "FIELD=VALUE", f"--set: '{pair}' 应为 字段=值 (expected FIELD=VALUE)")
        key, value = pair.split("=", 1)
        out[key.strip().replace("-", "_")] = value
    return out


def _given(args, names: list[str]) -> dict:
    return {n: getattr(args, n) for n in names if getattr(args, n, None) is not None}


# -- commands: store and users ---------------------------------------------
def cmd_init(args):
    from app.storage.store import Store
    if not args.user:
        raise ValidationError("--user", "required", "--user: 请给出用户名 (give the user's name)")
    secrets = Secrets(args.passphrase_stdin)
    store, code = Store.create(args.data, args.user, secrets.ask("设置密码 (new passphrase): ", confirm=True),
                               Role.parse(args.role, "--role"))
    with store:
        out = {"user_id": store.user_id, "device_id": store.device_id, "store_id": store.store_id,
               "recovery_code": code, "data": str(args.data)}
    emit(args, out, f"已建立数据库 (store created) in {args.data}\n用户 (user): {args.user}\n\n"
                    f"恢复码 (recovery code) — 只显示这一次，请抄写并妥善保管 (shown once, write it down):\n\n"
                    f"    {code}\n")


def cmd_user_add(args):
    with _open(args) as store:
        if store.user["role"] != Role.LEADER.value:
            raise AccessDenied("only a team leader (队长) may add users")
        passphrase = Secrets(args.passphrase_stdin).ask(f"{args.name} 的密码 (passphrase for {args.name}): ",
                                                        confirm=True)
        record = store.add_user(args.name, passphrase, Role.parse(args.role, "--role"))
    emit(args, {"user_id": record["id"], "name": record["name"], "role": record["role"]},
         f"已添加用户 (user added): {record['name']} ({Role(record['role']).zh})")


def cmd_user_list(args):
    from app.clitable import table
    with _open(args) as store:
        users = store.users()
    emit(args, users, table(users, [("name", "姓名"), ("role", "角色"), ("created_at", "建立时间")]))


def cmd_passwd(args):
    with _open(args) as store:
        new = Secrets(args.passphrase_stdin).ask("新密码 (new passphrase): ", confirm=True)
        store.set_passphrase(new)
        name = store.user["name"]
    emit(args, {"ok": True, "user": name}, f"密码已更改 (passphrase changed) for {name}")


def cmd_recover(args):
    from app.storage.store import Store
    if not args.user:
        raise ValidationError("--user", "required", "--user: 请给出要重设密码的用户名 (whose passphrase to reset)")
    with Store.open_with_recovery(args.data, args.recovery_code, args.user) as store:
        new = Secrets(args.passphrase_stdin).ask("新密码 (new passphrase): ", confirm=True)
        store.set_passphrase(new, args.user)
        code = store.new_recovery_code()
    emit(args, {"ok": True, "user": args.user, "recovery_code": code},
         f"{args.user} 的密码已重设 (passphrase reset).\n旧恢复码已作废；新恢复码 (new recovery code, shown once):\n\n    {code}\n")


def cmd_demo(args):
    from app.demo.build import build_demo
    secrets = Secrets(args.passphrase_stdin)
    passphrase = secrets.ask("设置密码 (new passphrase): ", confirm=True)
    result = build_demo(args.data, passphrase, args.households, args.seed, user_name=args.user,
                        progress=None if args.json else _progress)
    emit(args, result, f"\n示范村已建立 (demo village built): {result['village']}, {result['households']} 户, "
                       f"{result['members']} 人, {result['visits']} 次走访, {result['forms']} 份签名表单, "
                       f"{result['seconds']} 秒\n"
                       f"为数据检查埋设的问题 (planted for the checks): "
                       f"{sum(len(v) for v in result['planted'].values())} 处，见 --json 的 planted\n"
                       f"用户 (user): {result['user']}\n恢复码 (recovery code): {result['recovery_code']}")


def _progress(done: int, total: int) -> None:
    print(f"\r  {done}/{total}", end="", file=sys.stderr, flush=True)


# -- households and members --------------------------------------------------
HOUSEHOLD_OPTS = ["head_name", "category", "monitoring_category", "group_name", "number", "phone", "address",
                  "residence", "flags", "village", "township", "county", "province", "pairing_cadre",
                  "housing_grade", "risk_types"]
MEMBER_OPTS = ["name", "id_number", "relation", "sex", "birth_date", "phone", "health", "labour",
               "school_status", "education", "disability_grade"]


def cmd_household_add(args):
    from app.services import households
    with _open(args) as store:
        data = _given(args, HOUSEHOLD_OPTS) | _sets(args.set)
        record = households.add_household(store, data)
    emit(args, record, f"已添加户 (household added): {record['head_name']}  id={record['id']}")


def cmd_household_edit(args):
    from app.services import households
    with _open(args) as store:
        data = _given(args, HOUSEHOLD_OPTS) | _sets(args.set)
        record = households.update_household(store, households.get_household(store, args.id)["id"], data)
    emit(args, record, f"已保存 (saved): {record['head_name']} revision {record['revision']}")


def cmd_household_delete(args):
    from app.services import households
    with _open(args) as store:
        record = households.delete_household(store, households.get_household(store, args.id)["id"], args.reason)
    emit(args, {"id": record["id"], "deleted": True}, f"已删除 (deleted): {record['head_name']}")


def cmd_household_show(args):
    from app.services import profile
    with _open(args) as store:
        data = profile.household_profile(store, args.id, _today(args))
    emit(args, data, profile.render_text(data))


TEXT_LIMIT = 200


def cmd_households(args):
    from app.clitable import table
    from app.services import households
    # JSON is the whole list unless --limit asks for a page, which then says what it left out.
    limit = args.limit if args.limit is not None else None if args.json else TEXT_LIMIT
    with _open(args) as store:
        rows = households.list_households(store, args.search, args.category, args.group, limit or None)
        total = (households.count_households(store, args.search, args.category, args.group)
                 if limit and len(rows) == limit else len(rows))
    if args.json and args.limit is not None:
        emit(args, {"households": rows, "total": total, "truncated": total > len(rows)})
        return
    more = f"，共 {total} 户，只列出 {len(rows)} 户 (showing {len(rows)} of {total}; --limit 0 for all)" \
        if total > len(rows) else ""
    emit(args, rows, table(rows, [("number", "户编号"), ("head_name", "户主"), ("category_zh", "类别"),
                                  ("group_name", "村民小组"), ("phone", "电话"), ("id", "id")])
         + f"\n{len(rows)} 户{more}")


def cmd_member_add(args):
    from app.services import households
    with _open(args) as store:
        hid = households.get_household(store, args.household)["id"]
        record = households.add_member(store, hid, _given(args, MEMBER_OPTS) | _sets(args.set))
    emit(args, record, f"已添加成员 (member added): {record['name']}  id={record['id']}")


def cmd_member_edit(args):
    from app.services import households
    with _open(args) as store:
        record = households.update_member(store, args.id, _given(args, MEMBER_OPTS) | _sets(args.set))
    emit(args, record, f"已保存 (saved): {record['name']} revision {record['revision']}")


# -- visits and income -------------------------------------------------------
def cmd_visit_add(args):
    from app.services import households, visits
    with _open(args) as store:
        hid = households.get_household(store, args.household)["id"]
        data = {"visit_date": args.date, "mode": args.mode, "findings": args.note, "met_person": args.met,
                "risks_seen": args.risks, "followups": args.followups}
        if args.visitor:
            data["visitor"] = args.visitor
        record = visits.add_visit(store, hid, data)
    emit(args, record, f"已记录走访 (visit saved): {record['visit_date']} {record['mode']}  id={record['id']}")


def cmd_visit_correct(args):
    from app.services import visits
    with _open(args) as store:
        data = {k: v for k, v in {"visit_date": args.date, "mode": args.mode, "findings": args.note,
                                  "met_person": args.met, "risks_seen": args.risks,
                                  "followups": args.followups}.items() if v is not None}
        record = visits.correct_visit(store, args.id, data, args.reason)
    emit(args, record, f"已更正 (correction saved): id={record['id']} supersedes {args.id}")


def cmd_visit_list(args):
    from app.clitable import table
    from app.services import households, visits
    with _open(args) as store:
        rows = visits.list_visits(store, households.get_household(store, args.household)["id"])
    emit(args, rows, table(rows, [("visit_date", "日期"), ("mode", "方式"), ("visitor", "走访人"),
                                  ("met_person", "见到"), ("findings", "情况"), ("id", "id")]))


INCOME_ITEMS = ["wage", "welfare_post", "business", "property", "dividend", "pension", "family_planning",
                "eco_compensation", "dibao", "tekun", "other_transfer", "business_expense"]


def cmd_income_add(args):
    from app.core.income import format_yuan, parse_yuan
    from app.services import households, incomes
    items = {k: parse_yuan(getattr(args, k), k) for k in INCOME_ITEMS if getattr(args, k) is not None}
    with _open(args) as store:
        hid = households.get_household(store, args.household)["id"]
        record = incomes.add_income(store, hid, args.date, items, args.size, args.note)
    c = record["comparison"]
    text = (f"家庭纯收入 (net): {format_yuan(record['net_fen'])}  人均 (per capita): {format_yuan(c['per_capita_fen'])}"
            f"  基准线 (baseline): {format_yuan(c['baseline_fen'])}  {'低于基准线 BELOW' if c['below'] else '高于基准线'}")
    emit(args, record, "\n".join([text, f"  基准线{record['baseline_source_zh']}"] + record["warnings"]))


def cmd_income_list(args):
    from app.services import households, incomes
    with _open(args) as store:
        rows = incomes.list_incomes(store, households.get_household(store, args.household)["id"])
    emit(args, rows)


# -- monitoring cases --------------------------------------------------------
def cmd_case(args):
    from app.services import cases, households
    with _open(args) as store:
        by = args.by or store.user["name"]
        data = _case_data(args)
        if args.step == "clue":
            hid = households.get_household(store, args.target)["id"]
            result = cases.open_case(store, hid, args.date, by, data, today=_today(args))
        else:
            result = cases.record_step(store, args.target, args.step, args.date, by, data, today=_today(args))
    emit(args, result, cases.render_text(result))


def _case_data(args) -> dict:
    data = _sets(args.set)
    for key in ("risks", "measures", "category", "source", "note", "method", "result", "reason"):
        value = getattr(args, key, None)
        if value is not None:
            data[{"risks": "risk_types", "category": "monitoring_category"}.get(key, key)] = value
    for key in ("risk_types", "measures"):
        if isinstance(data.get(key), str):
            data[key] = [v for v in data[key].replace("，", ",").replace("、", ",").split(",") if v.strip()]
    return data


def cmd_case_show(args):
    from app.services import cases
    with _open(args) as store:
        result = cases.case_view(store, args.id, _today(args))
    emit(args, result, cases.render_text(result))


def cmd_case_list(args):
    from app.clitable import table
    from app.services import cases
    with _open(args) as store:
        rows = cases.list_cases(store, args.state, _today(args))
    emit(args, rows, table(rows, [("head_name", "户主"), ("state_zh", "状态"), ("clue_date", "线索"),
                                  ("identified_date", "识别"), ("overdue", "逾期"), ("id", "id")]))


# -- the month ---------------------------------------------------------------
def cmd_due(args):
    from app.clitable import table
    from app.services import due
    with _open(args) as store:
        rows = due.due_list(store, args.month, _today(args), include_done=args.all)
    emit(args, rows, table(rows, [("head_name", "户主"), ("group_name", "小组"), ("kind_zh", "事项"),
                                  ("status", "状态"), ("last_contact", "上次"), ("rule_zh", "依据")])
         + f"\n{len(rows)} 项")


def cmd_prompt_add(args):
    from app.services import worklog
    tasks = []
    for spec in args.task or []:
        title, _, due_date = spec.partition("@")
        tasks.append({"title": title, "due_date": due_date or None})
    with _open(args) as store:
        prompt = worklog.add_prompt(store, args.month, args.title, tasks, args.issued_by)
    emit(args, prompt, f"已添加工作提示 (prompt added): {prompt['title']}, {len(prompt['tasks'])} 项任务")


def cmd_prompt_list(args):
    from app.services import worklog
    with _open(args) as store:
        prompts = worklog.prompts_for_month(store, args.month, _today(args))
    lines = []
    for p in prompts:
        lines.append(f"{p['title']}  ({p['done']}/{len(p['tasks'])} 已完成)")
        mark = {"done": "✓", "overdue": "!", "open": " "}
        for t in p["tasks"]:
            lines.append(f"  [{mark[t['status']]}] {t['title']}  截止 {t['due_date'] or '-'}"
                         f"{'  完成 ' + t['done_on'] if t['done_on'] else ''}  id={t['id']}")
    emit(args, prompts, "\n".join(lines) or "本月没有工作提示 (no prompt this month)")


def cmd_prompt_done(args):
    from app.services import worklog
    with _open(args) as store:
        task = worklog.complete_task(store, args.task_id, args.date, args.note)
    emit(args, task, f"已完成 (done): {task['title']} {task['done_on']}")


def cmd_attendance_set(args):
    from app.services import worklog
    with _open(args) as store:
        record = worklog.set_attendance(store, args.person or store.user["name"], args.month, args.days, args.note)
    emit(args, record, f"{record['person']} {record['month']}: {record['days']} 天")


def cmd_attendance_list(args):
    from app.clitable import table
    from app.services import worklog
    with _open(args) as store:
        rows = worklog.attendance_for_month(store, args.month)
    for r in rows:
        r["flag"] = "不足20天" if r["short"] else ""
    emit(args, rows, table(rows, [("person", "队员"), ("days", "在村天数"), ("flag", ""), ("note", "备注")]))


def cmd_problem_list_add(args):
    from app.services import worklog
    with _open(args) as store:
        plist = worklog.add_problem_list(store, args.title, source=args.source)
    emit(args, plist, f"已建立问题清单 (list added): {plist['title']}  id={plist['id']}")


def cmd_problem_add(args):
    from app.services import households, worklog
    with _open(args) as store:
        hid = households.get_household(store, args.household)["id"] if args.household else None
        item = worklog.add_problem(store, args.list, {"description": args.description, "household_id": hid,
                                                      "measure": args.measure, "responsible": args.responsible,
                                                      "deadline": args.deadline})
    emit(args, item, f"已添加问题 (problem added): id={item['id']}")


def cmd_problem_close(args):
    from app.services import worklog
    with _open(args) as store:
        item = worklog.close_problem(store, args.id, args.note, args.date)
    emit(args, item, f"已销号 (closed): {item['description']}")


def cmd_problems(args):
    from app.services import worklog
    with _open(args) as store:
        lists = worklog.problem_lists(store, open_only=args.open, today=_today(args))
    lines = []
    mark = {"closed": "✓", "overdue": "!", "open": " "}
    for pl in lists:
        lines.append(f"{pl['title']}  (未销号 {pl['open']}/{len(pl['items'])}，逾期 {pl['overdue']})  id={pl['id']}")
        for i in pl["items"]:
            duty = "  ".join(x for x in (f"措施 {i['measure']}" if i["measure"] else "",
                                         f"责任人 {i['responsible']}" if i["responsible"] else "",
                                         f"时限 {i['deadline']}" if i["deadline"] else "") if x)
            lines.append(f"  [{mark[i['status']]}] {i['description']}  {duty}  id={i['id']}")
    emit(args, lists, "\n".join(lines) or "没有问题清单 (no problem lists)")


def cmd_situations(args):
    from app.services import profile
    with _open(args) as store:
        rows = profile.situation_flags(store, args.household, _today(args))
    lines = [f"{r['head_name']}: 情形{f['number']} {f['title_zh']} — {f['reason_zh']}" for r in rows
             for f in r["findings"]]
    emit(args, rows, "\n".join(lines) or "没有发现须纳入监测的情形 (no must-monitor situation found)")


def cmd_check(args):
    from app.clitable import table
    from app.core.quality import SEVERITIES, SEVERITY_ZH
    from app.services import checks, households
    severities = set(SEVERITIES)
    if args.severity:
        severities = {x.strip() for x in args.severity.split(",")}
        if not severities <= set(SEVERITIES):
            raise ValidationError("--severity", "error, warning or review",
                                  f"--severity: 应为 {', '.join(SEVERITIES)} (one or more, comma separated)")
    with _open(args) as store:
        hid = households.get_household(store, args.household)["id"] if args.household else None
        found = checks.run_checks(store, today=_today(args), rules=args.rule, household_id=hid)
        if args.review_sheet:
            from app.services.printing import review_sheet
            review_sheet(store, found, Path(args.review_sheet), _today(args))
    rows = [f.as_dict() for f in found if f.severity in severities]
    counts = "，".join(f"{SEVERITY_ZH[s]} {sum(r['severity'] == s for r in rows)}" for s in SEVERITIES)
    for r in rows:
        r["severity_zh"] = SEVERITY_ZH[r["severity"]]
    text = (table(rows, [("rule", "规则"), ("severity_zh", "级别"), ("household", "户"), ("field", "字段"),
                         ("message", "问题")]) + f"\n{len(rows)} 条 ({counts})") if rows else "没有发现问题 (no findings)"
    emit(args, [{k: v for k, v in r.items() if k != "severity_zh"} for r in rows], text)


# -- policy tables -------------------------------------------------------------
POLICY_TABLES = {"baselines": ("baselines", "set_baselines"), "visit-policy": ("visit_policy_table", "set_visit_policy")}


def cmd_config_show(args):
    from app.services import config
    with _open(args) as store:
        getter = getattr(config, POLICY_TABLES[args.table][0])
        table = getter(store)
        data = table.to_dict() if hasattr(table, "to_dict") else table
    emit(args, data, json.dumps(data, ensure_ascii=False, indent=1))


def cmd_config_set(args):
    from app.services import config
    from app.core import limits
    table = limits.load_json(args.file, "config")
    with _open(args) as store:
        if store.user["role"] != Role.LEADER.value:
            raise AccessDenied("only a team leader (队长) may replace a policy table")
        getattr(config, POLICY_TABLES[args.table][1])(store, table)
    emit(args, {"ok": True, "table": args.table}, f"已更新 (replaced): {args.table}")


# -- integrity and backup ----------------------------------------------------
def cmd_audit_verify(args):
    with _open(args) as store:
        result = store.verify_audit().as_dict()
    text = (f"审计链完整 (audit chain verified): {result['entries']} 条, head {result['head'][:16]}…" if result["ok"]
            else "审计链有问题 (audit chain BROKEN):\n" + "\n".join("  " + p for p in result["problems"]))
    emit(args, result, text)
    return EXIT_OK if result["ok"] else EXIT_INVALID


def cmd_backup(args):
    from app.storage.backup import make_backup
    with _open(args) as store:
        info = make_backup(store, Path(args.out))
    emit(args, info, f"已备份 (backup written): {info['path']}  ({info['bytes']} bytes)")


def cmd_restore(args):
    from app.storage.backup import restore_backup
    secrets = Secrets(args.passphrase_stdin)
    secret = args.recovery_code or secrets.ask("备份的密码 (passphrase of the backup): ")
    info = restore_backup(Path(args.file), args.data, secret, is_recovery_code=bool(args.recovery_code),
                          replace=args.replace)
    emit(args, info, f"已恢复 (restored) into {info['data']}: {info['entries']} 条审计记录已核验")


def screen_size(text: str) -> tuple[int, int]:
    """'1024x600' → (1024, 600)."""
    import argparse
    try:
        width, height = (int(v) for v in text.lower().replace("×", "x").split("x"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"屏幕尺寸应写作 宽x高，如 1024x600 (size as WxH): {text!r}") from None
    if width < 320 or height < 240:
        raise argparse.ArgumentTypeError(f"屏幕至少 320x240 (screen at least 320x240): {text!r}")
    return width, height


def cmd_screenshots(args):
    from app.ui.screenshots import render_all
    files = render_all(Path(args.out), args.households, args.language, size=args.size, scale=args.scale)
    emit(args, files, "\n".join(files))


def cmd_gui(args):
    from app.ui.mainwindow.main import run
    return run(args.data)


# -- the parser --------------------------------------------------------------
class Parser(argparse.ArgumentParser):
    """Usage mistakes are invalid input (exit 3), like any other."""

    def error(self, message):
        self.print_usage(sys.stderr)
        self.exit(EXIT_INVALID, f"{self.prog}: 输入有误 (invalid input): {message}\n")


def build_parser() -> argparse.ArgumentParser:
    common = Parser(add_help=False)
    common.add_argument("--data", type=Path, default=argparse.SUPPRESS, help="store folder")
    common.add_argument("--passphrase-stdin", action="store_true", default=argparse.SUPPRESS,
                        help="read passphrases one per line from standard input")
    common.add_argument("--json", action="store_true", default=argparse.SUPPRESS, help="JSON output")
    common.add_argument("--user", default=argparse.SUPPRESS, help="user name")

    parser = Parser(prog="zhucun", parents=[common],
                                     description="驻村 Zhucun — 防止返贫动态监测 field data")
    # Not set_defaults: the option objects are shared with every subcommand through `common`.
    parser.set_defaults(func=cmd_gui)
    from app import __version__
    parser.add_argument("--version", action="version", version=f"zhucun {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name, func, help_text, parent=sub):
        p = parent.add_parser(name, parents=[common], help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    def group(name, help_text):
        p = sub.add_parser(name, help=help_text, description=help_text)
        return p.add_subparsers(dest="action", metavar="ACTION", required=True)

    p = add("init", cmd_init, "create a new store with its first user")
    p.add_argument("--role", default="leader", help="collector|leader")

    g = group("user", "users of this store")
    p = add("add", cmd_user_add, "add a user (leader only)", g)
    p.add_argument("--name", required=True)
    p.add_argument("--role", default="collector")
    add("list", cmd_user_list, "list users", g)
    add("passwd", cmd_passwd, "change your passphrase (stdin: current, then new)")
    p = add("recover", cmd_recover, "set a new passphrase with the recovery code")
    p.add_argument("--recovery-code", required=True)

    p = add("demo", cmd_demo, "build a synthetic village in a new store")
    p.add_argument("--households", type=int, default=300)
    p.add_argument("--seed", type=int, default=1)

    g = group("household", "one household (一户一档)")
    for name, func in (("add", cmd_household_add), ("edit", cmd_household_edit)):
        p = add(name, func, f"{name} a household", g)
        if name == "edit":
            p.add_argument("id", help="household id or number")
        p.add_argument("--head", dest="head_name")
        for opt in HOUSEHOLD_OPTS[1:]:
            p.add_argument("--" + opt.replace("_", "-"), dest=opt)
        p.add_argument("--group", dest="group_name")
        p.add_argument("--set", action="append", metavar="FIELD=VALUE", help="any other household field")
    p = add("show", cmd_household_show, "a household's whole file", g)
    p.add_argument("id", help="household id or number")
    p.add_argument("--today")
    p = add("delete", cmd_household_delete, "delete (tombstone) a household", g)
    p.add_argument("id")
    p.add_argument("--reason", required=True)

    p = add("households", cmd_households, "list or search households")
    p.add_argument("--search", help="name, pinyin, initials, ID or phone fragment, group")
    p.add_argument("--category")
    p.add_argument("--group")
    p.add_argument("--limit", type=int, help=f"at most N households (0: all; default: all with --json, "
                                             f"{TEXT_LIMIT} on the terminal)")

    g = group("member", "household members")
    p = add("add", cmd_member_add, "add a member", g)
    p.add_argument("--household", required=True)
    p = add("edit", cmd_member_edit, "edit a member", g)
    p.add_argument("id")
    for q in (g.choices["add"], g.choices["edit"]):
        for opt in MEMBER_OPTS:
            q.add_argument("--" + opt.replace("_", "-"), dest=opt)
        q.add_argument("--set", action="append", metavar="FIELD=VALUE")

    g = group("visit", "visits (走访)")
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

    g = group("income", "income assessments (收入)")
    p = add("add", cmd_income_add, "record an income assessment (amounts in yuan)", g)
    p.add_argument("--household", required=True)
    p.add_argument("--date", required=True)
    p.add_argument("--size", help="household size (default: members)")
    p.add_argument("--note")
    for item in INCOME_ITEMS:
        p.add_argument("--" + item.replace("_", "-"), dest=item, metavar="YUAN")
    p = add("list", cmd_income_list, "a household's assessments", g)
    p.add_argument("--household", required=True)

    g = group("case", "monitoring cases (监测帮扶)")
    steps = {"clue": "open a case from a risk clue (target: household)", "check": "household check (入户核查)",
             "village_review": "village democratic review (村级民主评议)",
             "notice": "village public notice posted (村内公示, at least 5 days)",
             "township_review": "township review (乡镇审核)",
             "identify": "identified as 监测对象 (county decision)", "reject": "checked, not included",
             "plan": "help plan with measures", "measure": "add a measure", "eliminate": "risk eliminated",
             "followup": "quarterly look-back (回头看)", "revert": "back to monitoring on new risk",
             "stable": "stable after the year of follow-ups"}
    for step, text in steps.items():
        p = add(step, cmd_case, text, g)
        p.set_defaults(step=step)
        p.add_argument("target", help="household id/number for clue, else case id")
        p.add_argument("--date", required=True)
        p.add_argument("--by", help="person (default: you)")
        p.add_argument("--today")
        for opt in ("risks", "measures", "category", "source", "note", "method", "result", "reason"):
            p.add_argument("--" + opt)
        p.add_argument("--set", action="append", metavar="FIELD=VALUE")
    p = add("show", cmd_case_show, "a case with its steps and deadlines", g)
    p.add_argument("id")
    p.add_argument("--today")
    p = add("list", cmd_case_list, "cases", g)
    p.add_argument("--state")
    p.add_argument("--today")

    p = add("due", cmd_due, "who is due a visit or contact in a month")
    p.add_argument("--month", required=True, help="YYYY-MM")
    p.add_argument("--today", help="YYYY-MM-DD (default: today)")
    p.add_argument("--all", action="store_true", help="include what is already done")

    p = add("situations", cmd_situations, "flag the five situations that must be monitored")
    p.add_argument("--household")
    p.add_argument("--today")

    p = add("check", cmd_check, "data-quality checks auditors run (findings ask for review, never block)")
    p.add_argument("--rule", action="append", metavar="PREFIX", help="only rules whose id starts with PREFIX")
    p.add_argument("--household", help="household id or number")
    p.add_argument("--severity", help="error, warning, review (comma separated)")
    p.add_argument("--review-sheet", metavar="FILE.pdf",
                   help="also print the handwriting findings for review: both signatures, the figures, a verdict line")
    p.add_argument("--today", help="YYYY-MM-DD (default: today)")

    g = group("prompt", "monthly work prompts (驻村工作提示)")
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

    g = group("attendance", "days in the village (在村天数)")
    p = add("set", cmd_attendance_set, "set a member's days for a month", g)
    p.add_argument("--person")
    p.add_argument("--month", required=True)
    p.add_argument("--days", required=True)
    p.add_argument("--note")
    p = add("list", cmd_attendance_list, "a month's attendance", g)
    p.add_argument("--month", required=True)

    g = group("problem", "problem lists (问题清单), closed item by item")
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

    g = group("config", "policy tables: income baselines, visit policy (data the county may replace)")
    p = add("show", cmd_config_show, "print a table as JSON", g)
    p.add_argument("table", choices=sorted(POLICY_TABLES))
    p = add("set", cmd_config_set, "replace a table from a JSON file (leader only)", g)
    p.add_argument("table", choices=sorted(POLICY_TABLES))
    p.add_argument("file")

    from app.cli_forms import register as register_forms
    register_forms(add, group)
    from app.cli_print import register as register_print
    register_print(add, group)
    from app.cli_sync import register as register_sync
    register_sync(add, group)
    from app.cli_ledger import register as register_ledger
    register_ledger(add, group)

    g = group("audit", "the audit chain")
    add("verify", cmd_audit_verify, "walk the hash chain and check every record", g)

    p = add("screenshots", cmd_screenshots, "render every main screen of a demo village to PNG")
    p.add_argument("--out", required=True)
    p.add_argument("--households", type=int, default=300)
    p.add_argument("--language", default="zh_CN", choices=["zh_CN", "en"])
    p.add_argument("--size", type=screen_size, default=(1366, 768), metavar="WxH",
                   help="the screen the windows are drawn on, e.g. 1024x600 (default 1366x768)")
    p.add_argument("--scale", type=float, default=1.0, metavar="F",
                   help="display scaling, as Windows' 125%% or 150%%: 1.25, 1.5 (default 1)")

    p = add("backup", cmd_backup, "write an encrypted backup")
    p.add_argument("--out", required=True)
    p = add("restore", cmd_restore, "restore a backup into --data")
    p.add_argument("file")
    p.add_argument("--recovery-code")
    p.add_argument("--replace", action="store_true", help="move an existing store aside first")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    for name, value in (("data", None), ("passphrase_stdin", False), ("json", False), ("user", None)):
        if not hasattr(args, name):
            setattr(args, name, value)
    if args.data is None:
        args.data = default_data_dir()
    args.data = Path(args.data).expanduser()
    from app import log
    from app.faults import command_name
    log.setup()
    code = _run(args)
    log.logger.info("%s: exit %s", command_name(args), code)
    return code


def _run(args) -> int:
    try:
        result = args.func(args)
        return result if isinstance(result, int) else EXIT_OK
    except AccessDenied as e:
        return _fail(args, EXIT_REFUSED, {"error": "refused", "message": str(e)},
                     f"拒绝 (refused): {e}")
    except ValidationError as e:
        # Some rules' messages are sentences without the field's name: name it in front.
        text = str(e) if str(e).startswith(e.field) else f"{e.field} ({e.rule}): {e}"
        return _fail(args, EXIT_INVALID, e.as_dict(), f"输入有误 (invalid input) — {text}")
    except (NotFound, StateError) as e:
        kind = "not_found" if isinstance(e, NotFound) else "state"
        return _fail(args, EXIT_INVALID, {"error": kind, "message": str(e)}, f"无法执行 (not done) — {e}")
    except ZhucunError as e:
        return _fail(args, EXIT_INVALID, {"error": "error", "message": str(e)}, str(e))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return EXIT_OK
    except Exception as e:  # noqa: BLE001 - a full disk, a read-only folder, a bug: a sentence, never a traceback
        from app.faults import explain
        code, data, text = explain(e, args)
        return _fail(args, code, data, text)


def _fail(args, code: int, data: dict, text: str) -> int:
    if args.json:
        print(json.dumps(data, ensure_ascii=False))
    print(text, file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
