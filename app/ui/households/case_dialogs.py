"""One dialog per monitoring step (监测帮扶): only the inputs that step needs, saved through
cases.open_case / record_step; a refusal names the field and keeps what was typed."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit,
                               QPlainTextEdit, QVBoxLayout, QWidget)

from app.core.enums import CaseState, LabourCapacity, Measure, MonitoringCategory, RiskType
from app.core.errors import ValidationError
from app.core.income import format_yuan
from app.core.monitoring import missing_measures, plan_warnings
from app.services import cases, households, incomes
from app.services.profile import guarantees

from ..widgets.style import CAUTION, WARN, set_role
from .visit_dialog import CheckList, date_edit, edit_date, grow_to_fit, mark_invalid, save_record, save_row
from ..widgets.enum_labels import choices, name_of, names_of

STEPS = ("clue", "check", "identify", "reject", "plan", "measure", "eliminate", "followup", "revert", "stable")
CLUE_SOURCES = ("干部排查", "农户申请", "部门预警")
ELIMINATION_METHODS = ("帮扶消除", "自然消除")


def step_label(kind: str) -> str:
    """The action that records a step, for buttons and dialog titles."""
    return {
        "clue": QCoreApplication.translate("CaseSteps", "登记风险线索"),
        "check": QCoreApplication.translate("CaseSteps", "入户核查"),
        "identify": QCoreApplication.translate("CaseSteps", "识别纳入"),
        "reject": QCoreApplication.translate("CaseSteps", "核查未纳入"),
        "plan": QCoreApplication.translate("CaseSteps", "制定帮扶计划"),
        "measure": QCoreApplication.translate("CaseSteps", "增加帮扶措施"),
        "eliminate": QCoreApplication.translate("CaseSteps", "风险消除"),
        "followup": QCoreApplication.translate("CaseSteps", "回头看"),
        "revert": QCoreApplication.translate("CaseSteps", "回退监测"),
        "stable": QCoreApplication.translate("CaseSteps", "结束回头看(稳定)"),
    }[kind]


def event_label(kind: str) -> str:
    """A recorded step, as the timeline names it."""
    return {
        "clue": QCoreApplication.translate("CaseSteps", "风险线索"),
        "check": QCoreApplication.translate("CaseSteps", "入户核查"),
        "village_review": QCoreApplication.translate("CaseSteps", "村级民主评议"),
        "notice": QCoreApplication.translate("CaseSteps", "村内公示"),
        "township_review": QCoreApplication.translate("CaseSteps", "乡镇审核"),
        "identify": QCoreApplication.translate("CaseSteps", "识别纳入"),
        "reject": QCoreApplication.translate("CaseSteps", "核查未纳入"),
        "plan": QCoreApplication.translate("CaseSteps", "制定帮扶计划"),
        "measure": QCoreApplication.translate("CaseSteps", "增加帮扶措施"),
        "eliminate": QCoreApplication.translate("CaseSteps", "风险消除"),
        "followup": QCoreApplication.translate("CaseSteps", "回头看"),
        "revert": QCoreApplication.translate("CaseSteps", "回退"),
        "stable": QCoreApplication.translate("CaseSteps", "回头看结束(稳定)"),
    }.get(kind, kind)


def next_steps(case_view: dict | None) -> list[str]:
    """The step kinds a case allows next; ["clue"] when there is no case. A decision (identify /
    reject) needs a household check first (严禁“闭门造车”)."""
    if not case_view:
        return ["clue"]
    state = case_view["state"]
    if state == "clue":
        checked = any(e["kind"] == "check" for e in case_view.get("events", ()))
        return ["check", "identify", "reject"] if checked else ["check"]
    return {"identified": ["plan"], "helping": ["measure", "eliminate"],
            "eliminated": ["followup", "stable", "revert"], "stable": ["revert"]}.get(state, [])


def open_case_of(cases_list: list[dict]) -> dict | None:
    """The case the file works on: the newest one unless it was rejected (a rejected clue is
    closed; a new risk is a new clue)."""
    if cases_list and cases_list[0]["state"] != "rejected":
        return cases_list[0]
    return None


def primary_step(case_view: dict | None) -> str | None:
    """The step the file's header offers: the usual next one."""
    steps = next_steps(case_view)
    if not steps:
        return None
    if case_view and case_view["state"] == "clue" and len(steps) > 1:
        return "identify"
    return steps[0]


