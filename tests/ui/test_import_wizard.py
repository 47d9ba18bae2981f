"""导入台账 from the window: a national-format ledger (title rows, shuffled columns, an unknown
column, planted mistakes) read, its unknown column mapped, previewed without writing, imported
with its report; the same file again; cancel; a file that is no workbook (40-household demo,
offscreen)."""
import threading

import pytest

from openpyxl import Workbook, load_workbook  # noqa: E402
from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtGui import QDesktopServices  # noqa: E402
from PySide6.QtWidgets import QComboBox, QFileDialog, QTableWidget  # noqa: E402

from app.ledger.sample import UNKNOWN_HEADER, write_national_sample  # noqa: E402
from app.services import ledger_import  # noqa: E402
from app.ui.households.households_page import HouseholdsPage  # noqa: E402
from app.ui.forms.import_wizard import UNKNOWN_BG, ImportWizard, can_write  # noqa: E402
from app.ui.mainwindow.session import Session  # noqa: E402
from tests.support.window import drive  # noqa: E402


@pytest.fixture
def ledger(tmp_path):
    """The sample ledger of 30 households and what was planted in it."""
    folder = tmp_path / "台账"
    folder.mkdir()
    path = folder / "防返贫监测户成员信息.xlsx"
    planted = write_national_sample(path, 30)
    return path, planted


@pytest.fixture
def opened(monkeypatch):
    urls = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: urls.append(url) or True))
    return urls


def counts(session) -> tuple[int, int]:
    return session.call(lambda s: (
        s.query("SELECT count(*) AS n FROM households WHERE deleted = 0")[0]["n"],
        s.query("SELECT count(*) AS n FROM members WHERE deleted = 0")[0]["n"]))


def wait_job(qtbot, wizard, timeout: int = 60_000) -> None:
    qtbot.waitUntil(lambda: wizard.job is None, timeout=timeout)


def click(qtbot, button) -> None:
    assert button.isVisible() and button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def new_wizard(qtbot, session) -> ImportWizard:
    wizard = ImportWizard(session)
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def to_columns(qtbot, wizard, path) -> None:
    wizard.path_edit.setText(str(path))
    click(qtbot, wizard.next_button)
    wait_job(qtbot, wizard)
    assert wizard.step == wizard.COLUMNS, wizard.file_error.text()


def unknown_box(wizard) -> QComboBox:
    return next(box for _i, column, box in wizard.combos if column.header == UNKNOWN_HEADER)


def to_preview(qtbot, wizard) -> None:
    click(qtbot, wizard.next_button)
    wait_job(qtbot, wizard)
    assert wizard.step == wizard.PREVIEW, wizard.columns_error.text()


def import_and_wait(qtbot, wizard) -> None:
    click(qtbot, wizard.next_button)
    assert wizard.step == wizard.RESULT
    qtbot.waitUntil(lambda: wizard.state in ("done", "stopped"), timeout=60_000)


def planted_rows(planted) -> list[int]:
    return sorted(row for rows in planted["bad"].values() for row in rows)


