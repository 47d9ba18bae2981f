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

from app.core.errors import AccessDenied, ValidationError

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


def derive_kek(secret: bytes, kdf: dict) -> bytes:
    if kdf.get("algorithm") != "argon2id":
        raise AccessDenied(f"unknown key derivation {kdf.get('algorithm')!r}")
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
        try:
            data = json.loads(Path(path).read_text("utf-8"))
        except FileNotFoundError:
            raise AccessDenied(f"no store at {Path(path).parent} (run: zhucun init)") from None
        except (ValueError, UnicodeDecodeError):
            raise AccessDenied(f"key file {path} is damaged") from None
        if data.get("format") != FORMAT:
            raise AccessDenied(f"key file {path} has unknown format {data.get('format')!r}")
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
        os.replace(tmp, path)
        _fsync_dir(path.parent)

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


def _fsync_dir(path: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
