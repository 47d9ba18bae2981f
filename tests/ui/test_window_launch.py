"""The window opens on the home page without loading what the home page does not show (the
network, the sync modules, the other pages, spreadsheets, pinyin, the PDF library), builds the
other pages when first shown, and reads the due list (the first, and each after a save), the
yearly plan card's screening progress and the count of records waiting to be sent off the GUI
thread."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import threading

import pytest

from app.services import due, screening, visits
from app.ui.home import home_page
from app.ui.home.home_page import HomePage, sort_due
from tests.support.cli import ROOT

HEAVY = ("pypinyin", "openpyxl", "pyxform", "httpx", "fastapi", "county_server", "sqlite_utils", "reportlab")
LATER = ("app.services.sync", "app.sync", "app.ui.sync", "app.ui.checks",
         "app.ui.householdfile.household_file", "app.ui.settings.settings_page", "app.ui.review")

SCRIPT = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QThreadPool
from app.storage.store import Store
from app.ui.mainwindow.main import MainWindow, make_app
from app.ui.mainwindow.ops import read_pool
from app.ui.mainwindow.session import Session
app = make_app()
window = MainWindow(Session(Store.open(Path(sys.argv[1]), sys.argv[2])))
window.show()
for _ in range(3):
    app.processEvents()
read_pool().waitForDone()                    # the due list, the chart and the count have arrived
QThreadPool.globalInstance().waitForDone()
app.processEvents()
names = set(sys.modules)
heavy = sorted({m.split(".")[0] for m in names} & set(sys.argv[3].split(",")))
later = sorted(p for p in sys.argv[4].split(",") if any(m == p or m.startswith(p + ".") for m in names))
print(json.dumps({"heavy": heavy, "later": later, "due": len(window.home.due_rows),
                  "pending": window.autosync.state.pending}))
"""


def test_the_window_opens_without_what_the_home_page_does_not_need(demo_store):
    folder = demo_store.data_dir
    demo_store.close()
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(folder), "passphrase1", ",".join(HEAVY), ",".join(LATER)],
                          cwd=ROOT, capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["heavy"] == [] and result["later"] == []
    assert result["due"] > 0 and result["pending"] > 0      # what was read off the GUI thread arrived


def test_the_first_due_list_arrives_from_the_read_thread(qtbot, main_window, session):
    home = main_window.home
    today = session.today()
    expected = sort_due(session.read(due.due_list, home.month, today, include_done=home.show_done.isChecked()))
    assert expected
    qtbot.waitUntil(lambda: home.due_rows == expected and len(home.due_model.rows) > 0, timeout=10_000)
    open_n = len([r for r in expected if r["status"] != "done"])
    assert home.due_card.info.text().startswith(f"待完成 {open_n} 项")
    assert f"待走访 <b>{open_n}</b>" in home.glance.text()


@pytest.fixture
def threads(monkeypatch):
    """The threads the due list, the case deadlines and the screening progress are computed on."""
    seen = {"due": [], "screening": [], "deadlines": []}

    def on_thread(name, fn):
        def wrapped(*args, **kwargs):
            seen[name].append("gui" if threading.current_thread() is threading.main_thread() else "read")
            return fn(*args, **kwargs)
        return wrapped
    monkeypatch.setattr(due, "due_list", on_thread("due", due.due_list))
    monkeypatch.setattr(screening, "latest_campaign", on_thread("screening", screening.latest_campaign))
    monkeypatch.setattr(home_page, "upcoming_deadlines", on_thread("deadlines", home_page.upcoming_deadlines))
    return seen


def _campaign_text(c) -> str:
    if c is None:
        return "还没有全覆盖排查（每半年一次）"
    return (f"全覆盖排查「{c['title']}」{c['start_date']}–{c['end_date']}：已排查 {len(c['screened'])}/"
            f"{c['households']} 户，发现风险 {c['at_risk']} 户")


