"""What the month pages (本月工作, 工作提示) are built from: month arithmetic, the month
selector, cards, the note dialog."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (QDateEdit, QDialog, QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton,
                               QSizePolicy, QTreeWidget, QVBoxLayout, QWidget)

from .style import ACCENT, set_role

DONE_COLOR = ACCENT
TREE_STYLE = "QTreeWidget::item { padding: 4px 2px; }"


# -- months ------------------------------------------------------------------------------------
def month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def shift_month(month: str, k: int) -> str:
    y, m = map(int, month.split("-"))
    n = y * 12 + (m - 1) + k
    return f"{n // 12:04d}-{n % 12 + 1:02d}"


def days_in_month(month: str) -> int:
    y, m = map(int, month.split("-"))
    return (date(y + m // 12, m % 12 + 1, 1) - date(y, m, 1)).days


def short_date(iso: str | None) -> str:
    """"2026-11-15" → "11-15" (the year is the month's)."""
    return iso[5:] if iso else ""


def clear_layout(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        widget = item.widget()
        if widget is not None:
            widget.hide()
            widget.deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())


# -- small shared widgets ---------------------------------------------------------------------
class MonthSelector(QWidget):
    """‹ 2026年11月 › 本月: the month a page shows."""
    changed = Signal(str)

    def __init__(self, month: str, current: str | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self._month = month
        self._current = current or month
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        self.prev_button = QPushButton("‹")
        self.prev_button.setToolTip(self.tr("上个月"))
        self.next_button = QPushButton("›")
        self.next_button.setToolTip(self.tr("下个月"))
        for b in (self.prev_button, self.next_button):
            b.setFixedWidth(34)
        self.label = QLabel()
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.label.setMinimumWidth(104)
        font = QFont(self.label.font())
        font.setPointSizeF(font.pointSizeF() + 1.5)
        font.setBold(True)
        self.label.setFont(font)
        self.this_button = QPushButton(self.tr("本月"))
        self.prev_button.clicked.connect(lambda: self.set_month(shift_month(self._month, -1)))
        self.next_button.clicked.connect(lambda: self.set_month(shift_month(self._month, 1)))
        self.this_button.clicked.connect(lambda: self.set_month(self._current))
        row.addWidget(self.prev_button)
        row.addWidget(self.label)
        row.addWidget(self.next_button)
        row.addSpacing(6)
        row.addWidget(self.this_button)
        self._show()

    @property
    def month(self) -> str:
        return self._month

    def set_current(self, month: str) -> None:
        self._current = month
        self._show()

    def set_month(self, month: str, emit: bool = True) -> None:
        if month == self._month:
            return
        self._month = month
        self._show()
        if emit:
            self.changed.emit(month)

    def _show(self) -> None:
        y, m = self._month.split("-")
        self.label.setText(self.tr("{0}年{1}月").format(y, int(m)))
        self.this_button.setEnabled(self._month != self._current)


class NoteDialog(QDialog):
    """A small dialog: what is being done, the date it was done, and a note (required or not).
    `values()` → (date ISO, note)."""

    def __init__(self, title: str, subject: str, today: date, note_label: str, require_note: bool = False,
                 with_date: bool = True, placeholder: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(440)
        self.require_note = require_note
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        head = set_role(QLabel(subject), "section")
        head.setWordWrap(True)
        layout.addWidget(head)
        self.date_edit = QDateEdit(QDate(today.year, today.month, today.day))
        self.date_edit.setDisplayFormat("yyyy-MM-dd")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMaximumDate(QDate(today.year, today.month, today.day))
        if with_date:
            row = QHBoxLayout()
            row.addWidget(QLabel(self.tr("完成日期")))
            row.addWidget(self.date_edit)
            row.addStretch(1)
            layout.addLayout(row)
        else:
            self.date_edit.hide()
        layout.addWidget(QLabel(note_label))
        self.note_edit = QPlainTextEdit()
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setPlaceholderText(placeholder)
        self.note_edit.setFixedHeight(90)
        layout.addWidget(self.note_edit)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        cancel = QPushButton(self.tr("取消"))
        cancel.setAutoDefault(False)
        cancel.clicked.connect(self.reject)
        self.ok_button = set_role(QPushButton(self.tr("确定")), "primary")
        self.ok_button.setDefault(True)
        self.ok_button.clicked.connect(self.accept)
        buttons.addWidget(cancel)
        buttons.addWidget(self.ok_button)
        layout.addLayout(buttons)
        self.note_edit.textChanged.connect(self._check)
        self._check()
        self.note_edit.setFocus()

    def _check(self) -> None:
        self.ok_button.setEnabled(not self.require_note or bool(self.note_edit.toPlainText().strip()))

    def values(self) -> tuple[str, str]:
        return self.date_edit.date().toPython().isoformat(), self.note_edit.toPlainText().strip()


class Card(QFrame):
    """A white card: a section title, an optional line at the right of it, and a body."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        set_role(self, "card")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(14, 10, 14, 12)
        outer.setSpacing(8)
        head = QHBoxLayout()
        head.setSpacing(10)
        self.title = set_role(QLabel(title), "heading")
        self.info = set_role(QLabel(), "muted")
        # The line beside the title wraps rather than widening the card: a card sets how narrow
        # its column may be, and so whether the page's two columns fit side by side.
        self.info.setWordWrap(True)
        self.info.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        head.addWidget(self.title)
        head.addWidget(self.info, 1)
        self.tools = QHBoxLayout()
        self.tools.setSpacing(6)
        head.addLayout(self.tools)
        outer.addLayout(head)
        self.body = QVBoxLayout()
        self.body.setSpacing(6)
        outer.addLayout(self.body)


def tree_height(tree: QTreeWidget, rows: int, min_rows: int = 2, max_rows: int = 6) -> int:
    row_h = max(tree.sizeHintForRow(0), tree.fontMetrics().height() + 8)
    head = tree.header().sizeHint().height() if not tree.isHeaderHidden() else 0
    return head + row_h * max(min_rows, min(rows, max_rows)) + 2 * tree.frameWidth() + 4


# -- the due list -----------------------------------------------------------------------------


class MonthPage:
    """What a month page does for the main window, mixed into a QWidget that has `month`,
    `month_selector`, `refresh()` and the `_loaded` / `_stale` flags: it loads when first shown,
    is marked stale when data changes elsewhere, and shows another month on request."""

    def month_header(self, title: str) -> tuple[QHBoxLayout, QLabel]:
        """The page's title, the month selector (it sets `month_selector`) and a rich-text
        label at the right for the month at a glance: (the row, the label)."""
        header = QHBoxLayout()
        header.setSpacing(14)
        header.addWidget(set_role(QLabel(title), "title"))
        self.month_selector = MonthSelector(self.month, self.month)
        self.month_selector.changed.connect(self.set_month)
        header.addWidget(self.month_selector)
        header.addStretch(1)
        label = QLabel()
        label.setTextFormat(Qt.TextFormat.RichText)
        header.addWidget(label)
        return header, label

    def mark_stale(self) -> None:
        self._stale = True

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._loaded:
            self.refresh()

    def set_month(self, month: str) -> None:
        self.month = month
        self.month_selector.set_month(month, emit=False)
        self.refresh()
