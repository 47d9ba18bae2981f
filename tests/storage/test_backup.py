"""Encrypted backups: made from an open store, restored only with a user's passphrase or the
recovery code, and never put in place unless they open and verify."""
from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from app.core.enums import Role
from app.core.errors import AccessDenied, ValidationError, ZhucunError
from app.storage.backup import make_backup, restore_backup
from app.storage.store import DB_NAME, KEYS_NAME, Store

from tests.support.storage import LEADER, PASSPHRASE, add_family, create_store, hash_dir


@pytest.fixture
def backed_up(store_info, tmp_path, fast_default_kdf):
    s = store_info.store
    s.add_user("赵采集", "zhao-passphrase", Role.COLLECTOR)
    families = [add_family(s, name, i, phone=f"1370000{i:04d}") for i, name in enumerate(["张三丰", "欧阳娜娜", "王小二"])]
    s.records.update("households", families[0]["household"]["id"], {"note": "房屋已加固"})
    s.records.delete("members", families[2]["member"]["id"], "户籍迁出")
    (tmp_path / "backups").mkdir()
    info = make_backup(s, tmp_path / "backups")
    return store_info, families, info


def snapshot(store: Store) -> dict:
    out = {}
    for table in ("users", "households", "members", "visits", "audit_log", "outbox", "meta"):
        out[table] = store.query(f"SELECT * FROM {table} ORDER BY rowid")
    return out


def parent_listing(path: Path) -> set[str]:
    return {p.name for p in path.parent.iterdir()}


def test_backup_file_is_encrypted(backed_up):
    store_info, families, info = backed_up
    path = Path(info["path"])
    assert path.name.endswith(".zhucun-backup") and path.stat().st_size == info["bytes"]
    assert not list(path.parent.glob("*.partial")) and not list(path.parent.glob(".zhucun-backup-*"))
    data = path.read_bytes()
    for f in families:
        for needle in (f["household"]["head_name"].encode(), f["id_number"].encode(), f["phone"].encode(),
                       f["visit"]["findings"].encode()):
            assert needle not in data
    assert b"SQLite format 3" not in data and b"CREATE TABLE" not in data
    assert store_info.store._data_key not in data and store_info.store._data_key.hex().encode() not in data
    with zipfile.ZipFile(path) as z:
        assert set(z.namelist()) == {"manifest.json", KEYS_NAME, DB_NAME}
        manifest = json.loads(z.read("manifest.json"))
    assert manifest["audit_head"] == store_info.store.audit.head
    assert manifest["audit_entries"] == store_info.store.audit.head_seq
    assert manifest["store_id"] == store_info.store.store_id


@pytest.mark.parametrize("how", ["leader", "collector", "recovery", "recovery-lower"])
def test_restore_into_new_folder(backed_up, tmp_path, how):
    store_info, families, info = backed_up
    before = snapshot(store_info.store)
    head = store_info.store.audit.head
    secret, recovery = {"leader": (PASSPHRASE, False), "collector": ("zhao-passphrase", False),
                        "recovery": (store_info.recovery_code, True),
                        "recovery-lower": (store_info.recovery_code.lower().replace("-", ""), True)}[how]
    target = tmp_path / "restored" / "data"
    result = restore_backup(info["path"], target, secret, is_recovery_code=recovery)
    assert result["audit_head"] == head and result["moved_aside"] is None
    assert {p.name for p in target.iterdir()} == {DB_NAME, KEYS_NAME}
    assert parent_listing(target) == {"data"}  # no staging folder left behind
    with Store.open(target, PASSPHRASE) as s:
        assert snapshot(s) == before
        assert s.audit.head == head
        result = s.verify_audit()
        assert result.ok, result.problems
        assert s.records.get("households", families[0]["household"]["id"])["note"] == "房屋已加固"
        assert s.records.get("members", families[2]["member"]["id"]) is None
    with Store.open(target, "zhao-passphrase") as s:
        assert s.user["name"] == "赵采集"
    with Store.open_with_recovery(target, store_info.recovery_code, LEADER) as s:
        assert s.audit.head == head


def test_wrong_secret_refused_and_target_untouched(backed_up, tmp_path):
    store_info, families, info = backed_up
    target = tmp_path / "new-place" / "data"
    with pytest.raises(AccessDenied):
        restore_backup(info["path"], target, "not the passphrase")
    with pytest.raises(AccessDenied):
        restore_backup(info["path"], target, PASSPHRASE, is_recovery_code=True)
    with pytest.raises(AccessDenied):
        restore_backup(info["path"], target, "ABCDE-FGHJK-MNPQR-STVWX-YZ012-34567", is_recovery_code=True)
    assert not target.exists()
    assert not target.parent.exists() or list(target.parent.iterdir()) == []
    # An existing empty folder is left as it was too.
    target.mkdir(parents=True)
    with pytest.raises(AccessDenied):
        restore_backup(info["path"], target, "not the passphrase")
    assert list(target.iterdir()) == [] and parent_listing(target) == {"data"}


def test_restore_over_existing_store(backed_up, tmp_path):
    store_info, families, info = backed_up
    head = store_info.store.audit.head
    other_path = tmp_path / "site" / "data"
    other, _ = create_store(other_path, "别的队长", "other-passphrase")
    add_family(other, "不同的户", 77)
    other_id = other.store_id
    other.close()
    before = hash_dir(other_path)

    with pytest.raises(AccessDenied):
        restore_backup(info["path"], other_path, PASSPHRASE)
    assert hash_dir(other_path) == before

    result = restore_backup(info["path"], other_path, PASSPHRASE, replace=True)
    aside = Path(result["moved_aside"])
    assert aside.parent == other_path.parent and aside != other_path
    assert hash_dir(aside) == before  # moved, not deleted nor changed
    with Store.open(aside, "other-passphrase") as s:
        assert s.store_id == other_id
    with Store.open(other_path, PASSPHRASE) as s:
        assert s.audit.head == head and s.store_id == store_info.store.store_id
        assert s.verify_audit().ok
    assert {p.name for p in other_path.parent.iterdir()} == {"data", aside.name}


