"""Start-up screens: first run (new store, recovery code, demo village), unlock with back-off
and recovery, and the settings page (auto-lock, language, users, passphrase, backup)."""
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from app.demo import build as demo

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtWidgets import QFileDialog  # noqa: E402

from app.core.enums import Role  # noqa: E402
from app.core.errors import AccessDenied  # noqa: E402
from app.storage.store import Store, store_exists  # noqa: E402

from tests.support.stores import FAST_KDF

CODE_RE = re.compile(r"^[0-9A-Z]{5}(-[0-9A-Z]{5}){5}$")


@pytest.fixture
def app(qapp):
    from app.ui.mainwindow.main import make_app
    return make_app()


@pytest.fixture
def prefs(tmp_path):
    from app.ui.settings.preferences import Preferences
    return Preferences(tmp_path / "prefs.ini")


@pytest.fixture
def closed_store(tmp_path):
    """A store with two users (fast KDF), closed; returns (folder, recovery code)."""
    folder = tmp_path / "store"
    store, code = Store.create(folder, "张建国", "leader-pass-1", Role.LEADER, kdf_params=FAST_KDF)
    with store:
        store.add_user("李小梅", "collector-pass", Role.COLLECTOR)
    return folder, code


class FakeController:
    def __init__(self, prefs):
        self.prefs = prefs
        self.calls = []

    def set_language(self, code):
        self.calls.append(("language", code))

    def set_autolock_minutes(self, minutes):
        self.calls.append(("autolock", minutes))


def _store_session(folder: Path, user: str, passphrase: str):
    from app.ui.mainwindow.session import Session
    return Session(Store.open(folder, passphrase, user))


# -- first run ---------------------------------------------------------------------------
def test_strength_hint_follows_input_and_short_passphrase_cannot_be_submitted(qtbot, app, tmp_path, prefs):
    from app.ui.settings.first_run import FirstRunDialog, passphrase_strength
    dialog = FirstRunDialog(tmp_path / "new", prefs)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.new_button.click()
    assert dialog.stack.currentIndex() == dialog.CREATE
    dialog.name_edit.setText("张建国")
    hints = []
    for text in ("abc", "abcdefgh", "abcdefgh12", "Huanghe-river-2025"):
        dialog.passphrase.first.setText(text)
        dialog.passphrase.second.setText(text)
        hints.append(dialog.strength_label.text())
    assert "太短" in hints[0] and "弱" in hints[1] and "中" in hints[2] and "强" in hints[3]
    assert len(set(hints)) == 4
    assert [passphrase_strength(t) for t in ("abc", "aaaaaaaa", "abcdefgh12", "Huanghe-river-2025")] == [0, 1, 2, 3]

    dialog.passphrase.first.setText("short")
    dialog.passphrase.second.setText("short")
    assert not dialog.create_button.isEnabled()
    dialog.create_store()                      # Enter in the field: still refused
    assert dialog._task is None and not store_exists(tmp_path / "new")

    dialog.passphrase.first.setText("long enough 1")
    dialog.passphrase.second.setText("long enough 2")
    assert not dialog.create_button.isEnabled()
    assert "不一致" in dialog.strength_label.text()
    dialog.passphrase.second.setText("long enough 1")
    assert dialog.create_button.isEnabled()
    dialog.name_edit.setText("  ")
    assert not dialog.create_button.isEnabled()


