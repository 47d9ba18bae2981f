"""Printing from the window: handbooks for this household, a selection or a group, with progress,
cancel and the households no font can print; the month's report and notice, a blank form, and
核对打印件 (40-household demo, offscreen)."""
import shutil
import subprocess
from pathlib import Path

import pytest

from PySide6.QtCore import QItemSelectionModel, Qt  # noqa: E402
from PySide6.QtGui import QDesktopServices  # noqa: E402
from PySide6.QtWidgets import QFileDialog, QLabel  # noqa: E402

from app.services import households as hs  # noqa: E402
from app.ui.printing import print_dialog  # noqa: E402
from app.ui.householdfile.household_file import HouseholdFilePage  # noqa: E402
from app.ui.households.households_page import HouseholdsPage  # noqa: E402
from app.ui.printing.print_dialog import PrintDialog  # noqa: E402
from app.ui.printing.print_other import BlankFormDialog, MonthPrintDialog, VerifyDialog  # noqa: E402
from app.ui.prompts.prompts_page import PromptsPage  # noqa: E402
from tests.support.window import drive  # noqa: E402

RARE = "\U00030000"   # 𰀀 (CJK Extension G): no installed font has it


def pdf_text(path: Path) -> str:
    assert shutil.which("pdftotext"), "pdftotext is needed to read the printed PDF"
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


def household_ids(store, n: int) -> list[str]:
    rows = store.conn.execute("SELECT id FROM households WHERE deleted = 0 ORDER BY group_name, number"
                              " LIMIT ?", [n]).fetchall()
    return [r[0] for r in rows]


def print_and_wait(qtbot, dialog, timeout: int = 60_000) -> None:
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert dialog.state in ("running", "done")
    qtbot.waitUntil(lambda: dialog.state in ("done", "ready"), timeout=timeout)


@pytest.fixture
def opened(monkeypatch):
    """QDesktopServices.openUrl recorded instead of starting a viewer."""
    urls = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: urls.append(url) or True))
    return urls


@pytest.fixture
def no_error_boxes(monkeypatch):
    """Errors the dialogs would show in a message box, recorded."""
    shown = []
    monkeypatch.setattr(print_dialog, "show_error", lambda parent, exc: shown.append(exc))
    return shown


def test_household_file_prints_this_household(qtbot, session, tmp_path, opened, monkeypatch):
    hid = household_ids(session.store, 1)[0]
    head = session.call(hs.get_household, hid)["head_name"]
    page = HouseholdFilePage(session)
    qtbot.addWidget(page)
    page.resize(1196, 700)
    page.show()
    page.load(hid)
    assert page.print_button.isVisible() and page.print_button.text() == "打印帮扶手册…"
    chosen = tmp_path / "手册" / "这一户.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(chosen), "")))

    def fill(dialog):
        assert isinstance(dialog, PrintDialog) and dialog.choice() == "household"
        assert head in dialog.findChild(QLabel, "printWhatOnly").text()
        assert not dialog.mode_row.isVisible()          # one household: one PDF
        assert dialog.output.path().name == f"帮扶手册_{head}_{session.today().isoformat()}.pdf"
        qtbot.mouseClick(dialog.output.choose_button, Qt.MouseButton.LeftButton)
        assert dialog.output.path() == chosen
        print_and_wait(qtbot, dialog)
        assert dialog.state == "done" and dialog.printed.households == 1 and dialog.printed.files == [chosen]
        assert "已打印 1 户" in dialog.result_label.text() and str(chosen) in dialog.result_label.text()
        assert dialog.open_button.isVisible() and dialog.open_button.text() == "打开 PDF"
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)
        assert [u.toLocalFile() for u in opened] == [str(chosen)]

    _, printed = drive(page.print_handbook, fill)
    assert printed.files == [chosen] and printed.households == 1
    assert chosen.is_file() and not list(chosen.parent.glob("*.part"))
    assert head in pdf_text(chosen)


