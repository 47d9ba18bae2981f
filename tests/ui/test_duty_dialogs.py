"""The duties as a cadre meets them in the window: the household file's 线索与台账 tab records a
screening, a loan (and its repayment or extension), medical costs, months of work and a change of
pairing cadre with its reason; the home page's 年度计划与排查 card creates and edits the yearly plan
and its items and opens a screening campaign. Every dialog keeps 保存 and 取消 on a 1024×600 screen,
also at 150 %; in an English window the tab names every code in English."""
from __future__ import annotations

import re
from datetime import date

import pytest
from PySide6.QtCore import QPoint, QRect, QTranslator
from PySide6.QtWidgets import QAbstractButton, QApplication, QScrollArea

from app.services import clues, credit, duty_report, households, livelihood, pairing, plan, screening
from app.ui.home.plan_card import PlanCard
from app.ui.householdfile import duty_dialogs
from app.ui.householdfile.duties_tab import DutiesTab, sections
from app.ui.widgets import fit
from app.ui.widgets.bilingual import HAN


def _household(session) -> dict:
    return session.call(households.list_households, None, None, None, 1, 0)[0]


def _tab(qtbot, session, hid: str) -> DutiesTab:
    tab = DutiesTab(session)
    qtbot.addWidget(tab)
    tab.load(hid)
    return tab


def _save(dialog) -> bool:
    dialog.save()
    return dialog.result() == dialog.DialogCode.Accepted


def test_the_duties_tab_has_a_visible_button_for_each_record(qtbot, session):
    tab = _tab(qtbot, session, _household(session)["id"])
    tab.show()
    qtbot.waitExposed(tab)
    assert {k: b.isVisible() for k, b in tab.buttons.items()} == dict.fromkeys(
        ("screening", "loan", "loan_change", "medical", "work", "pairing"), True)
    assert not tab.buttons["loan_change"].isEnabled()      # until a loan is selected


def test_each_button_of_the_duties_tab_opens_its_dialog(qtbot, session, monkeypatch):
    opened = []
    monkeypatch.setattr(duty_dialogs.DutyDialog, "exec", lambda self: opened.append(type(self).__name__) or 0)
    tab = _tab(qtbot, session, _household(session)["id"])
    for key in ("screening", "loan", "medical", "work", "pairing"):
        tab.buttons[key].click()
    assert opened == ["ScreeningDialog", "LoanDialog", "MedicalDialog", "WorkDialog", "PairingDialog"]
    card = PlanCard(session)
    qtbot.addWidget(card)
    card.load()
    for key in ("plan", "campaign"):
        card.buttons[key].click()
    assert opened[-2:] == ["PlanDialog", "CampaignDialog"]


def test_a_loan_recorded_in_the_window_is_listed_and_can_be_repaid(qtbot, session):
    hid = _household(session)["id"]
    tab = _tab(qtbot, session, hid)
    dialog = tab.dialog("loan")
    qtbot.addWidget(dialog)
    dialog.fields["amount"].setText("30000")
    dialog.fields["purpose"].setText("养殖肉牛")
    dialog.fields["term"].setValue(24)
    assert _save(dialog)
    tab.load(hid)
    loans = session.call(credit.list_loans, hid)
    loan = next(x for x in loans if x["purpose"] == "养殖肉牛")
    assert loan["amount_fen"] == 3_000_000 and loan["term_months"] == 24
    top = next(tab.tree.topLevelItem(i) for i in range(tab.tree.topLevelItemCount())
               if tab.tree.topLevelItem(i).text(0).startswith("小额信贷"))
    row = next(top.child(i) for i in range(top.childCount()) if "养殖肉牛" in top.child(i).text(2))
    tab.tree.setCurrentItem(row)
    assert tab.buttons["loan_change"].isEnabled()
    change = tab.dialog("loan_change")
    qtbot.addWidget(change)
    assert _save(change)                                  # 已还清 today
    assert next(x for x in session.call(credit.list_loans, hid) if x["id"] == loan["id"])["status"] == "repaid"


def test_medical_costs_and_months_of_work_are_recorded_from_the_window(qtbot, session):
    hid = _household(session)["id"]
    tab = _tab(qtbot, session, hid)
    medical = tab.dialog("medical")
    qtbot.addWidget(medical)
    medical.fields["year"].setValue(session.today().year - 1)
    medical.fields["amount"].setText("1200")
    assert _save(medical)
    work = tab.dialog("work")
    qtbot.addWidget(work)
    work.fields["months"].setValue(9)
    work.fields["place"].setText("广东东莞")
    assert _save(work)
    d = session.call(duty_report.household_duties, hid, session.today())
    assert any(m["out_of_pocket_fen"] == 120_000 for m in d["medical"])
    assert any(w["months_outside"] == 9 and w["place"] == "广东东莞" for w in d["work"])


