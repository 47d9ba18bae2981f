"""`zhucun enroll`, `zhucun sync …` and `zhucun batch …`: the device's side of sync with the
county server, over the network or on a USB stick (docs/sync.md)."""
from __future__ import annotations

import sys

from app.cli.runtime import EXIT_INVALID, EXIT_REFUSED, Commands, emit, fail, fields, open_store, table
from app.core.errors import ValidationError
from app.core.words import SYNC_WINNER

ZH_STAGE = {"upload": "上传 (upload)", "publications": "接收县里发布 (publications)"}


class _Progress:
    """`上传 (upload) k/n parts` on standard error, one line rewritten, when it is a terminal."""

    def __init__(self):
        self.quiet = not sys.stderr.isatty()
        self.open_line = False

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.quiet:
            return
        print(f"\r{ZH_STAGE.get(stage, stage)} {done}/{total}", end="", file=sys.stderr, flush=True)
        self.open_line = True

    def end(self) -> None:
        if self.open_line:
            print(file=sys.stderr, flush=True)
            self.open_line = False


def _failed(args, error, what: str = "同步未完成 (sync not finished)", code: int | None = None) -> int:
    """The county refused, could not be reached, or is not the county pinned: exit 2 (README),
    nothing local marked as sent. A receipt file that does not verify is invalid input (3)."""
    return fail(args, EXIT_REFUSED if code is None else code, error.as_dict(), f"{what} — {error}")


def _cancelled(args) -> int:
    return fail(args, 130, {"error": "cancelled", "message": "cancelled"},
                 "已取消 (cancelled)；已传的部分保留，下次同步会接着传 (what was sent stays sent; the next sync resumes)")


def _status_text(st: dict) -> str:
    if not st["enrolled"]:
        head = "本机尚未登记到县服务器 (not enrolled): zhucun enroll --server URL --code CODE | --file FILE\n"
    else:
        head = ""
    shown = {k: v for k, v in {**st, "last_sync": st["last_sync"] or "从未 (never)"}.items() if v is not None}
    return head + fields(shown, [
        ("county_name", "县 (county)"), ("county_url", "服务器 (server)"), ("township", "乡镇 (township)"),
        ("village", "村 (village)"), ("device_id", "本机 (device)"), ("enrolled_at", "登记于 (enrolled)"),
        ("last_sync", "上次同步 (last sync)"), ("pending", "待上传记录 (pending records)"),
        ("ready_batches", "已封装待传批次 (sealed batches)"), ("rejected", "被拒收 (rejected)"),
        ("conflicts", "待查看冲突 (conflicts to review)")])


# -- commands -------------------------------------------------------------------
def cmd_enroll(args):
    from app.services import sync
    if bool(args.file) == bool(args.server or args.code):
        raise ValidationError("--file", "either --server and --code, or --file",
                              "--file: 用 --server 与 --code 联网登记，或用 --file 从U盘登记"
                              " (either --server URL --code CODE, or --file enroll-CODE.json)")
    if not args.file and not (args.server and args.code):
        missing = "--code" if args.server else "--server"
        raise ValidationError(missing, "required", f"{missing}: 联网登记需要 --server 和 --code (both are needed)")
    try:
        with open_store(args) as store:
            if args.file:
                result = sync.enroll_from_file(store, args.file, args.out)
            else:
                result = sync.enroll(store, args.server, args.code, fingerprint=args.fingerprint)
            notice = sync.restore_notice(store)
    except sync.SyncError as e:
        return _failed(args, e, "登记未完成 (enrollment not finished)")
    text = (f"已登记 (enrolled): {result['county_name']} · {result.get('township') or ''} {result['village']}\n"
            f"本机 (device): {result['device_id']}")
    if result.get("request"):
        text += (f"\n登记申请已写入 (enrollment request written): {result['request']}\n"
                 "请带回乡镇导入县服务器 (take it to the township: zhucun-county import FILE)")
    if notice:   # a laptop in place of a lost one: what comes back, and what cannot
        result["restore"] = notice
        text += ("\n代替丢失的电脑 (in place of the lost laptop) "
                 f"{notice['restored_from'].get('label') or notice['restored_from']['device_id']}："
                 "下次同步从县里取回全村档案 (the next sync brings back the village's whole file: zhucun sync)\n"
                 "不能取回 (cannot come back):\n" + "\n".join(f"  - {line}" for line in notice["not_restored"]))
    emit(args, result, text)


