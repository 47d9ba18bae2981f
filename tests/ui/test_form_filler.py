"""The form filler: prefill, live rules and notes, autosave and resume, completing, signing with
the pads, reading a signed form, amending, and the household file's 表单 tab."""
import pytest

from PySide6.QtCore import QPoint, Qt  # noqa: E402
from PySide6.QtGui import QInputMethodEvent  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog  # noqa: E402

from app.core.forms.engine import evaluate  # noqa: E402
from app.services import forms, households  # noqa: E402
from app.ui.forms.form_filler import AUTOSAVE_MS, FormFiller  # noqa: E402
from app.ui.householdfile.household_file import HouseholdFilePage  # noqa: E402
from app.ui.forms.form_view import FormViewDialog  # noqa: E402
from app.ui.forms.sign_dialog import SignDialog  # noqa: E402
from tests.support.window import VISIT, drive, type_into  # noqa: E402

LEFT = Qt.MouseButton.LeftButton
NONE = Qt.KeyboardModifier.NoModifier


def open_filler(qtbot, session, hid, **kw) -> FormFiller:
    filler = FormFiller(session, "household_info", hid, **kw)
    qtbot.addWidget(filler)
    filler.resize(1260, 740)
    filler.show()
    qtbot.waitExposed(filler)
    return filler


def cell(filler, path):
    return filler.cells[path]


