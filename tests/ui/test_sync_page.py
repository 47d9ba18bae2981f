"""同步 page: joining the county (code or USB file), syncing in a worker with progress and cancel,
what came back (rejected records, conflicts, the county's problem lists), errors, and the USB
route — against the real county server (`county_server.api.create_app` on SQLite, in process)."""
from __future__ import annotations

import json
import threading
from datetime import date

import httpx
import pytest

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtWidgets import QFileDialog  # noqa: E402

from app.services import households as hs  # noqa: E402
from app.services import review_signoff, sync, worklog  # noqa: E402
from app.ui.sync import sync_page  # noqa: E402
from app.ui.sync.sync_page import SyncPage  # noqa: E402
from county_server import cli as county_cli  # noqa: E402
from county_server import county as cty  # noqa: E402
from county_server import api  # noqa: E402
from county_server.inprocess import InProcess  # noqa: E402

VILLAGE = "石门村"
TOWNSHIP = "城关镇"


class Gate(httpx.BaseTransport):
    """Holds the first part of an upload until the test lets it go."""

    def __init__(self, inner):
        self.inner = inner
        self.armed = True
        self.reached = threading.Event()
        self.release = threading.Event()
        self.parts = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if request.method == "PUT" and "/parts/" in request.url.path:
            self.parts += 1
            if self.armed and not self.reached.is_set():
                self.reached.set()
                self.release.wait(30)
        return self.inner.handle_request(request)


@pytest.fixture
def county(engine):
    return InProcess(api.create_app(engine.url_text))


@pytest.fixture
def errors(monkeypatch):
    """What the page would show in an error box, recorded instead."""
    shown = []
    monkeypatch.setattr(sync_page, "show_error", lambda parent, exc: shown.append(exc))
    return shown


@pytest.fixture
def page(session, county, qtbot, errors):
    p = SyncPage(session)
    p.transport = county
    qtbot.addWidget(p)
    p.resize(1196, 718)
    p.show()
    return p


def wait_idle(page, qtbot) -> None:
    qtbot.waitUntil(lambda: page.busy is None, timeout=60_000)


def join(page, engine, qtbot, address: str = "county.test") -> None:
    code = cty.new_code(engine, VILLAGE, TOWNSHIP)["code"]
    page.address_edit.setText(address)
    page.code_edit.setText(code.lower())
    qtbot.mouseClick(page.join_button, Qt.MouseButton.LeftButton)
    wait_idle(page, qtbot)


def run_sync(page, qtbot) -> None:
    assert page.sync_button.isEnabled()
    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert page.busy == "sync" or page.busy is None
    wait_idle(page, qtbot)


def figures(page) -> dict:
    return {k: int(label.text()) for k, label in page.figures.items()}


def pending(page) -> int:
    return int(page.pending_label.text().split()[0])


def a_household(session) -> dict:
    hid = session.store.conn.execute(
        "SELECT id FROM households WHERE deleted = 0 ORDER BY number LIMIT 1").fetchone()[0]
    return session.call(hs.get_household, hid)


def test_join_with_the_code_then_sync_sends_the_changes(page, engine, session, qtbot, errors):
    assert page.join_box.isVisible() and not page.enrolled_box.isVisible()
    assert not page.sync_button.isEnabled() and not page.export_button.isEnabled()
    assert page.summary.text() == "本机尚未加入县服务器"
    waiting = pending(page)
    assert waiting > 0 and page.last_sync_label.text() == "从未同步"

    join(page, engine, qtbot)
    assert errors == []
    assert page.enrolled_box.isVisible() and not page.join_box.isVisible()
    assert page.county_label.text() == "测试县" and page.village_label.text() == f"{TOWNSHIP} {VILLAGE}"
    assert page.server_edit.text() == "http://county.test"
    assert page.enrolled_label.text() == date.today().isoformat()
    assert "已加入测试县" in page.enroll_notice.text() and page.summary.text() == f"测试县 · {VILLAGE}"
    assert page.sync_button.isEnabled() and page.export_button.isEnabled()

    run_sync(page, qtbot)
    assert errors == [] and page.result_title.text() == "同步完成"
    assert figures(page) == {"pushed": waiting, "accepted": waiting, "rejected": 0, "pulled": 0, "conflicts": 0}
    assert pending(page) == 0 and page.last_sync_label.text() != "从未同步"

    h = a_household(session)
    session.call(hs.update_household, h["id"], {"phone": "13812345678"})
    page.refresh()
    assert pending(page) == 1
    run_sync(page, qtbot)   # the demo village reviews: the change waits for the leader's approval
    assert figures(page)["pushed"] == 0 and "尚未经队长审核批准" in page.result_note.text()
    session.call(review_signoff.approve, None)
    page.refresh()
    assert pending(page) == 2  # the change and the approval
    run_sync(page, qtbot)
    assert figures(page)["pushed"] == 2 and figures(page)["accepted"] == 2
    assert pending(page) == 0 and page.rejected_label.text() == "0 条"


