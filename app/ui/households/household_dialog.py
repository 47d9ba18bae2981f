"""Add or edit a household (一户一档): the head, category, where it lives and who helps it.

Rules are checked as the person types (a moment after they stop), through the same core
validators the save uses: every broken rule is shown at once, in red under its own field. Save
refuses while any rule is broken, lists them all under the form and keeps everything typed.
"""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit,
                               QListWidget, QListView, QListWidgetItem, QVBoxLayout, QWidget)

from app.core.enums import HouseholdCategory, HouseholdFlag, HousingGrade, MonitoringCategory, Residence
from app.core.errors import ValidationError, ZhucunError
from app.core.household import check_category_change, check_household, clean_household
from app.services import households as hs

from ..widgets.bilingual import in_language
from ..widgets.errors import show_error
from ..widgets.style import set_role
from ..widgets.text import colon
from ..widgets.typing import KeyboardLineEdit
from ..widgets.enum_labels import choices

# -- shared by the record dialogs ------------------------------------------------------------


def restyle(widget: QWidget) -> None:
    """Re-apply the stylesheet after a dynamic property changed."""
    style = widget.style()
    style.unpolish(widget)
    style.polish(widget)
    widget.update()


def mark_invalid(widget: QWidget, invalid: bool) -> None:
    if bool(widget.property("invalid")) != invalid:
        widget.setProperty("invalid", invalid)
        restyle(widget)


def rule_text(exc: BaseException, label: str | None) -> str:
    """The broken rule for a person: the field's own label in place of its code name."""
    text = str(exc)
    if isinstance(exc, ValidationError):
        for prefix in (f"{exc.field}: ", f"{exc.field}:"):
            if text.startswith(prefix):
                text = text[len(prefix):]
                break
    return f"{label}{colon()}{text}" if label else text


def field_message(exc: ValidationError) -> str:
    """The rule alone, in the window's language (the field is named by where it shows)."""
    return in_language(str(exc))[0]


def problems_of(check, data: dict) -> list[ValidationError]:
    """What `check(data)` refuses, as a list (empty when it passes)."""
    try:
        check(data)
    except ValidationError as exc:
        return [exc]
    return []


LIVE_DELAY_MS = 300   # the form is checked this long after the last keystroke or choice


def fill_combo(combo: QComboBox, choices, blank: str | None = None) -> None:
    """Items show the Chinese name and carry the code; `blank` adds a first item for None."""
    combo.clear()
    if blank is not None:
        combo.addItem(blank, None)
    for code, zh in choices:
        combo.addItem(zh, code)


def select_data(combo: QComboBox, value) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(index if index >= 0 else 0)


