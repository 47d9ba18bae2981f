"""`zhucun situations` and `zhucun check`: the five situations that must be monitored, and the
data-quality checks auditors run."""
from __future__ import annotations

from pathlib import Path

from app.cli.runtime import Commands, emit, open_store, table, today
from app.core.errors import ValidationError


def cmd_situations(args):
    from app.services import profile
    with open_store(args) as store:
        rows = profile.situation_flags(store, args.household, today(args))
    lines = [f"{r['head_name']}: 情形{f['number']} {f['title_zh']} — {f['reason_zh']}" for r in rows
             for f in r["findings"]]
    emit(args, rows, "\n".join(lines) or "没有发现须纳入监测的情形 (no must-monitor situation found)")


def cmd_check(args):
    from app.core.quality import SEVERITIES, SEVERITY_ZH
    from app.services import checks, households
    severities = set(SEVERITIES)
    if args.severity:
        severities = {x.strip() for x in args.severity.split(",")}
        if not severities <= set(SEVERITIES):
            raise ValidationError("--severity", "error, warning or review",
                                  f"--severity: 应为 {', '.join(SEVERITIES)} (one or more, comma separated)")
    with open_store(args) as store:
        hid = households.get_household(store, args.household)["id"] if args.household else None
        found = checks.run_checks(store, today=today(args), rules=args.rule, household_id=hid)
        if args.review_sheet:
            from app.services.printing import review_sheet
            review_sheet(store, found, Path(args.review_sheet), today(args))
    rows = [f.as_dict() for f in found if f.severity in severities]
    counts = "，".join(f"{SEVERITY_ZH[s]} {sum(r['severity'] == s for r in rows)}" for s in SEVERITIES)
    shown = [{**r, "severity": SEVERITY_ZH[r["severity"]]} for r in rows]
    text = (table(shown, [("rule", "规则"), ("severity", "级别"), ("household", "户"), ("field", "字段"),
                          ("message", "问题")]) + f"\n{len(rows)} 条 ({counts})") if rows else "没有发现问题 (no findings)"
    emit(args, rows, text)


def register(commands: Commands) -> None:
    add = commands.add
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
