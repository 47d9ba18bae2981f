"""Windows that fit the screen they open on, down to a 1024×600 netbook.

A dialog taller (or wider) than the screen keeps its buttons: the body above them moves into a
scroll area and the dialog shrinks to the screen. The main window opens maximised on a small
screen and where it was left on a large one. One application-wide filter applies this to every
dialog as it is shown, so no dialog has to remember it."""
from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QSize, Qt
from PySide6.QtWidgets import (QAbstractButton, QApplication, QBoxLayout, QDialog, QDialogButtonBox, QFileDialog,
                               QFrame, QMessageBox, QProgressDialog, QScrollArea, QStackedWidget, QVBoxLayout,
                               QWidget)

SMALLEST = QSize(1024, 600)          # the netbook every screen must work on
COMFORTABLE = QSize(1280, 760)       # below this the main window opens maximised
TITLE_BAR = 32                       # the window manager's frame above a dialog


def screen_area(widget: QWidget | None = None) -> QRect:
    """The part of the screen windows may use (without the taskbar)."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QApplication.primaryScreen()
    return screen.availableGeometry()


# -- dialogs -------------------------------------------------------------------------------------

def _is_button_row(item) -> bool:
    """A button box, or a row that holds nothing but buttons, labels and spacing."""
    widget = item.widget()
    if widget is not None:
        return isinstance(widget, QDialogButtonBox)
    layout = item.layout()
    if layout is None or not isinstance(layout, QBoxLayout) or layout.direction() not in (
            QBoxLayout.Direction.LeftToRight, QBoxLayout.Direction.RightToLeft):
        return False
    widgets = [layout.itemAt(i).widget() for i in range(layout.count())]
    return any(isinstance(w, (QAbstractButton, QDialogButtonBox)) for w in widgets)


def scroll_body(dialog: QDialog) -> QScrollArea | None:
    """Move everything above the dialog's last row of buttons into a scroll area; the buttons
    stay at the bottom, always in reach. Returns the scroll area (None if the layout is not a
    column ending in buttons)."""
    existing = dialog.findChild(QScrollArea, "fitBody")
    if existing is not None:
        return existing
    layout = dialog.layout()
    if not isinstance(layout, QVBoxLayout) or layout.count() < 2:
        return None
    last = layout.count() - 1
    while last > 0 and layout.itemAt(last).spacerItem() is not None:
        last -= 1
    if not _is_button_row(layout.itemAt(last)):
        return None
    body = QWidget(objectName="fitBodyContents")
    inner = QVBoxLayout(body)
    inner.setContentsMargins(0, 0, 6, 0)
    inner.setSpacing(layout.spacing())
    moved = [(layout.takeAt(0), layout.stretch(0)) for _ in range(last)]
    for item, stretch in moved:
        if item.widget() is not None:
            inner.addWidget(item.widget(), stretch)
        elif item.layout() is not None:
            inner.addLayout(item.layout(), stretch)
        else:
            inner.addItem(item)
    area = scrolling(body)
    area.setObjectName("fitBody")
    area.setStyleSheet("QScrollArea#fitBody, QWidget#fitBodyContents { background: transparent; }")
    layout.insertWidget(0, area, 1)
    return area


def fit_dialog(dialog: QDialog, area: QRect | None = None) -> None:
    """Shrink `dialog` to the screen if it is larger, scrolling its body; keep it on screen."""
    area = area or screen_area(dialog)
    # Before the window manager has framed it, leave room for a title bar.
    framed = dialog.frameGeometry() != dialog.geometry()
    extra = QSize(dialog.frameGeometry().width() - dialog.width(),
                  dialog.frameGeometry().height() - dialog.height()) if framed else QSize(0, TITLE_BAR)
    room = area.size() - extra
    least = dialog.minimumSizeHint()
    size = dialog.size()
    if least.height() > room.height() or least.width() > room.width():
        # It cannot shrink as it is: its body goes into a scroll area (a dialog that scrolls its
        # own body, as the form filler, has a small minimum and only needs the smaller size).
        if scroll_body(dialog) is not None:
            dialog.setMinimumSize(min(dialog.minimumWidth(), room.width()), 0)
            size = size.expandedTo(dialog.sizeHint())
    fitted = QSize(min(size.width(), room.width()), min(size.height(), room.height()))
    if fitted != dialog.size():
        dialog.resize(fitted)
    frame = dialog.frameGeometry()
    width, height = dialog.width() + extra.width(), dialog.height() + extra.height()
    x = min(max(frame.x(), area.x()), area.x() + area.width() - min(width, area.width()))
    y = min(max(frame.y(), area.y()), area.y() + area.height() - min(height, area.height()))
    if (x, y) != (frame.x(), frame.y()):
        dialog.move(x, y)


class DialogFitter(QObject):
    """Fits every dialog of the application to its screen as it is shown."""
    SKIP = (QMessageBox, QFileDialog, QProgressDialog)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if (event.type() == QEvent.Type.Show and isinstance(obj, QDialog) and obj.isWindow()
                and not isinstance(obj, self.SKIP)):
            fit_dialog(obj)
        return False


def install(app: QApplication) -> None:
    if getattr(app, "_zhucun_fitter", None) is None:
        app._zhucun_fitter = DialogFitter(app)
        app.installEventFilter(app._zhucun_fitter)


# -- the main window -----------------------------------------------------------------------------

def place_main_window(window: QWidget, saved: QByteArray | None, area: QRect | None = None) -> bool:
    """Where the main window opens: where it was left if that still fits the screen; maximised on
    a screen smaller than comfortable; otherwise comfortable and centred. True if maximised."""
    area = area or screen_area(window)
    window.setMinimumSize(QSize(min(SMALLEST.width(), area.width()), min(SMALLEST.height() - TITLE_BAR,
                                                                          area.height())))
    if saved is not None and not saved.isEmpty() and window.restoreGeometry(saved):
        if area.contains(window.frameGeometry().center()) and window.width() <= area.width():
            return window.isMaximized()
    if area.width() < COMFORTABLE.width() or area.height() < COMFORTABLE.height():
        window.resize(area.size() - QSize(0, TITLE_BAR))
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
        return True
    window.resize(COMFORTABLE)
    window.move(area.center() - QRect(0, 0, COMFORTABLE.width(), COMFORTABLE.height()).center())
    return False



class PageStack(QStackedWidget):
    """The window's pages: as wide and tall as the page shown needs, not the widest of them."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        page = self.currentWidget()
        return page.sizeHint() if page is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        page = self.currentWidget()
        return page.minimumSizeHint() if page is not None else super().minimumSizeHint()


def scrolling(widget: QWidget) -> QScrollArea:
    """`widget` in a frameless scroll area: it fills the area, and scrolls when it needs more."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(widget)
    return area
