"""`import-ledger` (national-system Excel ledgers in) and `export-ledger` (the month's ledgers out)."""
from __future__ import annotations

import sys
from pathlib import Path

from app.cli.runtime import EXIT_INVALID, EXIT_OK, Commands, emit, open_store, today

ROSTER_KINDS = ("roster", "户成员信息", "花名册")


class _Progress:
    def __init__(self, quiet: bool):
        self.quiet = quiet or not sys.stderr.isatty()

    def __call__(self, stage: str, done: int, total: int | None) -> None:
        if self.quiet:
            return
        if stage == "read":
            print(f"\r读取 (reading) {done} 行", end="", file=sys.stderr, flush=True)
        else:
            end = "\n" if done == total else ""
            verb = "核对 (checking)" if stage == "plan" else "写入 (writing)"
            print(f"\r{verb} {done}/{total} 户", end=end, file=sys.stderr, flush=True)


def _describe(s: dict) -> list[str]:
    sheets = "；".join(f"{x['name']}（{'成员' if x['kind'] == 'members' else '户'}台账，表头第{x['header_row']}行，"
                      f"{x['rows']}行）" for x in s["sheets"]) or "无可识别的工作表 (no sheet with known headers)"
    verb = "可导入 (would import)" if s["preview"] else "已导入 (imported)"
    lines = [f"台账 (ledger) {Path(s['file']).name}：{sheets}",
             f"{verb} {s['imported']} 行：新增 {s['households_new']} 户、{s['members_new']} 人；"
             f"更新 {s['households_updated']} 户、{s['members_updated']} 人；"
             f"无变化 {s['households_unchanged']} 户、{s['members_unchanged']} 人"]
    if s["skipped_sheets"]:
        lines.append("跳过的工作表 (skipped sheets)：" + "、".join(s["skipped_sheets"]))
    if s["unknown_headers"]:
        lines.append("未识别的列，未导入 (unknown columns, not imported)：" + "、".join(s["unknown_headers"]))
        lines.append(f'  用 --map "{s["unknown_headers"][0]}=字段" 指定对应字段（如 member.work_place 或 务工地点），'
                     f'或 --map "{s["unknown_headers"][0]}=不导入"；指定后会记住')
    return lines


def cmd_import_ledger(args):
    from app.services import ledger_import
    mapping = ledger_import.parse_mapping(args.map)
    report = Path(args.report) if args.report else None
    with open_store(args) as store:
        if not args.preview and not args.yes and not args.json and sys.stdin.isatty():
            first = ledger_import.import_ledger(store, Path(args.file), mapping, report, preview=True,
                                                today=today(args))
            print("\n".join(_describe(first.summary)))
            print(f"未导入 (rejected) {first.summary['rejected']} 行，见报告 (see the report)：{first.report}")
            if input("写入？(write?) [y/N] ").strip().lower() not in ("y", "yes", "是"):
                print("未写入 (nothing written)")
                return EXIT_OK
        try:
            result = ledger_import.import_ledger(store, Path(args.file), mapping, report, preview=args.preview,
                                                 today=today(args), progress=_Progress(args.json))
        except KeyboardInterrupt:
            print("\n已取消，未写入任何数据 (cancelled: nothing was written)", file=sys.stderr)
            return 130
    out = result.as_dict()
    s = result.summary
    lines = _describe(s)
    if s["rejected"]:
        lines.append(f"未导入 (rejected) {s['rejected']} 行：")
        rejected = result.rejected
        for r in rejected[:20]:
            who = " ".join(x for x in (r.number, r.name) if x)
            lines.append(f"  {r.sheet} 第{r.row}行 {who} — {r.column + '：' if r.column else ''}{r.reason}")
        if len(rejected) > 20:
            lines.append(f"  …另有 {len(rejected) - 20} 行 (more in the report)")
    lines.append(f"报告 (report)：{result.report}（{result.seconds:.1f} 秒）")
    emit(args, out, "\n".join(lines))
    return EXIT_INVALID if s["rejected"] else EXIT_OK


def cmd_export_ledger(args):
    from app.core.errors import ValidationError
    out = Path(args.out)
    if args.kind in ROSTER_KINDS:
        from app.ledger.roster import write_roster
        with open_store(args) as store:
            path, rows = write_roster(store, out)
        data = {"kind": "roster", "month": None, "path": str(path), "rows": rows}
    else:
        from app.ledger.export import KINDS, export_ledger, parse_kind
        kind = parse_kind(args.kind)
        if not args.month:
            raise ValidationError("month", "required", f"month: {KINDS[kind]}须指定月份 --month YYYY-MM (required)")
        with open_store(args) as store:
            result = export_ledger(store, kind, args.month, out, today=today(args))
        data = {"kind": result.kind, "month": result.month, "path": str(result.path), "rows": result.rows}
    emit(args, data, f"已导出 (exported) {data['rows']} 行 → {data['path']}")


def register(commands: Commands) -> None:
    add = commands.add
    p = add("import-ledger", cmd_import_ledger,
            "import household/member ledgers (台账) exported from the national monitoring system (.xlsx/.xls/.ods)")
    p.add_argument("file")
    p.add_argument("--preview", action="store_true", help="write nothing: only the report of what would happen")
    p.add_argument("--map", action="append", metavar="HEADER=FIELD",
                   help="what an unknown column holds (a field such as member.work_place or 务工地点, or 不导入); remembered")
    p.add_argument("--report", help="where to write the report (default: beside the ledger)")
    p.add_argument("--yes", action="store_true", help="do not ask before writing")
    p.add_argument("--today")
    p = add("export-ledger", cmd_export_ledger,
            "write a ledger to Excel: visits|cases|prompts|problems|attendance for a month, or roster")
    p.add_argument("kind", help="visits (走访台账), cases (监测对象台账), prompts (工作提示完成情况), "
                                "problems (问题清单), attendance (驻村考勤), roster (户成员信息)")
    p.add_argument("--month", metavar="YYYY-MM")
    p.add_argument("--out", required=True, help="the .xlsx file")
    p.add_argument("--today")
