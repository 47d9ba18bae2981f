"""The household file's building blocks: tone badges, records as table rows, and the timeline
of rich entries (a case's events, the visits) with the delegate that draws them."""
from __future__ import annotations

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPoint, QSize, Qt
from PySide6.QtGui import QColor, QTextDocument
from PySide6.QtWidgets import (QAbstractItemView, QLabel, QListView, QStyle, QStyledItemDelegate,
                               QStyleOptionViewItem, QTableView)

from ..widgets.style import RULE_LINE, badge_style, set_role
from ..widgets.columns import fit_columns
from ..widgets.table_model import RowsModel, list_table

RECORD = Qt.ItemDataRole.UserRole
HTML = Qt.ItemDataRole.UserRole + 1


def badge(text: str, tone: str = "grey") -> QLabel:
    label = QLabel(text)
    label.setStyleSheet(badge_style(tone))
    return label


def clear_layout(layout) -> None:
    while layout.count():
        item = layout.takeAt(0)
        if item.widget() is not None:
            item.widget().hide()
            item.widget().deleteLater()
        elif item.layout() is not None:
            clear_layout(item.layout())


class ColumnsModel(RowsModel):
    """Records as table rows: `columns` is [(header, text_fn)], `colour` (record, column) → colour
    name or None, `tip` (record) → tooltip."""

    def __init__(self, columns, colour=None, tip=None, parent=None):
        super().__init__(parent)
        self.columns = columns
        self.headers = [c[0] for c in columns]
        self.colour = colour
        self.tip = tip
        self.rows: list[dict] = []

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.columns[index.column()][1](record)
        if role == Qt.ItemDataRole.ForegroundRole and self.colour:
            colour = self.colour(record, index.column())
            return QColor(colour) if colour else None
        if role == Qt.ItemDataRole.ToolTipRole and self.tip:
            return self.tip(record)
        if role == RECORD:
            return record
        return None


class TimelineModel(QAbstractListModel):
    """Records shown as rich entries: `text` (record) → plain text (searchable, accessible) and
    `rich` (record) → HTML the delegate draws."""

    def __init__(self, text, rich, parent=None):
        super().__init__(parent)
        self.text = text
        self.rich = rich
        self.rows: list[dict] = []

    def set_rows(self, rows: list[dict]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        record = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return self.text(record)
        if role == HTML:
            return self.rich(record)
        if role == RECORD:
            return record
        return None


class TimelineDelegate(QStyledItemDelegate):
    """Draws an entry's HTML, wrapped to the view's width, with a rule between entries."""
    PAD_X, PAD_Y = 14, 9

    def __init__(self, view: QListView):
        super().__init__(view)
        self.view = view
        self._cache: dict = {}

    def _doc(self, index, width: int) -> QTextDocument:
        text = index.data(HTML) or ""
        key = (text, width)
        doc = self._cache.get(key)
        if doc is None:
            if len(self._cache) > 400:
                self._cache.clear()
            doc = QTextDocument()
            doc.setDefaultFont(self.view.font())
            doc.setDocumentMargin(0)
            doc.setHtml(text)
            doc.setTextWidth(width)
            self._cache[key] = doc
        return doc

    def _width(self) -> int:
        return max(200, self.view.viewport().width() - 2 * self.PAD_X)

    def sizeHint(self, option, index) -> QSize:  # noqa: N802
        doc = self._doc(index, self._width())
        return QSize(self._width() + 2 * self.PAD_X - 1, int(doc.size().height()) + 2 * self.PAD_Y)

    def paint(self, painter, option, index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        widget = opt.widget or self.view
        widget.style().drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        doc = self._doc(index, self._width())
        painter.save()
        painter.translate(opt.rect.topLeft() + QPoint(self.PAD_X, self.PAD_Y))
        doc.drawContents(painter)
        painter.restore()
        painter.save()
        painter.setPen(QColor(RULE_LINE))
        painter.drawLine(opt.rect.left() + self.PAD_X, opt.rect.bottom(), opt.rect.right() - self.PAD_X,
                         opt.rect.bottom())
        painter.restore()


def timeline_view(model: TimelineModel) -> QListView:
    view = QListView()
    view.setModel(model)
    view.setItemDelegate(TimelineDelegate(view))
    view.setUniformItemSizes(False)
    view.setResizeMode(QListView.ResizeMode.Adjust)
    view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    return view


def table_view(model: ColumnsModel) -> QTableView:
    view = list_table(model, "")
    fit_columns(view)
    return view


def wrap_label(text: str, role: str | None = None) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if role:
        set_role(label, role)
    return label


class RightAligned(QStyledItemDelegate):
    def initStyleOption(self, option, index) -> None:  # noqa: N802
        super().initStyleOption(option, index)
        option.displayAlignment = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
