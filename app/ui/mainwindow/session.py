"""The open store as the window sees it: one lock around the writing connection (the GUI thread
and workers share it), read-only connections that never wait behind it, a typed signal when data
changes, and locking that drops the key. Work off the GUI thread goes through ops.QueryOp and
ops.CollectionOp."""
from __future__ import annotations

import threading
from contextlib import contextmanager
from datetime import date
from enum import StrEnum

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer, Signal

from app.core import clock
from app.storage.store import Store

from .worker import Task


class Topic(StrEnum):
    """What changed, as every view hears it (`Session.changed`): a closed vocabulary, so a view
    and the code that writes agree on the names."""
    HOUSEHOLDS = "households"
    VISITS = "visits"
    CASES = "cases"
    INCOMES = "incomes"
    FORMS = "forms"
    PROMPTS = "prompts"
    PROBLEMS = "problems"
    ATTENDANCE = "attendance"
    USERS = "users"
    SYNC = "sync"
    # record tables no view gathers under a wider topic, announced by their own name
    PROMPT_TASKS = "prompt_tasks"
    PROBLEM_LISTS = "problem_lists"
    PROBLEM_ITEMS = "problem_items"
    FORM_DEFINITIONS = "form_definitions"
    FORM_SIGNATURES = "form_signatures"
    HAND_SAMPLES = "hand_samples"
    SIGNATURE_REVIEWS = "signature_reviews"
    # the duties (app/core/duties.py)
    CLUES = "clues"
    SCREENING_CAMPAIGNS = "screening_campaigns"
    SCREENINGS = "screenings"
    MEDICAL_COSTS = "medical_costs"
    WORK_YEARS = "work_years"
    LOANS = "loans"
    PAIRINGS = "pairings"
    PLANS = "plans"
    PLAN_ITEMS = "plan_items"
    # the leader's review (app/services/review_signoff.py)
    REVIEW_RETURNS = "review_returns"
    REVIEW_APPROVALS = "review_approvals"


# Record tables as the window's topics: a write to any of them is announced under its topic.
TOPICS = {"households": Topic.HOUSEHOLDS, "members": Topic.HOUSEHOLDS, "visits": Topic.VISITS,
          "cases": Topic.CASES, "case_events": Topic.CASES, "income_assessments": Topic.INCOMES,
          "form_instances": Topic.FORMS, "form_drafts": Topic.FORMS, "prompts": Topic.PROMPTS,
          "problems": Topic.PROBLEMS, "attendance": Topic.ATTENDANCE}

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
    changed = Signal(object)   # what changed: a Topic (Topic.HOUSEHOLDS == "households", …)
    notice = Signal(str)    # a short sentence for the person: "走访记录已保存"
    locked = Signal()

    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self._store = store
        self._lock = threading.RLock()
        # Read-only connections, opened on first use: one for the GUI thread, one for the read
        # thread (ops.QueryOp), so neither waits behind the other nor behind a writer.
        self._readers: dict[bool, Store] = {}
        self._read_locks = {True: threading.Lock(), False: threading.Lock()}
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
    def reading(self):
        """The store through its own read-only connection: a read here never waits behind work
        that holds the store (a print, an import), only behind another short read."""
        gui = threading.current_thread() is threading.main_thread()
        with self._read_locks[gui]:
            if self._store is None:
                raise RuntimeError("the store is locked")
            if gui not in self._readers:
                self._readers[gui] = self._store.reader()
            yield self._readers[gui]

    def read(self, fn, *args, **kwargs):
        """A short read on the GUI thread, `fn(store, *args, **kwargs)`, on the read-only
        connection. A read that writes fails (the connection is query_only)."""
        with self.reading() as store:
            return fn(store, *args, **kwargs)

    @contextmanager
    def released(self):
        """Inside work that holds the store (a CollectionOp), let the window in while waiting on
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
        topics = sorted({TOPICS.get(t) or Topic(t) for t in tables})
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

    def notify(self, what: Topic | str) -> None:
        """Announce a change that is not a record write through `call` (users, a sync, a
        worker's import). Naming again what the last write already announced is a no-op, so
        no view reloads twice. A record table names its topic ("members": households); any other
        name outside `Topic` is a mistake (ValueError)."""
        what = TOPICS.get(what) or Topic(what)
        if what in self._fresh:
            self._fresh.discard(what)
            return
        self.changed.emit(what)

    @staticmethod
    def today() -> date:
        return clock.today()

    def lock(self) -> None:
        """Close the store: the data key leaves memory; the window must show nothing more."""
        with self._lock, self._read_locks[True], self._read_locks[False]:
            for reader in self._readers.values():
                reader.close()
            self._readers.clear()
            if self._store is not None:
                self._store.close()
                self._store = None
        self.locked.emit()