def test_first_run_creates_store_shows_code_and_enters_after_tick(qtbot, app, tmp_path, prefs):
    from app.ui.settings.first_run import FirstRunDialog
    folder = tmp_path / "new"
    dialog = FirstRunDialog(folder, prefs)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.new_button.click()
    dialog.name_edit.setText("王秀英")
    dialog.role_combo.setCurrentIndex(dialog.role_combo.findData("collector"))
    dialog.passphrase.first.setText("village-team-7")
    dialog.passphrase.second.setText("village-team-7")
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.stack.currentIndex() == dialog.CODE, timeout=10_000)

    code = dialog.code_label.text()
    assert CODE_RE.match(code)
    assert dialog.passphrase.passphrase() == ""          # not kept in the widgets
    assert not dialog.enter_button.isEnabled()
    dialog.enter()                                       # not before the tick
    assert dialog.store is not None

    dialog.copy_button.click()
    assert QGuiApplication.clipboard().text() == code

    dialog.saved_check.setChecked(True)
    assert dialog.enter_button.isEnabled()
    with qtbot.waitSignal(dialog.opened, timeout=5000) as blocker:
        dialog.enter_button.click()
    store = blocker.args[0]
    try:
        assert store.user["name"] == "王秀英"
        assert store.user["role"] == "collector"
        assert dialog.code_label.text() == ""            # shown once
    finally:
        store.close()
    with Store.open_with_recovery(folder, code, "王秀英") as again:   # the code shown is the real one
        assert again.user["name"] == "王秀英"


def test_recovery_code_pdf_holds_the_code(qtbot, app, tmp_path, monkeypatch):
    from app.ui.settings import first_run
    view = first_run.RecoveryCodeView()
    qtbot.addWidget(view)
    code = "DEHSA-63YZT-M91NV-NPP3J-DM3VK-E20B9"
    view.set_code(code, "张建国", tmp_path / "store")
    target = tmp_path / "out" / "恢复码"
    target.parent.mkdir()
    monkeypatch.setattr(first_run.QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: (str(target), "PDF (*.pdf)")))
    view.pdf_button.click()
    qtbot.waitUntil(lambda: view.last_pdf is not None, timeout=15_000)
    pdf = Path(view.last_pdf)
    assert pdf.suffix == ".pdf" and pdf.exists()
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(data) > 1000
    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        assert code in text
        assert "张建国" in text and "恢复码" in text
    assert "已保存" in view.status.text()


def test_demo_village_builds_and_opens(qtbot, app, tmp_path, prefs):
    from app.ui.settings.first_run import DEMO_PASSPHRASE, FirstRunDialog, demo_folder
    folder = tmp_path / "data"
    dialog = FirstRunDialog(folder, prefs)
    dialog.kdf_params = FAST_KDF
    dialog.demo_households = 20
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.opened, timeout=60_000) as blocker:
        dialog.demo_button.click()
        assert dialog.stack.currentIndex() == dialog.DEMO
        assert "demo1234" in dialog.demo_passphrase_label.text()
    store = blocker.args[0]
    try:
        assert store.query("SELECT count(*) AS n FROM households")[0]["n"] == 20
        assert store.data_dir == demo_folder(folder)
    finally:
        store.close()
    Store.open(demo_folder(folder), DEMO_PASSPHRASE).close()
    assert not store_exists(folder)  # the team's own folder stays free for their real store


def test_demo_cancel_leaves_nothing_behind(qtbot, app, tmp_path, prefs):
    from app.ui.settings.first_run import FirstRunDialog
    folder = tmp_path / "demo"
    dialog = FirstRunDialog(folder, prefs)
    dialog.kdf_params = FAST_KDF
    qtbot.addWidget(dialog)
    dialog.show()
    opened = []
    dialog.opened.connect(opened.append)
    dialog.demo_button.click()
    dialog.demo_cancel.click()
    qtbot.waitUntil(lambda: dialog._task is None, timeout=30_000)
    assert dialog.stack.currentIndex() == dialog.CHOICE
    assert not opened
    from app.ui.settings.first_run import demo_folder
    assert not store_exists(demo_folder(folder)) and not demo_folder(folder).exists()