def choose(qtbot, filler, path, choice):
    editor = cell(filler, path).editor
    button = next(b for b in editor.buttons if b.property("choice") == choice)
    qtbot.mouseClick(button, LEFT, NONE, QPoint(6, button.height() // 2))


def answer_visit(qtbot, filler):
    for name, value in VISIT.items():
        choose(qtbot, filler, name, value)


def draw(qtbot, pad, points):
    qtbot.mousePress(pad, LEFT, NONE, QPoint(*points[0]))
    for x, y in points[1:]:
        qtbot.wait(2)
        qtbot.mouseMove(pad, QPoint(x, y))
    qtbot.mouseRelease(pad, LEFT, NONE, QPoint(*points[-1]))


def sign_both(qtbot, dialog):
    assert isinstance(dialog, SignDialog)
    assert not dialog.sign_button.isEnabled()
    inv, hh = dialog.fields["investigator"].pad, dialog.fields["household"].pad
    draw(qtbot, inv, [(30, 90), (60, 70), (90, 100), (130, 60), (170, 95)])
    assert not dialog.sign_button.isEnabled()          # the household has not signed yet
    draw(qtbot, hh, [(40, 60), (45, 110), (80, 80), (120, 115), (150, 70), (200, 100)])
    draw(qtbot, hh, [(60, 85), (180, 85)])
    assert dialog.sign_button.isEnabled()
    qtbot.mouseClick(dialog.sign_button, LEFT)


def test_prefilled_from_the_household_file(qtbot, session, hid):
    household = households.get_household(session.store, hid)
    members = households.members(session.store, hid)
    filler = open_filler(qtbot, session, hid)
    head = cell(filler, "head_name")
    assert head.editor.value() == household["head_name"] and not head.editor.isEnabled()
    block = filler.top.repeats["members"]
    assert [e.scope.cells["m_name"].editor.value() for e in block.entries] == [m["name"] for m in members]
    assert block.entries[1].title.text() == f"家庭成员 2：{members[1]['name']}"
    assert not filler.banner.isVisible()
    # An empty form is not shouted at: required messages wait for a touch or for 完成.
    assert not cell(filler, "education_ok").error.isVisible()
    # The 三保障 answers the file already has are filled in; the rest wait for the visit.
    known = forms.prefill(session.store, filler.form, hid, session.today())
    assert known.get("medical_ok") in ("yes", "no") and cell(filler, "medical_ok").editor.value() == known["medical_ok"]
    missing = [k for k in VISIT if k not in known]
    assert filler.problems.count() == len(missing) and "必填" in filler.problems.item(0).text()


def test_invalid_id_number_shows_the_rule_under_the_field(qtbot, session, hid):
    filler = open_filler(qtbot, session, hid)
    path = "members[2].m_id_number"
    type_into(qtbot, filler, path, "43052419670202594X")
    error = cell(filler, path).error
    assert error.isVisible() and error.text() == "身份证号校验不通过，请核对"
    assert cell(filler, path).editor.line.property("invalid") is True
    assert any("身份证号校验不通过" in filler.problems.item(i).text() for i in range(filler.problems.count()))
    # The problem list leads to the field.
    filler.activateWindow()
    cell(filler, "address").editor.line.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is cell(filler, "address").editor.line)
    item = next(filler.problems.item(i) for i in range(filler.problems.count())
                if "身份证号校验不通过" in filler.problems.item(i).text())
    filler.problems.itemClicked.emit(item)
    assert QApplication.focusWidget() is cell(filler, path).editor.line
    type_into(qtbot, filler, path, "11010519491231002X")   # a valid number (GB 11643's own example)
    assert not error.isVisible()


def test_required_message_after_a_touch(qtbot, session, hid):
    filler = open_filler(qtbot, session, hid)
    path = "members[1].m_name"
    type_into(qtbot, filler, path, "x")
    qtbot.keyClick(cell(filler, path).editor.line, Qt.Key.Key_Backspace)   # emptied by the person
    assert cell(filler, path).error.isVisible() and cell(filler, path).error.text() == "必填"
    assert filler.top.repeats["members"].entries[0].title.text() == "家庭成员 1"


def test_category_decides_whether_the_monitoring_category_is_asked(qtbot, session, hid):
    filler = open_filler(qtbot, session, hid)
    monitoring = cell(filler, "monitoring_category")
    choose(qtbot, filler, "category", "monitored")
    assert monitoring.isVisible()
    choose(qtbot, filler, "category", "lifted")
    assert not monitoring.isVisible()
    assert not filler.state.relevant["monitoring_category"]
    choose(qtbot, filler, "category", "monitored")
    assert monitoring.isVisible()


def test_income_items_update_the_per_capita_note(qtbot, session, hid):
    filler = open_filler(qtbot, session, hid)
    size = len(filler.top.repeats["members"].entries)
    for name in ("inc_wage", "inc_welfare_post", "inc_business", "inc_property", "inc_dividend", "inc_pension",
                 "inc_family_planning", "inc_eco_compensation", "inc_dibao", "inc_tekun", "inc_other_transfer",
                 "inc_business_expense"):
        type_into(qtbot, filler, name, "0")
    type_into(qtbot, filler, "inc_wage", str(12000 * size))
    note = filler.top.notes["income_note"]
    assert "人均纯收入 12,000 元" in note.text() and f"家庭纯收入 {12000 * size:,} 元" in note.text()
    assert not filler.top.notes["below_note"].isVisible()
    type_into(qtbot, filler, "inc_wage", str(1000 * size))
    assert "人均纯收入 1,000 元" in note.text()
    assert filler.top.notes["below_note"].isVisible()       # below the baseline: the caution shows
    assert cell(filler, "income_explanation").isVisible()   # and under 4000 it must be explained


def test_autosave_writes_a_draft_and_reopening_resumes_it(qtbot, session, hid):
    filler = open_filler(qtbot, session, hid)
    type_into(qtbot, filler, "address", "龙坪村三组8号")
    assert forms.list_drafts(session.store, hid) == []
    qtbot.wait(AUTOSAVE_MS + 400)
    drafts = forms.list_drafts(session.store, hid)
    assert len(drafts) == 1 and drafts[0]["answers"]["address"] == "龙坪村三组8号"
    assert filler.draft_label.text().startswith("草稿已保存")
    type_into(qtbot, filler, "group_name", "第五村民小组")
    with qtbot.waitSignal(session.changed, check_params_cb=lambda what: what == "forms"):
        filler.close_button.click()                          # closing saves what the timer had not
    assert forms.list_drafts(session.store, hid)[0]["answers"]["group_name"] == "第五村民小组"

    again = open_filler(qtbot, session, hid)
    assert again.banner.isVisible() and again.banner.text().startswith("已恢复草稿（")
    assert cell(again, "address").editor.value() == "龙坪村三组8号"
    assert again.draft_id == drafts[0]["id"]


def test_delete_a_member_asks_first(qtbot, session, hid, monkeypatch):
    filler = open_filler(qtbot, session, hid)
    block = filler.top.repeats["members"]
    names = [e.scope.cells["m_name"].editor.value() for e in block.entries]
    asked = []
    monkeypatch.setattr(filler, "confirm", lambda text: asked.append(text) or False)
    block.entries[0].delete_button.click()
    assert len(block.entries) == len(names) and asked and names[0] in asked[0]
    monkeypatch.setattr(filler, "confirm", lambda text: True)
    block.entries[0].delete_button.click()
    assert [e.scope.cells["m_name"].editor.value() for e in block.entries] == names[1:]
    assert block.entries[0].title.text() == f"家庭成员 1：{names[1]}"
    assert len(filler.answers()["members"]) == len(names) - 1
    block.add_button.click()
    assert block.entries[-1].title.text() == f"家庭成员 {len(names)}"
    assert block.entries[-1].scope.cells["m_welfare_post"].editor.value() == "no"   # the default
    assert any(p.startswith(f"members[{len(names)}].") for p in (i.path for i in filler.state.missing))


def test_finish_with_problems_shows_them_all(qtbot, session, hid):
    filler = open_filler(qtbot, session, hid)
    filler.finish_button.click()
    assert filler.isVisible() and filler.instance is None
    assert cell(filler, "water_quality_ok").error.isVisible()       # every required message now shows
    assert "还有" in filler.error.text()
    assert forms.list_instances(session.store, hid) == []


def test_complete_sign_view_and_list(qtbot, session, hid):
    filler = open_filler(qtbot, session, hid)
    answer_visit(qtbot, filler)
    assert filler.state.complete, filler.state.problems()
    dialog, _ = drive(filler.finish_button.click, lambda d: sign_both(qtbot, d))
    assert isinstance(dialog, SignDialog) and dialog.result() == QDialog.DialogCode.Accepted
    assert filler.signed and filler.result() == QDialog.DialogCode.Accepted
    instances = forms.list_instances(session.store, hid)
    assert [i["state"] for i in instances] == ["signed"]
    assert forms.verify(session.store)["ok"]
    assert forms.list_drafts(session.store, hid) == []          # the draft became the form

    page = HouseholdFilePage(session)
    qtbot.addWidget(page)
    page.load(hid)
    rows = page.forms_model.rows
    assert [(r["title"], r["status"]) for r in rows] == [("农户信息采集表", "signed")]
    assert page.forms_model.data(page.forms_model.index(0, 2)) == "已签名"
    assert page.tabs.tabText(page.tabs.indexOf(page.forms_tab)) == "表单 (1)"
    assert page.forms_empty.isHidden() and not page.forms_view.isHidden()

    view = FormViewDialog(session, instances[0]["id"])
    qtbot.addWidget(view)
    text = view.browser.toPlainText()
    head = households.get_household(session.store, hid)["head_name"]
    assert head in text and "家庭成员 1" in text and "人均纯收入" in text
    assert view.state_badge.text() == "已签名"
    assert set(view.pads) == {"investigator", "household"} and not view.pads["household"].is_empty()
    assert instances[0]["id"] and session.store.records.get("form_instances", instances[0]["id"])["content_hash"] \
        in view.hash_label.text()
    assert view.amend_button.isEnabled()


def test_sign_later_then_sign_from_the_file(qtbot, session, hid):
    filler = open_filler(qtbot, session, hid)
    answer_visit(qtbot, filler)
    dialog, _ = drive(filler.finish_button.click, lambda d: d.later_button.click())
    assert isinstance(dialog, SignDialog) and filler.isVisible() and not filler.signed
    assert filler.mode == "edit"                                # changes now go to the saved form
    filler.close_button.click()
    [inst] = forms.list_instances(session.store, hid)
    assert inst["state"] == "complete"

    page = HouseholdFilePage(session)
    qtbot.addWidget(page)
    page.load(hid)
    assert [r["status"] for r in page.forms_model.rows] == ["complete"]
    page.forms_view.selectRow(0)
    seen = {}
    drive(page.open_form_button.click, lambda f: seen.update(mode=f.mode, phone=cell(f, "phone").editor.value()))
    assert seen == {"mode": "edit", "phone": inst_phone(session, inst["id"])}
    assert page.sign_form_button.isEnabled()
    drive(page.sign_form_button.click, lambda d: sign_both(qtbot, d))
    assert [r["status"] for r in page.forms_model.rows] == ["signed"]
    assert forms.verify(session.store)["ok"]


def inst_phone(session, instance_id):
    return forms.instance_view(session.store, instance_id)["answers"].get("phone")


def test_amend_needs_a_reason_and_supersedes(qtbot, session, hid):
    filler = open_filler(qtbot, session, hid)
    answer_visit(qtbot, filler)
    drive(filler.finish_button.click, lambda d: sign_both(qtbot, d))
    [signed] = forms.list_instances(session.store, hid)

    amend = FormFiller(session, instance_id=signed["id"], amend=True)
    qtbot.addWidget(amend)
    amend.resize(1260, 740)
    amend.show()
    assert amend.reason_box.isVisible()
    type_into(qtbot, amend, "phone", "13800138000")
    amend.finish_button.click()
    assert amend.reason_error.isVisible() and amend.instance is None
    amend.reason.setText("电话号码已更换")
    dialog, _ = drive(amend.finish_button.click, lambda d: sign_both(qtbot, d))
    assert dialog.result() == QDialog.DialogCode.Accepted
    rows = forms.list_instances(session.store, hid)
    new = next(r for r in rows if r["supersedes"] == signed["id"])
    assert new["state"] == "signed" and new["amend_reason"] == "电话号码已更换"
    assert next(r for r in rows if r["id"] == signed["id"])["superseded"]
    assert forms.verify(session.store)["ok"]


def test_new_form_from_the_file_tab(qtbot, session, hid):
    page = HouseholdFilePage(session)
    qtbot.addWidget(page)
    page.load(hid)
    assert not page.forms_empty.isHidden() and page.forms_view.isHidden()

    def fill(filler):
        assert isinstance(filler, FormFiller) and filler.form.form_id == "household_info"
        type_into(qtbot, filler, "address", "新地址")

    drive(lambda: page.new_form("household_info"), fill)
    assert [(r["kind"], r["status"]) for r in page.forms_model.rows] == [("draft", "draft")]
    page.forms_view.selectRow(0)
    assert page.discard_draft_button.isEnabled() and not page.sign_form_button.isEnabled()

    seen = {}
    drive(page.open_form_button.click,
          lambda filler: seen.update(banner=filler.banner.text(), address=cell(filler, "address").editor.value()))
    assert seen["banner"].startswith("已恢复草稿") and seen["address"] == "新地址"


def test_labels_follow_the_window_language(qtbot, session, hid):
    filler = open_filler(qtbot, session, hid, lang="English")
    assert filler.title.text() == "Household information form"
    assert "Head of household" in cell(filler, "head_name").label.text()
    assert filler.top.repeats["members"].entries[0].title.text().startswith("Members 1")
    choose(qtbot, filler, "education_ok", "yes")
    assert [b.text() for b in cell(filler, "education_ok").editor.buttons] == ["Yes", "No"]
    assert filler.problems.item(0).text().startswith("Required: ")


def test_a_county_xlsform_imports_and_is_filled(qtbot, session, hid, tmp_path):
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "survey"
    ws.append(["type", "name", "label::中文", "required", "relevant", "constraint", "constraint_message::中文",
               "parameters"])
    ws.append(["integer", "pigs", "生猪存栏（头）", "yes", "", ". >= 0", "不能为负数", ""])
    ws.append(["select_one yn", "sold", "今年是否出栏", "yes", "", "", "", ""])
    ws.append(["integer", "sold_count", "出栏头数", "yes", "${sold} = 'y'", ". <= ${pigs}", "不能多于存栏", ""])
    ws.append(["signature", "inv", "调查人签名", "", "", "", "", "role=investigator"])
    ws.append(["signature", "head", "户主签名", "", "", "", "", "role=household"])
    c = wb.create_sheet("choices")
    for row in (["list_name", "name", "label::中文"], ["yn", "y", "是"], ["yn", "n", "否"]):
        c.append(row)
    s = wb.create_sheet("settings")
    s.append(["form_id", "version", "form_title::中文"])
    s.append(["pig_survey", "2026.3", "生猪养殖调查"])
    path = tmp_path / "county.xlsx"
    wb.save(path)

    page = HouseholdFilePage(session)
    qtbot.addWidget(page)
    page.load(hid)
    said = []
    _, result = drive(lambda: page.import_form(str(path)), lambda d: (said.append(d.text()), d.accept()))
    assert result["imported"] and "生猪养殖调查" in said[0]
    page._fill_new_form_menu()
    assert "生猪养殖调查" in [a.text() for a in page.new_form_menu.actions()]

    filler = FormFiller(session, "pig_survey", hid)
    qtbot.addWidget(filler)
    filler.show()
    type_into(qtbot, filler, "pigs", "3")
    choose(qtbot, filler, "sold", "y")
    assert filler.state.relevant["sold_count"]
    type_into(qtbot, filler, "sold_count", "5")
    assert [(i.path, i.message) for i in filler.state.issues] == [("sold_count", "不能多于存栏")]
    type_into(qtbot, filler, "sold_count", "2")
    assert filler.state.complete
    dialog, _ = drive(filler.finish_button.click, lambda d: sign_both(qtbot, d))
    assert filler.signed
    signed = [i for i in forms.list_instances(session.store, hid) if i["form_id"] == "pig_survey"]
    assert signed[0]["state"] == "signed" and forms.verify(session.store)["ok"]


def test_a_broken_workbook_is_refused_with_its_row(qtbot, session, hid, tmp_path, monkeypatch):
    from openpyxl import Workbook
    wb = Workbook()
    ws = wb.active
    ws.title = "survey"
    ws.append(["type", "name", "label", "relevant"])
    ws.append(["integer", "a", "A", ""])
    ws.append(["integer", "b", "B", "${a} >"])
    wb.create_sheet("settings").append(["form_id", "version"])
    wb["settings"].append(["bad", "1"])
    path = tmp_path / "bad.xlsx"
    wb.save(path)
    shown = []
    monkeypatch.setattr("app.ui.householdfile.forms_tab.show_error", lambda parent, e: shown.append(str(e)))
    page = HouseholdFilePage(session)
    qtbot.addWidget(page)
    page.load(hid)
    assert page.import_form(str(path)) is None
    assert shown and "row 3" in shown[0] and "relevant" in shown[0]
    assert not any(f["id"] == "bad" for f in forms.list_forms(session.store))


def test_an_odk_form_with_new_types_and_a_cascade_fills_in_the_window(qtbot, session, hid, tmp_path):
    path = tmp_path / "odk_visit.md"
    path.write_text("""
| survey |  |  |  |  |
|  | type | name | label::中文 (zh) | choice_filter |
|  | start | started | | |
|  | time | at | 到访时间 | |
|  | geopoint | where | 位置 | |
|  | range | score | 满意度 | |
|  | select_one town | town | 乡镇 | |
|  | select_one village | village | 行政村 | town=${town} |
| choices |  |  |  |  |
|  | list_name | name | label::中文 (zh) | town |
|  | town | t1 | 城关镇 | |
|  | town | t2 | 白马乡 | |
|  | village | v1 | 东村 | t1 |
|  | village | v2 | 西村 | t2 |
""", "utf-8")
    result = forms.import_form(session.store, path)
    filler = FormFiller(session, result["id"], hid)
    qtbot.addWidget(filler)
    filler.show()
    assert filler.answers()["started"]  # filled by the program, not shown
    assert "started" not in filler.cells
    type_into(qtbot, filler, "at", "9:5")
    assert [i.rule for i in filler.state.issues] == ["time"]
    type_into(qtbot, filler, "at", "09:05")
    type_into(qtbot, filler, "where", "28.2 112.9")
    type_into(qtbot, filler, "score", "7")
    choose(qtbot, filler, "town", "t1")
    offered = [b.property("choice") for b in cell(filler, "village").editor.buttons]
    assert offered == ["v1"]
    choose(qtbot, filler, "village", "v1")
    assert filler.state.complete, filler.state.problems()
    assert filler.state.values["at"] == "09:05:00" and filler.state.values["score"] == 7
