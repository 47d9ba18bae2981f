"""Every dialog fits a 1024×600 netbook: the body scrolls, the buttons stay in reach; the main
window opens maximised on a small screen and where it was left on a large one."""
import contextlib

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea

from app.ui.widgets import fit

from tests.support.stores import FAST_KDF
NETBOOK = QRect(0, 0, 1024, 600)


@pytest.fixture
def netbook(monkeypatch):
    monkeypatch.setattr(fit, "screen_area", lambda widget=None: QRect(NETBOOK))
    return NETBOOK


def _one(store, sql):
    row = store.conn.execute(sql).fetchone()
    return row[0] if row else None


def _household_with_case(store):
    return _one(store, "SELECT household_id FROM cases WHERE deleted = 0 LIMIT 1")


def _household_with_members(store):
    return _one(store, "SELECT household_id FROM members WHERE deleted = 0 GROUP BY household_id"
                       " ORDER BY count(*) DESC LIMIT 1")


def factories(session, tmp_path):
    """(name, make) for every dialog a cadre can open."""
    from app.core import clock
    from app.ui.households.case_dialogs import CaseStepDialog
    from app.ui.settings.first_run import FirstRunDialog
    from app.ui.forms.form_filler import FormFiller
    from app.ui.forms.hand_sample_dialog import HandSampleDialog
    from app.ui.households.household_dialog import HouseholdDialog
    from app.ui.forms.import_wizard import ImportWizard
    from app.ui.households.income_dialog import IncomeDialog
    from app.ui.printing.ledger_export_dialog import LedgerExportDialog
    from app.ui.households.member_dialog import MemberDialog
    from app.ui.widgets.month_view import NoteDialog
    from app.ui.settings.preferences import Preferences
    from app.ui.printing.print_dialog import PrintDialog
    from app.ui.printing.print_other import BlankFormDialog, MonthPrintDialog, VerifyDialog
    from app.ui.settings.settings_page import AddUserDialog, ChangePassphraseDialog
    from app.ui.forms.form_view import FormViewDialog
    from app.ui.forms.sign_dialog import SignDialog
    from app.ui.settings.unlock import RecoveryDialog, UnlockDialog
    from app.ui.households.visit_dialog import VisitDialog
    store = session.store
    hid = _household_with_members(store)
    member = _one(store, f"SELECT id FROM members WHERE household_id = '{hid}' AND deleted = 0 LIMIT 1")
    case_hid = _household_with_case(store)
    instance = _one(store, "SELECT id FROM form_instances WHERE deleted = 0 LIMIT 1")
    prefs = Preferences(tmp_path / "prefs.ini")
    made = [
        ("添加农户", lambda: HouseholdDialog(session)),
        ("编辑农户", lambda: HouseholdDialog(session, hid)),
        ("添加成员", lambda: MemberDialog(session, hid)),
        ("编辑成员", lambda: MemberDialog(session, hid, member)),
        ("记录走访", lambda: VisitDialog(session, hid)),
        ("收入", lambda: IncomeDialog(session, hid)),
        ("发现线索", lambda: CaseStepDialog(session, hid, "clue")),
        ("表单", lambda: FormFiller(session, "household_info", hid)),
        ("手写样本", lambda: HandSampleDialog(session)),
        ("备注", lambda: NoteDialog("标记", "张三", clock.today(), "说明")),
        ("打印", lambda: PrintDialog(session)),
        ("月报", lambda: MonthPrintDialog(session, "report")),
        ("公示", lambda: MonthPrintDialog(session, "notice")),
        ("空白表", lambda: BlankFormDialog(session)),
        ("核验", lambda: VerifyDialog(session)),
        ("台账导出", lambda: LedgerExportDialog(session)),
        ("导入", lambda: ImportWizard(session)),
        ("添加用户", lambda: AddUserDialog(session)),
        ("修改密码", lambda: ChangePassphraseDialog(session)),
        ("解锁", lambda: UnlockDialog(session.data_dir, prefs)),
        ("恢复码", lambda: RecoveryDialog(session.data_dir)),
        ("首次使用", lambda: FirstRunDialog(tmp_path / "new", prefs)),
    ]
    if case_hid:
        for step in ("check", "identify", "plan", "measure", "eliminate"):
            made.append((f"案例·{step}", lambda step=step: CaseStepDialog(session, case_hid, step)))
    if instance:
        made.append(("签名", lambda: SignDialog(session, instance)))
        made.append(("查看表单", lambda: FormViewDialog(session, instance)))
    return made