def test_the_home_page_shows_no_number_before_its_counts_arrive(qtbot, session, threads):
    """Until the read thread's answers arrive: 计算中… / 正在统计… and no count; then the counts."""
    page = HomePage(session, due_later=True)
    qtbot.addWidget(page)
    page.refresh()
    assert page.due_card.info.text() == "计算中…" and page.due_model.rows == []
    assert page.deadline_card.info.text() == "计算中…" and page.deadline_empty.isHidden()
    assert page.plan_card.screening.text() == "正在统计…"
    assert "待走访 <b>…</b>" in page.glance.text()
    qtbot.waitUntil(lambda: page.plan_card.counting is None and page._due_key is not None
                    and page.deadline_card.info.text() != "计算中…", timeout=10_000)
    assert {name: set(seen) for name, seen in threads.items()} == {"due": {"read"}, "screening": {"read"},
                                                                  "deadlines": {"read"}}
    expected = session.read(screening.latest_campaign)
    deadlines = session.read(home_page.upcoming_deadlines, session.today())
    assert page.plan_card.screening.text() == _campaign_text(expected)
    assert page.plan_card.campaign == expected
    assert page.due_card.info.text().startswith("待完成 ")
    assert [d["case_id"] for d in page.deadlines] == [d["case_id"] for d in deadlines]
    assert page.deadline_empty.isHidden() == bool(deadlines)
    qtbot.waitUntil(lambda: not session.tasks, timeout=10_000)


def test_after_a_save_the_due_list_comes_from_the_read_thread(qtbot, main_window, session, threads):
    """The read thread keeps the due list (services/due_state.py): the list after a save is brought
    up to date there, never computed on the GUI thread; the list shown stays until it arrives."""
    home = main_window.home
    qtbot.waitUntil(lambda: home._due_key is not None and home.plan_card.counting is None, timeout=10_000)
    shown, screening_text = list(home.due_rows), home.plan_card.screening.text()
    row = next(r for r in shown if r["kind"] == "home_visit" and r["status"] != "done")
    for seen in threads.values():
        seen.clear()
    session.call(visits.add_visit, row["household_id"], {"visit_date": session.today().isoformat(), "mode": "home",
                                                         "findings": "入户见到户主，生产生活正常"})
    # The window refreshed the page: the list shown and the screening count stay until the new ones arrive.
    assert home.due_rows == shown and home.due_model.rows and home.plan_card.screening.text() == screening_text
    qtbot.waitUntil(lambda: (row["household_id"], "home_visit") not in
                    {(r["household_id"], r["kind"]) for r in home.due_rows if r["status"] != "done"}, timeout=10_000)
    qtbot.waitUntil(lambda: not session.tasks, timeout=10_000)
    assert {name: set(seen) for name, seen in threads.items()} == {"due": {"read"}, "screening": {"read"},
                                                                  "deadlines": {"read"}}
    today = session.today()
    assert home.due_rows == sort_due(session.read(due.due_list, home.month, today))
    open_n = len([r for r in home.due_rows if r["status"] != "done"])
    assert home.due_card.info.text().startswith(f"待完成 {open_n} 项")
    assert f"待走访 <b>{open_n}</b>" in home.glance.text()


def test_each_page_is_built_when_first_shown_and_opens_household_files(qtbot, main_window, session):
    window = main_window
    before = window.stack.count()
    for row in range(window.nav.count()):
        window.nav.setCurrentRow(row)
        page = window.stack.currentWidget()
        assert page is window.page(window.PAGES[row]) and window.stack.indexOf(page) == row
    assert window.stack.count() == before
    hid = session.store.conn.execute("SELECT id FROM households WHERE deleted = 0 LIMIT 1").fetchone()[0]
    window.checks.open_household.emit(hid)
    assert window.stack.currentWidget() is window.file and window.file.household_id == hid


def test_work_that_ends_after_the_window_closed_is_not_reported_as_an_error(qapp, monkeypatch):
    """Closing the window while a background read runs (the first due list, the chart): the
    read's progress and result have no one to go to, and that is not an error to log."""
    from shiboken6 import delete

    from app import log
    from app.ui.mainwindow.worker import Task
    logged = []
    monkeypatch.setattr(log, "log_unexpected", lambda e, where: logged.append(e) or "ref")
    steps = []
    task = Task(lambda report: steps.append(report(1, 2)) or 5)
    task.setAutoDelete(False)
    delete(task.signals)            # the application tore its objects down
    task.run()
    assert steps == [] and logged == []