def test_demo_opens_again_as_it_was_left(qtbot, app, tmp_path, prefs):
    from app.ui.settings.first_run import DEMO_PASSPHRASE, FirstRunDialog, demo_folder
    folder = tmp_path / "data"
    demo.build_demo(demo_folder(folder), DEMO_PASSPHRASE, 5, seed=3, kdf_params=FAST_KDF)
    before = {p.name: p.stat().st_size for p in demo_folder(folder).iterdir()}
    dialog = FirstRunDialog(folder, prefs)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.opened, timeout=30_000) as blocker:
        dialog.demo_button.click()
    store = blocker.args[0]
    try:
        assert store.query("SELECT count(*) AS n FROM households")[0]["n"] == 5  # not rebuilt
    finally:
        store.close()
    assert set(before) <= {p.name for p in demo_folder(folder).iterdir()}


# -- unlock --------------------------------------------------------------------------------
def test_unlock_wrong_passphrase_waits_then_right_one_opens(qtbot, app, closed_store, prefs):
    from app.ui.settings.unlock import UnlockDialog, failure_wait
    folder, _ = closed_store
    prefs.last_user = "李小梅"
    dialog = UnlockDialog(folder, prefs)
    qtbot.addWidget(dialog)
    dialog.show()
    assert [dialog.user_combo.itemText(i) for i in range(dialog.user_combo.count())] == ["张建国", "李小梅"]
    assert dialog.user_combo.currentText() == "李小梅"
    assert dialog.passphrase_edit.echoMode() == dialog.passphrase_edit.EchoMode.Password

    dialog.passphrase_edit.setText("not the passphrase")
    dialog.unlock_button.click()
    qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=5000)
    assert "密码错误" in dialog.error_label.text()
    assert not dialog.unlock_button.isEnabled()
    assert dialog.passphrase_edit.text() == ""
    assert [failure_wait(n) for n in (1, 2, 3, 4, 5, 6, 9)] == [1, 2, 4, 8, 16, 30, 30]
    qtbot.waitUntil(dialog.unlock_button.isEnabled, timeout=3000)

    dialog.passphrase_edit.setText("collector-pass")
    with qtbot.waitSignal(dialog.opened, timeout=5000) as blocker:
        dialog.unlock_button.click()
    store = blocker.args[0]
    try:
        assert store.user["name"] == "李小梅"
    finally:
        store.close()


def test_second_failure_waits_longer(qtbot, app, closed_store, prefs):
    from app.ui.settings.unlock import UnlockDialog
    folder, _ = closed_store
    dialog = UnlockDialog(folder, prefs)
    qtbot.addWidget(dialog)
    dialog.failures = 1                       # as after one wrong passphrase
    dialog.passphrase_edit.setText("wrong again")
    dialog.unlock_button.click()
    qtbot.waitUntil(lambda: dialog.failures == 2, timeout=5000)
    assert dialog.wait_left == 2
    assert "2" in dialog.unlock_button.text() and not dialog.unlock_button.isEnabled()


def test_unlock_of_a_store_open_elsewhere_says_so(qtbot, app, closed_store, prefs):
    from app.ui.settings.unlock import UnlockDialog
    folder, _ = closed_store
    with Store.open(folder, "leader-pass-1", "张建国"):
        dialog = UnlockDialog(folder, prefs)
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.user_combo.setCurrentText("张建国")
        dialog.passphrase_edit.setText("leader-pass-1")
        dialog.unlock_button.click()
        qtbot.waitUntil(lambda: dialog.error_label.isVisible(), timeout=5000)
        assert "另一个" in dialog.error_label.text()
        assert dialog.unlock_button.isEnabled() and dialog.failures == 0


