"""Columns a person can read: every column as wide as its widest text (the header's included,
so names are never cut), the last one taking the rest of the width with its header above its
values (left, where the values start) rather than centred far from them. One call per table or tree; it fits again whenever the rows change."""
from __future__ import annotations

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QTreeView

LEFT = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
GAP = 20          # pixels between a column's text and the next column
PRECISION = 40    # rows read to size a column besides those in view: a search refits on every keystroke
WIDEST = 26       # a column wider than this many Han characters is cut with "…" (the last is not)


def header_of(view: QAbstractItemView) -> QHeaderView:
    return view.horizontalHeader() if isinstance(view, QTableView) else view.header()


def fit_columns(view: QTableView | QTreeView, widest: int = WIDEST) -> None:
    """Size `view`'s columns to their text now and after every change of its rows."""
    header = header_of(view)
    header.setDefaultAlignment(LEFT)
    header.setResizeContentsPrecision(PRECISION)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    fitter = view.findChild(_Fitter, "columnFitter")
    if fitter is None:
        fitter = _Fitter(view, widest)
    fitter.watch()
    fitter.fit()


class _Fitter(QObject):
    """Refits its view's columns (once per event-loop turn) when the model's rows change."""

    def __init__(self, view: QAbstractItemView, widest: int):
        super().__init__(view)
        self.setObjectName("columnFitter")
        self.view = view
        self.widest = widest
        self.model = None
        self.timer = QTimer(self, singleShot=True, interval=0)
        self.timer.timeout.connect(self.fit)

    def watch(self) -> None:
        model = self.view.model()
        if model is None or model is self.model:
            return
        self.model = model
        for signal in (model.modelReset, model.layoutChanged, model.rowsInserted, model.rowsRemoved):
            signal.connect(self.timer.start)

    def fit(self) -> None:
        view, model = self.view, self.view.model()
        if model is None:
            return
        header = header_of(view)
        cap = view.fontMetrics().horizontalAdvance("中") * self.widest
        last = model.columnCount() - 1
        for column in range(last):
            if header.isSectionHidden(column):
                continue
            wanted = max(header.sectionSizeHint(column), view.sizeHintForColumn(column)) + GAP
            header.resizeSection(column, min(wanted, max(cap, header.sectionSizeHint(column) + GAP)))
