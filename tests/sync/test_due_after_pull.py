"""The due list kept between calls (app.services.due_state) follows what a sync pull writes:
households, visits and case steps recorded on the village's other laptop."""
from __future__ import annotations

from datetime import date

import pytest

from app.services import cases, due, households, sync, visits
from county_server import api
from county_server import county as cty
from county_server.inprocess import InProcess

from tests.support.stores import add_household, make_store

TODAY = date(2026, 11, 22)


@pytest.fixture
def team(store, tmp_path, engine):
    transport = InProcess(api.create_app(engine.url_text))
    other = make_store(tmp_path / "b", "李明")
    for s in (store, other):
        sync.enroll(s, "http://county.test", cty.new_code(engine, "石门村", "城关镇")["code"], transport=transport)
    yield store, other, transport
    other.close()


def same_as_fresh(store) -> list[dict]:
    kept = due.due_list(store, "2026-11", TODAY, include_done=True)
    assert kept == due.due_list(store, "2026-11", TODAY, include_done=True, fresh=True)
    return kept


def test_the_kept_due_list_follows_a_pull(team):
    a, b, transport = team
    h = add_household(a, "张三", category="lifted")
    for s in (a, b):
        sync.sync(s, transport=transport)
    assert h["id"] in {r["household_id"] for r in same_as_fresh(b)}
    visits.add_visit(a, h["id"], {"visit_date": "2026-11-10", "mode": "home", "findings": "正常"}, today=TODAY)
    households.update_household(a, h["id"], {"residence": "away"})
    c = cases.open_case(a, h["id"], "2026-11-02", "王芳", {}, today=TODAY)
    cases.record_step(a, c["id"], "check", "2026-11-02", "王芳", {}, today=TODAY)
    add_household(a, "李四", category="monitored", monitoring_category="edge_at_risk")
    sync.sync(a, transport=transport)
    sync.sync(b, transport=transport)
    rows = same_as_fresh(b)
    assert {r["status"] for r in rows if r["household_id"] == h["id"]} == {"done"}
    assert "李四" in {r["head_name"] for r in rows}
