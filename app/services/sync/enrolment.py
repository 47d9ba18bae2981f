"""Enrolment: the device binds its key to a village at the county, over the network with a
one-time code or from the county's file on a USB stick."""
from __future__ import annotations

import json
import socket
from pathlib import Path

from app.core import canonical
from app.core.errors import ValidationError
from app.storage.records import utc_now
from app.storage.store import Store
from app.sync import envelope
from app.sync.client import CountyClient, SyncError, normalize_pin

from .common import API, detail, device_key, put, read_json, settings, write_atomic
from .overview import status


ENROLL_FILE_FIELDS = ("code", "county_id", "county_name", "sign_key", "hpke_key", "village")


def _check_key(value, field: str) -> str:
    try:
        raw = bytes.fromhex(value) if isinstance(value, str) else b""
    except ValueError:
        raw = b""
    if len(raw) != 32:
        raise ValidationError(field, "hex of a 32-byte public key",
                              f"{field}: 不是县服务器的公钥 (not a county public key: hex of 32 bytes)")
    return value.lower()


def _label(store: Store) -> str:
    user = store.user["name"] if store.user else "?"
    return f"{user}@{socket.gethostname()}"[:80]


def _check_pin(value, field: str, whole: bool = False) -> str | None:
    """A certificate fingerprint to pin (None: none given)."""
    if value in (None, ""):
        return None
    pin = normalize_pin(value)
    if pin is None or (whole and len(pin) != 64):
        raise ValidationError(field, "the certificate's SHA-256 in hex",
                              f"{field}: 不是证书指纹 (not a certificate fingerprint: SHA-256 as hex digits,"
                              f" {'all 64' if whole else 'at least the first 16'})")
    return pin


def _keep_county(store: Store, info: dict, server: str | None, tls_sha256: str | None = None) -> None:
    """Store what enrollment told about the county. A ready batch sealed for another county's key
    could never be opened there: it goes back to the outbox and is sealed again."""
    old = settings(store)
    hpke_key = _check_key(info.get("hpke_key"), "hpke_key")
    sign_key = _check_key(info.get("sign_key"), "sign_key")
    for field in ("county_id", "village"):
        if not isinstance(info.get(field), str) or not info[field].strip():
            raise ValidationError(field, "required", f"{field}: 县服务器的回答缺少此项 (missing from the county's answer)")
    with store.transaction():
        if old.get("hpke_key") and old["hpke_key"] != hpke_key:
            for (batch_id,) in store.conn.execute("SELECT batch_id FROM sync_batches WHERE state = 'ready'").fetchall():
                store.conn.execute("UPDATE outbox SET batch_id = NULL WHERE batch_id = ?", [batch_id])
                store.conn.execute("DELETE FROM sync_batches WHERE batch_id = ?", [batch_id])
        if old.get("county_id") and old["county_id"] != info["county_id"]:
            put(store, last_publication=None)  # another county numbers its publications afresh
        if old.get("county_id") != info["county_id"] or old.get("village") != info["village"]:
            put(store, last_record=None)       # records down start from the beginning there
        restore = info.get("restore_of")
        if isinstance(restore, dict) and isinstance(restore.get("device_id"), str):
            put(store, restored_from=canonical.dumps({k: restore.get(k) for k in ("device_id", "label",
                                                                                  "last_batch_at")}))
        put(store, county_id=info["county_id"], county_name=info.get("county_name") or info["county_id"],
             sign_key=sign_key, hpke_key=hpke_key, village=info["village"], township=info.get("township"),
             enrolled_at=utc_now(), tls_sha256=tls_sha256)
        if isinstance(server, str) and server.strip():
            put(store, county_url=server.strip().rstrip("/"))


def enroll(store: Store, server: str, code: str, *, transport=None, label: str | None = None,
           fingerprint: str | None = None) -> dict:
    """Enroll over the network with a one-time code: the county binds this device's key to the
    village and answers with its public keys. `fingerprint`: the SHA-256 of the county's
    certificate (as the county printed it with the code), pinned before the code is sent."""
    code = (code or "").strip().upper()
    if not code:
        raise ValidationError("code", "required", "code: 请给出登记码 (give the enrollment code)")
    pin = _check_pin(fingerprint, "--fingerprint")
    if pin and not str(server).startswith("https://"):
        raise ValidationError("--fingerprint", "an https:// server",
                              "--fingerprint: 证书指纹只用于以HTTPS开头的县服务器地址 (a fingerprint pins an HTTPS server)")
    key = device_key(store, create=True)
    request = {"code": code, "device_id": store.device_id, "store_id": store.store_id,
               "device_key": envelope.public_hex(key.public_key()), "label": label or _label(store)}
    with CountyClient(server, transport=transport, pin=pin) as client:
        status_code, data = client.post_json(f"{API}/enroll", request, step="enroll", signed=False)
        pinned = client.certificate or pin
    if status_code == 404:
        raise SyncError("登记码不对 (enrollment code not known: check it)", "enroll", 404)
    if status_code == 410:
        raise SyncError("登记码已用过或已过期 (enrollment code used or expired: ask the county for a new one)",
                        "enroll", 410)
    if status_code == 429:
        raise SyncError(f"登记码错误次数太多，请稍后再试 (too many wrong enrollment codes from here: try again later):"
                        f" {detail(data)}", "enroll", 429)
    if status_code == 409:
        raise SyncError(f"县服务器拒绝登记 (refused: this device id is enrolled with another key, or revoked):"
                        f" {detail(data)}", "enroll", 409)
    if status_code != 200 or not isinstance(data, dict):
        raise SyncError(f"县服务器拒绝登记 (refused: enrollment, HTTP {status_code}): {detail(data)}",
                        "enroll", status_code)
    if data.get("device_id") not in (None, store.device_id):
        raise SyncError("县服务器的回答是给另一台设备的 (the county's answer names another device)", "enroll")
    try:
        _keep_county(store, data, server, pinned)
    except ValidationError as e:
        raise SyncError(f"县服务器的回答不完整 (the county's answer is not usable): {e}", "enroll") from None
    return status(store)


def enroll_from_file(store: Store, path, out_dir=None) -> dict:
    """Enroll from the county's file on a USB stick: keep its keys, write the signed request
    `enroll-request-DEVICE.json` beside it (or into `out_dir`) for `zhucun-county import`."""
    path = Path(path)
    info = read_json(path, "file", "enrolment")
    missing = [f for f in ENROLL_FILE_FIELDS if not info.get(f)]
    if missing:
        raise ValidationError(missing[0], "required",
                              f"{missing[0]}: 登记文件缺少此项 (missing from the enrollment file {path.name})")
    pin = _check_pin(info.get("tls_sha256"), "tls_sha256", whole=True)
    key = device_key(store, create=True)
    _keep_county(store, info, info.get("server"), pin)
    request = {"code": str(info["code"]).strip().upper(), "device_id": store.device_id, "store_id": store.store_id,
               "device_key": envelope.public_hex(key.public_key()), "label": _label(store)}
    request["signature"] = key.sign(canonical.encode(request)).hex()
    out = Path(out_dir) if out_dir else path.parent
    target = out / f"enroll-request-{store.device_id}.json"
    write_atomic(target, (json.dumps(request, ensure_ascii=False, indent=1) + "\n").encode("utf-8"))
    return {**status(store), "request": str(target)}
