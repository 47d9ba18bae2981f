"""The county administrator's commands (`./zhucun-county`), JSON out with --json.

Exit status: 0 ok, 3 invalid input or refused (the message names the field and the rule).
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.cli import Parser  # usage mistakes are invalid input (exit 3), as on the device
from app.clitable import fields, table
from app.core.errors import NotFound, StateError, ValidationError, ZhucunError

EXIT_OK, EXIT_INVALID = 0, 3


def emit(args, data, text: str | None = None) -> None:
    if args.json or text is None:
        print(json.dumps(data, ensure_ascii=False, indent=1, default=str))
    else:
        print(text)


def _engine(args):
    from . import db
    return db.make_engine(args.db or db.default_url())


def _ready_engine(args):
    """The engine of an initialised county database (NotInitialised otherwise)."""
    from . import county, db
    path = db.sqlite_file(args.db or db.default_url())
    if path is not None and not path.exists():
        raise county.NotInitialised(f"数据库不存在 (no database at {path}): zhucun-county init")
    engine = _engine(args)
    county.load_county(engine)
    return engine


def _read_json(path: str, field: str):
    p = Path(path)
    if not p.is_file():
        raise ValidationError(field, "an existing file", f"{field}: 找不到文件 (no such file) {path}")
    try:
        return json.loads(p.read_text("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ValidationError(field, "a JSON file", f"{field}: 不是有效的JSON (not valid JSON): {e}") from None


def _pairs(pairs: list[str], field: str) -> dict:
    out = {}
    for pair in pairs or []:
        if "=" not in pair or not pair.split("=", 1)[0].strip():
            raise ValidationError(field, "KEY=VALUE", f"{field}: '{pair}' 应为 键=值 (expected KEY=VALUE)")
        key, value = pair.split("=", 1)
        out[key.strip()] = value
    return out


# -- commands ----------------------------------------------------------------------------------
def cmd_init(args):
    from . import county, db
    engine = _engine(args)
    out = county.init_county(engine, args.name)
    out["db"] = db.normalize_url(args.db or db.default_url())
    emit(args, out, f"已建立县服务器数据库 (county initialised): {out['county_name']}\n"
                    f"县编号 (county id): {out['county_id']}\n"
                    f"签名公钥 (signing key): {out['sign_key']}\n加密公钥 (encryption key): {out['hpke_key']}")


def cmd_serve(args):
    import uvicorn

    from . import county
    from .api import create_app
    if bool(args.ssl_certfile) != bool(args.ssl_keyfile):
        raise ValidationError("--ssl-certfile", "given with --ssl-keyfile",
                              "--ssl-certfile/--ssl-keyfile: 须同时给出 (give both)")
    from . import db
    try:
        _ready_engine(args)
    except county.NotInitialised:
        # The first start on a new machine: make the county rather than send people to `init`.
        out = county.init_county(_engine(args), args.name)
        print(f"已建立县服务器数据库 (county initialised): {out['county_name']}, "
              f"{db.normalize_url(args.db or db.default_url())}", file=sys.stderr)
    app = create_app(args.db or db.default_url())
    uvicorn.run(app, host=args.host, port=args.port, ssl_certfile=args.ssl_certfile,
                ssl_keyfile=args.ssl_keyfile, log_level=args.log_level, proxy_headers=False)


def cmd_enroll(args):
    import segno

    from . import county
    engine = _ready_engine(args)
    c = county.load_county(engine)
    code = county.new_code(engine, args.village, args.township, args.server)
    document = county.enrollment_file(c, code)
    out = Path(args.out or ".")
    out.mkdir(parents=True, exist_ok=True)
    json_path, png_path = out / f"enroll-{code['code']}.json", out / f"enroll-{code['code']}.png"
    json_path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", "utf-8")
    segno.make(json.dumps(document, ensure_ascii=False, separators=(",", ":")), error="m").save(
        str(png_path), scale=6, border=4)
    data = {"code": code["code"], "village": code["village"], "township": code["township"],
            "expires_at": code["expires_at"], "qr": str(png_path), "file": str(json_path)}
    emit(args, data, f"登记码 (enrollment code): {code['code']}\n"
                     f"村 (village): {code['village']}{'  乡镇 (township): ' + code['township'] if code['township'] else ''}\n"
                     f"有效至 (valid until): {code['expires_at']}\n"
                     f"二维码 (QR code): {png_path}\n登记文件 (enrollment file, for a USB stick): {json_path}")


def cmd_devices(args):
    from . import county
    rows = county.list_devices(_ready_engine(args))
    for r in rows:
        r["state"] = "revoked 已停用" if r["revoked_at"] else "active 在用"
    emit(args, rows, table(rows, [("device_id", "设备 device"), ("village", "村 village"), ("label", "名称 label"),
                                  ("enrolled_at", "登记 enrolled"), ("last_batch_at", "最近批次 last batch"),
                                  ("audit_seq", "审计 audit"), ("state", "状态 state")]))


def cmd_revoke(args):
    from . import county
    row = county.revoke(_ready_engine(args), args.device)
    emit(args, row, f"已停用设备 (device revoked): {row['device_id']} ({row['village']})")


def _publish(args, kind: str, data: dict):
    from . import county
    engine = _ready_engine(args)
    village = (args.village or "").strip() or None
    doc = county.publish(engine, kind, data, village)
    body = doc["body"]
    emit(args, body, f"已发布 (published) {kind} #{body['seq']} → {village or '所有村 (every village)'}")


def cmd_publish_prompts(args):
    from . import county
    _publish(args, "prompts", county.check_prompts(_read_json(args.file, "FILE")))


def cmd_publish_baseline(args):
    from . import county
    _publish(args, "baseline", county.check_baseline(_read_json(args.file, "FILE")))


def cmd_publish_form(args):
    from app.core.forms.definition import FormError, load_file

    from . import county
    try:
        form = load_file(args.file)
    except FormError as e:
        raise ValidationError("FILE", "a valid form definition", f"FILE: {e}") from None
    _publish(args, "form", county.portable(form.rows))


def cmd_problems_add(args):
    from . import county, db
    title = (args.title or "").strip()
    if not title or len(title) > 200:
        raise ValidationError("--title", "1-200 characters", "--title: 请给出标题 (1-200字) (give a title)")
    items = _pairs(args.item, "--item")
    if not items:
        raise ValidationError("--item", "at least one", "--item: 至少一项 户号或户ID=问题 (at least one)")
    engine = _ready_engine(args)
    with db.reading(engine) as conn:
        known = county.household_ids(conn, list(items))
    out = []
    for key, description in items.items():
        description = description.strip()
        if not description or len(description) > 2000:
            raise ValidationError("--item", "a description of 1-2000 characters",
                                  f"--item {key}: 请写明问题 (describe the problem)")
        ref = {"household_id": key} if key in known else {"household_number": key}
        out.append({**ref, "description": description})
    _publish(args, "problems", {"title": title, "items": out})


def cmd_roster_set(args):
    from . import county
    result = county.roster_set(_ready_engine(args), args.household_id, _pairs(args.changes, "FIELD=VALUE"))
    if not result["changes"]:
        emit(args, result, "没有改动 (nothing changed: the county holds these values already)")
        return
    emit(args, result, f"已修改 (changed) {', '.join(result['changes'])} — 发布 (published) roster "
                       f"#{result['publication']} → {result['village'] or '所有村 (every village)'}")


def cmd_batches(args):
    from . import county
    rows = county.list_batches(_ready_engine(args))
    emit(args, rows, table(rows, [("batch_id", "批次 batch"), ("device_id", "设备 device"), ("state", "状态 state"),
                                  ("size", "字节 bytes"), ("accepted", "接收 accepted"), ("rejected", "退回 rejected"),
                                  ("received_at", "收到 received"), ("reason", "原因 reason")]))


def cmd_stats(args):
    from . import county
    data = county.stats(_ready_engine(args))
    emit(args, data, fields(data, [(k, k) for k in data]))


def cmd_conflicts(args):
    from . import county
    engine = _ready_engine(args)
    if args.reviewed is not None:
        county.mark_reviewed(engine, args.reviewed)
        emit(args, {"id": args.reviewed, "reviewed": True}, f"已标记为已查看 (marked reviewed): {args.reviewed}")
        return
    rows = county.list_conflicts(engine, include_reviewed=args.all)
    if not rows:
        emit(args, rows, "没有待查看的冲突 (no conflicts to review)")
        return
    emit(args, rows, table([{**r, "kept_value": json.dumps(r["kept_value"], ensure_ascii=False),
                             "lost_value": json.dumps(r["lost_value"], ensure_ascii=False)} for r in rows],
                           [("id", "#"), ("record_id", "户 household"), ("field", "字段 field"),
                            ("kept_value", "保留 kept"), ("lost_value", "未采用 lost"), ("winner", "胜出 winner"),
                            ("at", "时间 at")]))


def cmd_export(args):
    from . import county
    engine = _ready_engine(args)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    with tmp.open("w", encoding="utf-8") as f:
        n = county.export_records(engine, f)
    tmp.replace(out)
    emit(args, {"file": str(out), "records": n}, f"已导出 (exported) {n} 条记录 (records) → {out}")


def receipt_path(path: Path) -> Path:
    return path.with_suffix(".receipt.json") if path.suffix.lower() == ".zhb" else path.with_name(
        path.name + ".receipt.json")


def cmd_import(args):
    from app.sync import envelope

    from . import county, db
    from .ingest import Conflict, Refused, ingest
    path = Path(args.file)
    if not path.is_file():
        raise ValidationError("FILE", "an existing file", f"FILE: 找不到文件 (no such file) {path}")
    engine = _ready_engine(args)
    data = path.read_bytes()
    if not data.startswith(envelope.MAGIC):
        req = _read_json(args.file, "FILE")
        if not isinstance(req, dict) or "device_key" not in req:
            raise ValidationError("FILE", "a .zhb batch or an enroll-request JSON",
                                  "FILE: 既不是批次文件也不是登记请求 (neither a batch nor an enrollment request)")
        out = county.enroll_from_file(engine, req)
        emit(args, out, f"已登记设备 (device enrolled): {out['device_id']} → {out['village']}")
        return
    try:
        receipt = ingest(engine, data)
    except Refused as e:
        raise ValidationError("FILE", "a batch the county accepts",
                              f"FILE: 批次被拒收 (batch refused): {e.reason}") from None
    except Conflict as e:
        raise ValidationError("FILE", "the same batch id with the same content",
                              f"FILE: 批次号已用于其他内容 (batch id known with other content): {e}") from None
    body = receipt["body"]
    with db.reading(engine) as conn:
        village = county.device_row(conn, body["device_id"])["village"]
    pubs = county.publications_after(engine, 0, village)["items"]
    out = Path(args.receipt_out) if args.receipt_out else receipt_path(path)
    tmp = out.with_name(out.name + ".part")
    tmp.write_text(json.dumps({"receipt": receipt, "publications": pubs}, ensure_ascii=False) + "\n", "utf-8")
    tmp.replace(out)
    summary = {"batch_id": body["batch_id"], "device_id": body["device_id"], "duplicate": body["duplicate"],
               "accepted": len(body["accepted"]), "rejected": body["rejected"], "publications": len(pubs),
               "receipt_file": str(out)}
    lines = [f"{'已收过 (already received)' if body['duplicate'] else '已收 (received)'} 批次 (batch) {body['batch_id']}"
             f" — 接收 (accepted) {len(body['accepted'])}，退回 (rejected) {len(body['rejected'])}"]
    lines += [f"  退回 (rejected) {r['tbl']} {r['id']}: {r['reason']}" for r in body["rejected"]]
    lines.append(f"回执 (receipt, with {len(pubs)} publications) → {out}")
    emit(args, summary, "\n".join(lines))


# -- the parser ----------------------------------------------------------------------------------
def build_parser() -> argparse.ArgumentParser:
    common = Parser(add_help=False)
    common.add_argument("--db", help="database URL: sqlite:///FILE (default: county.db in the user data"
                                     " folder, or $ZHUCUN_COUNTY_DB) or postgresql://…")
    common.add_argument("--json", action="store_true", help="JSON output")
    parser = Parser(prog="zhucun-county", description="驻村 县服务器 (Zhucun county server)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    def command(name, func, help_text, **kw):
        p = sub.add_parser(name, parents=[common], help=help_text, **kw)
        p.set_defaults(func=func)
        return p

    p = command("init", cmd_init, "create the database and the county's keys")
    p.add_argument("--name", help="the county's name")
    p = command("serve", cmd_serve, "run the HTTP API")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--ssl-certfile")
    p.add_argument("--ssl-keyfile")
    p.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    p.add_argument("--name", help="the county's name, when serve makes a new database")
    p = command("enroll", cmd_enroll, "a one-time enrollment code for a village's device")
    p.add_argument("--village", required=True)
    p.add_argument("--township")
    p.add_argument("--server", help="the URL devices sync with (goes into the enrollment file)")
    p.add_argument("--out", help="folder for enroll-CODE.png and enroll-CODE.json (default: here)")
    command("devices", cmd_devices, "enrolled devices")
    p = command("revoke", cmd_revoke, "refuse a device from now on")
    p.add_argument("device")
    for name, func, what in (("publish-prompts", cmd_publish_prompts, "a monthly prompt: {month, title, tasks}"),
                             ("publish-baseline", cmd_publish_baseline, "the baselines table"),
                             ("publish-form", cmd_publish_form, "a form definition (.yaml, .json, .xlsx)")):
        p = command(name, func, what)
        p.add_argument("file", metavar="FILE")
        p.add_argument("--village", help="only this village (default: every village)")
    p = sub.add_parser("problems", help="problem lists for the villages")
    psub = p.add_subparsers(dest="action", required=True, parser_class=Parser)
    p = psub.add_parser("add", parents=[common], help="publish a problem list")
    p.set_defaults(func=cmd_problems_add)
    p.add_argument("--title", required=True)
    p.add_argument("--item", action="append", metavar="HOUSEHOLD_NUMBER_OR_ID=DESCRIPTION", required=True)
    p.add_argument("--village")
    p = sub.add_parser("roster", help="county edits of households")
    rsub = p.add_subparsers(dest="action", required=True, parser_class=Parser)
    p = rsub.add_parser("set", parents=[common], help="change fields of a household and publish the change")
    p.set_defaults(func=cmd_roster_set)
    p.add_argument("household_id", metavar="HOUSEHOLD_ID")
    p.add_argument("changes", nargs="+", metavar="FIELD=VALUE")
    command("batches", cmd_batches, "batches received")
    command("stats", cmd_stats, "what the county holds")
    p = command("conflicts", cmd_conflicts, "household fields edited both in a village and here")
    p.add_argument("--all", action="store_true", help="reviewed ones too")
    p.add_argument("--reviewed", type=int, metavar="ID", help="mark one reviewed")
    p = command("export", cmd_export, "every record as JSON lines")
    p.add_argument("--out", required=True)
    p = command("import", cmd_import, "a .zhb batch from a USB stick, or an enroll-request JSON")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--receipt-out", help="where the receipt goes (default: FILE.receipt.json)")
    return parser


def main(argv: list[str] | None = None) -> int:
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

    from .county import EnrollmentRefused, NotInitialised
    args = build_parser().parse_args(argv)
    try:
        result = args.func(args)
        return result if isinstance(result, int) else EXIT_OK
    except ValidationError as e:
        text = str(e) if str(e).startswith(e.field) else f"{e.field} ({e.rule}): {e}"
        return _fail(args, e.as_dict(), f"输入有误 (invalid input) — {text}")
    except NotInitialised as e:
        return _fail(args, {"error": "not_initialised", "message": str(e)}, f"无法执行 (not done) — {e}")
    except EnrollmentRefused as e:
        return _fail(args, {"error": "refused", "status": e.status, "message": str(e)}, f"拒绝 (refused) — {e}")
    except (NotFound, StateError) as e:
        kind = "not_found" if isinstance(e, NotFound) else "state"
        return _fail(args, {"error": kind, "message": str(e)}, f"无法执行 (not done) — {e}")
    except ZhucunError as e:
        return _fail(args, {"error": "error", "message": str(e)}, str(e))
    except (OperationalError, ArgumentError, NoSuchModuleError) as e:
        return _fail(args, {"error": "database", "message": str(e).splitlines()[0]},
                     f"无法打开数据库 (cannot use the database) — {str(e).splitlines()[0]}")
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        sys.stderr.close()
        return EXIT_OK


def _fail(args, data: dict, text: str) -> int:
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False))
    print(text, file=sys.stderr)
    return EXIT_INVALID
