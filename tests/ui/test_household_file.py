"""The household file page and its dialogs: visits, the monitoring case, income."""
from datetime import timedelta

import pytest

from PySide6.QtCore import QDate, Qt  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog  # noqa: E402

from app.services import visits  # noqa: E402
from app.ui.households.case_dialogs import CaseStepDialog, next_steps  # noqa: E402
from app.ui.householdfile.household_file import HouseholdFilePage  # noqa: E402
from app.ui.households.income_dialog import IncomeDialog  # noqa: E402
from app.ui.households.visit_dialog import VisitDialog  # noqa: E402
from tests.support.window import drive  # noqa: E402


def household_with(store, state):
    """A household whose case is in `state` (None: a household without any case)."""
    if state is None:
        row = store.conn.execute("SELECT id FROM households h WHERE deleted = 0 AND NOT EXISTS"
                                 " (SELECT 1 FROM cases c WHERE c.household_id = h.id) ORDER BY id LIMIT 1").fetchone()
    else:
        row = store.conn.execute("SELECT household_id FROM cases WHERE state = ? AND deleted = 0 LIMIT 1",
                                 [state]).fetchone()
    assert row, state
    return row[0]


def click_save(qtbot, dialog):
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)


@pytest.fixture
def page(qtbot, session):
    p = HouseholdFilePage(session)
    qtbot.addWidget(p)
    p.resize(1196, 700)
    p.show()
    return p


def test_load_shows_members_visits_and_case(page, session):
    hid = household_with(session.store, "helping")
    page.load(hid)
    profile = page.profile
    names = [page.members_model.data(page.members_model.index(r, 0)) for r in range(page.members_model.rowCount())]
    assert names == [m["name"] for m in profile["members"]] and names
    assert page.name_label.text() == profile["household"]["head_name"]
    assert page.visits_model.rowCount() == len(profile["visits"]) > 0
    first = page.visits_model.data(page.visits_model.index(0, 0))
    assert profile["visits"][0]["findings"] in first
    assert page.events_model.rowCount() == len(profile["cases"][0]["events"])
    assert page.step_button.isVisible() and page.step_button.text() == "增加帮扶措施"
    assert page.incomes_model.rowCount() == len(profile["incomes"])
    assert page.forms_empty.text() == "尚无表单"

    other = household_with(session.store, "clue")   # its time to paint: bench/gui.py
    page.load(other)
    assert page.profile["household"]["id"] == other


def test_record_visit_from_the_file(qtbot, page, session):
    hid = household_with(session.store, None)
    page.load(hid)
    before = page.visits_model.rowCount()
    page.tabs.setCurrentWidget(page.visits_tab)

    def fill(dialog):
        assert isinstance(dialog, VisitDialog)
        assert dialog.visitor.text() == session.user_name
        assert dialog.date.date() == QDate(session.today())
        dialog.mode.setCurrentIndex(dialog.mode.findData("phone"))
        dialog.met_person.setCurrentText("邻居王某")
        dialog.findings.setPlainText("电话联系，家中老人身体好转，务工收入稳定")
        dialog.risks.set_checked(["illness"])
        dialog.followups.setPlainText("下月入户复核")
        with qtbot.waitSignal(session.changed, check_params_cb=lambda what: what == "visits"):
            click_save(qtbot, dialog)

    dialog, accepted = drive(page.record_visit, fill)
    assert accepted and dialog.record["mode"] == "phone" and dialog.record["risks_seen"] == ["illness"]
    assert page.visits_model.rowCount() == min(before + 1, 20)
    newest = page.visits_model.data(page.visits_model.index(0, 0))
    assert "电话联系，家中老人身体好转" in newest and "因病" in newest and "邻居王某" in newest


def test_future_visit_date_is_refused_and_input_kept(qtbot, session):
    hid = household_with(session.store, "helping")
    dialog = VisitDialog(session, hid)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.date.setDate(QDate(session.today()).addDays(3))
    dialog.findings.setPlainText("入户了解情况")
    with qtbot.assertNotEmitted(session.changed):
        click_save(qtbot, dialog)
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted and dialog.record is None
    assert dialog.error.isVisible() and "走访日期" in dialog.error.text()
    assert dialog.date.property("invalid") is True
    assert dialog.findings.toPlainText() == "入户了解情况"
    # Fixed, it saves.
    dialog.date.setDate(QDate(session.today()))
    click_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.record["findings"] == "入户了解情况"