def test_a_change_of_pairing_cadre_in_the_window_needs_its_reason(qtbot, session):
    """002: 帮扶责任人不得随意更换 — a change without a reason is refused in the dialog, nothing lost."""
    hid = _household(session)["id"]
    session.call(pairing.assign, hid, "刘建国", date(2025, 1, 1), today=session.today())
    tab = _tab(qtbot, session, hid)
    dialog = tab.dialog("pairing")
    qtbot.addWidget(dialog)
    dialog.fields["cadre"].setEditText("陈红梅")
    assert not _save(dialog)
    assert dialog.error.text() and dialog.fields["cadre"].currentText() == "陈红梅"
    dialog.fields["reason"].setText("刘建国调回县直单位")
    assert _save(dialog)
    history = session.call(pairing.history, hid)
    assert [(p["cadre"], p["reason"]) for p in history][-1] == ("陈红梅", "刘建国调回县直单位")


def test_a_campaign_opened_on_the_home_card_and_a_screening_at_risk_becomes_a_clue(qtbot, session):
    card = PlanCard(session)
    qtbot.addWidget(card)
    card.load()
    today = session.today()
    campaign = card.campaign_dialog()
    qtbot.addWidget(campaign)
    campaign.fields["title"].setText("测试全覆盖排查")
    campaign.fields["start"].setDate(today.replace(day=1))
    campaign.fields["end"].setDate(date(today.year, 12, 31))
    assert _save(campaign)
    card.load()
    assert "测试全覆盖排查" in card.screening.text()
    hid = _household(session)["id"]
    tab = _tab(qtbot, session, hid)
    dialog = tab.dialog("screening")
    qtbot.addWidget(dialog)
    dialog.fields["campaign"].setCurrentIndex(dialog.fields["campaign"].findText("测试全覆盖排查", flags=
                                                                                   _contains()))
    dialog.fields["screener"].setText("王芳")
    dialog.fields["findings"].setPlainText("户主住院，医疗费用大")
    dialog.fields["at_risk"].setChecked(True)
    assert _save(dialog)
    assert dialog.record["clue_id"]
    assert any(c["source"] == "screening" and "户主住院" in c["description"]
               for c in session.call(clues.list_clues, False, hid))
    card.load()
    assert "已排查 1/" in card.screening.text()


def _contains():
    from PySide6.QtCore import Qt
    return Qt.MatchFlag.MatchContains


def test_the_yearly_plan_and_its_items_are_created_edited_and_done_on_the_home_card(qtbot, session):
    card = PlanCard(session)
    qtbot.addWidget(card)
    year = session.today().year
    for p in session.call(plan.plans, year):      # the demo village's plan: this test makes its own
        session.call(lambda store, pid: store.records.delete("plans", pid, "测试"), p["id"])
    card.load()
    assert card.buttons["plan"].isEnabled() and not card.buttons["item"].isEnabled()
    new = card.plan_dialog()
    qtbot.addWidget(new)
    new.fields["title"].setText("测试年度计划")
    assert _save(new)
    card.load()
    item = card.item_dialog()
    qtbot.addWidget(item)
    item.fields["description"].setPlainText("修缮三组饮水管道")
    item.fields["responsible"].setText("王芳")
    item.fields["deadline"].setDate(date(year, 12, 31))
    assert _save(item)
    card.load()
    card.tree.setCurrentItem(card.tree.topLevelItem(0))
    edit = card.item_dialog(card.selected_item())
    qtbot.addWidget(edit)
    assert edit.fields["description"].toPlainText() == "修缮三组饮水管道"
    edit.fields["responsible"].setText("李明")
    assert _save(edit)
    card.load()
    card.tree.setCurrentItem(card.tree.topLevelItem(0))
    assert card.complete_selected()
    p = session.call(plan.plans, year)[0]
    assert p["title"] == "测试年度计划" and [(i["responsible"], i["status"]) for i in p["items"]] == [("李明", "done")]
    # The plan itself is edited too.
    again = card.plan_dialog()
    qtbot.addWidget(again)
    assert not again.fields["year"].isEnabled()
    again.fields["note"].setPlainText("县里要求增加产业项目")
    assert _save(again)
    assert session.call(plan.plans, year)[0]["note"] == "县里要求增加产业项目"


def _dialogs(session, hid):
    session.call(credit.add_loan, hid, "10000", session.today(), 12, "种植", today=session.today())
    loan = session.call(credit.list_loans, hid)[-1]
    p = session.call(plan.plans, session.today().year) or [session.call(plan.add_plan, session.today().year)]
    return [("贷款", lambda: duty_dialogs.LoanDialog(session, hid)),
            ("还清展期", lambda: duty_dialogs.LoanRepaidDialog(session, loan)),
            ("医疗", lambda: duty_dialogs.MedicalDialog(session, hid)),
            ("务工", lambda: duty_dialogs.WorkDialog(session, hid)),
            ("结对", lambda: duty_dialogs.PairingDialog(session, hid)),
            ("排查记录", lambda: duty_dialogs.ScreeningDialog(session, hid)),
            ("排查", lambda: duty_dialogs.CampaignDialog(session)),
            ("计划", lambda: duty_dialogs.PlanDialog(session)),
            ("计划事项", lambda: duty_dialogs.PlanItemDialog(session, p[0]["id"]))]


