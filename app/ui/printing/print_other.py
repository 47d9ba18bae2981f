"""The smaller print dialogs: the month's 驻村工作月报 and 公示, a blank paper form, and
核对打印件 (a printed handbook's 核验码 checked against the store)."""
from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QSpinBox,
                               QWidget)

from app.core.errors import ZhucunError
from app.services import forms, printing

from ..mainwindow.ops import QueryOp
from ..widgets.errors import message, show_error
from ..forms.form_widgets import ENGLISH, form_language, local_time
from ..widgets.month_view import MonthSelector, month_of
from .print_dialog import PrintJobDialog, safe_name
from ..widgets.dialog_rows import button_row, close_button, dialog_column
from ..widgets.style import card, panel_style, set_role
from ..widgets.text import comma
from ..widgets.typing import KeyboardLineEdit

# Background and text colour of the verdict: green current, amber changed, grey unknown.
VERDICT_TONES = {"current": "green", "changed": "amber", "unknown": "grey", "error": "red"}


class MonthPrintDialog(PrintJobDialog):
    """驻村工作月报 (`kind="report"`) or 公示 (`kind="notice"`) of a month."""

    def __init__(self, session, kind: str, month: str | None = None, parent: QWidget | None = None):
        self.kind = kind
        self.today = session.today()
        month = month or month_of(self.today)
        if kind == "report":
            title = QCoreApplication.translate("MonthPrintDialog", "打印驻村工作月报")
        else:
            title = QCoreApplication.translate("MonthPrintDialog", "打印公示")
        super().__init__(session, title, parent)
        options, box = card(self.tr("驻村工作月报") if kind == "report" else self.tr("公示"))
        row = QHBoxLayout()
        row.setSpacing(10)
        row.addWidget(QLabel(self.tr("月份")))
        self.month_selector = MonthSelector(month, month_of(self.today))
        self.month_selector.changed.connect(lambda _m: self._suggest())
        row.addWidget(self.month_selector)
        row.addStretch(1)
        box.addLayout(row)
        self.days = QSpinBox()
        self.days.setObjectName("noticeDays")
        self.days.setRange(5, 60)
        self.days.setValue(5)
        self.days.setSuffix(self.tr(" 天"))
        if kind == "notice":
            days_row = QHBoxLayout()
            days_row.setSpacing(10)
            days_row.addWidget(QLabel(self.tr("公示期")))
            days_row.addWidget(self.days)
            days_row.addStretch(1)
            box.addLayout(days_row)
            hint = self.tr("本月纳入监测和风险消除的农户：只列户主姓名、村民小组、户类型和决定，"
                           "不含身份证号、电话等个人信息。")
        else:
            hint = self.tr("本月工作任务完成情况、走访、驻村考勤、风险和帮扶、问题清单和时限，报乡镇。")
        hint_label = set_role(QLabel(hint), "muted")
        hint_label.setWordWrap(True)
        box.addWidget(hint_label)
        self.options.addWidget(options)
        self._suggest()

    @property
    def month(self) -> str:
        return self.month_selector.month

    def _suggest(self) -> None:
        y, m = self.month.split("-")
        what = self.tr("驻村工作月报") if self.kind == "report" else self.tr("公示")
        self.output.suggest(safe_name(self.tr("{0}_{1}年{2}月").format(what, y, int(m))) + ".pdf", False)

    def option_widgets(self) -> list[QWidget]:
        return [self.month_selector, self.days, self.output]

    def start(self) -> None:
        target = self.target_path()
        if target is None:
            return
        month, today, days, kind = self.month, self.today, self.days.value(), self.kind

        def work(store, report):
            if kind == "report":
                return printing.print_month_report(store, month, target, today=today)
            return printing.print_notice(store, month, target, today=today, days=days)

        self.start_job(work, target)

    def describe(self, result: printing.PrintResult) -> str:
        text = super().describe(result)
        if self.kind == "notice":
            text = self.tr("公示 {0} 户").format(result.households) + comma() + text
        return text


