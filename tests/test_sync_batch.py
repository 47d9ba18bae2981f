"""A batch body carries the audit chain whole and each touched record as its last entry saw it."""
from __future__ import annotations

from app.services import households, visits
from app.storage.audit import GENESIS, entry_hash, record_hash
from app.sync import batch

from tests.support.stores import add_household


def _mark(store, first, last):
    store.conn.execute("UPDATE outbox SET batch_id = 'b' WHERE seq BETWEEN ? AND ?", [first, last])


def test_the_body_chains_and_matches_its_records(store):
    h = add_household(store, "张三", group_name="第一村民小组")
    households.update_household(store, h["id"], {"phone": "13812345678"})
    visits.add_visit(store, h["id"], {"date": "2026-11-02", "mode": "home", "findings": "家中正常", "visitor": "王芳"})
    first, last = batch.pending_range(store)
    body = batch.build_body(store, "b1", first, last)
    entries = body["audit"]["entries"]
    assert body["audit"]["prev"] == GENESIS and entries[0]["prev_hash"] == GENESIS
    assert all(e["hash"] == entry_hash(e) for e in entries)
    assert all(b["prev_hash"] == a["hash"] for a, b in zip(entries, entries[1:]))
    last_entry = {(e["tbl"], e["record_id"]): e for e in entries}
    for rec in body["records"]:
        assert record_hash(rec["data"]) == last_entry[(rec["tbl"], rec["id"])]["record_hash"]
    hh = next(r for r in body["records"] if r["tbl"] == "households")
    assert hh["data"]["phone"] == "13812345678" and hh["revision"] == 2  # the latest, once
    assert len([r for r in body["records"] if r["id"] == h["id"]]) == 1


def test_the_next_body_continues_where_the_last_batch_ended(store):
    h = add_household(store, "李四")
    first, last = batch.pending_range(store)
    sent = batch.build_body(store, "b1", first, last)
    _mark(store, first, last)
    assert batch.pending_range(store) is None
    households.update_household(store, h["id"], {"note": "新备注"})
    first2, last2 = batch.pending_range(store)
    assert first2 == last + 1
    body = batch.build_body(store, "b2", first2, last2)
    assert body["audit"]["prev"] == sent["audit"]["entries"][-1]["hash"]
    assert [r["data"]["note"] for r in body["records"]] == ["新备注"]