def test_visit_needs_findings(qtbot, session):
    dialog = VisitDialog(session, household_with(session.store, None))
    qtbot.addWidget(dialog)
    dialog.show()
    click_save(qtbot, dialog)
    assert dialog.isVisible() and "走访情况" in dialog.error.text()


def test_correct_a_visit_needs_a_reason_and_shows_as_corrected(qtbot, page, session):
    hid = household_with(session.store, "helping")
    page.load(hid)
    visit = page.visits_model.rows[0]

    def fill(dialog):
        assert dialog.findings.toPlainText() == visit["findings"]
        dialog.findings.setPlainText(visit["findings"] + "（补充：低保金已到账）")
        click_save(qtbot, dialog)
        assert dialog.isVisible() and "更正原因" in dialog.error.text()
        dialog.reason.setText("漏记低保金情况")
        click_save(qtbot, dialog)

    dialog, accepted = drive(lambda: page.correct_visit(visit), fill)
    assert accepted and dialog.record["supersedes"] == visit["id"]
    texts = [page.visits_model.data(page.visits_model.index(r, 0)) for r in range(page.visits_model.rowCount())]
    corrected = [t for t in texts if "低保金已到账" in t]
    assert len(corrected) == 1 and "已更正" in corrected[0] and "漏记低保金情况" in corrected[0]
    assert not any(t.endswith(visit["findings"]) for t in texts)


def test_case_flow_from_the_file(qtbot, page, session):
    hid = household_with(session.store, None)
    page.load(hid)
    assert page.step_button.text() == "登记风险线索"
    click = lambda: qtbot.mouseClick(page.step_button, Qt.MouseButton.LeftButton)  # noqa: E731

    def clue(dialog):
        assert isinstance(dialog, CaseStepDialog) and dialog.step == "clue"
        dialog.risks.set_checked(["illness"])
        dialog.note.setPlainText("户主住院，医疗支出大")
        with qtbot.waitSignal(session.changed, check_params_cb=lambda what: what == "cases"):
            click_save(qtbot, dialog)

    dialog, _ = drive(click, clue)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert page.case and page.case["state"] == "clue"
    assert page.step_button.text() == "入户核查"

    def check(dialog):
        assert dialog.step == "check"
        dialog.note.setPlainText("入户核查：住院费用自付2万元")
        click_save(qtbot, dialog)

    drive(click, check)
    assert next_steps(page.case) == ["check", "identify", "reject"]
    assert page.step_button.text() == "识别纳入"

    def identify(dialog):
        assert dialog.step == "identify"
        assert dialog.risks.checked() == ["illness"]       # carried over from the clue
        click_save(qtbot, dialog)                            # no category chosen yet
        assert dialog.isVisible() and "监测对象类别" in dialog.error.text()
        dialog.category.setCurrentIndex(dialog.category.findData("sudden_hardship"))
        click_save(qtbot, dialog)

    dialog, _ = drive(click, identify)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert page.case["state"] == "identified" and page.step_button.text() == "制定帮扶计划"
    assert page.profile["household"]["category"] == "monitored"

    def plan(dialog):
        assert dialog.step == "plan"
        dialog.measures.set_checked(["industry"])
        assert "因病" in dialog.live.text()                  # the live warning
        with qtbot.assertNotEmitted(session.changed):
            click_save(qtbot, dialog)
        assert dialog.isVisible() and dialog.record is None
        assert "帮扶措施" in dialog.error.text() and "因病" in dialog.error.text()
        assert dialog.measures.property("invalid") is True
        assert dialog.measures.checked() == ["industry"]     # nothing lost
        dialog.measures.set_checked(["industry", "health"])
        assert "因病" not in dialog.live.text()
        click_save(qtbot, dialog)

    dialog, _ = drive(click, plan)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert page.case["state"] == "helping" and page.case["measures"] == ["industry", "health"]

    page.tabs.setCurrentWidget(page.case_tab)
    events = [page.events_model.data(page.events_model.index(r, 0)) for r in range(page.events_model.rowCount())]
    assert len(events) == 4
    assert "制定帮扶计划" in events[0] and "健康帮扶" in events[0]
    assert "风险线索" in events[-1] and "户主住院" in events[-1]
    assert [page.case_buttons.itemAt(i).widget().text() for i in range(page.case_buttons.count())] == \
        ["增加帮扶措施", "风险消除"]


