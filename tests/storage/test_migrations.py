"""Upgrade fixtures: stores made by earlier versions must keep opening with the current code.

Each fixtures/<name>/ holds zhucun.db and keys.json as an earlier version wrote them (made by
make_fixture.py, then frozen), and fixtures/<name>.json says what is in it. A new migration
must leave every one of them opening, verified, with its records as they were.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from sqlite_utils import Database

from app.services.households import add_household, list_households
from app.storage import schema
from app.storage.backup import make_backup, restore_backup
from app.storage.store import DB_NAME, KEYS_NAME, Store

from tests.support.storage import PASSPHRASE, create_store

FIXTURES = Path(__file__).resolve().parent / "fixtures"
FIXTURE_NAMES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())


def test_fixtures_present():
    assert "v1-store" in FIXTURE_NAMES
    for name in FIXTURE_NAMES:
        assert sorted(p.name for p in (FIXTURES / name).iterdir()) == [KEYS_NAME, DB_NAME]
        assert (FIXTURES / f"{name}.json").exists()


@pytest.fixture(params=FIXTURE_NAMES)
def fixture_copy(request, tmp_path):
    """A copy of the fixture store (the committed files are never opened in place)."""
    src = FIXTURES / request.param
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in src.iterdir()}
    dst = tmp_path / request.param
    dst.mkdir()
    for name in (DB_NAME, KEYS_NAME):
        shutil.copyfile(src / name, dst / name)
    expected = json.loads((FIXTURES / f"{request.param}.json").read_text("utf-8"))
    yield dst, expected
    assert {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in src.iterdir()} == before


def test_fixture_opens_and_migrates(fixture_copy):
    path, expected = fixture_copy
    registered = [m.name for m in schema.migrations._migrations]
    assert registered[:len(expected["migrations"])] == expected["migrations"]  # released ones never renamed
    with Store.open(path, expected["passphrase"]) as s:
        # Exactly the migrations released after the fixture ran, and nothing is left pending.
        assert s.migrated == [n for n in registered if n not in expected["migrations"]]
        assert schema.migrations.pending(s.db) == []
        assert [m.name for m in schema.migrations.applied(s.db)] == registered
        assert s.store_id == expected["store_id"] and s.device_id == expected["device_id"]
        assert s.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert s.user["name"] == "李队长"
        assert {u["name"]: u["role"] for u in s.users()} == expected["users"]
    # Opening again applies nothing.
    with Store.open(path, expected["passphrase"]) as s:
        assert s.migrated == []


def test_fixture_records_and_audit_chain(fixture_copy):
    path, expected = fixture_copy
    with Store.open(path, expected["passphrase"]) as s:
        for table in ("households", "members", "visits"):
            for rid, fields in expected[table].items():
                record = s.records.get(table, rid, include_deleted=True)
                assert record is not None, (table, rid)
                for key, value in fields.items():
                    assert record[key] == value, (table, rid, key)
        result = s.verify_audit()
        assert result.ok, result.problems
        assert result.entries >= expected["audit_entries"]
        # The chain the fixture was made with is still its prefix, hash for hash.
        row = s.conn.execute("SELECT hash FROM audit_log WHERE seq = ?", [expected["audit_entries"]]).fetchone()
        assert row[0] == expected["audit_head"]
        for query, household_id in expected["search"].items():
            assert household_id in [h["id"] for h in list_households(s, query)], query


def test_fixture_opens_with_every_secret(fixture_copy):
    path, expected = fixture_copy
    with Store.open(path, expected["collector_passphrase"]) as s:
        assert s.user["name"] == "赵采集"
    with Store.open_with_recovery(path, expected["recovery_code"], "李队长") as s:
        assert s.user["name"] == "李队长"


def test_upgraded_fixture_keeps_working(fixture_copy, tmp_path):
    path, expected = fixture_copy
    with Store.open(path, expected["passphrase"]) as s:
        h = add_household(s, {"head_name": "升级后新户", "category": "lifted"})
        s.records.update("households", next(iter(expected["households"])), {"note": "升级后修改"})
        result = s.verify_audit()
        assert result.ok, result.problems
        info = make_backup(s, tmp_path / "after-upgrade.zhucun-backup")
    restore_backup(info["path"], tmp_path / "restored", expected["passphrase"])
    with Store.open(tmp_path / "restored", expected["passphrase"]) as s:
        assert s.records.get("households", h["id"])["head_name"] == "升级后新户"
        assert s.verify_audit().ok


def test_new_store_has_every_migration(tmp_path):
    store, _ = create_store(tmp_path / "s")
    with store:
        assert schema.migrations.pending(store.db) == []
        assert [m.name for m in schema.migrations.applied(store.db)] == \
            [m.name for m in schema.migrations._migrations]


def test_migration_names_are_numbered_in_order():
    names = [m.name for m in schema.migrations._migrations]
    numbers = [int(n.split("_", 1)[0]) for n in names]
    # Applied in the order registered: numbers rise (one may be held for a migration under way).
    assert numbers[0] == 1 and numbers == sorted(set(numbers))


def test_a_failing_migration_rolls_back_and_store_still_opens(tmp_path, monkeypatch):
    """A migration that fails part-way leaves the store as it was, still pending, still opening
    with the code that does not have it."""
    store, _ = create_store(tmp_path / "s")
    head = store.audit.head
    store.close()
    from sqlite_utils.migrations import Migrations
    trial = Migrations("zhucun")
    trial._migrations = list(schema.migrations._migrations)

    @trial(name="9999_trial")
    def broken(db: Database) -> None:
        db.execute("ALTER TABLE households ADD COLUMN trial TEXT")
        raise RuntimeError("half done")

    monkeypatch.setattr(schema, "migrations", trial)
    with pytest.raises(RuntimeError):
        Store.open(tmp_path / "s", PASSPHRASE)
    monkeypatch.undo()
    with Store.open(tmp_path / "s", PASSPHRASE) as s:
        assert "trial" not in [r[1] for r in s.conn.execute("PRAGMA table_info(households)")]
        assert s.audit.head == head and s.verify_audit().ok
