"""Publishing forms, policy tables and roster edits from the console, by the CLI's own checks:
an XLSForm is read by the device's form parser, its questions or its refusal shown before it is
published signed; each publication lists the villages whose devices have taken it."""
from __future__ import annotations

import json
import re
from datetime import timedelta

from sqlalchemy import select

from app.core import clock
from app.sync import envelope
from tests.county.console.consolekit import HTML, csrf_of, signed_in
from tests.support.xlsform import FORM_NAME, REFUSED, form_upload

from county_server import county as cty
from county_server import db
from county_server.console import publish

def page_token(client) -> str:
    return csrf_of(client.get("/publications/tables", headers=HTML).text)


def test_a_form_is_previewed_by_the_device_parser_then_published_and_taken(client, engine, county, device):
    signed_in(client, engine)
    r = client.post("/publications/form/preview", data={"csrf": page_token(client), "village": ""},
                    files=form_upload(), headers=HTML)
    assert r.status_code == 200
    assert "务工核查" in r.text and "外出务工月数" in r.text and "labour_check" in r.text
    token = re.search(r'name="token" value="([^"]+)"', r.text).group(1)
    done = client.post("/publications/form", data={"csrf": csrf_of(r.text), "token": token, "village": ""},
                       headers=HTML, follow_redirects=False)
    assert done.status_code == 303 and "error" not in done.headers["location"]
    [doc] = cty.publications_after(engine, 0, "石门村")["items"]
    body = envelope.verify_document(doc, county.sign_key.public_key())
    assert body["kind"] == "form" and body["data"]["settings"]["form_id"] == "labour_check"
    listed = client.get("/publications/tables", headers=HTML).text
    assert "石门村：<span class=\"bad\">未接收</span>" in listed
    assert device.request(client, "GET", "/api/v1/publications?after=0").status_code == 200
    assert "石门村：<span class=\"bad\">未接收</span>" in client.get("/publications/tables", headers=HTML).text
    device.request(client, "GET", f"/api/v1/publications?after={body['seq']}")   # it read up to it
    assert "石门村：<span class=\"ok\">已接收</span>" in client.get("/publications/tables", headers=HTML).text
    again = client.post("/publications/form", data={"csrf": csrf_of(r.text), "token": token}, headers=HTML)
    assert again.status_code == 404                                               # published once


def test_a_form_the_device_refuses_is_shown_refused(client, engine):
    signed_in(client, engine)
    r = client.post("/publications/form/preview", data={"csrf": page_token(client)},
                    files=form_upload(REFUSED), headers=HTML)
    assert r.status_code == 200 and "表单不能发布" in r.text and FORM_NAME in r.text and "Missing calculation" in r.text
    assert 'name="token"' not in r.text
    assert cty.publications_after(engine, 0, None)["items"] == []


def test_tables_and_roster_edits_are_checked_and_published(client, engine, device):
    from county_server.ingest import ingest
    h = device.household(phone="13800138000")
    ingest(engine, device.batch())
    signed_in(client, engine)
    post = lambda path, data: client.post(path, data={"csrf": page_token(client), **data}, headers=HTML,
                                          follow_redirects=False).headers["location"]
    assert "error" in post("/publications/table", {"kind": "baseline", "json": json.dumps({"defaults": {}})})
    assert "error" in post("/publications/table", {"kind": "visit_policy", "json": "{not json"})
    assert "done" in post("/publications/table", {"kind": "baseline", "json": json.dumps({"default": {"2026": 720000}})})
    assert "error" in post("/publications/roster", {"household_id": h["id"], "changes": "category=nonsense"})
    assert "done" in post("/publications/roster", {"household_id": h["id"], "changes": "phone=13922222222"})
    kinds = [d["body"]["kind"] for d in cty.publications_after(engine, 0, "石门村")["items"]]
    assert kinds == ["baseline", "roster"]
    page = client.get("/publications/tables", headers=HTML).text
    assert "户信息修改" in page and "phone" in page and "收入监测基准" in page


def preview(client) -> str:
    """Upload the form for a preview: the preview's token."""
    r = client.post("/publications/form/preview", data={"csrf": page_token(client)}, files=form_upload(),
                    headers=HTML)
    assert r.status_code == 200
    return re.search(r'name="token" value="([^"]+)"', r.text).group(1)


def kept_previews(engine) -> dict[str, str]:
    c = db.console_cache
    with engine.connect() as conn:
        return dict(conn.execute(select(c.c.key, c.c.token).where(c.c.name == publish.PREVIEW)).all())


def publish_preview(client, token: str):
    return client.post("/publications/form", data={"csrf": page_token(client), "token": token}, headers=HTML,
                       follow_redirects=False)


def test_a_preview_goes_at_its_uploaders_next_upload(client, engine):
    signed_in(client, engine)
    first = preview(client)
    second = preview(client)
    assert kept_previews(engine) == {second: "monitor"}
    assert publish_preview(client, first).status_code == 404
    assert publish_preview(client, second).status_code == 303


def test_previews_expire_after_a_day(client, engine):
    signed_in(client, engine)
    day = clock.today()
    with clock.pinned(day):
        kept = preview(client)
    signed_in(client, engine, "monitor2")
    with clock.pinned(day):
        other = preview(client)
    with clock.pinned(day):                                 # another's upload, a look: kept within the day
        client.get("/publications/tables", headers=HTML)
    assert set(kept_previews(engine)) == {kept, other}
    with clock.pinned(day + timedelta(days=2)):             # more than a day after: deleted
        r = publish_preview(client, other)
        assert r.status_code == 404 and "已过期" in r.text
        assert kept_previews(engine) == {}
        fresh = preview(client)
        assert kept_previews(engine) == {fresh: "monitor2"}
    with clock.pinned(day + timedelta(days=4)):
        client.get("/publications/tables", headers=HTML)   # a look at the page clears them too
        assert kept_previews(engine) == {}