class BlankFormDialog(PrintJobDialog):
    """A blank paper form, question for question as the digital one, for days without the laptop."""

    def __init__(self, session, parent: QWidget | None = None, form_id: str | None = None):
        self.today = session.today()
        super().__init__(session, QCoreApplication.translate("BlankFormDialog", "打印空白表单"), parent)
        options, box = card(self.tr("空白表单"))
        self.form_box = QComboBox()
        self.form_box.setObjectName("blankForm")
        english = form_language() == ENGLISH
        for f in session.call(forms.list_forms):
            title = f["title_en"] if english and f.get("title_en") else f["title"]
            self.form_box.addItem(self.tr("{0}（版本 {1}）").format(title, f["version"]), (f["id"], f["version"]))
            self.form_box.setItemData(self.form_box.count() - 1, title, Qt.ItemDataRole.UserRole + 1)
        if form_id:
            index = next((i for i in range(self.form_box.count()) if self.form_box.itemData(i)[0] == form_id), -1)
            self.form_box.setCurrentIndex(max(index, 0))
        self.copies = QSpinBox()
        self.copies.setObjectName("blankCopies")
        self.copies.setRange(1, 200)
        self.copies.setValue(1)
        self.copies.setSuffix(self.tr(" 份"))
        row = QHBoxLayout()
        row.setSpacing(10)
        row.addWidget(QLabel(self.tr("表单")))
        row.addWidget(self.form_box, 1)
        row.addSpacing(10)
        row.addWidget(QLabel(self.tr("份数")))
        row.addWidget(self.copies)
        box.addLayout(row)
        hint = set_role(QLabel(self.tr("纸质表单与电脑上的表单逐题对应，填好后可照着录入。")), "muted")
        hint.setWordWrap(True)
        box.addWidget(hint)
        self.options.addWidget(options)
        self.form_box.currentIndexChanged.connect(lambda _i: self._suggest())
        self._suggest()

    def _suggest(self) -> None:
        title = self.form_box.currentData(Qt.ItemDataRole.UserRole + 1) or self.tr("空白表单")
        self.output.suggest(safe_name(self.tr("空白表单_{0}").format(title)) + ".pdf", False)

    def option_widgets(self) -> list[QWidget]:
        return [self.form_box, self.copies, self.output]

    def start(self) -> None:
        if self.form_box.currentData() is None:
            return
        target = self.target_path()
        if target is None:
            return
        (form_id, version), copies, today = self.form_box.currentData(), self.copies.value(), self.today

        def work(store, report):
            return printing.print_blank_form(store, form_id, target, version=version, copies=copies, today=today)

        self.start_job(work, target)


