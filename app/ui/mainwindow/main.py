"""The application: first run or unlock, then the main window; auto-lock; language."""
from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QTimer, QTranslator, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow,
                               QPushButton, QVBoxLayout, QWidget)

from app.storage.store import store_exists

from ..widgets import fit
from ..widgets.fonts import apply_cjk_font
from .header import DemoBanner, Header
from .notice import Notice
from ..settings.preferences import Preferences
from .session import Session
from ..widgets.style import STYLESHEET
from .worker import MainThreadGarbageCollector

I18N = Path(__file__).resolve().parents[3] / "resources" / "i18n"


class AutoLock(QObject):
    """Locks after `minutes` without keyboard or mouse input anywhere in the application."""
    fired = Signal()
    INPUT = {QEvent.Type.KeyPress, QEvent.Type.MouseButtonPress, QEvent.Type.MouseMove, QEvent.Type.Wheel,
             QEvent.Type.TouchBegin}

    def __init__(self, minutes: float, parent: QObject | None = None):
        super().__init__(parent)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.fired)
        self.set_minutes(minutes)

    def set_minutes(self, minutes: float) -> None:
        self.timer.setInterval(int(minutes * 60_000))
        if self.timer.isActive():
            self.timer.start()

    def start(self) -> None:
        QApplication.instance().installEventFilter(self)
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()
        QApplication.instance().removeEventFilter(self)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() in self.INPUT and self.timer.isActive():
            self.timer.start()
        return False


