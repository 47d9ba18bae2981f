"""The key file beside the database: wrapped copies of the data key, never the key itself.

A random 256-bit data key opens the database. Each user's passphrase derives a
key-encryption key with Argon2id that wraps the data key with AES-256-GCM; the recovery
code wraps it too. Changing a passphrase rewraps one entry; nothing is re-encrypted.
"""
from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

from app.core import limits
from app.core.errors import AccessDenied, ValidationError

from .files import fsync_dir, replace

FORMAT = "zhucun-keys/1"
# RFC 9106's second recommended option: 64 MiB, 3 passes, 4 lanes (~0.15 s here).
DEFAULT_KDF = {"algorithm": "argon2id", "memory_kib": 65536, "iterations": 3, "lanes": 4}
MIN_PASSPHRASE = 8
# Crockford base32: no I, L, O, U, so a code read off paper is not misread.
RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RECOVERY_GROUPS = 6  # 6 groups of 5 characters: 150 bits


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"))


# What a key file may ask of Argon2id: enough for any real setting, not enough to exhaust the laptop.
KDF_BOUNDS = {"memory_kib": (8, 1024 * 1024), "iterations": (1, 64), "lanes": (1, 64)}


class KeyFileError(AccessDenied):
    """A key file Zhucun cannot read: damaged, of another format, or made with another key
    derivation. The store does not open (refused), and no passphrase is blamed."""

    def __init__(self, path, problem: str):
        self.path, self.problem = str(path), problem
        super().__init__(f"key file {path}: 不是驻村能读取的密钥文件 (not a key file Zhucun can read) — {problem}")


def _check_kdf(kdf, path, where: str) -> None:
    if not isinstance(kdf, dict):
        raise KeyFileError(path, f"{where}.kdf 应为对象 (must be an object)")
    if kdf.get("algorithm") != "argon2id":
        raise KeyFileError(path, f"{where}: 密钥派生算法 {kdf.get('algorithm')!r} 不受支持，驻村只用 argon2id"
                                 f" (key derivation {kdf.get('algorithm')!r} is not supported: Zhucun uses argon2id)")
    for name, (low, high) in KDF_BOUNDS.items():
        v = kdf.get(name)
        if type(v) is not int or not low <= v <= high:
            raise KeyFileError(path, f"{where}.kdf.{name} 应为 {low}–{high} 的整数 (an integer from {low} to {high})")
    _check_b64(kdf.get("salt"), path, f"{where}.kdf.salt")


def _check_b64(value, path, where: str) -> None:
    try:
        if not isinstance(value, str) or not _unb64(value):
            raise ValueError
    except ValueError:
        raise KeyFileError(path, f"{where} 应为 base64 文本 (must be base64 text)") from None


def _check_wrapped(wrapped, path, where: str) -> None:
    if not isinstance(wrapped, dict):
        raise KeyFileError(path, f"{where}.wrapped 应为对象 (must be an object)")
    for name in ("nonce", "ciphertext"):
        _check_b64(wrapped.get(name), path, f"{where}.wrapped.{name}")


def check_structure(data, path) -> None:
    """Every part a key file must have, of the type it must be: KeyFileError names the first
    that is not (an unknown key derivation too, which is not a wrong passphrase)."""
    if not isinstance(data, dict):
        raise KeyFileError(path, "应为 JSON 对象 (must be a JSON object)")
    if data.get("format") != FORMAT:
        raise KeyFileError(path, f"格式 {data.get('format')!r} 不是 {FORMAT} (format is not {FORMAT})")
    if not isinstance(data.get("store_id"), str) or not data["store_id"]:
        raise KeyFileError(path, "缺少 store_id (store_id missing)")
    users = data.get("users")
    if not isinstance(users, list) or not users:
        raise KeyFileError(path, "users 应为非空列表 (users must be a non-empty list)")
    for i, u in enumerate(users):
        where = f"users[{i}]"
        if not isinstance(u, dict) or not all(isinstance(u.get(k), str) and u[k] for k in ("user_id", "name")):
            raise KeyFileError(path, f"{where} 缺少 user_id 或 name (user_id or name missing)")
        _check_kdf(u.get("kdf"), path, where)
        _check_wrapped(u.get("wrapped"), path, where)
    recovery = data.get("recovery")
    if recovery is not None:
        if not isinstance(recovery, dict):
            raise KeyFileError(path, "recovery 应为对象 (must be an object)")
        _check_kdf(recovery.get("kdf"), path, "recovery")
        _check_wrapped(recovery.get("wrapped"), path, "recovery")


def derive_kek(secret: bytes, kdf: dict) -> bytes:
    if kdf.get("algorithm") != "argon2id":
        raise KeyFileError("keys.json", f"key derivation {kdf.get('algorithm')!r} is not supported")
    return Argon2id(
        salt=_unb64(kdf["salt"]),
        length=32,
        iterations=int(kdf["iterations"]),
        lanes=int(kdf["lanes"]),
        memory_cost=int(kdf["memory_kib"]),
    ).derive(secret)


def new_kdf(params: dict | None = None) -> dict:
    kdf = dict(params or DEFAULT_KDF)
    kdf["salt"] = _b64(secrets.token_bytes(16))
    return kdf