def _outside_scroll(button, dialog) -> bool:
    """Not inside the scrolling body (widgets/fit.py moves the form there, never the buttons)."""
    return not any(area.isAncestorOf(button) for area in dialog.findChildren(QScrollArea))


@pytest.mark.parametrize("screen", [QRect(0, 0, 1024, 600), QRect(0, 0, 1024 * 2 // 3, 600 * 2 // 3)],
                         ids=["1024x600", "150%"])
def test_every_duty_dialog_keeps_save_and_cancel_on_a_small_screen(qtbot, session, monkeypatch, screen):
    monkeypatch.setattr(fit, "screen_area", lambda widget=None: QRect(screen))
    problems = []
    for name, make in _dialogs(session, _household(session)["id"]):
        dialog = make()
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        QApplication.processEvents()
        if not screen.contains(dialog.frameGeometry()):
            problems.append(f"{name}: {dialog.frameGeometry()}")
        shown = [b for b in dialog.findChildren(QAbstractButton) if b.isVisibleTo(dialog) and b.text()
                 and _outside_scroll(b, dialog)]
        if {dialog.save_button, dialog.cancel_button} - set(shown):
            problems.append(f"{name}: 保存/取消 not outside the scrolling body")
        for b in shown:
            rect = QRect(b.mapTo(dialog, QPoint(0, 0)), b.size())
            if not dialog.rect().contains(rect):
                problems.append(f"{name}: {b.text()} outside")
        dialog.close()
    assert not problems, "\n".join(problems)


def _id_number() -> str:
    from tests.support.stores import id_number
    return id_number("1968-03-02", "male")


class _English(QTranslator):
    """Stands in for the English translation: every string of the window loses its Han characters
    (placeholders kept), so what is left in Han was not translated."""

    def translate(self, context, source, disambiguation=None, n=-1):  # noqa: D401 - Qt's signature
        return re.sub(r"[\u3400-\u9fff\uf900-\ufaff（），：、]", "", source) or "x"

    def isEmpty(self) -> bool:  # noqa: N802 - Qt's name
        return False


@pytest.fixture
def english(qapp):
    translator = _English()
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def test_in_an_english_window_the_duties_tab_names_every_code_in_english(qtbot, session, english):
    """A new household whose every typed text is "data": any Han left is a word of the window."""
    today = session.today()
    hid = session.call(households.add_household, {"head_name": "data", "category": "lifted"})["id"]
    session.call(households.add_member, hid, {"name": "data", "relation": "head", "id_number": _id_number()},
                 today=today)
    clue = session.call(clues.add_clue, hid, "department", today, "data", department="medical_insurance", today=today)
    session.call(clues.handle_clue, clue["id"], "no_risk", today, "data", today=today)
    session.call(clues.add_clue, hid, "self_report", today, "data", today=today)
    session.call(credit.add_loan, hid, "20000", today, 6, "data", today=today)
    head = session.call(households.members, hid)[0]
    session.call(livelihood.set_work_months, head["id"], today.year - 1, 3, "data", today=today)
    session.call(livelihood.add_medical_cost, hid, today.year - 1, "100", today=today)
    session.call(pairing.assign, hid, "data", today, "data", today=today)
    d = session.call(duty_report.household_duties, hid, today)
    names = {"data"}
    leftover = []
    for title, rows in sections(d):
        assert not HAN.search(title), title
        for cells, _warn, _ref in rows:
            for cell in cells:
                text = cell
                for data in sorted(names, key=len, reverse=True):
                    text = text.replace(data, "")
                if HAN.search(text):
                    leftover.append(cell)
    assert leftover == []
    tab = _tab(qtbot, session, hid)
    assert not any(HAN.search(b.text()) for b in tab.buttons.values())
    assert not any(HAN.search(tab.tree.topLevelItem(i).text(0)) for i in range(tab.tree.topLevelItemCount()))


def test_in_an_english_window_the_duty_dialogs_have_no_chinese_labels(qtbot, session, english):
    from PySide6.QtWidgets import QLabel
    hid = _household(session)["id"]
    for name, make in _dialogs(session, hid):
        dialog = make()
        qtbot.addWidget(dialog)
        texts = [dialog.windowTitle()] + [w.text() for w in dialog.findChildren(QLabel)] + [
            b.text() for b in dialog.findChildren(QAbstractButton)]
        assert not [t for t in texts if HAN.search(t)], name
