"""The policy rules where the window has the action: the member dialog's defaults from the ID
number, its plausibility override and the relation-sex rule; the household dialog's refusal to
switch a household into 监测户; the income dialog naming an unsourced baseline."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QComboBox

from app.core.enums import HouseholdCategory, LabourCapacity, SchoolStatus, Sex
from app.core.idnumber import make_id_number
from app.services import households as hs
from app.ui.households.household_dialog import HouseholdDialog, select_data
from app.ui.households.income_dialog import IncomeDialog
from app.ui.households.member_dialog import MemberDialog


def _years_ago(today: date, years: int) -> date:
    return today.replace(year=today.year - years, day=min(today.day, 28))


def _household(store, category="lifted") -> dict:
    return next(h for h in hs.list_households(store, limit=None) if h["category"] == category)


def _dialog(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_new_childs_school_stage_and_labour_follow_the_id_number(qtbot, session, demo_store):
    """Typing a 9-year-old's ID number sets 小学 and 无劳动力 (not 普通劳动力, 非在校生)."""
    today = session.today()
    home = _household(demo_store)
    dialog = _dialog(qtbot, MemberDialog(session, home["id"]))
    dialog.name.setText("张小明")
    select_data(dialog.relation, "grandson")
    dialog.id_number.setText(make_id_number("430521", _years_ago(today, 9), Sex.MALE, 401))
    assert dialog.school_status.currentData() == SchoolStatus.PRIMARY.value
    assert dialog.labour.currentData() == LabourCapacity.NONE.value
    dialog.ok_button.click()
    assert dialog.record is not None, dialog.error_label.text()
    assert (dialog.record["school_status"], dialog.record["labour"]) == ("primary", "none")


def test_what_the_user_picks_is_kept_when_the_birth_date_changes(qtbot, session, demo_store):
    today = session.today()
    dialog = _dialog(qtbot, MemberDialog(session, _household(demo_store)["id"]))
    combo: QComboBox = dialog.school_status
    combo.setCurrentIndex(combo.findData(SchoolStatus.DROPPED_OUT.value))
    combo.activated.emit(combo.currentIndex())
    dialog.birth_date.setDate(QDate(_years_ago(today, 13)))
    assert dialog.school_status.currentData() == SchoolStatus.DROPPED_OUT.value
    assert dialog.labour.currentData() == LabourCapacity.NONE.value


def test_the_gb11643_example_can_be_confirmed_in_the_window(qtbot, session, demo_store):
    """440524188001010014 shows the plausibility rule (not a wrong check digit) and a box to
    confirm the card was checked; confirmed, it saves with its 1880 birth date."""
    dialog = _dialog(qtbot, MemberDialog(session, _household(demo_store)["id"]))
    dialog.name.setText("张老汉")
    select_data(dialog.relation, "father")
    dialog.id_number.setText("440524188001010014")
    assert "校验位正确" in dialog.id_hint.text()
    assert dialog.confirm_birth.isVisible()
    dialog.confirm_birth.setChecked(True)
    assert dialog.birth_date.date() == QDate(1880, 1, 1)
    dialog.ok_button.click()
    assert dialog.record is not None, dialog.error_label.text()
    assert dialog.record["birth_date"] == "1880-01-01"


def test_a_woman_is_not_saved_as_a_son_in_the_window(qtbot, session, demo_store):
    dialog = _dialog(qtbot, MemberDialog(session, _household(demo_store)["id"]))
    dialog.name.setText("张小红")
    select_data(dialog.relation, "son")
    dialog.id_number.setText(make_id_number("430521", date(2001, 4, 4), Sex.FEMALE, 402))
    dialog.ok_button.click()
    assert dialog.record is None and dialog.isVisible()
    assert "之子" in dialog.error_label.text()


def test_the_household_dialog_cannot_switch_a_household_into_monitoring(qtbot, session, demo_store):
    """纳入监测 goes through the case: editing a 脱贫户 into a 监测户 is refused, naming the steps."""
    home = _household(demo_store)
    dialog = _dialog(qtbot, HouseholdDialog(session, home["id"]))
    select_data(dialog.category, HouseholdCategory.MONITORED.value)
    dialog.monitoring_category.setCurrentIndex(1)
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.record is None
    assert "识别纳入" in dialog.error_label.text()
    assert hs.get_household(demo_store, home["id"])["category"] == "lifted"


