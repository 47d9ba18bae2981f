"""Whole flows through the real controller: first run to a recorded visit; auto-lock."""
from datetime import date

import pytest
from PySide6.QtCore import Qt

from app.core.enums import HouseholdCategory, Relation, Sex
from app.core.idnumber import make_id_number
from app.storage.store import Store
from app.ui.mainwindow.main import Controller
from app.ui.settings.preferences import Preferences

from tests.support.stores import FAST_KDF


@pytest.fixture
def controller(qapp, tmp_path):
    from app.ui.mainwindow.main import make_app
    make_app()
    c = Controller(tmp_path / "store", Preferences(tmp_path / "settings.ini"))
    yield c
    if c.session is not None:
        c.session.lock()
    for w in (c.window, c.dialog):
        if w is not None:
            w.close()


def due_ids(home) -> set[str]:
    return {r["household_id"] for r in home.due_model.rows if r["status"] != "done"}


def test_first_run_to_a_recorded_visit_changes_the_due_list(controller, qtbot):
    from app.ui.households.member_dialog import MemberDialog
    from app.ui.households.visit_dialog import VisitDialog

    controller.start()
    first = controller.dialog
    first.kdf_params = FAST_KDF
    first.new_button.click()
    first.name_edit.setText("王秀英")
    first.passphrase.first.setText("village-team-7")
    first.passphrase.second.setText("village-team-7")
    qtbot.mouseClick(first.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: first.stack.currentIndex() == first.CODE, timeout=10_000)
    first.saved_check.setChecked(True)
    first.enter_button.click()
    qtbot.waitUntil(lambda: controller.window is not None, timeout=5_000)
    window, session = controller.window, controller.session
    assert session.user_name == "王秀英"

    # A lifted household living at home: due a home visit every month.
    window.nav.setCurrentRow(1)
    page = window.households
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    dialog = page.add_dialog
    dialog.head_name.setText("张三")
    dialog.category.setCurrentIndex(dialog.category.findData(HouseholdCategory.LIFTED.value))
    dialog.residence.setCurrentIndex(dialog.residence.findData("at_home"))
    dialog.group_name.setCurrentText("第三村民小组")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    hid = dialog.record["id"]
    assert page.model.total == 1

    member = MemberDialog(session, hid)
    qtbot.addWidget(member)
    member.name.setText("张三")
    member.id_number.setText(make_id_number("430524", date(1968, 5, 17), Sex.MALE, 3))
    member.relation.setCurrentIndex(member.relation.findData(Relation.HEAD.value))
    member.ok_button.click()
    assert member.record["birth_date"] == "1968-05-17"
    session.notify("members")

    # Found by pinyin initials, as the user types.
    page.search.setText("zs")
    page.apply_filters()
    assert page.model.total == 1 and page.model.household_id(0) == hid

    window.nav.setCurrentRow(0)
    home = window.home
    home.refresh()
    qtbot.waitUntil(lambda: hid in due_ids(home), timeout=5_000)   # read on the read thread

    visit = VisitDialog(session, hid)
    qtbot.addWidget(visit)
    visit.findings.setPlainText("入户走访，家中情况稳定")
    with qtbot.waitSignal(session.changed, check_params_cb=lambda what: what == "visits"):
        qtbot.mouseClick(visit.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: hid not in due_ids(home), timeout=5_000)


def test_auto_lock_closes_the_store_and_hides_every_record(controller, qtbot, tmp_path):
    from app.demo import build as demo
    from app.ui.settings.unlock import UnlockDialog
    folder = tmp_path / "store"
    demo.build_demo(folder, "passphrase1", 10, seed=4, kdf_params=FAST_KDF)
    store = Store.open(folder, "passphrase1")
    controller.open_main(store)
    window = controller.window
    assert window.isVisible() and window.households.model is not None
    controller.autolock.set_minutes(0.003)  # about 0.2 s without input
    qtbot.waitUntil(lambda: controller.window is None, timeout=5_000)
    assert controller.session is None
    assert store.conn is None and store._data_key is None  # the key left memory with the store
    from shiboken6 import isValid
    assert not isValid(window) or not window.isVisible()  # closed and deleted
    assert isinstance(controller.dialog, UnlockDialog) and controller.dialog.isVisible()


def test_input_postpones_auto_lock(controller, qtbot, tmp_path):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication
    from app.demo import build as demo
    folder = tmp_path / "store"
    demo.build_demo(folder, "passphrase1", 5, seed=5, kdf_params=FAST_KDF)
    controller.open_main(Store.open(folder, "passphrase1"))
    controller.autolock.set_minutes(0.01)  # 0.6 s
    for _ in range(6):
        qtbot.wait(200)
        QApplication.sendEvent(controller.window, QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_Shift,
                                                             Qt.KeyboardModifier.NoModifier))
        assert controller.window is not None  # typing keeps it open past the interval
    qtbot.waitUntil(lambda: controller.window is None, timeout=5_000)
