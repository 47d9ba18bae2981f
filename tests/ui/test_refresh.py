"""After a save every view of the record shows it (one path: the session announces each write)
and the window says briefly that it was saved."""
from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.core.enums import Relation, Sex
from app.core.idnumber import make_id_number
from tests.support.window import drive


@pytest.fixture
def window(main_window):
    """The main window as tests/ui/conftest.py opens it."""
    return main_window


def _household(session):
    row = session.store.conn.execute(
        "SELECT household_id FROM members WHERE deleted = 0 GROUP BY household_id ORDER BY count(*) LIMIT 1"
    ).fetchone()
    return row[0]


def _members_tab(page) -> str:
    return page.tabs.tabText(page.tabs.indexOf(page.members_tab))


def test_a_member_added_in_the_file_shows_at_once_with_a_notice(qtbot, window, session):
    hid = _household(session)
    window.open_household(hid)
    page = window.file
    before = len(page.profile["members"])
    assert _members_tab(page) == f"成员 ({before})"

    def fill(dialog):
        dialog.name.setText("赵小芳")
        dialog.id_number.setText(make_id_number("430524", date(1990, 3, 8), Sex.FEMALE, 5))
        dialog.relation.setCurrentIndex(dialog.relation.findData(Relation.DAUGHTER_IN_LAW.value))
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    dialog, accepted = drive(lambda: page.edit_member(None), fill)
    assert accepted, dialog.error_label.text()
    assert _members_tab(page) == f"成员 ({before + 1})"
    assert "赵小芳" in [m["name"] for m in page.profile["members"]]
    assert window.notice.isVisible() and "成员信息已保存" in window.notice.text()
    qtbot.waitUntil(lambda: not window.notice.isVisible(), timeout=window.notice.SHOWN_MS + 2000)


def test_a_write_is_announced_once_under_its_topic(qtbot, session):
    from app.services import households as hs
    hid = _household(session)
    seen, notices = [], []
    session.changed.connect(seen.append)
    session.notice.connect(notices.append)
    session.call(hs.update_household, hid, {"phone": "13800000000"})
    session.notify("households")            # a dialog naming what it wrote: no second reload
    assert seen == ["households"] and notices == ["农户档案已保存"]
    session.call(hs.get_household, hid)       # a read says nothing
    assert seen == ["households"]
    session.call(hs.update_household, hid, {"phone": "13900000000"})
    assert seen == ["households", "households"]   # the next write is announced again
    session.notify("users")                 # not a record write: announced as named
    assert seen[-1] == "users"


def test_views_not_shown_reload_when_next_shown(qtbot, window, session):
    from app.services import households as hs
    hid = _household(session)
    window.nav.setCurrentRow(1)
    households = window.households
    session.call(hs.update_household, hid, {"head_name": "改名测试"})
    window.open_household(hid)
    assert window.file.profile["household"]["head_name"] == "改名测试"
    window.nav.setCurrentRow(1)
    households.search.setText("改名测试")
    households.apply_filters()
    assert households.model.total == 1


def test_the_sidebar_goes_back_to_the_roster_from_a_household_file(qtbot, window, session):
    window.nav.setCurrentRow(1)
    window.open_household(_household(session))
    assert window.stack.currentWidget() is window.file and window.nav.currentRow() == 1
    item = window.nav.item(1)
    qtbot.mouseClick(window.nav.viewport(), Qt.MouseButton.LeftButton,
                     pos=window.nav.visualItemRect(item).center())
    assert window.stack.currentWidget() is window.households
