"""`zhucun screenshots --out DIR [--size WxH] [--scale F]`: every main screen of a demo village
rendered to PNG, offscreen, on a screen of that size and display scaling."""
from __future__ import annotations

import json
import ntpath
import os
import shutil
import tempfile
import time
from pathlib import Path

from app.core import clock

DEMO_PASSPHRASE = "demo1234"
SIZE = (1366, 768)
FAST_KDF = {"algorithm": "argon2id", "memory_kib": 8192, "iterations": 1, "lanes": 1}


def _settle(app, rounds: int = 5) -> None:
    for _ in range(rounds):
        app.processEvents()


def _grab(widget, path: Path, app, seconds: float = 0.4) -> str:
    """After the page's reads have arrived and its layout has settled (a page folds its columns
    once it knows its width and its data: a grab before that shows the wide layout cut off)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        _settle(app)
        time.sleep(0.02)
    widget.grab().save(str(path))
    return str(path)


def _wait(app, done, seconds: float = 120) -> None:
    end = time.monotonic() + seconds
    while not done() and time.monotonic() < end:
        _settle(app)
        time.sleep(0.05)


def _print_shots(session, window, head: dict, folder: Path, out: Path, app) -> list[str]:
    """The handbook print dialog while printing every household, and after printing a village
    group; then 核对打印件 with a code just printed."""
    from app.services import printing

    from .printing.print_dialog import PrintDialog
    from .printing.print_other import VerifyDialog
    written = []
    dialog = PrintDialog(session, window, scope="roster")
    dialog.output.set_folder(folder)
    dialog.show()
    dialog.start()
    _wait(app, lambda: dialog.progress.value() >= 5 or dialog.state != "running")
    written.append(_grab(dialog, out / "14-print-progress.png", app))
    dialog.cancel()
    _wait(app, lambda: dialog.state not in ("running", "cancelling"))

    dialog.group_box.setCurrentIndex(max(dialog.group_box.findData(head["group_name"]), 0))
    dialog.choice_buttons["group"].setChecked(True)
    dialog.start()
    _wait(app, lambda: dialog.state != "running")
    written.append(_grab(dialog, out / "15-print-done.png", app))
    dialog.close()

    code = session.call(printing.latest_print_code)
    if code:
        verify = VerifyDialog(session, window)
        verify.show()
        verify.code_edit.setText(code)
        verify.check()
        _wait(app, lambda: not verify.checking)
        written.append(_grab(verify, out / "16-verify-print.png", app))
        verify.close()
    return written


def _import_shots(session, window, work: Path, out: Path, app) -> list[str]:
    """导入台账's preview of a national-format ledger with its planted mistakes; nothing is written."""
    from app.ledger.sample import write_national_sample

    from .forms.import_wizard import ImportWizard
    ledger = work / "防返贫监测户成员信息.xlsx"
    write_national_sample(ledger, 60, seed=5)
    wizard = ImportWizard(session, window)
    wizard.show()
    wizard.path_edit.setText(str(ledger))
    for _ in range(2):      # 选择文件 → 核对列 → 预览
        wizard.next()
        _wait(app, lambda: wizard.job is None)
    written = [_grab(wizard, out / "19-import-preview.png", app)] if wizard.step == wizard.PREVIEW else []
    wizard.close()

    from .printing.ledger_export_dialog import LedgerExportDialog
    month = session.today().strftime("%Y-%m")
    dialog = LedgerExportDialog(session, month, "visits", window)
    dialog.show()
    dialog.path_edit.setText(str(work / "Documents" / dialog.suggested_name()))
    (work / "Documents").mkdir(exist_ok=True)
    dialog.start()
    _wait(app, lambda: dialog.state != "running")
    written.append(_grab(dialog, out / "20-export-ledger.png", app))
    dialog.close()
    return written


def _sync_shots(session, window, work: Path, out: Path, app) -> list[str]:
    """同步 before joining, then after two syncs with a county server run in this process: the
    village goes up, the county sends a problem list and edits a field that was edited here too."""
    try:
        from county_server import api
        from county_server import county as cty
        from county_server import db
        from county_server.inprocess import InProcess
    except ImportError:          # the county server is not installed with this copy
        return []
    from app.services import households as hh_service
    written = []
    page = window.sync
    window.nav.setCurrentRow(window.stack.indexOf(page))
    page.address_edit.setText("http://192.168.1.10:8000")
    written.append(_grab(window, out / "17-sync-join.png", app))

    url = f"sqlite:///{work / 'county.db'}"
    engine = db.make_engine(url)
    try:
        place = session.call(hh_service.first_by_number, 3)
        cty.init_county(engine, place[0]["county"] or "示范县")
        code = cty.new_code(engine, place[0]["village"], place[0]["township"])["code"]
        page.transport = InProcess(api.create_app(url))
        page.code_edit.setText(code)
        page.join()
        _wait(app, lambda: page.busy is None)
        page.start_sync()
        _wait(app, lambda: page.busy is None, 600)

        heads = session.call(hh_service.first_by_number, 3)
        cty.publish(engine, "problems", {"title": "县级数据核查反馈问题", "items": [
            {"household_number": heads[0]["number"], "description": "家庭成员务工收入未录入，请补充"},
            {"household_number": heads[1]["number"], "description": "住房安全等级与住建部门数据不一致，请核实"},
            {"household_number": heads[2]["number"], "description": "脱贫人口小额信贷到期未还，请跟进"}]},
            place[0]["village"])
        cty.roster_set(engine, heads[0]["id"], {"phone": "13807391234"})
        session.call(hh_service.update_household, heads[0]["id"], {"phone": "13907395678"})
        page.start_sync()
        _wait(app, lambda: page.busy is None, 600)
        page.tabs.setCurrentIndex(2)
        written.append(_grab(window, out / "18-sync.png", app))
    finally:
        engine.dispose()
    return written


