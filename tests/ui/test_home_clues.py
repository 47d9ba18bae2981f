"""The home page shows the risk clues not yet handled, overdue first, until they are handled."""
from __future__ import annotations

from datetime import timedelta

import pytest

from app.services import clues, households
from app.ui.home.home_page import HomePage


@pytest.fixture(autouse=True)
def settle(qtbot, session):
    yield
    qtbot.waitUntil(lambda: not session.tasks, timeout=10_000)


def test_open_clues_are_on_the_home_page_until_handled(qtbot, session):
    today = session.today()
    hid = session.call(households.list_households, None, None, None, 1, 0)[0]["id"]
    late = session.call(clues.add_clue, hid, "department", today - timedelta(days=20), "医保：住院自付较高",
                        department="医保", today=today)
    fresh = session.call(clues.add_clue, hid, "self_report", today, "申报：家中失火", today=today)
    page = HomePage(session)
    qtbot.addWidget(page)
    page.refresh()
    card = page.clue_card
    shown = [c["id"] for c in card.clues]
    assert shown.index(late["id"]) < shown.index(fresh["id"])     # overdue first
    assert late["id"] in shown and card.tree.topLevelItemCount() == len(shown)
    row = card.tree.topLevelItem(shown.index(late["id"]))
    assert "部门预警·医保" in row.text(1)
    with qtbot.waitSignal(card.open_household) as opened:
        card.tree.itemDoubleClicked.emit(row, 0)
    assert opened.args == [hid]
    card.tree.setCurrentItem(row)
    assert card.handle_selected("no_risk", "已核实：医保报销后自付不高")
    assert late["id"] not in [c["id"] for c in card.clues]
