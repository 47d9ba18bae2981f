"""Every table in the window reads at 1024 px: each column's header sits over its values (the
last one too, not centred across the width that is left), and no name is cut to "…"."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTableView

from app.ui.widgets.columns import GAP

NAME_HEADERS = ("户主", "姓名", "户", "户主姓名", "成员")


@pytest.fixture
def window(main_window):
    main_window.resize(1024, 700)
    return main_window


def _busiest(session) -> str:
    return session.store.conn.execute(
        "SELECT household_id FROM members WHERE deleted = 0 GROUP BY household_id ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()[0]


def _tables(qtbot, window, session) -> list[QTableView]:
    seen = []
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        qtbot.wait(50)
    window.open_household(_busiest(session))
    qtbot.wait(50)
    for tab in range(window.file.tabs.count()):
        window.file.tabs.setCurrentIndex(tab)
        QApplication.processEvents()
    qtbot.wait(50)
    for table in window.findChildren(QTableView):
        if table.model() is not None and table.model().columnCount() > 1:
            seen.append(table)
    return seen


def _text(table: QTableView, row: int, column: int) -> str:
    return str(table.model().index(row, column).data(Qt.ItemDataRole.DisplayRole) or "")


def test_each_last_header_sits_over_its_values_and_no_name_is_cut(qtbot, window, session):
    tables = _tables(qtbot, window, session)
    names = {t.objectName() or type(t.model()).__name__ for t in tables}
    assert len(tables) >= 6, names        # due list, households, checks, members, incomes, forms, sync lists
    filled = 0
    for table in tables:
        model, header = table.model(), table.horizontalHeader()
        label = table.objectName() or type(model).__name__
        last = model.columnCount() - 1
        assert header.defaultAlignment() & Qt.AlignmentFlag.AlignLeft, label
        if not model.rowCount():
            continue
        filled += 1
        table.scrollToTop()
        # The last header's text starts where its values start: both left in the same section.
        cell = table.visualRect(model.index(0, last))
        assert cell.left() == header.sectionViewportPosition(last), label
        align = model.index(0, last).data(Qt.ItemDataRole.TextAlignmentRole)
        assert align is None or not Qt.AlignmentFlag(int(align)) & Qt.AlignmentFlag.AlignRight, label
        # Every column but the last is as wide as its header and its widest value on screen.
        metrics = table.fontMetrics()
        for column in range(last):
            head = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            if head not in NAME_HEADERS:
                continue
            for row in range(min(model.rowCount(), 30)):
                text = _text(table, row, column)
                assert metrics.horizontalAdvance(text) + GAP // 2 <= table.columnWidth(column), (label, head, text)
            assert header.sectionSizeHint(column) <= table.columnWidth(column), (label, head)
    assert filled >= 4, names


def test_the_columns_fit_again_when_the_rows_change(qtbot, window, session):
    window.open_household(_busiest(session))
    table, model = window.file.members_view, window.file.members_model
    head = next(c for c in range(model.columnCount()) if model.headerData(c, Qt.Orientation.Horizontal) == "姓名")
    long_name = dict(model.rows[0], name="欧阳慕容司马诸葛长孙")
    model.set_rows([long_name] + model.rows[1:])
    qtbot.waitUntil(lambda: table.columnWidth(head) >= table.fontMetrics().horizontalAdvance(long_name["name"]) + GAP,
                    timeout=2000)
