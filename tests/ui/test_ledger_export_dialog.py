"""导出台账 from the window: kind, month and file, the export in a worker, 已导出 N 行 and 打开;
errors (a month not begun, a file held open by Excel) shown in the dialog (40-household demo,
offscreen)."""
from pathlib import Path

import pytest

from openpyxl import load_workbook  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QDesktopServices  # noqa: E402
from PySide6.QtWidgets import QFileDialog, QMessageBox  # noqa: E402

from app.storage import files  # noqa: E402
from app.ledger.export import KINDS  # noqa: E402
from app.ui.printing import ledger_export_dialog  # noqa: E402
from app.ui.printing.ledger_export_dialog import LedgerExportDialog  # noqa: E402
from app.ui.widgets.month_view import month_of, shift_month  # noqa: E402
from app.ui.printing.print_dialog import default_folder  # noqa: E402
from app.ui.prompts.prompts_page import PromptsPage  # noqa: E402
from tests.support.window import drive  # noqa: E402


@pytest.fixture
def opened(monkeypatch):
    """QDesktopServices.openUrl recorded instead of starting a spreadsheet program."""
    urls = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: urls.append(url) or True))
    return urls


@pytest.fixture
def error_boxes(monkeypatch):
    """Errors the dialog would show in a message box (it should not need to), recorded."""
    shown = []
    monkeypatch.setattr(ledger_export_dialog, "show_error", lambda parent, exc: shown.append(exc))
    return shown


def export_and_wait(qtbot, dialog, timeout: int = 30_000) -> None:
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.state != "running", timeout=timeout)


def data_rows(path: Path) -> int:
    return load_workbook(path).worksheets[0].max_row - 2      # caption and header


def test_prompts_page_exports_the_months_visits(qtbot, session, tmp_path, monkeypatch, opened, error_boxes):
    page = PromptsPage(session)
    qtbot.addWidget(page)
    page.show()
    assert page.ledger_button.text() == "导出台账…"
    chosen = tmp_path / "交乡镇" / "十月走访.xlsx"
    asked = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        staticmethod(lambda *a, **k: asked.append(a) or (str(chosen.with_suffix("")), "")))

    def fill(dialog):
        assert isinstance(dialog, LedgerExportDialog) and dialog.windowTitle() == "导出台账"
        assert dialog.month == page.month and dialog.kind == "visits"
        assert [dialog.kind_box.itemText(i) for i in range(dialog.kind_box.count())] == list(KINDS.values())
        assert dialog.path() == default_folder(session) / f"走访台账-{page.month}.xlsx"
        assert "更正" in dialog.hint.text()
        qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
        assert asked and asked[0][2].endswith(f"走访台账-{page.month}.xlsx") and "*.xlsx" in asked[0][3]
        assert dialog.path() == chosen                    # .xlsx added to a name typed without it
        export_and_wait(qtbot, dialog)
        assert dialog.state == "done" and dialog.exported.kind == "visits"
        rows = dialog.exported.rows
        assert rows == data_rows(chosen) and rows > 0
        assert dialog.result_label.text() == f"已导出 {rows} 行 → {chosen}"
        assert dialog.result_label.property("state") == "done"
        assert dialog.open_button.isVisible() and dialog.open_button.text() == "打开"
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
        assert [u.toLocalFile() for u in opened] == [str(chosen)]

    dialog, exported = drive(page.export_ledger, fill)
    assert exported is not None and exported.path == chosen
    assert chosen.is_file() and not list(chosen.parent.glob("*.part")) and error_boxes == []


