"""Encrypted backups: one zip holding the key file and a SQLCipher copy of the database.

The copy is made by SQLCipher itself (`sqlcipher_export` into a database keyed with the same
data key), so the backup is ciphertext throughout and opens only with a passphrase of one of
the store's users, or its recovery code. Restoring checks all of that before anything is put
in place.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
import zipfile
import zlib
from datetime import datetime
from pathlib import Path

from app.core import limits
from app.core.errors import AccessDenied, ValidationError

from . import files
from .connection import DatabaseError, connect
from .keys import KeyFile
from .records import utc_now
from .store import DB_NAME, KEYS_NAME, Store, check_not_open, store_exists

FORMAT = "zhucun-backup/1"
TEMP_PREFIX = ".zhucun-backup-"
RESTORE_PREFIX = ".zhucun-restore-"


def remove_leftovers(where: Path, kind: str, own: str | None = None, max_age: float = 86400) -> None:
    """The working folders a killed backup or restore left in `where` (each an encrypted copy
    of a store): those starting with `own` at once (the store's lock says no other backup of it
    runs), any other of this `kind` once it is `max_age` seconds old."""
    old = time.time() - max_age
    for folder in where.glob(kind + "*"):
        try:
            if folder.is_dir() and ((own and folder.name.startswith(own)) or folder.stat().st_mtime < old):
                shutil.rmtree(folder, ignore_errors=True)
        except OSError:
            continue


def make_backup(store: Store, out: Path) -> dict:
    out = Path(out)
    if out.is_dir():
        out = out / f"zhucun-{datetime.now():%Y%m%d-%H%M%S}.zhucun-backup"
    out.parent.mkdir(parents=True, exist_ok=True)
    prefix = f"{TEMP_PREFIX}{store.store_id[:8]}-"
    out.with_name(out.name + ".partial").unlink(missing_ok=True)  # a killed backup's unfinished file
    remove_leftovers(out.parent, TEMP_PREFIX, own=prefix)
    with tempfile.TemporaryDirectory(dir=out.parent, prefix=prefix) as tmp:
        copy = Path(tmp) / DB_NAME
        store.export_encrypted_copy(copy)
        manifest = {"format": FORMAT, "store_id": store.store_id, "device_id": store.device_id,
                    "created_at": utc_now(), "audit_head": store.audit.head, "audit_entries": store.audit.head_seq}
        partial = out.with_name(out.name + ".partial")
        try:
            with open(partial, "wb") as f:  # fsync needs a handle open for writing (Windows)
                with zipfile.ZipFile(f, "w", zipfile.ZIP_STORED) as z:
                    z.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
                    z.writestr(KEYS_NAME, json.dumps(store.keyfile.to_dict(), ensure_ascii=False, indent=1))
                    z.write(copy, DB_NAME)
                f.flush()
                os.fsync(f.fileno())
            files.replace(partial, out)
            files.fsync_dir(out.parent)
        except BaseException:  # a full disk, Ctrl+C: no half backup is left under any name
            partial.unlink(missing_ok=True)
            raise
    return {**manifest, "path": str(out), "bytes": out.stat().st_size}


def restore_backup(path: Path, data_dir: Path, secret: str, is_recovery_code: bool = False,
                   replace: bool = False) -> dict:
    """Unpack, prove it opens and its audit chain verifies, then move it into `data_dir`."""
    path, data_dir = Path(path), Path(data_dir)
    if store_exists(data_dir) and not replace:
        raise AccessDenied(f"a store already exists in {data_dir} (use --replace to move it aside)")
    try:
        limits.check_size(path, "backup")
        limits.check_zip(path, max_unpacked=limits.MAX_BYTES["backup"])
        z = zipfile.ZipFile(path)
        sizes = {i.filename: i.file_size for i in z.infolist()}
    except limits.ZIP_ERRORS:
        raise ValidationError("file", "a Zhucun backup", f"file: {path} 不是驻村备份文件 (not a Zhucun backup)") from None
    for name, kind in (("manifest.json", "manifest"), (KEYS_NAME, "keys")):
        if sizes.get(name, 0) > limits.MAX_BYTES[kind]:
            z.close()
            raise limits.LimitExceeded(path, f"{name} 不超过 {limits.MAX_BYTES[kind]:,} bytes (at most)",
                                       f"{sizes[name]:,} bytes")
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(data_dir.parent, RESTORE_PREFIX, max_age=3600)
    staging = Path(tempfile.mkdtemp(dir=data_dir.parent, prefix=RESTORE_PREFIX))
    try:
        try:
            with z:
                names = set(z.namelist())
                if not {"manifest.json", KEYS_NAME, DB_NAME} <= names:
                    raise ValidationError("file", "a Zhucun backup", f"file: {path} 缺少内容 (incomplete backup)")
                text = z.read("manifest.json").decode("utf-8")
                limits.check_depth(text, path)
                manifest = json.loads(text)
                if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
                    raise ValidationError("file", f"format {FORMAT}")
                z.extract(KEYS_NAME, staging)
                z.extract(DB_NAME, staging)
        except (*limits.ZIP_ERRORS, AttributeError):
            # A bad CRC, a truncated member or a damaged manifest: refuse before anything else.
            raise ValidationError("file", "an undamaged backup",
                                  f"file: {path} 备份文件已损坏 (damaged backup)") from None
        keyfile = KeyFile.load(staging / KEYS_NAME)
        data_key = keyfile.unlock_recovery(secret) if is_recovery_code else keyfile.unlock_any(secret)[0]
        try:
            conn = connect(staging / DB_NAME, data_key)
            try:
                if conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                    raise AccessDenied("the backup's database is damaged")
                row = conn.execute("SELECT value FROM meta WHERE key = 'store_id'").fetchone()
                if not row or row[0] != keyfile.store_id:
                    raise AccessDenied("the backup's key file and database belong to different stores")
            finally:
                conn.close()
            from .audit import AuditLog
            conn = connect(staging / DB_NAME, data_key)
            try:
                result = AuditLog(conn).verify()
            finally:
                conn.close()
        except DatabaseError:
            # SQLCipher's page authentication failed: a page was altered or damaged.
            raise AccessDenied("the backup's database is damaged") from None
        if not result.ok:
            raise AccessDenied("the backup's audit chain does not verify: " + "; ".join(result.problems[:3]))
        if (result.head, result.entries) != (manifest.get("audit_head"), manifest.get("audit_entries")):
            raise AccessDenied("the backup's audit chain ends before the head it was made with: entries were removed")
        moved_aside = None
        if store_exists(data_dir):
            check_not_open(data_dir)
            moved_aside = data_dir.parent / f"{data_dir.name}.replaced-{datetime.now():%Y%m%d-%H%M%S}"
            files.replace(data_dir, moved_aside)
        data_dir.mkdir(parents=True, exist_ok=True)
        for name in (DB_NAME, KEYS_NAME):
            files.replace(staging / name, data_dir / name)
        files.fsync_dir(data_dir)
        return {"data": str(data_dir), "store_id": keyfile.store_id, "entries": result.entries,
                "audit_head": result.head, "moved_aside": str(moved_aside) if moved_aside else None}
    finally:
        shutil.rmtree(staging, ignore_errors=True)
