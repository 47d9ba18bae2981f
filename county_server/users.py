"""The people who sign in to the county's web console, their sessions, and the access log.

Roles: `admin` (everything, the access log), `monitor` (the county monitor: every village,
devices and publications), `township` (a township reviewer: only the villages of their
township, read-only). Passwords are hashed with Argon2id; a session is a random token kept
in the browser's cookie, of which the county keeps only the SHA-256, with its CSRF token and
expiry. Times are the county's wall clock (ISO-8601 UTC), as everywhere on the server.
"""
from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Engine

from app.core.errors import NotFound, StateError, ValidationError

from . import db

ROLES = {"admin": "县管理员 (county admin)", "monitor": "县监测员 (county monitor)",
         "township": "乡镇审核 (township reviewer)"}
NAME = re.compile(r"^[\w.@-]{1,40}$")
MIN_PASSWORD = 10
SESSION_HOURS = 8          # a session ends this long after sign-in, whatever happens
IDLE_MINUTES = 60          # …or after this long unused
TABLES = (db.console_users, db.console_sessions, db.access_log, db.village_summaries, db.household_summaries,
          db.console_cache, db.console_attempts, db.conflict_decisions, db.check_keys)

_hasher = PasswordHasher()  # Argon2id, argon2-cffi's defaults (RFC 9106 low-memory profile)


@dataclass(frozen=True)
class User:
    id: int
    name: str
    role: str
    township: str | None

    @property
    def can_act(self) -> bool:
        """Enrol and revoke devices, publish: the county's people, not a township reviewer."""
        return self.role in ("admin", "monitor")

    @property
    def role_zh(self) -> str:
        return ROLES[self.role]


@dataclass(frozen=True)
class Session:
    user: User
    csrf: str
    token_sha256: str


def ensure_tables(engine: Engine) -> None:
    """The console's tables in a county database made before the console existed."""
    db.metadata.create_all(engine, tables=list(TABLES))
    db.household_index(engine)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def check_password(password: str) -> str:
    if not isinstance(password, str) or len(password) < MIN_PASSWORD or len(password) > 200:
        raise ValidationError("password", f"{MIN_PASSWORD}-200 characters",
                              f"password: 密码至少{MIN_PASSWORD}个字符 (at least {MIN_PASSWORD} characters)")
    return password


def add_user(engine: Engine, name: str, role: str, password: str, township: str | None = None) -> dict:
    name = (name or "").strip()
    if not NAME.fullmatch(name):
        raise ValidationError("--name", "1-40 letters, digits, _ . @ -",
                              "--name: 用户名为1-40个字母、数字或 _ . @ - (1-40 letters, digits, _ . @ -)")
    if role not in ROLES:
        raise ValidationError("--role", "admin, monitor or township",
                              "--role: 应为 admin、monitor 或 township (admin, monitor or township)")
    township = (township or "").strip() or None
    if role == "township" and not township:
        raise ValidationError("--township", "required for a township reviewer",
                              "--township: 乡镇审核须给出乡镇 (a township reviewer needs --township)")
    if role != "township" and township:
        raise ValidationError("--township", "only for a township reviewer",
                              "--township: 只用于乡镇审核 (only for --role township)")
    if township and len(township) > 40:
        raise ValidationError("--township", "at most 40 characters", "--township: 最多40字 (at most 40)")
    hashed = _hasher.hash(check_password(password))
    ensure_tables(engine)
    u = db.console_users
    with engine.begin() as conn:
        if conn.execute(select(u.c.id).where(u.c.name == name)).first():
            raise StateError(f"用户名已存在 (the name {name} is taken)")
        conn.execute(insert(u).values(name=name, role=role, township=township, password_hash=hashed,
                                      created_at=_iso(_now())))
    return {"name": name, "role": role, "township": township}


def list_users(engine: Engine) -> list[dict]:
    ensure_tables(engine)
    u = db.console_users
    with db.reading(engine) as conn:
        rows = conn.execute(select(u.c.name, u.c.role, u.c.township, u.c.created_at, u.c.disabled_at)
                            .order_by(u.c.id)).mappings().all()
    return [dict(r) for r in rows]


