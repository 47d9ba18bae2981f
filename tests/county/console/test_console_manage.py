"""The console's actions: enrol a device from the screen, publish prompts and problem lists the
device then pulls, see them taken and closed, upload the national 问题数据清单, revoke a device."""
from __future__ import annotations

import io
import re

import pytest
from tests.county.console.consolekit import HTML, csrf_of, signed_in
from tests.support.countykit import Device

from app.services import households, sync, worklog
from county_server.inprocess import InProcess

VILLAGE = "石门村"


def token(client, path: str = "/publications") -> str:
    return csrf_of(client.get(path, headers=HTML).text)


def enrol_from_screen(client, village: str = VILLAGE, township: str = "城关镇") -> str:
    r = client.post("/devices/enrol", data={"village": village, "township": township, "server": "http://county.test",
                                            "csrf": token(client, "/devices")}, headers=HTML, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/devices/enrol/")
    return r.headers["location"].rsplit("/", 1)[1]


@pytest.fixture
def monitor(client, engine):
    return signed_in(client, engine)


def test_enrol_publish_take_close_and_revoke(monitor, store, engine):
    client = monitor
    code = enrol_from_screen(client)
    sheet = client.get(f"/devices/enrol/{code}", headers=HTML)
    assert sheet.status_code == 200 and code in sheet.text and "<svg" in sheet.text
    assert "<script" not in sheet.text
    file = client.get(f"/devices/enrol/{code}.json", headers=HTML)
    assert file.json()["code"] == code and file.json()["village"] == VILLAGE
    assert "attachment" in file.headers["content-disposition"]

    transport = InProcess(client.app)
    sync.enroll(store, "http://county.test", code, transport=transport)
    h = households.add_household(store, {"head_name": "李大山", "village": VILLAGE, "number": "0007"})
    devices = client.get("/devices", headers=HTML).text
    assert store.device_id[-12:] in devices and "在用" in devices

    r = client.post("/publications/prompts", data={
        "month": "2026-12", "title": "12月驻村工作提示", "village": "", "csrf": token(client),
        "tasks": "走访全部监测户 | 2026-12-20\n整理问题清单"}, headers=HTML, follow_redirects=False)
    assert r.status_code == 303 and "error" not in r.headers["location"]
    r = client.post("/publications/problems", data={
        "title": "11月县级核查问题", "village": VILLAGE, "csrf": token(client),
        "items": "0007 | 收入核算缺少务工收入 | 补录 | 王芳 | 2026-12-15"}, headers=HTML, follow_redirects=False)
    assert r.status_code == 303 and "error" not in r.headers["location"], r.headers["location"]

    sync.sync(store, transport=transport)
    [prompt] = worklog.prompts_for_month(store, "2026-12")
    assert sorted(t["title"] for t in prompt["tasks"]) == ["整理问题清单", "走访全部监测户"]
    [plist] = worklog.problem_lists(store)
    [item] = plist["items"]
    assert item["household_id"] == h["id"] and item["deadline"] == "2026-12-15"
    worklog.close_problem(store, item["id"], "已补录务工收入")
    worklog.complete_task(store, [t for t in prompt["tasks"] if t["due_date"]][0]["id"])
    sync.sync(store, transport=transport)

    page = client.get("/publications", headers=HTML).text
    assert re.search(r"石门村：<span class=\"ok\">已接收</span>，已完成 1/2", page), page
    assert re.search(r"石门村：<span class=\"ok\">已接收</span>，已销号 1/1", page)
    problems = re.search(r'<a href="(/publications/\d+)">\d+</a></td><td>问题清单', page).group(1)
    detail = client.get(problems, headers=HTML).text
    assert "收入核算缺少务工收入" in detail and "已补录务工收入" in detail and "已销号" in detail and "王芳" in detail

    r = client.post(f"/devices/{store.device_id}/revoke", data={"csrf": token(client, "/devices")}, headers=HTML,
                    follow_redirects=False)
    assert r.status_code == 303
    assert "已停用" in client.get("/devices", headers=HTML).text
    with pytest.raises(sync.SyncError):
        households.add_household(store, {"head_name": "王二", "village": VILLAGE})
        sync.sync(store, transport=transport)


def test_actions_need_the_csrf_token(monitor, engine):
    client = monitor
    r = client.post("/devices/enrol", data={"village": VILLAGE, "csrf": "nope"}, headers=HTML, follow_redirects=False)
    assert r.status_code == 403
    r = client.post("/publications/prompts", data={"month": "2026-12", "title": "x", "tasks": "a"},
                    headers=HTML, follow_redirects=False)
    assert r.status_code == 403


def test_a_wrong_prompt_names_its_field(monitor):
    r = monitor.post("/publications/prompts", data={"month": "2026-13", "title": "x", "tasks": "",
                                                    "csrf": token(monitor)}, headers=HTML)
    assert r.status_code == 200 and "month" in r.text and 'class="error"' in r.text


def test_the_national_problem_workbook_goes_to_each_village(monitor, engine, device, county):
    from openpyxl import Workbook
    h = device.household("张三", number="0101")
    body = device.body()
    assert device.upload(monitor, device.seal(body), body["batch_id"]).status_code == 200
    member_id = [m for m in _members(engine) if m["household_id"] == h["id"]][0]["id_number"]
    book = Workbook()
    sheet = book.active
    sheet.append(["问题数据清单"])
    sheet.append(["序号", "行政村", "户编号", "身份证号码", "问题描述", "整改时限"])
    sheet.append([1, VILLAGE, "", member_id, "人均纯收入低于4000元未说明", "2026-12-31"])
    sheet.append([2, "桃园村", "0202", "", "务工收入与社保记录不符", None])
    data = io.BytesIO()
    book.save(data)
    r = monitor.post("/publications/problems", data={"title": "全国系统预警", "village": "", "csrf": token(monitor)},
                     files={"file": ("问题数据清单.xlsx", data.getvalue())}, headers=HTML, follow_redirects=False)
    assert r.status_code == 303 and "error" not in r.headers["location"], r.headers["location"]
    from county_server import county as cty
    docs = cty.publications_after(monitor.app.state.engine, 0, None)["items"]
    by_village = {d["body"]["village"]: d["body"]["data"]["items"] for d in docs if d["body"]["kind"] == "problems"}
    assert by_village[VILLAGE] == [{"household_id": h["id"], "description": "人均纯收入低于4000元未说明",
                                    "deadline": "2026-12-31"}]
    assert by_village["桃园村"] == [{"household_number": "0202", "description": "务工收入与社保记录不符"}]


def _members(engine):
    import json

    from sqlalchemy import select

    from county_server import db
    with engine.connect() as conn:
        return [json.loads(d) for d in conn.execute(select(db.records.c.data).where(db.records.c.tbl == "members"))
                .scalars()]


def test_a_township_reviewer_cannot_act(client, engine):
    signed_in(client, engine, "r", "township", "城关镇")
    assert client.get("/devices", headers=HTML).status_code == 403
    assert client.post("/devices/enrol", data={"village": VILLAGE}, headers=HTML).status_code == 403




def test_the_devices_page_is_paginated(client, engine):
    from sqlalchemy import insert

    from county_server import db
    with engine.begin() as conn:
        conn.execute(insert(db.devices), [{"device_id": f"dev-{n:03d}", "store_id": f"s-{n}", "public_key": "00" * 32,
                                           "village": f"村{n:03d}", "township": "城关镇", "label": None,
                                           "enrolled_at": f"2026-01-01T00:{n // 60:02d}:{n % 60:02d}.000Z",
                                           "revoked_at": None, "audit_head": "0" * 64, "audit_seq": 0}
                                          for n in range(55)])
    signed_in(client, engine)
    first = client.get("/devices", headers=HTML).text
    assert "第 1 / 2 页" in first and "村000" in first and "村054" not in first
    assert "村054" in client.get("/devices?page=2", headers=HTML).text