def test_next_steps():
    assert next_steps(None) == ["clue"]
    assert next_steps({"state": "clue", "events": [{"kind": "clue"}]}) == ["check"]
    assert next_steps({"state": "clue", "events": [{"kind": "clue"}, {"kind": "check"}]}) == \
        ["check", "identify", "reject"]
    assert next_steps({"state": "identified", "events": []}) == ["plan"]
    assert next_steps({"state": "helping", "events": []}) == ["measure", "eliminate"]
    assert next_steps({"state": "eliminated", "events": []}) == ["followup", "stable", "revert"]
    assert next_steps({"state": "stable", "events": []}) == ["revert"]
    assert next_steps({"state": "rejected", "events": []}) == []


def test_income_dialog_live_summary_and_save(qtbot, session):
    hid = household_with(session.store, None)
    dialog = IncomeDialog(session, hid)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.household_size.setValue(3)
    qtbot.keyClicks(dialog.items["wage"], "30000")
    assert dialog.pc_label.text() == "10,000.00 元"
    assert dialog.net_label.text() == "30,000.00 元"
    assert "高于基准线" in dialog.verdict.text()
    dialog.items["business_expense"].setText("24,000")
    assert dialog.pc_label.text() == "2,000.00 元"
    assert "低于基准线" in dialog.verdict.text()
    assert "4,000" in dialog.hint.text()                     # the auditors' note warning, live
    dialog.items["business_expense"].setText("12x")
    assert dialog.items["business_expense"].property("invalid") is True
    click_save(qtbot, dialog)
    assert dialog.isVisible() and "生产经营性支出" in dialog.error.text()
    dialog.items["business_expense"].setText("")
    with qtbot.waitSignal(session.changed, check_params_cb=lambda what: what == "incomes"):
        click_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.record["per_capita_fen"] == 1_000_000 and dialog.record["household_size"] == 3


def test_income_warnings_shown_after_save(qtbot, session, monkeypatch):
    dialog = IncomeDialog(session, household_with(session.store, None))
    qtbot.addWidget(dialog)
    shown = []
    monkeypatch.setattr(dialog, "show_warnings", shown.append)
    dialog.household_size.setValue(2)
    dialog.items["pension"].setText("3000")
    click_save(qtbot, dialog)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert shown and any("4,000" in w for w in shown[0])


def test_income_from_the_file_refreshes_the_table(qtbot, page, session):
    hid = household_with(session.store, "helping")
    page.load(hid)
    before = page.incomes_model.rowCount()

    def fill(dialog):
        dialog.items["wage"].setText("60000")
        click_save(qtbot, dialog)

    drive(page.assess_income, fill)
    assert page.incomes_model.rowCount() == before + 1
    assert page.incomes_model.data(page.incomes_model.index(0, 0)) == session.today().isoformat()


def test_member_double_click_opens_the_member_dialog(qtbot, page, session, monkeypatch):
    page.load(household_with(session.store, "helping"))
    opened = []
    monkeypatch.setattr(page, "edit_member", opened.append)
    page.members_view.doubleClicked.emit(page.members_model.index(1, 0))
    assert opened == [page.members_model.rows[1]]


def test_member_dialog_opens_for_the_member(qtbot, page, session):
    page.load(household_with(session.store, "helping"))
    member = page.members_model.rows[1]
    seen = {}

    def look(dialog):
        seen["type"] = type(dialog).__name__
        seen["member_id"] = getattr(dialog, "member_id", None)

    index = page.members_model.index(1, 0)
    drive(lambda: page.members_view.doubleClicked.emit(index), look)
    assert seen == {"type": "MemberDialog", "member_id": member["id"]}


def test_stale_page_reloads_when_shown(qtbot, page, session):
    hid = household_with(session.store, "helping")
    page.load(hid)
    session.call(visits.add_visit, hid, {"visit_date": (session.today() - timedelta(days=1)).isoformat(),
                                         "mode": "home", "findings": "另一台页面记下的走访"}, session.today())
    page.hide()
    page.mark_stale()
    page.show()
    texts = [page.visits_model.data(page.visits_model.index(r, 0)) for r in range(page.visits_model.rowCount())]
    assert any("另一台页面记下的走访" in t for t in texts)


