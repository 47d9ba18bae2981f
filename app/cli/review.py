"""`zhucun review …`: the leader's review of the month before it is sealed."""
from __future__ import annotations

from app.cli.runtime import Commands, emit, open_store, table


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


def register(commands: Commands) -> None:
    g = commands.group("review", "the leader's review of the month before it is sealed")
    p = commands.add("list", cmd_review_list, "the month's changes by team member, the checks' findings first", g)
    p.add_argument("--month", help="YYYY-MM (default: this month)")
