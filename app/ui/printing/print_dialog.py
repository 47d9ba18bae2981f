"""打印帮扶手册: which households (this one, the selected rows, a 户类型, a 村民小组 or all), one
PDF or one per household, where to save; then the job in a worker with progress and cancel, and
what came out: pages, time, the households not printed and why, 打开 PDF.

`PrintJobDialog` is the frame the other print dialogs (print_other.py) share: the output path,
the job, the result."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QFileDialog, QHBoxLayout,
                               QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton,
                               QRadioButton, QVBoxLayout, QWidget)

from app.core.enums import HouseholdCategory
from app.services import households, printing
from app.storage import search

from ..widgets.enum_labels import choices
from ..widgets.errors import show_error
from ..mainwindow.job_dialog import JobDialog
from ..mainwindow.ops import CollectionOp
from ..widgets.dialog_rows import action_button, button_row, close_button, dialog_column, primary_button
from ..widgets.style import card, progress_row, set_role, thin_progress
from .system_print import PrintUnavailable, print_pdfs
from ..widgets.text import comma
from ..mainwindow.worker import Cancelled

# The folder the last print went to, for the next print dialog of this run.
_last_folder: Path | None = None


def default_folder(session) -> Path:
    """Where prints go unless the person chooses: the last folder used, else Documents/驻村 (a
    folder the person sees), else 驻村 in the home folder; never the hidden data folder, where
    a PDF would lie unencrypted beside the encrypted records."""
    if _last_folder is not None and _last_folder.is_dir():
        return _last_folder
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents) / "驻村"
    return Path.home() / "驻村"


def remember_folder(folder: Path) -> None:
    global _last_folder
    _last_folder = Path(folder)


def safe_name(text: str) -> str:
    """A file name any system accepts."""
    return re.sub(r'[\\/:*?"<>|\s]+', "_", text).strip("_") or "_"


def open_path(path: Path) -> bool:
    """The PDF in the system's viewer, or the folder in the file manager."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class OutputRow(QWidget):
    """保存到 [path] [选择…]: a PDF file, or a folder for one file per household. The path
    follows the dialog's choices (`suggest`) until the person edits or chooses it."""

    def __init__(self, folder: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.folder = Path(folder)
        self.is_folder = False
        self.custom = False
        self.edit = QLineEdit()
        self.edit.setObjectName("printPath")
        self.edit.setMinimumWidth(360)
        self.edit.textEdited.connect(self._edited)
        self.edit.textChanged.connect(self.edit.setToolTip)    # the whole path, when the box cuts it
        self.choose_button = QPushButton(self.tr("选择…"))
        self.choose_button.setAutoDefault(False)
        self.choose_button.clicked.connect(self.choose)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        row.addWidget(QLabel(self.tr("保存到")))
        row.addWidget(self.edit, 1)
        row.addWidget(self.choose_button)

    def _edited(self, _text: str) -> None:
        self.custom = True

    def suggest(self, name: str, is_folder: bool | None = None) -> None:
        """The proposed file (or folder) `name` in the current folder, unless the person chose
        a name; a change between file and folder always proposes a new name."""
        if is_folder is not None and is_folder != self.is_folder:
            self.is_folder = is_folder
            self.custom = False
        if not self.custom:
            self.edit.setText(str(self.folder / name))

    def set_folder(self, folder: Path) -> None:
        """Propose the same name in another folder."""
        self.folder = Path(folder)
        if not self.custom:
            self.edit.setText(str(self.folder / Path(self.edit.text()).name))

    def path(self) -> Path | None:
        text = self.edit.text().strip()
        if not text:
            return None
        path = Path(text).expanduser()
        if not self.is_folder and path.suffix.lower() != ".pdf":
            path = path.with_name(path.name + ".pdf")
        return path

    def choose(self) -> None:
        current = self.path() or self.folder
        if self.is_folder:
            chosen = QFileDialog.getExistingDirectory(self, self.tr("选择保存的文件夹"), str(current.parent))
            if not chosen:
                return
            path = Path(chosen)
        else:
            chosen, _ = QFileDialog.getSaveFileName(self, self.tr("保存为"), str(current), self.tr("PDF 文件 (*.pdf)"))
            if not chosen:
                return
            path = Path(chosen)
        self.custom = True
        self.folder = path.parent
        self.edit.setText(str(path))


class PrintJobDialog(JobDialog):
    """A print dialog: options (subclasses fill `self.options`), the output path, then the job
    with progress and 取消, and the result with 打开 PDF. `start_job(work, cancellable)` runs
    `work(store, report)` → PrintResult in a worker."""

    def __init__(self, session, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.task = None
        self.state = "ready"        # ready, running, cancelling, done
        self.printed: printing.PrintResult | None = None
        self.target: Path | None = None
        self._close_when_stopped = False
        self._existing: set[Path] = set()
        self.setWindowTitle(title)
        self.setMinimumWidth(600)

        self.options = QVBoxLayout()
        self.options.setSpacing(10)
        self.output_card, output_box = card(self.tr("保存"))
        self.output = OutputRow(default_folder(session))
        self.output_extra = QVBoxLayout()
        self.output_extra.setSpacing(6)
        output_box.addLayout(self.output_extra)
        output_box.addWidget(self.output)

        # The job: progress while it runs, then what came out.
        self.progress = thin_progress("printProgress")
        self.progress_label = QLabel()
        self.progress_label.setObjectName("printProgressLabel")
        self.cancel_button = QPushButton(self.tr("取消"))
        self.cancel_button.setObjectName("printCancel")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.cancel)
        self.progress_row = progress_row(self.progress, self.progress_label, self.cancel_button)

        self.result_card, result_box = card()
        self.result_card.setObjectName("printResult")
        self.result_title = set_role(QLabel(), "heading")
        self.result_label = QLabel()
        self.result_label.setObjectName("printResultText")
        self.result_label.setWordWrap(True)
        self.result_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.skipped_label = set_role(QLabel(), "warn")
        self.skipped_label.setWordWrap(True)
        self.skipped_list = QPlainTextEdit()
        self.skipped_list.setObjectName("printSkipped")
        self.skipped_list.setReadOnly(True)
        self.skipped_list.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.skipped_list.setFixedHeight(self.fontMetrics().lineSpacing() * 5 + 16)
        self.skipped_hint = set_role(QLabel(self.tr("安装含有这些字的字体后，可再打印这些户。")), "muted")
        self.skipped_hint.setWordWrap(True)
        for w in (self.result_title, self.result_label, self.skipped_label, self.skipped_list, self.skipped_hint):
            result_box.addWidget(w)
        self.result_card.hide()

        self.open_button = action_button(self.tr("打开 PDF"), "printOpen", self.open_result, hidden=True)
        self.system_print_button = action_button(self.tr("打印…"), "printSystem", self.print_result, hidden=True,
                                                 tip=self.tr("用这台电脑的打印机打印刚保存的 PDF"))
        self.close_button = close_button(self)
        self.print_button = primary_button(self.tr("保存为PDF"), "printStart", self.start)
        dialog_column(self, (self.options, self.output_card, self.progress_row, self.result_card),
                      button_row([self.system_print_button, self.open_button], [self.close_button, self.print_button]))

    # -- for subclasses ------------------------------------------------------------------------
    def start(self) -> None:
        """打印: subclasses check their options and call start_job."""
        raise NotImplementedError

    def describe(self, result: printing.PrintResult) -> str:
        """The result in a line or two."""
        return self.tr("共 {0} 页，用时 {1} 秒").format(result.pages, f"{result.seconds:.1f}")

    def option_widgets(self) -> list[QWidget]:
        """What is disabled while the job runs."""
        return [self.output]

    # -- the job -------------------------------------------------------------------------------
    def target_path(self) -> Path | None:
        """The output path, checked; None (and the person told why) when it will not do."""
        path = self.output.path()
        if path is None:
            QMessageBox.warning(self, self.tr("保存到"), self.tr("请填写保存的位置。"))
            self.output.edit.setFocus()
            return None
        if self.output.is_folder:
            if path.exists() and not path.is_dir():
                QMessageBox.warning(self, self.tr("保存到"), self.tr("“{0}”是一个文件，请另选一个文件夹。").format(path))
                return None
        else:
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

    def start_job(self, work, target: Path, cancellable: bool = False) -> None:
        """`work(store, report)` → PrintResult, in a worker holding the store."""
        if self.state in ("running", "cancelling"):
            return
        self.target = target
        self._existing = set(target.glob("*.pdf")) if self.output.is_folder and target.is_dir() else set()
        self._set_state("running")
        self.progress.setRange(0, 0)      # busy until the first household is done
        self.progress_label.setText(self.tr("正在打印…"))
        self.cancel_button.setVisible(cancellable)
        self.cancel_button.setEnabled(True)
        self.result_card.hide()
        self.open_button.hide()
        self.system_print_button.hide()
        try:
            self.task = CollectionOp(self.session, work, self).success(self._done).failure(self._failed) \
                .progress(self._progress).run()
        except Exception as e:  # noqa: BLE001 - e.g. the store was locked meanwhile
            self._set_state("ready")
            show_error(self, e)

    def cancel(self) -> None:
        """取消: the job stops after the household it is printing; nothing half-made is left."""
        if self.state != "running" or self.task is None:
            return
        self.task.cancel()
        self._set_state("cancelling")
        self.progress_label.setText(self.tr("正在取消…"))
        self.cancel_button.setEnabled(False)

    def _progress(self, done: int, total: int) -> None:
        if self.state != "running":
            return
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.progress_label.setText(self.progress_text(done, total))

    def progress_text(self, done: int, total: int) -> str:
        return f"{done}/{total}"

    def _done(self, result: printing.PrintResult) -> None:
        self.task = None
        self.printed = result
        if result.files:
            remember_folder(self.target if self.output.is_folder else self.target.parent)
        self._set_state("done")
        self.show_result(result)
        if self._close_when_stopped:
            self.reject()

    def _failed(self, exc: BaseException) -> None:
        self.task = None
        self._set_state("ready")
        if isinstance(exc, Cancelled):
            self.show_cancelled()
        elif not self._close_when_stopped:
            show_error(self, exc)
        if self._close_when_stopped:
            self.reject()

    def _set_state(self, state: str) -> None:
        self.state = state
        busy = state in ("running", "cancelling")
        for w in self.option_widgets():
            w.setEnabled(not busy)
        self.print_button.setEnabled(not busy)
        self.close_button.setEnabled(not busy)
        self.progress_row.setVisible(busy)

    # -- the result ----------------------------------------------------------------------------
    def show_result(self, result: printing.PrintResult) -> None:
        self.result_title.setText(self.tr("打印完成") if result.files else self.tr("没有打印"))
        lines = [self.describe(result)]
        if result.files:
            lines.append(self.tr("保存到：{0}").format(self.target))
        self.result_label.setText("\n".join(lines))
        homes = len({u.household_id for u in result.skipped})
        self.skipped_label.setText(self.tr("未打印 {0} 户：档案中有字没有字体可以打印").format(homes))
        self.skipped_list.setPlainText("\n".join(
            self.tr("{0}户 {1}：字符「{2}」({3}) 没有字体可以打印").format(
                u.head_name, u.field_zh, u.char, f"U+{ord(u.char):04X}") for u in result.skipped))
        for w in (self.skipped_label, self.skipped_list, self.skipped_hint):
            w.setVisible(bool(result.skipped))
        self.result_card.show()
        self.open_button.setText(self.tr("打开文件夹") if self.output.is_folder else self.tr("打开 PDF"))
        self.open_button.setVisible(bool(result.files))
        self.system_print_button.setVisible(bool(result.files))
        # The job is done: Enter now closes (a second Enter must not print it all again).
        self.print_button.setDefault(False)
        self.close_button.setDefault(True)
        self.close_button.setFocus()
        self.adjustSize()

    def show_cancelled(self) -> None:
        self.result_title.setText(self.tr("已取消"))
        kept = []
        if self.output.is_folder and self.target is not None and self.target.is_dir():
            kept = sorted(set(self.target.glob("*.pdf")) - self._existing)
        if kept:
            text = self.tr("取消前已打印完的 {0} 户，每户的文件留在文件夹中：{1}").format(len(kept), self.target)
        else:
            text = self.tr("没有留下文件。")
        self.result_label.setText(text)
        for w in (self.skipped_label, self.skipped_list, self.skipped_hint):
            w.hide()
        self.result_card.show()
        self.open_button.hide()
        self.adjustSize()

    def print_result(self) -> bool:
        """打印…: the saved PDF(s) to a printer through the system's print dialog."""
        if self.printed is None or not self.printed.files:
            return False
        try:
            return print_pdfs(self.printed.files, self)
        except (PrintUnavailable, OSError, subprocess.SubprocessError) as e:
            QMessageBox.warning(self, self.tr("打印"), str(e) if isinstance(e, PrintUnavailable)
                                else self.tr("打印服务没有回应。请点“打开 PDF”，在阅读器中打印。"))
            return False

    def open_result(self) -> bool:
        if self.target is None or not self.target.exists():
            return False
        if not open_path(self.target):
            QMessageBox.warning(self, self.tr("打开"), self.tr("无法打开“{0}”。").format(self.target))
            return False
        return True


class PrintDialog(PrintJobDialog):
    """帮扶手册 for this household (`household_ids` of one), the selected rows (several), or,
    from the roster (`scope="roster"`), a 户类型, a 村民小组 or all households."""

    def __init__(self, session, parent: QWidget | None = None, household_ids: list[str] | None = None,
                 scope: str | None = None, category: str | None = None, group: str | None = None):
        self.household_ids = list(household_ids or [])
        if scope is None:
            scope = "household" if len(self.household_ids) == 1 else "selection" if self.household_ids else "roster"
        self.scope = scope
        self.today = session.today()
        super().__init__(session, QCoreApplication.translate("PrintDialog", "打印帮扶手册"), parent)
        self._read_counts()
        self._first_head = self._names(self.household_ids[:1]) if self.household_ids else ""

        self.what = QButtonGroup(self)
        self.what.setExclusive(True)
        self.choice_buttons: dict[str, QRadioButton] = {}
        self.category_box = QComboBox()
        self.category_box.setObjectName("printCategory")
        for code, zh in choices(HouseholdCategory):
            self.category_box.addItem(zh, code)
        self.group_box = QComboBox()
        self.group_box.setObjectName("printGroup")
        self.group_box.setMinimumContentsLength(10)
        for name in self.groups:
            self.group_box.addItem(name, name)
        self.count_label = set_role(QLabel(), "muted")
        self.count_label.setObjectName("printCount")

        what_card, what_box = card(self.tr("打印哪些农户"))
        rows = []
        if scope == "household" and self.household_ids:
            rows.append(("household", self.tr("这一户：{0}").format(self._one(self.household_ids[0])), None))
        elif self.household_ids:
            names = self._one(self.household_ids[0]) if len(self.household_ids) == 1 else self._names(self.household_ids)
            rows.append(("selection", self.tr("选中的 {0} 户：{1}").format(len(self.household_ids), names), None))
        if scope == "roster":
            rows += [("category", self.tr("户类型"), self.category_box), ("group", self.tr("村民小组"), self.group_box),
                     ("all", self.tr("全部农户"), None)]
        for key, text, extra in rows:
            button = QRadioButton(text)
            button.setObjectName(f"printWhat_{key}")
            self.what.addButton(button)
            self.choice_buttons[key] = button
            line = QHBoxLayout()
            line.setSpacing(10)
            line.addWidget(button)
            if extra is not None:
                line.addWidget(extra)
                extra.currentIndexChanged.connect(lambda _i, k=key: self._pick(k))
            line.addStretch(1)
            what_box.addLayout(line)
        if len(rows) == 1:     # nothing to choose: say what is printed
            only = self.choice_buttons[rows[0][0]]
            only.setChecked(True)
            only.hide()
            label = QLabel(only.text())
            label.setObjectName("printWhatOnly")
            label.setWordWrap(True)
            label.setStyleSheet("font-size: 15px;")
            what_box.addWidget(label)
        what_box.addWidget(self.count_label)
        self.options.addWidget(what_card)

        # One PDF, or one per household into a folder (not offered for one household).
        self.one_file = QRadioButton(self.tr("合成一个 PDF 文件"))
        self.one_file.setObjectName("printOneFile")
        self.per_household = QRadioButton(self.tr("每户一个 PDF 文件（存入一个文件夹）"))
        self.per_household.setObjectName("printPerHousehold")
        mode = QButtonGroup(self)
        mode.addButton(self.one_file)
        mode.addButton(self.per_household)
        self.one_file.setChecked(True)
        self.mode_row = QWidget()
        mode_layout = QHBoxLayout(self.mode_row)
        mode_layout.setContentsMargins(0, 0, 0, 0)
        mode_layout.setSpacing(16)
        mode_layout.addWidget(self.one_file)
        mode_layout.addWidget(self.per_household)
        mode_layout.addStretch(1)
        self.output_extra.addWidget(self.mode_row)
        self.mode_row.setVisible(scope != "household")
        self.one_file.toggled.connect(lambda _on: self._update())
        self.what.buttonToggled.connect(lambda _b, on: on and self._update())

        # What is chosen first: the selection, else the roster's filter, else all.
        if category and self.category_box.findData(category) >= 0:
            self.category_box.setCurrentIndex(self.category_box.findData(category))
        if group and self.group_box.findData(group) >= 0:
            self.group_box.setCurrentIndex(self.group_box.findData(group))
        first = next(iter(self.choice_buttons), None)
        if not self.household_ids and scope == "roster":
            first = "category" if category else "group" if group and self.groups else "all"
        if not self.groups and "group" in self.choice_buttons:
            self.choice_buttons["group"].setEnabled(False)
            self.group_box.setEnabled(False)
        if first:
            self.choice_buttons[first].setChecked(True)
        self._update()

    # -- reading -------------------------------------------------------------------------------
    def _read_counts(self) -> None:
        rows = self.session.read(households.counts_by_category_and_group)
        self.total = sum(r["n"] for r in rows)
        self.by_category: dict[str, int] = {}
        self.by_group: dict[str, int] = {}
        for r in rows:
            self.by_category[r["category"]] = self.by_category.get(r["category"], 0) + r["n"]
            if r["group_name"]:
                self.by_group[r["group_name"]] = self.by_group.get(r["group_name"], 0) + r["n"]
        self.groups = sorted(self.by_group, key=search.group_sort_key)

    def _names(self, ids: list[str], shown: int = 3) -> str:
        """The heads of the first `shown` households, and 等 when there are more."""
        wanted = ids[:shown]
        by_id = self.session.read(households.heads, wanted)
        self._numbers = {i: r["number"] for i, r in by_id.items()}
        text = QCoreApplication.translate("Punctuation", "、").join(by_id[i]["head_name"] for i in wanted if i in by_id)
        return text + self.tr("等") if len(ids) > shown else text

    def _one(self, household_id: str) -> str:
        """A head's name and 户编号."""
        name = self._names([household_id])
        number = self._numbers.get(household_id)
        return name + self.tr("（户编号 {0}）").format(number) if number else name

    # -- choices -------------------------------------------------------------------------------
    def choice(self) -> str | None:
        return next((k for k, b in self.choice_buttons.items() if b.isChecked()), None)

    def _pick(self, key: str) -> None:
        """Changing a combo chooses its line."""
        self.choice_buttons[key].setChecked(True)
        self._update()

    def count(self) -> int:
        key = self.choice()
        if key in ("household", "selection"):
            return len(self.household_ids)
        if key == "category":
            return self.by_category.get(self.category_box.currentData(), 0)
        if key == "group":
            return self.by_group.get(self.group_box.currentData(), 0)
        return self.total if key == "all" else 0

    def _update(self) -> None:
        n = self.count()
        self.count_label.setText(self.tr("共 {0} 户").format(n))
        self.count_label.setVisible(self.choice() not in ("household", None))
        if n <= 1:
            self.one_file.setChecked(True)
        self.per_household.setEnabled(n > 1)
        self.output.suggest(self.suggested_name(), self.per_household.isChecked())

    def suggested_name(self) -> str:
        key = self.choice()
        prefix = self.tr("帮扶手册")
        part = ""
        if key == "household":
            part = self._first_head
        elif key == "selection" and len(self.household_ids) == 1:
            part = self._first_head
        elif key == "selection":
            part = self.tr("选中{0}户").format(len(self.household_ids))
        elif key == "category":
            part = self.category_box.currentText()
        elif key == "group":
            part = self.group_box.currentText()
        stem = safe_name("_".join(p for p in (prefix, part, self.today.isoformat()) if p))
        return stem if self.per_household.isChecked() else stem + ".pdf"

    def option_widgets(self) -> list[QWidget]:
        return [*self.choice_buttons.values(), self.category_box, self.group_box, self.mode_row, self.output]

    # -- printing ------------------------------------------------------------------------------
    def start(self) -> None:
        key = self.choice()
        if key is None or self.count() == 0:
            QMessageBox.warning(self, self.tr("打印帮扶手册"), self.tr("没有符合条件的农户。"))
            return
        target = self.target_path()
        if target is None:
            return
        per_household = self.per_household.isChecked()
        selection = {"household_ids": self.household_ids} if key in ("household", "selection") else \
            {"category": self.category_box.currentData()} if key == "category" else \
            {"group": self.group_box.currentData()} if key == "group" else {"all_households": True}
        today = self.today

        def work(store, report):
            ids = printing.select_households(store, **selection)
            return printing.print_handbooks(store, ids, target, per_household=per_household, today=today,
                                            report=report)

        self.start_job(work, target, cancellable=True)

    def progress_text(self, done: int, total: int) -> str:
        return self.tr("已打印 {0}/{1} 户").format(done, total)

    def describe(self, result: printing.PrintResult) -> str:
        if not result.files:
            return self.tr("没有打印任何一户。")
        text = self.tr("已打印 {0} 户，共 {1} 页，用时 {2} 秒").format(result.households, result.pages,
                                                                  f"{result.seconds:.1f}")
        if len(result.files) > 1:
            files = self.tr("{0} 个文件").format(len(result.files))
            text += comma() + files
        return text


def open_print_dialog(session, parent: QWidget | None = None, **kwargs) -> printing.PrintResult | None:
    """The print dialog, modal (arguments as PrintDialog): what was printed last, if anything."""
    try:
        dialog = PrintDialog(session, parent, **kwargs)
    except Exception as e:  # noqa: BLE001 - shown to the person
        show_error(parent, e)
        return None
    dialog.exec()
    dialog.deleteLater()
    return dialog.printed
