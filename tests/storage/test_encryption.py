"""Everything on disk is ciphertext: the database, its WAL, and nothing plain beside them."""
from __future__ import annotations

import shutil
import sqlite3

import pytest

from app.core.errors import AccessDenied
from app.services.households import list_households
from app.storage.store import DB_NAME, KEYS_NAME, LOCK_NAME, Store

from tests.support.storage import LEADER, PASSPHRASE, add_family

NAMES = ["张三丰", "欧阳娜娜", "王小二"]
ALLOWED = {DB_NAME, DB_NAME + "-wal", DB_NAME + "-shm", KEYS_NAME, LOCK_NAME}


def secrets_of(families) -> list[bytes]:
    out = []
    for f in families:
        out += [f["household"]["head_name"].encode("utf-8"), f["id_number"].encode("ascii"),
                f["phone"].encode("ascii"), f["visit"]["findings"].encode("utf-8")]
    return out


def assert_no_plaintext(data: bytes, needles: list[bytes]) -> None:
    assert data, "expected some bytes to inspect"
    for needle in needles:
        assert needle not in data, f"{needle!r} found in clear"
    # Every SQLite file starts with this header; SQLCipher's starts with a random salt.
    assert b"SQLite format 3" not in data
    for marker in (b"CREATE TABLE", b"households", b"audit_log", b"household_search"):
        assert marker not in data, f"{marker!r} found in clear"
    # UTF-16 forms too, in case anything were stored that way.
    for needle in needles[:1]:
        assert needle.decode("utf-8").encode("utf-16-le") not in data


def make_families(store, start=0):
    return [add_family(store, name, start + i, phone=f"1390000{start + i:04d}")
            for i, name in enumerate(NAMES)]


def test_database_and_wal_are_ciphertext(tmp_path, store_info):
    s = store_info.store
    families = make_families(s)
    assert list_households(s, "张三丰")  # the full-text index holds the name too
    wal = store_info.path / (DB_NAME + "-wal")
    assert wal.exists() and wal.stat().st_size > 0
    # Copy the WAL while the store is still open, before any checkpoint folds it in.
    live_wal = tmp_path / "copy.db-wal"
    shutil.copyfile(wal, live_wal)
    live_db = (store_info.path / DB_NAME).read_bytes()
    needles = secrets_of(families)
    assert_no_plaintext(live_wal.read_bytes(), needles)
    assert_no_plaintext(live_db, needles)
    s.close()
    assert set(p.name for p in store_info.path.iterdir()) <= ALLOWED
    assert_no_plaintext((store_info.path / DB_NAME).read_bytes(), needles)
    # The names did reach the database (the close checkpointed the WAL into it).
    with Store.open(store_info.path, PASSPHRASE) as reopened:
        assert {r["head_name"] for r in reopened.query("SELECT head_name FROM households")} == set(NAMES)
        ids = {r["id_number"] for r in reopened.query("SELECT id_number FROM members")}
        assert ids == {f["id_number"] for f in families}


def test_wal_after_update_and_delete_is_ciphertext(tmp_path, store_info):
    """Old and new values of an edit both stay out of the WAL in clear."""
    s = store_info.store
    families = make_families(s)
    s.close()
    s = Store.open(store_info.path, PASSPHRASE)
    try:
        hid = families[0]["household"]["id"]
        s.records.update("households", hid, {"note": "新的备注：房屋漏雨", "phone": "13711112222"})
        s.records.delete("households", families[1]["household"]["id"], "搬迁到县城")
        wal = (store_info.path / (DB_NAME + "-wal")).read_bytes()
        assert_no_plaintext(wal, secrets_of(families) + ["新的备注".encode(), b"13711112222",
                                                        "搬迁到县城".encode()])
    finally:
        s.close()


def test_stdlib_sqlite_cannot_read_it(store_info):
    make_families(store_info.store)
    store_info.store.close()
    conn = sqlite3.connect(store_info.path / DB_NAME)
    try:
        with pytest.raises(sqlite3.DatabaseError):
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    finally:
        conn.close()


def test_second_store_on_same_folder_refused_while_open(store_info):
    path = store_info.path
    with pytest.raises(AccessDenied) as err:
        Store.open(path, PASSPHRASE)
    assert "another" in str(err.value)
    with pytest.raises(AccessDenied):
        Store.open_with_recovery(path, store_info.recovery_code, LEADER)
    # The refused open did not disturb the one that is open.
    add_family(store_info.store, "张三丰", 1)
    assert store_info.store.verify_audit().ok
    store_info.store.close()
    with Store.open(path, PASSPHRASE) as s:  # free again once closed
        assert s.query("SELECT count(*) AS n FROM households")[0]["n"] == 1


def test_no_other_files_in_the_folder(store_info):
    s = store_info.store
    for round_ in range(3):
        make_families(s, start=10 * round_)
        # A big sort and a temp table must stay in memory, not spill to a plain temp file.
        s.conn.execute("CREATE TEMP TABLE scratch AS SELECT * FROM households")
        s.conn.execute("DROP TABLE temp.scratch")
        s.query("SELECT * FROM audit_log ORDER BY changes DESC, hash")
        assert set(p.name for p in store_info.path.iterdir()) <= ALLOWED
    assert s.conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
    assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert s.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    s.close()
    assert set(p.name for p in store_info.path.iterdir()) <= {DB_NAME, KEYS_NAME, LOCK_NAME}


def test_lock_file_holds_nothing(store_info):
    make_families(store_info.store)
    assert (store_info.path / LOCK_NAME).read_bytes() == b""


def test_second_process_refused_while_open(store_info):
    """The lock holds across processes too (another Zhucun window, a CLI run)."""
    import subprocess
    import sys

    from tests.support.storage import REPO_ROOT
    probe = ("import sys; sys.path.insert(0, sys.argv[1])\n"
             "from app.core.errors import AccessDenied\n"
             "from app.storage.store import Store\n"
             "try:\n    Store.open(sys.argv[2], sys.argv[3]).close(); print('opened')\n"
             "except AccessDenied:\n    print('denied')\n")
    args = [sys.executable, "-c", probe, str(REPO_ROOT), str(store_info.path), PASSPHRASE]
    out = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "denied", out.stderr
    store_info.store.close()
    out = subprocess.run(args, capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "opened", out.stderr