class VerifyDialog(QDialog):
    """核对打印件: a 核验码 typed from a printed handbook (or the text its QR code scans to)
    checked against the store now: green when the paper is current, amber when the store has
    changed since (and what changed), grey when this store never printed it."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.verdict: dict | None = None
        self.checking = False
        self.setWindowTitle(self.tr("核对打印件"))
        self.setMinimumWidth(560)
        intro = set_role(QLabel(self.tr("输入帮扶手册每页底部的核验码，或扫描二维码得到的文字，"
                                        "核对纸上的内容是否与台账一致。")), "muted")
        intro.setWordWrap(True)
        self.code_edit = KeyboardLineEdit()
        self.code_edit.setObjectName("verifyCode")
        self.code_edit.setPlaceholderText(self.tr("如 1a2b-3c4d-5e6f-7a8b"))
        self.code_edit.setClearButtonEnabled(True)
        self.code_edit.returnPressed.connect(self.check)
        self.check_button = set_role(QPushButton(self.tr("核对")), "primary")
        self.check_button.setObjectName("verifyCheck")
        self.check_button.setAutoDefault(False)
        self.check_button.clicked.connect(self.check)
        self.code_edit.textChanged.connect(lambda t: self.check_button.setEnabled(bool(t.strip())))
        self.check_button.setEnabled(False)
        row = QHBoxLayout()
        row.setSpacing(8)
        row.addWidget(QLabel(self.tr("核验码")))
        row.addWidget(self.code_edit, 1)
        row.addWidget(self.check_button)

        self.verdict_label = QLabel()
        self.verdict_label.setObjectName("verifyVerdict")
        self.verdict_label.setWordWrap(True)
        self.verdict_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.verdict_label.setMinimumHeight(self.fontMetrics().lineSpacing() * 3 + 24)
        self.verdict_label.hide()

        dialog_column(self, (intro, row, self.verdict_label), button_row([], [close_button(self)]))

    def check(self) -> None:
        """verify_print in a worker: an unknown code is looked for in every household."""
        text = self.code_edit.text().strip()
        if not text or self.checking:
            return
        self.checking = True
        self.check_button.setEnabled(False)
        today = self.session.today()
        try:
            QueryOp(self.session, lambda store: printing.verify_print(store, text, today=today), self) \
                .success(self._show).failure(self._failed).run()
        except Exception as e:  # noqa: BLE001 - e.g. the store was locked meanwhile
            self._failed(e)

    def _finished(self) -> None:
        self.checking = False
        self.check_button.setEnabled(bool(self.code_edit.text().strip()))

    def _show(self, verdict: dict) -> None:
        self._finished()
        self.verdict = verdict
        lines = [f"<b>{_html(self._headline(verdict))}</b>"]
        if verdict.get("head_name") and verdict.get("number"):
            lines.append(_html(self.tr("户主 {0}，户编号 {1}").format(verdict["head_name"], verdict["number"])))
        elif verdict.get("head_name"):
            lines.append(_html(self.tr("户主 {0}").format(verdict["head_name"])))
        if verdict.get("printed_at"):
            lines.append(_html(self.tr("打印时间 {0}").format(local_time(verdict["printed_at"]))))
        if verdict["state"] == "changed":
            lines.append(_html(self.tr("现在的核验码 {0}").format(verdict.get("current_code") or "")))
        self._paint(verdict["state"], "<br>".join(lines))

    def _headline(self, verdict: dict) -> str:
        state, head = verdict["state"], verdict.get("head_name") or ""
        if state == "current":
            return self.tr("与台账一致：{0}户的帮扶手册是最新的").format(head)
        if state == "changed":
            names = {"household": self.tr("家庭基本情况"), "members": self.tr("家庭成员"),
                     "guarantees": self.tr("三保障及饮水"), "incomes": self.tr("收入情况"),
                     "cases": self.tr("监测帮扶"), "measures": self.tr("帮扶措施"),
                     "cadres": self.tr("帮扶责任人"), "visits": self.tr("走访记录"), "forms": self.tr("签字表单")}
            parts = self.tr("、").join(names.get(k, k) for k in verdict.get("changed_parts") or []) \
                or self.tr("内容")
            return self.tr("{0}户的帮扶手册打印后台账已更新（{1}），请重新打印").format(head, parts)
        if verdict.get("household_id"):
            return self.tr("这一户已不在台账中")
        return self.tr("本台账中没有打印过这个核验码")

    def _failed(self, exc: BaseException) -> None:
        self._finished()
        self.verdict = None
        if isinstance(exc, ZhucunError):
            self._paint("error", _html(message(exc)))
        else:
            show_error(self, exc)

    def _paint(self, state: str, html: str) -> None:
        self.verdict_label.setProperty("state", state)
        self.verdict_label.setStyleSheet(panel_style("verifyVerdict", VERDICT_TONES.get(state, "grey")))
        self.verdict_label.setText(html)
        self.verdict_label.show()


def _html(text: str) -> str:
    return html.escape(str(text))


def run_dialog(make, parent: QWidget | None = None):
    """A print dialog made by `make()`, modal (the error is shown if it cannot open): what it
    printed last (PrintResult) or, for 核对打印件, the last verdict."""
    try:
        dialog = make()
    except Exception as e:  # noqa: BLE001 - shown to the person
        show_error(parent, e)
        return None
    dialog.exec()
    dialog.deleteLater()
    return getattr(dialog, "printed", None) or getattr(dialog, "verdict", None)
