"""导入台账: household and member ledgers exported from the national monitoring system, in four
steps — the file; its columns and what each becomes (the unknown ones chosen here); the preview
of what would be added, updated and rejected, with nothing written; then the import in one
transaction with progress and 取消, and its report.

A dialog with its own step bar and buttons rather than a QWizard: QWizard's buttons and layout
come from the platform style and Qt's own translations, and its pages cannot wait for a worker."""
from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QGuiApplication, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFileDialog, QHBoxLayout,
                               QHeaderView, QLabel, QLineEdit, QPushButton, QStackedWidget,
                               QTableWidget, QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)

from app.core.errors import ValidationError, ZhucunError
from app.ledger.headers import IGNORE, KNOWN_HEADERS, TARGETS, normalize_header
from app.ledger.report import write_report
from app.services import ledger_import

from ..mainwindow.ops import CollectionOp
from ..widgets.errors import message
from ..settings.first_run import restyle
from ..printing.print_dialog import open_path
from ..mainwindow.job_dialog import JobDialog
from ..widgets.style import ACCENT, MUTED, TINT_AMBER, WARN, card, progress_row, set_role, thin_progress
from ..widgets.columns import fit_columns
from ..widgets.table_model import list_table
from ..mainwindow.worker import Cancelled
from .import_views import (ChangeModel, RejectionModel, StatTile, can_write, column_letter,  # noqa: F401 (API)
                           remember_folder, start_folder)

UNKNOWN_BG = TINT_AMBER      # a column the program did not recognize
# Targets several columns may share: 风险类型1…5 become one list; ignored columns are dropped.
SHAREABLE = {IGNORE, "household.risk_types"}

