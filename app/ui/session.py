"""The open store as the window sees it: one lock around the connection (the GUI thread and
workers share it), a signal when data changes, and locking that drops the key."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from datetime import date

from PySide6.QtCore import QObject, Signal

from app.core import clock
from app.storage.store import Store

from .worker import Task


class Session(QObject):
    changed = Signal(str)   # what changed: "households", "visits", "cases", "prompts", "users", …
    locked = Signal()

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self._store = store
        self._lock = threading.RLock()
        self.data_dir = store.data_dir
        self.user_name = store.user["name"]
        self.user_role = store.user["role"]
        self.tasks: set[Task] = set()

    @property
    def store(self) -> Store:
        if self._store is None:
            raise RuntimeError("the store is locked")
        return self._store

    @property
    def is_open(self) -> bool:
        return self._store is not None

    @contextmanager
    def db(self):
        """The store, held against workers for the duration of the block."""
        with self._lock:
            yield self.store

    @contextmanager
    def released(self):
        """Inside work that holds the store (`run`), let the window in while waiting on
        something that is not the store, such as a network request; callers check
        `is_open` afterwards (the store may have been locked meanwhile)."""
        self._lock.release()
        try:
            yield
        finally:
            self._lock.acquire()

    def call(self, fn, *args, **kwargs):
        """A short service call on the GUI thread: `fn(store, *args, **kwargs)`."""
        with self.db() as store:
            return fn(store, *args, **kwargs)

    def notify(self, what: str) -> None:
        self.changed.emit(what)

    @staticmethod
    def today() -> date:
        return clock.today()

    def run(self, fn, on_done=None, on_failed=None, on_progress=None, hold: bool = True) -> Task:
        """`fn(store, report)` in a worker, holding the store; results on the GUI thread.
        With `hold=False` it is `fn(session, report)`, which takes `session.db()` for each
        step itself, so the window can read between the steps of long background work."""
        def body(report):
            if not hold:
                return fn(self, report)
            with self.db() as store:
                return fn(store, report)
        task = Task(body)
        self.tasks.add(task)
        task.signals.done.connect(lambda r: (self.tasks.discard(task), on_done and on_done(r)))
        task.signals.failed.connect(lambda e: (self.tasks.discard(task), on_failed and on_failed(e)))
        if on_progress:
            task.signals.progress.connect(on_progress)
        return task.start()

    def lock(self) -> None:
        """Close the store: the data key leaves memory; the window must show nothing more."""
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None
        self.locked.emit()
