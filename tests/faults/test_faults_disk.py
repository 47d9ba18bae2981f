"""A read-only store folder and a full disk (a small tmpfs, mounted as root): every command
answers with a sentence naming the file and exit 2, nothing already stored is lost, and no
half-written file is left behind."""
from __future__ import annotations

from pathlib import Path

import pytest
from faultkit import (audit_ok, cli, copy_store, fill, household_ids, ledger, no_traceback, remount, tmpfs,  # noqa: F401
                      village)

PLANTED_HEAD = "试写户"


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*")
                  if p.name.startswith(".zhucun-backup-") or p.name.endswith((".part", ".partial")))


def test_read_only_store_folder(tmp_path, village):
    with tmpfs(tmp_path / "ro", "64m") as mnt:
        data = copy_store(village, mnt)
        before = household_ids(data)
        remount(mnt, "ro")
        for args in (["households"], ["household", "add", "--head", PLANTED_HEAD, "--category", "一般农户"],
                     ["backup", "--out", tmp_path / "b.zhucun-backup"]):
            run = cli(data, *args)
            assert run.code == 2, run
            no_traceback(run)
            assert "zhucun.lock" in run.err and "只读" in run.err, run
        remount(mnt, "rw")
        assert household_ids(data) == before
        audit_ok(data)


@pytest.mark.parametrize("free_kib", [0, 256])
def test_full_disk(tmp_path, village, ledger, free_kib):
    """Full to the last byte (the store does not even open), or with 256 KiB left (it opens,
    and the write, the backup or the PDF runs out of room part way)."""
    with tmpfs(tmp_path / "full", "24m") as mnt:
        data = copy_store(village, mnt)
        before = household_ids(data)
        entries = audit_ok(data)["entries"]
        filler = fill(mnt, free_kib * 1024)
        attempts = {
            "household add": ["household", "add", "--head", PLANTED_HEAD, "--category", "一般农户"],
            "import-ledger": ["import-ledger", ledger, "--yes", "--report", mnt / "report.xlsx"],
            "backup": ["backup", "--out", mnt / "b.zhucun-backup"],
            "print": ["print", "handbook", "--all", "--out", mnt / "handbooks.pdf"],
        }
        added = set()
        for name, args in attempts.items():
            run = cli(data, *args, "--json")
            no_traceback(run)
            print(f"{free_kib} KiB free, {name}: exit {run.code}")
            if run.code == 0 and free_kib:  # it fitted: then it is stored
                added |= {run.json["id"]} if name == "household add" else set()
                continue
            assert run.code == 2, (name, run)
            assert "磁盘已满" in run.err and "disk full" in run.err, (name, run)
        assert _leftovers(mnt) == []
        filler.unlink()
        after = household_ids(data)
        assert before | added <= after
        if not free_kib:
            assert after == before and audit_ok(data)["entries"] == entries
        audit_ok(data)
        run = cli(data, "household", "add", "--head", PLANTED_HEAD, "--category", "一般农户", "--json")
        assert run.code == 0, run
        assert household_ids(data) == after | {run.json["id"]}
