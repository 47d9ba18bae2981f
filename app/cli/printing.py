"""The `print` commands (handbooks, blank forms, the monthly report, the public notice) and
`verify-print`."""
from __future__ import annotations

import sys
from pathlib import Path

from app.cli.runtime import EXIT_INVALID, Commands, emit, open_store, today


class _Progress:
    """`printed k/n` on standard error, one line rewritten; Ctrl+C cancels the job."""

    def __init__(self, quiet: bool):
        self.quiet = quiet or not sys.stderr.isatty()
        self.last = -1

    def __call__(self, done: int, total: int) -> None:
        if self.quiet:
            return
        pct = done * 100 // max(total, 1)
        if pct != self.last or done == total:
            self.last = pct
            print(f"\r打印 (printing) {done}/{total} {pct}%", end="" if done < total else "\n",
                  file=sys.stderr, flush=True)


def _summary(result, what: str) -> str:
    files = result.files
    where = str(files[0]) if len(files) == 1 else f"{len(files)} 个文件 (files) in {files[0].parent if files else '-'}"
    return f"已打印 (printed) {what}：{result.pages} 页 (pages) → {where}（{result.seconds:.1f} 秒）"


def cmd_print_handbook(args):
    from app.services import printing
    with open_store(args) as store:
        ids = printing.select_households(store, household_ids=args.household, all_households=args.all,
                                         category=args.category, group=args.group)
        result = printing.print_handbooks(store, ids, Path(args.out), per_household=args.per_household,
                                          today=today(args), report=_Progress(args.json))
    lines = [_summary(result, f"{result.households} 户帮扶手册 (handbooks)")]
    if result.skipped:
        lines.append(f"未打印 {len({u.household_id for u in result.skipped})} 户：有字符没有字体可以打印"
                     f" (not printed: characters no font has)")
        lines += ["  " + u.message() for u in result.skipped]
    emit(args, result.as_dict(), "\n".join(lines))
    return EXIT_INVALID if result.skipped else 0


def cmd_print_blank_form(args):
    from app.services import printing
    with open_store(args) as store:
        result = printing.print_blank_form(store, args.form_id, Path(args.out), version=args.version,
                                           copies=args.copies, today=today(args))
    emit(args, result.as_dict(), _summary(result, f"空白表单 {args.form_id} (blank form)"))


def cmd_print_month_report(args):
    from app.services import printing
    with open_store(args) as store:
        result = printing.print_month_report(store, args.month, Path(args.out), today=today(args))
    emit(args, result.as_dict(), _summary(result, f"{args.month} 驻村工作月报 (monthly report)"))


def cmd_print_notice(args):
    from app.services import printing
    with open_store(args) as store:
        result = printing.print_notice(store, args.month, Path(args.out), today=today(args), days=args.days)
    emit(args, result.as_dict(), _summary(result, f"{args.month} 公示 (public notice, {result.households} 户)"))


def cmd_verify_print(args):
    from app.services import printing
    with open_store(args) as store:
        verdict = printing.verify_print(store, args.code, today=today(args))
    text = verdict["message"]
    if verdict.get("printed_at"):
        text += f"\n  打印时间 (printed at) {verdict['printed_at']}"
    if verdict["state"] == "changed":
        text += f"\n  现在的核验码 (current code) {verdict['current_code']}"
    emit(args, verdict, text)
    return 0 if verdict["state"] == "current" else EXIT_INVALID


def register(commands: Commands) -> None:
    add, group = commands.add, commands.group
    g = group("print", "print PDF documents: handbooks, blank forms, the monthly report, the public notice")
    p = add("handbook", cmd_print_handbook, "assistance handbooks (帮扶手册), one household or many", g)
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--household", action="append", metavar="ID", help="household id or 户编号 (repeatable)")
    which.add_argument("--all", action="store_true", help="every household")
    which.add_argument("--category", help="户类型: 脱贫户|一般农户|监测户 (or lifted|ordinary|monitored)")
    which.add_argument("--group", help="村民小组")
    p.add_argument("--out", required=True, help="the PDF, or a folder with --per-household")
    p.add_argument("--per-household", action="store_true", help="one PDF per household in the folder --out")
    p.add_argument("--today")
    p = add("blank-form", cmd_print_blank_form, "a blank paper form for days without the laptop", g)
    p.add_argument("form_id")
    p.add_argument("--out", required=True)
    p.add_argument("--version")
    p.add_argument("--copies", type=int, default=1)
    p.add_argument("--today")
    p = add("month-report", cmd_print_month_report, "驻村工作月报: the month's work for the township", g)
    p.add_argument("--month", required=True, metavar="YYYY-MM")
    p.add_argument("--out", required=True)
    p.add_argument("--today")
    p = add("notice", cmd_print_notice, "公示: the month's identification and elimination decisions", g)
    p.add_argument("--month", required=True, metavar="YYYY-MM")
    p.add_argument("--out", required=True)
    p.add_argument("--days", type=int, default=5, help="days the notice stays up (at least 5)")
    p.add_argument("--today")
    p = add("verify-print", cmd_verify_print, "check a printed handbook's code (or scanned QR) against the store")
    p.add_argument("code", metavar="HASH")
    p.add_argument("--today")