def test_recovery_sets_a_new_passphrase_and_a_new_code(qtbot, app, closed_store, prefs):
    from app.ui.settings.unlock import UnlockDialog
    folder, code = closed_store
    dialog = UnlockDialog(folder, prefs)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.user_combo.setCurrentText("张建国")
    dialog.forgot_button.click()
    rec = dialog.recovery_dialog
    assert rec is not None and rec.user_combo.currentText() == "张建国"

    rec.code_edit.setText("AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-AAAAA")
    rec.passphrase.first.setText("brand-new-pass")
    rec.passphrase.second.setText("brand-new-pass")
    rec.reset_button.click()
    qtbot.waitUntil(lambda: rec.error_label.isVisible(), timeout=5000)
    assert "恢复码错误" in rec.error_label.text()

    rec.code_edit.setText(code.lower().replace("-", " "))   # typed loosely: still read
    rec.passphrase.first.setText("brand-new-pass")
    rec.passphrase.second.setText("brand-new-pass")
    rec.reset_button.click()
    qtbot.waitUntil(lambda: rec.stack.currentIndex() == 1, timeout=10_000)
    new_code = rec.code_view.code_label.text()
    assert CODE_RE.match(new_code) and new_code != code
    assert not rec.done_button.isEnabled()
    rec.code_view.saved_check.setChecked(True)
    with qtbot.waitSignal(rec.reset_done, timeout=2000):
        rec.done_button.click()
    assert dialog.user_combo.currentText() == "张建国"
    assert "已重设" in dialog.error_label.text()

    Store.open(folder, "brand-new-pass", "张建国").close()
    with pytest.raises(AccessDenied):
        Store.open(folder, "leader-pass-1", "张建国")
    with pytest.raises(AccessDenied):
        Store.open_with_recovery(folder, code, "张建国")
    Store.open_with_recovery(folder, new_code, "张建国").close()


# -- settings ------------------------------------------------------------------------------
@pytest.fixture
def leader_session(closed_store):
    folder, _ = closed_store
    session = _store_session(folder, "张建国", "leader-pass-1")
    yield session
    session.lock()


def test_settings_autolock_and_language_call_the_controller(qtbot, app, leader_session, prefs):
    from app.ui.settings.settings_page import SettingsPage
    prefs.autolock_minutes = 10
    controller = FakeController(prefs)
    page = SettingsPage(leader_session, controller)
    qtbot.addWidget(page)
    page.refresh()
    assert page.autolock_spin.value() == 10 and controller.calls == []   # loading calls nothing
    assert page.autolock_spin.minimum() == 1 and page.autolock_spin.maximum() == 240
    page.autolock_spin.setValue(25)
    assert controller.calls == [("autolock", 25)]
    page.language_combo.setCurrentIndex(page.language_combo.findData("en"))
    assert controller.calls[-1] == ("language", "en")
    assert str(leader_session.data_dir) in page.data_label.text()


def test_settings_without_a_controller_does_not_fail(qtbot, app, leader_session):
    from app.ui.settings.settings_page import SettingsPage
    page = SettingsPage(leader_session, None)
    qtbot.addWidget(page)
    page.refresh()
    page.autolock_spin.setValue(30)
    assert not page.language_combo.isEnabled()


def test_leader_adds_a_user_who_appears_in_the_list(qtbot, app, leader_session, prefs):
    from app.ui.settings.settings_page import SettingsPage
    page = SettingsPage(leader_session, FakeController(prefs))
    qtbot.addWidget(page)
    page.show()
    assert page.user_names() == ["张建国", "李小梅"]
    assert page.add_user_button.isEnabled()
    changes = []
    leader_session.changed.connect(changes.append)
    page.add_user_button.click()
    dialog = page.add_dialog
    dialog.name_edit.setText("赵六")
    dialog.passphrase.first.setText("short")
    assert not dialog.ok_button.isEnabled()
    dialog.passphrase.first.setText("zhao-liu-pass")
    dialog.passphrase.second.setText("zhao-liu-pass")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: "赵六" in page.user_names(), timeout=10_000)
    assert "users" in changes
    assert not dialog.isVisible()
    leader_session.lock()
    with Store.open(leader_session.data_dir, "zhao-liu-pass", "赵六") as store:
        assert store.user["role"] == "collector"