class ImportWizard(JobDialog):
    """导入台账, steps 选择文件 → 核对列 → 预览 → 导入. Reading, planning and writing run in workers
    (`CollectionOp`), one at a time; `job` names the one running."""

    imported = Signal(dict)     # the summary, once an import is written

    FILE, COLUMNS, PREVIEW, RESULT = range(4)

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.today = session.today()
        self.path: Path | None = None
        self.ledger = None
        self.saved: dict[str, str] = {}
        self.read_mapping: dict[str, str] = {}   # what the shown ledger was read with
        self.choices: dict[str, str] = {}        # header → target the person set on 核对列
        self.plan = None
        self.plan_mapping: dict[str, str] = {}
        self.report_path: Path | None = None
        self.applied = False
        self.summary: dict | None = None
        self.job: str | None = None              # read, plan, apply
        self.state = "ready"                     # ready, running, cancelling, done
        self.task = None
        self._stop = threading.Event()
        self._close_when_stopped = False
        self.combos: list[tuple[int, object, QComboBox]] = []   # (sheet index, column, box)
        self.setObjectName("importWizard")
        self.setWindowTitle(self.tr("导入台账"))
        # Preferred size only: on a small or scaled screen (682×400 at 150 %) it shrinks to fit.
        self.resize(1000, 660)

        self.step_labels = []
        steps = QHBoxLayout()
        steps.setSpacing(10)
        for i, name in enumerate((self.tr("选择文件"), self.tr("核对列"), self.tr("预览"), self.tr("导入"))):
            if i:
                steps.addWidget(set_role(QLabel("›"), "muted"))
            label = QLabel(f"{i + 1}  {name}")
            self.step_labels.append(label)
            steps.addWidget(label)
        steps.addStretch(1)

        self.stack = QStackedWidget()
        self.stack.addWidget(self._file_page())
        self.stack.addWidget(self._columns_page())
        self.stack.addWidget(self._preview_page())
        self.stack.addWidget(self._result_page())

        # The running job, on whichever page started it.
        self.progress = thin_progress("importProgress")
        self.progress_label = QLabel()
        self.progress_label.setObjectName("importProgressLabel")
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setObjectName("importCancel")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress_row = progress_row(self.progress, self.progress_label, self.cancel_button)

        self.save_preview_button = QPushButton(self.tr("保存预览报告…"))
        self.save_preview_button.setObjectName("importSavePreview")
        self.save_preview_button.setToolTip(self.tr("把预览的结果（未导入的行及原因、将更新的字段）保存为 Excel 表格"))
        self.save_preview_button.setAutoDefault(False)
        self.save_preview_button.clicked.connect(self.save_preview)
        self.save_report_button = QPushButton(self.tr("保存报告…"))
        self.save_report_button.setObjectName("importSaveReport")
        self.save_report_button.setAutoDefault(False)
        self.save_report_button.clicked.connect(self.ask_report_path)
        self.open_report_button = QPushButton(self.tr("打开报告"))
        self.open_report_button.setObjectName("importOpenReport")
        self.open_report_button.setAutoDefault(False)
        self.open_report_button.clicked.connect(self.open_report)
        self.open_folder_button = QPushButton(self.tr("打开所在文件夹"))
        self.open_folder_button.setObjectName("importOpenFolder")
        self.open_folder_button.setAutoDefault(False)
        self.open_folder_button.clicked.connect(self.open_folder)
        self.back_button = QPushButton(self.tr("上一步"))
        self.back_button.setObjectName("importBack")
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self.back)
        self.next_button = set_role(QPushButton(self.tr("下一步")), "primary")
        self.next_button.setObjectName("importNext")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next)
        self.close_button = QPushButton(self.tr("关闭"))
        self.close_button.setObjectName("importClose")
        self.close_button.setAutoDefault(False)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for b in (self.save_preview_button, self.save_report_button, self.open_report_button,
                  self.open_folder_button):
            buttons.addWidget(b)
        buttons.addStretch(1)
        for b in (self.close_button, self.back_button, self.next_button):
            buttons.addWidget(b)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 16)
        layout.setSpacing(12)
        layout.addLayout(steps)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.progress_row)
        layout.addLayout(buttons)
        self.show_step(self.FILE)

    # -- pages ---------------------------------------------------------------------------------
    def _file_page(self) -> QWidget:
        page = QWidget()
        frame, box = card(self.tr("选择台账文件"))
        for text in (self.tr("可导入国家防返贫监测信息系统导出的户信息表或家庭成员信息表"
                             "（.xlsx、.xls 或 .ods 文件）。"),
                     self.tr("列的顺序不限，表头上方的标题行会自动跳过。户按户编号、成员按证件号码与已有档案对应，"
                             "同一份台账再次导入不会重复添加。"),
                     self.tr("预览之前不会写入任何数据；导入时要么全部写入，要么（取消或出错时）一条也不写。")):
            label = QLabel(text)
            label.setWordWrap(True)
            box.addWidget(label)
        self.path_edit = QLineEdit()
        self.path_edit.setObjectName("importPath")
        self.path_edit.setPlaceholderText(self.tr("尚未选择文件"))
        self.path_edit.textChanged.connect(self._path_changed)
        self.choose_button = QPushButton(self.tr("选择文件…"))
        self.choose_button.setObjectName("importChoose")
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose_file)
        row = QHBoxLayout()
        row.setSpacing(6)
        row.addWidget(QLabel(self.tr("文件")))
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.choose_button)
        box.addSpacing(6)
        box.addLayout(row)
        self.file_error = set_role(QLabel(), "error")
        self.file_error.setObjectName("importFileError")
        self.file_error.setWordWrap(True)
        self.file_error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.file_error.hide()
        box.addWidget(self.file_error)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(frame)
        layout.addStretch(1)
        return page

    def _columns_page(self) -> QWidget:
        page = QWidget()
        self.sheets_label = QLabel()
        self.sheets_label.setObjectName("importSheets")
        self.sheets_label.setWordWrap(True)
        self.skipped_label = set_role(QLabel(), "muted")
        self.skipped_label.setObjectName("importSkipped")
        self.skipped_label.setWordWrap(True)
        self.unknown_label = QLabel()
        self.unknown_label.setObjectName("importUnknown")
        self.unknown_label.setWordWrap(True)
        self.sheet_tabs = QTabWidget()
        self.sheet_tabs.setObjectName("importSheetTabs")
        self.columns_error = set_role(QLabel(), "error")
        self.columns_error.setObjectName("importColumnsError")
        self.columns_error.setWordWrap(True)
        self.columns_error.hide()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for w in (self.sheets_label, self.skipped_label, self.unknown_label):
            layout.addWidget(w)
        layout.addWidget(self.sheet_tabs, 1)
        layout.addWidget(self.columns_error)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        tiles = QHBoxLayout()
        tiles.setSpacing(10)
        self.new_tile = StatTile("importNew", self.tr("新增"), ACCENT)
        self.updated_tile = StatTile("importUpdated", self.tr("更新"))
        self.unchanged_tile = StatTile("importUnchanged", self.tr("无变化"), MUTED)
        self.rejected_tile = StatTile("importRejected", self.tr("未导入"), WARN)
        for t in (self.new_tile, self.updated_tile, self.unchanged_tile, self.rejected_tile):
            tiles.addWidget(t, 1)
        self.preview_note = set_role(QLabel(), "muted")
        self.preview_note.setObjectName("importPreviewNote")
        self.preview_note.setWordWrap(True)
        self.blocked_label = set_role(QLabel(), "warn")
        self.blocked_label.setObjectName("importBlocked")
        self.blocked_label.setWordWrap(True)
        self.blocked_label.hide()
        self.preview_status = QLabel()
        self.preview_status.setObjectName("importPreviewStatus")
        self.preview_status.setWordWrap(True)
        self.preview_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.preview_status.hide()

        self.rejection_model = RejectionModel(self)
        self.rejection_table = list_table(self.rejection_model, "importRejections")
        self.change_model = ChangeModel(self)
        self.change_table = list_table(self.change_model, "importChanges")
        for table in (self.rejection_table, self.change_table):
            fit_columns(table)
        self.preview_tabs = QTabWidget()
        self.preview_tabs.setObjectName("importPreviewTabs")
        self.rejection_detail = QLabel()
        self.rejection_detail.setObjectName("importRejectionDetail")
        self.rejection_detail.setWordWrap(True)
        self.rejection_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.rejection_detail.hide()
        self.rejection_table.selectionModel().currentRowChanged.connect(self._show_rejection)
        self.preview_tabs.addTab(self.rejection_table, "")
        self.preview_tabs.addTab(self.change_table, "")
        self.preview_tabs.currentChanged.connect(lambda i: self.rejection_detail.setVisible(
            i == 0 and self.rejection_table.currentIndex().isValid()))

        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        layout.addLayout(tiles)
        layout.addWidget(self.preview_note)
        layout.addWidget(self.blocked_label)
        layout.addWidget(self.preview_tabs, 1)
        layout.addWidget(self.rejection_detail)
        layout.addWidget(self.preview_status)
        return page

    def _result_page(self) -> QWidget:
        page = QWidget()
        frame, box = card()
        frame.setObjectName("importResult")
        self.result_title = set_role(QLabel(), "heading")
        self.result_title.setObjectName("importResultTitle")
        self.result_label = QLabel()
        self.result_label.setObjectName("importResultText")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.report_label = set_role(QLabel(), "muted")
        self.report_label.setObjectName("importReportText")
        self.report_label.setWordWrap(True)
        self.report_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        for w in (self.result_title, self.result_label, self.report_label):
            box.addWidget(w)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(frame)
        layout.addStretch(1)
        return page

    # -- moving between steps ------------------------------------------------------------------
    @property
    def step(self) -> int:
        return self.stack.currentIndex()

    def show_step(self, step: int) -> None:
        self.stack.setCurrentIndex(step)
        for i, label in enumerate(self.step_labels):
            colour = ACCENT if i == step else MUTED
            weight = 600 if i == step else 400
            label.setStyleSheet(f"color: {colour}; font-weight: {weight}; font-size: 14px;")
        self._update_buttons()

    def _update_buttons(self) -> None:
        busy = self.state in ("running", "cancelling")
        step = self.step
        done = self.state == "done"
        self.progress_row.setVisible(busy)
        self.path_edit.setEnabled(not busy)
        self.choose_button.setEnabled(not busy)
        self.sheet_tabs.setEnabled(not busy)
        self.save_preview_button.setVisible(step == self.PREVIEW)
        self.save_preview_button.setEnabled(not busy and self.plan is not None)
        self.save_report_button.setVisible(step == self.RESULT and done and self.applied and self.report_path is None)
        has_report = step == self.RESULT and done and self.report_path is not None
        self.open_report_button.setVisible(has_report)
        self.open_folder_button.setVisible(has_report)
        self.back_button.setVisible(step != self.FILE and not (step == self.RESULT and (done or busy)))
        self.back_button.setEnabled(not busy)
        self.close_button.setEnabled(not busy)
        self.close_button.setVisible(not (step == self.RESULT and done))
        if step == self.FILE:
            self.next_button.setText(self.tr("下一步"))
            self.next_button.setEnabled(not busy and bool(self.path_edit.text().strip()))
        elif step == self.COLUMNS:
            self.next_button.setText(self.tr("预览"))
            self.next_button.setEnabled(not busy)
        elif step == self.PREVIEW:
            self.next_button.setText(self.tr("导入"))
            self.next_button.setEnabled(not busy and self.blocked_reason() is None)
        else:
            self.next_button.setText(self.tr("完成"))
            self.next_button.setVisible(done)
        if step != self.RESULT:
            self.next_button.setVisible(True)

    def next(self) -> None:
        if self.state in ("running", "cancelling"):
            return
        if self.step == self.FILE:
            self.read_file()
        elif self.step == self.COLUMNS:
            self.preview()
        elif self.step == self.PREVIEW:
            self.start_import()
        else:
            self.accept()

    def back(self) -> None:
        if self.state in ("running", "cancelling") or self.step == self.FILE:
            return
        if self.step == self.RESULT:
            self.state = "ready"
            self.show_step(self.PREVIEW)
            return
        self.show_step(self.step - 1)

    # -- 1 选择文件 ----------------------------------------------------------------------------
    def choose_file(self) -> None:
        current = Path(self.path_edit.text().strip()).expanduser() if self.path_edit.text().strip() else None
        folder = current.parent if current is not None and current.parent.is_dir() else start_folder()
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("选择台账文件"), str(folder),
                                                self.tr("Excel 工作簿 (*.xlsx *.xls *.ods);;所有文件 (*)"))
        if chosen:
            self.path_edit.setText(chosen)

    def _path_changed(self, _text: str) -> None:
        self.file_error.hide()
        self._update_buttons()

    def _file_failed(self, text: str) -> None:
        self.file_error.setText(text)
        self.file_error.show()
        self.show_step(self.FILE)

    def read_file(self) -> None:
        """下一步 on 选择文件: read the workbook (with the remembered mapping) in a worker."""
        text = self.path_edit.text().strip()
        if not text:
            return
        path = Path(text).expanduser()
        if path != self.path:           # choices belong to one file's headers
            self.choices = {}
        self.file_error.hide()
        # Read again even for the same file: it may have been corrected since.
        self.path, self.ledger, self.plan = path, None, None

        mapping = dict(self.choices)

        def work(store, report, stopped):
            saved = ledger_import.saved_mapping(store)
            ledger = ledger_import.read(store, path, mapping, progress=lambda n: report(n, 0), cancel=stopped)
            return ledger, saved, mapping

        self._run("read", work, self.tr("正在读取台账…"))

    def _read_done(self, result) -> None:
        ledger, saved, mapping = result
        remember_folder(self.path.parent)
        if not ledger.sheets:
            skipped = self.tr("（工作表：{0}）").format("、".join(ledger.skipped)) if ledger.skipped else ""
            self._file_failed(self.tr("“{0}”中没有可导入的工作表{1}：没有找到户编号、姓名、证件号码等表头。"
                                      "请确认它是国家防返贫监测信息系统导出的户信息表或家庭成员信息表。")
                              .format(self.path.name, skipped))
            return
        self.ledger, self.saved, self.read_mapping = ledger, saved, mapping
        self.fill_columns()
        self.show_step(self.COLUMNS)

    # -- 2 核对列 ------------------------------------------------------------------------------
    def column_kind(self, column) -> str:
        """"remembered" (chosen at an earlier import), "known" (the program knows the header) or
        "unknown"."""
        key = normalize_header(column.header)
        if key in self.saved:
            return "remembered"
        return "known" if key in KNOWN_HEADERS else "unknown"

    def fill_columns(self) -> None:
        ledger = self.ledger
        self.combos = []
        while self.sheet_tabs.count():
            page = self.sheet_tabs.widget(0)
            self.sheet_tabs.removeTab(0)
            page.deleteLater()
        self.sheets_label.setText(self.tr("“{0}”中可导入的工作表：{1} 个。请核对每一列导入为档案中的哪一项。")
                                  .format(self.path.name, len(ledger.sheets)))
        self.skipped_label.setText(self.tr("跳过的工作表（没有可识别的表头）：{0}").format("、".join(ledger.skipped)))
        self.skipped_label.setVisible(bool(ledger.skipped))
        for i, sheet in enumerate(ledger.sheets):
            self.sheet_tabs.addTab(self._sheet_table(i, sheet), sheet.name)
        for i in range(len(ledger.sheets)):
            self._disable_taken(i)
        self._update_unknown_label()
        self.columns_error.hide()

    def _sheet_table(self, index: int, sheet) -> QWidget:
        page = QWidget()
        kind = self.tr("家庭成员信息表") if sheet.kind == "members" else self.tr("户信息表")
        about = set_role(QLabel(self.tr("{0}，表头在第 {1} 行，{2} 行数据").format(kind, sheet.header_row, len(sheet.rows))),
                         "muted")
        about.setObjectName("importSheetAbout")
        table = QTableWidget(len(sheet.columns), 4)
        table.setObjectName("importColumns")
        table.setHorizontalHeaderLabels([self.tr("列"), self.tr("表头"), self.tr("导入为"), self.tr("说明")])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        table.setShowGrid(False)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 16)
        header = table.horizontalHeader()
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        han = table.fontMetrics().horizontalAdvance("中")
        table.setColumnWidth(0, han * 3 + 16)
        table.setColumnWidth(1, han * 15 + 24)
        table.setColumnWidth(2, han * 15 + 40)
        amber = QBrush(QColor(UNKNOWN_BG))
        # The columns to decide on first; the letter keeps each one's place in the sheet.
        order = {"unknown": 0, "remembered": 1, "known": 2}
        columns = sorted(sheet.columns, key=lambda c: (order[self.column_kind(c)], c.index))
        for row, column in enumerate(columns):
            kind_of = self.column_kind(column)
            letter = QTableWidgetItem(column_letter(column.index))
            letter.setForeground(QBrush(QColor(MUTED)))
            name = QTableWidgetItem(column.header)
            name.setToolTip(column.header)
            table.setItem(row, 0, letter)
            table.setItem(row, 1, name)
            if kind_of == "known":
                target = QTableWidgetItem(TARGETS.get(column.target, column.target))
                if column.target == IGNORE:
                    target.setForeground(QBrush(QColor(MUTED)))
                table.setItem(row, 2, target)
                note = ""
            else:
                table.setItem(row, 2, QTableWidgetItem())
                table.setCellWidget(row, 2, self._target_box(index, column))
                note = (self.tr("上次导入时选择的对应") if kind_of == "remembered"
                        else self.tr("未能识别的表头"))
            note_item = QTableWidgetItem(note)
            note_item.setForeground(QBrush(QColor(MUTED if kind_of != "unknown" else WARN)))
            table.setItem(row, 3, note_item)
            if kind_of == "unknown":
                for c in range(4):
                    table.item(row, c).setBackground(amber)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(10, 8, 10, 10)
        layout.setSpacing(6)
        layout.addWidget(about)
        layout.addWidget(table, 1)
        return page

    def _target_box(self, sheet_index: int, column) -> QComboBox:
        box = QComboBox()
        box.setObjectName("importTarget")
        box.setProperty("header", column.header)
        box.addItem(TARGETS[IGNORE], IGNORE)
        for key, zh in TARGETS.items():
            if key != IGNORE:
                box.addItem(zh, key)
        box.setMaxVisibleItems(16)
        key = normalize_header(column.header)
        current = self.choices.get(key) or (column.target if key in self.saved else None) or IGNORE
        box.setCurrentIndex(max(box.findData(current), 0))
        box.currentIndexChanged.connect(lambda _i, b=box, k=key: self._target_chosen(b, k))
        self.combos.append((sheet_index, column, box))
        return box

    def target_of(self, sheet_index: int, column) -> str | None:
        """The target a column will have when read again with the person's choices."""
        for i, c, box in self.combos:
            if i == sheet_index and c is column:
                return box.currentData()
        return column.target

    def _target_chosen(self, box: QComboBox, key: str) -> None:
        target = box.currentData()
        self.choices[key] = target
        for _i, column, other in self.combos:       # the same header in another sheet
            if other is not box and normalize_header(column.header) == key and other.currentData() != target:
                other.blockSignals(True)
                other.setCurrentIndex(max(other.findData(target), 0))
                other.blockSignals(False)
        for i in range(len(self.ledger.sheets)):
            self._disable_taken(i)
        self._update_unknown_label()

    def _disable_taken(self, sheet_index: int) -> None:
        """A field another column of the sheet already fills cannot be chosen again: two columns
        for one field would make every row of the sheet unreadable."""
        sheet = self.ledger.sheets[sheet_index]
        for i, column, box in self.combos:
            if i != sheet_index:
                continue
            taken = {self.target_of(sheet_index, c) for c in sheet.columns if c is not column} - SHAREABLE
            model = box.model()
            if not isinstance(model, QStandardItemModel):
                continue
            for row in range(box.count()):
                item = model.item(row)
                free = box.itemData(row) not in taken
                item.setEnabled(free)
                item.setToolTip("" if free else self.tr("已有一列导入为此字段"))

    def _update_unknown_label(self) -> None:
        columns = [c for s in self.ledger.sheets for c in s.columns]
        unknown = [c for c in columns if self.column_kind(c) == "unknown"]
        open_ = [c for c in unknown if normalize_header(c.header) not in self.choices]
        remembered = len({c.header for c in columns if self.column_kind(c) == "remembered"})
        if not unknown:
            text = self.tr("所有的列都已识别。")
            if remembered:
                text += self.tr("其中 {0} 列按上次导入时的选择对应，可在下面修改。").format(remembered)
            self.unknown_label.setText(text)
            restyle(self.unknown_label, "muted")
        elif open_:
            self.unknown_label.setText(self.tr("有 {0} 列未能识别（黄色标出）：{1}。这些列默认不导入；如需导入，请在“导入为”中选择"
                                               "对应的字段。您的选择在导入后会记住。")
                                       .format(len(open_), "、".join(dict.fromkeys(c.header for c in open_))))
            restyle(self.unknown_label, "warn")
        else:
            self.unknown_label.setText(self.tr("未能识别的列都已选择对应的字段，导入后会记住这些选择。"))
            restyle(self.unknown_label, "muted")

    def preview(self) -> None:
        """预览 on 核对列: read again when the person changed a column, then plan, in one worker."""
        self.columns_error.hide()
        mapping = dict(self.choices)
        reread = mapping != self.read_mapping
        if not reread and self.plan is not None:
            self.show_step(self.PREVIEW)
            return
        path, ledger, today = self.path, self.ledger, self.today

        def work(store, report, stopped):
            current = ledger_import.read(store, path, mapping, progress=lambda n: report(n, 0),
                                         cancel=stopped) if reread else ledger
            return current, mapping, ledger_import.plan_import(store, current, today, progress=report,
                                                                cancel=stopped)

        self._run("plan", work, self.tr("正在读取并核对台账…") if reread else self.tr("正在核对台账…"))

    def _plan_done(self, result) -> None:
        ledger, mapping, plan = result
        if ledger is not self.ledger:
            self.ledger, self.read_mapping = ledger, mapping
            self.fill_columns()
        self.plan, self.plan_mapping = plan, mapping
        self.fill_preview()
        self.show_step(self.PREVIEW)

    # -- 3 预览 --------------------------------------------------------------------------------
    def fill_preview(self) -> None:
        s = self.plan.summary()
        self.new_tile.set(self.tr("{0} 户").format(s["households_new"]), self.tr("{0} 人").format(s["members_new"]))
        self.updated_tile.set(self.tr("{0} 户").format(s["households_updated"]),
                              self.tr("{0} 人").format(s["members_updated"]))
        self.unchanged_tile.set(self.tr("{0} 户").format(s["households_unchanged"]),
                                self.tr("{0} 人").format(s["members_unchanged"]))
        self.rejected_tile.set(self.tr("{0} 行").format(s["rejected"]),
                               self.tr("共读取 {0} 行").format(s["rows"]))
        note = self.tr("可导入 {0} 行。以上是预览，还没有写入任何数据。").format(s["imported"])
        if s["rejected"]:
            note += self.tr("未导入的行不会写入；保存报告后，可在报告的“待修改”表中改正这些行，再导入那张表。")
        self.preview_note.setText(note)
        reason = self.blocked_reason()
        self.blocked_label.setText(reason or "")
        self.blocked_label.setVisible(reason is not None)
        self.preview_status.hide()
        self.rejection_model.set_rows(self.plan.rejected)
        self.rejection_detail.hide()
        self.change_model.set_rows(self.plan.changes)
        self.preview_tabs.setTabText(0, self.tr("未导入的行（{0}）").format(len(self.plan.rejected)))
        self.preview_tabs.setTabText(1, self.tr("将更新的字段（{0}）").format(len(self.plan.changes)))
        self.preview_tabs.setCurrentIndex(0 if self.plan.rejected or not self.plan.changes else 1)

    def _show_rejection(self, current, _previous=None) -> None:
        """The selected row's whole reason: the table cuts long ones."""
        if not current.isValid() or current.row() >= len(self.rejection_model.rows):
            self.rejection_detail.hide()
            return
        r = self.rejection_model.rows[current.row()]
        who = " ".join(x for x in (r.number, r.name) if x)
        self.rejection_detail.setText(self.tr("{0}第 {1} 行 {2}：{3}").format(r.sheet, r.row, who, r.reason))
        self.rejection_detail.show()

    def blocked_reason(self) -> str | None:
        """Why 导入 is disabled: nothing to write."""
        if self.plan is None:
            return self.tr("尚未预览。")
        s = self.plan.summary()
        if not s["imported"]:
            return self.tr("没有可以导入的行：每一行都有误，原因见下表。")
        if not (s["households_new"] or s["households_updated"] or s["members_new"] or s["members_updated"]):
            return self.tr("没有需要写入的内容：台账中的户和成员与档案一致。")
        return None

    def save_preview(self) -> Path | None:
        """保存预览报告…: the plan as a report marked 预览（未写入）; the store is not touched."""
        if self.plan is None:
            return None
        suggested = ledger_import.default_report_path(self.path, self.session.data_dir)
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("保存预览报告"), str(suggested),
                                                self.tr("Excel 表格 (*.xlsx)"))
        if not chosen:
            return None
        path = self._xlsx(chosen)
        try:
            self._write_report(path, applied=False)
        except Exception as e:  # noqa: BLE001 - shown on the page
            self._say(self.preview_status, self.tr("无法保存“{0}”：{1}").format(path, getattr(e, "strerror", None) or e),
                      "error")
            return None
        self._say(self.preview_status, self.tr("预览报告已保存：{0}").format(path), "muted")
        return path

    @staticmethod
    def _xlsx(chosen: str) -> Path:
        path = Path(chosen)
        return path if path.suffix.lower() == ".xlsx" else path.with_name(path.name + ".xlsx")

    def _write_report(self, path: Path, applied: bool) -> Path:
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            return write_report(self.plan, path, applied=applied)
        finally:
            QGuiApplication.restoreOverrideCursor()

    @staticmethod
    def _say(label: QLabel, text: str, role: str) -> None:
        label.setText(text)
        restyle(label, role)
        label.show()

    # -- 4 导入 --------------------------------------------------------------------------------
    def start_import(self) -> None:
        """导入: the plan written in one transaction; then the mapping remembered and the report."""
        if self.plan is None or self.blocked_reason() is not None:
            return
        plan, path, mapping = self.plan, self.path, dict(self.plan_mapping)
        self.applied = False
        self.report_path = None
        self.result_title.setText(self.tr("正在导入…"))
        self.result_label.setText(self.tr("正在写入 {0} 户。取消或出错时，已写入的部分全部撤销。")
                                  .format(len(plan.households)))
        self.report_label.clear()
        self.show_step(self.RESULT)

        def work(store, report, stopped):
            ledger_import.apply_import(store, plan, progress=report, cancel=stopped)
            out = {"report": None, "report_error": None, "mapping_error": None}
            if mapping:
                try:
                    ledger_import.remember_mapping(store, mapping)
                except Exception as e:  # noqa: BLE001 - the import stands; only the choice is not kept
                    out["mapping_error"] = e
            try:
                out["report"] = write_report(plan, ledger_import.default_report_path(path, store.data_dir),
                                             applied=True)
            except Exception as e:  # noqa: BLE001 - written already: the person chooses another place
                out["report_error"] = e
            return out

        self._run("apply", work, self.tr("已写入 {0}/{1} 户").format(0, len(plan.households)))
        if self.state == "running":
            self.progress.setRange(0, max(len(plan.households), 1))
            self.progress.setValue(0)

    def _apply_done(self, out: dict, too_late: bool = False) -> None:
        self.applied = True
        self.summary = self.plan.summary()
        s = self.summary
        self.result_title.setText(self.tr("导入完成"))
        lines = [self.tr("已导入 {0} 行：新增 {1} 户、{2} 人；更新 {3} 户、{4} 人；无变化 {5} 户、{6} 人。").format(
            s["imported"], s["households_new"], s["members_new"], s["households_updated"], s["members_updated"],
            s["households_unchanged"], s["members_unchanged"])]
        if s["rejected"]:
            lines.append(self.tr("未导入 {0} 行，原因和原来的行见报告。").format(s["rejected"]))
        if too_late:
            lines.append(self.tr("按下取消时，导入已经写入完成。"))
        if out.get("mapping_error") is not None:
            lines.append(self.tr("列的对应没有记住：{0}").format(message(out["mapping_error"])))
        self.result_label.setText("\n".join(lines))
        self.report_path = out.get("report")
        if self.report_path is not None:
            self.report_label.setText(self.tr("报告：{0}").format(self.report_path))
        self.imported.emit(dict(s))
        if self.report_path is None:
            error = out.get("report_error")
            self.report_label.setText(self.tr("报告无法保存到台账所在的文件夹（{0}），请选择保存的位置。")
                                      .format(getattr(error, "strerror", None) or error))
            self._update_buttons()
            self.ask_report_path()
        self._update_buttons()
        self.next_button.setFocus()

    def ask_report_path(self) -> Path | None:
        """Where to save the import's report when its usual place cannot be written."""
        if self.plan is None:
            return None
        suggested = Path(self.session.data_dir) / ledger_import.default_report_path(
            self.path, self.session.data_dir).name
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("保存导入报告"), str(suggested),
                                                self.tr("Excel 表格 (*.xlsx)"))
        if not chosen:
            self._update_buttons()
            return None
        path = self._xlsx(chosen)
        try:
            self.report_path = self._write_report(path, applied=True)
        except Exception as e:  # noqa: BLE001 - shown; the import itself is written
            self.report_label.setText(self.tr("无法保存“{0}”：{1}").format(path, getattr(e, "strerror", None) or e))
            self._update_buttons()
            return None
        self.report_label.setText(self.tr("报告：{0}").format(self.report_path))
        self._update_buttons()
        return self.report_path

    def open_report(self) -> bool:
        return self.report_path is not None and self.report_path.exists() and open_path(self.report_path)

    def open_folder(self) -> bool:
        return self.report_path is not None and open_path(self.report_path.parent)

    # -- jobs ----------------------------------------------------------------------------------
    def _run(self, job: str, work, text: str) -> None:
        """`work(store, report, stopped)` in a worker holding the store; a cancel shows up as
        Cancelled from `report` or KeyboardInterrupt from the ledger functions."""
        self._stop = threading.Event()
        stopped = self._stop.is_set

        def body(store, report):
            try:
                return work(store, report, stopped)
            except KeyboardInterrupt:
                raise Cancelled() from None

        self.job = job
        self.state = "running"
        self.progress.setRange(0, 0)       # busy until a count arrives
        self.progress_label.setText(text)
        self.cancel_button.setEnabled(True)
        self._update_buttons()
        try:
            self.task = CollectionOp(self.session, body, self).success(self._job_done).failure(self._job_failed) \
                .progress(self._job_progress).run()
        except Exception as e:  # noqa: BLE001 - e.g. the store was locked meanwhile
            self._job_failed(e)

    def cancel(self) -> None:
        """取消: the worker stops at its next check; an import is rolled back whole."""
        if self.state != "running" or self.task is None:
            return
        self._stop.set()
        self.task.cancel()
        self.state = "cancelling"
        self.progress_label.setText(self.tr("正在取消…"))
        self.cancel_button.setEnabled(False)

    def _job_progress(self, done: int, total: int) -> None:
        if self.state != "running":
            return
        if self.job == "apply":
            self.progress.setRange(0, max(total, 1))
            self.progress.setValue(done)
            self.progress_label.setText(self.tr("已写入 {0}/{1} 户").format(done, total))
        elif total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
            self.progress_label.setText(self.tr("已核对 {0}/{1} 户").format(done, total))
        else:
            self.progress_label.setText(self.tr("已读取 {0} 行").format(done))

    def _finish_job(self) -> tuple[str | None, bool]:
        """The job that ended, and whether 取消 had been pressed."""
        job, cancelling = self.job, self.state == "cancelling"
        self.job, self.task = None, None
        self.state = "ready"
        return job, cancelling

    def _job_done(self, result) -> None:
        job, cancelling = self._finish_job()
        if cancelling and job in ("read", "plan"):
            # Planning cannot be interrupted: a result that arrives after 取消 is dropped.
            self._job_failed(Cancelled(), job)
            return
        if job == "read":
            self._read_done(result)
        elif job == "plan":
            self._plan_done(result)
        elif job == "apply":
            self.state = "done"
            self._apply_done(result, too_late=cancelling)
        self._update_buttons()
        if self._close_when_stopped:
            self.reject()

    def _job_failed(self, exc: BaseException, finished: str | None = None) -> None:
        job = finished or self._finish_job()[0]
        cancelled = isinstance(exc, Cancelled)
        if isinstance(exc, ValidationError) and str(exc).startswith(exc.field + ":"):
            text = str(exc)[len(exc.field) + 1:].strip()     # the page already says which file
        elif isinstance(exc, ZhucunError):
            text = message(exc)
        elif isinstance(exc, OSError) and job != "apply":
            text = self.tr("无法读取“{0}”：{1}").format(self.path, exc.strerror or exc)
        else:
            text = str(exc) or type(exc).__name__
        if job == "apply":
            self.applied = False
            if cancelled:
                self.result_title.setText(self.tr("已取消"))
                self.result_label.setText(self.tr("已取消，没有写入任何数据。"))
            else:
                self.result_title.setText(self.tr("导入失败"))
                self.result_label.setText(self.tr("没有写入任何数据：{0}").format(text))
            self.report_label.setText(self.tr("可以返回预览，再次导入。"))
            self.state = "stopped"
        elif job == "plan":
            if cancelled:
                self._say(self.columns_error, self.tr("已取消。"), "muted")
            else:
                self._say(self.columns_error, self.tr("无法预览：{0}").format(text), "error")
            self.show_step(self.COLUMNS)
        else:
            if cancelled:
                self._say(self.file_error, self.tr("已取消读取。"), "muted")
                self.show_step(self.FILE)
            else:
                restyle(self.file_error, "error")
                self._file_failed(text)
        self._update_buttons()
        if self._close_when_stopped:
            self.reject()

    # -- closing -------------------------------------------------------------------------------


def open_import_wizard(session, parent: QWidget | None = None, on_imported=None) -> dict | None:
    """The wizard, modal: the summary of what it imported, if anything."""
    dialog = ImportWizard(session, parent)
    if on_imported is not None:
        dialog.imported.connect(on_imported)
    dialog.exec()
    dialog.deleteLater()
    return dialog.summary