class MainWindow(QMainWindow):
    lock_requested = Signal()

    # The pages after the home page, in the navigation's order, then the household file: each is
    # imported and built when first shown or asked for (`window.sync`), so the window opens on
    # the home page without loading the network, the checks' rules or the forms.
    PAGES = ("home", "households", "prompts", "review", "checks", "sync", "settings", "file")

    def __init__(self, session: Session, controller: Controller | None = None):
        super().__init__()
        from ..home.home_page import HomePage
        self.session = session
        self.controller = controller
        self.setWindowTitle(self.tr("驻村 Zhucun — 防止返贫动态监测"))
        fit.place_main_window(self, controller.prefs.window_geometry if controller is not None else None)

        header = Header(session)
        top = header.row
        self.user_label = QLabel(self.tr("用户：{0}").format(session.user_name))
        top.addWidget(self.user_label)
        lock = QPushButton(self.tr("锁定"))
        lock.setToolTip(self.tr("锁定 (Ctrl+L)：隐藏所有记录，需重新输入密码"))
        lock.clicked.connect(self.lock_requested)
        top.addWidget(lock)
        lock_action = QAction(self, shortcut=QKeySequence("Ctrl+L"))
        lock_action.triggered.connect(self.lock_requested)
        self.addAction(lock_action)

        self.nav = QListWidget(objectName="nav")
        self.nav.setFixedWidth(170)
        self.stack = fit.PageStack()
        self.home = HomePage(session, due_later=True)
        self.home.open_household.connect(self.open_household)
        self._built: dict[str, QWidget] = {"home": self.home}
        self._slots: dict[str, QWidget] = {}      # a page not built yet: an empty widget in its place
        for text in (self.tr("本月工作"), self.tr("农户档案"), self.tr("工作提示"), self.tr("审核"),
                     self.tr("数据检查"), self.tr("同步"), self.tr("设置")):
            QListWidgetItem(text, self.nav)
        self.stack.addWidget(self.home)
        for name in self.PAGES[1:]:
            self._slots[name] = QWidget()
            self.stack.addWidget(self._slots[name])
        self.nav.currentRowChanged.connect(self.show_page)
        # Inside a household file 农户档案 is already the current row: a click goes back to the roster.
        self.nav.itemClicked.connect(self._nav_clicked)
        self._previous = 0

        body = QWidget()
        row = QHBoxLayout(body)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.nav)
        # A page wider than the screen (long English labels) scrolls; it never widens the window.
        row.addWidget(fit.scrolling(self.stack), 1)
        central = QWidget()
        col = QVBoxLayout(central)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(0)
        col.addWidget(header)
        self.demo_banner = DemoBanner() if header.demo else None
        if self.demo_banner is not None:
            col.addWidget(self.demo_banner)
        col.addWidget(body, 1)
        self.setCentralWidget(central)
        session.changed.connect(self._changed)
        from .autosync import AutoSync
        self.autosync = AutoSync(session, self, enabled=controller.prefs.auto_sync if controller is not None else False,
                                 busy=lambda: "sync" in self._built and self.sync.busy is not None)
        self.statusBar().addPermanentWidget(self.autosync.label, 1)
        self.notice = Notice(central)
        session.notice.connect(self.notice.say)
        self.nav.setCurrentRow(0)

    # -- the pages, built on first use ------------------------------------------------------------
    households = property(lambda self: self.page("households"))
    prompts = property(lambda self: self.page("prompts"))
    review = property(lambda self: self.page("review"))
    checks = property(lambda self: self.page("checks"))
    sync = property(lambda self: self.page("sync"))
    settings = property(lambda self: self.page("settings"))
    file = property(lambda self: self.page("file"))

    def page(self, name: str) -> QWidget:
        """The page `name` (one of PAGES), built now if it was not yet."""
        page = self._built.get(name)
        if page is None:
            page = self._built[name] = self._build(name)
            slot = self._slots.pop(name)
            current = self.stack.currentWidget() is slot
            self.stack.insertWidget(self.stack.indexOf(slot), page)
            self.stack.removeWidget(slot)
            slot.deleteLater()
            if current:
                self.stack.setCurrentWidget(page)
        return page

    def _build(self, name: str) -> QWidget:
        session = self.session
        if name == "households":
            from ..households.households_page import HouseholdsPage
            page = HouseholdsPage(session)
        elif name == "prompts":
            from ..prompts.prompts_page import PromptsPage
            page = PromptsPage(session)
        elif name == "review":
            from ..review.review_page import ReviewPage
            page = ReviewPage(session)
        elif name == "checks":
            from ..checks.checks_page import ChecksPage
            page = ChecksPage(session)
        elif name == "sync":
            from ..sync.sync_page import SyncPage
            page = SyncPage(session, load=False)
            page.watch(self.autosync)
        elif name == "settings":
            from ..settings.settings_page import SettingsPage
            return SettingsPage(session, self.controller)
        else:
            from ..householdfile.household_file import HouseholdFilePage
            page = HouseholdFilePage(session)
            page.back.connect(self.show_previous)
            return page
        page.open_household.connect(self.open_household)
        return page

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if self.controller is not None:
            self.controller.prefs.window_geometry = self.saveGeometry()
        super().closeEvent(event)

    def show_page(self, row: int) -> None:
        if row < 0:
            return
        page = self.page(self.PAGES[row])
        self.stack.setCurrentWidget(page)
        if hasattr(page, "refresh"):
            page.refresh()

    def _nav_clicked(self, item: QListWidgetItem) -> None:
        row = self.nav.row(item)
        if self.stack.currentWidget() is self.file and row >= 0:
            self.show_page(row)

    def open_household(self, household_id: str) -> None:
        self._previous = self.nav.currentRow()
        self.file.load(household_id)
        self.stack.setCurrentWidget(self.file)
        # A household file belongs under 农户档案 in the navigation.
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(1)
        self.nav.blockSignals(False)

    def show_previous(self) -> None:
        self.nav.setCurrentRow(self._previous)
        self.show_page(self._previous)

    def _changed(self, what: str) -> None:
        page = self.stack.currentWidget()
        for name, p in list(self._built.items()):
            if name == "settings":      # it reads what it shows when shown, not on every change
                continue
            if p is page and hasattr(p, "refresh"):
                p.refresh()
            elif hasattr(p, "mark_stale"):
                p.mark_stale()