def test_map_preview_import_and_report(qtbot, session, ledger, monkeypatch, opened):
    path, planted = ledger
    before = counts(session)
    wizard = new_wizard(qtbot, session)
    assert wizard.windowTitle() == "导入台账" and wizard.step == wizard.FILE
    assert not wizard.next_button.isEnabled()                # no file yet
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName",
                        staticmethod(lambda *a, **k: asked.append(a) or (str(path), "Excel")))
    click(qtbot, wizard.choose_button)
    assert wizard.path_edit.text() == str(path) and "*.xlsx *.xls *.ods" in asked[0][3]
    click(qtbot, wizard.next_button)
    wait_job(qtbot, wizard)

    # 核对列: every header of the sheet listed, the unknown one first, amber, 不导入 until chosen.
    assert wizard.step == wizard.COLUMNS
    sheet = wizard.ledger.sheets[0]
    assert sheet.kind == "members" and sheet.header_row == 3
    assert wizard.sheet_tabs.count() == 1 and wizard.sheet_tabs.tabText(0) == "户成员信息"
    table = wizard.sheet_tabs.widget(0).findChild(QTableWidget, "importColumns")
    assert table.rowCount() == len(sheet.columns)
    assert {table.item(r, 1).text() for r in range(table.rowCount())} == {c.header for c in sheet.columns}
    assert table.item(0, 1).text() == UNKNOWN_HEADER
    assert table.item(0, 1).background().color().name() == UNKNOWN_BG
    shown = {table.item(r, 1).text(): table.item(r, 2).text() for r in range(1, table.rowCount())}
    assert shown["证件号码"] == "证件号码" and shown["序号"] == "不导入"
    box = unknown_box(wizard)
    assert table.cellWidget(0, 2) is box and box.currentText() == "不导入"
    assert UNKNOWN_HEADER in wizard.unknown_label.text()
    # A field another column fills is not offered again.
    items = box.model()
    assert not items.item(box.findData("member.name")).isEnabled()
    assert items.item(box.findData("member.note")).isEnabled()
    assert items.item(box.findData("household.risk_types")).isEnabled()     # 风险类型1…5 share it
    box.setCurrentIndex(box.findData("member.note"))
    assert wizard.choices == {UNKNOWN_HEADER: "member.note"}
    assert "都已选择" in wizard.unknown_label.text()

    # 预览: read again with the choice, the planted rows rejected, nothing written.
    to_preview(qtbot, wizard)
    column = next(c for c in wizard.ledger.sheets[0].columns if c.header == UNKNOWN_HEADER)
    assert column.target == "member.note"
    s = wizard.plan.summary()
    bad = planted_rows(planted)
    assert s["rejected"] == len(bad) == wizard.rejection_model.rowCount()
    assert sorted(r.row for r in wizard.plan.rejected) == bad
    assert s["households_new"] == 29 and s["imported"] == planted["rows"] - len(bad)
    assert wizard.new_tile.value.text() == f"{s['households_new']} 户"
    assert wizard.new_tile.detail.text() == f"{s['members_new']} 人"
    assert wizard.rejected_tile.value.text() == f"{len(bad)} 行"
    assert wizard.preview_tabs.tabText(0) == f"未导入的行（{len(bad)}）"
    model = wizard.rejection_model
    first = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert first[0] == "户成员信息" and first[1] == bad[0] and first[4] and first[5]
    wizard.rejection_table.selectRow(0)
    assert wizard.rejection_detail.isVisible() and first[5] in wizard.rejection_detail.text()
    assert wizard.next_button.text() == "导入" and wizard.next_button.isEnabled()
    assert not wizard.blocked_label.isVisible()
    assert counts(session) == before

    preview_file = path.parent / "预览.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(preview_file), "")))
    click(qtbot, wizard.save_preview_button)
    assert preview_file.is_file() and str(preview_file) in wizard.preview_status.text()
    wb = load_workbook(preview_file, read_only=True)
    assert "未导入" in wb.sheetnames
    assert any("预览（未写入）" in (row[1] or "") for row in wb["导入概况"].iter_rows(values_only=True))
    wb.close()
    assert counts(session) == before

    # 导入: written, the choice remembered, the report beside the ledger.
    imported = []
    wizard.imported.connect(imported.append)
    import_and_wait(qtbot, wizard)
    assert wizard.state == "done" and wizard.applied
    assert counts(session) == (before[0] + s["households_new"], before[1] + s["members_new"])
    assert imported and imported[0]["households_new"] == s["households_new"]
    text = wizard.result_label.text()
    assert text.startswith(f"已导入 {s['imported']} 行") and f"未导入 {len(bad)} 行" in text
    assert ledger_import.saved_mapping(session.store) == {UNKNOWN_HEADER: "member.note"}
    notes = session.call(lambda st: st.query("SELECT count(*) AS n FROM members WHERE note LIKE '139%'"))
    assert notes[0]["n"] == s["members_new"]
    report = wizard.report_path
    assert report is not None and report.is_file() and report.parent == path.parent
    assert str(report) in wizard.report_label.text()
    wb = load_workbook(report, read_only=True)
    assert {"导入概况", "未导入"} <= set(wb.sheetnames)
    rejected_rows = list(wb["未导入"].iter_rows(values_only=True))
    assert sum(1 for row in rejected_rows if isinstance(row[1], int)) == len(bad)
    wb.close()
    assert wizard.next_button.text() == "完成" and not wizard.back_button.isVisible()
    click(qtbot, wizard.open_report_button)
    click(qtbot, wizard.open_folder_button)
    assert [u.toLocalFile() for u in opened] == [str(report), str(path.parent)]
    click(qtbot, wizard.next_button)
    assert not wizard.isVisible() and wizard.summary["households_new"] == s["households_new"]


def test_the_same_file_again_changes_nothing(qtbot, session, ledger):
    path, planted = ledger
    first = new_wizard(qtbot, session)
    to_columns(qtbot, first, path)
    unknown_box(first).setCurrentIndex(unknown_box(first).findData("member.note"))
    to_preview(qtbot, first)
    new = first.plan.summary()["households_new"]
    import_and_wait(qtbot, first)
    assert first.state == "done"
    after = counts(session)

    again = new_wizard(qtbot, session)
    to_columns(qtbot, again, path)
    # The column chosen last time is known now, shown with its choice and no longer amber.
    box = unknown_box(again)
    assert box.currentData() == "member.note"
    table = again.sheet_tabs.widget(0).findChild(QTableWidget, "importColumns")
    assert table.item(0, 1).text() == UNKNOWN_HEADER and table.item(0, 1).background().color().name() != UNKNOWN_BG
    assert again.unknown_label.text().startswith("所有的列都已识别")
    to_preview(qtbot, again)
    s = again.plan.summary()
    assert s["households_new"] == 0 and s["members_new"] == 0 and s["households_updated"] == 0
    assert s["households_unchanged"] == new and s["rejected"] == len(planted_rows(planted))
    assert again.new_tile.value.text() == "0 户" and again.unchanged_tile.value.text() == f"{new} 户"
    assert not again.next_button.isEnabled()
    assert again.blocked_label.isVisible() and "与档案一致" in again.blocked_label.text()
    assert counts(session) == after


