"""What a killed backup, restore or print left is removed by the next run, and only that: a
working folder of another store's backup still running is left alone until it is old."""
from __future__ import annotations

import os
import time
from pathlib import Path

from app.services.printing import prepare_output
from app.storage.backup import RESTORE_PREFIX, TEMP_PREFIX, make_backup, restore_backup
from app.storage.store import Store

FAST = {"algorithm": "argon2id", "memory_kib": 8, "iterations": 1, "lanes": 1}
PASS = "passphrase1"


def _folder(where: Path, name: str, age_s: float = 0) -> Path:
    folder = where / name
    folder.mkdir()
    (folder / "zhucun.db").write_bytes(b"ciphertext")
    if age_s:
        old = time.time() - age_s
        os.utime(folder, (old, old))
    return folder


def test_backup_and_restore_remove_what_a_killed_run_left(tmp_path):
    store, _ = Store.create(tmp_path / "store", "李队长", PASS, kdf_params=FAST)
    out = tmp_path / "usb" / "b.zhucun-backup"
    out.parent.mkdir()
    with store:
        mine = _folder(out.parent, f"{TEMP_PREFIX}{store.store_id[:8]}-k1ll3d")
        running = _folder(out.parent, f"{TEMP_PREFIX}0th3rst0-busy")
        stale = _folder(out.parent, f"{TEMP_PREFIX}0th3rst0-old", age_s=2 * 86400)
        out.with_name(out.name + ".partial").write_bytes(b"half a backup")
        make_backup(store, out)
    assert not mine.exists() and not stale.exists() and running.exists()
    assert not out.with_name(out.name + ".partial").exists() and out.exists()
    assert [p.name for p in out.parent.iterdir() if p.name.startswith(TEMP_PREFIX)] == [running.name]

    (tmp_path / "new").mkdir()
    killed = _folder(tmp_path / "new", RESTORE_PREFIX + "k1ll3d", age_s=7200)
    restore_backup(out, tmp_path / "new" / "store", PASS)
    assert not killed.exists()
    assert not [p for p in (tmp_path / "new").iterdir() if p.name.startswith(RESTORE_PREFIX)]


def test_print_removes_the_part_files_a_killed_print_left(tmp_path):
    folder = tmp_path / "handbooks"
    folder.mkdir()
    (folder / "张三.pdf.part").write_bytes(b"%PDF half")
    (folder / "李四.pdf").write_bytes(b"%PDF done")
    prepare_output(folder, folder=True)
    assert sorted(p.name for p in folder.iterdir()) == ["李四.pdf"]
    single = tmp_path / "all.pdf"
    single.with_name("all.pdf.part").write_bytes(b"%PDF half")
    prepare_output(single)
    assert not single.with_name("all.pdf.part").exists()
