"""One way for the window to reach the store off the GUI thread, after Anki's QueryOp/CollectionOp.

    QueryOp(session, read, receiver).success(show).failure(say).run()
        `read(store)` runs on the read thread, on the session's read-only connection: it never
        waits behind a print or an import that holds the store for writing.
    CollectionOp(session, write, receiver).success(done).failure(say).progress(bar).run()
        `write(store, report)` runs in the pool holding the store (with `hold=False`,
        `write(session, report)` takes the store itself for each step).

Results arrive on the GUI thread through a small inbox owned by `receiver`: when the receiver
(a page, a dialog) is gone, the inbox is gone with it and nothing is delivered, so no callback
has to ask whether its widget is still alive."""
from __future__ import annotations

from typing import Callable, Generic, TypeVar

from PySide6.QtCore import QObject, QThreadPool, Slot

from .worker import Task

T = TypeVar("T")

_READS: QThreadPool | None = None


def read_pool() -> QThreadPool:
    """One read thread: reads on the read-only connection run one after another."""
    global _READS
    if _READS is None:
        _READS = QThreadPool()
        _READS.setMaxThreadCount(1)
    return _READS


def wait_for_workers(msecs: int = 60_000) -> None:
    """Let the background reads and tasks end: before the store closes and before Python exits,
    so no worker thread is still running at shutdown (under Windows that kills the process)."""
    for pool in (read_pool(), QThreadPool.globalInstance()):
        pool.waitForDone(msecs)


class _Inbox(QObject):
    """Owned by the receiver; deletes itself once it has delivered."""

    def __init__(self, receiver: QObject, op: _Op):
        super().__init__(receiver)
        self.op = op

    @Slot(object)
    def done(self, result) -> None:
        op, self.op = self.op, None
        self.deleteLater()
        if op is not None:
            op._finished(result)

    @Slot(object)
    def failed(self, error) -> None:
        op, self.op = self.op, None
        self.deleteLater()
        if op is not None:
            op._failed(error)

    @Slot(int, int)
    def progress(self, done: int, total: int) -> None:
        if self.op is not None and self.op._on_progress is not None:
            self.op._on_progress(done, total)


class _Op(Generic[T]):
    def __init__(self, session, fn: Callable, receiver: QObject):
        self.session = session
        self.fn = fn
        self.receiver = receiver
        self._on_success: Callable[[T], object] | None = None
        self._on_failure: Callable[[BaseException], object] | None = None
        self._on_progress: Callable[[int, int], object] | None = None
        self.task: Task | None = None

    def success(self, fn: Callable[[T], object]) -> _Op[T]:
        self._on_success = fn
        return self

    def failure(self, fn: Callable[[BaseException], object]) -> _Op[T]:
        self._on_failure = fn
        return self

    def progress(self, fn: Callable[[int, int], object]) -> _Op[T]:
        self._on_progress = fn
        return self

    def _body(self, report):  # pragma: no cover - each op says its own
        raise NotImplementedError

    def _pool(self) -> QThreadPool:
        return QThreadPool.globalInstance()

    def run(self) -> Task:
        task = Task(self._body)
        inbox = _Inbox(self.receiver, self)
        task.signals.done.connect(inbox.done)
        task.signals.failed.connect(inbox.failed)
        task.signals.progress.connect(inbox.progress)
        self.session.tasks.add(task)
        release = lambda *_: self.session.tasks.discard(task)  # noqa: E731
        task.signals.done.connect(release)
        task.signals.failed.connect(release)
        self.task = task
        return task.start(self._pool())

    def cancel(self) -> None:
        if self.task is not None:
            self.task.cancel()

    def _finished(self, result) -> None:
        if self._on_success is not None:
            self._on_success(result)

    def _failed(self, error: BaseException) -> None:
        if self._on_failure is not None:
            self._on_failure(error)


class QueryOp(_Op[T]):
    """`read(store)` on the read-only connection, off the GUI thread. With `reports=True` it is
    `read(store, report)` (progress, and 取消 through `cancel()`); with `hold=False` it is
    `read(session, report)`, which takes `session.reading()` for each step itself."""

    def __init__(self, session, fn: Callable, receiver: QObject, *, reports: bool = False, hold: bool = True):
        super().__init__(session, fn, receiver)
        self.reports = reports
        self.hold = hold

    def _body(self, report):
        if not self.hold:
            return self.fn(self.session, report)
        with self.session.reading() as store:
            return self.fn(store, report) if self.reports else self.fn(store)

    def _pool(self) -> QThreadPool:
        return read_pool()


class CollectionOp(_Op[T]):
    """`write(store, report)` holding the store, off the GUI thread. The page names what it
    changed (`session.notify(Topic…)`) when the result arrives, as a save through `call` does."""

    def __init__(self, session, fn: Callable, receiver: QObject, hold: bool = True):
        super().__init__(session, fn, receiver)
        self.hold = hold

    def _body(self, report):
        if not self.hold:
            return self.fn(self.session, report)
        with self.session.db() as store:
            return self.fn(store, report)
