"""A repeat inside a repeat in the form window: each member has its own 添加 for jobs, an inner
answer is checked and named by its full path (成员 1：赵一 · 工作 2：深圳), a calculation over the inner
entries of one member shows, and deleting an inner entry moves the ones below it up."""
import pytest

from PySide6.QtWidgets import QMessageBox  # noqa: E402

from app.services import forms  # noqa: E402
from tests.support.window import FORMS, open_form  # noqa: E402



@pytest.fixture
def filler(qtbot, session, hid):  # noqa: F811
    return open_form(qtbot, session, hid, FORMS / "labour_nested.md", "labour")


def test_inner_entries_fill_check_and_delete(qtbot, monkeypatch, filler):
    member = filler.add_entry(filler.top.repeats["member"])
    member.scope.cells["m_name"].editor.set_value("赵一")
    jobs = member.scope.repeats["job"]
    for place, months in (("县城", "8"), ("深圳", "13"), ("本村", "2")):
        job = filler.add_entry(jobs)
        job.scope.cells["place"].editor.set_value(place)
        job.scope.cells["months"].editor.set_value(months)
    filler.refresh()
    assert set(filler.cells) >= {"member[1].m_name", "member[1].job[3].months"}
    assert [(i.path, i.rule) for i in filler.state.issues] == [("member[1].job[2].months", "constraint")]
    assert filler.problems.item(0).text().startswith("成员 1：赵一 · 工作 2：深圳 · 月数")
    assert filler.state.values["member"][0]["member_months"] == 23
    assert "合计 23 个月" in member.scope.notes["total"].text()
    assert filler.answers()["member"][0]["job"][2] == {"place": "本村", "months": "2"}

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    filler.touched.add("member[1].job[3].months")
    assert filler.delete_entry(jobs.entries[1])
    assert [e.scope.at() for e in jobs.entries] == [(0, 0), (0, 1)]
    assert "member[1].job[2].months" in filler.touched and "member[1].job[3].months" not in filler.touched
    assert filler.state.complete and filler.state.values["member"][0]["member_months"] == 10


def test_a_filled_form_shows_the_inner_entries(qtbot, session, hid, filler):
    from app.ui.forms.form_view import FormViewDialog
    member = filler.add_entry(filler.top.repeats["member"])
    member.scope.cells["m_name"].editor.set_value("赵一")
    job = filler.add_entry(member.scope.repeats["job"])
    job.scope.cells["place"].editor.set_value("县城")
    job.scope.cells["months"].editor.set_value("8")
    record = forms.fill(session.store, "labour", hid, filler.answers())
    view = FormViewDialog(session, record["id"])
    qtbot.addWidget(view)
    html = view.answers_html()
    assert "成员 1：赵一" in html and "工作 1：地点 县城，月数 8" in html
