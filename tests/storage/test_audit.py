"""The audit hash chain, and the record rules: revisions, outbox, tombstones, immutable visits."""
from __future__ import annotations

import json

import pytest

from app.storage.audit import record_hash

from app.core import canonical
from app.core.errors import NotFound, StateError, ValidationError
from app.services.households import add_household
from app.services.visits import correct_visit
from app.storage.audit import GENESIS, entry_hash
from app.storage.store import Store

from tests.support.storage import PASSPHRASE, TODAY, add_family


def many_writes(store, n=30):
    families = [add_family(store, f"王{i}", i, phone=f"1380000{i:04d}") for i in range(n)]
    for f in families[::3]:
        store.records.update("households", f["household"]["id"], {"note": "低保已办"})
    for f in families[1::5]:
        store.records.delete("members", f["member"]["id"], "录入重复")
    return families


@pytest.fixture
def busy(store):
    many_writes(store)
    return store


def audit_rows(store):
    return store.query("SELECT * FROM audit_log ORDER BY seq")


def test_chain_verifies_after_many_writes(busy):
    result = busy.verify_audit()
    assert result.ok, result.problems
    rows = audit_rows(busy)
    # 1 user + 30 × (household, member, visit) + 10 updates + 6 deletes
    assert result.entries == 1 + 30 * 3 + 10 + 6
    assert result.entries == len(rows) == rows[-1]["seq"]
    assert [r["seq"] for r in rows] == list(range(1, len(rows) + 1))
    assert rows[0]["prev_hash"] == GENESIS
    for prev, row in zip(rows, rows[1:]):
        assert row["prev_hash"] == prev["hash"]
    assert result.head == rows[-1]["hash"] == busy.audit.head
    assert {r["action"] for r in rows} == {"insert", "update", "delete"}
    # The chain survives closing and reopening: the head is read back, and new entries link to it.
    head = busy.audit.head
    busy.close()
    with Store.open(busy.data_dir, PASSPHRASE) as s:
        assert s.audit.head == head
        add_household(s, {"head_name": "新户", "category": "lifted"})
        last = s.query("SELECT prev_hash FROM audit_log ORDER BY seq DESC LIMIT 1")[0]
        assert last["prev_hash"] == head
        assert s.verify_audit().ok


def test_audit_entry_names_who_what_when(store):
    f = add_family(store, "张三丰", 1)
    store.records.update("households", f["household"]["id"], {"phone": "13900001111"})
    row = audit_rows(store)[-1]
    assert row["user_id"] == store.user_id
    assert row["device_id"] == store.device_id
    assert row["action"] == "update" and row["tbl"] == "households"
    assert row["record_id"] == f["household"]["id"] and row["revision"] == 2
    assert json.loads(row["changes"]) == {"phone": ["13800138000", "13900001111"]}
    assert row["at"].endswith("Z") and row["hlc"]


def test_edited_audit_entry_detected(busy):
    busy.conn.execute("UPDATE audit_log SET changes = ? WHERE seq = 5", [canonical.dumps({"note": ["", "x"]})])
    result = busy.verify_audit()
    assert not result.ok
    assert any("entry 5" in p and "hash" in p for p in result.problems)


def test_rewritten_entry_with_recomputed_hash_breaks_the_next_link(busy):
    row = busy.query("SELECT * FROM audit_log WHERE seq = 7")[0]
    row["user_id"] = "someone-else"
    new_hash = entry_hash(row)
    busy.conn.execute("UPDATE audit_log SET user_id = ?, hash = ? WHERE seq = 7", [row["user_id"], new_hash])
    result = busy.verify_audit()
    assert not result.ok
    assert any("entry 8" in p and "previous-hash" in p for p in result.problems)