def test_roster_selection_prints_one_file_per_household(qtbot, session, tmp_path, opened):
    page = HouseholdsPage(session)
    qtbot.addWidget(page)
    page.resize(1196, 718)
    page.show()
    model, selection = page.model, page.table.selectionModel()
    for row in (0, 2, 5):
        selection.select(model.index(row, 0), QItemSelectionModel.SelectionFlag.Select
                         | QItemSelectionModel.SelectionFlag.Rows)
    wanted = [model.household_id(r) for r in (0, 2, 5)]
    assert page.selected_ids() == wanted
    page._name_print_action()
    assert page.handbook_action.text() == "选中的 3 户的帮扶手册…"
    folder = tmp_path / "每户"

    def fill(dialog):
        assert dialog.choice() == "selection" and dialog.count() == 3
        assert set(dialog.choice_buttons) == {"selection", "category", "group", "all"}
        dialog.per_household.setChecked(True)
        assert dialog.output.is_folder and dialog.output.path().suffix == ""
        dialog.output.edit.setText(str(folder))
        print_and_wait(qtbot, dialog)
        assert dialog.state == "done" and "已打印 3 户" in dialog.result_label.text()
        assert dialog.open_button.text() == "打开文件夹"
        qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)

    drive(page.print_handbooks, fill)
    files = sorted(folder.glob("*.pdf"))
    assert len(files) == 3 and not list(folder.glob("*.part"))
    heads = [session.call(hs.get_household, hid)["head_name"] for hid in wanted]
    assert all(any(h in f.name for f in files) for h in heads)
    assert [u.toLocalFile() for u in opened] == [str(folder)]


def test_roster_without_selection_offers_its_filter(qtbot, session):
    page = HouseholdsPage(session)
    qtbot.addWidget(page)
    group = page.group.itemData(1)
    page.group.setCurrentIndex(1)
    page.table.clearSelection()
    dialog = PrintDialog(session, page, household_ids=page.selected_ids(), scope="roster",
                         category=page.category.currentData(), group=page.group.currentData())
    qtbot.addWidget(dialog)
    assert "selection" not in dialog.choice_buttons
    assert dialog.choice() == "group" and dialog.group_box.currentData() == group
    assert dialog.count() == session.call(hs.count_households, None, None, group)
    assert group in dialog.output.path().name
    dialog.choice_buttons["all"].setChecked(True)
    assert dialog.count() == 40 and dialog.count_label.text() == "共 40 户"


def test_cancel_leaves_nothing_and_the_dialog_usable(qtbot, session, tmp_path, no_error_boxes):
    dialog = PrintDialog(session, None, scope="roster")
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.choice() == "all" and dialog.count() == 40
    prints = tmp_path / "prints"
    prints.mkdir()
    out = prints / "全部.pdf"
    dialog.output.edit.setText(str(out))
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    assert dialog.state == "running" and dialog.progress_row.isVisible() and not dialog.print_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.progress.value() >= 1, timeout=30_000)
    assert dialog.progress_label.text().startswith("已打印 ") and dialog.progress_label.text().endswith("/40 户")
    qtbot.mouseClick(dialog.cancel_button, Qt.MouseButton.LeftButton)
    assert dialog.state == "cancelling" and not dialog.cancel_button.isEnabled()
    qtbot.waitUntil(lambda: dialog.state == "ready", timeout=30_000)
    assert dialog.result_title.text() == "已取消" and "没有留下文件" in dialog.result_label.text()
    assert list(prints.iterdir()) == []          # no PDF, no .part
    assert not no_error_boxes
    assert dialog.print_button.isEnabled() and dialog.output.isEnabled() and not dialog.progress_row.isVisible()
    assert not dialog.open_button.isVisible()

    # Usable again: a smaller job prints.
    dialog.choice_buttons["group"].setChecked(True)
    dialog.output.edit.setText(str(out))
    print_and_wait(qtbot, dialog)
    assert dialog.state == "done" and out.is_file() and dialog.printed.households == dialog.count()

    # Closing while a job runs cancels it first; then the dialog closes.
    again = prints / "again.pdf"
    dialog.choice_buttons["all"].setChecked(True)
    dialog.output.edit.setText(str(again))
    qtbot.mouseClick(dialog.print_button, Qt.MouseButton.LeftButton)
    dialog.reject()
    assert dialog.isVisible() and dialog.state == "cancelling"
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=30_000)
    assert not again.exists() and not list(prints.glob("*.part")) and not no_error_boxes


