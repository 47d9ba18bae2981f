"""The window opens on the home page without loading what the home page does not show (the
network, the sync modules, the other pages, spreadsheets, pinyin), builds the other pages
when first shown, and reads the first due list and the count of records waiting to be sent
off the GUI thread."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from app.services import due
from app.ui.home.home_page import sort_due
from tests.support.cli import ROOT

HEAVY = ("pypinyin", "openpyxl", "pyxform", "httpx", "fastapi", "county_server", "sqlite_utils")
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
