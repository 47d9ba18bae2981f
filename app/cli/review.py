"""`zhucun review …`: the leader's review of the month before it is sealed — the month's changes,
records sent back to their authors, the signed approval, and turning review off or on."""
from __future__ import annotations

from app.cli.runtime import Commands, emit, emit_table, open_store, table


def cmd_review_list(args):
    from app.services import review
    with open_store(args) as store:
        data = review.month_changes(store, args.month)
    lines = [f"{data['month']} 本月更改 (the month's changes)"]
    if data["findings"]:
        lines.append(f"检查发现 {len(data['findings'])} 项，先看 (the checks' findings first):")
        lines.append(table(data["findings"], [("severity", "级别 (severity)"), ("household", "户 (household)"),
                                              ("message", "问题 (finding)")]))
    rows = [{"user": m["user"], **{review.KIND_ZH[k]: n for k, n in m["counts"].items()}} for m in data["members"]]
    lines.append(table(rows, [("user", "队员 (member)")] + [(z, z) for z in review.KIND_ZH.values()])
                 if rows else "本月没有更改 (no changes this month)")
    emit(args, data, "\n".join(lines))


RETURNED_COLUMNS = [("returned_on", "退回日期 (returned)"), ("kind", "类别 (kind)"), ("household", "户 (household)"),
                    ("author", "作者 (author)"), ("note", "说明 (note)"), ("record_id", "记录 (record)")]


def cmd_review_returned(args):
    from app.services import review_returns
    with open_store(args) as store:
        rows = review_returns.returned(store, None if args.all else store.user_id)
    if not rows and not args.json:
        print("没有退回待改的记录 (no records sent back to correct)")
        return
    emit_table(args, rows, RETURNED_COLUMNS)


def cmd_review_return(args):
    from app.services import review_returns
    with open_store(args) as store:
        ret = review_returns.send_back(store, args.table, args.record_id, args.note)
    emit(args, ret, f"已退回给作者 (sent back to its author): {args.table} {args.record_id}")


def cmd_review_approve(args):
    from app.services import review_signoff
    with open_store(args) as store:
        a = review_signoff.approve(store, args.month)
    emit(args, a, f"{a['approver_name']} 已批准 {a['month']} (approved): 审计记录 (audit entries) "
                  f"{a['audit_from']}–{a['audit_to']}，{a['records']} 条记录 (records)，已签名 (signed)")


def cmd_review_off(args):
    from app.services import review_signoff
    with open_store(args) as store:
        r = review_signoff.set_review(store, False, args.reason)
    emit(args, r, f"审核已关闭 (review is off): {r['reason']}；批次会注明 (each batch says so)")


def cmd_review_on(args):
    from app.services import review_signoff
    with open_store(args) as store:
        r = review_signoff.set_review(store, True, args.reason)
    emit(args, r, "审核已开启：封装批次前须队长批准 (review is on: the leader approves before a batch is sealed)")


def cmd_review_status(args):
    from app.services import review_signoff
    with open_store(args) as store:
        s = review_signoff.status(store)
    r, a = s["review"], s["approval"]
    lines = [(f"审核：队长（{r['leader']}）在另一台电脑上审核 (review: by the leader on another laptop)" if r.get("remote")
              else "审核：开启 (review: on)" if r["on"] else f"审核：关闭 (review: off) — {r['reason']}"),
             (f"最近批准 (last approval): {a['approver_name']} {a['approved_at']} {a['month']}，"
              f"审计记录 (audit entries) {a['audit_from']}–{a['audit_to']}" if a else "尚未批准 (not approved yet)"),
             f"待批准的更改 (changes waiting for an approval): {s['unapproved_changes']}"]
    emit(args, s, "\n".join(lines))


def register(commands: Commands) -> None:
    g = commands.group("review", "the leader's review of the month before it is sealed")
    p = commands.add("list", cmd_review_list, "the month's changes by team member, the checks' findings first", g)
    p.add_argument("--month", help="YYYY-MM (default: this month)")
    p = commands.add("returned", cmd_review_returned, "records sent back to you to correct (--all: to anyone)", g)
    p.add_argument("--all", action="store_true", help="every author's, not only yours")
    p = commands.add("return", cmd_review_return, "send a record back to its author with a note (leader)", g)
    p.add_argument("table", help="visits | form_instances | form_signatures | cases | case_events | households | "
                                 "members | income_assessments")
    p.add_argument("record_id")
    p.add_argument("--note", required=True, help="what to correct")
    p = commands.add("approve", cmd_review_approve, "approve the records not yet sent, signed with your key (leader)", g)
    p.add_argument("--month", help="YYYY-MM the approval is for (default: this month)")
    p = commands.add("off", cmd_review_off, "turn review off, e.g. for a one-person team (leader)", g)
    p.add_argument("--reason", required=True)
    p = commands.add("on", cmd_review_on, "turn review on again (leader)", g)
    p.add_argument("--reason")
    commands.add("status", cmd_review_status, "review on or off, the last approval, what waits for one", g)