def _file_facts(store, household_id: str, today) -> dict:
    household = households.get_household(store, household_id)
    members = households.members(store, household_id)
    return {"household": household, "members": members,
            "has_labour": any(m.get("labour") and LabourCapacity(m["labour"]).can_work for m in members),
            "guarantees": guarantees(household, members, today),
            "latest_income": incomes.latest_per_capita(store, household_id)}


def _zh_list(enum, codes) -> str:
    return names_of(enum(c) for c in codes)


class CaseStepDialog(QDialog):
    """`CaseStepDialog(session, household_id, step, case_id=None, parent=None)`; `step` is one of
    STEPS ("clue" opens a case). After a save `record` is the case view and
    session.notify("cases") has been sent."""

    def __init__(self, session, household_id: str, step: str, case_id: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        if step not in STEPS:
            raise ValueError(f"unknown step {step!r}")
        self.session = session
        self.household_id = household_id
        self.step = step
        self.record: dict | None = None
        today = session.today()
        self.facts = session.call(_file_facts, household_id, today)
        self.case: dict | None = None
        if step != "clue":
            case_id = case_id or session.call(cases.latest_case_id, household_id)
            if case_id is None:
                raise ValueError("no case for this household")
            self.case = session.call(cases.case_view, case_id, today)
        self.case_id = case_id
        head = self.facts["household"]["head_name"]
        self.setWindowTitle(step_label(step))

        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(10)
        self.fields: dict[str, QWidget] = {}
        self.labels = {"date": self.tr("日期"), "on": self.tr("日期"), "by": self.tr("经办人"),
                       "monitoring_category": self.tr("监测对象类别"), "risk_types": self.tr("风险类型"),
                       "measures": self.tr("帮扶措施"), "measure": self.tr("帮扶措施"), "reason": self.tr("理由"),
                       "method": self.tr("消除方式"), "result": self.tr("回头看结果"), "note": self.tr("说明"),
                       "source": self.tr("线索来源"), "per_capita_fen": self.tr("人均纯收入"),
                       "baseline_fen": self.tr("监测收入基准线"), "has_labour": self.tr("劳动能力"),
                       "three_guarantees_secured": self.tr("三保障"), "water_secured": self.tr("饮水安全")}

        self.date = date_edit(today)
        self.by = QLineEdit(session.user_name)
        row = QHBoxLayout()
        row.setSpacing(12)
        row.addWidget(self.date)
        row.addWidget(QLabel(self.tr("经办人")))
        row.addWidget(self.by, 1)
        self.form.addRow(self.tr("日期"), row)
        self.fields.update(date=self.date, on=self.date, by=self.by)

        self.note: QPlainTextEdit | None = None
        self.reason: QLineEdit | None = None
        self.category: QComboBox | None = None
        self.risks: CheckList | None = None
        self.measures: CheckList | None = None
        self.measure: QComboBox | None = None
        self.combo: QComboBox | None = None        # source / method / result
        self.secured: QCheckBox | None = None
        self.water: QCheckBox | None = None
        self.live = QLabel()
        self.live.setWordWrap(True)
        self.live.setTextFormat(Qt.TextFormat.RichText)
        self.live.hide()
        getattr(self, "_build_" + step)()

        title = set_role(QLabel(self.tr("{0} 户 · {1}").format(head, step_label(step))), "title")
        context = set_role(QLabel(self._context_text()), "muted")
        context.setWordWrap(True)
        context.setVisible(bool(context.text()))

        buttons = save_row(self)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(12)
        layout.addWidget(title)
        layout.addWidget(context)
        layout.addLayout(self.form)
        layout.addWidget(self.live)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, activated=self.save)
        self._update_live()
        self.resize(max(600, self.sizeHint().width()), self.sizeHint().height())
        self.date.setFocus()

    # --- inputs per step ------------------------------------------------------------------------

    def _add_note(self, label: str, placeholder: str = "", height: int = 72) -> None:
        self.note = QPlainTextEdit()
        self.note.setTabChangesFocus(True)
        self.note.setPlaceholderText(placeholder)
        self.note.setFixedHeight(height)
        self.form.addRow(label, self.note)
        self.fields["note"] = self.note

    def _add_reason(self, label: str, placeholder: str) -> None:
        self.reason = QLineEdit()
        self.reason.setPlaceholderText(placeholder)
        self.form.addRow(label, self.reason)
        self.fields["reason"] = self.reason
        self.labels["reason"] = label

    def _add_combo(self, key: str, label: str, items, editable: bool = False) -> None:
        self.combo = QComboBox()
        self.combo.setEditable(editable)
        for item in items:
            text, data = item if isinstance(item, tuple) else (item, item)
            self.combo.addItem(text, data)
        self.combo_key = key
        self.form.addRow(label, self.combo)
        self.fields[key] = self.combo

    def _add_risks(self, label: str, checked=()) -> None:
        self.risks = CheckList(choices(RiskType), checked)
        self.form.addRow(label, self.risks)
        self.fields["risk_types"] = self.risks

    def _build_clue(self) -> None:
        self._add_combo("source", self.tr("线索来源"), CLUE_SOURCES, editable=True)
        self._add_risks(self.tr("可能的风险"))
        self._add_note(self.tr("线索情况"), self.tr("发现了什么风险，从哪里得知"))

    def _build_check(self) -> None:
        self._add_note(self.tr("核查情况"), self.tr("入户核查了解到的家庭收入、支出、三保障和饮水情况"), 96)

    def _build_identify(self) -> None:
        self.category = QComboBox()
        self.category.setPlaceholderText(self.tr("请选择"))
        for code, zh in choices(MonitoringCategory):
            self.category.addItem(zh, code)
        self.category.setCurrentIndex(-1)
        self.form.addRow(self.tr("监测对象类别"), self.category)
        self.fields["monitoring_category"] = self.category
        risks = list(self.case.get("risk_types") or [])
        for e in self.case["events"]:
            risks += [r for r in e["data"].get("risk_types", []) if r not in risks]
        self._add_risks(self.tr("风险类型"), risks)
        self._add_note(self.tr("说明"), self.tr("民主评议、公示、审核等情况（可不填）"))

    def _build_reject(self) -> None:
        self._add_reason(self.tr("未纳入理由"), self.tr("例如：经核查，收入稳定，三保障和饮水有保障"))
        self.reason.setMinimumWidth(420)

    def _build_plan(self) -> None:
        self.measures = CheckList(choices(Measure))
        self.measures.itemChanged.connect(self._update_live)
        self.form.addRow(self.tr("帮扶措施"), self.measures)
        self.fields["measures"] = self.measures
        self._add_note(self.tr("帮扶计划"), self.tr("措施内容、责任人、完成时间（可不填）"))

    def _build_measure(self) -> None:
        self.measure = QComboBox()
        have = set(self.case.get("measures") or [])
        for code, zh in choices(Measure):
            if code not in have:
                self.measure.addItem(zh, code)
        self.measure.setCurrentIndex(-1)
        self.measure.setPlaceholderText(self.tr("请选择"))
        self.measure.currentIndexChanged.connect(self._update_live)
        self.form.addRow(self.tr("帮扶措施"), self.measure)
        self.fields["measure"] = self.measure
        self._add_note(self.tr("措施内容"), self.tr("例如：安排村保洁公益岗位"))

    def _build_eliminate(self) -> None:
        self._add_combo("method", self.tr("消除方式"), ELIMINATION_METHODS)
        g = self.facts["guarantees"]
        self.secured = QCheckBox(self.tr("“三保障”已落实"))
        self.secured.setChecked(g["education"] and g["medical"] and g["housing"])
        self.water = QCheckBox(self.tr("饮水安全有保障"))
        self.water.setChecked(g["water"])
        row = QHBoxLayout()
        row.addWidget(self.secured)
        row.addSpacing(16)
        row.addWidget(self.water)
        row.addStretch(1)
        self.form.addRow(self.tr("保障情况"), row)
        self.fields.update(three_guarantees_secured=self.secured, water_secured=self.water)
        latest = self.facts["latest_income"]
        if latest:
            pc, base = latest
            text = self.tr("最近一次核算：人均纯收入 {0}，基准线 {1}").format(format_yuan(pc), format_yuan(base))
            income = QLabel(text)
            if pc < base:
                income.setText(text + self.tr("（低于基准线，不能风险消除）"))
                set_role(income, "warn")
        else:
            income = set_role(QLabel(self.tr("尚未核算收入：风险消除前须先核算收入")), "warn")
        income.setWordWrap(True)
        self.form.addRow(self.tr("收入"), income)
        self.fields.update(per_capita_fen=income, baseline_fen=income)
        labour = self.tr("有劳动能力") if self.facts["has_labour"] else self.tr("无劳动能力")
        self.form.addRow(self.tr("劳动能力"), set_role(QLabel(labour + self.tr("（来自成员信息）")), "muted"))
        self._add_note(self.tr("说明"), self.tr("可不填"))

    def _build_followup(self) -> None:
        self._add_combo("result", self.tr("回头看结果"),
                        [(self.tr("稳定，无返贫风险"), "stable"), (self.tr("发现返贫风险"), "risk")])
        self._add_note(self.tr("情况"), self.tr("例如：收入稳定，三保障和饮水安全持续保障"))

    def _build_revert(self) -> None:
        self._add_risks(self.tr("新的风险类型"))
        self._add_reason(self.tr("回退原因"), self.tr("例如：家人患大病，医疗支出大"))

    def _build_stable(self) -> None:
        self._add_note(self.tr("说明"), self.tr("例如：风险消除后四个季度回头看均稳定"))

    # --- what the person sees around the inputs --------------------------------------------------

    def _context_text(self) -> str:
        c = self.case
        if c is None:
            return self.tr("登记后须在15天内完成入户核查和识别认定。")
        parts = [self.tr("当前状态：{0}").format(name_of(CaseState(c["state"])))]
        if c.get("monitoring_category"):
            parts.append(name_of(MonitoringCategory(c["monitoring_category"])))
        if c.get("risk_types"):
            parts.append(self.tr("风险类型：{0}").format(_zh_list(RiskType, c["risk_types"])))
        if c.get("measures"):
            parts.append(self.tr("已有措施：{0}").format(_zh_list(Measure, c["measures"])))
        if c["state"] == "clue" and c.get("identify_by"):
            parts.append(self.tr("识别期限 {0}").format(c["identify_by"]))
        if c["state"] == "identified" and c.get("plan_by"):
            parts.append(self.tr("计划期限 {0}").format(c["plan_by"]))
        return " · ".join(parts)

    def _chosen_measures(self) -> list[str]:
        if self.measures is not None:
            return self.measures.checked()
        have = list(self.case.get("measures") or []) if self.case else []
        if self.measure is not None and self.measure.currentData():
            have.append(self.measure.currentData())
        return have

    def _update_live(self, *_) -> None:
        if self.step not in ("plan", "measure"):
            return
        risks = [RiskType(r) for r in (self.case.get("risk_types") or [])]
        chosen = [Measure(m) for m in self._chosen_measures()]
        lines = []
        missing = missing_measures(risks, chosen)
        if missing:
            lines.append(f"<span style='color:{WARN}; font-weight:600'>"
                         + self.tr("还没有对应措施的风险类型：{0}").format(names_of(missing))
                         + "</span>")
        elif risks:
            lines.append(self.tr("每个风险类型都有对应措施 ✓"))
        if chosen:
            for w in plan_warnings(self.facts["has_labour"], chosen):
                lines.append(f"<span style='color:{CAUTION}'>{w.zh}</span>")
        self.live.setText("<br>".join(lines))
        self.live.setVisible(bool(lines))
        if self.isVisible():
            grow_to_fit(self)

    # --- saving ---------------------------------------------------------------------------------

    def data(self) -> dict:
        d: dict = {}
        if self.note is not None:
            d["note"] = self.note.toPlainText().strip() or None
        if self.reason is not None:
            d["reason"] = self.reason.text().strip() or None
        if self.combo is not None:
            d[self.combo_key] = (self.combo.currentText().strip() if self.combo.isEditable()
                                 else self.combo.currentData()) or None
        if self.category is not None:
            d["monitoring_category"] = self.category.currentData()
        if self.risks is not None:
            d["risk_types"] = self.risks.checked()
        if self.measures is not None:
            d["measures"] = self.measures.checked()
        if self.measure is not None:
            d["measure"] = self.measure.currentData()
        if self.secured is not None:
            d["three_guarantees_secured"] = self.secured.isChecked()
            d["water_secured"] = self.water.isChecked()
        return d

    def _check(self, d: dict) -> None:
        """What the dialog requires beyond the case rules."""
        if self.step == "revert" and not d.get("reason"):
            raise ValidationError("reason", "required", self.tr("回退须说明原因"))
        if self.step == "clue" and not d.get("risk_types"):
            d.pop("risk_types", None)

    def save(self) -> None:
        for w in set(self.fields.values()):
            if not isinstance(w, QLabel):
                mark_invalid(w, False)
        self.error.show_message("")
        d = self.data()
        on = edit_date(self.date).isoformat()
        today = self.session.today()
        def save():
            self._check(d)
            if self.step == "clue":
                return self.session.call(cases.open_case, self.household_id, on, self.by.text().strip(), d, today)
            return self.session.call(cases.record_step, self.case_id, self.step, on, self.by.text().strip(), d,
                                     today)
        if not save_record(self, self.fields, save):
            return
        self.session.notify("cases")
        self.accept()
