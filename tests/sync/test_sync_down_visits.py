"""A page's new visits written at once (app/services/sync/inbound.py): their contact periods
merged and their households marked for the due list in one statement each, with the visit
triggers set aside — the same periods and marks as the triggers leave one visit at a time, and
as the author's laptop holds; a correction still rebuilds the periods of the visit it corrects;
a page that fails leaves the triggers in place."""
from __future__ import annotations

from datetime import date, timedelta

import pytest

from app.services import sync, visits
from app.services.sync import inbound

from tests.support.stores import add_household

from .down_support import laptops

MODES = ("home", "phone", "wechat")


@pytest.fixture
def village(store, tmp_path, engine):
    """Laptop A with households and a year of visits (corrections and a deleted one among them),
    synced; laptops B and C of the village, new."""
    transport, others = laptops(store, tmp_path, engine, ("李明", "王芳"))
    start = date(2025, 11, 3)
    for h in range(4):
        household = add_household(store, f"户主{h}", phone=f"1390000000{h}")
        for n in range(18):
            day = start + timedelta(days=23 * n + 5 * h)
            visit = visits.add_visit(store, household["id"], {"visit_date": day.isoformat(), "mode": MODES[(n + h) % 3],
                                                              "findings": f"第{n}次走访"}, today=day)
            if n % 7 == 3:    # corrected later: another date, another mode
                visits.correct_visit(store, visit["id"], {"visit_date": (day - timedelta(days=40)).isoformat(),
                                                          "mode": MODES[(n + h + 1) % 3]}, "日期记错", today=day)
            if n == 10 and h == 1:
                store.records.delete("visits", visit["id"], "录错了户")
    sync.sync(store, transport=transport)
    yield transport, store, *others
    for s in others:
        s.close()


def periods(store) -> list[tuple]:
    return sorted(map(tuple, store.conn.execute("SELECT * FROM contact_periods")))


def marked(store) -> set[str]:
    return {r[0] for r in store.conn.execute("SELECT household_id FROM due_marks")}


def triggers(store) -> list[tuple]:
    return sorted(map(tuple, store.conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")))


def test_visits_at_once_leave_the_periods_and_marks_of_one_at_a_time(village, monkeypatch):
    transport, a, b, c = village
    before = triggers(b)
    monkeypatch.setattr(inbound, "QUIET_MIN", 1)
    at_once = []
    real = inbound._visits_at_once
    monkeypatch.setattr(inbound, "_visits_at_once", lambda *args: at_once.append(len(args[3])) or real(*args))
    sync.sync(b, pull_only=True, transport=transport)
    assert sum(at_once) == a.conn.execute("SELECT count(*) FROM visits").fetchone()[0]
    monkeypatch.setattr(inbound._NewRecords, "take", lambda self, item, new: False)   # C: one at a time
    sync.sync(c, pull_only=True, transport=transport)
    assert periods(b) == periods(c) == periods(a)
    assert len(periods(b)) > 4 * 3
    assert marked(b) == marked(c) == {r[0] for r in a.conn.execute("SELECT id FROM households")}
    assert triggers(b) == before
    assert b.verify_audit().ok


def test_a_page_that_fails_keeps_the_visit_triggers(village, monkeypatch):
    transport, a, b, _ = village
    before = triggers(b)
    monkeypatch.setattr(inbound, "QUIET_MIN", 1)
    monkeypatch.setattr(inbound, "MERGE_PERIODS", "SELECT no_such_function(?, ?, ?)")  # fails, triggers set aside
    result = sync.sync(b, pull_only=True, transport=transport)    # the page goes one at a time instead
    assert result["records_skipped"] == []
    assert triggers(b) == before
    assert periods(b) == periods(a)
    assert b.conn.execute("SELECT count(*) FROM visits").fetchone()[0] == \
        a.conn.execute("SELECT count(*) FROM visits").fetchone()[0]