def cmd_sync_watch(args):
    """`zhucun sync --watch`: a township computer syncs whenever the county answers, until Ctrl+C;
    each round is one line (counts, never a name)."""
    import json
    import threading
    from contextlib import contextmanager

    from app.core import clock
    from app.services import autosync

    def say(state) -> None:
        if args.json:
            print(json.dumps({"at": clock.now().isoformat(), "phase": state.phase, "pending": state.pending,
                              "why": state.why or None, "result": state.result or None}, ensure_ascii=False,
                             default=str), flush=True)
        else:
            print(f"{clock.now():%H:%M:%S} {state.text()}", flush=True)

    stop = threading.Event()
    with open_store(args) as store:
        @contextmanager
        def held():
            yield store
        try:
            autosync.watch(held, args.server, interval=args.interval, stop=stop, say=say)
        except KeyboardInterrupt:
            stop.set()
    print("已停止自动同步 (auto-sync stopped)；已传的部分保留 (what was sent stays sent)", file=sys.stderr)
    return 0


def cmd_sync(args):
    from app.services import sync
    if args.watch:
        return cmd_sync_watch(args)
    progress = _Progress()
    try:
        with open_store(args) as store:
            result = sync.sync(store, args.server, report=progress, pull_only=args.pull_only)
    except sync.SyncError as e:
        progress.end()
        return _failed(args, e)
    except KeyboardInterrupt:
        progress.end()
        return _cancelled(args)
    progress.end()
    lines = [f"同步完成 (sync done): 上传 {result['pushed']} 条记录 (records sent)，接受 {result['accepted']}"
             f" (accepted)，拒收 {result['rejected']} (rejected)；采用县里发布 {result['pulled']} 项"
             f" (publications applied)，冲突 {result['conflicts']} (conflicts)",
             f"本村其他电脑的记录 {result['records']} 条 (records from the village's other laptops)"]
    if result["rejected"]:
        lines.append("被拒收的记录及原因 (rejected records and why): zhucun sync rejected")
    if result["conflicts"]:
        lines.append("冲突的字段 (conflicting fields): zhucun sync conflicts")
    if result.get("review_required"):
        lines.append(result["review_required"])
    for s in result["skipped"]:
        lines.append(f"未采用县里发布 {s['seq']} ({s['kind']}) (publication not applied): {s['reason']}")
    for s in result["records_skipped"]:
        lines.append(f"未采用记录 {s['tbl']} {s['id']} (record not applied): {s['reason']}")
    emit(args, result, "\n".join(lines))


def cmd_sync_status(args):
    from app.services import sync
    with open_store(args) as store:
        st = sync.status(store)
    emit(args, st, _status_text(st))


def cmd_sync_rejected(args):
    from app.services import sync
    with open_store(args) as store:
        rows = sync.rejected(store, include_resolved=args.all)
    for r in rows:
        r["state"] = "已解决 (resolved)" if r["resolved_at"] else ("已改，待上传 (fixed, to send)" if r["fixed"]
                                                                 else "待改正 (to fix)")
    text = table(rows, [("tbl", "表 (table)"), ("label", "记录 (record)"), ("record_id", "编号 (id)"),
                        ("revision", "版本 (rev)"), ("reason", "原因 (reason)"), ("state", "状态 (state)")]) \
        if rows else "没有被拒收的记录 (no rejected records)"
    emit(args, [{k: v for k, v in r.items() if k != "state"} for r in rows], text)


def cmd_sync_conflicts(args):
    from app.services import sync
    with open_store(args) as store:
        if args.reviewed:
            sync.review_conflicts(store, args.reviewed)
        rows = sync.conflicts(store, include_reviewed=args.all)
    shown = [{**r, "winner": SYNC_WINNER.get(r["winner"], r["winner"])} for r in rows]
    text = table(shown, [("id", "序号 (no.)"), ("label", "户 (household)"), ("field", "字段 (field)"),
                         ("kept_value", "保留 (kept)"), ("lost_value", "未采用 (not kept)"),
                         ("winner", "较新的一方 (newer)"), ("at", "时间 (at)")]) \
        if rows else "没有待查看的冲突 (no conflicts to review)"
    emit(args, rows, text)