def test_deleted_middle_entry_detected(busy):
    n = busy.conn.execute("SELECT max(seq) FROM audit_log").fetchone()[0]
    busy.conn.execute("DELETE FROM audit_log WHERE seq = ?", [n // 2])
    result = busy.verify_audit()
    assert not result.ok
    assert any(f"entry {n // 2} missing" in p for p in result.problems)


def test_deleted_last_entry_changes_the_head(busy):
    """Dropping the newest entry leaves a valid-looking shorter chain; the head that travelled
    with the last batch is what shows it. Here: the head differs and the record no longer matches."""
    head = busy.audit.head
    busy.conn.execute("DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)")
    result = busy.verify_audit()
    assert result.head != head
    assert not result.ok  # the record changed by that entry no longer matches its last entry


def test_household_edited_outside_the_application_detected(busy):
    hid = busy.query("SELECT id FROM households ORDER BY rowid LIMIT 1 OFFSET 4")[0]["id"]
    busy.conn.execute("UPDATE households SET head_name = '李四' WHERE id = ?", [hid])
    result = busy.verify_audit()
    assert not result.ok
    assert any(hid in p and "changed outside the application" in p for p in result.problems)


def test_revision_bumped_outside_the_application_detected(busy):
    hid = busy.query("SELECT id FROM households LIMIT 1")[0]["id"]
    busy.conn.execute("UPDATE households SET revision = revision + 1 WHERE id = ?", [hid])
    assert not busy.verify_audit().ok


def test_undeleted_tombstone_detected(busy):
    mid = busy.query("SELECT id FROM members WHERE deleted = 1 LIMIT 1")[0]["id"]
    busy.conn.execute("UPDATE members SET deleted = 0 WHERE id = ?", [mid])
    result = busy.verify_audit()
    assert any(mid in p for p in result.problems)


def test_household_inserted_outside_the_application_detected(busy):
    row = busy.query("SELECT * FROM households LIMIT 1")[0]
    row["id"] = "01900000-0000-7000-8000-000000000000"
    row["head_name"] = "冒名户"
    busy.conn.execute(f"INSERT INTO households ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
                      list(row.values()))
    result = busy.verify_audit()
    assert not result.ok
    assert any(row["id"] in p and "not in the audit log" in p for p in result.problems)


def test_hard_deleted_record_detected(busy):
    vid = busy.query("SELECT id FROM visits LIMIT 1")[0]["id"]
    busy.conn.execute("DELETE FROM visits WHERE id = ?", [vid])
    result = busy.verify_audit()
    assert any(vid in p and "missing from the store" in p for p in result.problems)


def test_rolled_back_transaction_leaves_chain_valid(store):
    add_family(store, "张三丰", 1)
    head, entries, outbox = store.audit.head, store.audit.head_seq, store.query("SELECT count(*) AS n FROM outbox")[0]["n"]
    with pytest.raises(RuntimeError):
        with store.transaction():
            add_family(store, "王二", 2)
            store.records.update("households", store.query("SELECT id FROM households LIMIT 1")[0]["id"],
                                 {"note": "会被撤销"})
            assert store.audit.head_seq > entries
            raise RuntimeError("power cut in the middle of the form")
    assert store.audit.head == head and store.audit.head_seq == entries
    assert store.query("SELECT count(*) AS n FROM outbox")[0]["n"] == outbox
    assert [r["head_name"] for r in store.query("SELECT head_name FROM households")] == ["张三丰"]
    assert store.verify_audit().ok
    add_family(store, "赵六", 3)
    rows = audit_rows(store)
    assert rows[entries]["prev_hash"] == head and rows[entries]["seq"] == entries + 1
    result = store.verify_audit()
    assert result.ok, result.problems
    # A failed write inside Records (a constraint) rolls back the same way.
    with pytest.raises(Exception):
        store.records.insert("members", {"household_id": "no-such-household", "name": "x", "sex": "male",
                                         "birth_date": "1990-01-01", "relation": "son"})
    assert store.verify_audit().ok
    add_family(store, "孙七", 4)
    assert store.verify_audit().ok


def test_visits_are_immutable(store):
    f = add_family(store, "张三丰", 1)
    vid = f["visit"]["id"]
    with pytest.raises(StateError):
        store.records.update("visits", vid, {"findings": "改过的内容"})
    with pytest.raises(StateError):
        store.records.update("case_events", vid, {"kind": "x"})
    assert store.records.get("visits", vid)["findings"] == f["visit"]["findings"]
    assert store.records.get("visits", vid)["revision"] == 1
    # The correction is a new record that supersedes the old one and says why.
    new = correct_visit(store, vid, {"findings": "家里粮食不够吃"}, "记录写错了", today=TODAY)
    assert new["id"] != vid and new["supersedes"] == vid and new["supersede_reason"] == "记录写错了"
    assert store.records.get("visits", vid)["findings"] == f["visit"]["findings"]
    with pytest.raises(StateError):
        correct_visit(store, vid, {"findings": "again"}, "又错了", today=TODAY)
    assert store.verify_audit().ok


def test_update_bumps_revision_and_writes_outbox(store):
    f = add_family(store, "张三丰", 1)
    hid = f["household"]["id"]
    before = store.records.get("households", hid)
    seq_before = store.audit.head_seq
    updated = store.records.update("households", hid, {"note": "危房改造已完成", "flags": ["dibao"]})
    assert updated["revision"] == before["revision"] + 1
    assert updated["note"] == "危房改造已完成" and updated["flags"] == ["dibao"]
    assert updated["hlc"] > before["hlc"]
    assert updated["created_at"] == before["created_at"]
    out = store.query("SELECT * FROM outbox ORDER BY seq DESC LIMIT 1")[0]
    assert (out["tbl"], out["record_id"], out["revision"], out["op"]) == ("households", hid, updated["revision"], "upsert")
    assert out["audit_seq"] == seq_before + 1 == store.audit.head_seq
    assert out["hlc"] == updated["hlc"]
    entry = audit_rows(store)[-1]
    assert entry["seq"] == out["audit_seq"] and entry["record_hash"] == record_hash(updated)
    assert json.loads(entry["changes"]) == {"note": [None, "危房改造已完成"], "flags": [[], ["dibao"]]}
    assert out["acked"] == 0 and out["batch_id"] is None
    # No change, no new revision and no new entries.
    again = store.records.update("households", hid, {"note": "危房改造已完成"})
    assert again["revision"] == updated["revision"]
    assert store.audit.head_seq == seq_before + 1
    # System columns are not input.
    with pytest.raises(ValidationError) as err:
        store.records.update("households", hid, {"revision": 99})
    assert err.value.field == "revision"
    with pytest.raises(ValidationError):
        store.records.update("households", hid, {"not_a_column": 1})
    with pytest.raises(ValidationError):
        store.records.update("members", f["member"]["id"], {"monthly_wage_fen": 1.5})
    with pytest.raises(NotFound):
        store.records.update("households", "missing", {"note": "x"})


def test_delete_is_a_tombstone(store):
    f = add_family(store, "张三丰", 1)
    mid = f["member"]["id"]
    for reason in ("", "   ", None):
        with pytest.raises(ValidationError) as err:
            store.records.delete("members", mid, reason)
        assert err.value.field == "reason"
    assert store.records.get("members", mid)["deleted"] == 0
    tomb = store.records.delete("members", mid, "户籍迁出")
    assert tomb["deleted"] == 1 and tomb["delete_reason"] == "户籍迁出" and tomb["revision"] == 2
    row = store.query("SELECT deleted, delete_reason, name FROM members WHERE id = ?", [mid])
    assert row == [{"deleted": 1, "delete_reason": "户籍迁出", "name": "张三丰"}]  # still there
    assert store.records.get("members", mid) is None
    assert store.records.get("members", mid, include_deleted=True)["deleted"] == 1
    out = store.query("SELECT op, revision, audit_seq FROM outbox ORDER BY seq DESC LIMIT 1")[0]
    assert out["op"] == "delete" and out["revision"] == 2
    last = audit_rows(store)[-1]
    assert last["seq"] == out["audit_seq"] and last["record_hash"] == record_hash(tomb)
    assert last["action"] == "delete" and json.loads(last["changes"]) == {"reason": "户籍迁出"}
    with pytest.raises(NotFound):
        store.records.delete("members", mid, "again")
    assert store.verify_audit().ok


def test_every_change_has_one_audit_and_one_outbox_entry(busy):
    audit = {(r["tbl"], r["record_id"], r["revision"]): r["seq"] for r in audit_rows(busy)}
    outbox = {(r["tbl"], r["record_id"], r["revision"]): r["audit_seq"]
              for r in busy.query("SELECT * FROM outbox")}
    assert audit == outbox


def test_json_column_in_another_layout_verifies_and_a_changed_one_is_found(busy):
    """A record is hashed from its stored text when that is canonical; other text with the same
    content is decoded and hashed the long way (and verifies), other content is found."""
    row = busy.query("SELECT id, flags FROM households WHERE flags IS NOT NULL LIMIT 1")[0]
    busy.conn.execute("UPDATE households SET flags = ? WHERE id = ?",
                      [json.dumps(json.loads(row["flags"]), indent=2), row["id"]])
    assert busy.verify_audit().ok
    busy.conn.execute("UPDATE households SET flags = ? WHERE id = ?", ['["fabricated"]', row["id"]])
    result = busy.verify_audit()
    assert not result.ok
    assert [p for p in result.problems if row["id"] in p] == [f"households {row['id']}: changed outside the"
                                                              f" application (revision {row_revision(busy, row['id'])})"]


def row_revision(store, rid):
    return store.conn.execute("SELECT revision FROM households WHERE id = ?", [rid]).fetchone()[0]

