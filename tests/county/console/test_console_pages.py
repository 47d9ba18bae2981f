"""The console's pages over what devices synced: the overview, a village, a household file,
the township reviewer's limits, escaping, the access log."""
from __future__ import annotations

import re

from tests.county.console.consolekit import HTML, signed_in
from tests.support.countykit import Device

from county_server import users


def synced(client, device: Device, head: str = "李大山") -> dict:
    h = device.household(head)
    device.visit(h["id"])
    body = device.body()
    r = device.upload(client, device.seal(body), body["batch_id"])
    assert r.status_code == 200, r.text
    return h


def test_overview_counts_what_a_device_synced(client, engine, device):
    synced(client, device)
    signed_in(client, engine)
    page = client.get("/", headers=HTML)
    assert page.status_code == 200
    row = re.search(r"<tr>\s*<th scope=\"row\"><a href=\"/villages/[^\"]+\">石门村</a></th>(.*?)</tr>", page.text, re.S)
    assert row, page.text
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row.group(1), re.S)
    assert cells[0] == "城关镇"
    assert cells[1].startswith("1")            # one device
    assert cells[2] != "—"                     # last sync
    assert cells[5] == "1"                     # one household


def test_village_and_household_file(client, engine, device):
    h = synced(client, device)
    signed_in(client, engine, "admin", "admin")
    village = client.get("/villages/石门村", headers=HTML)
    assert village.status_code == 200 and f'/households/{h["id"]}' in village.text
    file = client.get(f"/households/{h['id']}", headers=HTML)
    assert file.status_code == 200
    assert "家庭成员" in file.text and "李大山" in file.text and "家中正常" in file.text
    assert file.headers["cache-control"] == "no-store"
    log = client.get("/access-log", headers=HTML)
    assert h["id"] in log.text and "admin" in log.text
    rows, total = users.access_log(engine)
    assert total == 1 and rows[0]["action"] == "view" and rows[0]["household_id"] == h["id"]


def test_a_household_named_like_a_script_shows_as_text(client, engine, device):
    h = synced(client, device, "<script>alert(1)</script>")
    signed_in(client, engine)
    for path in ("/villages/石门村", f"/households/{h['id']}"):
        text = client.get(path, headers=HTML).text
        assert "<script>alert(1)</script>" not in text
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text


def test_a_township_reviewer_sees_only_their_township(client, engine, device, other_device, tmp_path):
    h = synced(client, device)
    other_device.enroll(engine, "桃园村")           # the same township, 城关镇 (countykit)
    from county_server import county as cty
    code = cty.new_code(engine, "河口村", "河口镇")["code"]
    from tests.support.countykit import make_store
    far = Device(make_store(tmp_path / "far"), device.county)
    try:
        cty.enroll_device(engine, far.enroll_request(code))
        fh = synced(client, far, "远方户")
        signed_in(client, engine, "reviewer", "township", "河口镇")
        page = client.get("/", headers=HTML).text
        assert "河口村" in page and "石门村" not in page and "桃园村" not in page
        assert client.get("/villages/石门村", headers=HTML).status_code == 404
        assert client.get(f"/households/{h['id']}", headers=HTML).status_code == 404
        assert client.get(f"/households/{fh['id']}", headers=HTML).status_code == 200
        for path in ("/devices", "/publications", "/access-log"):
            assert client.get(path, headers=HTML, follow_redirects=False).status_code == 403
    finally:
        far.store.close()


def test_the_overview_follows_each_sync_and_revocation(client, engine, device):
    signed_in(client, engine)
    synced(client, device, "甲")
    assert re.search(r"<dd>1</dd>", client.get("/", headers=HTML).text)        # one household
    synced(client, device, "乙")
    page = client.get("/", headers=HTML).text
    assert re.search(r"户数 <span class=\"en\">households</span></dt><dd>2</dd>", page)
    from county_server import county as cty
    cty.revoke(engine, device.id)
    assert "(+1 停用)" in client.get("/", headers=HTML).text


def test_missed_deadlines_follow_the_device_case_rules(client, engine, device):
    from app.services import cases
    late = device.household("逾期户")
    cases.open_case(device.store, late["id"], "2026-10-01", "王芳", {"risk_types": ["illness"]})
    on_time = device.household("按期户")
    cases.open_case(device.store, on_time["id"], "2026-11-15", "王芳", {"risk_types": ["illness"]})
    body = device.body()
    assert device.upload(client, device.seal(body), body["batch_id"]).status_code == 200
    signed_in(client, engine)
    page = client.get("/", headers=HTML).text
    assert 'title="识别 1，计划 0，回头看 0">1</td>' in page
    village = client.get("/villages/石门村", headers=HTML).text
    row = re.search(r"逾期户</a></th>(.*?)</tr>", village, re.S).group(1)
    assert row.rstrip().endswith('<td class="n bad">1</td>')


def test_the_household_file_shows_its_duties(client, engine, device):
    from app.services import clues, credit, livelihood, pairing, screening
    from app.services.households import members
    h = device.household("责任户")
    member = members(device.store, h["id"])[0]
    clues.add_clue(device.store, h["id"], "visit", "2026-10-01", "家中有人住院")
    campaign = screening.add_campaign(device.store, "2026年下半年集中排查", "2026-09-01", "2026-10-31")
    screening.record_screening(device.store, campaign["id"], h["id"], "2026-09-10", "收入稳定", screener="王芳")
    livelihood.add_medical_cost(device.store, h["id"], 2026, "12345.60", member["id"])
    livelihood.set_work_months(device.store, member["id"], 2026, 8, "广东东莞")
    credit.add_loan(device.store, h["id"], "50000", "2026-01-10", 36, "养殖", borrower="责任户")
    pairing.assign(device.store, h["id"], "张干部", "2026-02-01", phone="13800000000")
    body = device.body()
    assert device.upload(client, device.seal(body), body["batch_id"]).status_code == 200
    signed_in(client, engine)
    text = client.get(f"/households/{h['id']}", headers=HTML).text
    for shown in ("家中有人住院", "核实逾期", "2026年下半年集中排查", "收入稳定", "12,345.60", "广东东莞",
                  "50,000.00", "养殖", "张干部", "13800000000"):
        assert shown in text, shown
