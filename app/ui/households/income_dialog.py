"""Income assessment (收入核算): the items in yuan, the net and per-capita income and the baseline
worked out as the person types, saved through incomes.add_income."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QDialog, QFormLayout, QFrame, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
                               QMessageBox, QPlainTextEdit, QVBoxLayout, QWidget)

from app.core.errors import ValidationError
from app.core.income import IncomeItems, compare_to_baseline, format_yuan, income_warnings, parse_yuan, per_capita
from app.services import config, households, incomes

from ..widgets.style import ACCENT, CAUTION, WARN, set_role
from .visit_dialog import date_edit, edit_date, grow_to_fit, mark_invalid, save_record, save_row


def _household_facts(store, household_id: str) -> dict:
    household = households.get_household(store, household_id)
    size = households.member_count(store, household_id)
    return {"household": household, "size": size, "baselines": config.baselines(store)}


class SizeCombo(QComboBox):
    """家庭人口 1–30: type the number, or pick it."""
    MOST = 30

    def __init__(self, pattern: str, parent: QWidget | None = None):
        super().__init__(parent)
        for n in range(1, self.MOST + 1):
            self.addItem(pattern.format(n), n)

    def value(self) -> int:
        return self.currentData()

    def setValue(self, n: int) -> None:  # noqa: N802 - QSpinBox's name
        self.setCurrentIndex(self.findData(n))


class IncomeDialog(QDialog):
    """`IncomeDialog(session, household_id, parent=None)`. After a save `record` is what
    add_income returned (with `comparison` and `warnings`) and session.notify("incomes") was sent."""

    def __init__(self, session, household_id: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.household_id = household_id
        self.record: dict | None = None
        facts = session.call(_household_facts, household_id)
        self.household = facts["household"]
        self.baselines = facts["baselines"]
        self.setWindowTitle(self.tr("核算收入"))

        # Groups of items as the national form has them (DOMAIN §3).
        self.groups = [
            (self.tr("工资性收入"), [("wage", self.tr("务工收入")), ("welfare_post", self.tr("公益性岗位收入"))]),
            (self.tr("生产经营性收入"), [("business", self.tr("生产经营收入"))]),
            (self.tr("财产性收入"), [("property", self.tr("财产性收入")), ("dividend", self.tr("资产收益分红"))]),
            (self.tr("转移性收入"), [("pension", self.tr("养老金")), ("family_planning", self.tr("计划生育金")),
                                   ("eco_compensation", self.tr("生态补偿金")), ("dibao", self.tr("低保金")),
                                   ("tekun", self.tr("特困供养金")), ("other_transfer", self.tr("其他转移性收入"))]),
            (self.tr("支出"), [("business_expense", self.tr("生产经营性支出"))]),
        ]
        self.items: dict[str, QLineEdit] = {}
        self.labels: dict[str, str] = {"assessed_on": self.tr("核算日期"), "household_size": self.tr("家庭人口"),
                                       "note": self.tr("备注")}

        self.date = date_edit(session.today())
        self.household_size = SizeCombo(self.tr("{0} 人"))
        self.household_size.setValue(min(max(1, facts["size"]), SizeCombo.MOST))
        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(QLabel(self.tr("核算日期")))
        top.addWidget(self.date)
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("家庭人口")))
        top.addWidget(self.household_size)
        top.addStretch(1)
        top.addWidget(set_role(QLabel(self.tr("金额单位：元，按核算日前12个月计")), "muted"))

        grid = QGridLayout()
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(8)
        col_of_group = {0: 0, 1: 0, 2: 0, 3: 2, 4: 2}
        rows = {0: 0, 2: 0}
        for index, (group, fields) in enumerate(self.groups):
            base = col_of_group[index]
            r = rows[base]
            grid.addWidget(set_role(QLabel(group), "section"), r, base, 1, 2)
            r += 1
            for key, label in fields:
                edit = QLineEdit()
                edit.setPlaceholderText("0")
                edit.setAlignment(Qt.AlignmentFlag.AlignRight)
                edit.textChanged.connect(self.update_summary)
                self.items[key] = edit
                self.labels[key] = label
                grid.addWidget(QLabel(label), r, base)
                grid.addWidget(edit, r, base + 1)
                r += 1
            rows[base] = r
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        grid.setColumnMinimumWidth(2, 120)

        self.summary = QFrame()
        set_role(self.summary, "card")
        box = QGridLayout(self.summary)
        box.setContentsMargins(14, 10, 14, 10)
        box.setHorizontalSpacing(24)
        self.net_label = QLabel()
        self.pc_label = QLabel()
        self.base_label = QLabel()
        self.verdict = QLabel()
        for i, (caption, value) in enumerate(((self.tr("家庭纯收入"), self.net_label),
                                              (self.tr("人均纯收入"), self.pc_label),
                                              (self.tr("监测收入基准线"), self.base_label))):
            box.addWidget(set_role(QLabel(caption), "muted"), 0, i)
            value.setStyleSheet("font-size: 17px; font-weight: 600;")
            box.addWidget(value, 1, i)
        box.addWidget(self.verdict, 0, 3, 2, 1, Qt.AlignmentFlag.AlignVCenter)
        box.setColumnStretch(3, 1)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setTextFormat(Qt.TextFormat.RichText)

        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(56)
        self.note.setPlaceholderText(self.tr("收入来源说明；人均纯收入低于4,000元时须填写"))
        note_row = QFormLayout()
        note_row.addRow(self.tr("备注"), self.note)

        buttons = save_row(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(set_role(QLabel(self.tr("{0} 户 · 核算收入").format(self.household["head_name"])), "title"))
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addWidget(self.summary)
        layout.addWidget(self.hint)
        layout.addLayout(note_row)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        order = [self.date, self.household_size] + list(self.items.values()) + [self.note, self.save_button, self.cancel_button]
        for a, b in zip(order, order[1:]):
            QWidget.setTabOrder(a, b)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.save)
        self.household_size.currentIndexChanged.connect(self.update_summary)
        self.date.dateChanged.connect(self.update_summary)
        self.note.textChanged.connect(self.update_summary)
        self.update_summary()
        self.resize(max(720, self.sizeHint().width()), self.sizeHint().height())
        self.items["wage"].setFocus()

    # --- live summary -----------------------------------------------------------------------------

    def fen_items(self, strict: bool) -> dict[str, int]:
        """The items in fen; empty is 0. With `strict` a bad amount raises ValidationError naming
        its item, else it counts as 0 and its field is marked."""
        out = {}
        for key, edit in self.items.items():
            text = edit.text().strip()
            try:
                out[key] = parse_yuan(text, key) if text else 0
                mark_invalid(edit, False)
            except ValidationError:
                mark_invalid(edit, True)
                if strict:
                    raise
                out[key] = 0
        return out

    def baseline(self) -> int | None:
        try:
            return self.baselines.for_year(self.household.get("province"), edit_date(self.date).year)
        except ValidationError:
            return None

    def baseline_source(self) -> str:
        try:
            return self.baselines.source_zh(self.household.get("province"), edit_date(self.date).year)
        except ValidationError:
            return ""

    def update_summary(self, *_) -> None:
        items = IncomeItems(**self.fen_items(strict=False))
        pc = per_capita(items, self.household_size.value())
        base = self.baseline()
        self.net_label.setText(format_yuan(items.net_income))
        self.pc_label.setText(format_yuan(pc))
        self.base_label.setText(format_yuan(base) if base else self.tr("未设置"))
        self.base_label.setToolTip(self.baseline_source())
        if base and not self.baselines.source(self.household.get("province"), edit_date(self.date).year):
            self.base_label.setText(format_yuan(base) + self.tr("（默认估计值，无公开出处）"))
        lines = []
        if base:
            c = compare_to_baseline(pc, base)
            if c["below"]:
                self.verdict.setText(self.tr("低于基准线 {0}").format(format_yuan(c["gap_fen"])))
                self.verdict.setStyleSheet(f"color: {WARN}; font-size: 16px; font-weight: 600;")
            else:
                self.verdict.setText(self.tr("高于基准线"))
                self.verdict.setStyleSheet(f"color: {ACCENT}; font-size: 16px; font-weight: 600;")
        else:
            self.verdict.setText("")
        if any(e.property("invalid") for e in self.items.values()):
            lines.append(f"<span style='color:{WARN}'>" + self.tr("标红的金额格式有误，应如 6900 或 6,900.50")
                         + "</span>")
        if any(e.text().strip() for e in self.items.values()):
            for w in income_warnings(pc):
                note = "" if self.note.toPlainText().strip() else self.tr("（请在备注中说明）")
                lines.append(f"<span style='color:{CAUTION}'>{w}{note}</span>")
        self.hint.setText("<br>".join(lines))
        self.hint.setVisible(bool(lines))
        if self.isVisible():
            grow_to_fit(self)

    # --- saving -----------------------------------------------------------------------------------

    def save(self) -> None:
        self.error.show_message("")
        for w in (self.date, self.household_size, self.note):
            mark_invalid(w, False)
        fields = {"assessed_on": self.date, "household_size": self.household_size, "note": self.note, **self.items}
        def save():
            items = self.fen_items(strict=True)
            return self.session.call(incomes.add_income, self.household_id, edit_date(self.date).isoformat(), items,
                                     self.household_size.value(), self.note.toPlainText().strip() or None,
                                     self.session.today())
        if not save_record(self, fields, save):
            return
        self.session.notify("incomes")
        if self.record.get("warnings"):
            self.show_warnings(self.record["warnings"])
        self.accept()

    def show_warnings(self, warnings: list[str]) -> None:
        """Saved, with something an auditor will ask about."""
        QMessageBox.information(self, self.tr("已保存，请注意"), "\n".join(warnings))
