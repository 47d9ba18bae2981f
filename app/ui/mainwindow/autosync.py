"""Sync when online, in the window: a status in the status bar (待同步 N 条 · 正在同步… ·
已同步 HH:MM · 失败: why, 将于 HH:MM 重试) and a driver that probes the county's /health with
backoff (and at once when Qt's network information says the laptop came online), then, if
Settings allow it (default on), pushes and pulls through the window's runner (ops.CollectionOp),
never while another job runs and never holding the store while a request is on its way.

The trip is app.services.sync.sync: batches go in parts the county keeps, so a round the network
cut halfway resumes in the next one."""
from __future__ import annotations

import threading
from datetime import timedelta

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QLabel

from app.core import clock
from app.services import autosync

from ..widgets.style import set_role
from .ops import CollectionOp, QueryOp
from .session import Topic
from .worker import Task

FIRST_TRY_MS = 5_000        # after the window opens
BUSY_RETRY_MS = 20_000      # another job is running: look again after this
INTERVAL_MS = 5 * 60_000    # between rounds once a round ended well


class _ProbeSignals(QObject):
    answered = Signal(bool)


class AutoSync(QObject):
    """Owns the timer, the state and the status label. `transport` (tests) carries the trip's
    requests; `probe` replaces the /health probe."""
    state_changed = Signal(object)

    def __init__(self, session, parent: QObject | None = None, *, enabled: bool = True, busy=None,
                 transport=None, probe=autosync.probe, interval_ms: int = INTERVAL_MS,
                 first_ms: int = FIRST_TRY_MS, backoff: autosync.Backoff | None = None):
        super().__init__(parent)
        self.session = session
        self.enabled = enabled
        self.busy = busy or (lambda: False)         # the sync page's own sync, a long job
        self.transport = transport
        self.probe = probe
        self.interval_ms = interval_ms
        self.backoff = backoff or autosync.Backoff()
        self.state = autosync.State()
        self.op = None
        self._cancel = threading.Event()
        self._probing = False           # from the status read until the probe answers
        self._counting = None           # the count of what waits to be sent, on the read thread
        self._recount = False           # data changed while counting: count again
        self._probe_signals = _ProbeSignals(self)
        self._probe_signals.answered.connect(self._probed)
        self.label = QLabel(objectName="autosyncStatus")
        self.label.setContentsMargins(8, 0, 8, 0)
        self.timer = QTimer(self, singleShot=True)
        self.timer.timeout.connect(self.try_now)
        session.changed.connect(self._data_changed)
        session.locked.connect(self.stop)
        self._watch_network()
        self.refresh_pending()
        if enabled:
            self.timer.start(first_ms)

    # -- the platform's network-change signal -------------------------------------------------
    def _watch_network(self) -> None:
        try:
            from PySide6.QtNetwork import QNetworkInformation
            if QNetworkInformation.loadDefaultBackend() and QNetworkInformation.instance() is not None:
                info = QNetworkInformation.instance()
                info.reachabilityChanged.connect(self._reachability)
        except (ImportError, RuntimeError, AttributeError):   # no backend on this platform: the probe alone
            pass

    def _reachability(self, reachability) -> None:
        from PySide6.QtNetwork import QNetworkInformation
        if reachability in (QNetworkInformation.Reachability.Online, QNetworkInformation.Reachability.Site):
            self.backoff.reset()
            self.try_now()

    # -- control ------------------------------------------------------------------------------------
    def set_enabled(self, on: bool) -> None:
        self.enabled = on
        if on:
            self.backoff.reset()
            self.timer.start(0)
        else:
            self.timer.stop()
            self.state.phase, self.state.retry_at = "idle", None
            self.refresh_pending()

    def stop(self) -> None:
        self.timer.stop()
        self._cancel.set()

    def _later(self, ms: float) -> None:
        if self.enabled and self.session.is_open:
            self.timer.start(int(ms))

    # -- a round ------------------------------------------------------------------------------------
    @Slot()
    def try_now(self) -> None:
        if not self.enabled or not self.session.is_open or self.op is not None or self._probing:
            return
        if self._busy():                                 # never during a long job, never two syncs
            self._later(BUSY_RETRY_MS)
            return
        from app.services import sync      # imported at the first round: the window opens without it
        self._probing = True
        QueryOp(self.session, sync.status, self).success(self._looked).failure(self._look_failed).run()

    def settled(self) -> bool:
        """No status read, count or probe on its way (tests wait for it)."""
        return not self._probing and self._counting is None

    def _busy(self) -> bool:
        """Another job runs (the status bar's own count aside)."""
        return self.busy() or any(task is not self._counting for task in self.session.tasks)

    def _look_failed(self, _error: BaseException) -> None:
        self._probing = False           # the store was locked meanwhile

    def _looked(self, status: dict) -> None:
        self.state.pending = status["pending"]
        if not self.session.is_open or not status["enrolled"] or not status.get("county_url"):
            self._probing = False
            self._show()
            return                                      # nothing to sync with: the sync page says how
        url = status["county_url"]
        signals, probe = self._probe_signals, self.probe
        task = Task(lambda report: signals.answered.emit(bool(probe(url))))
        QThreadPool.globalInstance().start(task)

    @Slot(bool)
    def _probed(self, online: bool) -> None:
        self._probing = False
        if not self.session.is_open:
            return
        if not online:
            self._retry_after(None)
            return
        if self._busy():
            self._later(BUSY_RETRY_MS)
            return
        self._start_round()

    def _start_round(self) -> None:
        from app.services import sync

        from ..sync.sync_page import Network
        cancel = self._cancel = threading.Event()
        network = Network(self.session, cancel, self.transport)

        def work(session, report):
            try:
                with session.db() as store:
                    return sync.sync(store, cancel=cancel, transport=network)
            finally:
                network.close()

        self.state.phase = "syncing"
        self._show()
        self.op = CollectionOp(self.session, work, self, hold=False).success(self._done).failure(self._failed)
        self.op.run()

    def _done(self, result: dict) -> None:
        self.op = None
        self.backoff.reset()
        self.state.phase, self.state.at, self.state.result = "synced", clock.now(), result
        self.state.retry_at, self.state.why = None, ""
        self.refresh_pending()
        self.session.notify(Topic.SYNC)
        self._later(self.interval_ms)

    def _failed(self, error: BaseException) -> None:
        from app.services import sync
        self.op = None
        if isinstance(error, sync.SyncCancelled) and not self.session.is_open:
            return
        self._retry_after(autosync.reason(error))
        if self.session.is_open:
            self.session.notify(Topic.SYNC)

    def _retry_after(self, why: str | None) -> None:
        """`why` None: the county did not answer the probe (offline: the ordinary case in a village)."""
        wait = self.backoff.failed()
        self.state.retry_at = clock.now() + timedelta(seconds=wait)
        if why is None:
            self.state.phase, self.state.why = "offline", ""
        else:
            self.state.phase, self.state.why = "failed", why
        self.refresh_pending()
        self._later(wait * 1000)

    # -- the status ---------------------------------------------------------------------------------
    def _data_changed(self, _what) -> None:
        if self.op is None and self.session.is_open:
            self.refresh_pending()

    def refresh_pending(self) -> None:
        """Count what waits to be sent on the read thread (a five-year village that never synced
        has 300,000 records waiting); the label says the count when it arrives."""
        self._show()
        if not self.session.is_open:
            return
        if self._counting is not None:
            self._recount = True
            return
        self._recount = False
        self._counting = QueryOp(self.session, autosync.pending, self).success(self._counted) \
            .failure(self._counted).run()

    def _counted(self, pending) -> None:
        self._counting = None
        if isinstance(pending, BaseException):      # the store was locked meanwhile
            return
        self.state.pending = pending
        self._show()
        if self._recount:
            self.refresh_pending()

    def text(self) -> str:
        s = self.state
        if s.phase == "syncing":
            return self.tr("正在同步…")
        if s.phase == "failed":
            text = self.tr("同步失败：{0}").format(s.why)
            if s.retry_at is not None and self.enabled:
                text += self.tr("，将于 {0} 重试").format(f"{s.retry_at:%H:%M}")
            return text
        if s.phase == "synced" and not s.pending:
            return self.tr("已同步 {0}").format(f"{s.at:%H:%M}")
        text = self.tr("待同步 {0} 条").format(s.pending)
        if s.phase == "offline" and s.retry_at is not None and self.enabled:
            text += self.tr(" · 未连上县服务器，{0} 再试").format(f"{s.retry_at:%H:%M}")
        elif not self.enabled:
            text += self.tr(" · 自动同步已关闭")
        return text

    def _show(self) -> None:
        self.label.setText(self.text())
        set_role(self.label, "error" if self.state.phase == "failed" else "muted")
        self.label.style().unpolish(self.label)
        self.label.style().polish(self.label)
        self.state_changed.emit(self.state)
