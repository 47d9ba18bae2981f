"""Locking returns to the store that was open: the demo village unlocks again as itself."""
import pytest

from app.demo import build as demo
from app.ui.settings.first_run import DEMO_PASSPHRASE, demo_folder
from app.ui.mainwindow.main import Controller
from app.ui.settings.preferences import Preferences

from tests.support.stores import FAST_KDF


@pytest.fixture
def controller(qapp, tmp_path):
    from app.ui.mainwindow.main import make_app
    make_app()
    folder = tmp_path / "data"
    demo.build_demo(demo_folder(folder), DEMO_PASSPHRASE, 5, seed=3, kdf_params=FAST_KDF)
    c = Controller(folder, Preferences(tmp_path / "settings.ini"))
    yield c
    if c.session is not None:
        c.session.lock()
    for w in (c.window, c.dialog):
        if w is not None:
            w.close()


def test_lock_in_the_demo_village_unlocks_the_demo_again(controller, qtbot):
    from app.ui.settings.unlock import UnlockDialog
    controller.start()
    with qtbot.waitSignal(controller.dialog.opened, timeout=30_000):
        controller.dialog.demo_button.click()
    qtbot.waitUntil(lambda: controller.window is not None, timeout=5_000)
    demo_dir = demo_folder(controller.data_dir)
    assert controller.session.data_dir == demo_dir

    controller.window.lock_requested.emit()          # Ctrl+L, the lock button, the auto-lock
    assert controller.window is None and controller.session is None
    dialog = controller.dialog
    assert isinstance(dialog, UnlockDialog)
    assert dialog.data_dir == demo_dir
    assert dialog.user_combo.count() >= 1 and dialog.unlock_button.isEnabled()

    dialog.passphrase_edit.setText(DEMO_PASSPHRASE)
    dialog.unlock_button.click()
    qtbot.waitUntil(lambda: controller.window is not None, timeout=30_000)
    assert controller.session.data_dir == demo_dir
    assert controller.session.call(lambda s: s.query("SELECT count(*) AS n FROM households")[0]["n"]) == 5


def test_the_auto_lock_also_returns_to_the_demo(controller, qtbot):
    controller.start()
    with qtbot.waitSignal(controller.dialog.opened, timeout=30_000):
        controller.dialog.demo_button.click()
    qtbot.waitUntil(lambda: controller.window is not None, timeout=5_000)
    controller.autolock.fired.emit()
    assert controller.dialog.data_dir == demo_folder(controller.data_dir)
    assert controller.dialog.unlock_button.isEnabled()


def test_the_header_names_the_village_and_team_and_marks_the_demo(controller, qtbot):
    from PySide6.QtWidgets import QLabel
    controller.start()
    # The demo screen names the folder the demo is really kept in.
    assert any(str(demo_folder(controller.data_dir)) in label.text() for label in controller.dialog.findChildren(QLabel))
    with qtbot.waitSignal(controller.dialog.opened, timeout=30_000):
        controller.dialog.demo_button.click()
    qtbot.waitUntil(lambda: controller.window is not None, timeout=5_000)
    window = controller.window
    texts = [label.text() for label in window.findChildren(QLabel) if label.isVisibleTo(window)]
    assert not any(str(controller.data_dir) in t for t in texts)        # no folder path
    village = controller.session.call(
        lambda s: s.query("SELECT village FROM households GROUP BY village ORDER BY count(*) DESC LIMIT 1"))[0]
    assert village["village"] in window.findChild(QLabel, "village").text()
    assert "驻村工作队" in " ".join(texts)
    assert window.demo_banner is not None and window.demo_banner.isVisibleTo(window)
    assert "示范村·练习用" in window.demo_banner.text()


def test_a_real_store_has_no_demo_banner(qtbot, session):
    from app.ui.mainwindow.main import MainWindow
    window = MainWindow(session)
    qtbot.addWidget(window)
    assert window.demo_banner is None
