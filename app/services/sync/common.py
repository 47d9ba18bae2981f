"""What every part of the trip shares: the device's own sync settings and key, the county's
keys as enrolment left them, cancelling, progress, the county's refusals in words, sync files."""
from __future__ import annotations

import json
import os
from pathlib import Path

from app.core import limits
from app.core.errors import StateError, ValidationError
from app.storage.files import atomic_file
from app.storage.store import Store
from app.sync import envelope
from app.sync.client import SyncError


API = "/api/v1"
SETTINGS = ("county_url", "county_id", "county_name", "sign_key", "hpke_key", "village", "township",
            "device_key", "enrolled_at", "last_sync", "last_publication", "tls_sha256", "last_record",
            "restored_from")


class SyncCancelled(SyncError):
    """The person cancelled; what was sent stays sent and the next sync resumes."""

    def __init__(self, step: str = ""):
        super().__init__("已取消同步 (sync cancelled)；下次同步会接着传 (the next sync resumes)", step)


def settings(store: Store) -> dict:
    return {k: v for k, v in store.conn.execute("SELECT key, value FROM sync_settings")}


def put(store: Store, **values) -> None:
    with store.transaction():
        for key, value in values.items():
            if key not in SETTINGS:
                raise KeyError(key)
            if value is None:
                store.conn.execute("DELETE FROM sync_settings WHERE key = ?", [key])
            else:
                store.conn.execute("INSERT OR REPLACE INTO sync_settings VALUES (?, ?)", [key, str(value)])


def device_key(store: Store, create: bool = False):
    text = settings(store).get("device_key")
    if text:
        return envelope.ed25519_private(text)
    if not create:
        raise StateError("本机尚未登记到县服务器，请先在“同步”页登记 (this device is not enrolled: zhucun enroll)")
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    key = Ed25519PrivateKey.generate()
    put(store, device_key=envelope.private_hex(key))
    return key


def enrolled(store: Store) -> dict:
    s = settings(store)
    if not all(s.get(k) for k in ("device_key", "sign_key", "hpke_key")):
        raise StateError("本机尚未登记到县服务器，请先在“同步”页用登记码或登记文件登记 (this device is not enrolled:"
                         " zhucun enroll --server URL --code CODE, or zhucun enroll --file enroll-CODE.json)")
    return s


def county_sign_key(store: Store):
    return envelope.ed25519_public(enrolled(store)["sign_key"])


def cancelled(cancel) -> bool:
    if cancel is None:
        return False
    if hasattr(cancel, "is_set"):
        return cancel.is_set()
    return bool(cancel())


def report_progress(report, stage: str, done: int, total: int) -> None:
    if report is not None:
        report(stage, done, total)


def detail(answer) -> str:
    if isinstance(answer, dict) and "detail" in answer:
        answer = answer["detail"]
    text = answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False)
    return text[:300]


def refused_if_422(code: int, answer, step: str) -> None:
    if code == 422:
        raise SyncError(f"县服务器拒收 (refused: {detail(answer)}) — {step}", step, 422,
                        answer.get("detail") if isinstance(answer, dict) else answer)


def unexpected(step: str, code: int, answer) -> SyncError:
    return SyncError(f"县服务器的回答不对 (unexpected answer from the county: HTTP {code}, {detail(answer)})"
                     f" — {step}", step, code)


def read_json(path: Path, field: str, kind: str) -> dict:
    data = limits.load_json(path, kind, field)   # size and nesting checked before parsing
    if not isinstance(data, dict):
        raise ValidationError(field, "a JSON object", f"{field}: {path} 格式不对 (not a JSON object)")
    return data


def write_atomic(path: Path, data: bytes) -> None:
    """Write a sync file whole, readable by this user alone (0600) before a byte is in it."""
    try:
        with atomic_file(path) as f:
            if hasattr(os, "fchmod"):
                os.fchmod(f.fileno(), 0o600)
            f.write(data)
    except OSError as e:
        raise ValidationError("--out", "a writable file", f"--out: {path} 无法写入 (cannot write: {e})") from None