def test_adding_an_existing_name_is_refused(qtbot, app, leader_session):
    from app.ui.settings.settings_page import SettingsPage
    page = SettingsPage(leader_session, None)
    qtbot.addWidget(page)
    page.add_user_button.click()
    dialog = page.add_dialog
    dialog.name_edit.setText("李小梅")
    dialog.passphrase.first.setText("another-pass")
    dialog.passphrase.second.setText("another-pass")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.error_label.isVisibleTo(dialog), timeout=10_000)
    assert "李小梅" in dialog.error_label.text()
    assert page.user_names() == ["张建国", "李小梅"]


def test_a_collector_cannot_add_users(qtbot, app, closed_store):
    from app.ui.settings.settings_page import SettingsPage
    folder, _ = closed_store
    session = _store_session(folder, "李小梅", "collector-pass")
    try:
        page = SettingsPage(session, None)
        qtbot.addWidget(page)
        assert not page.add_user_button.isEnabled()
        assert page.change_passphrase_button.isEnabled()
    finally:
        session.lock()


def test_change_passphrase_refuses_a_wrong_current_one(qtbot, app, leader_session):
    from app.ui.settings.settings_page import SettingsPage
    page = SettingsPage(leader_session, None)
    qtbot.addWidget(page)
    page.change_passphrase_button.click()
    dialog = page.passphrase_dialog
    dialog.current_edit.setText("not-my-passphrase")
    dialog.passphrase.first.setText("next-passphrase")
    dialog.passphrase.second.setText("next-passphrase")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog.error_label.isVisibleTo(dialog), timeout=10_000)
    assert "不正确" in dialog.error_label.text()
    assert dialog.current_edit.text() == ""

    dialog.current_edit.setText("leader-pass-1")
    with qtbot.waitSignal(dialog.changed, timeout=10_000):
        dialog.ok_button.click()
    folder = leader_session.data_dir
    leader_session.lock()
    Store.open(folder, "next-passphrase", "张建国").close()
    with pytest.raises(AccessDenied):
        Store.open(folder, "leader-pass-1", "张建国")


def test_backup_then_restore_into_a_new_folder(qtbot, app, leader_session, tmp_path, monkeypatch):
    from app.ui.settings import settings_page
    page = settings_page.SettingsPage(leader_session, None)
    qtbot.addWidget(page)
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(usb)))
    page.backup_button.click()
    qtbot.waitUntil(lambda: page.last_backup is not None, timeout=15_000)
    backup = Path(page.last_backup["path"])
    assert backup.parent == usb and backup.exists()
    assert str(backup) in page.backup_status.text()
    assert page.backup_button.isEnabled()

    # a backup into the data folder itself is refused
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        staticmethod(lambda *a, **k: str(leader_session.data_dir)))
    page.last_backup = None
    page.backup_button.click()
    assert page.last_backup is None and "以外" in page.backup_status.text()

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(backup), "")))
    page.restore_button.click()
    dialog = page.restore_dialog
    assert Path(dialog.target_edit.text()).parent == Path(leader_session.data_dir).parent
    dialog.target_edit.setText(str(leader_session.data_dir))       # the open store: refused
    dialog.secret_edit.setText("leader-pass-1")
    dialog.ok_button.click()
    assert "已经有数据库" in dialog.error_label.text()

    target = tmp_path / "restored"
    dialog.target_edit.setText(str(target))
    dialog.secret_edit.setText("wrong-passphrase")
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: dialog._task is None and "不正确" in dialog.error_label.text(), timeout=10_000)
    assert not store_exists(target)

    dialog.secret_edit.setText("collector-pass")                  # any user's passphrase opens it
    with qtbot.waitSignal(dialog.restored, timeout=15_000):
        dialog.ok_button.click()
    assert store_exists(target)
    assert "--data" in dialog.result_label.text() and str(target) in dialog.result_label.text()
    with Store.open(target, "leader-pass-1", "张建国") as restored:
        assert [u["name"] for u in restored.users()] == ["张建国", "李小梅"]
