"""Make an upgrade fixture: a small store as this version of Zhucun writes it.

    .venv/bin/python tests/storage/make_fixture.py v1-store

writes tests/storage/fixtures/<name>/zhucun.db and keys.json, plus
tests/storage/fixtures/<name>.json with what test_migrations.py expects to find in it.
A fixture, once committed, is never regenerated: it stands for the stores that people
already have on their laptops, and every future migration must keep opening it
(Electrum keeps old wallet files the same way). Make a new one (v2-store, …) after a
release that changes the schema.

The fixture is not secret. It opens with
    passphrase  PASSPHRASE below (user 李队长) or COLLECTOR_PASSPHRASE (user 赵采集)
    recovery    the code stored in <name>.json
and its key derivation is deliberately weak (1 MiB, 1 pass) so that the tests run fast.
"""
from __future__ import annotations

import argparse
import json
import shutil
import sys
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from app.core.enums import Role, Sex  # noqa: E402
from app.core.idnumber import make_id_number  # noqa: E402
from app.services.households import add_household, add_member  # noqa: E402
from app.services.visits import add_visit, correct_visit  # noqa: E402
from app.storage import keys, schema  # noqa: E402
from app.storage.store import DB_NAME, KEYS_NAME, LOCK_NAME, Store  # noqa: E402

PASSPHRASE = "fixture-passphrase-1"
COLLECTOR_PASSPHRASE = "fixture-collector-1"
WEAK_KDF = {"algorithm": "argon2id", "memory_kib": 1024, "iterations": 1, "lanes": 1}
TODAY = date(2026, 12, 1)


def build(out: Path) -> dict:
    keys.DEFAULT_KDF = dict(WEAK_KDF)  # users added later get the weak parameters too
    store, code = Store.create(out, "李队长", PASSPHRASE, kdf_params=WEAK_KDF)
    try:
        store.add_user("赵采集", COLLECTOR_PASSPHRASE, Role.COLLECTOR)
        h1 = add_household(store, {"head_name": "张三丰", "category": "lifted", "phone": "13800138000",
                                   "group_name": "第三村民小组", "number": "003", "flags": ["dibao"]})
        m1 = add_member(store, h1["id"], {"name": "张三丰", "relation": "head",
                                          "id_number": make_id_number("522601", date(1958, 4, 9), Sex.MALE, 12)},
                        today=TODAY)
        m2 = add_member(store, h1["id"], {"name": "李秀英", "relation": "spouse",
                                          "id_number": make_id_number("522601", date(1961, 2, 3), Sex.FEMALE, 40)},
                        today=TODAY)
        h2 = add_household(store, {"head_name": "欧阳娜娜", "category": "lifted", "phone": "13900139000"})
        v1 = add_visit(store, h1["id"], {"visit_date": "2026-11-01", "mode": "home",
                                         "findings": "粮食够吃，住房安全"}, today=TODAY)
        v2 = correct_visit(store, v1["id"], {"findings": "粮食够吃，屋顶需修补"}, "漏记了屋顶", today=TODAY)
        store.records.update("households", h2["id"], {"note": "外出务工"})
        store.records.delete("members", m2["id"], "录入错误")
        result = store.verify_audit()
        assert result.ok, result.problems
        expected = {
            "passphrase": PASSPHRASE,
            "collector_passphrase": COLLECTOR_PASSPHRASE,
            "recovery_code": code,
            "store_id": store.store_id,
            "device_id": store.device_id,
            "migrations": [m.name for m in schema.migrations.applied(store.db)],
            "audit_entries": result.entries,
            "audit_head": result.head,
            "users": {u["name"]: u["role"] for u in store.users()},
            "households": {h1["id"]: {"head_name": "张三丰", "revision": 1, "phone": "13800138000",
                                      "flags": ["dibao"], "group_name": "第三村民小组"},
                           h2["id"]: {"head_name": "欧阳娜娜", "revision": 2, "note": "外出务工"}},
            "members": {m1["id"]: {"name": "张三丰", "id_number": m1["id_number"], "deleted": 0},
                        m2["id"]: {"name": "李秀英", "id_number": m2["id_number"], "deleted": 1,
                                   "delete_reason": "录入错误"}},
            "visits": {v1["id"]: {"findings": "粮食够吃，住房安全", "supersedes": None},
                       v2["id"]: {"findings": "粮食够吃，屋顶需修补", "supersedes": v1["id"],
                                  "supersede_reason": "漏记了屋顶"}},
            "search": {"zsf": h1["id"], "138001": h1["id"], "三组": h1["id"], "0255": h1["id"], "欧阳": h2["id"]},
        }
    finally:
        store.close()
    (out / LOCK_NAME).unlink(missing_ok=True)
    assert sorted(p.name for p in out.iterdir()) == [KEYS_NAME, DB_NAME], list(out.iterdir())
    return expected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("name", help="fixture name, e.g. v1-store")
    parser.add_argument("--force", action="store_true", help="overwrite an existing fixture (never for a released one)")
    args = parser.parse_args()
    out = HERE / "fixtures" / args.name
    if out.exists():
        if not args.force:
            sys.exit(f"{out} exists; fixtures are frozen once committed (use --force only before committing)")
        shutil.rmtree(out)
    expected = build(out)
    (HERE / "fixtures" / f"{args.name}.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"wrote {out} ({sum(p.stat().st_size for p in out.iterdir())} bytes)")


if __name__ == "__main__":
    main()
