"""Long work off the GUI thread: a QRunnable whose result comes back by signal, with
progress and cancel."""
from __future__ import annotations

import traceback

from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal
from shiboken6 import isValid

from app.core.errors import ZhucunError

# Signal carriers whose results are still on their way to the GUI thread. The pool deletes a
# finished runnable itself; the carrier must outlive it until its queued signals are delivered.
_IN_FLIGHT: set = set()


class Cancelled(Exception):
    """Raised inside a task by `report` once the user pressed cancel."""


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)
    progress = Signal(int, int)


class Task(QRunnable):
    """Runs `fn(report)` in the pool. `report(done, total)` updates the progress bar and
    raises Cancelled after `cancel()`. Results and errors arrive on the GUI thread."""

    def __init__(self, fn):
        super().__init__()
        self.fn = fn
        self.signals = _Signals()
        self._cancelled = False
        # The pool owns and deletes the runnable after run() returns: a result handler that
        # drops the last Python reference can then never free it under a running thread.
        self.setAutoDelete(True)
        signals = self.signals
        _IN_FLIGHT.add(signals)
        release = lambda *_: QTimer.singleShot(0, lambda: _IN_FLIGHT.discard(signals))  # noqa: E731
        signals.done.connect(release)
        signals.failed.connect(release)

    def cancel(self) -> None:
        self._cancelled = True

    def report(self, done: int, total: int) -> None:
        if self._cancelled or not isValid(self.signals):    # cancelled, or the application is closing
            raise Cancelled()
        self.signals.progress.emit(done, total)

    def run(self) -> None:
        try:
            result = self.fn(self.report)
        except Exception as e:  # noqa: BLE001 - every failure goes back to the GUI
            e.trace = traceback.format_exc()
            if not isinstance(e, (Cancelled, ZhucunError)):
                from app import log
                e.reference = log.log_unexpected(e, "window task")  # the message shows it
            if isValid(self.signals):
                self.signals.failed.emit(e)
        else:
            if isValid(self.signals):       # else the application closed while this ran: no one to tell
                self.signals.done.emit(result)

    def start(self, pool: QThreadPool | None = None) -> Task:
        (pool or QThreadPool.globalInstance()).start(self)
        return self


class MainThreadGarbageCollector(QObject):
    """Python's cyclic collector runs in whichever thread happens to allocate. If that is a
    worker, it can destroy Qt widgets there and crash. So automatic collection is switched off
    and done here, on the GUI thread, when the generation counts say it is due."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = 500):
        import gc
        super().__init__(parent)
        self._gc = gc
        self.threshold = gc.get_threshold()
        gc.disable()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.check)
        self.timer.start(interval_ms)

    def check(self) -> None:
        c0, c1, c2 = self._gc.get_count()
        t0, t1, t2 = self.threshold
        if c0 > t0:
            generation = 2 if c2 > t2 else 1 if c1 > t1 else 0
            self._gc.collect(generation)
