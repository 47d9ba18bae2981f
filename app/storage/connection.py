"""Opening the SQLCipher database with the raw data key and the pragmas the store relies on."""
from __future__ import annotations

from pathlib import Path

import sqlcipher3

from app.core.errors import AccessDenied

DatabaseError = sqlcipher3.DatabaseError
IntegrityError = sqlcipher3.IntegrityError


def connect(path: Path, data_key: bytes) -> sqlcipher3.Connection:
    """Open (or create) the encrypted database. The key is raw, so no second KDF runs here."""
    conn = sqlcipher3.connect(str(path), isolation_level=None, check_same_thread=False)
    conn.execute(f"PRAGMA key = \"x'{data_key.hex()}'\"")
    try:
        # The first read proves the key; a wrong one fails here without writing anything.
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher3.DatabaseError as e:
        conn.close()
        if "not a database" not in str(e):
            raise  # a full disk, a read-only folder: not the key's fault (the caller says which)
        raise AccessDenied(f"{path} does not open with this key") from None
    # Temporary tables and sort spills stay in memory: nothing plain reaches a temp file.
    conn.execute("PRAGMA temp_store = MEMORY")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    # 32 MiB of decrypted pages: a village's search index and recent visits stay in memory.
    conn.execute("PRAGMA cache_size = -32768")
    return conn