def test_a_county_problem_list_arrives_with_the_next_sync(page, engine, session, qtbot, errors):
    join(page, engine, qtbot)
    run_sync(page, qtbot)
    h = a_household(session)
    title = "县级核查发现的问题"
    cty.publish(engine, "problems", {"title": title, "items": [
        {"household_number": h["number"], "description": "务工收入未录入，请补充"}]}, VILLAGE)

    run_sync(page, qtbot)
    assert errors == [] and figures(page)["pulled"] == 1
    model = page.problem_model
    rows = [r for r in range(model.rowCount()) if model.index(r, model.LIST).data() == title]
    assert len(rows) == 1
    row = rows[0]
    assert model.index(row, model.HOUSEHOLD).data() == h["head_name"]
    assert model.index(row, model.DESCRIPTION).data() == "务工收入未录入，请补充"
    assert page.tabs.currentIndex() == 2 and page.tabs.tabText(2) == f"县里下发的问题（{model.rowCount()}）"

    table = page.problem_table
    rect = table.visualRect(model.index(row, model.HOUSEHOLD))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(page.open_household, timeout=2000) as opened:
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [h["id"]]


def test_cancel_leaves_the_page_usable_and_the_next_sync_resumes(page, engine, session, qtbot, errors,
                                                                 monkeypatch):
    monkeypatch.setattr(sync.upload, "PART_SIZE", 32 * 1024)
    join(page, engine, qtbot)
    waiting = pending(page)
    gate = page.transport = Gate(page.transport)

    qtbot.mouseClick(page.sync_button, Qt.MouseButton.LeftButton)
    assert page.busy == "sync" and not page.sync_button.isEnabled()
    assert page.progress.isVisible() and page.cancel_button.isVisible()
    qtbot.waitUntil(gate.reached.is_set, timeout=30_000)
    # The store is free while a request is on its way: the window can read meanwhile.
    page.refresh()
    assert pending(page) == waiting
    qtbot.waitUntil(lambda: "正在上传更改" in page.progress_label.text(), timeout=5000)
    qtbot.mouseClick(page.cancel_button, Qt.MouseButton.LeftButton)
    assert page.progress_label.text() == "正在取消…" and not page.cancel_button.isEnabled()
    gate.release.set()
    wait_idle(page, qtbot)

    assert errors == []
    assert page.result_title.text() == "已取消同步" and "下次同步会接着传" in page.result_note.text()
    assert not page.progress.isVisible() and page.sync_button.isEnabled()
    assert pending(page) == waiting
    sent_before = gate.parts

    gate.armed = False
    run_sync(page, qtbot)
    assert errors == [] and page.result_title.text() == "同步完成"
    [batch] = page.last_result["batches"]
    assert batch["parts"] > 2 and batch["sent"] == batch["parts"] - sent_before
    assert figures(page)["accepted"] == waiting and pending(page) == 0


def test_an_unreachable_county_is_told_and_nothing_is_lost(page, engine, session, qtbot, errors, monkeypatch):
    join(page, engine, qtbot)
    waiting = pending(page)
    original = sync.client_for
    monkeypatch.setattr(sync.trip, "client_for", lambda store, server=None, **kw: original(store, server, backoff=(0, 0),
                                                                                      **kw))
    county = page.transport

    def unreachable(request):
        raise httpx.ConnectError("connection refused", request=request)
    page.transport = httpx.MockTransport(unreachable)

    run_sync(page, qtbot)
    [error] = errors
    assert isinstance(error, sync.SyncError) and "连不上" in str(error)
    assert page.result_title.text() == "同步未完成"
    assert "连不上" in page.result_note.text() and "本机的更改都还在" in page.result_note.text()
    assert pending(page) == waiting and page.sync_button.isEnabled() and page.last_sync_label.text() == "从未同步"

    page.transport = county
    run_sync(page, qtbot)
    assert len(errors) == 1 and pending(page) == 0


