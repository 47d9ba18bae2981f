"""A laptop restored from a USB stick: the county's enrolment file for a restore code names the
lost laptop, and joining with it says on the 同步 page what comes back and what cannot (drafts
never synced, changes after the lost laptop's last sync)."""
from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog

from app.services import sync
from app.ui.sync.sync_page import SyncPage
from county_server import api
from county_server import county as cty
from county_server.inprocess import InProcess

from tests.support.stores import make_store


def test_the_usb_enrolment_file_of_a_restore_code_shows_what_cannot_come_back(session, engine, qtbot, tmp_path,
                                                                               monkeypatch):
    county = InProcess(api.create_app(engine.url_text))
    with make_store(tmp_path / "lost", "李明") as lost:                 # the laptop that was stolen
        sync.enroll(lost, "http://county.test", cty.new_code(engine, "石门村", "城关镇")["code"], transport=county)
        lost_id = lost.device_id
    code = cty.restore_code(engine, lost_id, None)
    document = cty.enrollment_file(cty.load_county(engine), code)
    assert document["restore_of"]["device_id"] == lost_id
    usb = tmp_path / "usb"
    usb.mkdir()
    path = usb / f"enroll-{code['code']}.json"
    path.write_text(json.dumps(document, ensure_ascii=False), "utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))

    page = SyncPage(session)
    qtbot.addWidget(page)
    page.show()
    qtbot.mouseClick(page.join_file_button, Qt.MouseButton.LeftButton)
    text = page.enroll_notice.text()
    assert page.enrolled_box.isVisible() and "登记申请已写入" in text
    assert "本机代替丢失的电脑" in text and "不能取回" in text
    for line in session.read(sync.restore_notice)["not_restored"]:
        assert line in text
    assert "从未同步的表单草稿" in text
