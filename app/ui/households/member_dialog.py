"""Add or edit a household member. The ID number is checked as it is typed: once it has 18
characters its birth date and sex fill in, or the rule it breaks shows under it. Every other
rule is checked a moment after typing stops, so an ID number that makes the person 6 years old
flags a 劳动力 other than 无劳动力 at once."""
from __future__ import annotations

import unicodedata
from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
                               QVBoxLayout, QWidget)

from app.core.enums import Education, Health, LabourCapacity, Relation, SchoolStatus, Sex
from app.core.errors import ValidationError
from app.core.household import age_defaults, check_head_and_spouse, clean_member
from app.core.idnumber import PLAUSIBLE_BIRTH_RULE, parse_id_number
from app.core.income import parse_yuan, plain_yuan, wage_warning
from app.services import households as hs

from .household_dialog import RecordDialog, field_message, fill_combo, mark_invalid, problems_of, restyle, select_data
from ..widgets.style import set_role
from ..widgets.typing import KeyboardLineEdit
from ..widgets.enum_labels import choices

ETHNICITIES = ("汉族", "苗族", "土家族", "侗族", "瑶族", "壮族", "回族", "彝族", "布依族", "白族", "哈尼族",
               "傣族", "黎族", "满族", "蒙古族", "藏族", "维吾尔族", "哈萨克族", "朝鲜族", "畲族", "仡佬族",
               "水族", "纳西族", "羌族")
NO_DATE = QDate(1799, 12, 31)   # the date edit's "not filled in" value (shown as 未填写); a confirmed 1880s birth fits above it


def _stacked(editor: QWidget, *hints: QWidget) -> QWidget:
    """An editor with its hint lines right under it, as one form field."""
    box = QWidget()
    col = QVBoxLayout(box)
    col.setContentsMargins(0, 0, 0, 0)
    col.setSpacing(2)
    col.addWidget(editor)
    for hint in hints:
        col.addWidget(hint)
    return box


