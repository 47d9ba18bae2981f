"""Batches and receipts, county-level checks across villages (a finding sent as a problem in one
click), and exports that record their purpose."""
from __future__ import annotations

import io
import json

import pytest
from tests.county.console.consolekit import HTML, csrf_of, signed_in
from tests.support.countykit import Device

from app.services import households
from county_server import county as cty
from county_server import users


def send(client, device: Device):
    body = device.body()
    r = device.upload(client, device.seal(body), body["batch_id"])
    assert r.status_code == 200, r.text
    return r.json()["receipt"]["body"]


@pytest.fixture
def two_villages(client, engine, device, other_store, county):
    """石门村 (城关镇) and 桃园村 (河口镇), the same person registered in both."""
    other = Device(other_store, county)
    cty.enroll_device(engine, other.enroll_request(cty.new_code(engine, "桃园村", "河口镇")["code"]))
    h = device.household("李大山")
    id_number = device.store.query("SELECT id_number FROM members WHERE household_id = ?", [h["id"]])[0]["id_number"]
    h2 = households.add_household(other_store, {"head_name": "李大山", "village": "桃园村"})
    households.add_member(other_store, h2["id"], {"name": "李大山", "relation": "head", "id_number": id_number})
    for i in range(11):   # eleven households of 桃园村 visited on one day
        x = households.add_household(other_store, {"head_name": f"户{i}", "village": "桃园村"})
        other.visit(x["id"])
    send(client, device)
    send(client, other)
    return h, h2


def test_batches_show_their_receipts(client, engine, device):
    device.household("王五")
    body = send(client, device)
    signed_in(client, engine)
    page = client.get("/batches", headers=HTML).text
    assert body["batch_id"][-12:] in page and "石门村" in page and "已收" in page
    assert f'<td class="n">{len(body["accepted"])}</td>' in page


def test_county_checks_find_what_villages_cannot(client, engine, two_villages):
    h, h2 = two_villages
    signed_in(client, engine)
    page = client.get("/checks", headers=HTML).text
    assert page.count("<strong>身份证号重复</strong>") == 2     # one finding in each village
    assert "走访集中在同一天" in page and "11次记在2026-11-02" in page
    r = client.post("/checks/problem", data={"csrf": csrf_of(page), "village": "桃园村", "household_id": h2["id"],
                                             "description": "身份证号重复：也登记在石门村"},
                    headers=HTML, follow_redirects=False)
    assert r.status_code == 303 and "done=" in r.headers["location"]
    [doc] = [d for d in cty.publications_after(engine, 0, "桃园村")["items"] if d["body"]["kind"] == "problems"]
    assert doc["body"]["village"] == "桃园村"
    assert doc["body"]["data"]["items"] == [{"household_id": h2["id"], "description": "身份证号重复：也登记在石门村"}]


def test_a_reviewer_sees_the_checks_of_their_township_only(client, engine, two_villages):
    signed_in(client, engine, "r", "township", "河口镇")
    page = client.get("/checks", headers=HTML).text
    assert page.count("<strong>身份证号重复</strong>") == 1 and "石门村" in page    # the other village named…
    assert "发为问题" not in page                                  # …and no action for a reviewer
    assert "也登记在" not in page                                  # …not its household


def test_exports_record_their_purpose(client, engine, two_villages):
    from openpyxl import load_workbook
    signed_in(client, engine, "admin", "admin")
    token = csrf_of(client.get("/exports", headers=HTML).text)
    r = client.post("/exports/ledger.xlsx", data={"csrf": token, "purpose": ""}, headers=HTML, follow_redirects=False)
    assert r.status_code == 303 and "error=" in r.headers["location"]
    r = client.post("/exports/ledger.xlsx", data={"csrf": token, "purpose": "录入全国系统"}, headers=HTML)
    assert r.status_code == 200 and r.headers["content-disposition"].startswith("attachment")
    book = load_workbook(io.BytesIO(r.content))
    rows = list(book["家庭成员信息"].iter_rows(values_only=True))
    assert rows[0][:7] == ("省", "县（市、区）", "乡（镇）", "行政村", "村民小组", "户编号", "户主姓名")
    assert sum(1 for row in rows[1:] if row[13] == "李大山") == 2
    assert len(list(book["走访记录"].iter_rows())) == 12
    pdf = client.post("/exports/summary.pdf", data={"csrf": token, "purpose": "月度调度会"}, headers=HTML)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert b"/FontFile2" in pdf.content and b"STSong-Light" not in pdf.content     # a CJK TrueType font, embedded
    log, _ = users.access_log(engine)
    assert [(e["action"], e["what"]) for e in log[:2]] == [
        ("export", "月度汇总PDF (month summary): 月度调度会"), ("export", "台账Excel (ledger): 录入全国系统")]
    assert json.dumps(log, ensure_ascii=False).count("admin") == 2


def test_checks_kept_village_by_village_equal_a_full_recomputation(client, engine, device, two_villages):
    from sqlalchemy import delete, select

    from app.core import clock
    from county_server import db
    from county_server.console import checks
    h, h2 = two_villages
    users.ensure_tables(engine)
    first = checks.county_findings(engine, clock.today())
    assert sum(f["title"] == "身份证号重复" for f in first) == 2
    c = db.console_cache
    with engine.connect() as conn:
        before = dict(conn.execute(select(c.c.key, c.c.token).where(c.c.name == checks.LOCAL)).all())
    households.update_household(device.store, h["id"], {"phone": "13900000000"})
    device.household("新户")
    send(client, device)                                   # another batch from 石门村 only
    found = checks.county_findings(engine, clock.today())
    with engine.connect() as conn:
        after = dict(conn.execute(select(c.c.key, c.c.token).where(c.c.name == checks.LOCAL)).all())
    assert after["桃园村"] == before["桃园村"] and after["石门村"] != before["石门村"]
    with engine.begin() as conn:                           # forget every contribution: compute all again
        conn.execute(delete(db.check_keys))
        conn.execute(delete(c))
    assert checks.county_findings(engine, clock.today()) == found
