"""Conflicts decided value by value: both values side by side, one chosen; the other value, when
chosen, goes down to the village as the county's edit of the household; the decision is recorded
and shown."""
from __future__ import annotations

import json

from sqlalchemy import select

from tests.county.console.consolekit import HTML, csrf_of, signed_in
from tests.support.countykit import later

from county_server import county as cty
from county_server import db
from county_server.ingest import ingest


def conflict_on_phone(engine, device) -> tuple[dict, int]:
    """The village changes the phone, the county changes it later: the county's value is kept."""
    from app.services import households
    h = device.household(phone="13800138000")
    ingest(engine, device.batch())
    households.update_household(device.store, h["id"], {"phone": "13811111111"})
    later()
    cty.roster_set(engine, h["id"], {"phone": "13922222222"})
    ingest(engine, device.batch())
    [c] = cty.list_conflicts(engine)
    assert (c["field"], c["kept_value"], c["lost_value"]) == ("phone", "13922222222", "13811111111")
    return h, c["id"]


def phone_at_county(engine, household_id: str) -> str:
    with engine.connect() as conn:
        data = conn.execute(select(db.records.c.data).where(db.records.c.tbl == "households",
                                                            db.records.c.id == household_id)).scalar()
    return json.loads(data)["phone"]


def test_choosing_the_value_that_lost_sends_it_down_to_the_village(client, engine, device):
    h, conflict = conflict_on_phone(engine, device)
    signed_in(client, engine)
    page = client.get("/conflicts", headers=HTML).text
    assert "13922222222" in page and "13811111111" in page and "李大山" in page
    r = client.post(f"/conflicts/{conflict}/decide", data={"csrf": csrf_of(page), "choice": "lost"},
                    headers=HTML, follow_redirects=False)
    assert r.status_code == 303 and "error" not in r.headers["location"]
    assert phone_at_county(engine, h["id"]) == "13811111111"
    roster = [d["body"] for d in cty.publications_after(engine, 0, "石门村")["items"] if d["body"]["kind"] == "roster"]
    assert roster[-1]["data"]["changes"] == {"phone": "13811111111"}
    assert cty.list_conflicts(engine) == []                                   # no longer open
    decided = client.get("/conflicts?decided=1", headers=HTML).text
    assert "改用被覆盖的值" in decided and "monitor" in decided and f"发布 #{roster[-1]['seq']}" in decided
    again = client.post(f"/conflicts/{conflict}/decide", data={"csrf": csrf_of(page), "choice": "kept"},
                        headers=HTML, follow_redirects=False)
    assert "error" in again.headers["location"]                               # decided once


def test_keeping_the_kept_value_is_recorded_and_changes_nothing(client, engine, device):
    h, conflict = conflict_on_phone(engine, device)
    signed_in(client, engine)
    page = client.get("/conflicts", headers=HTML).text
    client.post(f"/conflicts/{conflict}/decide", data={"csrf": csrf_of(page), "choice": "kept"}, headers=HTML)
    assert phone_at_county(engine, h["id"]) == "13922222222"
    with engine.connect() as conn:
        assert conn.execute(select(db.conflict_decisions.c.choice, db.conflict_decisions.c.publication)).all() == [
            ("kept", None)]
    signed_in(client, engine, "reviewer", "township", "河口镇")
    assert client.post(f"/conflicts/{conflict}/decide", data={"csrf": "x", "choice": "kept"},
                       headers=HTML).status_code == 403
    assert "13922222222" not in client.get("/conflicts?decided=1", headers=HTML).text   # not their township
