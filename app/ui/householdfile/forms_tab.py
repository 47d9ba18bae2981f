"""The 表单 tab of the household file: the household's drafts and saved forms, and the actions
on them (new, open, sign, discard a draft, import a form definition, print a blank form)."""
from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QMenu, QMessageBox, QPushButton, QVBoxLayout, QWidget

from app.services import forms

from ..forms.form_filler import FormFiller
from ..forms.form_view import FormViewDialog
from ..forms.form_widgets import ENGLISH, form_language
from ..forms.sign_dialog import SignDialog
from ..widgets.errors import show_error
from ..widgets.style import CAUTION, MUTED, OK_GREEN, set_role
from .models import ColumnsModel, table_view
from .shaping import form_rows


class FormsTab:
    """Mixed into `HouseholdFilePage`: builds the 表单 tab and acts on its rows. Uses the page's
    `session`, `household_id`, `profile`, `tabs` and `_run_dialog`."""

    def _build_forms(self) -> None:
        status_names = {"draft": self.tr("草稿"), "complete": self.tr("待签名"), "signed": self.tr("已签名"),
                        "superseded": self.tr("已被更正")}
        status_colours = {"draft": MUTED, "complete": CAUTION, "signed": OK_GREEN, "superseded": MUTED}

        def note(r):
            if r["kind"] == "draft" and r.get("supersedes"):
                return self.tr("更正草稿") if r.get("supersedes_state") == "signed" else self.tr("修改草稿")
            if r["kind"] == "draft":
                return self.tr("未完成，可继续填写")
            if r.get("supersedes"):
                return self.tr("更正：{0}").format(r.get("reason") or "")
            return ""

        cols = [(self.tr("日期"), lambda r: r["date"]),
                (self.tr("表单"), lambda r: r["title"]),
                (self.tr("状态"), lambda r: status_names.get(r["status"], r["status"])),
                (self.tr("调查人"), lambda r: r["investigator"]),
                (self.tr("说明"), note)]
        colour = lambda r, c: status_colours.get(r["status"]) if c == 2 else None  # noqa: E731
        self.forms_model = ColumnsModel(cols, colour, parent=self)
        self.forms_view = table_view(self.forms_model)
        self.forms_view.doubleClicked.connect(lambda index: self.open_form(self.forms_model.rows[index.row()]))
        self.forms_view.selectionModel().selectionChanged.connect(lambda *_: self._sync_form_buttons())

        widget = QWidget()
        box = QVBoxLayout(widget)
        box.setContentsMargins(12, 12, 12, 12)
        box.setSpacing(8)
        bar = QHBoxLayout()
        hint = set_role(QLabel(self.tr("信息采集表等表单及调查人、户主签名；双击一行打开")), "muted")
        hint.setWordWrap(True)           # wraps rather than widening the window (English is long)
        box.addWidget(hint)              # a line of its own: beside five buttons it would not fit 150 %
        bar.addStretch(1)
        self.discard_draft_button = QPushButton(self.tr("删除草稿"))
        self.discard_draft_button.clicked.connect(lambda: self.discard_form_draft(self._selected_form()))
        self.sign_form_button = QPushButton(self.tr("签名"))
        self.sign_form_button.clicked.connect(lambda: self.sign_form(self._selected_form()))
        self.open_form_button = QPushButton(self.tr("打开"))
        self.open_form_button.clicked.connect(lambda: self.open_form(self._selected_form()))
        self.new_form_button = set_role(QPushButton(self.tr("新建表单")), "primary")
        self.new_form_menu = QMenu(self)
        self.new_form_menu.aboutToShow.connect(self._fill_new_form_menu)
        self.new_form_button.setMenu(self.new_form_menu)
        self.blank_form_button = QPushButton(self.tr("打印空白表单…"))
        self.blank_form_button.setToolTip(self.tr("打印纸质表单，带到没有电脑的入户调查中填写"))
        self.blank_form_button.clicked.connect(self.print_blank_form)
        for b in (self.blank_form_button, self.discard_draft_button, self.sign_form_button, self.open_form_button,
                  self.new_form_button):
            bar.addWidget(b)
        box.addLayout(bar)
        empty = set_role(QLabel(self.tr("尚无表单")), "muted")
        empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        empty.setStyleSheet("font-size: 16px; padding: 40px;")
        box.addWidget(self.forms_view, 1)
        box.addWidget(empty)
        box.addStretch(0)
        self.forms_empty = empty
        self.forms_tab = widget
        self.tabs.addTab(widget, self.tr("表单"))
        self._sync_form_buttons()
        self.session.changed.connect(self._forms_changed)

    def _forms_changed(self, what: str) -> None:
        if what == "forms" and self.household_id and self.profile is not None and self.session.is_open:
            self._fill_forms()

    def _fill_forms(self) -> None:
        chosen = self._selected_form()
        rows = self.session.read(form_rows, self.household_id, form_language())
        self.forms_model.set_rows(rows)
        again = next((i for i, r in enumerate(rows) if chosen and r["id"] == chosen["id"]), None)
        if again is not None:
            self.forms_view.selectRow(again)   # the row worked on stays chosen after a reload
        self.forms_view.setVisible(bool(rows))
        self.forms_empty.setVisible(not rows)
        self.tabs.setTabText(self.tabs.indexOf(self.forms_tab),
                             self.tr("表单 ({0})").format(len(rows)) if rows else self.tr("表单"))
        self._sync_form_buttons()

    def _selected_form(self) -> dict | None:
        rows = self.forms_view.selectionModel().selectedRows()
        return self.forms_model.rows[rows[0].row()] if rows else None

    def _sync_form_buttons(self) -> None:
        row = self._selected_form()
        self.open_form_button.setEnabled(row is not None)
        self.sign_form_button.setEnabled(row is not None and row["status"] == "complete")
        self.discard_draft_button.setEnabled(row is not None and row["kind"] == "draft")

    def _fill_new_form_menu(self) -> None:
        self.new_form_menu.clear()
        english = form_language() == ENGLISH
        for f in self.session.call(forms.list_forms):
            action = self.new_form_menu.addAction(f["title_en"] if english and f.get("title_en") else f["title"])
            action.triggered.connect(lambda _=False, form_id=f["id"]: self.new_form(form_id))
        self.new_form_menu.addSeparator()
        self.new_form_menu.addAction(self.tr("导入表单（XLSForm 工作簿）…"), self.import_form)

    def import_form(self, path: str | None = None) -> dict | None:
        """A county's form from an XLSForm workbook (.xlsx) or a YAML/JSON definition; a mistake
        in it is shown with the row, column and position to fix."""
        if path is None:
            path, _ = QFileDialog.getOpenFileName(self, self.tr("导入表单"), "",
                                                  self.tr("表单定义 (*.xlsx *.yaml *.yml *.json)"))
            if not path:
                return None
        try:
            result = self.session.call(forms.import_form, path)
        except Exception as e:  # noqa: BLE001 - shown to the person, nothing was stored
            show_error(self, e)
            return None
        self.session.notify("forms")
        if result["imported"]:
            text = self.tr("已导入“{0}”（版本 {1}，{2} 题），可在“新建表单”中选用。").format(
                result["title"], result["version"], result["questions"])
        else:
            text = self.tr("“{0}”版本 {1} 已经导入过，未作改动。").format(result["title"], result["version"])
        QMessageBox.information(self, self.tr("导入表单"), text)
        return result

    def new_form(self, form_id: str) -> bool:
        """A new form for this household, or its draft of that form resumed."""
        if not self.household_id:
            return False
        return self._run_form_dialog(partial(FormFiller, self.session, form_id, self.household_id, self))

    def open_form(self, row: dict | None) -> bool:
        """A draft resumes; a complete form opens to change or sign; a signed one opens to read."""
        if row is None:
            return False
        if row["kind"] == "draft" and row.get("supersedes"):
            make = partial(FormFiller, self.session, parent=self, instance_id=row["supersedes"],
                           amend=row.get("supersedes_state") == "signed")
        elif row["kind"] == "draft":
            make = partial(FormFiller, self.session, row["form_id"], self.household_id, self)
        elif row["status"] == "complete":
            make = partial(FormFiller, self.session, parent=self, instance_id=row["id"])
        else:
            make = partial(FormViewDialog, self.session, row["id"], self)
        return self._run_form_dialog(make)

    def sign_form(self, row: dict | None) -> bool:
        if row is None or row["status"] != "complete":
            return False
        return self._run_form_dialog(partial(SignDialog, self.session, row["id"], self))

    def discard_form_draft(self, row: dict | None) -> bool:
        if row is None or row["kind"] != "draft":
            return False
        answer = QMessageBox.question(self, self.tr("删除草稿"),
                                      self.tr("删除“{0}”的草稿？已填写的内容将不再保留。").format(row["title"]),
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                                      QMessageBox.StandardButton.No)
        if answer != QMessageBox.StandardButton.Yes:
            return False
        self.session.call(forms.discard_draft, row["id"])
        self.session.notify("forms")
        return True

    def _run_form_dialog(self, make) -> bool:
        try:
            dialog = make()
        except Exception as e:  # noqa: BLE001 - a form that cannot open says why
            show_error(self, e)
            return False
        accepted = self._run_dialog(dialog)
        if self.session.is_open and self.profile is not None:
            self._fill_forms()   # a draft may have been saved even when the dialog was closed
        return accepted

    def print_blank_form(self):
        """A blank paper form; the selected row's form is proposed."""
        from ..printing.print_other import BlankFormDialog, run_dialog
        row = self._selected_form()
        return run_dialog(lambda: BlankFormDialog(self.session, self, row["form_id"] if row else None), self)
