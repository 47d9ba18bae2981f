"""The household file shows the household's duties: its clues, screenings, medical costs, months of
work, loans and pairing cadres over time."""
from __future__ import annotations

from app.services import clues, credit, households, pairing
from app.ui.householdfile.household_file import HouseholdFilePage


def test_the_household_file_has_its_clues_loans_and_cadres(qtbot, session):
    today = session.today()
    hid = session.call(households.list_households, None, None, None, 1, 0)[0]["id"]
    session.call(clues.add_clue, hid, "self_report", today, "农户自主申报：失火", today=today)
    session.call(credit.add_loan, hid, "50000", today.replace(year=today.year - 1), 36, "养牛", today=today)
    session.call(pairing.assign, hid, "测试干部", today, "原责任人调离", today=today)
    page = HouseholdFilePage(session)
    qtbot.addWidget(page)
    page.load(hid)
    tab = page.duties_tab
    assert page.tabs.indexOf(tab) >= 0
    titles = [tab.tree.topLevelItem(i).text(0) for i in range(tab.tree.topLevelItemCount())]
    assert titles[0].startswith("风险线索") and any(t.startswith("小额信贷（1）") for t in titles)
    texts = [tab.tree.topLevelItem(0).child(i).text(2) for i in range(tab.tree.topLevelItem(0).childCount())]
    assert "农户自主申报：失火" in texts
    cadres = next(tab.tree.topLevelItem(i) for i, t in enumerate(titles) if t.startswith("帮扶责任人"))
    assert cadres.child(cadres.childCount() - 1).text(1) == "测试干部"
