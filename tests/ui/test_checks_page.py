"""数据检查: runs in a worker over the demo village, fills the table, filters, opens a household."""
import pytest
from PySide6.QtCore import Qt

from app.ui.checks.checks_page import ChecksPage


@pytest.fixture
def blank_visit(demo_store):
    """A visit saved without its visitor (as synced from an older version): an error finding."""
    hid = demo_store.conn.execute("SELECT id FROM households WHERE deleted = 0 ORDER BY number LIMIT 1").fetchone()[0]
    demo_store.records.insert("visits", {"household_id": hid, "visitor": "", "visit_date": "2026-01-05",
                                         "mode": "home", "findings": "入户了解情况"})
    return hid


def run_to_end(page, qtbot):
    page.run_button.click()
    assert page.running and not page.run_button.isEnabled() and page.busy.isVisibleTo(page)
    qtbot.waitUntil(lambda: not page.running, timeout=60_000)


def test_run_fills_the_table_worst_first_and_filters(session, blank_visit, qtbot):
    page = ChecksPage(session)
    qtbot.addWidget(page)
    assert page.model.rowCount() == 0 and "运行检查" in page.empty_label.text()
    run_to_end(page, qtbot)
    model = page.model
    assert model.rowCount() >= 1 and model.rowCount() == len(page.findings)
    first = model.finding(0)
    no_visitor = [f for f in page.findings if f.rule == "visit.no_visitor"]
    assert first.severity == "error" and blank_visit in {f.household_id for f in no_visitor}
    assert model.index(0, model.SEVERITY).data() == "错误"
    assert model.index(0, model.MESSAGE).data() == first.message and model.index(0, model.HINT).data() == first.hint
    assert page.summary.text().startswith(f"共 {len(page.findings)} 条：错误 ")
    assert first.message in page.detail.text() and first.hint in page.detail.text()
    # The rule's id and the column name are for support (the tooltip), not the person's text.
    assert first.rule not in page.detail.text() and first.rule in page.detail.toolTip()

    page.severity.setCurrentIndex(page.severity.findData("error"))
    assert {model.finding(r).severity for r in range(model.rowCount())} == {"error"}
    page.severity.setCurrentIndex(0)
    page.rule.setCurrentIndex(page.rule.findData("visit.no_visitor"))
    assert model.rowCount() == len(no_visitor)
    assert page.rule.currentText().startswith(f"走访记录未写走访人（{len(no_visitor)}）")

    page.mark_stale()
    assert "重新运行" in page.summary.text()


def test_double_click_and_enter_open_the_household_file(session, blank_visit, qtbot):
    from app.ui.mainwindow.main import MainWindow
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    checks_row = [window.nav.item(i).text() for i in range(window.nav.count())].index("数据检查")
    assert window.nav.item(checks_row + 1).text() == "同步"
    window.nav.setCurrentRow(checks_row)
    page = window.checks
    run_to_end(page, qtbot)
    page.rule.setCurrentIndex(page.rule.findData("visit.no_visitor"))
    rect = page.table.visualRect(page.model.index(0, 1))
    # A real double-click starts with a press: item views only open what was pressed.
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.stack.currentWidget() is window.file and window.file.household_id == blank_visit
    window.show_previous()
    assert window.stack.currentWidget() is page
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.file