def test_the_income_dialog_says_when_the_baseline_is_a_default_estimate(qtbot, session, demo_store):
    """Only 2022's line is published in the shipped table: another year's is marked an estimate."""
    home = _household(demo_store)
    hs.update_household(demo_store, home["id"], {"province": "43"})
    dialog = _dialog(qtbot, IncomeDialog(session, home["id"]))
    today = session.today()
    year = today.year if today.year != 2022 else 2021   # 2022's line is the published one
    dialog.date.setDate(QDate(year, 1, 15))
    dialog.update_summary()
    assert "默认估计值" in dialog.base_label.text()
    assert "默认估计值" in dialog.base_label.toolTip()


def test_the_window_cannot_eliminate_while_the_house_is_dangerous(qtbot, session, demo_store):
    """003 #11 at the window's 风险消除: ticking “三保障已落实” does not outweigh a house graded D."""
    from datetime import timedelta

    from app.services import cases, incomes
    from app.ui.households.case_dialogs import CaseStepDialog
    today = session.today()
    home = _household(demo_store)
    hs.update_household(demo_store, home["id"], {"housing_grade": "D", "province": "43"})
    day = lambda n: (today - timedelta(days=n)).isoformat()  # noqa: E731
    c = cases.open_case(demo_store, home["id"], day(120), "王芳", {"source": "干部排查"}, today=today)
    cases.record_step(demo_store, c["id"], "check", day(118), "王芳", {}, today=today)
    cases.record_step(demo_store, c["id"], "identify", day(115), "王芳",
                      {"monitoring_category": "edge_at_risk", "risk_types": ["housing"]}, today=today)
    cases.record_step(demo_store, c["id"], "plan", day(112), "王芳", {"measures": ["housing", "employment"]},
                      today=today)
    incomes.add_income(demo_store, home["id"], day(10), {"wage": 10_000_000}, household_size=1, today=today)
    dialog = _dialog(qtbot, CaseStepDialog(session, home["id"], "eliminate", c["id"]))
    dialog.secured.setChecked(True)
    dialog.save()
    assert dialog.record is None and dialog.isVisible()
    assert "住房安全" in dialog.error.text()
    assert cases.case_view(demo_store, c["id"], today)["state"] == "helping"


def test_the_home_page_shows_overdue_problem_items_first(qtbot, session, demo_store):
    """Overdue items (past their 整改时限) come first on the home page, marked, with their measure,
    person responsible and deadline in the tooltip."""
    from datetime import timedelta

    from app.services import worklog
    from app.ui.home.home_page import HomePage
    today = session.today()
    plist = worklog.add_problem_list(demo_store, "驻村工作队自查问题清单", created_on=today - timedelta(days=40))
    worklog.add_problem(demo_store, plist["id"], {"description": "监测户帮扶措施不具体", "measure": "逐户制定措施",
                                                  "responsible": "王芳",
                                                  "deadline": (today - timedelta(days=5)).isoformat()})
    page = HomePage(session)
    qtbot.addWidget(page)
    page.refresh()
    first = page.problem_tree.topLevelItem(0)
    assert first.text(0).startswith("【逾期】")
    assert all(p["status"] == "overdue" for p in page.problems[:1])
    assert "逐户制定措施" in first.toolTip(0) and "王芳" in first.toolTip(0)
    assert "逾期" in page.problem_card.info.text()
    qtbot.waitUntil(lambda: not session.tasks, timeout=10_000)


def test_the_household_file_shows_open_problems_overdue_first(qtbot, session, demo_store):
    from datetime import timedelta

    from app.services import worklog
    from app.ui.householdfile.household_file import HouseholdFilePage
    today = session.today()
    home = _household(demo_store)
    plist = worklog.add_problem_list(demo_store, "自查问题清单", created_on=today - timedelta(days=30))
    worklog.add_problem(demo_store, plist["id"], {"description": "住房等级待复核", "household_id": home["id"],
                                                  "measure": "请住建部门复核", "responsible": "李明",
                                                  "deadline": (today - timedelta(days=1)).isoformat()})
    from PySide6.QtWidgets import QLabel
    page = HouseholdFilePage(session)
    qtbot.addWidget(page)
    page.load(home["id"])
    texts = [w.text() for w in page.overview.widget().findChildren(QLabel)]
    assert "【逾期】住房等级待复核" in texts
    assert any("请住建部门复核" in t and "李明" in t for t in texts)
    qtbot.waitUntil(lambda: not session.tasks, timeout=10_000)
