"""`zhucun due`: who is due a visit or contact in a month."""
from __future__ import annotations

from app.cli.runtime import Commands, emit, open_store, table, today
from app.core.enums import DueKind
from app.core.words import DUE_STATUS, zh


def cmd_due(args):
    from app.services import due
    with open_store(args) as store:
        rows = due.due_list(store, args.month, today(args), include_done=args.all)
    shown = [{**r, "kind": zh(DueKind, r["kind"]), "status": DUE_STATUS.get(r["status"], r["status"])} for r in rows]
    emit(args, rows, table(shown, [("head_name", "户主"), ("group_name", "小组"), ("kind", "事项"),
                                   ("status", "状态"), ("last_contact", "上次"), ("rule_zh", "依据")])
         + f"\n{len(rows)} 项")


def register(commands: Commands) -> None:
    p = commands.add("due", cmd_due, "who is due a visit or contact in a month")
    p.add_argument("--month", required=True, help="YYYY-MM")
    p.add_argument("--today", help="YYYY-MM-DD (default: today)")
    p.add_argument("--all", action="store_true", help="include what is already done")
