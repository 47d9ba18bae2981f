"""The window's one runner for the store: reads on their own read-only connection return while a
long job holds the store for writing; results reach only a receiver that still exists; what
changed is named by a closed vocabulary."""
import threading

import pytest
import shiboken6
from PySide6.QtWidgets import QWidget

from app.services import households as hs
from app.storage.connection import DatabaseError
from app.ui.mainwindow.ops import CollectionOp, QueryOp
from app.ui.mainwindow.session import Session, Topic


@pytest.fixture
def session(qapp, store, hh):
    hh.household("王大山", number="4305241040010001")
    s = Session(store)
    yield s
    s.lock()


def _blocking_write(session, receiver, release: threading.Event, started: threading.Event):
    def work(store, report):
        with store.transaction():     # holds the store and its write transaction until released
            hs.add_household(store, {"head_name": "李四", "number": "4305241040010002", "category": "lifted",
                                     "village": "红星村"})
            started.set()
            release.wait(30)
        return "written"
    results = []
    CollectionOp(session, work, receiver).success(results.append).run()
    assert started.wait(30)
    return results


def test_a_read_returns_while_a_long_job_holds_the_store(qtbot, session):
    receiver = QWidget()
    qtbot.addWidget(receiver)
    release, started = threading.Event(), threading.Event()
    written = _blocking_write(session, receiver, release, started)
    try:
        assert not session._lock.acquire(blocking=False)     # the job holds the store
        # on the GUI thread, without waiting for the job
        assert session.read(hs.count_households) == 1
        # off the GUI thread, delivered to the receiver
        read = []
        QueryOp(session, lambda store: hs.count_households(store), receiver).success(read.append).run()
        qtbot.waitUntil(lambda: read == [1], timeout=10_000)
        assert written == []          # the write is still held
    finally:
        release.set()
    qtbot.waitUntil(lambda: written == ["written"], timeout=10_000)
    assert session.read(hs.count_households) == 2       # committed: the reader sees it


def test_the_read_connection_cannot_write(session):
    with pytest.raises(DatabaseError):
        session.read(hs.update_household, session.read(hs.list_households)[0]["id"], {"phone": "13800000000"})


def test_a_result_for_a_closed_page_is_dropped(qtbot, session):
    receiver = QWidget()
    got, gate = [], threading.Event()

    def slow_read(store):
        gate.wait(30)
        return hs.count_households(store)
    op = QueryOp(session, slow_read, receiver).success(got.append)
    task = op.run()
    shiboken6.delete(receiver)          # the page closed while its read ran
    gate.set()
    qtbot.waitUntil(lambda: task not in session.tasks, timeout=10_000)
    qtbot.wait(50)
    assert got == []


def test_failures_reach_the_receiver(qtbot, session):
    receiver = QWidget()
    qtbot.addWidget(receiver)
    failed = []

    def broken(store):
        raise ValueError("no")
    QueryOp(session, broken, receiver).failure(failed.append).run()
    qtbot.waitUntil(lambda: len(failed) == 1, timeout=10_000)
    assert isinstance(failed[0], ValueError)


def test_what_changed_is_a_topic(qtbot, session):
    seen = []
    session.changed.connect(seen.append)
    hid = session.read(hs.list_households)[0]["id"]
    session.call(hs.update_household, hid, {"phone": "13800000000"})
    assert seen == [Topic.HOUSEHOLDS] and isinstance(seen[0], Topic) and seen[0] == "households"
    session.notify(Topic.USERS)
    assert seen[-1] is Topic.USERS
    with pytest.raises(ValueError):
        session.notify("househlods")


def test_locking_closes_the_read_connection(session):
    assert session.read(hs.count_households) == 1
    readers = list(session._readers.values())
    session.lock()
    assert readers and all(r.conn is None for r in readers)
    with pytest.raises(RuntimeError):
        session.read(hs.count_households)


def test_what_a_reader_keeps_is_rebuilt_after_a_commit(session):
    from app.services.kept import kept
    builds = []

    def count(store):
        return kept(store, "test-count", ("households",), lambda: builds.append(1) or hs.count_households(store))
    assert session.read(count) == 1 and session.read(count) == 1 and len(builds) == 1
    session.call(hs.add_household, {"head_name": "李四", "number": "4305241040010002", "category": "lifted",
                                    "village": "红星村"})
    assert session.read(count) == 2 and len(builds) == 2
