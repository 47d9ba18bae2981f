"""导出台账: one of the month's ledgers (走访台账, 监测对象台账, 工作提示完成情况, 问题清单, 驻村考勤)
as an Excel workbook for the township office; then 已导出 N 行 and 打开."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
                               QPushButton, QWidget)

from app.core.errors import ZhucunError
from app.ledger.export import KINDS, ExportResult, export_ledger

from ..mainwindow.ops import QueryOp
from ..widgets.errors import message, show_error
from ..widgets.month_view import MonthSelector, month_of
from ..mainwindow.job_dialog import JobDialog
from .print_dialog import default_folder, open_path, remember_folder, safe_name
from ..widgets.dialog_rows import action_button, button_row, close_button, dialog_column, primary_button
from ..widgets.style import card, panel_style, set_role

# The result line: green when written, red when it could not be.
_TONES = {"done": "green", "error": "red"}


class LedgerExportDialog(JobDialog):
    """The ledger kind, the month and the file; 导出 writes it in a worker (it holds the store
    briefly) and the dialog says how many rows went where, or why nothing was written."""

    def __init__(self, session, month: str | None = None, kind: str = "visits", parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.today = session.today()
        self.state = "ready"            # ready, running, done
        self.exported: ExportResult | None = None
        self.target: Path | None = None
        self.custom = False             # the person typed or chose a file name of their own
        self._close_when_stopped = False
        self.setWindowTitle(self.tr("导出台账"))
        self.setMinimumWidth(600)

        names = {"visits": self.tr("走访台账"), "cases": self.tr("监测对象台账"),
                 "prompts": self.tr("工作提示完成情况"), "problems": self.tr("问题清单"),
                 "attendance": self.tr("驻村考勤")}
        self.hints = {
            "visits": self.tr("本月每一次走访：日期、农户、走访方式、走访人、发现的情况和风险；"
                              "更正的记录和被更正的记录都列出。"),
            "cases": self.tr("本月在监测中或有进展的监测对象，按月末的状态：类别、风险类型、帮扶措施、"
                             "人均纯收入与监测线、期限提醒。"),
            "prompts": self.tr("本月工作提示的每项任务：截止日期、完成日期、完成人和月末的完成状态。"),
            "problems": self.tr("本月内未销号或新提出的问题：所属清单、农户和销号情况。"),
            "attendance": self.tr("每人本月在村天数，对照每月至少 20 天的要求。"),
        }
        options, box = card(self.tr("台账和月份"))
        self.kind_box = QComboBox()
        self.kind_box.setObjectName("ledgerKind")
        for code in KINDS:
            self.kind_box.addItem(names[code], code)
        self.kind_box.setCurrentIndex(max(self.kind_box.findData(kind), 0))
        self.month_selector = MonthSelector(month or month_of(self.today), month_of(self.today))
        row = QHBoxLayout()
        row.setSpacing(10)
        row.addWidget(QLabel(self.tr("台账")))
        row.addWidget(self.kind_box)
        row.addSpacing(16)
        row.addWidget(QLabel(self.tr("月份")))
        row.addWidget(self.month_selector)
        row.addStretch(1)
        box.addLayout(row)
        self.hint = set_role(QLabel(), "muted")
        self.hint.setObjectName("ledgerHint")
        self.hint.setWordWrap(True)
        # Two lines kept for the longest hint: a wrapped label's height is not part of the size hint.
        self.hint.setMinimumHeight(self.hint.fontMetrics().lineSpacing() * 2 + 4)
        box.addWidget(self.hint)

        output_card, output_box = card(self.tr("保存"))
        self.folder = default_folder(session)
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("ledgerPath")
        self.path_edit.setMinimumWidth(360)
        self.path_edit.textEdited.connect(self._edited)
        self.path_edit.textChanged.connect(self.path_edit.setToolTip)   # the whole path, when the box cuts it
        self.choose_button = QPushButton(self.tr("选择…"))
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose)
        path_row = QHBoxLayout()
        path_row.setSpacing(6)
        path_row.addWidget(QLabel(self.tr("保存到")))
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(self.choose_button)
        output_box.addLayout(path_row)
        excel = set_role(QLabel(self.tr("Excel 表格（.xlsx），可用 WPS 或 Excel 打开、筛选和打印。")), "muted")
        excel.setWordWrap(True)
        output_box.addWidget(excel)

        self.result_label = QLabel()
        self.result_label.setObjectName("ledgerResult")
        self.result_label.setWordWrap(True)
        self.result_label.setTextFormat(Qt.TextFormat.PlainText)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result_label.hide()

        self.open_button = action_button(self.tr("打开"), "ledgerOpen", self.open_result,
                                         tip=self.tr("用 WPS 或 Excel 打开导出的表格"), hidden=True)
        self.close_button = close_button(self)
        self.export_button = primary_button(self.tr("导出"), "ledgerExport", self.start)
        dialog_column(self, (options, output_card, self.result_label),
                      button_row([self.open_button], [self.close_button, self.export_button]))

        self.kind_box.currentIndexChanged.connect(lambda _i: self._changed())
        self.month_selector.changed.connect(lambda _m: self._changed())
        self._changed()

    # -- choices -------------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return self.kind_box.currentData()

    @property
    def month(self) -> str:
        return self.month_selector.month

    def suggested_name(self) -> str:
        """走访台账-2026-10.xlsx: the ledger's own (Chinese) title, as the township files it."""
        return safe_name(f"{KINDS[self.kind]}-{self.month}") + ".xlsx"

    def _changed(self) -> None:
        self.hint.setText(self.hints[self.kind])
        if not self.custom:
            shown = self.path_edit.text().strip()
            folder = Path(shown).expanduser().parent if shown else self.folder
            self.path_edit.setText(str(folder / self.suggested_name()))
        self.result_label.hide()
        self.open_button.hide()

    def _edited(self, _text: str) -> None:
        self.custom = True

    def path(self) -> Path | None:
        text = self.path_edit.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")

    def choose(self) -> None:
        current = self.path() or self.folder / self.suggested_name()
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("保存为"), str(current),
                                                self.tr("Excel 表格 (*.xlsx)"))
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != ".xlsx":
            path = path.with_name(path.name + ".xlsx")
        self.folder = path.parent
        # A folder picked with the proposed name keeps following the kind and month.
        self.custom = path.name != self.suggested_name()
        self.path_edit.setText(str(path))

    def target_path(self) -> Path | None:
        """The file to write, checked; None (and the person told why) when it will not do."""
        path = self.path()
        if path is None:
            QMessageBox.warning(self, self.tr("保存到"), self.tr("请填写保存的位置。"))
            self.path_edit.setFocus()
            return None
        if path.is_dir():
            QMessageBox.warning(self, self.tr("保存到"), self.tr("“{0}”是一个文件夹，请填写文件名。").format(path))
            return None
        if path.exists():
            answer = QMessageBox.question(self, self.tr("保存到"), self.tr("“{0}”已经存在，替换它吗？").format(path.name),
                                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                          QMessageBox.StandardButton.No)
            if answer != QMessageBox.StandardButton.Yes:
                return None
        return path

    # -- the export ----------------------------------------------------------------------------
    def start(self) -> None:
        """导出: export_ledger in a worker holding the store."""
        if self.state == "running":
            return
        target = self.target_path()
        if target is None:
            return
        self.target = target
        kind, month, today = self.kind, self.month, self.today
        self._set_state("running")
        self.result_label.hide()
        self.open_button.hide()
        try:
            QueryOp(self.session, lambda store: export_ledger(store, kind, month, target, today=today), self) \
                .success(self._done).failure(self._failed).run()
        except Exception as e:  # noqa: BLE001 - e.g. the store was locked meanwhile
            self._failed(e)

    def _set_state(self, state: str) -> None:
        self.state = state
        busy = state == "running"
        for w in (self.kind_box, self.month_selector, self.path_edit, self.choose_button, self.export_button,
                  self.close_button):
            w.setEnabled(not busy)
        self.export_button.setText(self.tr("正在导出…") if busy else self.tr("导出"))

    def _done(self, result: ExportResult) -> None:
        self.exported = result
        remember_folder(result.path.parent)
        self._set_state("done")
        self._paint("done", self.tr("已导出 {0} 行 → {1}").format(result.rows, result.path))
        self.open_button.show()
        self.open_button.setFocus()
        if self._close_when_stopped:
            self.reject()

    def _failed(self, exc: BaseException) -> None:
        self._set_state("ready")
        if isinstance(exc, ZhucunError):
            self._paint("error", message(exc))
        elif isinstance(exc, PermissionError):
            self._paint("error", self.tr("无法写入“{0}”：文件可能正在 Excel 或 WPS 中打开，请关闭后再导出。")
                        .format(self.target))
        elif isinstance(exc, OSError):
            self._paint("error", self.tr("无法写入“{0}”：{1}").format(self.target, exc.strerror or exc))
        else:
            show_error(self, exc)
        if self._close_when_stopped:
            self.reject()

    def _paint(self, state: str, text: str) -> None:
        self.result_label.setProperty("state", state)
        self.result_label.setStyleSheet(panel_style("ledgerResult", _TONES[state]))
        self.result_label.setText(text)
        self.result_label.show()

    def open_result(self) -> bool:
        if self.exported is None or not self.exported.path.exists():
            return False
        if not open_path(self.exported.path):
            QMessageBox.warning(self, self.tr("打开"), self.tr("无法打开“{0}”。").format(self.exported.path))
            return False
        return True

    def cancel(self) -> None:
        """An export takes a second or two and is not stopped halfway: closing waits for it."""


def open_ledger_export(session, month: str | None = None, parent: QWidget | None = None) -> ExportResult | None:
    """The dialog, modal: what it exported last, if anything."""
    try:
        dialog = LedgerExportDialog(session, month, parent=parent)
    except Exception as e:  # noqa: BLE001 - shown to the person
        show_error(parent, e)
        return None
    dialog.exec()
    dialog.deleteLater()
    return dialog.exported
