"""农户档案 page, household dialog and member dialog (pytest-qt, offscreen, 40-household demo)."""
from datetime import date

import pytest

from PySide6.QtCore import QDate, QPoint, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.core.enums import HouseholdCategory, Relation, Sex  # noqa: E402
from app.core.idnumber import make_id_number  # noqa: E402
from app.core.search_keys import name_keys  # noqa: E402
from app.services import households as hs  # noqa: E402
from app.services.due import due_list  # noqa: E402
from app.ui.households.household_dialog import HouseholdDialog  # noqa: E402
from app.ui.households.households_page import HouseholdModel, HouseholdsPage, _name_key  # noqa: E402
from app.ui.households.member_dialog import MemberDialog  # noqa: E402


@pytest.fixture
def page(qtbot, session):
    p = HouseholdsPage(session)
    qtbot.addWidget(p)
    p.resize(1196, 718)
    p.show()
    qtbot.waitExposed(p)
    return p


def shown_ids(model) -> list[str]:
    model.fetch_all()
    return [model.household_id(r) for r in range(model.rowCount())]


def initials(name: str) -> str:
    return next(k for k in name_keys(name) if k.isascii() and len(k) == len(name))


# -- the model -------------------------------------------------------------------------------------

def test_model_loads_a_page_at_a_time(session):
    model = HouseholdModel(session)
    model.PAGE = 10
    model.reload()
    assert model.total == 40
    assert model.rowCount() == 10
    assert model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == 20
    model.fetch_all()
    assert model.rowCount() == 40
    assert not model.canFetchMore()
    model.fetchMore()   # nothing more: no empty insert, no change
    assert model.rowCount() == 40
    assert len(set(shown_ids(model))) == 40
    assert model.headerData(1, Qt.Orientation.Horizontal) == "户主"
    assert model.data(model.index(0, 2)) in {c.zh for c in HouseholdCategory}


def test_view_fetches_more_only_as_it_scrolls(page, qtbot):
    page.model.PAGE = 10
    page.model.reload()
    assert page.model.rowCount() < 40
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() > 10)


def test_sorting_reads_all_and_orders_by_pinyin(session):
    model = HouseholdModel(session)
    model.PAGE = 10
    model.reload()
    model.sort(1, Qt.SortOrder.AscendingOrder)
    assert model.rowCount() == 40
    names = [model.data(model.index(r, 1)) for r in range(40)]
    assert [_name_key(n) for n in names] == sorted(_name_key(n) for n in names)
    model.sort(1, Qt.SortOrder.DescendingOrder)
    assert [model.data(model.index(r, 1)) for r in range(40)][0] == names[-1]
    model.sort(-1)   # the roster order again, lazily
    assert model.rowCount() == 10


def test_header_click_sorts(page, qtbot):
    header = page.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton,
                     pos=QPoint(header.sectionViewportPosition(1) + 10, header.height() // 2))
    assert header.sortIndicatorSection() == 1
    names = [page.model.data(page.model.index(r, 1)) for r in range(page.model.rowCount())]
    assert [_name_key(n) for n in names] == sorted(_name_key(n) for n in names)


# -- search and keys -------------------------------------------------------------------------------

def test_typing_initials_narrows_the_list(page, qtbot, demo_store):
    target = hs.list_households(demo_store, limit=None)[17]
    keys = initials(target["head_name"])
    qtbot.keyClicks(page.search, keys)
    qtbot.waitUntil(lambda: page.model.total < 40)
    ids = shown_ids(page.model)
    assert target["id"] in ids
    expected = {h["id"] for h in hs.list_households(demo_store, keys, limit=None)}
    assert set(ids) == expected
    assert page.count_label.text() == f"共 {len(expected)} 户"


def test_enter_opens_the_household(page, qtbot, demo_store):
    target = hs.list_households(demo_store, limit=None)[5]
    qtbot.keyClicks(page.search, target["number"])
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    with qtbot.waitSignal(page.open_household, timeout=1000) as opened:
        qtbot.keyClick(page.search, Qt.Key.Key_Return)
    assert opened.args == [target["id"]]


def test_enter_before_the_debounce_uses_what_was_typed(page, qtbot, demo_store):
    target = hs.list_households(demo_store, limit=None)[9]
    page.search.setText(target["number"])      # the 150 ms timer has not fired yet
    with qtbot.waitSignal(page.open_household, timeout=1000) as opened:
        qtbot.keyClick(page.search, Qt.Key.Key_Enter)
    assert opened.args == [target["id"]]


def test_down_moves_into_the_table_and_enter_opens(page, qtbot):
    page.activateWindow()
    page.search.setFocus()
    qtbot.keyClick(page.search, Qt.Key.Key_Down)
    assert page.table.currentIndex().row() == 0
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.table)
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    assert page.table.currentIndex().row() == 1
    with qtbot.waitSignal(page.open_household, timeout=1000) as opened:
        qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert opened.args == [page.model.household_id(1)]


