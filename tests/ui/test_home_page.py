"""本月工作 and 工作提示 pages over the demo village: the due list, recording a visit from it,
ticking prompt tasks, the daily check-in, problem items, case deadlines and the chart."""
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QPushButton

from app.services import cases, due, worklog
from app.ui.home.home_page import STATUS_ORDER, HomePage
from app.ui.widgets.month_view import NoteDialog, month_of, shift_month
from app.ui.prompts.prompts_page import PromptsPage


@pytest.fixture(autouse=True)
def settle(qtbot, session):
    """Workers (the chart) hold the store: let them finish before the store closes."""
    yield
    qtbot.waitUntil(lambda: not session.tasks, timeout=10_000)


@pytest.fixture
def page(qtbot, session):
    p = HomePage(session)
    qtbot.addWidget(p)
    p.resize(1196, 716)
    p.refresh()
    return p


def answer_notes(monkeypatch, text):
    """NoteDialog answers at once: `text` as the note, today as the date."""
    seen = []

    def fake_exec(dialog):
        seen.append(dialog)
        dialog.note_edit.setPlainText(text)
        return QDialog.DialogCode.Accepted if dialog.ok_button.isEnabled() else QDialog.DialogCode.Rejected
    monkeypatch.setattr(NoteDialog, "exec", fake_exec)
    return seen


def open_items(rows):
    return {(r["household_id"], r["kind"]) for r in rows if r["status"] != "done"}


def test_due_list_shows_this_months_items_overdue_first(page, session):
    today = session.today()
    expected = session.call(due.due_list, month_of(today), today)
    assert expected, "the demo village has households due this month"
    rows = page.due_model.rows
    assert {(r["household_id"], r["kind"]) for r in rows} == {(r["household_id"], r["kind"]) for r in expected}
    order = [STATUS_ORDER[r["status"]] for r in rows]
    assert order == sorted(order)
    assert page.due_model.rowCount() == len(expected)
    first = page.due_model.index(0, 0)
    assert page.due_model.data(first) == rows[0]["head_name"]
    assert rows[0]["rule_zh"] in page.due_model.data(first, Qt.ItemDataRole.ToolTipRole)


def test_overdue_rows_come_first_and_filter_by_kind(page, session):
    today = session.today()
    month = next((m for m in (shift_month(month_of(today), -k) for k in range(0, 12))
                  if any(r["status"] == "overdue" for r in session.call(due.due_list, m, today))), None)
    assert month, "the demo village has an overdue item in the last year"
    page.set_month(month)
    assert page.due_model.rows[0]["status"] == "overdue"
    assert page.due_model.data(page.due_model.index(0, 3)) == "逾期"
    kinds = {r["kind"] for r in page.due_rows}
    kind = sorted(kinds)[0]
    page.kind_filter.setCurrentIndex(page.kind_filter.findData(kind))
    assert page.due_model.rows and all(r["kind"] == kind for r in page.due_model.rows)
    page.kind_filter.setCurrentIndex(0)
    assert len(page.due_model.rows) == len(page.due_rows)


def test_double_click_opens_the_household(page, qtbot):
    index = page.due_model.index(0, 1)
    with qtbot.waitSignal(page.open_household) as blocker:
        page.due_view.doubleClicked.emit(index)
    assert blocker.args == [page.due_model.rows[0]["household_id"]]


def test_recording_a_visit_takes_the_item_off_the_due_list(page, session, monkeypatch, qtbot):
    from app.ui.households.visit_dialog import VisitDialog

    def fake_exec(dialog):
        dialog.findings.setPlainText("入户见到户主，生产生活正常，无新增风险")
        dialog.save()
        return dialog.result()
    monkeypatch.setattr(VisitDialog, "exec", fake_exec)
    changes = []
    session.changed.connect(changes.append)

    home = next(i for i, r in enumerate(page.due_model.rows) if r["kind"] == "home_visit")
    item = page.due_model.rows[home]
    page.due_view.selectRow(home)
    assert page.visit_button.isEnabled()
    qtbot.mouseClick(page.visit_button, Qt.MouseButton.LeftButton)

    assert "visits" in changes
    assert (item["household_id"], "home_visit") not in open_items(page.due_model.rows)
    today = session.today()
    assert (item["household_id"], "home_visit") not in open_items(session.call(due.due_list, month_of(today), today))
    page.show_done.setChecked(True)
    done = [r for r in page.due_model.rows if r["household_id"] == item["household_id"] and r["kind"] == "home_visit"]
    assert done and done[0]["status"] == "done"
    assert page.due_model.data(page.due_model.index(page.due_model.rows.index(done[0]), 3)) == "已完成"


