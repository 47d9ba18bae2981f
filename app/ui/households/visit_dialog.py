"""Record a visit (走访), or correct one: keyboard first, saved in one step, nothing typed is lost
when the store refuses it."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import QCoreApplication, QDate, QSize, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QListView, QListWidget, QListWidgetItem, QPlainTextEdit, QPushButton, QVBoxLayout,
                               QWidget)

from app.core.enums import RiskType, VisitMode
from app.core.errors import StateError, ValidationError
from app.services import households, visits

from ..widgets.errors import show_error
from ..widgets.style import WARN, set_role
from ..widgets.text import colon
from ..widgets.enum_labels import choices


# --------------------------------------------------------------------------------------------
# Shared by the dialogs of the household file: dates, checklists and errors shown in place.
# --------------------------------------------------------------------------------------------

class DateEdit(QDateEdit):
    """A date field that Tab leaves at once (QDateEdit would step through year, month, day
    first); typing and the arrow keys still move between the parts."""

    def focusNextPrevChild(self, next_: bool) -> bool:  # noqa: N802 - Qt's name
        return QWidget.focusNextPrevChild(self, next_)


def date_edit(day: date) -> QDateEdit:
    edit = DateEdit(QDate(day.year, day.month, day.day))
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setCalendarPopup(True)
    edit.setMinimumWidth(130)
    return edit


def edit_date(edit: QDateEdit) -> date:
    return edit.date().toPython()


class CheckList(QListWidget):
    """Checkable items laid out in `columns` columns: one tab stop, arrows move, space ticks."""

    def __init__(self, choices: list[tuple[str, str]], checked=(), parent: QWidget | None = None, columns: int = 3):
        super().__init__(parent)
        self.columns = columns
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.set_choices(choices, checked)
        self.itemActivated.connect(self._toggle)

    def set_choices(self, choices: list[tuple[str, str]], checked=()) -> None:
        self.clear()
        for code, text in choices:
            item = QListWidgetItem(text, self)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsSelectable)
            item.setCheckState(Qt.CheckState.Checked if code in checked else Qt.CheckState.Unchecked)
        widest = max((self.fontMetrics().horizontalAdvance(t) for _, t in choices), default=60)
        cell = QSize(widest + 52, self.fontMetrics().height() + 14)
        self.setGridSize(cell)
        rows = max(1, -(-len(choices) // self.columns))
        frame = 2 * self.frameWidth()
        self.setMinimumWidth(self.columns * cell.width() + frame + 12)
        self.setViewportMargins(4, 4, 0, 0)
        self.setFixedHeight(rows * cell.height() + frame + 10)

    def _toggle(self, item: QListWidgetItem) -> None:
        item.setCheckState(Qt.CheckState.Unchecked if item.checkState() == Qt.CheckState.Checked
                           else Qt.CheckState.Checked)

    def checked(self) -> list[str]:
        return [self.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.count())
                if self.item(i).checkState() == Qt.CheckState.Checked]

    def set_checked(self, codes) -> None:
        codes = set(codes)
        for i in range(self.count()):
            item = self.item(i)
            item.setCheckState(Qt.CheckState.Checked if item.data(Qt.ItemDataRole.UserRole) in codes
                               else Qt.CheckState.Unchecked)


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    """Highlight a field the store refused (the stylesheet's `invalid` property; a local border
    for the kinds of widget the stylesheet does not cover)."""
    widget.setProperty("invalid", invalid)
    if isinstance(widget, (QPlainTextEdit, QListWidget)):
        widget.setStyleSheet(f"border: 1px solid {WARN};" if invalid else "")
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def error_text(exc: BaseException, labels: dict[str, str]) -> str:
    """The message with its field named in the person's words: "走访日期：… 晚于今天 …"."""
    from ..widgets.bilingual import in_language
    field = getattr(exc, "field", None)
    text, _details = in_language(str(exc))
    if field:
        return f"{labels.get(field, field)}{colon()}{text}"
    return text