def _member_span(path: Path, name: str) -> tuple[int, int]:
    with zipfile.ZipFile(path) as z:
        zi = z.getinfo(name)
    raw = path.read_bytes()
    start = zi.header_offset
    assert raw[start:start + 4] == b"PK\x03\x04"
    name_len = int.from_bytes(raw[start + 26:start + 28], "little")
    extra_len = int.from_bytes(raw[start + 28:start + 30], "little")
    data = start + 30 + name_len + extra_len
    return data, data + zi.compress_size


def _flip(data: bytearray, at: int, count: int = 16) -> None:
    for i in range(at, at + count):
        data[i] ^= 0xFF


@pytest.mark.parametrize("where", ["first page", "middle", "last page"])
def test_corrupted_backup_refused_target_untouched(backed_up, tmp_path, where):
    """Bytes flipped inside the database member (the zip's CRC then fails)."""
    store_info, families, info = backed_up
    src = Path(info["path"])
    start, end = _member_span(src, DB_NAME)
    data = bytearray(src.read_bytes())
    at = {"first page": start + 100, "middle": (start + end) // 2, "last page": end - 200}[where]
    _flip(data, at)
    bad = tmp_path / "bad.zhucun-backup"
    bad.write_bytes(bytes(data))
    target = tmp_path / "t" / "data"
    with pytest.raises(ZhucunError):
        restore_backup(bad, target, PASSPHRASE)
    assert not target.exists()
    assert not target.parent.exists() or list(target.parent.iterdir()) == []


@pytest.mark.parametrize("where", ["first page", "middle", "last page"])
def test_tampered_backup_with_valid_zip_refused(backed_up, tmp_path, where):
    """The database member altered and the zip rebuilt around it (CRC right): SQLCipher's page
    authentication must refuse it."""
    store_info, families, info = backed_up
    src = Path(info["path"])
    with zipfile.ZipFile(src) as z:
        members = {n: z.read(n) for n in z.namelist()}
    db = bytearray(members[DB_NAME])
    assert len(db) % 4096 == 0 and len(db) >= 3 * 4096
    at = {"first page": 200, "middle": (len(db) // 4096 // 2) * 4096 + 100, "last page": len(db) - 300}[where]
    _flip(db, at)
    members[DB_NAME] = bytes(db)
    bad = tmp_path / "tampered.zhucun-backup"
    with zipfile.ZipFile(bad, "w") as z:
        for n, content in members.items():
            z.writestr(n, content)
    target = tmp_path / "t" / "data"
    existing, _ = create_store(target, "现有队长", "existing-passphrase")
    existing.close()
    before = hash_dir(target)
    with pytest.raises(ZhucunError):
        restore_backup(bad, target, PASSPHRASE, replace=True)
    assert hash_dir(target) == before
    assert {p.name for p in target.parent.iterdir()} == {"data"}


def test_backup_with_mismatched_key_file_refused(backed_up, tmp_path):
    """A key file from another store (whose passphrase is known) does not open this database."""
    store_info, families, info = backed_up
    other, _ = create_store(tmp_path / "other", "别人", PASSPHRASE)
    other.close()
    src = Path(info["path"])
    with zipfile.ZipFile(src) as z:
        members = {n: z.read(n) for n in z.namelist()}
    members[KEYS_NAME] = (tmp_path / "other" / KEYS_NAME).read_bytes()
    bad = tmp_path / "mixed.zhucun-backup"
    with zipfile.ZipFile(bad, "w") as z:
        for n, content in members.items():
            z.writestr(n, content)
    target = tmp_path / "t" / "data"
    with pytest.raises(AccessDenied):
        restore_backup(bad, target, PASSPHRASE)
    assert not target.exists()


def test_not_a_backup_refused(tmp_path):
    junk = tmp_path / "junk.zhucun-backup"
    junk.write_bytes(b"not a zip at all" * 100)
    with pytest.raises(ValidationError):
        restore_backup(junk, tmp_path / "t" / "data", PASSPHRASE)
    with zipfile.ZipFile(tmp_path / "partial.zip", "w") as z:
        z.writestr("manifest.json", "{}")
    with pytest.raises(ValidationError):
        restore_backup(tmp_path / "partial.zip", tmp_path / "t" / "data", PASSPHRASE)
    with pytest.raises(ValidationError):
        restore_backup(tmp_path / "missing.zhucun-backup", tmp_path / "t" / "data", PASSPHRASE)
    assert not (tmp_path / "t" / "data").exists()


def test_backup_of_backup_restored_store(backed_up, tmp_path):
    """A restored store keeps working: new writes chain on, and it backs up again."""
    store_info, families, info = backed_up
    target = tmp_path / "r1"
    restore_backup(info["path"], target, PASSPHRASE)
    with Store.open(target, PASSPHRASE) as s:
        add_family(s, "新来的", 200)
        assert s.verify_audit().ok
        info2 = make_backup(s, tmp_path / "b2.zhucun-backup")
        head = s.audit.head
    restore_backup(info2["path"], tmp_path / "r2", store_info.recovery_code, is_recovery_code=True)
    with Store.open(tmp_path / "r2", PASSPHRASE) as s:
        assert s.audit.head == head
