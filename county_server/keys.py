"""The county's secrets at rest (SECURITY.md, "County server and sync").

One random 256-bit master key, which the operator unlocks, gives two keys (HKDF-SHA256): the
SQLCipher key of the embedded SQLite database, and the key that wraps the county's private
signing and HPKE keys (AES-256-GCM) wherever they are stored, PostgreSQL included. The master
key is kept either

- in a key file (64 hex digits, mode 0600, owned by the operator): `--key-file FILE`,
  `$ZHUCUN_COUNTY_KEY_FILE`, or by default `county.key` in the user's configuration folder,
  apart from the database, so a copy of the data folder carries no key; or
- wrapped by the operator's passphrase (Argon2id, as a device's store), in a keyring beside
  the SQLite file (`county.db.keyring`) or in the `keyring` table on PostgreSQL, asked at
  every start (a prompt, or `--passphrase-stdin`).

A process remembers the key it unlocked for a database URL, so the engines it makes later
(the API's, a command's) open the same database.
"""
from __future__ import annotations

import json
import os
import secrets
import stat
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.core.errors import AccessDenied, ValidationError
from app.storage import keys as store_keys

KEY_BYTES = 32
KEY_FILE_ENV = "ZHUCUN_COUNTY_KEY_FILE"
KEYRING_FORMAT = "zhucun-county-keyring/1"
WRAPPED_PREFIX = "aesgcm1:"


class Locked(AccessDenied):
    """No key for this county's database, or a key that does not open it (exit 2)."""


# -- deriving and wrapping ---------------------------------------------------------------------
def derive(master: bytes, purpose: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=f"zhucun county/{purpose}".encode()).derive(master)


def sqlcipher_key(master: bytes) -> str:
    """The raw-key form SQLCipher takes: x'HEX' (no second key derivation)."""
    return f"x'{derive(master, 'sqlcipher').hex()}'"


def wrap_private(master: bytes, county_id: str, name: str, raw: bytes) -> str:
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(derive(master, "private keys")).encrypt(nonce, raw, f"{county_id}|{name}".encode())
    return WRAPPED_PREFIX + (nonce + sealed).hex()


def unwrap_private(master: bytes, county_id: str, name: str, text: str) -> bytes:
    if not isinstance(text, str) or not text.startswith(WRAPPED_PREFIX):
        raise Locked(f"县的私钥未加密保存 (the county's {name} is not stored wrapped: a database from an older"
                     " version — make a new county with zhucun-county init)")
    blob = bytes.fromhex(text[len(WRAPPED_PREFIX):])
    try:
        return AESGCM(derive(master, "private keys")).decrypt(blob[:12], blob[12:], f"{county_id}|{name}".encode())
    except InvalidTag:
        raise Locked("密钥不对：打不开这个县的数据库 (this key does not open this county's database:"
                     " another key file or passphrase)") from None


# -- key files ------------------------------------------------------------------------------------
def default_key_file() -> Path:
    import platformdirs
    return Path(platformdirs.user_config_dir("ZhucunCounty", appauthor=False)) / "county.key"


def private_folder(folder: Path) -> None:
    """Make `folder` (and missing parents) for the county's files: 0700 when it is made here."""
    folder = Path(folder)
    if not folder.exists():
        folder.mkdir(parents=True, mode=0o700)
        os.chmod(folder, 0o700)  # mkdir's mode is reduced by the umask


