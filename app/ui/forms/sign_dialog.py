"""Signing a complete form (签名).

`SignDialog` takes the investigator's and the household's handwritten signatures and locks the
form. Reading a signed one is `form_view.FormViewDialog`."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.core import signature
from app.core.errors import StateError, ValidationError
from app.core.forms.definition import FormDef
from app.services import forms, households

from ..households.visit_dialog import ErrorLine, grow_to_fit
from ..widgets.errors import message as error_message, show_error
from ..widgets.style import set_role
from ..widgets.text import colon, semicolon
from .form_widgets import CAUTION, form_language, grouped, is_empty
from .signature_pad import SignatureField

PER_CAPITA = ("per_capita", "per_capita_income")


def signer_label(form: FormDef, role: str, lang: str) -> str:
    for q in form.signatures():
        if q.role == role:
            return q.label(lang)
    return role


def _statement(form: FormDef, lang: str) -> str:
    """The note of the group that holds the signatures: what the signers confirm."""
    def holder(questions):
        for q in questions:
            if q.is_container:
                if any(c.type == "signature" for c in q.children):
                    return q
                found = holder(q.children)
                if found:
                    return found
        return None
    group = holder(form.questions)
    notes = [c for c in (group.children if group else []) if c.type == "note" and c.relevant is None]
    return " ".join(n.label(lang) for n in notes)


class SignDialog(QDialog):
    """`SignDialog(session, instance_id, parent)`: both signatures, then 签名并锁定. After it is
    accepted `record` is the signed form, and "forms" and "households" have been announced."""

    def __init__(self, session, instance_id: str, parent: QWidget | None = None, lang: str | None = None):
        super().__init__(parent)
        self.session = session
        self.lang = lang or form_language()
        self.instance_id = instance_id
        self.record: dict | None = None
        self.inst = session.call(forms.instance_view, instance_id)
        self.form = session.call(forms.get_form, self.inst["form_id"], self.inst["form_version"])
        answers = self.inst["answers"]
        head = answers.get("head_name")
        if not head and self.inst["household_id"]:
            head = session.call(households.get_household, self.inst["household_id"])["head_name"]
        self.head_name = head or ""
        self.setWindowTitle(self.tr("签名确认"))

        title = set_role(QLabel(self.tr("签名确认：{0}").format(self.form.title(self.lang))), "title")
        summary = QGridLayout()
        summary.setHorizontalSpacing(14)
        summary.setVerticalSpacing(6)
        rows = [(self.tr("农户"), self.tr("{0}户").format(self.head_name) if self.head_name else "—"),
                (self.tr("填表日期"), self.inst["filled_on"]),
                (self.tr("调查人"), self.inst["investigator"])]
        key = next((k for k in PER_CAPITA if not is_empty(answers.get(k))), None)
        if key:
            text = self.tr("{0} 元").format(grouped(answers[key]))
            if not is_empty(answers.get("baseline")):
                text += self.tr("（基准线 {0} 元）").format(grouped(answers["baseline"]))
            rows.append((self.tr("人均纯收入"), text))
        if self.inst.get("amend_reason"):
            rows.append((self.tr("更正原因"), self.inst["amend_reason"]))
        for i, (k, v) in enumerate(rows):
            r, c = divmod(i, 2)
            summary.addWidget(set_role(QLabel(k), "muted"), r, 2 * c)
            value = QLabel(str(v))
            value.setWordWrap(True)
            summary.addWidget(value, r, 2 * c + 1)
        summary.setColumnStretch(1, 1)
        summary.setColumnStretch(3, 1)

        statement = _statement(self.form, self.lang)
        self.statement = QLabel(statement)
        self.statement.setWordWrap(True)
        set_role(self.statement, "statement")
        self.statement.setVisible(bool(statement))
        lock_note = set_role(QLabel(self.tr("签名后表单即锁定，不能再修改；如需修改，须提交更正。")), "muted")

        self.fields: dict[str, SignatureField] = {}
        pads = QHBoxLayout()
        pads.setSpacing(24)
        for q in forms.required_signatures(self.form, self.inst):
            who = self.inst["investigator"] if q.role == "investigator" else self.head_name
            caption = q.label(self.lang) + (f"  ·  {who}" if who else "")
            field = SignatureField(caption, self, proxy=q.role == "household")
            field.changed.connect(self._update)
            self.fields[q.role] = field
            pads.addWidget(field, 1)

        self.missing = set_role(QLabel(), "muted")
        self.missing.setWordWrap(True)
        self.same_hand = QLabel()
        self.same_hand.setWordWrap(True)
        self.same_hand.setStyleSheet(f"color: {CAUTION}; font-weight: 600;")
        self.same_hand.hide()
        self.error = ErrorLine()
        self.later_button = QPushButton(self.tr("稍后签名"))
        self.later_button.setToolTip(self.tr("表单已保存，可以稍后在户档案的“表单”中签名"))
        self.later_button.setAutoDefault(False)
        self.later_button.clicked.connect(self.reject)
        self.sign_button = set_role(QPushButton(self.tr("签名并锁定")), "primary")
        self.sign_button.setAutoDefault(False)
        self.sign_button.clicked.connect(self.sign)
        buttons = QHBoxLayout()
        buttons.addWidget(self.missing, 1)
        buttons.addWidget(self.later_button)
        buttons.addWidget(self.sign_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addLayout(summary)
        layout.addWidget(self.statement)
        layout.addLayout(pads, 1)
        layout.addWidget(lock_note)
        layout.addWidget(self.same_hand)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self._update()
        self.resize(1040, self.sizeHint().height())

    def _update(self) -> None:
        lines = []
        for role, field in self.fields.items():
            problems = field.problems()
            if problems:
                lines.append(f"{signer_label(self.form, role, self.lang)}{colon()}{semicolon().join(problems)}")
        self.sign_button.setEnabled(not lines)
        self.missing.setText(semicolon().join(lines))
        self._check_same_hand()
        if self.isVisible():
            grow_to_fit(self)   # the proxy's name and reason appear: room for them, not smaller pads

    def _check_same_hand(self) -> None:
        """Two signatures in one hand are flagged for a look, never refused: a proxy may be honest."""
        inv, hh = self.fields.get("investigator"), self.fields.get("household")
        flag = False
        if inv and hh and not inv.pad.is_empty() and not hh.pad.is_empty() and not hh.proxy.isChecked():
            try:
                flag = signature.same_hand(inv.pad.strokes(), hh.pad.strokes())
            except ValidationError:
                flag = False
        self.same_hand.setText(self.tr("两个签名看起来像同一人所写。如果户主由他人代签，请勾选“由他人代签”并写明原因。")
                               if flag else "")
        self.same_hand.setVisible(flag)

    def sign(self) -> bool:
        self.error.show_message("")
        values = {role: field.value() for role, field in self.fields.items()}
        try:
            self.record = self.session.call(forms.sign, self.instance_id, values, self.session.today())
        except (ValidationError, StateError) as e:
            self.error.show_message(error_message(e))
            return False
        except Exception as e:  # noqa: BLE001 - a person sees every failure
            show_error(self, e)
            return False
        self.session.notify("forms")
        self.session.notify("households")
        self.accept()
        return True