def test_a_character_no_font_has_is_listed_as_skipped(qtbot, session, tmp_path):
    rare, other = household_ids(session.store, 2)
    session.call(hs.update_household, rare, {"head_name": "王" + RARE})
    dialog = PrintDialog(session, None, household_ids=[rare, other])
    qtbot.addWidget(dialog)
    dialog.show()
    out = tmp_path / "two.pdf"
    dialog.output.edit.setText(str(out))
    print_and_wait(qtbot, dialog)
    assert dialog.printed.households == 1 and out.is_file()
    assert dialog.skipped_label.isVisible() and dialog.skipped_label.text().startswith("未打印 1 户")
    listed = dialog.skipped_list.toPlainText()
    assert RARE in listed and "U+30000" in listed and "户主姓名" in listed
    assert "王" + RARE not in pdf_text(out)

    # Only that household: nothing printed, nothing to open.
    alone = PrintDialog(session, None, household_ids=[rare])
    qtbot.addWidget(alone)
    alone.show()
    alone.output.edit.setText(str(tmp_path / "alone.pdf"))
    print_and_wait(qtbot, alone)
    assert alone.result_title.text() == "没有打印" and not alone.open_button.isVisible()
    assert not (tmp_path / "alone.pdf").exists() and RARE in alone.skipped_list.toPlainText()


def test_a_failure_is_shown_and_the_dialog_stays_usable(qtbot, session, tmp_path, no_error_boxes):
    blocker = tmp_path / "a file"
    blocker.write_text("x")
    dialog = PrintDialog(session, None, household_ids=household_ids(session.store, 1))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.output.edit.setText(str(blocker / "out.pdf"))     # a folder that is a file
    print_and_wait(qtbot, dialog)
    assert dialog.state == "ready" and len(no_error_boxes) == 1
    assert dialog.print_button.isEnabled() and not dialog.result_card.isVisible()
    dialog.output.edit.setText(str(tmp_path / "ok.pdf"))
    print_and_wait(qtbot, dialog)
    assert dialog.state == "done" and (tmp_path / "ok.pdf").is_file()


def test_verify_box_says_current_changed_or_unknown(qtbot, session, tmp_path):
    hid = household_ids(session.store, 1)[0]
    dialog = PrintDialog(session, None, household_ids=[hid])
    qtbot.addWidget(dialog)
    dialog.show()
    out = tmp_path / "one.pdf"
    dialog.output.edit.setText(str(out))
    print_and_wait(qtbot, dialog)
    code = next(line.split()[-1] for line in pdf_text(out).splitlines() if line.startswith("核验码"))

    box = VerifyDialog(session)
    qtbot.addWidget(box)
    box.show()

    def check(text: str) -> str:
        box.code_edit.setText(text)
        qtbot.mouseClick(box.check_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: not box.checking, timeout=30_000)
        return box.verdict_label.property("state")

    assert check(code) == "current" and "与台账一致" in box.verdict_label.text()
    assert "#e3efe9" in box.verdict_label.styleSheet()          # green
    assert check(f"ZHUCUN:HANDBOOK:{hid.upper()}:{code.upper()}") == "current"   # a scanned QR code
    session.call(hs.update_household, hid, {"phone": "13800000000"})
    assert check(code) == "changed" and "请重新打印" in box.verdict_label.text()
    assert "现在的核验码" in box.verdict_label.text() and "#fbefd9" in box.verdict_label.styleSheet()  # amber
    assert check("0000-0000-0000-0000") == "unknown" and "#eceeed" in box.verdict_label.styleSheet()  # grey
    assert check("12ab") == "error" and "16" in box.verdict_label.text()


