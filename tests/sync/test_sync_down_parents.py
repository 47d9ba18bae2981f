"""A page's records come with their parents first (county_server/down.py): a household changed
after its members were placed is sent before them, fetched with the other parents placed after
the page in one query a table, and the device holds every record whatever the page size."""
from __future__ import annotations

import pytest

from app.services import households, sync, visits
from county_server import down as county_down

from tests.support.stores import add_household

from .down_support import VILLAGE, laptops



@pytest.fixture
def village(store, tmp_path, engine):
    transport, others = laptops(store, tmp_path, engine)
    other = others[0]
    made = []
    for h in range(4):
        household = add_household(store, f"户主{h}", [(f"户主{h}", "head", "1970-05-01", "male"),
                                                    (f"成员{h}", "spouse", "1972-03-01", "female")])
        visits.add_visit(store, household["id"], {"visit_date": "2026-11-02", "mode": "home", "findings": "在家"})
        made.append(household)
    sync.sync(store, transport=transport)
    for household in made[:3]:        # placed again, after its members and visits
        households.update_household(store, household["id"], {"phone": "13900000000"})
    households.delete_household(store, made[3]["id"], "迁出")
    gone = households.members(store, made[2]["id"])[1]
    households.delete_member(store, gone["id"], "去世")
    households.add_member(store, made[1]["id"], {"name": "张小三", "relation": "son", "birth_date": "2001-01-01",
                                                 "sex": "male", "phone": "13811112222"})
    sync.sync(store, transport=transport)
    yield transport, store, other
    other.close()


def search_index(store) -> tuple[list, list]:
    entries = store.conn.execute("SELECT h.id, s.body FROM household_search s JOIN households h ON h.rowid = s.rowid"
                                 " ORDER BY h.id").fetchall()
    grams = store.conn.execute("SELECT h.id, g.gram FROM household_grams g JOIN households h ON h.rowid = g.rid"
                               " ORDER BY h.id, g.gram").fetchall()
    assert len(entries) == 3 and grams
    return entries, grams


@pytest.mark.parametrize("limit", [1, 3, 2000])
def test_parents_placed_later_come_first_in_one_query_a_table(village, engine, monkeypatch, limit):
    transport, a, b = village
    fetched = []
    real = county_down._placed_later
    monkeypatch.setattr(county_down, "_placed_later", lambda *args: fetched.append(real(*args)) or fetched[-1])
    with sync.client_for(b, transport=transport) as client:
        result = sync.pull_records(b, client, limit=limit)
    assert result["skipped"] == []
    for tbl in ("households", "members", "visits"):
        assert sorted(map(tuple, b.conn.execute(f"SELECT id, revision, hlc FROM {tbl}"))) == \
            sorted(map(tuple, a.conn.execute(f"SELECT id, revision, hlc FROM {tbl}"))), tbl
    assert b.conn.execute("SELECT count(*) FROM households WHERE phone = '13900000000'").fetchone()[0] == 3
    assert b.verify_audit().ok
    assert search_index(b) == search_index(a)     # as households.reindex made it on A
    if limit < 2000:    # a member's household, placed again after the page, came in it
        assert any(key[0] == "households" for found in fetched for key in found)
    page = county_down.page(engine, b.device_id, VILLAGE, 0, 3)
    seen = set()
    for item in page["items"]:
        for column, parent in county_down.PARENTS.get(item["tbl"], ()):
            assert (parent, item["data"].get(column)) in seen or item["data"].get(column) is None
        seen.add((item["tbl"], item["id"]))