def test_double_click_opens(page, qtbot):
    rect = page.table.visualRect(page.model.index(2, 1))
    # A real double-click starts with a press: item views only open what was pressed.
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.open_household, timeout=1000) as opened:
        qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [page.model.household_id(2)]


# -- filters -----------------------------------------------------------------------------------------

def test_category_filter_narrows(page, demo_store):
    page.category.setCurrentIndex(page.category.findData(HouseholdCategory.MONITORED.value))
    ids = shown_ids(page.model)
    monitored = {r["id"] for r in demo_store.query(
        "SELECT id FROM households WHERE category = 'monitored' AND deleted = 0")}
    assert 0 < len(ids) < 40
    assert set(ids) == monitored
    assert page.count_label.text() == f"共 {len(monitored)} 户"
    page.category.setCurrentIndex(0)
    assert page.model.total == 40


def test_group_combo_lists_the_village_groups(page, demo_store):
    groups = {r["group_name"] for r in demo_store.query("SELECT DISTINCT group_name FROM households")}
    assert {page.group.itemData(i) for i in range(1, page.group.count())} == groups
    page.group.setCurrentIndex(1)
    group = page.group.currentData()
    assert all(page.model.summary(r)["group_name"] == group for r in range(page.model.rowCount()))


def test_open_problem_filter(page, demo_store):
    expected = {r["household_id"] for r in demo_store.query(
        "SELECT DISTINCT household_id FROM problem_items WHERE closed_on IS NULL AND deleted = 0"
        " AND household_id IS NOT NULL")}
    page.problem_check.setChecked(True)
    assert set(shown_ids(page.model)) == expected
    page.problem_check.setChecked(False)
    assert page.model.total == 40


def test_due_this_month_filter(page, qtbot, session, demo_store):
    today = session.today()
    expected = {r["household_id"] for r in due_list(demo_store, today.strftime("%Y-%m"), today)}
    page.due_check.setChecked(True)
    qtbot.waitUntil(lambda: page.due_check.isEnabled() and page.model.total == len(expected), timeout=5000)
    assert set(shown_ids(page.model)) == expected
    # Combined with the search box: both apply.
    one = sorted(expected)[0]
    number = next(h["number"] for h in hs.list_households(demo_store, limit=None) if h["id"] == one)
    page.search.setText(number)
    page.apply_filters()
    assert shown_ids(page.model) == [one]


def test_no_match_says_so(page):
    page.search.setText("没有这个人的名字")
    page.apply_filters()
    assert page.model.rowCount() == 0
    assert page.count_label.text() == "共 0 户"
    assert not page.empty_label.isHidden()


# -- adding a household ------------------------------------------------------------------------------

def test_adding_a_household_shows_it_in_the_list(page, qtbot, session):
    page.model.PAGE = 10
    page.search.setText("zzzz")       # a filter the new household does not match
    page.apply_filters()
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.add_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.head_name.setText("覃新户")
    dialog.category.setCurrentIndex(dialog.category.findData(HouseholdCategory.MONITORED.value))
    assert dialog.monitoring_category.isEnabled()
    dialog.monitoring_category.setCurrentIndex(2)
    dialog.number.setText("4305241042019999")
    dialog.phone.setText("138 1234 5678")
    dialog.flags.item(0).setCheckState(Qt.CheckState.Checked)
    with qtbot.waitSignal(session.changed, timeout=1000) as changed:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert changed.args == ["households"]
    record = dialog.record
    assert record["head_name"] == "覃新户"
    assert record["phone"] == "13812345678"
    assert record["category"] == "monitored" and record["monitoring_category"]
    assert record["flags"] == ["dibao"]
    assert record["village"]            # placed in the store's village
    assert page.model.total == 41
    row = page.model.row_of(record["id"])
    assert row >= 0
    assert page.table.currentIndex().row() == row
    # and it is found by its pinyin initials (覃 as a surname reads qin)
    page.search.setText("qxh")
    page.apply_filters()
    assert shown_ids(page.model) == [record["id"]]


def test_bad_phone_keeps_the_dialog_open_and_names_the_field(qtbot, session):
    dialog = HouseholdDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    # Chinese arrives by input-method commit (QTest.keyClicks takes ASCII only).
    dialog.head_name.setText("王大山")
    qtbot.keyClicks(dialog.phone, "12345")
    dialog.address.setText("龙坪村一组88号")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.isVisible()
    assert dialog.result() == 0 and dialog.record is None
    assert dialog.error_label.isVisible()
    assert "联系电话" in dialog.error_label.text() and "11位" in dialog.error_label.text()
    assert dialog.phone.property("invalid") is True
    assert dialog.head_name.property("invalid") in (None, False)
    assert (dialog.head_name.text(), dialog.phone.text(), dialog.address.text()) == ("王大山", "12345", "龙坪村一组88号")
    # Correcting the number clears the mark and saves.
    dialog.phone.setText("13912345678")
    assert not dialog.phone.property("invalid")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert dialog.record["phone"] == "13912345678"