def _outside_scroll(button, dialog) -> bool:
    parent = button.parentWidget()
    while parent is not None and parent is not dialog:
        if isinstance(parent, QScrollArea):
            return False
        parent = parent.parentWidget()
    return True


def test_every_dialog_keeps_its_buttons_on_a_1024x600_screen(qtbot, session, tmp_path, netbook):
    problems = []
    for name, make in factories(session, tmp_path):
        try:
            dialog = make()
        except ValueError:      # a case step the household's case is not at
            continue
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        QApplication.processEvents()
        frame = dialog.frameGeometry()
        if not netbook.contains(frame):
            problems.append(f"{name}: {frame} {dialog.geometry()} hint {dialog.sizeHint()} min {dialog.minimumSizeHint()}")
        buttons = [b for b in dialog.findChildren(QAbstractButton)
                   if b.isVisibleTo(dialog) and b.text() and _outside_scroll(b, dialog)]
        for b in buttons:
            rect = QRect(b.mapTo(dialog, QPoint(0, 0)), b.size())
            if not dialog.rect().contains(rect) or not netbook.contains(rect.translated(dialog.pos())):
                problems.append(f"{name}: {b.text()} at {rect.x()},{rect.y()} outside")
        dialog.close()
    assert not problems, "\n".join(problems)


def test_a_tall_dialog_scrolls_its_body_and_keeps_save_and_cancel(qtbot, session, netbook):
    from app.ui.households.member_dialog import MemberDialog
    dialog = MemberDialog(session, _household_with_members(session.store))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    if dialog.sizeHint().height() <= netbook.height() - fit.TITLE_BAR and dialog.findChild(QScrollArea) is None:
        pytest.skip("the member dialog already fits")
    area = dialog.findChild(QScrollArea, "fitBody")
    assert area is not None and netbook.contains(dialog.frameGeometry())
    assert area.isAncestorOf(dialog.fields["name"]) and not area.isAncestorOf(dialog.ok_button)
    ok = dialog.ok_button
    assert ok.isVisible() and dialog.rect().contains(QRect(ok.mapTo(dialog, QPoint(0, 0)), ok.size()))


def test_main_window_opens_maximised_on_a_netbook_and_where_it_was_left_on_a_large_screen(qtbot, session):
    from PySide6.QtWidgets import QWidget
    small = QWidget()
    qtbot.addWidget(small)
    assert fit.place_main_window(small, None, QRect(NETBOOK))
    assert small.minimumWidth() <= 1024 and small.minimumHeight() <= 600

    large = QRect(0, 0, 1920, 1040)
    first = QWidget()
    qtbot.addWidget(first)
    assert not fit.place_main_window(first, None, large)
    assert large.contains(first.geometry()) and first.width() >= 1024
    first.setGeometry(40, 30, 700, 500)     # inside the offscreen test screen, which restoring checks
    saved = first.saveGeometry()
    again = QWidget()
    qtbot.addWidget(again)
    fit.place_main_window(again, saved, large)
    assert again.size() == first.size()


def test_the_main_window_lays_out_at_1024x600(qtbot, session, netbook):
    from app.ui.mainwindow.main import MainWindow
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.showNormal()
    window.resize(1024, 600 - fit.TITLE_BAR)
    qtbot.waitExposed(window)
    QApplication.processEvents()
    assert window.minimumSizeHint().width() <= 1024
    assert window.width() <= 1024 and window.height() <= 600


def test_screenshots_take_a_screen_size_and_scaling(tmp_path, monkeypatch):
    import argparse
    import json

    from app.cli.window import screen_size
    from app.ui import screenshots
    assert screen_size("1024x600") == (1024, 600) and screen_size("1366×768") == (1366, 768)
    for bad in ("1024", "wide", "10x10"):
        with pytest.raises(argparse.ArgumentTypeError):
            screen_size(bad)
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")
    monkeypatch.delenv("QT_SCALE_FACTOR", raising=False)
    screenshots.offscreen_screen(tmp_path, (1024, 600), 1.5)
    import os
    config = os.environ["QT_QPA_PLATFORM"].split("configfile=")[1]
    screen = json.loads(open(config).read())["screens"][0]
    assert (screen["width"], screen["height"]) == (1024, 600) and os.environ["QT_SCALE_FACTOR"] == "1.5"