def platform_path(path: Path, cwd: str | None = None) -> str:
    """`path` as Qt's platform argument can carry it: Qt splits QT_QPA_PLATFORM at every ':',
    so a Windows drive letter ('C:\\…') would cut the path and abort the program. On the
    current drive the path without its drive names the same file."""
    text = str(path)
    drive, rest = ntpath.splitdrive(text)
    if not drive:
        return text
    if drive.lower() != ntpath.splitdrive(cwd or os.getcwd())[0].lower():
        raise OSError(f"{text}: 截图的工作文件夹须与当前文件夹在同一磁盘 (the work folder must be on the current drive)")
    return rest


def offscreen_screen(work: Path, size: tuple[int, int], scale: float) -> None:
    """Before the application starts: draw offscreen on a screen of `size` device pixels at
    display scaling `scale` (as a 1024×600 netbook, or a laptop at Windows' 150 %)."""
    if os.environ.get("QT_QPA_PLATFORM", "offscreen").split(":")[0] != "offscreen":
        return
    config = work / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "screen", "x": 0, "y": 0, "width": size[0],
                                               "height": size[1], "logicalDpi": 96, "dpr": 1}]}))
    os.environ["QT_QPA_PLATFORM"] = f"offscreen:configfile={platform_path(config)}"
    if scale != 1:
        os.environ["QT_SCALE_FACTOR"] = str(scale)


def render_all(out: Path, households: int = 300, language: str = "zh_CN", size: tuple[int, int] = SIZE,
               scale: float = 1.0) -> list[str]:
    from PySide6.QtWidgets import QApplication, QDialog

    from app.demo import build as demo
    from app.services import households as hh_service
    from app.storage.store import Store

    from .mainwindow.main import Controller, MainWindow, make_app
    from .settings.preferences import Preferences
    from .mainwindow.session import Session

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="zhucun-shots-"))
    if QApplication.instance() is None:
        offscreen_screen(work, size, scale)
    app = make_app()
    written: list[str] = []
    try:
        prefs = Preferences(work / "settings.ini")
        prefs.language = language
        controller = Controller(work / "none", prefs)  # installs the translator

        from .settings.first_run import FirstRunDialog
        first = FirstRunDialog(work / "new", prefs)
        first.resize(760, 560)
        first.show()
        written.append(_grab(first, out / "01-first-run.png", app))
        first.close()

        folder = work / "village"
        demo.build_demo(folder, DEMO_PASSPHRASE, households, seed=1, today=clock.today(), kdf_params=FAST_KDF)

        from .settings.unlock import UnlockDialog
        unlock = UnlockDialog(folder, prefs)
        unlock.resize(520, 360)
        unlock.show()
        written.append(_grab(unlock, out / "02-unlock.png", app))
        unlock.close()

        store = Store.open(folder, DEMO_PASSPHRASE)
        session = Session(store)
        window = MainWindow(session, controller)
        window.setObjectName("main")
        window.showMaximized()
        _settle(app, 20)
        window.nav.setCurrentRow(0)
        _settle(app, 20)
        written.append(_grab(window, out / "03-home.png", app))

        window.nav.setCurrentRow(1)
        written.append(_grab(window, out / "04-households.png", app))
        head = hh_service.list_households(store, category="monitored", limit=1)[0]
        from app.core.search_keys import name_keys
        from app.services import forms as forms_service
        initials = name_keys(head["head_name"])[-1]
        page = window.households
        page.search.setText(initials)
        page.apply_filters()
        written.append(_grab(window, out / "05-search-initials.png", app))

        window.open_household(head["id"])
        written.append(_grab(window, out / "06-household-file.png", app))
        tabs = getattr(window.file, "tabs", None)
        if tabs is not None:
            for i in range(1, tabs.count()):
                tabs.setCurrentIndex(i)
                written.append(_grab(window, out / f"07-file-tab-{i}.png", app))
            tabs.setCurrentIndex(0)

        from .forms.form_filler import FormFiller
        filler = FormFiller(session, "household_info", head["id"], window)
        filler.resize(1280, 720)
        filler.show()
        written.append(_grab(filler, out / "12-form-filler.png", app))
        filler.close()
        from .forms.form_view import FormViewDialog
        signed = next((r for r in forms_service.list_instances(store) if r["state"] == "signed"), None)
        if signed:
            view = FormViewDialog(session, signed["id"], window)
            view.show()
            written.append(_grab(view, out / "13-signed-form.png", app))
            view.close()

        from .households.visit_dialog import VisitDialog
        dialog = VisitDialog(session, head["id"], window)
        dialog.show()
        written.append(_grab(dialog, out / "08-record-visit.png", app))
        dialog.done(QDialog.DialogCode.Rejected)

        written += _print_shots(session, window, head, work / "Documents" / "驻村", out, app)
        written += _import_shots(session, window, work, out, app)

        window.nav.setCurrentRow(2)
        written.append(_grab(window, out / "09-prompts.png", app))
        window.nav.setCurrentRow(window.stack.indexOf(window.checks))
        window.checks.run()
        for _ in range(600):  # the checks run in workers; wait for both phases
            if not window.checks.running:
                break
            _settle(app)
            time.sleep(0.05)
        written.append(_grab(window, out / "11-checks.png", app))
        written += _sync_shots(session, window, work, out, app)
        window.nav.setCurrentRow(window.stack.indexOf(window.settings))
        written.append(_grab(window, out / "10-settings.png", app))
        from .mainwindow.ops import wait_for_workers
        wait_for_workers()
        window.close()
        session.lock()
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return written