def test_a_revoked_device_is_told(page, engine, session, qtbot, errors):
    join(page, engine, qtbot)
    cty.revoke(engine, session.store.device_id)
    run_sync(page, qtbot)
    [error] = errors
    assert isinstance(error, sync.SyncError) and error.status == 403
    assert "停用" in page.result_note.text() and page.sync_button.isEnabled()


def test_a_refused_batch_names_the_county_reason(session, qtbot, errors):
    from tests.support.fakecounty import FakeCounty
    fake = FakeCounty()
    page = SyncPage(session)
    page.transport = fake.transport()
    qtbot.addWidget(page)
    page.show()
    page.address_edit.setText("http://county.test")
    page.code_edit.setText(fake.new_code())
    qtbot.mouseClick(page.join_button, Qt.MouseButton.LeftButton)
    wait_idle(page, qtbot)
    waiting = pending(page)
    fake.fault = lambda request: (httpx.Response(422, json={"detail": "审计链不连续"})
                                  if request.url.path.endswith("/commit") else None)
    run_sync(page, qtbot)
    [error] = errors
    assert error.status == 422 and "审计链不连续" in page.result_note.text()
    assert page.result_title.text() == "同步未完成" and pending(page) == waiting


def test_a_wrong_code_is_told_and_nothing_is_enrolled(page, engine, qtbot, errors):
    page.address_edit.setText("http://county.test")
    qtbot.mouseClick(page.join_button, Qt.MouseButton.LeftButton)
    assert page.enroll_error.text() == "请填写县里给的登记码。" and page.busy is None
    page.code_edit.setText("AAAA-BBBB-CCCC")
    qtbot.mouseClick(page.join_button, Qt.MouseButton.LeftButton)
    wait_idle(page, qtbot)
    [error] = errors
    assert error.status == 404 and "登记码不对" in page.enroll_error.text()
    assert page.join_box.isVisible() and not page.sync_button.isEnabled()


def test_conflicts_are_listed_and_marked_reviewed(page, engine, session, qtbot, errors):
    join(page, engine, qtbot)
    run_sync(page, qtbot)
    h = a_household(session)
    cty.roster_set(engine, h["id"], {"note": "县里改的"})
    session.call(hs.update_household, h["id"], {"note": "本机改的"})
    run_sync(page, qtbot)
    assert errors == [] and figures(page)["conflicts"] == 1
    assert page.conflicts_label.text() == "1 处" and page.tabs.currentIndex() == 1
    model = page.conflict_model
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in range(model.AT)] == [h["head_name"], "备注", "本机改的", "县里改的",
                                                                    "本机"]
    assert not page.review_button.isEnabled()
    page.conflict_table.selectRow(0)
    assert page.review_button.isEnabled()
    qtbot.mouseClick(page.review_button, Qt.MouseButton.LeftButton)
    assert model.rowCount() == 0 and page.conflicts_label.text() == "0 处"
    assert page.tabs.tabText(1) == "冲突（0）"
    assert session.call(sync.conflicts, True)[0]["reviewed"]


def test_rejected_records_show_the_reason_and_open_the_household(session, qtbot, errors):
    from tests.support.fakecounty import FakeCounty
    fake = FakeCounty()
    h = a_household(session)
    fake.reject = lambda item: ("身份证号与县里的记录不符" if item["tbl"] == "members"
                                and item["data"]["household_id"] == h["id"] else None)
    page = SyncPage(session)
    page.transport = fake.transport()
    qtbot.addWidget(page)
    page.show()
    page.address_edit.setText("http://county.test")
    page.code_edit.setText(fake.new_code())
    qtbot.mouseClick(page.join_button, Qt.MouseButton.LeftButton)
    wait_idle(page, qtbot)
    run_sync(page, qtbot)
    members = session.store.conn.execute("SELECT count(*) FROM members WHERE household_id = ?", [h["id"]]).fetchone()[0]
    assert errors == [] and figures(page)["rejected"] == members > 0
    assert page.rejected_label.text() == f"{members} 条" and page.tabs.currentIndex() == 0
    model = page.rejected_model
    assert model.rowCount() == members
    assert {model.index(r, model.KIND).data() for r in range(members)} == {"家庭成员"}
    assert {model.index(r, model.HOUSEHOLD).data() for r in range(members)} == {h["head_name"]}
    assert model.index(0, model.REASON).data() == "身份证号与县里的记录不符"
    assert model.index(0, model.STATE).data() == "待改正"
    with qtbot.waitSignal(page.open_household, timeout=2000) as opened:
        page.rejected_table.activated.emit(model.index(0, model.REASON))
    assert opened.args == [h["id"]]


