"""Sync when online in the window: the status bar's words, the probe with backoff, the round in
the background through the window's runner, never during another job, and Settings' switch —
against the real county server in process (county_server.api.create_app on SQLite)."""
from __future__ import annotations

import httpx
import pytest
from PySide6.QtCore import QThreadPool

from app.services import autosync, review_signoff, sync
from app.services import households as hs
from app.ui.mainwindow.autosync import AutoSync
from county_server import api
from county_server import county as cty
from county_server.inprocess import InProcess

VILLAGE = "石门村"


@pytest.fixture
def county(engine):
    return InProcess(api.create_app(engine.url_text))


@pytest.fixture
def enrolled(session, county, engine):
    code = cty.new_code(engine, VILLAGE, "城关镇")["code"]
    session.call(sync.enroll, "http://county.test", code, transport=county)
    return session


def driver(session, transport, online, qtbot, **kw) -> AutoSync:
    d = AutoSync(session, enabled=True, transport=transport, probe=lambda url: online[0], first_ms=0,
                 backoff=autosync.Backoff(0.05, 0.2), **kw)
    qtbot.addWidget(d.label)
    return d


def test_offline_then_online_syncs_by_itself_and_says_when(enrolled, county, qtbot):
    session = enrolled
    hid = session.store.conn.execute("SELECT id FROM households WHERE deleted = 0 LIMIT 1").fetchone()[0]
    session.call(hs.update_household, hid, {"note": "联网后自动上传"})
    session.call(review_signoff.approve, None)  # the demo village reviews: the leader approves the change
    online = [False]
    d = driver(session, county, online, qtbot)
    qtbot.waitUntil(lambda: d.state.phase == "offline", timeout=30_000)
    assert d.label.text().startswith("待同步 ") and "未连上县服务器" in d.label.text()
    assert d.state.pending > 0
    online[0] = True                                   # the laptop reaches the township network
    qtbot.waitUntil(lambda: d.state.phase == "synced", timeout=120_000)
    qtbot.waitUntil(d.settled, timeout=10_000)   # counted on the read thread
    assert d.label.text().startswith("已同步 ") and d.state.pending == 0
    assert session.read(sync.status)["pending"] == 0 and d.op is None
    d.stop()


def test_a_failed_round_says_why_and_when_it_tries_again(enrolled, county, qtbot):
    def refusing(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/commit"):
            return httpx.Response(422, json={"detail": "审计链不连续"})
        return county.handle_request(request)

    session = enrolled
    hid = session.store.conn.execute("SELECT id FROM households WHERE deleted = 0 LIMIT 1").fetchone()[0]
    session.call(hs.update_household, hid, {"note": "会被拒收"})
    d = driver(session, httpx.MockTransport(refusing), [True], qtbot)
    qtbot.waitUntil(lambda: d.state.phase == "failed", timeout=120_000)
    d.stop()
    assert d.label.text().startswith("同步失败：") and "审计链不连续" in d.label.text() and "重试" in d.label.text()
    assert d.state.pending > 0                         # nothing local was marked as sent


def test_it_waits_while_another_job_runs_and_can_be_switched_off(enrolled, county, qtbot):
    session = enrolled
    busy = [True]
    d = driver(session, county, [True], qtbot, busy=lambda: busy[0])
    d.try_now()
    assert d.op is None and d.state.phase == "idle" and d.timer.isActive()   # looked, and will look again
    d.set_enabled(False)
    assert not d.timer.isActive() and "自动同步已关闭" in d.label.text()
    busy[0] = False
    d.try_now()
    assert d.op is None                                # off means off
    d.set_enabled(True)
    qtbot.waitUntil(lambda: d.state.phase == "synced", timeout=120_000)
    d.stop()


def test_not_enrolled_means_no_probe(session, qtbot):
    asked = []
    d = AutoSync(session, enabled=True, probe=lambda url: asked.append(url) or True, first_ms=0)
    qtbot.addWidget(d.label)
    d.try_now()
    qtbot.waitUntil(d.settled, timeout=10_000)   # read on the read thread
    QThreadPool.globalInstance().waitForDone()
    assert asked == [] and d.label.text().startswith("待同步 ") and d.state.pending > 0
    d.stop()
