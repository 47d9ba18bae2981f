"""The record dialogs say every broken rule at once, each under its own field: as the person
types (a moment after they stop) and all together on Save, never one per click."""
from __future__ import annotations

from datetime import date

from app.core.enums import LabourCapacity, Sex
from app.core.idnumber import make_id_number
from app.services import households as hs
from app.ui.households.household_dialog import HouseholdDialog, select_data
from app.ui.households.member_dialog import MemberDialog


def _dialog(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _shown(dialog, name: str) -> str:
    note = dialog.field_errors[name]
    return note.text() if note.isVisible() else ""


def _years_ago(today: date, years: int) -> date:
    return today.replace(year=today.year - years, day=min(today.day, 28))


def test_save_shows_two_bad_fields_at_once(qtbot, session, demo_store):
    dialog = _dialog(qtbot, HouseholdDialog(session))
    before = hs.list_households(demo_store, limit=None)
    qtbot.keyClicks(dialog.phone, "12345")           # a phone number too short
    dialog.ok_button.click()                         # and no 户主姓名
    assert dialog.isVisible() and dialog.record is None
    assert "11位" in _shown(dialog, "phone")
    assert "必填" in _shown(dialog, "head_name")
    assert dialog.phone.property("invalid") is True and dialog.head_name.property("invalid") is True
    summary = dialog.error_label.text()
    assert "联系电话" in summary and "户主姓名" in summary and "2" in summary
    assert len(hs.list_households(demo_store, limit=None)) == len(before)


def test_a_six_year_olds_id_number_flags_labour_before_save(qtbot, session, demo_store):
    home = hs.list_households(demo_store, limit=1)[0]
    dialog = _dialog(qtbot, MemberDialog(session, home["id"]))
    dialog.name.setText("张小宝")
    select_data(dialog.relation, "grandson")
    index = dialog.labour.findData(LabourCapacity.ORDINARY.value)
    dialog.labour.setCurrentIndex(index)
    dialog.labour.activated.emit(index)              # chosen by the person, so age does not reset it
    dialog.id_number.setText(make_id_number("430521", _years_ago(session.today(), 6), Sex.MALE, 401))
    assert dialog.labour.currentData() == LabourCapacity.ORDINARY.value
    qtbot.waitUntil(lambda: "16" in _shown(dialog, "labour"), timeout=3000)
    assert dialog.labour.property("invalid") is True
    assert dialog.record is None and dialog.error_label.text() == ""   # nothing was saved or tried
    # Choosing 无劳动力 clears the message, and then the member saves.
    select_data(dialog.labour, LabourCapacity.NONE.value)
    assert _shown(dialog, "labour") == "" and not dialog.labour.property("invalid")
    qtbot.wait(400)
    assert _shown(dialog, "labour") == ""
    dialog.ok_button.click()
    assert not dialog.isVisible(), dialog.error_label.text()
    assert dialog.record["labour"] == LabourCapacity.NONE.value


def test_fixing_a_field_clears_its_message_and_leaves_the_other(qtbot, session):
    dialog = _dialog(qtbot, HouseholdDialog(session))
    qtbot.keyClicks(dialog.phone, "12345")
    dialog.ok_button.click()
    assert _shown(dialog, "phone") and _shown(dialog, "head_name")
    dialog.phone.setText("13912345678")
    assert _shown(dialog, "phone") == "" and not dialog.phone.property("invalid")
    qtbot.wait(400)                                   # the debounced recheck keeps the other one
    assert _shown(dialog, "phone") == "" and "必填" in _shown(dialog, "head_name")
    dialog.head_name.setText("王大山")
    qtbot.waitUntil(lambda: _shown(dialog, "head_name") == "", timeout=3000)
    dialog.ok_button.click()
    assert not dialog.isVisible(), dialog.error_label.text()
    assert dialog.record["phone"] == "13912345678"


def test_a_school_stage_the_age_rules_out_shows_under_the_field_and_on_save(qtbot, session, demo_store):
    from app.core.enums import SchoolStatus
    home = hs.list_households(demo_store, limit=1)[0]
    dialog = _dialog(qtbot, MemberDialog(session, home["id"]))
    dialog.name.setText("张小宝")
    select_data(dialog.relation, "grandson")
    dialog.id_number.setText(make_id_number("430521", _years_ago(session.today(), 6), Sex.MALE, 401))
    index = dialog.school_status.findData(SchoolStatus.COLLEGE.value)
    dialog.school_status.setCurrentIndex(index)
    dialog.school_status.activated.emit(index)      # chosen by the person, so age does not reset it
    qtbot.waitUntil(lambda: "6岁" in _shown(dialog, "school_status"), timeout=3000)
    assert dialog.school_status.property("invalid") is True
    assert "school_status" not in _shown(dialog, "school_status")     # the rule, not the column
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.record is None
    assert "在校生状况" in dialog.error_label.text()
    select_data(dialog.school_status, SchoolStatus.PRIMARY.value)
    qtbot.waitUntil(lambda: _shown(dialog, "school_status") == "", timeout=3000)
    dialog.ok_button.click()
    assert not dialog.isVisible(), dialog.error_label.text()
    assert dialog.record["school_status"] == SchoolStatus.PRIMARY.value