def test_a_phone_contact_row_opens_the_dialog_on_phone(page, monkeypatch):
    from app.ui.households.visit_dialog import VisitDialog
    seen = []
    monkeypatch.setattr(VisitDialog, "exec", lambda d: (seen.append(d.mode.currentData()), 0)[1])
    remote = next((i for i, r in enumerate(page.due_model.rows) if r["kind"] == "remote_contact"), None)
    if remote is None:
        pytest.skip("no phone contact due in this demo month")
    page.due_view.selectRow(remote)
    assert page.record_visit() is False
    from app.ui.households.visit_dialog import remote_mode
    assert seen == [remote_mode(page.session.store, page.due_model.rows[remote]["household_id"])]
    assert seen[0] in ("phone", "wechat")


def test_ticking_a_prompt_task_with_a_note(page, session, monkeypatch, qtbot):
    answer_notes(monkeypatch, "已完成务工监测，共 32 户")
    today = session.today()
    open_tasks = [t for p in page.prompts for t in p["tasks"] if not t["done_on"]]
    assert open_tasks, "the demo month has an open task"
    buttons = [page.prompt_grid.itemAt(i).widget() for i in range(page.prompt_grid.count())]
    buttons = [b for b in buttons if isinstance(b, QPushButton)]
    assert len(buttons) == len(open_tasks)
    qtbot.mouseClick(buttons[0], Qt.MouseButton.LeftButton)
    task = next(t for p in session.call(worklog.prompts_for_month, month_of(today), today) for t in p["tasks"]
                if t["id"] == open_tasks[0]["id"])
    assert task["done_on"] == today.isoformat()
    assert task["note"] == "已完成务工监测，共 32 户"
    assert task["done_by"] == session.user_name
    assert "已完成 {0}/{1}".format(sum(1 for t in page.prompts[0]["tasks"] if t["done_on"]),
                                  len(page.prompts[0]["tasks"])) == page.prompt_card.info.text()


def test_check_in_adds_one_day_once_a_day(page, session, monkeypatch, qtbot):
    real = session.today()
    day = date(real.year, real.month, 10)
    monkeypatch.setattr(session, "today", lambda: day)
    page.refresh()
    month = month_of(day)

    def mine():
        rows = session.call(worklog.attendance_for_month, month)
        return next((r for r in rows if r["person"] == session.user_name), None)
    before = mine()["days"] if mine() else 0

    qtbot.mouseClick(page.checkin_button, Qt.MouseButton.LeftButton)
    assert mine()["days"] == before + 1
    assert "签到:" + day.isoformat() in mine()["note"]
    assert page.checkin_button.text() == "今天已签到"

    assert page.check_in() is False            # the same day again: nothing added
    assert mine()["days"] == before + 1
    assert "今天已签到" in page.checkin_label.text()

    day = day + timedelta(days=1)              # the next day counts again
    assert page.check_in() is True
    assert mine()["days"] == before + 2
    assert mine()["note"].count("签到:") == 1 and day.isoformat() in mine()["note"]
    shown = next(r for r in page.attendance if r["person"] == session.user_name)
    assert shown["days"] == before + 2


def test_attendance_highlights_short_months(page, session):
    last = shift_month(month_of(session.today()), -1)
    page.set_month(last)
    rows = session.call(worklog.attendance_for_month, last)
    assert {r["person"] for r in page.attendance} >= {r["person"] for r in rows}
    assert not page.checkin_button.isVisible()
    session.call(worklog.set_attendance, rows[0]["person"], last, 12)
    page.refresh()
    short = next(r for r in page.attendance if r["person"] == rows[0]["person"])
    assert short["short"] is True
    texts = [page.attendance_grid.itemAt(i).widget().text() for i in range(page.attendance_grid.count())
             if hasattr(page.attendance_grid.itemAt(i).widget(), "text")]
    assert "12 天" in texts and "还差 8 天" in texts


def test_closing_a_problem_needs_a_note(page, session, monkeypatch):
    assert page.problems
    first = page.problem_tree.topLevelItem(0)
    page.problem_tree.setCurrentItem(first)
    assert page.close_button.isEnabled()
    answer_notes(monkeypatch, "")
    assert page.close_selected_problem() is False   # no note: the dialog cannot be accepted
    answer_notes(monkeypatch, "已入户核实并补录")
    item_id = first.data(0, Qt.ItemDataRole.UserRole)
    count = len(page.problems)
    assert page.close_selected_problem() is True
    assert len(page.problems) == count - 1
    assert item_id not in {p["id"] for p in page.problems}
    closed = session.store.records.get("problem_items", item_id)
    assert closed["closed_on"] and closed["note"] == "已入户核实并补录"