def test_visit_dialog_is_keyboard_friendly(qtbot, session):
    dialog = VisitDialog(session, household_with(session.store, "helping"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    # The date is today's and the mode follows what is due: the cursor waits in 走访情况.
    expected = [dialog.risks, dialog.followups, dialog.save_button]
    assert QApplication.focusWidget() is dialog.findings
    for widget in expected:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focus = QApplication.focusWidget()
        assert focus is widget or widget.isAncestorOf(focus), (widget, focus)
    dialog.findings.setPlainText("用键盘保存")
    with qtbot.waitSignal(session.changed):
        qtbot.keyClick(dialog.findings, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.record["findings"] == "用键盘保存"


def test_a_household_due_a_call_gets_a_call_as_the_visit_mode(qtbot, session):
    from app.services.due import due_list
    today = session.today()
    due = {r["household_id"]: r["kind"] for r in session.call(due_list, today.strftime("%Y-%m"), today)}
    calls = [h for h, kind in due.items() if kind == "remote_contact"]
    visits_due = [h for h, kind in due.items() if kind == "home_visit"]
    if not calls or not visits_due:
        pytest.skip("the demo village has no household due a call and one due a visit this month")
    for hid, mode in ((calls[0], "phone"), (visits_due[0], "home")):
        dialog = VisitDialog(session, hid)
        qtbot.addWidget(dialog)
        assert dialog.mode.currentData() == mode


def test_correcting_a_visit_and_editing_a_member_have_visible_buttons(qtbot, page, session, monkeypatch):
    hid = household_with(session.store, None)
    page.load(hid)
    assert not page.correct_visit_button.isEnabled() and not page.edit_member_button.isEnabled()
    opened = []
    monkeypatch.setattr(page, "correct_visit", lambda visit: opened.append(("visit", visit["id"])) or True)
    monkeypatch.setattr(page, "edit_member", lambda member: opened.append(("member", member["id"])) or True)
    page.visits_view.setCurrentIndex(page.visits_model.index(0, 0))
    assert page.correct_visit_button.isEnabled()
    qtbot.mouseClick(page.correct_visit_button, Qt.MouseButton.LeftButton)
    page.members_view.setCurrentIndex(page.members_model.index(0, 0))
    qtbot.mouseClick(page.edit_member_button, Qt.MouseButton.LeftButton)
    assert opened == [("visit", page.visits_model.rows[0]["id"]), ("member", page.members_model.rows[0]["id"])]


def test_visit_dialog_defaults_to_the_way_a_remote_contact_is_due(qtbot, session):
    """A household due 电话/微信联系 opens on 电话, or on 微信 when it was last reached by 微信;
    a household due a home visit opens on 入户; the cursor waits in 走访情况 either way."""
    hid = household_with(session.store, None)
    phone = VisitDialog(session, hid, due_kind="remote_contact")
    qtbot.addWidget(phone)
    last_remote = next((v["mode"] for v in visits.list_visits(session.store, hid) if v["mode"] != "home"), "phone")
    assert phone.mode.currentData() == last_remote
    visits.add_visit(session.store, hid, {"visit_date": session.today().isoformat(), "mode": "wechat",
                                          "visitor": "测试", "findings": "微信联系"}, session.today())
    wechat = VisitDialog(session, hid, due_kind="remote_contact")
    qtbot.addWidget(wechat)
    wechat.show()
    wechat.activateWindow()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    assert wechat.mode.currentData() == "wechat"
    assert QApplication.focusWidget() is wechat.findings
    home = VisitDialog(session, hid, due_kind="home_visit")
    qtbot.addWidget(home)
    assert home.mode.currentData() == "home"


def test_record_dialogs_put_their_buttons_in_the_platforms_order(qtbot, session):
    """保存 and 取消 sit in a QDialogButtonBox, which orders them as the platform does."""
    from PySide6.QtWidgets import QDialogButtonBox
    hid = household_with(session.store, None)
    for dialog in (VisitDialog(session, hid), IncomeDialog(session, hid)):
        qtbot.addWidget(dialog)
        box = dialog.save_button.parent()
        assert isinstance(box, QDialogButtonBox) and dialog.cancel_button.parent() is box
        assert box.buttonRole(dialog.save_button) == QDialogButtonBox.ButtonRole.AcceptRole
        assert box.buttonRole(dialog.cancel_button) == QDialogButtonBox.ButtonRole.RejectRole
