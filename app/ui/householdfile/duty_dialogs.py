"""Dialogs for the duties a cadre records (app/core/duties.py): a household's micro-credit loan,
its medical costs, a member's months of work, a change of pairing cadre with its reason, its
screening in a campaign; the team's screening campaign and its yearly plan and items.

Each is a form above the shared 保存/取消 row (visit_dialog.save_row), so on a small screen the
form scrolls and the buttons stay in reach (widgets/fit.py); a refusal outlines the field it
names. After a save `record` is what the service returned."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFormLayout, QLineEdit, QPlainTextEdit, QSpinBox,
                               QVBoxLayout, QWidget)

from app.core.enums import RiskType
from app.services import credit, households, livelihood, pairing, plan, screening

from ..households.visit_dialog import CheckList, date_edit, edit_date, save_record, save_row
from ..widgets.enum_labels import choices


class DutyDialog(QDialog):
    """A form (`self.form`) of labelled fields above the save row; `labels` names each field for
    the refusal that names it; subclasses add rows with `row` and implement `submit`."""

    def __init__(self, session, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.record: dict | None = None
        self.labels: dict[str, str] = {}
        self.fields: dict[str, QWidget] = {}
        self.setWindowTitle(title)
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(self.form)
        self._layout = layout

    def finish(self) -> None:
        """Add the save row under the form (call at the end of a subclass's __init__)."""
        self._layout.addStretch(1)
        self._layout.addLayout(save_row(self))

    def row(self, field: str, label: str, widget: QWidget) -> QWidget:
        self.labels[field] = label
        self.fields[field] = widget
        self.form.addRow(label, widget)
        return widget

    def text(self, field: str) -> str:
        w = self.fields[field]
        if isinstance(w, QPlainTextEdit):
            return w.toPlainText().strip()
        if isinstance(w, QComboBox):
            return w.currentText().strip() if w.isEditable() else (w.currentData() or "")
        return w.text().strip()

    def submit(self):  # pragma: no cover - every subclass has its own
        raise NotImplementedError

    def save(self) -> None:
        if save_record(self, self.fields, self.submit):
            self.accept()


def _members(session, household_id: str) -> list[dict]:
    read = getattr(session, "read", session.call)
    return read(households.members, household_id)


def _member_combo(session, household_id: str, blank: str | None = None) -> QComboBox:
    combo = QComboBox()
    if blank is not None:
        combo.addItem(blank, "")
    for m in _members(session, household_id):
        combo.addItem(m["name"], m["id"])
    return combo


def _year_spin(year: int) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(2000, year)
    spin.setValue(year)
    return spin


def _note(height: int = 60) -> QPlainTextEdit:
    edit = QPlainTextEdit()
    edit.setTabChangesFocus(True)
    edit.setFixedHeight(height)
    return edit


class LoanDialog(DutyDialog):
    """A micro-credit loan (小额信贷): amount in yuan, start, term in months, purpose, borrower."""

    def __init__(self, session, household_id: str, parent: QWidget | None = None):
        super().__init__(session, self.tr("登记小额信贷"), parent)
        self.household_id = household_id
        self.row("amount", self.tr("金额（元）"), QLineEdit()).setPlaceholderText("50000")
        self.row("start", self.tr("放贷日期"), date_edit(session.today()))
        term = self.row("term", self.tr("期限（月）"), QSpinBox())
        term.setRange(1, 120)
        term.setValue(36)
        self.row("purpose", self.tr("用途"), QLineEdit())
        self.row("borrower", self.tr("借款人"), _member_combo(session, household_id, self.tr("（户主）")))
        self.row("note", self.tr("备注"), _note())
        self.finish()

    def submit(self):
        f = self.fields
        return self.session.call(credit.add_loan, self.household_id, self.text("amount"), edit_date(f["start"]),
                                 f["term"].value(), self.text("purpose"), f["borrower"].currentText()
                                 if f["borrower"].currentData() else None, self.text("note") or None,
                                 self.session.today())


class LoanRepaidDialog(DutyDialog):
    """A loan repaid (还清), or renewed or extended (续贷/展期) to a new end with the reason."""

    def __init__(self, session, loan: dict, parent: QWidget | None = None):
        super().__init__(session, self.tr("小额信贷：还清或展期"), parent)
        self.loan = loan
        action = self.row("action", self.tr("办理"), QComboBox())
        action.addItem(self.tr("已还清"), "repay")
        action.addItem(self.tr("续贷/展期"), "extend")
        action.addItem(self.tr("银行通报逾期"), "overdue")
        self.row("date", self.tr("日期"), date_edit(session.today()))
        self.row("until", self.tr("展期至"), date_edit(session.today()))
        self.row("reason", self.tr("展期原因"), QLineEdit())
        self.finish()

    def submit(self):
        f, loan_id = self.fields, self.loan["id"]
        action = f["action"].currentData()
        if action == "extend":
            return self.session.call(credit.extend_loan, loan_id, edit_date(f["until"]), self.text("reason"))
        if action == "overdue":
            return self.session.call(credit.mark_overdue, loan_id)
        return self.session.call(credit.repay_loan, loan_id, edit_date(f["date"]), self.session.today())


class MedicalDialog(DutyDialog):
    """A year's out-of-pocket medical costs after the three insurances (大额医疗支出)."""

    def __init__(self, session, household_id: str, parent: QWidget | None = None):
        super().__init__(session, self.tr("登记自付医疗费用"), parent)
        self.household_id = household_id
        self.row("year", self.tr("年度"), _year_spin(session.today().year))
        self.row("amount", self.tr("自付金额（元）"), QLineEdit()).setToolTip(
            self.tr("基本医保、大病保险、医疗救助报销后个人负担的部分"))
        self.row("member", self.tr("成员"), _member_combo(session, household_id, self.tr("（全户）")))
        self.row("note", self.tr("备注"), _note())
        self.finish()

    def submit(self):
        f = self.fields
        return self.session.call(livelihood.add_medical_cost, self.household_id, f["year"].value(),
                                 self.text("amount"), f["member"].currentData() or None, self.text("note") or None,
                                 self.session.today())


class WorkDialog(DutyDialog):
    """A member's months of work outside the county in a year (务工稳定性: six or more is stable)."""

    def __init__(self, session, household_id: str, parent: QWidget | None = None):
        super().__init__(session, self.tr("登记务工月数"), parent)
        self.row("member", self.tr("成员"), _member_combo(session, household_id))
        self.row("year", self.tr("年度"), _year_spin(session.today().year))
        months = self.row("months", self.tr("县外务工月数"), QSpinBox())
        months.setRange(0, 12)
        self.row("place", self.tr("务工地点"), QLineEdit())
        self.row("note", self.tr("备注"), _note())
        self.finish()

    def submit(self):
        f = self.fields
        return self.session.call(livelihood.set_work_months, f["member"].currentData(), f["year"].value(),
                                 f["months"].value(), self.text("place") or None, self.text("note") or None,
                                 self.session.today())


class PairingDialog(DutyDialog):
    """Pair the household with a cadre from a date; replacing the current one needs the reason
    (帮扶责任人不得随意更换)."""

    def __init__(self, session, household_id: str, parent: QWidget | None = None):
        super().__init__(session, self.tr("更换帮扶责任人"), parent)
        self.household_id = household_id
        read = getattr(session, "read", session.call)
        now = read(pairing.current, household_id)
        cadre = self.row("cadre", self.tr("帮扶责任人"), QComboBox())
        cadre.setEditable(True)
        cadre.addItems([""] + read(households.field_values, "pairing_cadre"))
        self.row("start", self.tr("开始日期"), date_edit(session.today()))
        reason = self.row("reason", self.tr("更换原因"), QLineEdit())
        reason.setPlaceholderText(self.tr("现任 {0}，更换须写明原因").format(now["cadre"]) if now else "")
        self.row("phone", self.tr("联系电话"), QLineEdit())
        self.finish()

    def submit(self):
        f = self.fields
        return self.session.call(pairing.assign, self.household_id, self.text("cadre"), edit_date(f["start"]),
                                 self.text("reason") or None, self.text("phone") or None, self.session.today())


def risk_list() -> CheckList:
    return CheckList(choices(RiskType))


class ScreeningDialog(DutyDialog):
    """A household's screening record in a campaign: who, when, what was found; found at risk,
    it becomes a clue (排查发现)."""

    def __init__(self, session, household_id: str, parent: QWidget | None = None):
        super().__init__(session, self.tr("记录全覆盖排查"), parent)
        self.household_id = household_id
        read = getattr(session, "read", session.call)
        campaign = self.row("campaign", self.tr("排查"), QComboBox())
        for c in read(screening.campaigns):
            campaign.addItem(self.tr("{0}（{1}–{2}）").format(c["title"], c["start_date"], c["end_date"]), c["id"])
        self.row("date", self.tr("排查日期"), date_edit(session.today()))
        user = getattr(session, "user", None) or {}
        self.row("screener", self.tr("排查人"), QLineEdit(user.get("name", "") if isinstance(user, dict) else ""))
        self.row("findings", self.tr("发现的情况"), _note(80))
        self.row("at_risk", self.tr("结论"), QCheckBox(self.tr("发现风险（转为风险线索）")))
        self.row("risks", self.tr("风险类型"), risk_list())
        self.finish()

    def submit(self):
        f = self.fields
        return self.session.call(screening.record_screening, f["campaign"].currentData(), self.household_id,
                                 edit_date(f["date"]), self.text("findings"), f["at_risk"].isChecked(),
                                 f["risks"].checked(), self.text("screener") or None, self.session.today())


class CampaignDialog(DutyDialog):
    """A full-coverage screening campaign (全覆盖排查) with its period and scope."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(session, self.tr("新建全覆盖排查"), parent)
        today = session.today()
        first = today.month <= 6
        title = self.tr("{0}年上半年全覆盖排查") if first else self.tr("{0}年下半年全覆盖排查")
        self.row("title", self.tr("名称"), QLineEdit(title.format(today.year)))
        self.row("start", self.tr("开始日期"), date_edit(today))
        self.row("end", self.tr("结束日期"), date_edit(date(today.year, 6, 30) if first else date(today.year, 12, 31)))
        groups = self.row("groups", self.tr("范围（村民小组）"), QLineEdit())
        groups.setPlaceholderText(self.tr("空白为全村；多个小组用逗号分开"))
        self.row("note", self.tr("备注"), _note())
        self.finish()

    def submit(self):
        f = self.fields
        groups = [g.strip() for g in self.text("groups").replace("，", ",").split(",") if g.strip()]
        return self.session.call(screening.add_campaign, self.text("title"), edit_date(f["start"]),
                                 edit_date(f["end"]), groups, self.text("note") or None)


class PlanDialog(DutyDialog):
    """The team's yearly plan (年度计划): a new one, or its title and note edited."""

    def __init__(self, session, existing: dict | None = None, parent: QWidget | None = None):
        super().__init__(session, self.tr("编辑年度计划") if existing else self.tr("新建年度计划"), parent)
        self.existing = existing
        year = self.row("year", self.tr("年度"), QSpinBox())
        year.setRange(2000, 2100)
        year.setValue(existing["year"] if existing else session.today().year)
        year.setEnabled(existing is None)
        self.row("title", self.tr("名称"), QLineEdit(existing["title"] if existing else ""))
        self.fields["title"].setPlaceholderText(self.tr("空白为“某年度驻村帮扶工作计划”"))
        note = self.row("note", self.tr("备注"), _note())
        note.setPlainText((existing or {}).get("note") or "")
        self.finish()

    def submit(self):
        if self.existing:
            return self.session.call(plan.update_plan, self.existing["id"], self.text("title"), self.text("note"))
        return self.session.call(plan.add_plan, self.fields["year"].value(), self.text("title") or None,
                                 self.text("note") or None)


class PlanItemDialog(DutyDialog):
    """An item of the plan: what is to be done, the person responsible and the deadline; an
    existing one edited."""

    def __init__(self, session, plan_id: str, item: dict | None = None, parent: QWidget | None = None):
        super().__init__(session, self.tr("编辑计划事项") if item else self.tr("添加计划事项"), parent)
        self.plan_id, self.item = plan_id, item
        description = self.row("description", self.tr("事项"), _note(70))
        description.setPlainText((item or {}).get("description") or "")
        self.row("responsible", self.tr("责任人"), QLineEdit((item or {}).get("responsible") or ""))
        due = (item or {}).get("deadline")
        self.row("deadline", self.tr("完成时限"), date_edit(date.fromisoformat(due) if due else session.today()))
        self.finish()

    def submit(self):
        args = (self.text("description"), self.text("responsible") or None, edit_date(self.fields["deadline"]))
        if self.item:
            return self.session.call(plan.update_item, self.item["id"], *args)
        return self.session.call(plan.add_item, self.plan_id, *args)
