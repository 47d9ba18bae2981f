"""Sync when online, end to end: a watcher started while the county server is down syncs by
itself once a real uvicorn on loopback starts answering; no timed asserts (the watcher's own
backoff paces the tries, and a cap on the tries stands in for a generous timeout)."""
from __future__ import annotations

import threading
from contextlib import contextmanager

from app.services import autosync, households, sync


def test_sync_when_online_fires_when_a_stopped_server_starts(enrolled, server):
    store = enrolled
    server.stop()
    h = households.add_household(store, {"head_name": "赵一", "village": "石门村", "number": "0901"})
    households.update_household(store, h["id"], {"note": "等到联网再传"})
    assert sync.status(store)["pending"] > 0

    stop = threading.Event()
    seen: list[str] = []

    def say(state: autosync.State) -> None:
        seen.append(state.phase)
        if state.phase == "failed" and not server.running:
            server.start()            # the county comes up only after the watcher found it down
        if state.phase == "synced":
            stop.set()

    @contextmanager
    def held():
        yield store

    good = autosync.watch(held, interval=0, stop=stop, say=say, backoff=autosync.Backoff(0.05, 0.5), rounds=400)
    assert good == 1
    assert seen[0] == "failed" and seen[-1] == "synced" and "syncing" in seen
    assert sync.status(store)["pending"] == 0
    assert sync.status(store)["last_sync"]


def test_zhucun_sync_watch_runs_until_ctrl_c_and_logs_each_round(enrolled, server, store_info):
    """The township computer's `zhucun sync --watch`: one line per round, Ctrl+C ends it with 0."""
    import os
    import signal
    import subprocess
    import sys

    from servers import REPO
    households.add_household(enrolled, {"head_name": "钱二", "village": "石门村", "number": "0902"})
    enrolled.close()
    proc = subprocess.Popen([sys.executable, "-m", "app", "sync", "--watch", "--interval", "0.5", "--data",
                             str(store_info.path), "--user", store_info.user, "--passphrase-stdin"],
                            cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)}, text=True,
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        proc.stdin.write(store_info.passphrase + "\n")
        proc.stdin.close()
        lines = []
        while not any("已同步" in line for line in lines):
            line = proc.stdout.readline()
            assert line, proc.stderr.read()
            lines.append(line)
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=60)
        out, err = proc.stdout.read(), proc.stderr.read()
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "已停止自动同步" in err
    assert "钱二" not in "".join(lines) + out + err
