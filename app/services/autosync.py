"""Sync when online, without Qt: a cheap probe of the county server's /health, the backoff
between tries, the status a person sees (待同步 N 条 · 正在同步… · 已同步 HH:MM · 失败: why,
将于 HH:MM 重试), and the watch loop of `zhucun sync --watch` for a township computer.

The trip itself is app.services.sync.sync: sealed batches are sent in parts and the county keeps
what it has, so a round cut halfway resumes in the next one. The window drives the same pieces
from a timer (app/ui/mainwindow/autosync.py)."""
from __future__ import annotations

import logging
import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from app.core import clock

# httpx and the sync modules are imported where used: the window opens without them.

log = logging.getLogger("zhucun.autosync")

HEALTH = "/api/v1/health"
PROBE_TIMEOUT = 3.0
FIRST_RETRY = 15.0          # seconds after the first failure
MAX_RETRY = 15 * 60.0       # never wait longer than this between tries
DEFAULT_INTERVAL = 300.0    # between rounds once a round succeeded


def probe(url: str, *, timeout: float = PROBE_TIMEOUT, transport: httpx.BaseTransport | None = None,
          verify=False) -> bool:
    """Whether the county server answers its /health now: one small GET, no store, no key, no
    record (so a pinned self-signed certificate need not be checked here; the trip checks it)."""
    if not url:
        return False
    import httpx
    try:
        with httpx.Client(timeout=timeout, transport=transport, verify=verify) as client:
            return client.get(url.rstrip("/") + HEALTH).status_code == 200
    except (httpx.HTTPError, OSError):
        return False


class Backoff:
    """Seconds to wait before the next try: FIRST_RETRY, doubled after each failure up to
    MAX_RETRY; back to the start after a success."""

    def __init__(self, first: float = FIRST_RETRY, most: float = MAX_RETRY):
        self.first, self.most = first, most
        self.failures = 0

    def failed(self) -> float:
        self.failures += 1
        return self.delay()

    def delay(self) -> float:
        return min(self.most, self.first * 2 ** max(0, self.failures - 1)) if self.failures else 0.0

    def reset(self) -> None:
        self.failures = 0


@dataclass
class State:
    """What the window's status and the watch log say: one of idle (pending N), syncing,
    synced (at), failed (why, retry at)."""
    phase: str = "idle"                 # idle · syncing · synced · failed
    pending: int = 0
    at: datetime | None = None          # when the last round ended well
    why: str = ""
    retry_at: datetime | None = None
    result: dict = field(default_factory=dict)

    def text(self) -> str:
        """The status in Chinese with English after it, as the command line shows it."""
        if self.phase == "syncing":
            return "正在同步… (syncing…)"
        if self.phase == "failed":
            retry = f"，将于 {self.retry_at:%H:%M} 重试 (retry at {self.retry_at:%H:%M})" if self.retry_at else ""
            return f"失败: {self.why}{retry}"
        if self.phase == "synced" and self.at is not None and not self.pending:
            return f"已同步 {self.at:%H:%M} (synced at {self.at:%H:%M})"
        return f"待同步 {self.pending} 条 (to sync: {self.pending})"


def reason(error: BaseException) -> str:
    """Why a round failed, in the person's words, without a record's content."""
    import httpx

    from app.sync.client import SyncError
    if isinstance(error, SyncError):
        return str(error)[:200]
    if isinstance(error, (httpx.HTTPError, OSError)):
        return "无法连接县服务器 (the county server cannot be reached)"
    return f"{type(error).__name__}"


def pending(store) -> int:
    from app.storage import outbox
    return outbox.pending(store)


def server_of(store) -> str | None:
    from . import sync
    return sync.status(store).get("county_url")


def round_once(store, server: str | None = None, **options) -> dict:
    """One round: push then pull (app.services.sync.sync); returns its figures."""
    from . import sync
    return sync.sync(store, server, **options)


def summary(result: dict) -> str:
    """A round's figures for the log: counts only, never a name or an ID number."""
    return (f"sent {result.get('pushed', 0)} (accepted {result.get('accepted', 0)}, refused "
            f"{result.get('rejected', 0)}), publications {result.get('pulled', 0)}, village records "
            f"{result.get('records', 0)}, conflicts {result.get('conflicts', 0)}")


def watch(open_store, server: str | None = None, *, interval: float = DEFAULT_INTERVAL,
          stop: threading.Event | None = None, say=None, backoff: Backoff | None = None,
          probe_fn=probe, rounds: int | None = None) -> int:
    """Until `stop` is set: probe the county; when it answers, open the store (`open_store()`, a
    context manager), push then pull; wait `interval` after a good round, the backoff after a
    failed probe or round. `say(state)` hears each change. Returns the number of good rounds.
    `rounds`: stop after this many tries (tests)."""
    from . import sync
    stop = stop or threading.Event()
    backoff = backoff or Backoff()
    say = say or (lambda state: None)
    state = State()
    good = tries = 0
    while not stop.is_set():
        tries += 1
        url = server
        if url is None:
            with open_store() as store:
                url = server_of(store)
                state.pending = pending(store)
        if not probe_fn(url):
            wait = backoff.failed()
            state.phase, state.why = "failed", "无法连接县服务器 (the county server cannot be reached)"
            state.retry_at = clock.now() + timedelta(seconds=wait)
            log.info("county not reachable; next try in %.0f s", wait)
        else:
            state.phase = "syncing"
            say(state)
            try:
                with open_store() as store:
                    result = round_once(store, server, cancel=stop)
                    state.pending = pending(store)
            except sync.SyncCancelled:
                break
            except Exception as e:   # noqa: BLE001 - a failed round is said and retried
                wait = backoff.failed()
                state.phase, state.why = "failed", reason(e)
                state.retry_at = clock.now() + timedelta(seconds=wait)
                log.warning("sync round failed (%s); next try in %.0f s", type(e).__name__, wait)
            else:
                backoff.reset()
                good += 1
                wait = interval
                state.phase, state.at, state.result, state.retry_at = "synced", clock.now(), result, None
                log.info("sync round done: %s", summary(result))
        say(state)
        if rounds is not None and tries >= rounds:
            break
        stop.wait(wait)
    return good