def test_the_file_name_follows_the_kind_and_month_until_one_is_typed(qtbot, session, tmp_path):
    month = month_of(session.today())
    dialog = LedgerExportDialog(session, month)
    qtbot.addWidget(dialog)
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("attendance"))
    assert dialog.path().name == f"驻村考勤-{month}.xlsx" and "20 天" in dialog.hint.text()
    qtbot.mouseClick(dialog.month_selector.prev_button, Qt.MouseButton.LeftButton)
    assert dialog.month == shift_month(month, -1) and dialog.path().name == f"驻村考勤-{dialog.month}.xlsx"
    dialog.path_edit.clear()
    qtbot.keyClicks(dialog.path_edit, str(tmp_path / "my_attendance"))   # typed: keyClicks takes ASCII only
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("cases"))
    assert dialog.path() == tmp_path / "my_attendance.xlsx"


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_exports_last_month(qtbot, session, tmp_path, kind, error_boxes):
    month = shift_month(month_of(session.today()), -1)
    dialog = LedgerExportDialog(session, month, kind=kind)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path_edit.setText(str(tmp_path / "ledger.xlsx"))
    export_and_wait(qtbot, dialog)
    assert dialog.state == "done" and error_boxes == []
    book = load_workbook(tmp_path / "ledger.xlsx")
    assert book.worksheets[0].title == KINDS[kind] and dialog.exported.rows == data_rows(tmp_path / "ledger.xlsx")


def test_a_month_not_begun_is_said_in_the_dialog(qtbot, session, tmp_path, error_boxes):
    dialog = LedgerExportDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.month_selector.next_button, Qt.MouseButton.LeftButton)
    dialog.path_edit.setText(str(tmp_path / "next.xlsx"))
    export_and_wait(qtbot, dialog)
    assert dialog.state == "ready" and error_boxes == []
    assert dialog.result_label.isVisible() and dialog.result_label.property("state") == "error"
    # the month and the rule, in the window's language: no internal field name before it
    assert "尚未开始" in dialog.result_label.text() and not dialog.result_label.text().startswith("month")
    assert not dialog.open_button.isVisible() and dialog.export_button.isEnabled()
    assert not list(tmp_path.glob("next.xlsx*"))
    qtbot.mouseClick(dialog.month_selector.this_button, Qt.MouseButton.LeftButton)
    assert not dialog.result_label.isVisible()          # a new choice clears the old message
    export_and_wait(qtbot, dialog)
    assert dialog.state == "done"


def test_a_file_open_in_excel_is_said_and_nothing_half_written_stays(qtbot, session, tmp_path, monkeypatch,
                                                                     error_boxes):
    target = tmp_path / "走访台账.xlsx"
    target.write_bytes(b"the copy open in Excel")
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))

    def locked(src, dst):
        raise PermissionError(13, "Permission denied", str(dst))

    monkeypatch.setattr(files.os, "replace", locked)
    dialog = LedgerExportDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path_edit.setText(str(target))
    export_and_wait(qtbot, dialog)
    assert dialog.state == "ready" and error_boxes == []
    text = dialog.result_label.text()
    assert dialog.result_label.property("state") == "error" and str(target) in text and "Excel" in text
    assert target.read_bytes() == b"the copy open in Excel" and not list(tmp_path.glob("*.part"))

    monkeypatch.undo()                                  # Excel closed: the same dialog exports
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Yes))
    export_and_wait(qtbot, dialog)
    assert dialog.state == "done" and load_workbook(target).worksheets[0].title == "走访台账"


def test_an_existing_file_is_kept_unless_replacing_is_confirmed(qtbot, session, tmp_path, monkeypatch):
    target = tmp_path / "问题清单.xlsx"
    target.write_bytes(b"keep me")
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No))
    dialog = LedgerExportDialog(session, kind="problems")
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(target))
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert dialog.state == "ready" and target.read_bytes() == b"keep me"


def test_the_dialog_renders(qtbot, session, tmp_path):
    dialog = LedgerExportDialog(session, shift_month(month_of(session.today()), -1), kind="cases")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.path_edit.setText(str(tmp_path / "监测对象台账.xlsx"))
    export_and_wait(qtbot, dialog)
    qtbot.waitExposed(dialog)
    picture = tmp_path / "ledger_export_dialog.png"
    assert dialog.grab().save(str(picture))
    image = dialog.grab().toImage()
    assert picture.stat().st_size > 5_000 and image.width() >= 600
    assert len({image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}) > 10
