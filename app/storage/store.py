"""The store: one data folder holding the encrypted database and its key file.

    DIR/zhucun.db    SQLCipher database (and its -wal / -shm while open)
    DIR/keys.json    wrapped data keys, salts and KDF parameters; no secret in clear
    DIR/zhucun.lock  held while the store is open: one writer at a time

Opening checks the passphrase against the key file before the database is touched, so a
wrong passphrase changes nothing on disk.
"""
from __future__ import annotations

import contextlib
import os
import secrets
from functools import cached_property
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from app.core.enums import Role
from app.core.errors import AccessDenied, ValidationError
from app.core.hlc import Clock

from . import schema
from .audit import AuditLog, VerifyResult
from .connection import connect
from .keys import KeyFile, check_passphrase
from .records import Records, new_id

DB_NAME = "zhucun.db"
KEYS_NAME = "keys.json"
LOCK_NAME = "zhucun.lock"
WINDOWS = os.name == "nt"


def store_exists(data_dir: Path) -> bool:
    return (Path(data_dir) / KEYS_NAME).exists() and (Path(data_dir) / DB_NAME).exists()


class _DirLock:
    """An OS lock on DIR/zhucun.lock, released by the OS if the process dies: fcntl.flock on
    POSIX; on Windows msvcrt.locking on the file's first byte (a byte range may be locked
    past the end of an empty file), unlocked before the handle closes as Windows asks."""

    def __init__(self, path: Path):
        self.fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            if WINDOWS:
                import msvcrt
                msvcrt.locking(self.fd, msvcrt.LK_NBLCK, 1)
            else:
                import fcntl
                fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(self.fd)
            self.fd = None
            raise AccessDenied(f"{path.parent}: 数据库已在另一个驻村窗口或命令中打开，请先关闭它 "
                               f"(the store is open in another Zhucun window or command)") from None

    def release(self) -> None:
        if self.fd is not None:
            if WINDOWS:
                import msvcrt
                os.lseek(self.fd, 0, os.SEEK_SET)
                with contextlib.suppress(OSError):
                    msvcrt.locking(self.fd, msvcrt.LK_UNLCK, 1)
            os.close(self.fd)
            self.fd = None


def check_not_open(data_dir: Path) -> None:
    """AccessDenied while the store in DATA_DIR is open in a window or a command (its folder
    must not be moved or replaced under it; on Windows it could not be)."""
    _DirLock(Path(data_dir) / LOCK_NAME).release()


