"""The county administrator's commands (`./zhucun-county`), JSON out with --json.

Exit status: 0 ok, 2 refused (no key or the wrong one, a batch or enrollment the county
refuses), 3 invalid input (the message names the field and the rule).

Every command unlocks the county's master key first (keys.py): `--key-file FILE` (or
$ZHUCUN_COUNTY_KEY_FILE), the passphrase of a county made with `init --passphrase` (asked, or
`--passphrase-stdin`), or the default key file. Whatever the county writes is 0600.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import secrets
import sys
from pathlib import Path

from app.core import limits
from app.core.errors import NotFound, StateError, ValidationError, ZhucunError
from app.core.exitcodes import EXIT_INVALID, EXIT_OK, EXIT_REFUSED
from app.core.terminal import Parser  # usage mistakes are invalid input (exit 3), as on the device
from app.core.texttable import fields, table


class ImportRefused(ZhucunError):
    """A batch from a USB stick that the county refuses (exit 2)."""


def emit(args, data, text: str | None = None) -> None:
    if args.json or text is None:
        print(json.dumps(data, ensure_ascii=False, indent=1, default=str))
    else:
        print(text)


def _url(args) -> str:
    from . import db
    return db.normalize_url(args.db or db.default_url())


def _engine(args, creating: bool = False):
    from . import db
    _unlock(args, creating)
    return db.make_engine(_url(args))


def _ready_engine(args):
    """The engine of an initialised county database (NotInitialised otherwise)."""
    from . import county, db
    path = db.sqlite_file(_url(args))
    if path is not None and not path.exists():
        raise county.NotInitialised(f"数据库不存在 (no database at {path}): zhucun-county init")
    engine = _engine(args)
    county.load_county(engine)
    db.upgrade(engine)         # the tables a newer version added, before any worker starts
    return engine


# -- the master key ---------------------------------------------------------------------------------
def _passphrase(args, prompt: str, confirm: bool = False) -> str:
    from app.core.terminal import Secrets
    from app.core.errors import AccessDenied
    if not args.passphrase_stdin and not sys.stdin.isatty():
        raise AccessDenied("需要县服务器的密码 (the county's passphrase is needed): --passphrase-stdin")
    return Secrets(args.passphrase_stdin).ask(prompt, confirm=confirm)


def _keyring(url: str):
    """The passphrase keyring of this county, or None (a key file unlocks it)."""
    from sqlalchemy import select

    from . import db, keys
    path = db.sqlite_file(url)
    if path is not None:
        return keys.read_keyring_file(keys.keyring_file(path))
    if db.make_url(url).get_backend_name() != "postgresql":
        return None
    engine = db.make_engine(url)
    try:
        if not db.inspect(engine).has_table("keyring"):
            return None
        with engine.connect() as conn:
            row = conn.execute(select(db.keyring.c.doc)).first()
        return json.loads(row[0]) if row else None
    finally:
        engine.dispose()


def _save_keyring(url: str, ring: dict) -> None:
    from sqlalchemy import insert

    from . import db, keys
    path = db.sqlite_file(url)
    if path is not None:
        keys.private_folder(path.parent)
        keys.write_private(keys.keyring_file(path), json.dumps(ring).encode())
        return
    engine = db.make_engine(url)
    try:
        db.create_tables(engine)
        with engine.begin() as conn:
            conn.execute(insert(db.keyring).values(id=1, doc=json.dumps(ring)))
    finally:
        engine.dispose()


def _unlock(args, creating: bool) -> None:
    """Find the master key of args.db and remember it for the engines this process makes."""
    from . import keys
    url = _url(args)
    if keys.known(url):
        return
    key_file = getattr(args, "key_file", None) or os.environ.get(keys.KEY_FILE_ENV)
    ring = None if key_file else _keyring(url)
    if key_file:
        if creating and not Path(key_file).exists():
            master = keys.new_key_file(key_file)
            print(f"已生成县的密钥文件 (new key file): {key_file} — 请另行备份 (back it up apart from the"
                  " database)", file=sys.stderr)
        else:
            master = keys.read_key_file(key_file)
    elif ring is not None:
        master = keys.open_keyring(ring, _passphrase(args, "县服务器密码 (county passphrase): "))
    elif creating and (args.passphrase_stdin or getattr(args, "passphrase", False)):
        master = secrets.token_bytes(keys.KEY_BYTES)
        _save_keyring(url, keys.new_keyring(master, _passphrase(
            args, "设置县服务器密码 (new county passphrase): ", confirm=True)))
    else:
        path = keys.default_key_file()
        if creating and not path.exists():
            master = keys.new_key_file(path)
            print(f"已生成县的密钥文件 (new key file): {path} — 请另行备份 (back it up apart from the"
                  " database)", file=sys.stderr)
        elif not path.exists():
            raise keys.Locked(f"找不到县的密钥 (no key for this county): 默认密钥文件 {path} 不存在"
                              " (the default key file does not exist) — --key-file FILE 或 (or) --passphrase-stdin")
        else:
            master = keys.read_key_file(path)
    keys.remember(url, master)


def _read_json(path: str, field: str, kind: str = "config"):
    p = Path(path)
    if not p.is_file():
        raise ValidationError(field, "an existing file", f"{field}: 找不到文件 (no such file) {path}")
    return limits.load_json(p, kind, field)      # size and nesting checked before parsing


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
    from . import county
    engine = _engine(args, creating=True)
    out = county.init_county(engine, args.name)
    out["db"] = _url(args)
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
    try:
        engine = _ready_engine(args)
    except county.NotInitialised:
        # The first start on a new machine: make the county rather than send people to `init`.
        engine = _engine(args, creating=True)
        out = county.init_county(engine, args.name)
        print(f"已建立县服务器数据库 (county initialised): {out['county_name']}, {_url(args)}", file=sys.stderr)
    if args.ssl_certfile:
        county.set_certificate(engine, county.cert_fingerprint(args.ssl_certfile))
    _console_note(engine, args)
    options = {"ssl_certfile": args.ssl_certfile, "ssl_keyfile": args.ssl_keyfile, "log_level": args.log_level,
               "proxy_headers": False}
    if args.workers > 1:
        from . import workers
        if not workers.supported():
            raise ValidationError("--workers", "POSIX", "--workers: 多进程仅在 Linux 上 (several workers need Linux)")
        engine.dispose()  # each worker makes its own connections
        url = _url(args)
        return workers.serve(lambda: create_app(url), args.workers, args.host, args.port, **options)
    uvicorn.run(create_app(_url(args)), host=args.host, port=args.port, **options)


def _console_note(engine, args) -> None:
    """Where the web console is, and how to make its first account when it has none."""
    from . import users
    scheme, host = "https" if args.ssl_certfile else "http", "SERVER" if args.host == "0.0.0.0" else args.host
    print(f"县监测平台 (web console): {scheme}://{host}:{args.port}/login", file=sys.stderr)
    if not users.count_users(engine):
        print("还没有账号 (no account yet): zhucun-county user add --name NAME --role admin", file=sys.stderr)


def cmd_enroll(args):
    import segno

    from . import county, keys
    engine = _ready_engine(args)
    c = county.load_county(engine)
    fingerprint = county.cert_fingerprint(args.ssl_certfile) if args.ssl_certfile else None
    if args.restore:   # a new laptop in place of a lost one: the old one is revoked now
        code = county.restore_code(engine, args.restore, args.server)
    elif not args.village:
        raise ValidationError("--village", "required", "--village: 请给出村名 (give the village), 或 (or) --restore DEVICE")
    else:
        code = county.new_code(engine, args.village, args.township, args.server)
    document = county.enrollment_file(c, code, fingerprint or county.certificate(engine))
    out = Path(args.out or ".")
    out.mkdir(parents=True, exist_ok=True)
    json_path, png_path = out / f"enroll-{code['code']}.json", out / f"enroll-{code['code']}.png"
    keys.write_private(json_path, (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    png = io.BytesIO()
    segno.make(json.dumps(document, ensure_ascii=False, separators=(",", ":")), error="m").save(
        png, kind="png", scale=6, border=4)
    keys.write_private(png_path, png.getvalue())
    data = {"code": code["code"], "village": code["village"], "township": code["township"],
            "expires_at": code["expires_at"], "tls_sha256": document.get("tls_sha256"), "qr": str(png_path),
            "file": str(json_path)}
    pin = f"\n证书指纹 (certificate SHA-256): {document['tls_sha256']}" if document.get("tls_sha256") else ""
    if not pin and str(args.server or "").startswith("https://"):
        pin = ("\n未附证书指纹：设备将按公共CA核验证书 (no certificate fingerprint: devices will check the certificate"
               " against the public CAs — give --ssl-certfile for a certificate of the county's own)")
    if code.get("restore_of"):
        data["restore_of"] = code["restore_of"]
        pin += (f"\n恢复码：代替丢失的设备 {args.restore}（已停用），新电脑登记后从县里取回全村档案 (a restore code: the"
                f" lost device is revoked; the new laptop receives the village's whole file at its first sync)")
    emit(args, data, f"登记码 (enrollment code): {code['code']}\n"
                     f"村 (village): {code['village']}{'  乡镇 (township): ' + code['township'] if code['township'] else ''}\n"
                     f"有效至 (valid until): {code['expires_at']}{pin}\n"
                     f"二维码 (QR code): {png_path}\n登记文件 (enrollment file, for a USB stick): {json_path}")


def cmd_records_export(args):
    from . import county, down, keys
    engine = _ready_engine(args)
    doc = down.export_file(engine, county.load_county(engine), args.device, max(0, args.after))
    keys.write_private(Path(args.out), json.dumps(doc).encode("utf-8"))
    emit(args, {k: doc[k] for k in ("device_id", "after", "last")} | {"pages": len(doc["pages"]), "file": args.out},
         f"已写出设备 {args.device} 的记录 (records for the device written): {args.out}，{len(doc['pages'])} 页 (pages)\n"
         "在设备上导入 (on the device): zhucun batch import-records FILE")


def cmd_console_refresh(args):
    from .console import checks
    n = checks.refresh_county(_ready_engine(args))
    emit(args, {"villages": n}, f"控制台已更新 {n} 个村 (the console's rows of {n} villages are up to date)")


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


def cmd_publish_table(kind: str):
    def run(args):
        from . import county
        _publish(args, kind, county.check_table(kind, _read_json(args.file, "FILE")))
    return run


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
        duty = {k: v.strip() for k, v in (("measure", args.measure), ("responsible", args.responsible),
                                          ("deadline", args.deadline)) if v and v.strip()}
        out.append({**ref, "description": description, **duty})
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
    from . import county, keys
    engine = _ready_engine(args)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    tmp.unlink(missing_ok=True)
    with os.fdopen(keys.create_private(tmp), "w", encoding="utf-8") as f:  # every record: 0600
        n = county.export_records(engine, f)
    tmp.replace(out)
    emit(args, {"file": str(out), "records": n}, f"已导出 (exported) {n} 条记录 (records) → {out}")


def receipt_path(path: Path) -> Path:
    return path.with_suffix(".receipt.json") if path.suffix.lower() == ".zhb" else path.with_name(
        path.name + ".receipt.json")


def cmd_import(args):
    from app.sync import envelope

    from . import county, db, keys
    from .ingest import Conflict, Refused, ingest
    path = Path(args.file)
    if not path.is_file():
        raise ValidationError("FILE", "an existing file", f"FILE: 找不到文件 (no such file) {path}")
    engine = _ready_engine(args)
    data = limits.read_bytes(path, "batch", "FILE")
    if not data.startswith(envelope.MAGIC):
        req = _read_json(args.file, "FILE", "enrolment")
        if not isinstance(req, dict) or "device_key" not in req:
            raise ValidationError("FILE", "a .zhb batch or an enroll-request JSON",
                                  "FILE: 既不是批次文件也不是登记请求 (neither a batch nor an enrollment request)")
        out = county.enroll_from_file(engine, req)
        emit(args, out, f"已登记设备 (device enrolled): {out['device_id']} → {out['village']}")
        return
    try:
        receipt = ingest(engine, data)
    except Refused as e:
        raise ImportRefused(f"FILE: 批次被拒收 (batch refused): {e.reason}") from None
    except Conflict as e:
        raise ImportRefused(f"FILE: 批次号已用于其他内容 (batch id known with other content): {e}") from None
    body = receipt["body"]
    with db.reading(engine) as conn:
        village = county.device_row(conn, body["device_id"])["village"]
    pubs = county.publications_after(engine, 0, village)["items"]
    out = Path(args.receipt_out) if args.receipt_out else receipt_path(path)
    keys.write_private(out, (json.dumps({"receipt": receipt, "publications": pubs}, ensure_ascii=False)
                             + "\n").encode("utf-8"))
    summary = {"batch_id": body["batch_id"], "device_id": body["device_id"], "duplicate": body["duplicate"],
               "accepted": len(body["accepted"]), "rejected": body["rejected"], "publications": len(pubs),
               "receipt_file": str(out)}
    lines = [f"{'已收过 (already received)' if body['duplicate'] else '已收 (received)'} 批次 (batch) {body['batch_id']}"
             f" — 接收 (accepted) {len(body['accepted'])}，退回 (rejected) {len(body['rejected'])}"]
    lines += [f"  退回 (rejected) {r['tbl']} {r['id']}: {r['reason']}" for r in body["rejected"]]
    lines.append(f"回执 (receipt, with {len(pubs)} publications) → {out}")
    emit(args, summary, "\n".join(lines))


def cmd_user_add(args):
    from app.core.terminal import Secrets

    from . import users
    engine = _ready_engine(args)      # with --passphrase-stdin a county passphrase is read first
    if not args.passphrase_stdin and not sys.stdin.isatty():
        raise ValidationError("--passphrase-stdin", "the password on standard input",
                              "--passphrase-stdin: 请从标准输入给出新用户的密码 (give the new user's password"
                              " on standard input)")
    password = Secrets(args.passphrase_stdin).ask(f"{args.name} 的密码 (password): ", confirm=True)
    out = users.add_user(engine, args.name, args.role, password, args.township)
    emit(args, out, f"已添加用户 (user added): {out['name']} — {users.ROLES[out['role']]}"
                    f"{'  乡镇 (township): ' + out['township'] if out['township'] else ''}")


def cmd_user_list(args):
    from . import users
    rows = users.list_users(_ready_engine(args))
    for r in rows:
        r["state"] = "disabled 已停用" if r["disabled_at"] else "active 在用"
    emit(args, rows, table(rows, [("name", "用户 user"), ("role", "角色 role"), ("township", "乡镇 township"),
                                  ("created_at", "建立 created"), ("state", "状态 state")]))


def cmd_user_disable(args):
    from . import users
    out = users.disable_user(_ready_engine(args), args.name)
    emit(args, out, f"已停用用户 (user disabled): {out['name']}")


# -- the parser ----------------------------------------------------------------------------------
def _workers(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 64:
        raise argparse.ArgumentTypeError("--workers: 1 到 64 之间的整数 (a whole number from 1 to 64)")
    return int(text)


def build_parser() -> argparse.ArgumentParser:
    common = Parser(add_help=False)
    common.add_argument("--db", help="database URL: sqlite:///FILE (default: county.db in the user data"
                                     " folder, or $ZHUCUN_COUNTY_DB) or postgresql://…")
    common.add_argument("--json", action="store_true", help="JSON output")
    common.add_argument("--key-file", help="the county's key file (64 hex digits, mode 0600; default: county.key"
                                           " in the user's configuration folder, or $ZHUCUN_COUNTY_KEY_FILE)")
    common.add_argument("--passphrase-stdin", action="store_true",
                        help="read the county's passphrase from standard input (a county made with --passphrase)")
    parser = Parser(prog="zhucun-county", description="驻村 县服务器 (Zhucun county server)")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=Parser)

    def command(name, func, help_text, **kw):
        p = sub.add_parser(name, parents=[common], help=help_text, **kw)
        p.set_defaults(func=func)
        return p

    p = command("init", cmd_init, "create the database and the county's keys")
    p.add_argument("--name", help="the county's name")
    p.add_argument("--passphrase", action="store_true",
                   help="unlock the county with a passphrase (asked at every start) instead of a key file")
    p = command("serve", cmd_serve, "run the HTTP API")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=_workers, default=1,
                   help="processes answering requests (default 1; with PostgreSQL, about one per core)")
    p.add_argument("--ssl-certfile")
    p.add_argument("--ssl-keyfile")
    p.add_argument("--log-level", default="info", choices=["critical", "error", "warning", "info", "debug"])
    p.add_argument("--name", help="the county's name, when serve makes a new database")
    p = command("enroll", cmd_enroll, "a one-time enrollment code for a village's device")
    p.add_argument("--village", help="the village (not with --restore: the lost device's village)")
    p.add_argument("--restore", metavar="DEVICE", help="a restore code: the new laptop replaces this lost device,"
                                                       " which is revoked now, and receives the village's whole file")
    p.add_argument("--township")
    p.add_argument("--server", help="the URL devices sync with (goes into the enrollment file)")
    p.add_argument("--ssl-certfile", help="the certificate `serve` uses: its SHA-256 goes into the enrollment file"
                                          " and the device pins it (default: the one `serve` last ran with)")
    p.add_argument("--out", help="folder for enroll-CODE.png and enroll-CODE.json (default: here)")
    command("devices", cmd_devices, "enrolled devices")
    command("console-refresh", cmd_console_refresh, "compute the console's village rows and checks for today"
                                                     " (run it nightly, e.g. from cron at 00:05)")
    p = command("revoke", cmd_revoke, "refuse a device from now on")
    p.add_argument("device")
    for name, func, what in (("publish-prompts", cmd_publish_prompts, "a monthly prompt: {month, title, tasks}"),
                             ("publish-baseline", cmd_publish_baseline, "the baselines table"),
                             ("publish-form", cmd_publish_form, "a form definition (.yaml, .json, .xlsx)"),
                             ("publish-visit-policy", cmd_publish_table("visit_policy"), "the visit policy table"),
                             ("publish-duties", cmd_publish_table("duties"), "the duties' thresholds table"),
                             ("publish-warnings", cmd_publish_table("warnings"),
                              "department warnings by ID number: {department, found_on, items: [{id_number, description}]}")):
        p = command(name, func, what)
        p.add_argument("file", metavar="FILE")
        p.add_argument("--village", help="only this village (default: every village)")
    p = sub.add_parser("problems", help="problem lists for the villages")
    psub = p.add_subparsers(dest="action", required=True, parser_class=Parser)
    p = psub.add_parser("add", parents=[common], help="publish a problem list")
    p.set_defaults(func=cmd_problems_add)
    p.add_argument("--title", required=True)
    p.add_argument("--item", action="append", metavar="HOUSEHOLD_NUMBER_OR_ID=DESCRIPTION", required=True)
    p.add_argument("--measure", help="整改措施, for every item")
    p.add_argument("--responsible", help="责任人, for every item")
    p.add_argument("--deadline", help="整改时限 YYYY-MM-DD, for every item")
    p.add_argument("--village")
    p = sub.add_parser("roster", help="county edits of households")
    rsub = p.add_subparsers(dest="action", required=True, parser_class=Parser)
    p = rsub.add_parser("set", parents=[common], help="change fields of a household and publish the change")
    p.set_defaults(func=cmd_roster_set)
    p.add_argument("household_id", metavar="HOUSEHOLD_ID")
    p.add_argument("changes", nargs="+", metavar="FIELD=VALUE")
    p = sub.add_parser("user", help="accounts of the web console")
    usub = p.add_subparsers(dest="action", required=True, parser_class=Parser)
    p = usub.add_parser("add", parents=[common], help="a new account (its password asked, or --passphrase-stdin:"
                                                       " one line on standard input, after the county's)")
    p.set_defaults(func=cmd_user_add)
    p.add_argument("--name", required=True)
    p.add_argument("--role", required=True, choices=["admin", "monitor", "township"])
    p.add_argument("--township", help="the township a reviewer sees (--role township)")
    p = usub.add_parser("list", parents=[common], help="the accounts")
    p.set_defaults(func=cmd_user_list)
    p = usub.add_parser("disable", parents=[common], help="an account signs in no more")
    p.set_defaults(func=cmd_user_disable)
    p.add_argument("name", metavar="NAME")
    command("batches", cmd_batches, "batches received")
    command("stats", cmd_stats, "what the county holds")
    p = command("conflicts", cmd_conflicts, "household fields edited both in a village and here")
    p.add_argument("--all", action="store_true", help="reviewed ones too")
    p.add_argument("--reviewed", type=int, metavar="ID", help="mark one reviewed")
    p = command("export", cmd_export, "every record as JSON lines")
    p.add_argument("--out", required=True)
    p = command("records-export", cmd_records_export, "a device's records down as a file for a USB stick")
    p.add_argument("--device", required=True, help="the device it is for (zhucun-county devices)")
    p.add_argument("--after", type=int, default=0, help="the device's place already read (default 0: everything)")
    p.add_argument("--out", required=True, help="the file (zhucun batch import-records FILE on the device)")
    p = command("import", cmd_import, "a .zhb batch from a USB stick, or an enroll-request JSON")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--receipt-out", help="where the receipt goes (default: FILE.receipt.json)")
    return parser


def main(argv: list[str] | None = None) -> int:
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError

    from app.core.errors import AccessDenied

    from .county import EnrollmentRefused, NotInitialised
    args = build_parser().parse_args(argv)
    _start_log(args)
    try:
        result = args.func(args)
        return result if isinstance(result, int) else EXIT_OK
    except ValidationError as e:
        text = str(e) if str(e).startswith(e.field) else f"{e.field} ({e.rule}): {e}"
        return _fail(args, e.as_dict(), f"输入有误 (invalid input) — {text}")
    except NotInitialised as e:
        return _fail(args, {"error": "not_initialised", "message": str(e)}, f"无法执行 (not done) — {e}",
                     EXIT_REFUSED)
    except EnrollmentRefused as e:
        return _fail(args, {"error": "refused", "status": e.status, "message": str(e)}, f"拒绝 (refused) — {e}",
                     EXIT_REFUSED)
    except (AccessDenied, ImportRefused) as e:
        return _fail(args, {"error": "refused", "message": str(e)}, f"拒绝 (refused) — {e}", EXIT_REFUSED)
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


def _start_log(args) -> None:
    """The county's own log (app.log): beside an SQLite database, else the platform's log folder."""
    from sqlalchemy.engine import make_url

    from app import log
    folder = None
    try:
        url = make_url(_url(args))
        if url.get_backend_name() == "sqlite" and url.database:
            folder = Path(url.database).expanduser().resolve().parent
    except Exception:  # noqa: BLE001 - a URL the command will refuse with a sentence; log where the platform logs
        folder = None
    log.setup_county(folder)
    log.county_logger.info("command %s", getattr(args, "command", None) or "-")


def _fail(args, data: dict, text: str, code: int = EXIT_INVALID) -> int:
    if getattr(args, "json", False):
        print(json.dumps(data, ensure_ascii=False))
    print(text, file=sys.stderr)
    return code