def test_usb_route_from_the_enrollment_file_to_the_receipt(page, engine, session, qtbot, errors, tmp_path,
                                                           monkeypatch):
    usb = tmp_path / "usb"
    usb.mkdir()
    code = cty.new_code(engine, VILLAGE, TOWNSHIP)
    enroll_file = usb / f"enroll-{code['code']}.json"
    enroll_file.write_text(json.dumps(cty.enrollment_file(cty.load_county(engine), code), ensure_ascii=False),
                           "utf-8")
    chosen = {"open": str(enroll_file)}
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (chosen["open"], "")))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(usb / "本月批次"), "")))

    qtbot.mouseClick(page.join_file_button, Qt.MouseButton.LeftButton)
    assert errors == [] and page.enrolled_box.isVisible()
    request = usb / f"enroll-request-{session.store.device_id}.json"
    assert request.is_file() and str(request) in page.enroll_notice.text()
    assert page.server_edit.text() == "" and page.export_button.isEnabled()
    # At the township: the county imports the request.
    cty.enroll_from_file(engine, json.loads(request.read_text("utf-8")))

    waiting = pending(page)
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    wait_idle(page, qtbot)
    batch = usb / "本月批次.zhb"
    assert errors == [] and batch.is_file()
    assert "已导出批次" in page.usb_status.text() and str(batch) in page.usb_status.text()
    assert county_cli.main(["import", str(batch), "--db", engine.url_text]) == 0
    receipt = usb / "本月批次.receipt.json"
    assert receipt.is_file()

    chosen["open"] = str(receipt)
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    wait_idle(page, qtbot)
    assert errors == []
    assert page.usb_status.text().startswith(f"回执已核验并采用：县里接收 {waiting} 条，退回 0 条")
    assert pending(page) == 0 and page.last_sync_label.text() != "从未同步"

    # Nothing more to send; and the same receipt again is recognised.
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    wait_idle(page, qtbot)
    assert page.usb_status.text() == "没有待上传的更改，不需要导出。"
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    wait_idle(page, qtbot)
    assert "以前已经导入过" in page.usb_status.text()

    chosen["open"] = str(enroll_file)          # not a receipt
    qtbot.mouseClick(page.import_button, Qt.MouseButton.LeftButton)
    wait_idle(page, qtbot)
    [error] = errors
    assert "回执" in str(error) and page.import_button.isEnabled()


def test_the_window_shows_sync_before_settings_and_refreshes_it(session, qtbot, errors):
    from app.ui.mainwindow.main import MainWindow
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    names = [window.nav.item(i).text() for i in range(window.nav.count())]
    assert names.index("同步") == names.index("设置") - 1
    page = window.sync
    window.nav.setCurrentRow(names.index("同步"))               # read when first shown
    before = pending(page)
    assert before == session.read(sync.status)["pending"]
    window.nav.setCurrentRow(0)
    session.call(worklog.add_problem_list, "队里的问题清单")     # a new record: one more to send
    window.nav.setCurrentRow(names.index("同步"))
    assert window.stack.currentWidget() is page and pending(page) == before + 1
    h = a_household(session)
    page.open_household.emit(h["id"])
    assert window.stack.currentWidget() is window.file and window.file.household_id == h["id"]


def test_over_real_http_to_a_county_on_this_computer(session, qtbot, errors):
    """No transport given: the page's own HTTP client, to a county listening on the loopback."""
    from tests.support.fakecounty import FakeCounty, LoopbackServer
    fake = FakeCounty()
    page = SyncPage(session)
    qtbot.addWidget(page)
    page.show()
    with LoopbackServer(fake) as server:
        page.address_edit.setText(server.url)
        page.code_edit.setText(fake.new_code())
        qtbot.mouseClick(page.join_button, Qt.MouseButton.LeftButton)
        wait_idle(page, qtbot)
        waiting = pending(page)
        fake.publish("problems", {"title": "县里的问题", "items": [
            {"household_id": a_household(session)["id"], "description": "请核实"}]}, village=None)
        run_sync(page, qtbot)
    assert errors == [] and page.server_edit.text() == server.url
    assert figures(page)["accepted"] == waiting and figures(page)["pulled"] == 1
    assert fake.count("PUT", r"/parts/") >= 1