class Store:
    def __init__(self, data_dir: Path, keyfile: KeyFile, data_key: bytes, user_id: str | None):
        self.data_dir = Path(data_dir)
        self.keyfile = keyfile
        self._lock = _DirLock(self.data_dir / LOCK_NAME)
        self.conn = None
        try:
            self.conn = connect(self.data_dir / DB_NAME, data_key)
            self._data_key = data_key
            self.migrated = schema.apply(self.conn)
            self.device_id = self.meta("device_id")
            self.store_id = keyfile.store_id
            self.audit = AuditLog(self.conn)
            last = self.conn.execute("SELECT hlc FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
            self.clock = Clock(self.device_id or "-", last[0] if last else None)
            self.writes: dict[str, int] = {}  # writes per table since opening (see Records._log)
            self.records = Records(self)
            self.user_id = user_id
            self.user = self.records.get("users", user_id) if user_id else None
        except BaseException:
            # A failed open (e.g. a migration that fails) must not keep the store locked.
            if self.conn is not None:
                self.conn.close()
                self.conn = None
            self._lock.release()
            raise

    # -- opening ---------------------------------------------------------
    @classmethod
    def create(cls, data_dir: Path, user_name: str, passphrase: str, role: Role = Role.LEADER,
               kdf_params: dict | None = None) -> tuple[Store, str]:
        """A new store with its first user. Returns the open store and the recovery code."""
        data_dir = Path(data_dir)
        if store_exists(data_dir):
            raise AccessDenied(f"a store already exists in {data_dir}")
        if not (user_name or "").strip():
            raise ValidationError("user", "required")
        check_passphrase(passphrase)
        data_dir.mkdir(parents=True, exist_ok=True)
        data_key = secrets.token_bytes(32)
        keyfile = KeyFile(store_id=new_id())
        user_id = new_id()
        keyfile.set_user(user_id, user_name.strip(), passphrase, data_key, kdf_params)
        code = keyfile.set_recovery(data_key, kdf_params)
        # The database first: a key file without its database is not a store.
        db_path = data_dir / DB_NAME
        for leftover in (db_path, data_dir / (DB_NAME + "-wal"), data_dir / (DB_NAME + "-shm")):
            leftover.unlink(missing_ok=True)
        conn = connect(db_path, data_key)
        from sqlite_utils import Database
        db = Database(conn)
        schema.apply(db)
        with db.atomic():
            db.execute("INSERT INTO meta VALUES ('device_id', ?), ('store_id', ?)",
                       [new_id(), keyfile.store_id])
        conn.close()
        keyfile.save(data_dir / KEYS_NAME)
        store = cls(data_dir, keyfile, data_key, None)
        store._add_user_record(user_id, user_name.strip(), role)
        store.user_id = user_id
        store.user = store.records.get("users", user_id)
        return store, code

    @classmethod
    def open(cls, data_dir: Path, passphrase: str, user_name: str | None = None) -> Store:
        keyfile = KeyFile.load(Path(data_dir) / KEYS_NAME)
        if not (Path(data_dir) / DB_NAME).exists():
            raise AccessDenied(f"no database in {data_dir}")
        if user_name:
            data_key, u = keyfile.unlock(user_name, passphrase)
        else:
            data_key, u = keyfile.unlock_any(passphrase)
        return cls(data_dir, keyfile, data_key, u.user_id)

    @classmethod
    def open_with_recovery(cls, data_dir: Path, code: str, user_name: str) -> Store:
        keyfile = KeyFile.load(Path(data_dir) / KEYS_NAME)
        if not (Path(data_dir) / DB_NAME).exists():
            raise AccessDenied(f"no database in {data_dir}")
        u = keyfile.user(user_name)
        data_key = keyfile.unlock_recovery(code)
        return cls(data_dir, keyfile, data_key, u.user_id)

    def export_encrypted_copy(self, path: Path) -> None:
        """Write the whole database to `path`, encrypted with this store's key (a backup's copy):
        the key stays inside the store."""
        self.conn.execute(f"ATTACH DATABASE ? AS backup KEY \"x'{self._data_key.hex()}'\"", [str(path)])
        try:
            self.conn.execute("SELECT sqlcipher_export('backup')")
            version = self.conn.execute("PRAGMA main.user_version").fetchone()[0]
            self.conn.execute(f"PRAGMA backup.user_version = {int(version)}")
        finally:
            self.conn.execute("DETACH DATABASE backup")

    @cached_property
    def db(self):
        """The connection as sqlite_utils sees it, made when first asked for (the library takes a
        tenth of a second to load, which a command that only reads need not spend)."""
        from sqlite_utils import Database
        return Database(self.conn)

    def reader(self) -> ReadOnlyStore:
        """A second connection to the same database that can only read (PRAGMA query_only). WAL lets
        it read while this store's connection writes, so a window need not wait behind a long job;
        it shares this store's user and folder lock, and closing it closes only its connection."""
        other = object.__new__(ReadOnlyStore)
        other.__dict__.update(self.__dict__)
        other.conn = connect(self.data_dir / DB_NAME, self._data_key)
        other.conn.execute("PRAGMA query_only = ON")
        other.__dict__.pop("db", None)  # its own, made when asked for
        other.audit = AuditLog(other.conn)
        other.records = Records(other)
        other.writes = _CommittedVersion(other.conn)
        return other

    def close(self) -> None:
        self._data_key = None  # the key goes with the store; only the key file remains
        if getattr(self, "conn", None) is not None:
            with contextlib.suppress(Exception):
                self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            self.conn.close()
            self.conn = None
        self._lock.release()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- transactions ----------------------------------------------------
    @contextlib.contextmanager
    def transaction(self):
        """One atomic write. Nested calls join the outer transaction."""
        if self.conn.in_transaction:
            yield
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            self.audit.reload()
            raise
        else:
            self.conn.execute("COMMIT")

    def meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def query(self, sql: str, params=()) -> list[dict]:
        cur = self.conn.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row)) for row in cur]

    # -- users -----------------------------------------------------------
    def _add_user_record(self, user_id: str, name: str, role: Role) -> dict:
        key = Ed25519PrivateKey.generate()
        public = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        private = key.private_bytes(serialization.Encoding.Raw, serialization.PrivateFormat.Raw,
                                    serialization.NoEncryption())
        saved_user = self.user_id
        self.user_id = self.user_id or user_id  # the first user creates themself
        try:
            with self.transaction():
                record = self.records.insert("users", {"id": user_id, "name": name, "role": role.value,
                                                       "public_key": public.hex()})
                self.conn.execute("INSERT INTO user_secrets VALUES (?, ?)", [user_id, private.hex()])
        finally:
            self.user_id = saved_user
        return record

    def users(self) -> list[dict]:
        return self.query("SELECT id, name, role, active, created_at FROM users WHERE deleted = 0 ORDER BY created_at")

    def add_user(self, name: str, passphrase: str, role: Role) -> dict:
        name = (name or "").strip()
        if not name:
            raise ValidationError("name", "required")
        if any(u.name == name for u in self.keyfile.users):
            raise ValidationError("name", "already a user of this store")
        check_passphrase(passphrase)
        user_id = new_id()
        record = self._add_user_record(user_id, name, role)
        self.keyfile.set_user(user_id, name, passphrase, self._data_key)
        self.keyfile.save(self.data_dir / KEYS_NAME)
        return record

    def set_passphrase(self, new_passphrase: str, user_name: str | None = None) -> None:
        """Rewrap the data key for this (or the named) user. Nothing is re-encrypted."""
        target = self.keyfile.user(user_name) if user_name else next(
            u for u in self.keyfile.users if u.user_id == self.user_id)
        self.keyfile.set_user(target.user_id, target.name, new_passphrase, self._data_key)
        self.keyfile.save(self.data_dir / KEYS_NAME)

    def new_recovery_code(self) -> str:
        code = self.keyfile.set_recovery(self._data_key)
        self.keyfile.save(self.data_dir / KEYS_NAME)
        return code

    def signing_key(self) -> Ed25519PrivateKey:
        row = self.conn.execute("SELECT signing_key FROM user_secrets WHERE user_id = ?", [self.user_id]).fetchone()
        return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(row[0]))

    # -- integrity -------------------------------------------------------
    def _read_table(self, table: str):
        cols = self.records.columns(table)
        for row in self.conn.execute(f"SELECT * FROM {table}"):
            yield self.records.decode(table, dict(zip(cols, row)))

    def verify_audit(self) -> VerifyResult:
        """The chain, every record against its last entry, and every record in the log: one pass
        over the log and one over each record table."""
        return self.audit.verify(tables=list(schema.RECORD_TABLES))


class ReadOnlyStore(Store):
    """What `Store.reader()` gives: the same store through its own read-only connection."""

    def close(self) -> None:
        self._data_key = None
        if self.conn is not None:
            self.conn.close()
            self.conn = None


class _CommittedVersion:
    """A reader's `writes`: for every table, the database's data_version, which changes whenever
    another connection commits. What is kept beside a reader (services.kept) is then rebuilt
    after any committed write, and never from a write still uncommitted."""

    def __init__(self, conn):
        self.conn = conn

    def get(self, _table: str, _default: int = 0) -> int:
        return self.conn.execute("PRAGMA data_version").fetchone()[0]

    def items(self):
        return ()