class ErrorLine(QLabel):
    """The refusal, shown in the dialog next to the buttons (no modal box: the person fixes the
    field and saves again)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        set_role(self, "error")
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.hide()

    def show_message(self, text: str) -> None:
        self.setText(text)
        self.setVisible(bool(text))
        grow_to_fit(self.window())


def grow_to_fit(window: QWidget) -> None:
    """Make room for a message that appeared, without squeezing the fields."""
    if window.layout() is not None:
        window.layout().activate()
        window.resize(window.width(), max(window.height(), window.sizeHint().height()))


# --------------------------------------------------------------------------------------------


def save_row(dialog) -> QHBoxLayout:
    """What every record dialog ends with: its error line (`dialog.error`), 取消
    (`dialog.cancel_button`) and 保存 (`dialog.save_button`, Ctrl+Enter) wired to `dialog.save`.
    Returns the button row."""
    t = lambda text: QCoreApplication.translate("SaveRow", text)  # noqa: E731
    dialog.error = ErrorLine()
    dialog.save_button = set_role(QPushButton(t("保存")), "primary")
    dialog.save_button.setDefault(True)
    dialog.save_button.setToolTip(t("保存 (Ctrl+Enter)"))
    dialog.save_button.clicked.connect(dialog.save)
    cancel = dialog.cancel_button = QPushButton(t("取消"))
    cancel.setAutoDefault(False)
    cancel.clicked.connect(dialog.reject)
    # The platform's order (取消 left of 保存 on Windows and Linux desktops, the other way on macOS).
    box = QDialogButtonBox()
    box.addButton(dialog.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
    box.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
    buttons = QHBoxLayout()
    buttons.addWidget(set_role(QLabel(t("Ctrl+Enter 保存")), "muted"))
    buttons.addStretch(1)
    buttons.addWidget(box)
    return buttons

def save_record(dialog, fields: dict, save) -> bool:
    """Run `save()` and keep what it returns in `dialog.record`. A refusal that names a field
    outlines and focuses it and shows the rule in the dialog; nothing typed is cleared."""
    try:
        dialog.record = save()
    except ValidationError as e:
        widget = fields.get(e.field)
        if widget is not None and not isinstance(widget, QLabel):
            mark_invalid(widget, True)
            widget.setFocus()
        dialog.error.show_message(error_text(e, dialog.labels))
        return False
    except StateError as e:
        dialog.error.show_message(str(e))
        return False
    except Exception as e:  # noqa: BLE001 - a person sees every failure
        show_error(dialog, e)
        return False
    return True


def _due_kind(store, household_id: str, today: date) -> str | None:
    """What the household is due this month ("home_visit", "remote_contact", …), if anything: its
    first row of the month's due list, worked out for it alone."""
    from app.services.due import household_due
    rows = household_due(store, household_id, today.strftime("%Y-%m"), today)
    return rows[0]["kind"] if rows else None


def remote_mode(store, household_id: str) -> str:
    """How a household due 电话/微信联系 is reached: the way it was reached last time (微信 if the
    last remote contact was by 微信), else 电话."""
    for v in visits.list_visits(store, household_id):
        if v.get("mode") in ("phone", "wechat"):
            return v["mode"]
    return "phone"


