"""The open store as the window sees it: one lock around the connection (the GUI thread and
workers share it), a signal when data changes, and locking that drops the key."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from datetime import date

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer, Signal

from app.core import clock
from app.storage.store import Store

from .worker import Task


# Record tables as the window's topics: a write to any of them is announced under its topic.
TOPICS = {"households": "households", "members": "households", "visits": "visits", "cases": "cases",
          "case_events": "cases", "income_assessments": "incomes", "form_instances": "forms",
          "form_drafts": "forms", "prompts": "prompts", "problems": "problems", "attendance": "attendance"}

# What a cadre is told after a save, by the table written first (in this order).
SAVED = (("visits", QT_TRANSLATE_NOOP("Session", "走访记录已保存")),
         ("members", QT_TRANSLATE_NOOP("Session", "成员信息已保存")),
         ("case_events", QT_TRANSLATE_NOOP("Session", "案例进展已保存")),
         ("cases", QT_TRANSLATE_NOOP("Session", "案例进展已保存")),
         ("income_assessments", QT_TRANSLATE_NOOP("Session", "收入测算已保存")),
         ("form_instances", QT_TRANSLATE_NOOP("Session", "表单已保存")),
         ("households", QT_TRANSLATE_NOOP("Session", "农户档案已保存")))


def saved_notice(tables) -> str | None:
    """The sentence that says a save happened, for the tables a call wrote (None: say nothing)."""
    for table, text in SAVED:
        if table in tables:
            return QCoreApplication.translate("Session", text)
    return None


class Session(QObject):
    """`changed(topic)` is the one path by which every view learns that data changed: each write
    through `call` is announced under its topic ("households", "visits", "cases", "incomes",
    "forms", …); work that is not a record write (users, sync) calls `notify`. `notice(text)`
    asks the window to say briefly that something was saved."""
    changed = Signal(str)   # what changed: "households", "visits", "cases", "prompts", "users", …
    notice = Signal(str)    # a short sentence for the person: "走访记录已保存"
    locked = Signal()

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self._store = store
        self._lock = threading.RLock()
        self.data_dir = store.data_dir
        self.user_name = store.user["name"]
        self.user_role = store.user["role"]
        self.tasks: set[Task] = set()
        self._fresh: set[str] = set()   # topics the last write announced, not yet named again

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
        """A short service call on the GUI thread: `fn(store, *args, **kwargs)`. Records it
        writes are announced (`changed`, and `notice` for a save a person made)."""
        with self.db() as store:
            before = dict(store.writes)
            result = fn(store, *args, **kwargs)
            written = {t for t, n in store.writes.items() if before.get(t) != n}
        if written:
            self.announce(written)
        return result

    def announce(self, tables) -> None:
        """Tell every view which record tables were written, and the person that it was saved."""
        topics = sorted({TOPICS.get(t, t) for t in tables})
        for topic in topics:
            self.changed.emit(topic)
        if not self._fresh:
            QTimer.singleShot(0, self._forget)
        self._fresh = set(topics)
        text = saved_notice(tables)
        if text:
            self.notice.emit(text)

    def _forget(self) -> None:
        self._fresh = set()

    def notify(self, what: str) -> None:
        """Announce a change that is not a record write through `call` (users, a sync, a
        worker's import). Naming again what the last write already announced is a no-op, so
        no view reloads twice."""
        if what in self._fresh:
            self._fresh.discard(what)
            return
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