def test_prompts_page_prints_the_month_report_and_notice(qtbot, session, tmp_path, opened):
    page = PromptsPage(session)
    qtbot.addWidget(page)
    page.show()
    assert page.report_button.text() == "打印月报…" and page.notice_button.text() == "打印公示…"
    y, m = page.month.split("-")
    for kind, name in (("report", "驻村工作月报"), ("notice", "公示")):
        out = tmp_path / f"{kind}.pdf"

        def fill(dialog, kind=kind, name=name, out=out):
            assert isinstance(dialog, MonthPrintDialog) and dialog.kind == kind and dialog.month == page.month
            assert dialog.output.path().name == f"{name}_{y}年{int(m)}月.pdf"
            assert dialog.days.isVisibleTo(dialog) == (kind == "notice")
            dialog.output.edit.setText(str(out))
            print_and_wait(qtbot, dialog)
            assert dialog.state == "done" and dialog.open_button.isVisible()

        drive(lambda kind=kind: page.print_month(kind), fill)
        assert out.is_file() and pdf_text(out).strip()


def test_blank_form_from_the_household_file(qtbot, session, tmp_path):
    page = HouseholdFilePage(session)
    qtbot.addWidget(page)
    page.load(household_ids(session.store, 1)[0])
    out = tmp_path / "blank.pdf"

    def fill(dialog):
        assert isinstance(dialog, BlankFormDialog) and dialog.form_box.count() >= 1
        dialog.form_box.setCurrentIndex(next(i for i in range(dialog.form_box.count())
                                             if dialog.form_box.itemData(i)[0] == "household_info"))
        assert "农户信息采集表" in dialog.output.path().name
        dialog.copies.setValue(2)
        dialog.output.edit.setText(str(out))
        print_and_wait(qtbot, dialog)
        assert dialog.state == "done" and dialog.printed.pages >= 2

    drive(page.print_blank_form, fill)
    assert out.is_file() and "农户信息采集表" in pdf_text(out)


def test_after_saving_the_pdf_it_prints_through_the_system_and_enter_closes(qtbot, session, tmp_path, monkeypatch):
    from app.ui.printing import system_print
    hid = household_ids(session.store, 1)[0]
    dialog = PrintDialog(session, household_ids=[hid])
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.print_button.text() == "保存为PDF" and dialog.print_button.isDefault()
    assert not dialog.system_print_button.isVisible()
    out = tmp_path / "手册.pdf"
    dialog.output.edit.setText(str(out))
    print_and_wait(qtbot, dialog)
    assert dialog.state == "done" and out.is_file()
    assert dialog.close_button.isDefault() and not dialog.print_button.isDefault()
    assert dialog.system_print_button.isVisible() and dialog.open_button.isVisible()

    sent = []
    monkeypatch.setattr(system_print.sys, "platform", "linux")
    monkeypatch.setattr(system_print.shutil, "which", lambda name: "/usr/bin/lp")
    monkeypatch.setattr(system_print, "choose_printer", lambda parent: ("办公室打印机", 2))
    monkeypatch.setattr(system_print.subprocess, "run",
                        lambda cmd, **kw: sent.append(cmd) or subprocess.CompletedProcess(cmd, 0, "", ""))
    qtbot.mouseClick(dialog.system_print_button, Qt.MouseButton.LeftButton)
    assert sent == [["/usr/bin/lp", "-d", "办公室打印机", "-n", "2", "--", str(out)]]

    monkeypatch.setattr(system_print, "choose_printer", lambda parent: None)      # 取消 in the print dialog
    assert dialog.print_result() is False and len(sent) == 1


def test_without_a_print_service_the_person_is_told_to_print_from_the_viewer(monkeypatch, tmp_path):
    from app.ui.printing import system_print
    monkeypatch.setattr(system_print.sys, "platform", "linux")
    monkeypatch.setattr(system_print.shutil, "which", lambda name: None)
    with pytest.raises(system_print.PrintUnavailable, match="打开 PDF"):
        system_print.print_pdfs([tmp_path / "a.pdf"])


def test_prints_never_go_into_the_data_folder(session, monkeypatch, tmp_path):
    from PySide6.QtCore import QStandardPaths
    monkeypatch.setattr(print_dialog, "_last_folder", None)
    folder = print_dialog.default_folder(session)
    assert folder.name == "驻村" and session.data_dir not in (folder, *folder.parents)
    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(lambda kind: ""))
    folder = print_dialog.default_folder(session)
    assert folder == Path.home() / "驻村"