class Controller(QObject):
    """Which screen shows: first run, unlock, or the main window; and locking."""

    def __init__(self, data_dir: Path, prefs: Preferences | None = None):
        super().__init__()
        self.data_dir = Path(data_dir)
        self.prefs = prefs or Preferences()
        self.session: Session | None = None
        self.open_dir: Path | None = None   # the store that was open (the team's or the demo village)
        self.window: MainWindow | None = None
        self.dialog = None
        self.translator: QTranslator | None = None
        self.autolock = AutoLock(self.prefs.autolock_minutes, self)
        self.autolock.fired.connect(self.lock)
        self.apply_language(self.prefs.language)

    def start(self) -> None:
        if store_exists(self.data_dir):
            self.show_unlock()
        else:
            self.show_first_run()

    def show_first_run(self) -> None:
        from ..settings.first_run import FirstRunDialog
        self.dialog = FirstRunDialog(self.data_dir, self.prefs)
        self.dialog.opened.connect(self.open_main)
        self.dialog.show()

    def show_unlock(self, data_dir: Path | None = None) -> None:
        from ..settings.unlock import UnlockDialog
        self.dialog = UnlockDialog(data_dir or self.data_dir, self.prefs)
        self.dialog.opened.connect(self.open_main)
        self.dialog.show()

    def open_main(self, store) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog = None
        self.prefs.last_user = store.user["name"]
        self.open_dir = Path(store.data_dir)
        self.session = Session(store)
        self._build_window()
        self.autolock.set_minutes(self.prefs.autolock_minutes)
        self.autolock.start()

    def _build_window(self) -> None:
        old = self.window
        self.window = MainWindow(self.session, self)
        self.window.lock_requested.connect(self.lock)
        if old is not None:
            self.window.setGeometry(old.geometry())
            old.close()
            old.deleteLater()
        self.window.show()

    def lock(self) -> None:
        """Drop the key and every record from the screen; ask for the passphrase again."""
        self.autolock.stop()
        if self.session is not None:
            self.session.lock()
            self.session = None
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None
        # Back to the store that was open: the demo village stays the demo village.
        self.show_unlock(self.open_dir)

    def set_autolock_minutes(self, minutes: int) -> None:
        self.prefs.autolock_minutes = minutes
        self.autolock.set_minutes(minutes)

    def apply_language(self, language: str) -> None:
        app = QApplication.instance()
        if self.translator is not None:
            app.removeTranslator(self.translator)
            self.translator = None
        if language != "zh_CN":
            translator = QTranslator(self)
            if translator.load(str(I18N / f"zhucun_{language}.qm")):
                app.installTranslator(translator)
                self.translator = translator

    def set_language(self, language: str) -> None:
        """Switch language now: the window is rebuilt in the new language."""
        self.prefs.language = language
        self.apply_language(language)
        if self.window is not None and self.session is not None:
            self._build_window()
            self.window.nav.setCurrentRow(self.window.stack.indexOf(self.window.settings))


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        QApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv or sys.argv[:1])
    if not hasattr(app, "_zhucun_gc"):
        app._zhucun_gc = MainThreadGarbageCollector(app)
    app.setApplicationName("Zhucun")
    apply_cjk_font(app)
    app.setStyleSheet(STYLESHEET)
    fit.install(app)
    return app


def _window_excepthook(exc_type, exc, tb) -> None:
    """An error no handler caught (in a slot, a timer, a paint): logged with a reference and
    shown as the sentence the command line would give, never as a traceback; the window stays."""
    if issubclass(exc_type, KeyboardInterrupt):
        QApplication.quit()
        return
    exc.__traceback__ = tb
    from app import log
    exc.reference = log.log_unexpected(exc, "window")
    try:
        from ..widgets.errors import show_error
        show_error(QApplication.activeWindow(), exc)
    except Exception:  # noqa: BLE001 - the dialog itself failed: the log has the error
        print(log.unexpected_message(exc.reference), file=sys.stderr)


def install_error_handling() -> None:
    from app import __version__, log
    log.setup()
    log.install_qt_message_handler()
    sys.excepthook = _window_excepthook
    log.logger.info("window started: Zhucun %s", __version__)


def run(data_dir: Path) -> int:
    app = make_app()
    install_error_handling()
    controller = Controller(Path(data_dir))
    controller.start()
    code = app.exec()
    from .ops import wait_for_workers
    wait_for_workers()
    return code
