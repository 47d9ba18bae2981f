"""GUI tests run offscreen with one QApplication (pytest-qt's qapp) and a private settings file."""
import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from tests.support.stores import FAST_KDF


@pytest.fixture(autouse=True)
def collect_on_the_gui_thread(qapp):
    """As the application does: no cyclic collection in worker threads (it would destroy
    widgets there); collect here, on the GUI thread, after each test."""
    from app.ui.mainwindow.main import make_app
    make_app()
    yield
    import gc
    gc.collect()


@pytest.fixture(autouse=True)
def private_settings(tmp_path, monkeypatch):
    monkeypatch.setenv("ZHUCUN_CONFIG", str(tmp_path / "settings.ini"))


@pytest.fixture
def demo_store(tmp_path):
    """A small demo village, open; closed after the test."""
    from app.core import clock

    from app.demo import build as demo
    from app.storage.store import Store
    folder = tmp_path / "village"
    demo.build_demo(folder, "passphrase1", 40, seed=2, today=clock.today(), kdf_params=FAST_KDF)
    store = Store.open(folder, "passphrase1")
    yield store
    if store.conn is not None:
        store.close()


@pytest.fixture
def session(qapp, demo_store):
    from app.ui.mainwindow.main import make_app
    from app.ui.mainwindow.session import Session
    make_app()
    return Session(demo_store)


@pytest.fixture
def hid(session):
    """A demo household whose file, with what a visit adds, fills the household survey completely."""
    from tests.support.window import complete_household
    return complete_household(session.store, session.today())


@pytest.fixture
def main_window(qtbot, session):
    """The main window on the demo village, shown at its normal (not maximised) size."""
    from app.ui.mainwindow.main import MainWindow
    w = MainWindow(session)
    qtbot.addWidget(w)
    w.showNormal()
    qtbot.waitExposed(w)
    return w
