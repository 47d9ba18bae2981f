"""审核 (the review page): the leader sees the month's changes, sends one back with a note, the
author sees it on their list until it is corrected; 批准本月 approves (signed), and review off
asks for its reason."""
from __future__ import annotations

from app.core.enums import Role
from app.services import households, review_signoff
from app.ui.review.review_page import ReviewPage


def shown(page, qtbot):
    """Refresh and wait for the worker's data."""
    page.refresh()
    qtbot.waitUntil(lambda: page.loading is None, timeout=60_000)


def page_of(session, qtbot, answers=()):
    page = ReviewPage(session)
    qtbot.addWidget(page)
    replies = list(answers)
    page.ask = lambda title, label: replies.pop(0) if replies else None
    # The month the audit chain is writing now (its times are the machine's, not the pinned day).
    page.month = session.store.query("SELECT substr(max(at), 1, 7) AS m FROM audit_log")[0]["m"]
    shown(page, qtbot)
    return page


def test_send_back_then_approve(session, qtbot):
    store = session.store
    hid = store.conn.execute("SELECT id FROM households WHERE deleted = 0 ORDER BY number LIMIT 1").fetchone()[0]
    households.update_household(store, hid, {"phone": "13800000011"})
    page = page_of(session, qtbot, ["电话号码请再核对"])
    assert page.approve_button.isEnabled() and page.send_back_button.isEnabled()
    rows = page.changes.rows
    row = next(i for i, r in enumerate(rows) if r["tbl"] == "households" and r["id"] == hid)
    assert page.changes.index(row, 0).data() == store.user["name"]
    assert page.send_back(row)
    qtbot.waitUntil(lambda: page.loading is None, timeout=60_000)
    # The leader wrote it, so it is on the leader's own list until corrected.
    [ret] = page.returned.rows
    assert ret["note"] == "电话号码请再核对" and page.returned.index(0, 5).data() == "电话号码请再核对"
    households.update_household(store, hid, {"phone": "13800000012"})
    shown(page, qtbot)
    assert page.returned.rows == []
    assert page.approve()
    qtbot.waitUntil(lambda: page.loading is None, timeout=60_000)
    assert "最近批准" in page.state_label.text() and store.user["name"] in page.state_label.text()
    assert review_signoff.latest_approval(store)["approver"] == store.user_id


def test_review_off_needs_a_reason_and_on_again(session, qtbot):
    page = page_of(session, qtbot, [None, "一人在村"])
    on = review_signoff.review_state(session.store)["on"]
    if not on:  # start from review on
        assert page.toggle()
        qtbot.waitUntil(lambda: page.loading is None, timeout=60_000)
    assert "已开启" in page.state_label.text()
    assert not page.toggle()                              # cancelled: nothing changes
    assert review_signoff.review_state(session.store)["on"]
    assert page.toggle()
    qtbot.waitUntil(lambda: page.loading is None, timeout=60_000)
    assert "已关闭：一人在村" in page.state_label.text()
    assert page.toggle_button.text() == "开启审核"


def test_a_collector_cannot_approve_or_send_back(session, qtbot):
    member = session.store.add_user("李明", "passphrase2", Role.COLLECTOR)
    session.user_role = member["role"]
    page = page_of(session, qtbot)
    assert not page.approve_button.isEnabled() and not page.send_back_button.isEnabled()


def test_the_demo_village_reviews_with_last_month_approved(session, qtbot):
    store = session.store
    assert review_signoff.review_state(store)["on"]
    approval = review_signoff.latest_approval(store)
    today = session.today()
    last_month = f"{today.year - (today.month == 1)}-{(today.month - 2) % 12 + 1:02d}"
    assert approval["month"] == last_month and approval["approver"] == store.user_id
    page = page_of(session, qtbot)
    assert "已开启" in page.state_label.text() and last_month in page.state_label.text()