class MemberDialog(RecordDialog):
    """`MemberDialog(session, household_id)` adds a member, `MemberDialog(session,
    household_id, member_id)` edits one. After OK, `.record` holds the saved member."""

    def __init__(self, session, household_id: str, member_id: str | None = None, parent: QWidget | None = None):
        super().__init__(session, parent)
        self.household_id = household_id
        self.member_id = member_id
        self.original: dict = {}
        others = session.call(hs.members, household_id)
        self.others = [m for m in others if m["id"] != member_id]
        if member_id:
            self.original = session.call(lambda s: s.records.require("members", member_id))
        head = next((m for m in others if m["relation"] == Relation.HEAD.value), None)
        household = session.call(hs.get_household, household_id)
        self._filling = False

        self.setWindowTitle(self.tr("编辑成员") if member_id else self.tr("添加成员"))
        self.setMinimumWidth(640)
        title = set_role(QLabel(self.tr("编辑成员信息") if member_id else self.tr("添加家庭成员")), "title")
        subtitle = set_role(QLabel(self.tr("户主：{0}").format(household["head_name"])), "muted")

        self.name = QLineEdit()
        self.name.setMaxLength(40)
        self.add_field("name", self.tr("姓名"), self.name)

        self.id_number = KeyboardLineEdit()
        self.id_number.setMaxLength(24)
        self.id_number.setPlaceholderText(self.tr("18位，末位可为X"))
        self.id_hint = set_role(QLabel(self.tr("填入身份证号后自动填写出生日期和性别")), "muted")
        self.id_hint.setObjectName("idHint")
        self.id_hint.setWordWrap(True)
        # GB 11643's check digit is right but the birth year is before 1900: a person may confirm it.
        self.confirm_birth = QCheckBox(self.tr("已核对证件，出生年份无误"))
        self.confirm_birth.hide()
        self.confirm_birth.toggled.connect(lambda _: self._id_changed(self.id_number.text()))
        self.add_field("id_number", self.tr("身份证号"), self.id_number,
                       _stacked(self.id_number, self.id_hint, self.confirm_birth))

        self.sex = QComboBox()
        fill_combo(self.sex, choices(Sex), blank=self.tr("（请选择）"))
        self.birth_date = QDateEdit()
        self.birth_date.setDisplayFormat("yyyy-MM-dd")
        self.birth_date.setCalendarPopup(True)
        self.birth_date.setMinimumDate(NO_DATE)
        self.birth_date.setMaximumDate(QDate(session.today()))
        self.birth_date.setSpecialValueText(self.tr("未填写"))
        self.birth_date.setDate(NO_DATE)
        self.add_field("sex", self.tr("性别"), self.sex)
        self.add_field("birth_date", self.tr("出生日期"), self.birth_date)

        self.relation = QComboBox()
        fill_combo(self.relation, choices(Relation), blank=self.tr("（请选择）"))
        self.add_field("relation", self.tr("与户主关系"), self.relation)

        self.ethnicity = QComboBox()
        self.ethnicity.setEditable(True)
        self.ethnicity.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.ethnicity.addItems(("",) + ETHNICITIES)
        self.add_field("ethnicity", self.tr("民族"), self.ethnicity)

        self.education = QComboBox()
        fill_combo(self.education, choices(Education), blank=self.tr("（未填写）"))
        self.add_field("education", self.tr("文化程度"), self.education)

        self.school_status = QComboBox()
        fill_combo(self.school_status, choices(SchoolStatus))
        self.add_field("school_status", self.tr("在校生状况"), self.school_status)

        self.health = QComboBox()
        fill_combo(self.health, choices(Health))
        self.add_field("health", self.tr("健康状况"), self.health)

        self.disability_grade = QComboBox()
        self.disability_grade.addItem(self.tr("（请选择）"), None)
        for grade, text in ((1, self.tr("一级")), (2, self.tr("二级")), (3, self.tr("三级")), (4, self.tr("四级"))):
            self.disability_grade.addItem(text, grade)
        self.disability_certificate = QCheckBox(self.tr("持残疾证"))
        grade_box = QWidget()
        row = QHBoxLayout(grade_box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.disability_grade, 1)
        row.addWidget(self.disability_certificate)
        self.add_field("disability_grade", self.tr("残疾等级"), self.disability_grade, grade_box)
        self.fields["disability_certificate"] = self.disability_certificate
        self.labels["disability_certificate"] = self.tr("残疾证")

        self.labour = QComboBox()
        fill_combo(self.labour, choices(LabourCapacity))
        self.add_field("labour", self.tr("劳动技能"), self.labour)

        self.wage = KeyboardLineEdit()
        self.wage.setPlaceholderText(self.tr("元，如 3500 或 3,500.50；未务工留空"))
        self.wage_hint = set_role(QLabel(), "warn")
        self.wage_hint.setObjectName("wageHint")
        self.wage_hint.hide()
        self.add_field("monthly_wage_fen", self.tr("月工资（元）"), self.wage, _stacked(self.wage, self.wage_hint))

        self.welfare_post = QCheckBox(self.tr("公益性岗位"))
        self.medical_insurance = QCheckBox(self.tr("城乡居民基本医疗保险"))
        self.medical_insurance.setChecked(True)
        self.serious_illness_insurance = QCheckBox(self.tr("大病保险"))
        self.pension_insurance = QCheckBox(self.tr("养老保险"))
        checks = QWidget()
        grid = QGridLayout(checks)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(16)
        grid.addWidget(self.medical_insurance, 0, 0)
        grid.addWidget(self.serious_illness_insurance, 0, 1)
        grid.addWidget(self.pension_insurance, 1, 0)
        grid.addWidget(self.welfare_post, 1, 1)
        self.form.addRow(self.tr("保险与岗位"), checks)
        for name, widget, label in (("welfare_post", self.welfare_post, self.tr("公益性岗位")),
                                    ("medical_insurance", self.medical_insurance, self.tr("医疗保险")),
                                    ("serious_illness_insurance", self.serious_illness_insurance, self.tr("大病保险")),
                                    ("pension_insurance", self.pension_insurance, self.tr("养老保险"))):
            self.fields[name] = widget
            self.labels[name] = label

        self.phone = KeyboardLineEdit()
        self.phone.setPlaceholderText(self.tr("手机或区号-固话"))
        self.add_field("phone", self.tr("联系电话"), self.phone)

        self.id_number.textChanged.connect(self._id_changed)
        # A new member's school stage and labour follow the age until the user picks them.
        self._picked: set[str] = set()
        self.school_status.activated.connect(lambda _: self._picked.add("school_status"))
        self.labour.activated.connect(lambda _: self._picked.add("labour"))
        self.birth_date.dateChanged.connect(self._age_changed)
        self.health.currentIndexChanged.connect(self._health_changed)
        self.wage.textChanged.connect(self._wage_changed)

        if self.original:
            self._load(self.original)
        else:
            if head is None:
                select_data(self.relation, Relation.HEAD.value)
            if head and head.get("ethnicity"):
                self.ethnicity.setCurrentText(head["ethnicity"])
        self._health_changed()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(subtitle)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.name.setFocus()

    # -- live checks -------------------------------------------------------------------------
    def _set_id_hint(self, text: str, error: bool) -> None:
        self.id_hint.setText(text)
        role = "error" if error else "muted"
        if self.id_hint.property("role") != role:
            set_role(self.id_hint, role)
            restyle(self.id_hint)

    def _id_changed(self, text: str) -> None:
        number = unicodedata.normalize("NFKC", text).strip().upper()
        if not number:
            self._set_id_hint(self.tr("填入身份证号后自动填写出生日期和性别"), False)
            return
        if len(number) < 18:
            self._set_id_hint(self.tr("已输入 {0}/18 位").format(len(number)), False)
            return
        try:
            info = parse_id_number(number, today=self.session.today(),
                                   allow_early_birth=self.confirm_birth.isChecked())
        except ValidationError as exc:
            self.confirm_birth.setVisible(exc.rule == PLAUSIBLE_BIRTH_RULE)
            self._set_id_hint(field_message(exc), True)
            mark_invalid(self.id_number, True)
            return
        if not self._filling:
            self.birth_date.setDate(QDate(info.birth_date))
            select_data(self.sex, info.sex.value)
        self._set_id_hint(self.tr("出生日期 {0}，性别 {1}（由身份证号得出）").format(
            info.birth_date.isoformat(), self.sex.itemText(self.sex.findData(info.sex.value))), False)

    def set_field_error(self, name: str, exc: ValidationError | None) -> None:
        """The ID number's rules show in its own hint line, which already follows the typing."""
        if name != "id_number":
            super().set_field_error(name, exc)
        elif exc is not None:
            self._set_id_hint(field_message(exc), True)
            mark_invalid(self.id_number, True)
        elif self.id_hint.property("role") == "error":
            mark_invalid(self.id_number, False)
            filling, self._filling = self._filling, True   # say what the number gives, change nothing
            try:
                self._id_changed(self.id_number.text())
            finally:
                self._filling = filling

    # Fields checked together, as the save checks them: identity, relation and sex, disability, age.
    TOGETHER = (("id_number", "birth_date", "sex", "confirm_birth_year"), ("relation", "sex"),
                ("health", "disability_grade"), ("birth_date", "welfare_post"),
                ("birth_date", "school_status"), ("birth_date", "labour", "school_status"))

    def problems(self) -> list[ValidationError]:
        """Each field through `clean_member`, the fields checked together, then what a save
        of the whole form would still refuse (a required field left empty)."""
        today = self.session.today()
        found = []
        try:
            values = self.values()
        except ValidationError as exc:   # the wage as typed
            found.append(exc)
            values = {**self.values(wage=False)}
        values.pop("confirm_birth_year")
        solo = {key: value for key, value in values.items() if key != "id_number"}
        for key, value in solo.items():
            found += problems_of(lambda d: clean_member(d, partial=True, today=today), {key: value})
        bad = {e.field for e in found}
        every = {**values, "confirm_birth_year": self.confirm_birth.isVisible() and self.confirm_birth.isChecked()}
        for keys in self.TOGETHER:
            if not bad & set(keys):
                found += problems_of(lambda d: clean_member(d, partial=True, today=today),
                                     {k: every[k] for k in keys})
        found += problems_of(lambda d: check_head_and_spouse(self.others, d), values)
        found += self._relation_missing()
        if not found:
            found += problems_of(lambda d: clean_member(d, partial=self.member_id is not None, today=today), every)
        return found

    def _relation_missing(self) -> list[ValidationError]:
        if self.member_id is None and not self.relation.currentData():
            return [ValidationError("relation", "required", self.tr("relation: 请选择与户主关系 (required)"))]
        return []

    def _age_changed(self, day: QDate) -> None:
        if self.member_id or self._filling or day == NO_DATE:
            return
        defaults = {"labour": LabourCapacity.ORDINARY.value,
                    **age_defaults(day.toPython().isoformat(), self.session.today())}
        for key, combo in (("school_status", self.school_status), ("labour", self.labour)):
            if key not in self._picked:
                select_data(combo, defaults[key])

    def _health_changed(self, *_) -> None:
        disabled = self.health.currentData() == Health.DISABLED.value
        self.disability_grade.setEnabled(disabled)
        self.disability_certificate.setEnabled(disabled)
        if not disabled:
            mark_invalid(self.disability_grade, False)

    def _wage_changed(self, text: str) -> None:
        warning = None
        if text.strip():
            try:
                warning = wage_warning(parse_yuan(text, "monthly_wage_fen"))
            except ValidationError:
                warning = None   # the format rule is reported on save, with the field outlined
        self.wage_hint.setText(warning or "")
        self.wage_hint.setVisible(bool(warning))

    # -- values ------------------------------------------------------------------------------
    def _load(self, m: dict) -> None:
        self._filling = True
        try:
            self.name.setText(m.get("name") or "")
            self.id_number.setText(m.get("id_number") or "")
            select_data(self.sex, m.get("sex"))
            if m.get("birth_date"):
                self.birth_date.setDate(QDate(date.fromisoformat(m["birth_date"])))
            select_data(self.relation, m.get("relation"))
            self.ethnicity.setCurrentText(m.get("ethnicity") or "")
            select_data(self.education, m.get("education"))
            select_data(self.school_status, m.get("school_status"))
            select_data(self.health, m.get("health"))
            select_data(self.disability_grade, m.get("disability_grade"))
            self.disability_certificate.setChecked(bool(m.get("disability_certificate")))
            select_data(self.labour, m.get("labour"))
            wage = m.get("monthly_wage_fen")
            self.wage.setText("" if wage is None else plain_yuan(wage))
            self.welfare_post.setChecked(bool(m.get("welfare_post")))
            self.medical_insurance.setChecked(bool(m.get("medical_insurance")))
            self.serious_illness_insurance.setChecked(bool(m.get("serious_illness_insurance")))
            self.pension_insurance.setChecked(bool(m.get("pension_insurance")))
            self.phone.setText(m.get("phone") or "")
        finally:
            self._filling = False

    def values(self, wage: bool = True) -> dict:
        """What the form says, as the service takes it; a badly typed wage raises (with
        `wage=False` the wage is left out as None)."""
        disabled = self.health.currentData() == Health.DISABLED.value
        typed = self.wage.text().strip() if wage else ""
        birth = self.birth_date.date()
        return {
            "name": self.name.text().strip(),
            "id_number": self.id_number.text().strip() or None,
            "sex": self.sex.currentData(),
            "birth_date": None if birth == NO_DATE else birth.toPython().isoformat(),
            "relation": self.relation.currentData(),
            "ethnicity": self.ethnicity.currentText().strip() or None,
            "education": self.education.currentData(),
            "school_status": self.school_status.currentData(),
            "health": self.health.currentData(),
            "disability_grade": self.disability_grade.currentData() if disabled else None,
            "disability_certificate": self.disability_certificate.isChecked() if disabled else False,
            "labour": self.labour.currentData(),
            "monthly_wage_fen": parse_yuan(typed, "monthly_wage_fen") if typed else None,
            "welfare_post": self.welfare_post.isChecked(),
            "medical_insurance": self.medical_insurance.isChecked(),
            "serious_illness_insurance": self.serious_illness_insurance.isChecked(),
            "pension_insurance": self.pension_insurance.isChecked(),
            "phone": self.phone.text().strip() or None,
            "confirm_birth_year": self.confirm_birth.isVisible() and self.confirm_birth.isChecked(),
        }

    def changes(self) -> dict:
        out = {}
        for key, value in self.values().items():
            old = self.original.get(key)
            if isinstance(value, bool):
                same = value == bool(old)
            elif key == "id_number" and value and old:
                same = unicodedata.normalize("NFKC", value).upper() == old
            else:
                same = (value if value != "" else None) == old
            if not same:
                out[key] = value
        return out

    def save(self) -> dict:
        today = self.session.today()
        if self.member_id is None:
            for exc in self._relation_missing():
                raise exc
            return self.session.call(hs.add_member, self.household_id, self.values(), today)
        changes = self.changes()
        if not changes:
            return self.original
        return self.session.call(hs.update_member, self.member_id, changes, today)