class RecordDialog(QDialog):
    """A form over one record: `self.fields` maps field names to widgets, `self.labels` to
    the labels people read; `save()` writes and returns the record or raises."""

    def __init__(self, session, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.record: dict | None = None
        self.fields: dict[str, QWidget] = {}
        self.labels: dict[str, str] = {}
        self.form = QFormLayout()
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(8)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.error_label = set_role(QLabel(), "error")
        self.error_label.setObjectName("formError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("保存"))
        set_role(ok, "primary")
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("取消"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.field_errors: dict[str, QLabel] = {}
        self.save_errors: dict[str, ValidationError] = {}   # refused by the store, kept until edited
        self.tried_save = False   # "required" is said only once Save was pressed
        self.live = QTimer(self)
        self.live.setSingleShot(True)
        self.live.setInterval(LIVE_DELAY_MS)
        self.live.timeout.connect(self.check_live)

    @property
    def ok_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def add_field(self, name: str, label: str, widget: QWidget, field_widget: QWidget | None = None) -> QWidget:
        """A row of the form; `field_widget` is what the row shows if it wraps `widget`."""
        self.fields[name] = widget
        self.labels[name] = label
        note = set_role(QLabel(), "error")
        note.setObjectName(f"{name}Error")
        note.setWordWrap(True)
        note.hide()
        self.field_errors[name] = note
        box = QWidget()
        col = QVBoxLayout(box)
        col.setContentsMargins(0, 0, 0, 0)
        col.setSpacing(2)
        col.addWidget(field_widget or widget)
        col.addWidget(note)
        self.form.addRow(label, box)
        for signal in ("textChanged", "currentIndexChanged", "dateChanged", "toggled", "itemChanged"):
            if hasattr(widget, signal):
                getattr(widget, signal).connect(lambda *_, n=name: self._edited(n))
                break
        return widget

    def _edited(self, name: str) -> None:
        """A field changed: its own mark goes at once, the whole form is checked shortly."""
        self.save_errors.pop(name, None)
        self.set_field_error(name, None)
        self.live.start()

    def set_field_error(self, name: str, exc: ValidationError | None) -> None:
        """Say `exc` under the field `name` and outline it, or clear both."""
        note, widget = self.field_errors.get(name), self.fields.get(name)
        if note is not None:
            note.setText("" if exc is None else field_message(exc))
            note.setVisible(exc is not None)
        if widget is not None:
            mark_invalid(widget, exc is not None)

    def problems(self) -> list[ValidationError]:
        """Every rule the form breaks now; each dialog checks through the core validators."""
        return []

    def check_live(self) -> list[ValidationError]:
        """Show every broken rule under its field (one per field); return them."""
        self.live.stop()
        found: dict[str, ValidationError] = {}
        for exc in self.problems():
            if exc.rule != "required" or self.tried_save:
                found.setdefault(exc.field, exc)
        for name, exc in self.save_errors.items():
            found.setdefault(name, exc)
        for name in self.fields:
            self.set_field_error(name, found.get(name))
        return list(found.values())

    def clear_errors(self) -> None:
        self.save_errors.clear()
        for name in self.fields:
            self.set_field_error(name, None)
        self.error_label.clear()
        self.error_label.hide()

    def show_problems(self, problems: list[ValidationError]) -> None:
        """All broken rules under the form, each naming its field; focus goes to the first."""
        lines = [f"{self.labels[e.field]}{colon()}{field_message(e)}" if e.field in self.labels
                 else field_message(e) for e in problems]
        if len(lines) > 1:
            lines.insert(0, self.tr("请改正以下 {0} 处后再保存：").format(len(lines)))
        self.error_label.setText("\n".join(lines))
        self.error_label.show()
        widget = next((self.fields[e.field] for e in problems if e.field in self.fields), None)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_invalid(self, exc: ValidationError) -> None:
        """A rule the store refused on save: outlined and said under its field and the form."""
        self.save_errors[exc.field] = exc
        self.set_field_error(exc.field, exc)
        self.show_problems([exc])

    def save(self) -> dict:  # pragma: no cover - each dialog writes its own record
        raise NotImplementedError

    def accept(self) -> None:
        self.clear_errors()
        self.tried_save = True
        problems = self.check_live()
        if problems:
            self.show_problems(problems)
            return
        try:
            record = self.save()
        except ValidationError as exc:
            self.show_invalid(exc)
            return
        except ZhucunError as exc:
            show_error(self, exc)
            return
        self.record = record
        super().accept()


# -- the household dialog ------------------------------------------------------------------------

class HouseholdDialog(RecordDialog):
    """`HouseholdDialog(session)` adds a household, `HouseholdDialog(session, household_id)`
    edits one. After OK, `.record` holds the saved household."""

    def __init__(self, session, household_id: str | None = None, parent: QWidget | None = None,
                 group: str | None = None):
        super().__init__(session, parent)
        self.household_id = household_id
        self.original: dict = {}
        if household_id:
            self.original = session.call(hs.get_household, household_id)
            self.household_id = self.original["id"]
            place = {k: self.original.get(k) for k in hs.PLACE_FIELDS}
        else:
            place = session.call(hs.main_place)
        self.place = {k: v for k, v in place.items() if v}
        groups = session.call(hs.field_values, "group_name")
        cadres = session.call(hs.field_values, "pairing_cadre")

        self.setWindowTitle(self.tr("编辑农户") if household_id else self.tr("添加农户"))
        self.setMinimumWidth(560)

        title = set_role(QLabel(self.tr("编辑农户信息") if household_id else self.tr("添加农户")), "title")
        where = " ".join(self.place.get(k, "") for k in ("county", "township", "village")).strip()
        place_label = set_role(QLabel(where or self.tr("（未设置所在村）")), "muted")

        self.head_name = QLineEdit()
        self.head_name.setMaxLength(40)
        self.head_name.setPlaceholderText(self.tr("户主姓名"))
        self.add_field("head_name", self.tr("户主姓名"), self.head_name)

        self.category = QComboBox()
        fill_combo(self.category, choices(HouseholdCategory))
        select_data(self.category, HouseholdCategory.ORDINARY.value)
        self.add_field("category", self.tr("户类型"), self.category)

        self.monitoring_category = QComboBox()
        fill_combo(self.monitoring_category, choices(MonitoringCategory), blank=self.tr("（请选择）"))
        self.add_field("monitoring_category", self.tr("监测对象类别"), self.monitoring_category)

        self.group_name = QComboBox()
        self.group_name.setEditable(True)
        self.group_name.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.group_name.addItems(groups)
        self.group_name.lineEdit().setPlaceholderText(self.tr("如 第一村民小组"))
        self.group_name.setCurrentText(group or (groups[0] if len(groups) == 1 else ""))
        self.add_field("group_name", self.tr("村民小组"), self.group_name)

        self.number = QLineEdit()
        self.number.setMaxLength(40)
        self.number.setPlaceholderText(self.tr("户编号"))
        self.add_field("number", self.tr("户编号"), self.number)

        self.phone = KeyboardLineEdit()
        self.phone.setPlaceholderText(self.tr("手机或区号-固话"))
        self.add_field("phone", self.tr("联系电话"), self.phone)

        self.address = QLineEdit()
        self.address.setMaxLength(200)
        self.add_field("address", self.tr("住址"), self.address)

        self.residence = QComboBox()
        fill_combo(self.residence, choices(Residence))
        self.residence.setToolTip(self.tr("在家的户入户走访，外出的户电话或微信联系"))
        self.add_field("residence", self.tr("居住情况"), self.residence)

        self.flags = QListWidget()
        self.flags.setObjectName("flags")
        self.flags.setFlow(QListView.Flow.LeftToRight)
        self.flags.setWrapping(True)
        self.flags.setResizeMode(QListView.ResizeMode.Adjust)
        self.flags.setSpacing(2)
        self.flags.setSelectionMode(QListWidget.SelectionMode.NoSelection)
        for code, zh in choices(HouseholdFlag):
            item = QListWidgetItem(zh, self.flags)
            item.setData(Qt.ItemDataRole.UserRole, code)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
        self.flags.setFixedHeight(self.flags.sizeHintForRow(0) * 3 + 16)
        self.add_field("flags", self.tr("户属性"), self.flags)

        self.housing_grade = QComboBox()
        fill_combo(self.housing_grade, choices(HousingGrade), blank=self.tr("未评定"))
        self.add_field("housing_grade", self.tr("住房安全等级"), self.housing_grade)

        self.water_secured = QCheckBox(self.tr("饮水安全有保障"))
        self.water_secured.setChecked(True)
        self.add_field("water_secured", self.tr("饮水安全"), self.water_secured)

        self.pairing_cadre = QComboBox()
        self.pairing_cadre.setEditable(True)
        self.pairing_cadre.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.pairing_cadre.addItems([""] + cadres)
        self.pairing_cadre.lineEdit().setPlaceholderText(self.tr("帮扶干部姓名"))
        self.add_field("pairing_cadre", self.tr("帮扶责任人"), self.pairing_cadre)

        self.category.currentIndexChanged.connect(self._category_changed)
        if self.original:
            self._load(self.original)
        self._category_changed()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 16, 20, 16)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(place_label)
        layout.addLayout(self.form)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.head_name.setFocus()

    def _category_changed(self, *_):
        monitored = self.category.currentData() == HouseholdCategory.MONITORED.value
        self.monitoring_category.setEnabled(monitored)
        if not monitored:
            mark_invalid(self.monitoring_category, False)

    def problems(self) -> list[ValidationError]:
        """Each field through `clean_household`, then the rules across fields."""
        values = self.values()
        found = [exc for key, value in values.items()
                 for exc in problems_of(lambda d: clean_household(d, partial=True), {key: value})]
        found += problems_of(check_household, {**self.original, **values})
        if self.household_id is None:
            found += problems_of(clean_household, {**self.place, **values})
        else:
            found += problems_of(lambda v: check_category_change(self.original.get("category"), v["category"]),
                                 values)
        return found

    def _load(self, h: dict) -> None:
        self.head_name.setText(h.get("head_name") or "")
        select_data(self.category, h.get("category"))
        select_data(self.monitoring_category, h.get("monitoring_category"))
        self.group_name.setCurrentText(h.get("group_name") or "")
        self.number.setText(h.get("number") or "")
        self.phone.setText(h.get("phone") or "")
        self.address.setText(h.get("address") or "")
        select_data(self.residence, h.get("residence"))
        flags = set(h.get("flags") or [])
        for i in range(self.flags.count()):
            item = self.flags.item(i)
            checked = item.data(Qt.ItemDataRole.UserRole) in flags
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        select_data(self.housing_grade, h.get("housing_grade"))
        self.water_secured.setChecked(bool(h.get("water_secured", True)))
        self.pairing_cadre.setCurrentText(h.get("pairing_cadre") or "")

    def values(self) -> dict:
        """What the form says, as the service takes it."""
        monitored = self.category.currentData() == HouseholdCategory.MONITORED.value
        flags = [self.flags.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.flags.count())
                 if self.flags.item(i).checkState() == Qt.CheckState.Checked]
        return {
            "head_name": self.head_name.text().strip(),
            "category": self.category.currentData(),
            "monitoring_category": self.monitoring_category.currentData() if monitored else None,
            "group_name": self.group_name.currentText().strip() or None,
            "number": self.number.text().strip() or None,
            "phone": self.phone.text().strip() or None,
            "address": self.address.text().strip() or None,
            "residence": self.residence.currentData(),
            "flags": flags,
            "housing_grade": self.housing_grade.currentData(),
            "water_secured": self.water_secured.isChecked(),
            "pairing_cadre": self.pairing_cadre.currentText().strip() or None,
        }

    def changes(self) -> dict:
        """The fields that differ from the stored household (an edit sends only these)."""
        out = {}
        for key, value in self.values().items():
            old = self.original.get(key)
            if key == "flags":
                same = set(value) == set(old or [])
            elif key == "water_secured":
                same = value == bool(old)
            else:
                same = (value or None) == (old or None)
            if not same:
                out[key] = value
        return out

    def save(self) -> dict:
        if self.household_id is None:
            return self.session.call(hs.add_household, {**self.place, **self.values()})
        changes = self.changes()
        if not changes:
            return self.original
        return self.session.call(hs.update_household, self.household_id, changes)
