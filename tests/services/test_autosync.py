"""Sync when online without Qt: the /health probe, the backoff, the status words, the watch loop."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from datetime import datetime

import httpx

from app.services import autosync
from app.sync.client import SyncError


def test_probe_answers_only_for_a_county_that_says_ok():
    asked = []

    def county(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.path)
        return httpx.Response(200 if request.url.host == "up" else 503, json={"status": "ok"})

    transport = httpx.MockTransport(county)
    assert autosync.probe("http://up/", transport=transport)
    assert not autosync.probe("http://down", transport=transport)
    assert asked == ["/api/v1/health", "/api/v1/health"]
    assert not autosync.probe("")
    assert not autosync.probe("http://127.0.0.1:9", timeout=0.5)   # nothing listens: refused, no exception


def test_backoff_doubles_up_to_its_ceiling_and_restarts_after_a_success():
    b = autosync.Backoff(10, 60)
    assert b.delay() == 0
    assert [b.failed() for _ in range(5)] == [10, 20, 40, 60, 60]
    b.reset()
    assert b.failed() == 10


def test_status_words():
    at = datetime(2026, 11, 20, 9, 5)
    assert autosync.State(pending=3).text() == "待同步 3 条 (to sync: 3)"
    assert autosync.State(phase="syncing").text().startswith("正在同步…")
    assert autosync.State(phase="synced", at=at).text() == "已同步 09:05 (synced at 09:05)"
    failed = autosync.State(phase="failed", why="无法连接县服务器", retry_at=at).text()
    assert failed.startswith("失败: 无法连接县服务器") and "将于 09:05 重试" in failed
    assert autosync.reason(SyncError("县服务器拒收 (refused)", "upload", 422)).startswith("县服务器拒收")
    assert "无法连接" in autosync.reason(httpx.ConnectError("no route"))


def test_watch_backs_off_while_the_county_is_away_and_syncs_once_it_answers(monkeypatch):
    answers = iter([False, False, True])
    states, waits = [], []
    opened = []

    @contextmanager
    def store():
        opened.append(1)
        yield "store"

    monkeypatch.setattr(autosync, "round_once", lambda s, server, **kw: {"pushed": 2, "accepted": 2})
    monkeypatch.setattr(autosync, "pending", lambda s: 0)

    class Stop(threading.Event):
        def wait(self, timeout=None):
            waits.append(timeout)
            return False

    good = autosync.watch(store, "http://county", interval=300, stop=Stop(), backoff=autosync.Backoff(10, 60),
                          probe_fn=lambda url: next(answers), say=lambda s: states.append((s.phase, s.text())),
                          rounds=3)
    assert good == 1
    assert [p for p, _ in states] == ["failed", "failed", "syncing", "synced"]
    assert waits == [10, 20]          # the third try ended the test's rounds
    assert len(opened) == 1           # the store is opened only when the county answers
    assert states[-1][1].startswith("已同步")


def test_watch_logs_counts_never_names(caplog, monkeypatch):
    monkeypatch.setattr(autosync, "round_once", lambda s, server, **kw: {"pushed": 1, "records": 4})
    monkeypatch.setattr(autosync, "pending", lambda s: 0)

    @contextmanager
    def store():
        yield "store"

    with caplog.at_level("INFO", logger="zhucun.autosync"):
        autosync.watch(store, "http://county", probe_fn=lambda url: True, rounds=1)
    assert "sent 1" in caplog.text and "village records 4" in caplog.text
