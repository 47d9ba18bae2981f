"""The county's own state: its keys, enrollment codes and devices, the publications it sends
down, the county's edits of households, and what it holds (docs/sync.md).

Functions take an Engine and run one transaction each, or a Connection already in one.
"""
from __future__ import annotations

import hashlib
import json
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DatabaseError

from app.core import canonical
from app.core.errors import NotFound, StateError, ValidationError, ZhucunError
from app.core.hlc import Clock
from app.storage.audit import GENESIS
from app.storage.records import new_id, utc_now
from app.sync import envelope

from . import db, down, keys

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud and typed by hand
CODE_DAYS = 14
SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
HEX_KEY = re.compile(r"^[0-9a-f]{64}$")
COUNTY_NODE = "county"

# What `stats` counts, by the name a person reads, and the record table it is.
KINDS = {"households": "households", "members": "members", "visits": "visits", "forms": "form_instances",
         "signatures": "form_signatures", "incomes": "income_assessments", "cases": "cases",
         "case_events": "case_events", "prompts": "prompts", "prompt_tasks": "prompt_tasks",
         "attendance": "attendance", "problem_lists": "problem_lists", "problem_items": "problem_items",
         "users": "users", "form_definitions": "form_definitions"}

PUBLICATION_KINDS = ("prompts", "baseline", "problems", "roster", "form", "visit_policy", "duties", "warnings")


class NotInitialised(ZhucunError):
    """No county in this database yet: `zhucun-county init`."""


class EnrollmentRefused(ZhucunError):
    """An enrollment the county does not accept; `status` is the HTTP answer (404, 410, 409)."""

    def __init__(self, message: str, status: int):
        self.status = status
        super().__init__(message)


@dataclass(frozen=True)
class County:
    id: str
    name: str
    sign_key: Ed25519PrivateKey
    hpke_key: X25519PrivateKey

    @property
    def sign_public(self) -> str:
        return envelope.public_hex(self.sign_key.public_key())

    @property
    def hpke_public(self) -> str:
        return envelope.public_hex(self.hpke_key.public_key())


# -- small helpers ---------------------------------------------------------------------------
def _in_tx(bind: Engine | Connection, fn):
    """Run fn(conn) in one transaction: a new one for an Engine, the caller's for a Connection."""
    if isinstance(bind, Engine):
        with bind.begin() as conn:
            return fn(conn)
    return fn(bind)