def cmd_batch_export(args):
    from app.services import sync
    with open_store(args) as store:
        result = sync.export_batch(store, args.out)
    if result is None:
        emit(args, {"batch_id": None, "file": None, "records": 0}, "没有待上传的更改 (nothing to send)")
        return
    emit(args, result, f"已导出批次 (batch written): {result['file']}，{result['records']} 条记录 (records)，"
                       f"{result['size']} 字节 (bytes)\n带到乡镇后导入县服务器，再把回执带回 (import it at the township:"
                       f" zhucun-county import FILE; bring back FILE.receipt.json)")


def _import_file(args, apply, what: str):
    """A file from the USB stick applied to the store: its result, or the exit code of a refusal."""
    from app.services import sync
    try:
        with open_store(args) as store:
            return apply(store, args.file)
    except sync.SyncError as e:
        return _failed(args, e, f"{what}: {args.file})", EXIT_INVALID)


def cmd_batch_import_receipt(args):
    from app.services import sync
    result = _import_file(args, sync.import_receipt, "回执未采用 (receipt not applied")
    if not isinstance(result, dict):
        return result
    text = (f"回执已核验并采用 (receipt verified and applied): 接受 {result['accepted']} (accepted)，"
            f"拒收 {result['rejected']} (rejected)；采用县里发布 {result['pulled']} 项 (publications applied)，"
            f"冲突 {result['conflicts']} (conflicts)")
    if result.get("already"):
        text += "\n此回执以前已采用 (this receipt was applied before)"
    for s in result["skipped"]:
        text += f"\n未采用县里发布 {s['seq']} ({s['kind']}) (publication not applied): {s['reason']}"
    emit(args, result, text)


def cmd_batch_import_records(args):
    from app.services import sync
    result = _import_file(args, sync.import_records, "记录未采用 (records not applied")
    if not isinstance(result, dict):
        return result
    text = (f"已核验并采用本村其他电脑的记录 (records verified and applied): {result['records']} 条，"
            f"冲突 {result['conflicts']} (conflicts)")
    for s in result["skipped"]:
        text += f"\n未采用记录 {s['tbl']} {s['id']} (record not applied): {s['reason']}"
    emit(args, result, text)


def register(commands: Commands) -> None:
    add, group = commands.add, commands.group
    p = add("enroll", cmd_enroll, "enroll this device with the county server (一次性登记码 or the USB file)")
    p.add_argument("--server", help="the county server's URL")
    p.add_argument("--code", help="the one-time code XXXX-XXXX-XXXX")
    p.add_argument("--file", help="the enrollment file enroll-CODE.json from a USB stick")
    p.add_argument("--fingerprint", help="the SHA-256 of the county's certificate, as printed with the code"
                                         " (at least its first 16 hex digits): pinned, so no public CA is needed")
    p.add_argument("--out", help="folder for enroll-request-DEVICE.json (default: beside --file)")

    p = add("sync", cmd_sync, "sync with the county server: send pending changes, take the county's publications"
                              " and the village's records")
    p.add_argument("--server", help="the county server's URL (default: the one from enrollment)")
    p.add_argument("--pull-only", action="store_true", help="send nothing: only take the county's publications and"
                                                            " the village's records")
    p.add_argument("--watch", action="store_true", help="keep syncing whenever the county answers (a township"
                                                        " computer), until Ctrl+C")
    p.add_argument("--interval", type=float, default=300, metavar="S", help="with --watch: seconds between"
                                                                             " rounds (default 300)")
    sub = p.add_subparsers(dest="action", metavar="[ACTION]")
    add("status", cmd_sync_status, "enrollment, last sync, what is pending", sub)
    q = add("rejected", cmd_sync_rejected, "records the county rejected, with its reasons", sub)
    q.add_argument("--all", action="store_true", help="resolved ones too")
    q = add("conflicts", cmd_sync_conflicts, "fields edited both here and at the county: the value not kept", sub)
    q.add_argument("--all", action="store_true", help="reviewed ones too")
    q.add_argument("--reviewed", type=int, action="append", metavar="NO", help="mark a conflict reviewed (repeatable)")

    g = group("batch", "the sync batch on a USB stick")
    q = add("export", cmd_batch_export, "write the pending batch (.zhb) for zhucun-county import", g)
    q.add_argument("--out", required=True, help="the file FILE.zhb (or a folder)")
    q = add("import-receipt", cmd_batch_import_receipt, "verify and apply the county's FILE.receipt.json", g)
    q.add_argument("file")
    q = add("import-records", cmd_batch_import_records, "verify and apply the village's records from"
                                                         " zhucun-county records-export", g)
    q.add_argument("file")
