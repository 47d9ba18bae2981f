"""Long work off the GUI thread: a QRunnable whose result comes back by signal, with
progress and cancel."""
from __future__ import annotations

import traceback

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal


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
        self.setAutoDelete(False)

    def cancel(self) -> None:
        self._cancelled = True

    def report(self, done: int, total: int) -> None:
        if self._cancelled:
            raise Cancelled()
        self.signals.progress.emit(done, total)

    def run(self) -> None:
        try:
            result = self.fn(self.report)
        except Exception as e:  # noqa: BLE001 - every failure goes back to the GUI
            e.trace = traceback.format_exc()
            self.signals.failed.emit(e)
        else:
            self.signals.done.emit(result)

    def start(self) -> Task:
        QThreadPool.globalInstance().start(self)
        return self