def create_private(path: Path) -> int:
    """Open a new file for writing, 0600 from the start (no moment when others may read it)."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)


def write_private(path: Path, data: bytes) -> None:
    """Write `data` to `path` whole (PATH.part, then renamed), the file 0600 throughout."""
    path = Path(path)
    part = path.with_name(path.name + ".part")
    part.unlink(missing_ok=True)
    try:
        fd = create_private(part)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(part, path)
    except BaseException:
        part.unlink(missing_ok=True)
        raise


def read_key_file(path) -> bytes:
    path = Path(path)
    what = f"密钥文件 (key file) {path}"
    try:
        info = path.stat()
    except OSError:
        raise Locked(f"{what}: 找不到密钥文件 (no such key file)") from None
    if not stat.S_ISREG(info.st_mode):
        raise ValidationError("--key-file", "a file", f"{what}: 不是文件 (not a file)")
    if os.name == "posix":
        if info.st_mode & 0o077:
            raise Locked(f"{what}: 其他用户可读，权限应为 0600 (others may read it: its mode is "
                         f"{stat.S_IMODE(info.st_mode):04o}, it must be 0600 — chmod 600 {path})")
        if info.st_uid != os.getuid():
            raise Locked(f"{what}: 不属于当前用户 (owned by another user)")
    try:
        text = path.read_text("ascii").strip()
        key = bytes.fromhex(text)
    except (OSError, UnicodeDecodeError, ValueError):
        key = b""
    if len(key) != KEY_BYTES:
        raise ValidationError("--key-file", "64 hex digits",
                              f"{what}: 应为64位十六进制数字 (must hold the key as 64 hex digits)")
    return key


def new_key_file(path) -> bytes:
    """A new master key in a new key file (0600, its folder 0700 when made here)."""
    path = Path(path)
    private_folder(path.parent)
    key = secrets.token_bytes(KEY_BYTES)
    try:
        fd = create_private(path)
    except FileExistsError:
        raise ValidationError("--key-file", "a new file", f"--key-file {path}: 文件已存在 (exists already)") from None
    with os.fdopen(fd, "w", encoding="ascii") as f:
        f.write(key.hex() + "\n")
    return key


# -- the passphrase keyring -----------------------------------------------------------------------
def new_keyring(master: bytes, passphrase: str, kdf: dict | None = None) -> dict:
    store_keys.check_passphrase(passphrase)
    kdf = store_keys.new_kdf(kdf)
    kek = store_keys.derive_kek(passphrase.encode("utf-8"), kdf)
    return {"format": KEYRING_FORMAT, "kdf": kdf, "wrapped": store_keys.wrap(master, kek, KEYRING_FORMAT.encode())}


def open_keyring(doc, passphrase: str) -> bytes:
    if not isinstance(doc, dict) or doc.get("format") != KEYRING_FORMAT:
        raise ValidationError("keyring", KEYRING_FORMAT, "keyring: 格式不对 (not a county keyring)")
    kdf = doc.get("kdf")
    bounds = {"memory_kib": (8, 4 * 1024 * 1024), "iterations": (1, 64), "lanes": (1, 64)}
    if not isinstance(kdf, dict) or kdf.get("algorithm") != "argon2id" or not all(
            type(kdf.get(k)) is int and low <= kdf[k] <= high for k, (low, high) in bounds.items()):
        raise ValidationError("keyring", "argon2id within bounds", "keyring: 密钥派生参数不对 (key derivation"
                                                                    " not argon2id or out of bounds)")
    try:
        kek = store_keys.derive_kek(passphrase.encode("utf-8"), doc["kdf"])
        return store_keys.unwrap(doc["wrapped"], kek, KEYRING_FORMAT.encode())
    except AccessDenied:
        raise Locked("密码不对 (wrong passphrase for this county)") from None
    except (KeyError, TypeError, ValueError):
        raise ValidationError("keyring", KEYRING_FORMAT, "keyring: 已损坏 (damaged)") from None


def keyring_file(db_file: Path) -> Path:
    return Path(db_file).with_name(Path(db_file).name + ".keyring")


def read_keyring_file(path: Path) -> dict | None:
    try:
        return json.loads(Path(path).read_text("utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as e:
        raise ValidationError("keyring", "a county keyring", f"{path}: 无法读取 (cannot read: {e})") from None


# -- keys this process has unlocked ----------------------------------------------------------------
_unlocked: dict[str, bytes] = {}


def remember(url: str, master: bytes) -> None:
    _unlocked[url] = master


def known(url: str) -> bytes | None:
    return _unlocked.get(url)


def for_library(url: str, exists: bool) -> bytes:
    """The key for an engine made without one (the API, tests, tools in one process): the one
    unlocked for this URL, else $ZHUCUN_COUNTY_KEY_FILE's, else, for a database that does not
    exist yet, a new key this process keeps."""
    if url in _unlocked:
        return _unlocked[url]
    if os.environ.get(KEY_FILE_ENV):
        master = read_key_file(os.environ[KEY_FILE_ENV])
    elif not exists:
        master = secrets.token_bytes(KEY_BYTES)
    elif default_key_file().exists():
        master = read_key_file(default_key_file())
    else:
        raise Locked("县的数据库已加锁 (the county's database is locked): --key-file FILE 或 (or) --passphrase-stdin")
    _unlocked[url] = master
    return master