def iso(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def check_id(value, field: str) -> str:
    if not isinstance(value, str) or not SAFE_ID.fullmatch(value):
        raise ValidationError(field, "1-64 letters, digits, '.', '_' or '-'",
                              f"{field}: 应为1-64个字母、数字或 . _ - (1-64 letters, digits, '.', '_', '-')")
    return value


def dumps(value) -> str:
    return canonical.dumps(value)


# -- the county --------------------------------------------------------------------------------
def init_county(engine: Engine, name: str | None = None) -> dict:
    """Create the tables and the county's keys. Refuses a database that has a county already."""
    name = (name or "").strip() or "县 (county)"
    if len(name) > 100:
        raise ValidationError("--name", "at most 100 characters", "--name: 最多100字 (at most 100 characters)")
    db.create_tables(engine)
    with engine.begin() as conn:
        if conn.execute(select(func.count()).select_from(db.county)).scalar():
            raise StateError("此数据库已初始化，不会覆盖县的密钥 (this database already holds a county:"
                             " its keys are never overwritten)")
        sign_key, hpke_key = Ed25519PrivateKey.generate(), X25519PrivateKey.generate()
        master, county_id = db.master_key(conn, creating=True), new_id()
        row = {"id": county_id, "name": name, "created_at": utc_now(),
               "sign_key_private": keys.wrap_private(master, county_id, "sign_key", envelope.private_bytes(sign_key)),
               "hpke_key_private": keys.wrap_private(master, county_id, "hpke_key", envelope.private_bytes(hpke_key))}
        conn.execute(insert(db.county).values(**row))
    return {"county_id": row["id"], "county_name": name, "sign_key": envelope.public_hex(sign_key.public_key()),
            "hpke_key": envelope.public_hex(hpke_key.public_key())}


def load_county(bind: Engine | Connection) -> County:
    def run(conn):
        try:
            initialised = db.has_tables(conn)
        except DatabaseError as e:
            if "not a database" in str(e):
                raise keys.Locked("密钥不对：打不开这个县的数据库 (this key does not open this county's database:"
                                  " another key file or passphrase)") from None
            raise
        if not initialised:
            raise NotInitialised("数据库未初始化 (no county in this database): zhucun-county init")
        row = conn.execute(select(db.county)).mappings().first()
        if row is None:
            raise NotInitialised("数据库未初始化 (no county in this database): zhucun-county init")
        return county_from_row(conn, row)
    if isinstance(bind, Engine):
        with db.reading(bind) as conn:
            return run(conn)
    return run(bind)


def county_from_row(conn: Connection, row) -> County:
    """The county with its private keys, unwrapped by the master key the engine was opened with."""
    master = db.master_key(conn)
    sign = keys.unwrap_private(master, row["id"], "sign_key", row["sign_key_private"])
    hpke = keys.unwrap_private(master, row["id"], "hpke_key", row["hpke_key_private"])
    return County(row["id"], row["name"], Ed25519PrivateKey.from_private_bytes(sign),
                  X25519PrivateKey.from_private_bytes(hpke))


# -- enrollment ------------------------------------------------------------------------------
def normalize_code(text) -> str | None:
    """`abcd efgh-jkmn` → `ABCD-EFGH-JKMN`; None when it cannot be a code."""
    if not isinstance(text, str):
        return None
    raw = re.sub(r"[\s-]", "", text).upper()
    if len(raw) != 12 or any(c not in CODE_ALPHABET for c in raw):
        return None
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def new_code(engine: Engine, village: str, township: str | None = None, server: str | None = None,
             now: str | None = None, days: int = CODE_DAYS) -> dict:
    village = (village or "").strip()
    if not village or len(village) > 40:
        raise ValidationError("--village", "1-40 characters", "--village: 请给出村名 (1-40字) (give the village)")
    township = (township or "").strip() or None
    if township and len(township) > 40:
        raise ValidationError("--township", "at most 40 characters", "--township: 最多40字 (at most 40)")
    if server and not str(server).startswith(("http://", "https://")):
        raise ValidationError("--server", "http:// or https:// URL",
                              "--server: 应以 http:// 或 https:// 开头 (must start with http:// or https://)")
    now = now or utc_now()
    expires = iso(parse_iso(now) + timedelta(days=days))
    with engine.begin() as conn:
        while True:
            raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
            code = f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"
            if conn.execute(select(db.enrollment_codes.c.code).where(db.enrollment_codes.c.code == code)).first():
                continue
            conn.execute(insert(db.enrollment_codes).values(code=code, village=village, township=township,
                                                            server=server, created_at=now, expires_at=expires))
            break
    return {"code": code, "village": village, "township": township, "server": server, "expires_at": expires}


def enrollment_file(county: County, code: dict, tls_sha256: str | None = None) -> dict:
    """The enrollment file for a USB stick (and the QR code's content). `tls_sha256`: the
    county certificate's fingerprint, which the device pins (no public CA needed)."""
    doc = {"code": code["code"], "county_id": county.id, "county_name": county.name,
           "sign_key": county.sign_public, "hpke_key": county.hpke_public, "village": code["village"],
           "township": code["township"], "server": code.get("server")}
    if tls_sha256:
        doc["tls_sha256"] = tls_sha256
    if code.get("restore_of"):   # a restore code: the laptop says what it replaces and what cannot come back
        doc["restore_of"] = code["restore_of"]
    return doc


def cert_fingerprint(path) -> str:
    """SHA-256 of a PEM certificate (the first in the file), hex: what a device pins."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding
    try:
        cert = x509.load_pem_x509_certificate(Path(path).read_bytes())
    except (OSError, ValueError) as e:
        raise ValidationError("--ssl-certfile", "a PEM certificate",
                              f"--ssl-certfile {path}: 不是可读的PEM证书 (not a readable PEM certificate: {e})") from None
    return hashlib.sha256(cert.public_bytes(Encoding.DER)).hexdigest()


def set_certificate(engine: Engine, fingerprint: str) -> None:
    with engine.begin() as conn:
        conn.execute(update(db.county).values(tls_sha256=fingerprint))


def certificate(engine: Engine) -> str | None:
    with db.reading(engine) as conn:
        return conn.execute(select(db.county.c.tls_sha256)).scalar()


def check_enroll_request(req: dict) -> dict:
    """The fields of an enrollment request, checked; ValidationError names the first wrong one."""
    if not isinstance(req, dict):
        raise ValidationError("request", "JSON object")
    code = normalize_code(req.get("code"))
    if code is None:
        raise ValidationError("code", "XXXX-XXXX-XXXX", "code: 登记码格式应为 XXXX-XXXX-XXXX (expected XXXX-XXXX-XXXX)")
    device_id = check_id(req.get("device_id"), "device_id")
    store_id = check_id(req.get("store_id"), "store_id")
    key = req.get("device_key")
    if not isinstance(key, str) or not HEX_KEY.fullmatch(key):
        raise ValidationError("device_key", "64 hex digits (Ed25519 public key)")
    try:
        envelope.ed25519_public(key)
    except ValueError:
        raise ValidationError("device_key", "an Ed25519 public key") from None
    label = req.get("label")
    if label is not None and (not isinstance(label, str) or len(label) > 100 or "\x00" in label):
        raise ValidationError("label", "text of at most 100 characters (no NUL)")
    return {"code": code, "device_id": device_id, "store_id": store_id, "device_key": key,
            "label": (label or "").strip() or None}


def enroll_device(engine: Engine, req: dict, now: str | None = None) -> dict:
    """Bind a device's key to the village of a one-time code (docs/sync.md, "Enrollment").
    Asking again with the same code, device and key answers the same (a lost answer is retried)."""
    req = check_enroll_request(req)
    now = now or utc_now()
    county = load_county(engine)

    def run(conn):
        code = conn.execute(select(db.enrollment_codes).where(
            db.enrollment_codes.c.code == req["code"])).mappings().first()
        if code is None:
            raise EnrollmentRefused("登记码不存在 (no such enrollment code)", 404)
        device = db.lock_device(conn, req["device_id"])
        if code["used_by"] is not None:
            again = (code["used_by"] == req["device_id"] and device is not None
                     and device["public_key"] == req["device_key"] and device["revoked_at"] is None)
            if not again:
                raise EnrollmentRefused("登记码已用过 (this enrollment code was used already)", 410)
        elif code["expires_at"] <= now:
            raise EnrollmentRefused("登记码已过期 (this enrollment code has expired)", 410)
        if device is not None:
            if device["public_key"] != req["device_key"]:
                raise EnrollmentRefused("此设备号已用另一个密钥登记 (this device id is enrolled with another key)", 409)
            if device["revoked_at"] is not None:
                raise EnrollmentRefused("此设备已停用 (this device was revoked)", 409)
            conn.execute(update(db.devices).where(db.devices.c.device_id == req["device_id"]).values(
                village=code["village"], township=code["township"], label=req["label"] or device["label"]))
        else:
            conn.execute(insert(db.devices).values(
                device_id=req["device_id"], store_id=req["store_id"], public_key=req["device_key"],
                village=code["village"], township=code["township"], label=req["label"], enrolled_at=now,
                revoked_at=None, audit_head=GENESIS, audit_seq=0))
        if code["used_by"] is None:
            conn.execute(update(db.enrollment_codes).where(db.enrollment_codes.c.code == req["code"]).values(
                used_by=req["device_id"], used_at=now))
        answer = {"county_id": county.id, "county_name": county.name, "sign_key": county.sign_public,
                  "hpke_key": county.hpke_public, "village": code["village"], "township": code["township"],
                  "device_id": req["device_id"]}
        restore = restore_of(conn, req["code"])
        return {**answer, "restore_of": restore} if restore else answer
    down.ensure_tables(engine)
    return _in_tx(engine, run)


def restore_code(engine: Engine, device_id: str, server: str | None = None, now: str | None = None) -> dict:
    """A one-time code that enrols a new laptop in place of a lost one: the old device is revoked
    now (what it sends from here on is refused), the code is for its village, and the new laptop
    receives the village's whole file from the county when it first syncs."""
    down.ensure_tables(engine)
    now = now or utc_now()
    with db.reading(engine) as conn:
        old = device_row(conn, check_id(device_id, "--restore"))
        last = conn.execute(select(func.max(db.batches.c.received_at)).where(
            db.batches.c.device_id == device_id, db.batches.c.state == "done")).scalar()
    if old is None:
        raise NotFound(f"没有这台设备 (no device {device_id}): zhucun-county devices")
    revoke(engine, device_id, now)
    code = new_code(engine, old["village"], old["township"], server, now)
    with engine.begin() as conn:
        conn.execute(insert(db.restore_codes).values(code=code["code"], old_device_id=device_id,
                                                     old_label=old["label"], last_batch_at=last, created_at=now))
    return {**code, "restore_of": {"device_id": device_id, "label": old["label"], "last_batch_at": last}}


def restore_of(conn: Connection, code: str) -> dict | None:
    """The lost device a restore code replaces (None: an ordinary enrolment code)."""
    row = conn.execute(select(db.restore_codes).where(db.restore_codes.c.code == code)).mappings().first()
    if row is None:
        return None
    return {"device_id": row["old_device_id"], "label": row["old_label"], "last_batch_at": row["last_batch_at"]}


def enroll_from_file(engine: Engine, req: dict, now: str | None = None) -> dict:
    """An enrollment request brought on a USB stick: signed by the device key over the
    canonical JSON of its other fields."""
    if not isinstance(req, dict) or not isinstance(req.get("signature"), str):
        raise ValidationError("signature", "required", "signature: 登记请求没有签名 (the request is not signed)")
    fields = {k: v for k, v in req.items() if k != "signature"}
    checked = check_enroll_request(fields)
    try:
        envelope.ed25519_public(checked["device_key"]).verify(bytes.fromhex(req["signature"]),
                                                               canonical.encode(fields))
    except Exception:
        raise ValidationError("signature", "made by device_key",
                              "signature: 签名不符 (the request's signature does not verify)") from None
    return enroll_device(engine, fields, now)


def revoke(engine: Engine, device_id: str, now: str | None = None) -> dict:
    with engine.begin() as conn:
        device = db.lock_device(conn, device_id)
        if device is None:
            raise NotFound(f"没有这台设备 (no device {device_id})")
        if device["revoked_at"] is None:
            conn.execute(update(db.devices).where(db.devices.c.device_id == device_id).values(
                revoked_at=now or utc_now()))
        row = conn.execute(select(db.devices).where(db.devices.c.device_id == device_id)).mappings().first()
    return _device_view(row)


def _device_view(row) -> dict:
    return {k: row[k] for k in ("device_id", "store_id", "village", "township", "label", "enrolled_at",
                                "revoked_at", "audit_seq", "audit_head", "public_key")}


def list_devices(engine: Engine) -> list[dict]:
    with db.reading(engine) as conn:
        rows = conn.execute(select(db.devices).order_by(db.devices.c.enrolled_at)).mappings().all()
        last = dict(conn.execute(select(db.batches.c.device_id, func.max(db.batches.c.received_at))
                                 .where(db.batches.c.state == "done").group_by(db.batches.c.device_id)).all())
    return [{**_device_view(r), "last_batch_at": last.get(r["device_id"])} for r in rows]


# -- nonces: freshness for signed requests, by the county's clock alone ---------------------------
NONCE_SECONDS = 600     # a nonce not used within this is gone
MAX_NONCES = 100        # a device's nonces outstanding; the oldest go first


def issue_nonce(conn: Connection, device_id: str, now: datetime | None = None) -> str:
    """A new single-use nonce for the device's next signed request."""
    now = now or datetime.now(timezone.utc)
    n = db.nonces.c
    conn.execute(db.nonces.delete().where(n.expires_at <= iso(now)))
    held = [r[0] for r in conn.execute(select(n.nonce).where(n.device_id == device_id)
                                       .order_by(n.expires_at.desc()).offset(MAX_NONCES - 1))]
    if held:
        conn.execute(db.nonces.delete().where(n.nonce.in_(held)))
    nonce = secrets.token_urlsafe(24)
    conn.execute(insert(db.nonces).values(nonce=nonce, device_id=device_id,
                                          expires_at=iso(now + timedelta(seconds=NONCE_SECONDS))))
    return nonce


def use_nonce(conn: Connection, device_id: str, nonce: str, now: datetime | None = None) -> bool:
    """Consume a nonce issued to this device and not expired; False when it is not one."""
    now = now or datetime.now(timezone.utc)
    n = db.nonces.c
    return conn.execute(db.nonces.delete().where(n.nonce == nonce, n.device_id == device_id,
                                                 n.expires_at > iso(now))).rowcount == 1


def device_row(conn: Connection, device_id: str):
    return conn.execute(select(db.devices).where(db.devices.c.device_id == device_id)).mappings().first()


# -- publications -----------------------------------------------------------------------------
def publish(bind: Engine | Connection, kind: str, data: dict, village: str | None = None,
            now: str | None = None) -> dict:
    """Sign and store a publication; its seq orders what the devices apply."""
    if kind not in PUBLICATION_KINDS:
        raise ValidationError("kind", f"one of {', '.join(PUBLICATION_KINDS)}")
    canonical.dumps(data)  # no floats, text keys: fails before anything is stored
    now = now or utc_now()

    def run(conn):
        county = db.lock_county(conn)  # one publisher at a time: seqs become visible in order
        if county is None:
            raise NotInitialised("数据库未初始化 (no county in this database): zhucun-county init")
        key = county_from_row(conn, county).sign_key
        seq = conn.execute(insert(db.publications).values(kind=kind, village=village, published_at=now,
                                                          doc="{}")).inserted_primary_key[0]
        doc = envelope.sign_document({"seq": seq, "kind": kind, "published_at": now, "village": village,
                                      "data": data}, key)
        conn.execute(update(db.publications).where(db.publications.c.seq == seq).values(doc=json.dumps(doc)))
        return doc
    return _in_tx(bind, run)


def publications_after(bind: Engine | Connection, after: int, village: str | None, limit: int = 5000) -> dict:
    """The signed documents after `after` for a village (and those for every village)."""
    def run(conn):
        top = conn.execute(select(func.max(db.publications.c.seq))).scalar() or 0
        p = db.publications
        # `after` may be any number a device sends (up to 2**53); no seq is above `top`, and
        # PostgreSQL's integer column cannot be compared with one beyond its range.
        q = select(p.c.seq, p.c.doc).where(p.c.seq > min(after, top), p.c.seq <= top)
        if village is not None:
            q = q.where((p.c.village.is_(None)) | (p.c.village == village))
        rows = conn.execute(q.order_by(p.c.seq).limit(limit)).all()
        last = rows[-1][0] if len(rows) == limit else max(top, after)
        return {"items": [json.loads(r[1]) for r in rows], "last": last}
    if isinstance(bind, Engine):
        with db.reading(bind) as conn:
            return run(conn)
    return run(bind)


def check_prompts(data) -> dict:
    if not isinstance(data, dict):
        raise ValidationError("prompts", "JSON object {month, title, tasks}")
    from app.core.household import parse_date, parse_month
    month = parse_month(data.get("month"), "month")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip() or len(title) > 200:
        raise ValidationError("title", "1-200 characters", "title: 请给出标题 (1-200字) (give a title)")
    tasks = data.get("tasks")
    if not isinstance(tasks, list):
        raise ValidationError("tasks", "a list of {title, due_date}")
    out = []
    for i, t in enumerate(tasks):
        if not isinstance(t, dict) or not isinstance(t.get("title"), str) or not t["title"].strip() \
                or len(t["title"]) > 200:
            raise ValidationError(f"tasks[{i}].title", "1-200 characters")
        due = t.get("due_date")
        if due is not None and not isinstance(due, str):
            raise ValidationError(f"tasks[{i}].due_date", "date YYYY-MM-DD")
        out.append({"title": t["title"].strip(), "due_date": parse_date(due, f"tasks[{i}].due_date")})
    return {"month": month, "title": title.strip(), "tasks": out}


def check_baseline(data) -> dict:
    from app.core.income import Baselines
    Baselines.from_dict(data)
    canonical.dumps(data)
    return data


def check_table(kind: str, data) -> dict:
    """A visit policy, a duties table or a list of department warnings, checked as the device loads it."""
    from app.core.duties import DutyPolicy
    from app.core.schedule import VisitPolicy
    if kind == "warnings":
        if not isinstance(data, dict) or not isinstance(data.get("items"), list):
            raise ValidationError("FILE", "{department, found_on, items: [{id_number, description}]}")
    else:
        (VisitPolicy if kind == "visit_policy" else DutyPolicy).from_dict(data)
    canonical.dumps(data)
    return data


def portable(value):
    """A form definition as canonical JSON allows it: text and whole numbers."""
    if isinstance(value, dict):
        return {str(k): portable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [portable(v) for v in value]
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return value


# -- records held -----------------------------------------------------------------------------
def get_record(conn: Connection, tbl: str, record_id: str):
    return conn.execute(select(db.records).where(db.records.c.tbl == tbl, db.records.c.id == record_id)
                        ).mappings().first()


def stats(engine: Engine) -> dict:
    with db.reading(engine) as conn:
        counts = dict(conn.execute(select(db.records.c.tbl, func.count()).where(db.records.c.deleted == 0)
                                   .group_by(db.records.c.tbl)).all())
        deleted = conn.execute(select(func.count()).select_from(db.records).where(db.records.c.deleted != 0)).scalar()
        devices = conn.execute(select(func.count()).select_from(db.devices)
                               .where(db.devices.c.revoked_at.is_(None))).scalar()
        revoked = conn.execute(select(func.count()).select_from(db.devices)
                               .where(db.devices.c.revoked_at.is_not(None))).scalar()
        done = conn.execute(select(func.count()).select_from(db.batches).where(db.batches.c.state == "done")).scalar()
        refused = conn.execute(select(func.count()).select_from(db.batches)
                               .where(db.batches.c.state == "refused")).scalar()
        open_conflicts = conn.execute(select(func.count()).select_from(db.conflicts)
                                      .where(db.conflicts.c.reviewed == 0)).scalar()
        pubs = conn.execute(select(func.count()).select_from(db.publications)).scalar()
    out = {kind: counts.get(tbl, 0) for kind, tbl in KINDS.items()}
    out.update(devices=devices, devices_revoked=revoked, batches=done, batches_refused=refused,
               tombstones=deleted, conflicts=open_conflicts, publications=pubs)
    return out


def list_batches(engine: Engine) -> list[dict]:
    b = db.batches
    with db.reading(engine) as conn:
        rows = conn.execute(select(b.c.batch_id, b.c.device_id, b.c.state, b.c.size, b.c.parts, b.c.sha256,
                                   b.c.started_at, b.c.received_at, b.c.receipt)
                            .order_by(b.c.started_at, b.c.batch_id)).mappings().all()
        have = {(d, b): n for d, b, n in conn.execute(
            select(db.batch_parts.c.device_id, db.batch_parts.c.batch_id, func.count())
            .group_by(db.batch_parts.c.device_id, db.batch_parts.c.batch_id)).all()}
    out = []
    for r in rows:
        item = {k: r[k] for k in ("batch_id", "device_id", "state", "size", "parts", "sha256", "started_at",
                                  "received_at")}
        receipt = json.loads(r["receipt"]) if r["receipt"] else None
        if r["state"] == "done" and receipt:
            body = receipt["body"]
            item.update(accepted=len(body["accepted"]), rejected=len(body["rejected"]))
        elif r["state"] == "refused" and receipt:
            item["reason"] = receipt.get("refused")
        else:
            item["parts_received"] = have.get((r["device_id"], r["batch_id"]), 0)
        out.append(item)
    return out


def list_conflicts(engine: Engine, include_reviewed: bool = False) -> list[dict]:
    c = db.conflicts
    q = select(c).order_by(c.c.id)
    if not include_reviewed:
        q = q.where(c.c.reviewed == 0)
    with db.reading(engine) as conn:
        rows = conn.execute(q).mappings().all()
    return [{**dict(r), "kept_value": _loads(r["kept_value"]), "lost_value": _loads(r["lost_value"]),
             "reviewed": bool(r["reviewed"])} for r in rows]


def mark_reviewed(engine: Engine, conflict_id: int) -> None:
    with engine.begin() as conn:
        if not conn.execute(update(db.conflicts).where(db.conflicts.c.id == conflict_id)
                            .values(reviewed=1)).rowcount:
            raise NotFound(f"没有这条冲突 (no conflict {conflict_id})")


def _loads(text):
    return None if text is None else json.loads(text)


def export_records(engine: Engine, out) -> int:
    """Every record as one JSON line: {"tbl", "id", "revision", "hlc", "device_id", "batch_id",
    "deleted", "data"}. Returns how many."""
    r = db.records
    n = 0
    with db.reading(engine) as conn:
        result = conn.execution_options(stream_results=True, yield_per=500).execute(
            select(r.c.tbl, r.c.id, r.c.revision, r.c.hlc, r.c.device_id, r.c.batch_id, r.c.deleted, r.c.data,
                   r.c.field_hlc).order_by(r.c.tbl, r.c.id))
        for row in result:
            line = {"tbl": row.tbl, "id": row.id, "revision": row.revision, "hlc": row.hlc,
                    "device_id": row.device_id, "batch_id": row.batch_id, "deleted": bool(row.deleted),
                    "data": json.loads(row.data)}
            if row.field_hlc:
                line["field_hlc"] = json.loads(row.field_hlc)
            out.write(json.dumps(line, ensure_ascii=False, sort_keys=True) + "\n")
            n += 1
    return n


# -- county edits of households ------------------------------------------------------------------
HOUSEHOLD_JSON = {"flags", "risk_types", "details"}


def county_clock(conn: Connection) -> Clock:
    """The county's hybrid clock, past every clock it has seen."""
    last = conn.execute(select(func.max(db.records.c.hlc))).scalar()
    return Clock(COUNTY_NODE, last)


def roster_set(engine: Engine, household_id: str, changes: dict, now: str | None = None) -> dict:
    """A county edit of a household: the fields take a new county clock, and a `roster`
    publication carries the change to the household's village."""
    from app.core.household import HOUSEHOLD_BOOL, check_category_change, clean_household
    if not changes:
        raise ValidationError("FIELD=VALUE", "at least one", "FIELD=VALUE: 请给出要改的字段 (give a field to change)")
    values = {}
    for field, value in changes.items():
        if field in HOUSEHOLD_JSON and isinstance(value, str) and value.strip()[:1] in ("[", "{"):
            try:
                value = json.loads(value)
            except json.JSONDecodeError:
                raise ValidationError(field, "JSON", f"{field}: 不是有效的JSON (not valid JSON)") from None
        values[field] = value
    cleaned = clean_household(values, partial=True)
    cleaned = {k: int(v) if k in HOUSEHOLD_BOOL else v for k, v in cleaned.items()}
    now = now or utc_now()
    down.ensure_tables(engine)

    def run(conn):
        db.lock_county(conn)  # county edits and ingests of households queue (see ingest)
        row = get_record(conn, "households", household_id)
        if row is None:
            raise NotFound(f"县里没有这户 (no household {household_id} at the county)")
        data = json.loads(row["data"])
        # 监测户 is entered and left through the village's case, not by a roster edit.
        check_category_change(data.get("category"), cleaned.get("category"))
        clocks = json.loads(row["field_hlc"]) if row["field_hlc"] else {}
        diff = {k: v for k, v in cleaned.items() if data.get(k) != v}
        if not diff:
            return {"household_id": household_id, "changes": {}, "hlc": None, "publication": None}
        hlc = county_clock(conn).now()
        data.update(diff)
        data.update(hlc=hlc, updated_at=now, updated_by=COUNTY_NODE)
        clocks.update({k: hlc for k in diff})
        conn.execute(update(db.records).where(db.records.c.tbl == "households", db.records.c.id == household_id)
                     .values(data=dumps(data), field_hlc=dumps(clocks), hlc=max(hlc, row["hlc"]), batch_id=None))
        down.mark(conn, "households", household_id)   # the village's devices get it with their records
        device = device_row(conn, row["device_id"])
        village = device["village"] if device is not None else data.get("village")
        doc = publish(conn, "roster", {"household_id": household_id, "changes": diff, "hlc": hlc}, village, now)
        return {"household_id": household_id, "changes": diff, "hlc": hlc, "village": village,
                "publication": doc["body"]["seq"]}
    return _in_tx(engine, run)


def household_ids(conn: Connection, ids: list[str]) -> set[str]:
    if not ids:
        return set()
    rows = conn.execute(select(db.records.c.id).where(db.records.c.tbl == "households",
                                                      db.records.c.id.in_(ids))).all()
    return {r[0] for r in rows}