def test_back_to_the_file_reads_it_again_with_the_choices_made(qtbot, session, ledger):
    path, _ = ledger
    wizard = new_wizard(qtbot, session)
    to_columns(qtbot, wizard, path)
    unknown_box(wizard).setCurrentIndex(unknown_box(wizard).findData("member.note"))
    to_preview(qtbot, wizard)
    click(qtbot, wizard.back_button)
    assert wizard.step == wizard.COLUMNS and unknown_box(wizard).currentData() == "member.note"
    click(qtbot, wizard.back_button)
    assert wizard.step == wizard.FILE and not wizard.back_button.isVisible()
    click(qtbot, wizard.next_button)       # the file may have been corrected meanwhile
    wait_job(qtbot, wizard)
    assert wizard.step == wizard.COLUMNS and wizard.plan is None
    assert unknown_box(wizard).currentData() == "member.note"
    assert next(c for c in wizard.ledger.sheets[0].columns if c.header == UNKNOWN_HEADER).target == "member.note"
    unknown_box(wizard).setCurrentIndex(unknown_box(wizard).findData("ignore"))
    to_preview(qtbot, wizard)
    assert next(c for c in wizard.ledger.sheets[0].columns if c.header == UNKNOWN_HEADER).target == "ignore"
    assert wizard.plan_mapping == {UNKNOWN_HEADER: "ignore"}


def test_cancel_during_import_rolls_everything_back(qtbot, session, ledger, monkeypatch):
    path, _ = ledger
    before = counts(session)
    real = ledger_import.apply_import
    gate = threading.Event()

    def gated(store, plan, progress=None, cancel=None):
        """The import waits, its rows written, at its progress report until the test has pressed 取消."""
        def report(done, total):
            assert gate.wait(30)
            progress(done, total)
        return real(store, plan, progress=report, cancel=cancel)

    monkeypatch.setattr(ledger_import, "apply_import", gated)
    wizard = new_wizard(qtbot, session)
    to_columns(qtbot, wizard, path)
    unknown_box(wizard).setCurrentIndex(unknown_box(wizard).findData("member.note"))
    to_preview(qtbot, wizard)
    click(qtbot, wizard.next_button)
    assert wizard.state == "running" and wizard.progress_row.isVisible()
    assert wizard.progress_label.text() == f"已写入 0/{len(wizard.plan.households)} 户"
    assert not wizard.close_button.isEnabled()
    click(qtbot, wizard.cancel_button)
    assert wizard.state == "cancelling" and not wizard.cancel_button.isEnabled()
    gate.set()
    qtbot.waitUntil(lambda: wizard.state == "stopped", timeout=30_000)
    assert wizard.result_title.text() == "已取消" and wizard.result_label.text() == "已取消，没有写入任何数据。"
    assert counts(session) == before
    assert ledger_import.saved_mapping(session.store) == {}
    assert not list(path.parent.glob("*导入报告*")) and wizard.report_path is None
    assert not wizard.open_report_button.isVisible() and not wizard.progress_row.isVisible()

    # Back to the preview; this time the import goes through.
    click(qtbot, wizard.back_button)
    assert wizard.step == wizard.PREVIEW and wizard.next_button.isEnabled()
    import_and_wait(qtbot, wizard)
    assert wizard.state == "done"
    assert counts(session)[0] == before[0] + wizard.plan.summary()["households_new"]


def test_cancel_while_planning_stays_on_the_columns(qtbot, session, ledger, monkeypatch):
    path, _ = ledger
    real = ledger_import.plan_import
    gate = threading.Event()

    def gated(store, ledger, today=None, progress=None, cancel=None):
        assert gate.wait(30)
        return real(store, ledger, today, progress, cancel)

    monkeypatch.setattr(ledger_import, "plan_import", gated)
    wizard = new_wizard(qtbot, session)
    to_columns(qtbot, wizard, path)
    click(qtbot, wizard.next_button)
    assert wizard.job == "plan" and not wizard.sheet_tabs.isEnabled()
    click(qtbot, wizard.cancel_button)
    gate.set()
    wait_job(qtbot, wizard)
    assert wizard.step == wizard.COLUMNS and wizard.plan is None and wizard.state == "ready"
    assert wizard.columns_error.text() == "已取消。" and wizard.next_button.isEnabled()
    to_preview(qtbot, wizard)          # and again, to the end
    assert wizard.plan is not None