def test_case_deadlines_within_five_days(page, session, monkeypatch):
    today = session.today()
    clue = next(c for c in session.call(cases.list_cases, None, today) if c["state"] == "clue")
    deadline = date.fromisoformat(clue["identify_by"])
    monkeypatch.setattr(session, "today", lambda: deadline - timedelta(days=3))
    page.refresh()
    row = next(d for d in page.deadlines if d["case_id"] == clue["id"])
    assert row["days_left"] == 3 and row["step"] == "识别认定"
    monkeypatch.setattr(session, "today", lambda: deadline + timedelta(days=2))
    page.refresh()
    row = next(d for d in page.deadlines if d["case_id"] == clue["id"])
    assert row["days_left"] == -2 and row["overdue_zh"]
    monkeypatch.setattr(session, "today", lambda: deadline - timedelta(days=9))
    page.refresh()
    assert clue["id"] not in {d["case_id"] for d in page.deadlines}


def test_chart_gets_six_months(page, session, qtbot):
    qtbot.waitUntil(lambda: page.chart_data is not None, timeout=10_000)
    today = session.today()
    months = [shift_month(month_of(today), k) for k in range(-5, 1)]
    assert [r["month"] for r in page.chart_data] == months
    assert len(page.chart.data["labels"]) == 6
    names = [name for name, _ in page.chart.data["series"]]
    assert names == ["应走访", "已完成"]
    rows = session.call(due.due_list, months[-1], today, include_done=True)
    assert page.chart_data[-1] == {"month": months[-1], "due": len(rows),
                                   "done": sum(1 for r in rows if r["status"] == "done")}
    assert page.chart.data["series"][1][1][-1] == page.chart_data[-1]["done"]
    pixmap = page.chart.grab()                # paints without error
    assert not pixmap.isNull()


def test_month_selector_moves_the_page(page, session):
    this = month_of(session.today())
    page.month_selector.prev_button.click()
    assert page.month == shift_month(this, -1)
    assert page.month_selector.this_button.isEnabled()
    page.month_selector.this_button.click()
    assert page.month == this


def test_prompts_page_shows_tasks_and_summary(qtbot, session, monkeypatch):
    p = PromptsPage(session)
    qtbot.addWidget(p)
    p.refresh()
    today = session.today()
    prompts = session.call(worklog.prompts_for_month, month_of(today), today)
    tasks = [t for x in prompts for t in x["tasks"]]
    assert len(p.tasks) == len(tasks) and tasks
    assert p.tree.topLevelItemCount() == len(prompts)
    assert p.tree.topLevelItem(0).childCount() == len(prompts[0]["tasks"])
    done = sum(1 for t in tasks if t["done_on"])
    overdue = sum(1 for t in tasks if t["status"] == "overdue")
    assert p.summary_text() == "已完成 {0}/{1}，逾期 {2}".format(done, len(tasks), overdue)
    assert "已完成 {0}/{1}".format(done, len(tasks)) in p.summary.text()
    assert p.earlier, "the demo has earlier months with open tasks"
    assert all(r["month"] < month_of(today) for r in p.earlier)

    # Tick the open task through the selection and the button.
    answer_notes(monkeypatch, "按时完成")
    open_task = next(t for t in tasks if not t["done_on"])
    top = p.tree.topLevelItem(0)
    child = next(top.child(k) for k in range(top.childCount())
                 if top.child(k).data(0, Qt.ItemDataRole.UserRole) == open_task["id"])
    p.tree.setCurrentItem(child)
    assert p.tick_button.isEnabled()
    qtbot.mouseClick(p.tick_button, Qt.MouseButton.LeftButton)
    assert p.summary_counts[0] == done + 1
    ticked = next(t for t in p.tasks if t["id"] == open_task["id"])
    assert ticked["done_on"] and ticked["note"] == "按时完成"

    # An earlier month's open task: double-click goes to its month.
    first = p.earlier_tree.topLevelItem(0)
    month, task_id = p.earlier[0]["month"], p.earlier[0]["id"]
    p.earlier_tree.itemDoubleClicked.emit(first, 0)
    assert p.month == month
    assert p.selected_task()["id"] == task_id
    assert all(r["month"] < month for r in p.earlier)