def disable_user(engine: Engine, name: str) -> dict:
    """The account signs in no more, and its open sessions end now."""
    ensure_tables(engine)
    u = db.console_users
    with engine.begin() as conn:
        row = conn.execute(select(u).where(u.c.name == name)).mappings().first()
        if row is None:
            raise NotFound(f"没有这个用户 (no user {name})")
        if row["disabled_at"] is None:
            conn.execute(update(u).where(u.c.id == row["id"]).values(disabled_at=_iso(_now())))
        conn.execute(delete(db.console_sessions).where(db.console_sessions.c.user_id == row["id"]))
    return {"name": name, "disabled": True}


def count_users(engine: Engine) -> int:
    ensure_tables(engine)
    with db.reading(engine) as conn:
        return conn.execute(select(func.count()).select_from(db.console_users)).scalar()


# -- signing in ------------------------------------------------------------------------------------
_DUMMY = _hasher.hash("not a password of anyone")


def authenticate(engine: Engine, name: str, password: str) -> User | None:
    """The user whose name and password these are (None: wrong, unknown or disabled; the time
    taken is the same either way)."""
    u = db.console_users
    with db.reading(engine) as conn:
        row = conn.execute(select(u).where(u.c.name == (name or "")[:40])).mappings().first()
    try:
        _hasher.verify(row["password_hash"] if row else _DUMMY, password or "")
    except (VerificationError, InvalidHashError):
        return None
    if row is None or row["disabled_at"] is not None:
        return None
    return User(row["id"], row["name"], row["role"], row["township"])


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(engine: Engine, user: User) -> tuple[str, Session]:
    """A new session: the token for the cookie, and the session (its CSRF token)."""
    token, csrf, now = secrets.token_urlsafe(32), secrets.token_urlsafe(24), _now()
    s = db.console_sessions
    with engine.begin() as conn:
        conn.execute(delete(s).where(s.c.expires_at <= _iso(now)))
        conn.execute(insert(s).values(token_sha256=_digest(token), user_id=user.id, csrf=csrf,
                                      created_at=_iso(now), seen_at=_iso(now),
                                      expires_at=_iso(now + timedelta(hours=SESSION_HOURS))))
    return token, Session(user, csrf, _digest(token))


def session(engine: Engine, token: str | None) -> Session | None:
    """The live session of this cookie token (None: none, expired, idle too long, or its user
    disabled). Using it keeps it from going idle."""
    if not token or len(token) > 100:
        return None
    s, u, now = db.console_sessions, db.console_users, _now()
    with db.reading(engine) as conn:
        row = conn.execute(select(s.c.token_sha256, s.c.csrf, s.c.seen_at, s.c.expires_at, u.c.id, u.c.name,
                                  u.c.role, u.c.township, u.c.disabled_at)
                           .join(u, u.c.id == s.c.user_id).where(s.c.token_sha256 == _digest(token))
                           ).mappings().first()
    if row is None or row["disabled_at"] is not None or row["expires_at"] <= _iso(now) \
            or row["seen_at"] <= _iso(now - timedelta(minutes=IDLE_MINUTES)):
        return None
    if row["seen_at"] <= _iso(now - timedelta(minutes=1)):   # one write a minute at most
        with engine.begin() as conn:
            conn.execute(update(s).where(s.c.token_sha256 == row["token_sha256"]).values(seen_at=_iso(now)))
    return Session(User(row["id"], row["name"], row["role"], row["township"]), row["csrf"], row["token_sha256"])


def end_session(engine: Engine, token_sha256: str) -> None:
    with engine.begin() as conn:
        conn.execute(delete(db.console_sessions).where(db.console_sessions.c.token_sha256 == token_sha256))


# -- the access log (个人信息保护法) ------------------------------------------------------------------
def log_access(engine: Engine, user: User, action: str, household_id: str | None, what: str,
               client: str | None) -> None:
    with engine.begin() as conn:
        conn.execute(insert(db.access_log).values(at=_iso(_now()), user_name=user.name, action=action,
                                                  household_id=household_id, what=what[:300],
                                                  client=(client or "-")[:64]))


def access_log(engine: Engine, offset: int = 0, limit: int = 50) -> tuple[list[dict], int]:
    a = db.access_log
    with db.reading(engine) as conn:
        total = conn.execute(select(func.count()).select_from(a)).scalar()
        rows = conn.execute(select(a).order_by(a.c.id.desc()).offset(offset).limit(limit)).mappings().all()
    return [dict(r) for r in rows], total