class VisitDialog(QDialog):
    """`VisitDialog(session, household_id, parent, correct=visit)`: a new visit, or with `correct`
    a correction that supersedes that visit and must say why; `due_kind` is the due item it answers
    (looked up when not given), whose way of contact is the default mode. After a save `record` holds the
    saved visit and session.notify("visits") has been sent."""

    def __init__(self, session, household_id: str, parent: QWidget | None = None, correct: dict | None = None,
                 due_kind: str | None = None):
        super().__init__(parent)
        self.session = session
        self.household_id = household_id
        self.correct = correct
        self.record: dict | None = None
        household = session.call(households.get_household, household_id)
        members = session.call(households.members, household_id)
        self.setWindowTitle(self.tr("更正走访记录") if correct else self.tr("记录走访"))

        title = set_role(QLabel(self.tr("{0} 户 · 更正走访").format(household["head_name"]) if correct
                                else self.tr("{0} 户 · 记录走访").format(household["head_name"])), "title")
        self.date = date_edit(session.today())
        self.mode = QComboBox()
        for code, zh in choices(VisitMode):
            self.mode.addItem(zh, code)
        self.mode.setMinimumWidth(90)
        self.visitor = QLineEdit(session.user_name)
        self.visitor.setFocusPolicy(Qt.FocusPolicy.ClickFocus)   # usually right as it is: tab skips it
        self.visitor.setToolTip(self.tr("走访人，默认为当前用户"))
        self.met_person = QComboBox()
        self.met_person.setEditable(True)
        self.met_person.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for m in members:
            self.met_person.addItem(m["name"])
        self.met_person.setCurrentText(members[0]["name"] if members else "")
        self.findings = QPlainTextEdit()
        self.findings.setTabChangesFocus(True)
        self.findings.setPlaceholderText(self.tr("家庭生产生活、收入、三保障和饮水等情况"))
        self.findings.setMinimumHeight(96)
        self.risks = CheckList(choices(RiskType))
        self.followups = QPlainTextEdit()
        self.followups.setTabChangesFocus(True)
        self.followups.setPlaceholderText(self.tr("需要跟进的事项（可不填）"))
        self.followups.setFixedHeight(64)
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(self.tr("为什么更正，例如：日期填错"))

        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        form.setHorizontalSpacing(12)
        form.setVerticalSpacing(10)
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.date)
        row.addWidget(QLabel(self.tr("方式")))
        row.addWidget(self.mode)
        row.addWidget(QLabel(self.tr("走访人")))
        row.addWidget(self.visitor, 1)
        form.addRow(self.tr("走访日期"), row)
        form.addRow(self.tr("见到的人"), self.met_person)
        form.addRow(self.tr("走访情况"), self.findings)
        form.addRow(self.tr("发现的风险"), self.risks)
        form.addRow(self.tr("后续措施"), self.followups)
        if correct:
            form.addRow(self.tr("更正原因"), self.reason)

        buttons = save_row(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(title)
        if correct:
            note = QLabel(self.tr("原记录保留不变；更正后的记录取代它，并注明原因。"))
            set_role(note, "muted")
            layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

        self.fields = {"date": self.date, "visit_date": self.date, "mode": self.mode, "visitor": self.visitor,
                       "met_person": self.met_person, "note": self.findings, "findings": self.findings,
                       "risks_seen": self.risks, "followups": self.followups, "reason": self.reason}
        self.labels = {"date": self.tr("走访日期"), "visit_date": self.tr("走访日期"), "mode": self.tr("走访方式"),
                       "visitor": self.tr("走访人"), "met_person": self.tr("见到的人"),
                       "note": self.tr("走访情况"), "findings": self.tr("走访情况"),
                       "risks_seen": self.tr("发现的风险"), "followups": self.tr("后续措施"),
                       "reason": self.tr("更正原因")}

        order = [self.date, self.mode, self.met_person, self.findings, self.risks, self.followups]
        if correct:
            order.append(self.reason)
        order += [self.save_button, self.cancel_button]
        for a, b in zip(order, order[1:]):
            QWidget.setTabOrder(a, b)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.save)

        self.resize(max(620, self.sizeHint().width()), self.sizeHint().height())
        if correct:
            self._prefill(correct)
            self.reason.setFocus()
        else:
            # What is due says how: a household due 电话/微信联系 this month is called, not visited.
            kind = due_kind or session.call(_due_kind, household_id, session.today())
            if kind == "remote_contact":
                mode = session.call(remote_mode, household_id)
                self.mode.setCurrentIndex(max(0, self.mode.findData(mode)))
            self.findings.setFocus()     # the date is today's; what was found is what is typed

    def _prefill(self, v: dict) -> None:
        self.date.setDate(QDate.fromString(v["visit_date"], "yyyy-MM-dd"))
        self.mode.setCurrentIndex(max(0, self.mode.findData(v["mode"])))
        self.visitor.setText(v.get("visitor") or "")
        self.met_person.setCurrentText(v.get("met_person") or "")
        self.findings.setPlainText(v.get("findings") or "")
        self.risks.set_checked(v.get("risks_seen") or [])
        self.followups.setPlainText(v.get("followups") or "")

    def data(self) -> dict:
        return {"visit_date": edit_date(self.date).isoformat(), "mode": self.mode.currentData(),
                "visitor": self.visitor.text(), "met_person": self.met_person.currentText(),
                "findings": self.findings.toPlainText(), "risks_seen": self.risks.checked(),
                "followups": self.followups.toPlainText()}

    def save(self) -> None:
        for w in set(self.fields.values()):
            mark_invalid(w, False)
        self.error.show_message("")
        data = self.data()
        today = self.session.today()
        if self.correct:
            saved = save_record(self, self.fields, lambda: self.session.call(
                visits.correct_visit, self.correct["id"], data, self.reason.text(), today))
        else:
            saved = save_record(self, self.fields, lambda: self.session.call(
                visits.add_visit, self.household_id, data, today))
        if not saved:
            return
        self.session.notify("visits")
        self.accept()
