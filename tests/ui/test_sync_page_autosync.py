"""The 同步 page and the window's sync when online: while an automatic round runs, 同步 (and the
USB buttons) wait, saying 自动同步进行中…, and pressing it starts no second sync; when the round
ends the page shows its outcome and its figures are read again — against the real county server
in process (county_server.api.create_app on SQLite)."""
from __future__ import annotations

import httpx
import pytest

from app.services import autosync, review_signoff, sync
from app.services import households as hs
from app.ui.mainwindow.autosync import AutoSync
from app.ui.sync.sync_page import SyncPage
from county_server import api
from county_server import county as cty
from county_server.inprocess import InProcess


@pytest.fixture
def county(engine):
    return InProcess(api.create_app(engine.url_text))


@pytest.fixture
def enrolled(session, county, engine):
    session.call(sync.enroll, "http://county.test", cty.new_code(engine, "石门村", "城关镇")["code"], transport=county)
    hid = session.store.conn.execute("SELECT id FROM households WHERE deleted = 0 LIMIT 1").fetchone()[0]
    session.call(hs.update_household, hid, {"note": "自动同步时改的"})
    session.call(review_signoff.approve, None)  # the demo village reviews: the leader approves the change
    return session


def watched(session, transport, qtbot) -> tuple[SyncPage, AutoSync, list]:
    page = SyncPage(session)
    qtbot.addWidget(page)
    page.transport = transport
    page.refresh()
    d = AutoSync(session, enabled=False, busy=lambda: page.busy is not None, transport=transport,
                 probe=lambda url: True, first_ms=0, backoff=autosync.Backoff(0.05, 0.2))
    qtbot.addWidget(d.label)
    page.watch(d)
    seen = []

    def look(state) -> None:         # connected after the page: sees the page as it just became
        if state.phase == "syncing":
            page.start_sync()        # pressed during the round: no second sync
        seen.append((state.phase, page.sync_button.isEnabled(), page.sync_button.text(),
                     page.export_button.isEnabled(), page.busy))
    d.state_changed.connect(look)
    return page, d, seen


def test_sync_waits_for_the_automatic_round_and_the_page_shows_its_end(enrolled, county, qtbot):
    page, d, seen = watched(enrolled, county, qtbot)
    assert page.sync_button.isEnabled() and page.sync_button.text() == "同步"
    assert page.pending_label.text() != "0 条记录"
    d.set_enabled(True)
    qtbot.waitUntil(lambda: d.state.phase == "synced", timeout=120_000)
    d.stop()
    assert ("syncing", False, "自动同步进行中…", False, None) in seen
    assert page.sync_button.isEnabled() and page.sync_button.text() == "同步" and page.busy is None
    assert page.pending_label.text() == "0 条记录"             # read again when the round ended
    assert page.result_card.isVisibleTo(page) and page.result_title.text() == "同步完成"
    assert page.last_result is d.state.result


def test_a_failed_round_is_shown_on_the_page(enrolled, county, qtbot):
    def refusing(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/commit"):
            return httpx.Response(422, json={"detail": "审计链不连续"})
        return county.handle_request(request)

    page, d, seen = watched(enrolled, httpx.MockTransport(refusing), qtbot)
    d.set_enabled(True)
    qtbot.waitUntil(lambda: d.state.phase == "failed", timeout=120_000)
    d.stop()
    assert any(s[0] == "syncing" and not s[1] for s in seen)
    assert page.sync_button.isEnabled() and page.result_title.text() == "自动同步未完成"
    assert "审计链不连续" in page.result_note.text()
