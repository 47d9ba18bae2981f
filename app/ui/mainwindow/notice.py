"""A brief notice that something happened ("走访记录已保存"): shown over the bottom of the window
for a few seconds; it takes no click and blocks nothing."""
from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QLabel, QWidget


class Notice(QLabel):
    SHOWN_MS = 3500

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setObjectName("notice")
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(self.SHOWN_MS)
        self.timer.timeout.connect(self.hide)
        parent.installEventFilter(self)
        self.hide()

    def say(self, text: str) -> None:
        self.setText("✓ " + text)
        self.adjustSize()
        self._place()
        self.show()
        self.raise_()
        self.timer.start()

    def _place(self) -> None:
        parent = self.parentWidget()
        self.move((parent.width() - self.width()) // 2, parent.height() - self.height() - 24)

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.Resize and self.isVisible():
            self._place()
        return False