def test_closing_during_import_cancels_first(qtbot, session, ledger, monkeypatch):
    path, _ = ledger
    before = counts(session)
    real = ledger_import.apply_import
    gate = threading.Event()

    def gated(store, plan, progress=None, cancel=None):
        return real(store, plan, progress=lambda d, t: (gate.wait(30), progress(d, t)), cancel=cancel)

    monkeypatch.setattr(ledger_import, "apply_import", gated)
    wizard = new_wizard(qtbot, session)
    to_columns(qtbot, wizard, path)
    to_preview(qtbot, wizard)
    click(qtbot, wizard.next_button)
    wizard.reject()
    assert wizard.isVisible() and wizard.state == "cancelling"
    gate.set()
    qtbot.waitUntil(lambda: not wizard.isVisible(), timeout=30_000)
    assert counts(session) == before and wizard.summary is None


def test_a_file_that_is_no_ledger_is_refused_on_the_first_page(qtbot, session, tmp_path):
    before = counts(session)
    wizard = new_wizard(qtbot, session)
    fake = tmp_path / "台账.xlsx"
    fake.write_text("户编号,姓名\n1,张三\n", encoding="utf-8")     # a .txt renamed .xlsx
    wizard.path_edit.setText(str(fake))
    click(qtbot, wizard.next_button)
    wait_job(qtbot, wizard)
    assert wizard.step == wizard.FILE and wizard.file_error.isVisible()
    assert "不是可读取的 Excel 工作簿" in wizard.file_error.text() and not wizard.file_error.text().startswith("file:")
    assert wizard.next_button.isEnabled()

    # A workbook without a ledger's headers.
    other = tmp_path / "名单.xlsx"
    wb = Workbook()
    wb.active.title = "说明"
    wb.active.append(["日期", "事项"])
    wb.save(other)
    wizard.path_edit.setText(str(other))
    assert not wizard.file_error.isVisible()
    click(qtbot, wizard.next_button)
    wait_job(qtbot, wizard)
    assert wizard.step == wizard.FILE and "没有可导入的工作表" in wizard.file_error.text()
    assert "说明" in wizard.file_error.text()

    wizard.path_edit.setText(str(tmp_path / "没有这个文件.xlsx"))
    click(qtbot, wizard.next_button)
    wait_job(qtbot, wizard)
    assert wizard.step == wizard.FILE and "找不到文件" in wizard.file_error.text()
    assert counts(session) == before


def test_report_location_asked_when_beside_the_ledger_fails(qtbot, session, ledger, monkeypatch, tmp_path):
    path, _ = ledger
    blocker = tmp_path / "a file"
    blocker.write_text("x")
    monkeypatch.setattr(ledger_import, "default_report_path",
                        lambda ledger_path, data_dir, when=None: blocker / "报告.xlsx")
    chosen = tmp_path / "选的位置" / "导入报告"
    chosen.parent.mkdir()
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(chosen), "")))
    wizard = new_wizard(qtbot, session)
    to_columns(qtbot, wizard, path)
    to_preview(qtbot, wizard)
    import_and_wait(qtbot, wizard)
    assert wizard.state == "done" and wizard.applied
    assert wizard.report_path == chosen.with_name("导入报告.xlsx") and wizard.report_path.is_file()
    assert wizard.open_report_button.isVisible() and not wizard.save_report_button.isVisible()
    load_workbook(wizard.report_path, read_only=True).close()


def test_roster_page_opens_the_wizard_and_shows_the_imported_households(qtbot, session, ledger):
    path, _ = ledger
    page = HouseholdsPage(session)
    qtbot.addWidget(page)
    page.resize(1196, 718)
    page.show()
    assert page.import_button.text() == "导入台账…" and page.import_button.isEnabled()
    before = page.model.total

    def fill(wizard):
        assert isinstance(wizard, ImportWizard) and wizard.parent() is page
        to_columns(qtbot, wizard, path)
        to_preview(qtbot, wizard)
        import_and_wait(qtbot, wizard)
        assert wizard.state == "done"
        click(qtbot, wizard.next_button)

    _, summary = drive(page.import_ledger, fill)
    assert summary is not None and summary["households_new"] == 29
    assert page.model.total == before + 29 and page.count_label.text() == f"共 {before + 29} 户"


def test_only_an_open_store_can_import(session, demo_store):
    assert can_write(session)
    closed = Session(demo_store)
    closed.lock()
    assert not can_write(closed) and not can_write(None)