def wrap(data_key: bytes, kek: bytes, aad: bytes) -> dict:
    nonce = secrets.token_bytes(12)
    return {"nonce": _b64(nonce), "ciphertext": _b64(AESGCM(kek).encrypt(nonce, data_key, aad))}


def unwrap(wrapped: dict, kek: bytes, aad: bytes) -> bytes:
    try:
        return AESGCM(kek).decrypt(_unb64(wrapped["nonce"]), _unb64(wrapped["ciphertext"]), aad)
    except InvalidTag:
        raise AccessDenied("wrong passphrase") from None


def check_passphrase(passphrase: str, field_name: str = "passphrase") -> None:
    if len(passphrase) < MIN_PASSPHRASE:
        raise ValidationError(
            field_name, f"at least {MIN_PASSPHRASE} characters",
            f"{field_name}: 密码至少 {MIN_PASSPHRASE} 个字符 (at least {MIN_PASSPHRASE} characters)")


def new_recovery_code() -> str:
    chars = "".join(secrets.choice(RECOVERY_ALPHABET) for _ in range(5 * RECOVERY_GROUPS))
    return "-".join(chars[i:i + 5] for i in range(0, len(chars), 5))


def normalize_recovery_code(code: str) -> str:
    """Upper-case, drop separators, and read O/I/L as the digits they are mistaken for."""
    text = "".join(ch for ch in code.upper() if ch.isalnum())
    return text.translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))


@dataclass
class UserKey:
    user_id: str
    name: str
    kdf: dict
    wrapped: dict

    def aad(self, store_id: str) -> bytes:
        return f"{FORMAT}|{store_id}|user|{self.user_id}".encode()


@dataclass
class KeyFile:
    store_id: str
    users: list[UserKey] = field(default_factory=list)
    recovery: dict | None = None  # {"kdf": …, "wrapped": …}

    # -- file form -------------------------------------------------------
    @classmethod
    def load(cls, path: Path) -> KeyFile:
        path = Path(path)
        if not path.exists():
            raise AccessDenied(f"no store at {path.parent} (run: zhucun init)")
        try:
            data = limits.load_json(path, "keys", "key file")
        except limits.LimitExceeded:
            raise
        except ValidationError as e:
            raise KeyFileError(path, f"文件已损坏 (damaged: {e})") from None
        check_structure(data, path)
        return cls.from_dict(data)

    @classmethod
    def from_dict(cls, data: dict) -> KeyFile:
        return cls(
            store_id=data["store_id"],
            users=[UserKey(u["user_id"], u["name"], u["kdf"], u["wrapped"]) for u in data["users"]],
            recovery=data.get("recovery"),
        )

    def to_dict(self) -> dict:
        return {
            "format": FORMAT,
            "store_id": self.store_id,
            "users": [vars(u) for u in self.users],
            "recovery": self.recovery,
        }

    def save(self, path: Path) -> None:
        """Write atomically: a crash leaves either the old file or the new one, never half."""
        path = Path(path)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(self.to_dict(), f, ensure_ascii=False, indent=1)
            f.flush()
            os.fsync(f.fileno())
        replace(tmp, path)
        fsync_dir(path.parent)

    # -- keys ------------------------------------------------------------
    def recovery_aad(self) -> bytes:
        return f"{FORMAT}|{self.store_id}|recovery".encode()

    def user(self, name: str) -> UserKey:
        for u in self.users:
            if u.name == name:
                return u
        raise AccessDenied(f"no user named {name!r} in this store")

    def unlock(self, name: str, passphrase: str) -> tuple[bytes, UserKey]:
        u = self.user(name)
        kek = derive_kek(passphrase.encode("utf-8"), u.kdf)
        return unwrap(u.wrapped, kek, u.aad(self.store_id)), u

    def unlock_any(self, passphrase: str) -> tuple[bytes, UserKey]:
        """The data key for whichever user this passphrase belongs to."""
        for u in self.users:
            try:
                return self.unlock(u.name, passphrase)
            except KeyFileError:
                raise
            except AccessDenied:
                continue
        raise AccessDenied("wrong passphrase")

    def unlock_recovery(self, code: str) -> bytes:
        if not self.recovery:
            raise AccessDenied("this store has no recovery code")
        kek = derive_kek(normalize_recovery_code(code).encode(), self.recovery["kdf"])
        try:
            return unwrap(self.recovery["wrapped"], kek, self.recovery_aad())
        except AccessDenied:
            raise AccessDenied("wrong recovery code") from None

    def set_user(self, user_id: str, name: str, passphrase: str, data_key: bytes,
                 kdf_params: dict | None = None) -> UserKey:
        """Add the user, or rewrap the data key under their new passphrase."""
        check_passphrase(passphrase)
        kdf = new_kdf(kdf_params)
        u = UserKey(user_id, name, kdf, {})
        u.wrapped = wrap(data_key, derive_kek(passphrase.encode("utf-8"), kdf), u.aad(self.store_id))
        self.users = [x for x in self.users if x.user_id != user_id] + [u]
        return u

    def set_recovery(self, data_key: bytes, kdf_params: dict | None = None) -> str:
        code = new_recovery_code()
        kdf = new_kdf(kdf_params)
        kek = derive_kek(normalize_recovery_code(code).encode(), kdf)
        self.recovery = {"kdf": kdf, "wrapped": wrap(data_key, kek, self.recovery_aad())}
        return code
