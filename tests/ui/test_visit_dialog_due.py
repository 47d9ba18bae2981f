"""The visit dialog opened without a due item (from a household's file) finds what the household
owes this month from that household alone — the village's due list is not computed — and opens
on the way it is due: 电话/微信 for a remote contact, 入户 for a home visit."""
from __future__ import annotations

from app.core.monitoring import add_months
from app.services import due, visits
from app.ui.households.visit_dialog import VisitDialog
from tests.support.stores import Builder


def first_kind(session, hid) -> str | None:
    today = session.today()
    rows = due.household_due(session.store, hid, today.strftime("%Y-%m"), today)
    return rows[0]["kind"] if rows else None


def test_the_dialog_reads_what_one_household_owes(qtbot, session, monkeypatch):
    today = session.today()
    build = Builder(session.store)
    away = build.household("李四", category="lifted", residence="away")["id"]
    at_home = build.household("张三", category="lifted", residence="at_home")["id"]
    assert first_kind(session, away) == "remote_contact"
    assert first_kind(session, at_home) == "home_visit"

    def whole_village(*args, **kwargs):
        raise AssertionError("the whole village's due list was computed")
    monkeypatch.setattr(due, "due_list", whole_village)

    phone = VisitDialog(session, away)
    qtbot.addWidget(phone)
    assert phone.mode.currentData() == "phone"
    earlier = add_months(today.replace(day=1), -2)
    visits.add_visit(session.store, away, {"visit_date": earlier.isoformat(), "mode": "wechat",
                                           "visitor": "测试", "findings": "微信联系"}, today)
    assert first_kind(session, away) == "remote_contact"
    wechat = VisitDialog(session, away)
    qtbot.addWidget(wechat)
    assert wechat.mode.currentData() == "wechat"
    home = VisitDialog(session, at_home)
    qtbot.addWidget(home)
    assert home.mode.currentData() == "home"