def test_monitored_without_monitoring_category_is_refused(qtbot, session):
    dialog = HouseholdDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.head_name.setText("李监测")
    dialog.category.setCurrentIndex(dialog.category.findData(HouseholdCategory.MONITORED.value))
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert dialog.monitoring_category.property("invalid") is True
    assert "监测对象类别" in dialog.error_label.text()


def test_editing_sends_only_changes(qtbot, session, demo_store):
    target = hs.list_households(demo_store, limit=1)[0]
    before = hs.get_household(demo_store, target["id"])
    dialog = HouseholdDialog(session, target["id"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.head_name.text() == before["head_name"]
    assert dialog.changes() == {}
    dialog.address.setText("龙坪村新址1号")
    assert dialog.changes() == {"address": "龙坪村新址1号"}
    dialog.ok_button.click()
    after = hs.get_household(demo_store, target["id"])
    assert after["address"] == "龙坪村新址1号"
    assert after["revision"] == before["revision"] + 1


# -- members -----------------------------------------------------------------------------------------

def test_member_id_number_fills_birth_date_and_sex(qtbot, session, demo_store):
    hid = hs.list_households(demo_store, limit=1)[0]["id"]
    dialog = MemberDialog(session, hid)
    qtbot.addWidget(dialog)
    dialog.show()
    number = make_id_number("430524", date(1990, 5, 17), Sex.FEMALE, 12)
    dialog.name.setText("钟小红")
    qtbot.keyClicks(dialog.id_number, number[:10])
    assert "10/18" in dialog.id_hint.text()
    qtbot.keyClicks(dialog.id_number, number[10:])
    assert dialog.birth_date.date() == QDate(1990, 5, 17)
    assert dialog.sex.currentData() == Sex.FEMALE.value
    assert dialog.id_hint.property("role") == "muted"
    dialog.relation.setCurrentIndex(dialog.relation.findData(Relation.DAUGHTER.value))
    dialog.wage.setText("3,500.50")
    before = len(hs.members(demo_store, hid))
    dialog.ok_button.click()
    assert not dialog.isVisible(), dialog.error_label.text()
    assert dialog.record["birth_date"] == "1990-05-17" and dialog.record["sex"] == "female"
    assert dialog.record["monthly_wage_fen"] == 350050
    assert len(hs.members(demo_store, hid)) == before + 1


def test_member_wrong_check_digit_is_refused(qtbot, session, demo_store):
    hid = hs.list_households(demo_store, limit=1)[0]["id"]
    dialog = MemberDialog(session, hid)
    qtbot.addWidget(dialog)
    dialog.show()
    good = make_id_number("430524", date(1988, 11, 3), Sex.MALE, 40)
    bad = good[:17] + ("0" if good[17] != "0" else "1")
    dialog.name.setText("钟错号")
    dialog.relation.setCurrentIndex(dialog.relation.findData(Relation.SON.value))
    qtbot.keyClicks(dialog.id_number, bad)
    assert "校验位" in dialog.id_hint.text()
    assert dialog.id_hint.property("role") == "error"
    assert dialog.id_number.property("invalid") is True
    before = len(hs.members(demo_store, hid))
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert "身份证号" in dialog.error_label.text() and "校验位" in dialog.error_label.text()
    assert dialog.id_number.text() == bad and dialog.name.text() == "钟错号"
    assert len(hs.members(demo_store, hid)) == before


def test_member_disability_grade_and_bad_wage(qtbot, session, demo_store):
    hid = hs.list_households(demo_store, limit=1)[0]["id"]
    dialog = MemberDialog(session, hid)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.disability_grade.isEnabled()
    dialog.health.setCurrentIndex(dialog.health.findData("disabled"))
    assert dialog.disability_grade.isEnabled()
    dialog.name.setText("钟残")
    dialog.relation.setCurrentIndex(dialog.relation.findData(Relation.FATHER.value))
    dialog.sex.setCurrentIndex(dialog.sex.findData("male"))
    dialog.birth_date.setDate(QDate(1950, 1, 1))
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.disability_grade.property("invalid") is True
    dialog.disability_grade.setCurrentIndex(2)
    dialog.wage.setText("abc")
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.wage.property("invalid") is True
    assert "月工资" in dialog.error_label.text()
    dialog.wage.setText("")
    dialog.ok_button.click()
    assert not dialog.isVisible(), dialog.error_label.text()
    assert dialog.record["disability_grade"] == 2


def test_member_edit_loads_and_saves_changes(qtbot, session, demo_store):
    hid = hs.list_households(demo_store, limit=1)[0]["id"]
    member = hs.members(demo_store, hid)[0]
    dialog = MemberDialog(session, hid, member["id"])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.name.text() == member["name"]
    assert dialog.id_number.text() == (member["id_number"] or "")
    assert dialog.changes() == {}
    dialog.phone.setText("13700001111")
    dialog.ok_button.click()
    assert not dialog.isVisible(), dialog.error_label.text()
    assert dialog.record["phone"] == "13700001111"