@contextlib.contextmanager
def _main_window_in(language, session, tmp_path, qtbot):
    from app.ui.mainwindow.main import Controller, MainWindow
    from app.ui.settings.preferences import Preferences
    controller = Controller(session.data_dir, Preferences(tmp_path / "prefs.ini"))
    controller.apply_language(language)
    try:
        window = MainWindow(session, controller)
        qtbot.addWidget(window)
        yield window
    finally:
        controller.apply_language("zh_CN")


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_no_page_needs_a_window_wider_than_a_netbook_in_either_language(qtbot, session, tmp_path, language):
    with _main_window_in(language, session, tmp_path, qtbot) as window:
        window.show()
        wide = {}
        for row in range(window.nav.count()):
            window.nav.setCurrentRow(row)
            wide[window.nav.item(row).text()] = window.minimumSizeHint().width()
        window.open_household(_household_with_members(session.store))
        wide["file"] = window.minimumSizeHint().width()
        # The household file itself needs no horizontal scrolling beside the sidebar.
        assert window.file.minimumSizeHint().width() <= NETBOOK.width() - window.nav.width()
        assert max(wide.values()) <= NETBOOK.width(), wide
        assert window.minimumSizeHint().height() <= NETBOOK.height() - fit.TITLE_BAR


def test_buttons_radio_buttons_and_check_boxes_are_pen_sized(qtbot):
    from PySide6.QtWidgets import QCheckBox, QPushButton, QRadioButton, QStyle, QVBoxLayout, QWidget
    box = QWidget()
    qtbot.addWidget(box)
    col = QVBoxLayout(box)
    radio, check, button = QRadioButton("入户"), QCheckBox("因病"), QPushButton("保存")
    for w in (radio, check, button):
        col.addWidget(w)
    box.show()
    style = box.style()
    assert style.pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth, None, radio) >= 18
    assert style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth, None, check) >= 18
    assert min(radio.sizeHint().height(), check.sizeHint().height()) >= 26
    assert button.sizeHint().height() >= 32


def test_every_dialog_keeps_its_buttons_on_a_1024x600_screen_at_150_percent(qtbot, session, tmp_path, monkeypatch):
    """At 150 % a 1024×600 screen is 682×400 device-independent pixels, the space Qt lays out in."""
    scaled = QRect(0, 0, 1024 * 2 // 3, 600 * 2 // 3)
    monkeypatch.setattr(fit, "screen_area", lambda widget=None: QRect(scaled))
    test_every_dialog_keeps_its_buttons_on_a_1024x600_screen(qtbot, session, tmp_path, scaled)


def test_every_first_run_page_keeps_its_buttons_at_150_percent(qtbot, tmp_path, monkeypatch):
    from app.ui.settings.first_run import FirstRunDialog
    scaled = QRect(0, 0, 1024 * 2 // 3, 600 * 2 // 3)
    monkeypatch.setattr(fit, "screen_area", lambda widget=None: QRect(scaled))
    dialog = FirstRunDialog(tmp_path / "new")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert scaled.contains(dialog.frameGeometry())
    pages = {dialog.CREATE: dialog.create_button, dialog.CODE: dialog.enter_button,
             dialog.DEMO: dialog.demo_cancel}
    for index, button in pages.items():
        dialog.stack.setCurrentIndex(index)
        QApplication.processEvents()
        page = dialog.stack.widget(index)
        assert page.findChild(QScrollArea, "fitBody") is not None and _outside_scroll(button, dialog)
        assert dialog.rect().contains(QRect(button.mapTo(dialog, QPoint(0, 0)), button.size()))


@pytest.mark.parametrize("size, language", [((1024, 568), "en"), ((682, 368), "zh_CN"), ((682, 368), "en")])
def test_the_home_and_prompts_pages_need_no_horizontal_scrolling(qtbot, session, tmp_path, size, language):
    """At 1024×600 and at 150 % (682×400) the pages fold: the home page's right column and the
    prompts page's earlier months go under the rest, the glance and print buttons under the title."""
    with _main_window_in(language, session, tmp_path, qtbot) as window:
        window.showNormal()
        window.resize(*size)
        qtbot.waitExposed(window)
        for page in (window.home, window.prompts):
            window.nav.setCurrentRow(window.stack.indexOf(page))
            QApplication.processEvents()
            room = window.stack.parentWidget().width()      # the scroll area's viewport beside the sidebar
            assert page.minimumSizeHint().width() <= room and page.width() <= room
            assert page.layout().totalMinimumSize().width() <= page.width()
        content = window.home.scroll.widget()
        assert content.minimumSizeHint().width() <= window.home.scroll.viewport().width()
        if size[0] < 1000:
            assert window.home.columns.direction() == window.home.columns.Direction.TopToBottom
