"""A member whose records the leader sent back sees it on the home page — "队长退回 N 条记录待修改",
the notes, a button to the 审核 page — until the records are corrected; nobody else sees it."""
from __future__ import annotations

import pytest

from app.core.enums import Role
from app.services import households, review_returns
from app.storage import keys
from app.storage.store import Store
from app.ui.mainwindow.main import MainWindow
from app.ui.mainwindow.session import Session
from tests.support.stores import FAST_KDF

MEMBER, PASS = "李明", "passphrase2"


@pytest.fixture
def sent_back(qapp, demo_store, monkeypatch):
    """The demo village with a member, 李明, who changed a household's phone, which the leader
    (the demo's user) sent back. Gives a function opening a session as one of them."""
    monkeypatch.setattr(keys, "DEFAULT_KDF", FAST_KDF)
    folder = demo_store.data_dir
    demo_store.add_user(MEMBER, PASS, Role.COLLECTOR)
    hid = demo_store.conn.execute("SELECT id FROM households WHERE deleted = 0 ORDER BY number LIMIT 1").fetchone()[0]
    demo_store.close()
    with Store.open(folder, PASS, MEMBER) as member:
        households.update_household(member, hid, {"phone": "13800000011"})
    with Store.open(folder, "passphrase1") as leader:
        review_returns.send_back(leader, "households", hid, "电话号码请再核对")
    opened = []

    def session_of(name: str | None = MEMBER, passphrase: str = PASS) -> Session:
        store = Store.open(folder, passphrase, name)
        opened.append(store)
        session = Session(store)
        session.household_id = hid
        return session
    yield session_of
    for store in opened:
        if store.conn is not None:
            store.close()


def loaded(card, qtbot):
    qtbot.waitUntil(lambda: card.loading is None, timeout=60_000)
    return card


def test_the_member_sees_what_was_sent_back_until_corrected(qtbot, sent_back, tmp_path):
    session = sent_back()
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.resize(1280, 800)
    w.showNormal()
    qtbot.waitExposed(w)
    card = loaded(w.home.returned_card, qtbot)
    assert not card.isHidden()
    assert card.summary.text() == "队长退回 1 条记录待修改"
    assert "农户档案" in card.lines.text() and "电话号码请再核对" in card.lines.text()
    w.home.grab().save(str(tmp_path / "returned.png"))

    with qtbot.waitSignal(card.open_review):
        card.button.click()
    assert w.stack.currentWidget() is w.review

    session.call(households.update_household, session.household_id, {"phone": "13800000012"})
    w.nav.setCurrentRow(0)
    assert loaded(card, qtbot).isHidden() and card.returned == []
    qtbot.waitUntil(lambda: not session.tasks, timeout=10_000)


def test_the_leader_who_sent_it_back_does_not_see_it(qtbot, sent_back):
    from app.ui.home.home_page import HomePage
    session = sent_back(None, "passphrase1")
    page = HomePage(session)
    qtbot.addWidget(page)
    page.refresh()
    card = loaded(page.returned_card, qtbot)
    assert card.isHidden() and card.returned == []
    qtbot.waitUntil(lambda: not session.tasks, timeout=10_000)
